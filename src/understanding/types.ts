import type { QuestionPlan } from '../plans/plan';
import type { PairCompared } from './pairCompared';

export { INTENTS, type IntentName } from './intents/registry';
import type { IntentName } from './intents/registry';

export const ENTITY_TYPES = ['user', 'group', 'app', 'role', 'policy', 'errorCode', 'requestId', 'timeRange', 'riskLevel', 'action', 'country', 'namedLocation', 'userAttribute'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** Tenant objects found by name through the directory. */
/** The people fields a message can describe people by ("users in Toronto", "the London office", "engineers"). */
export type UserAttributeField = 'city' | 'officeLocation' | 'department' | 'jobTitle' | 'guestDomain';

export type DirectoryEntityType = 'user' | 'group' | 'app';

/** The mitigations an admin may ask for (risk.remediate): Graph's actions, and a password reset the bot explains. */
export type AskedMitigation = 'confirmCompromised' | 'dismiss' | 'confirmSafe' | 'revokeSessions' | 'disable' | 'resetPassword';

export type RiskLevel = 'high' | 'medium' | 'low' | 'none';

/**
 * How a tenant object named in the message was resolved: `resolved` carries the object; `ambiguous` carries the
 * candidates to choose from; `notFound` the closest names; `unresolved` means no directory was asked (no tenant).
 */
export type Resolution = 'resolved' | 'ambiguous' | 'notFound' | 'unresolved';

export interface Candidate {
  id: string;
  displayName: string;
  userPrincipalName?: string;
  appId?: string;
}

/**
 * One recognised entity: plain data, serialisable, shown as is in `ask --json`. `text` is what the admin wrote;
 * `value` the normalised value (error code digits, role name, risk level, action, time range key).
 */
export interface Entity {
  type: EntityType;
  text: string;
  value?: string;
  /** Resolved tenant objects (user, group, app). */
  id?: string;
  displayName?: string;
  userPrincipalName?: string;
  appId?: string;
  resolution?: Resolution;
  candidates?: Candidate[];
  /** notFound: the closest names in the tenant. */
  suggestions?: string[];
  /** Time ranges: the window as ISO 8601 instants, computed from the turn's clock. */
  start?: string;
  end?: string;
  /** Set when the name as written matched nothing and a close spelling was taken instead (what was written). */
  correctedFrom?: string;
  /** userAttribute: the person field the words name. */
  field?: UserAttributeField;
  /** userAttribute: the people with that value, by id, from the directory's names (a bounded number). */
  memberIds?: string[];
  /** namedLocation: what the location covers. */
  ipRanges?: string[];
  countries?: string[];
  /** namedLocation written as an office people work in ("the London office"): that office's name. */
  office?: string;
  /** A policy named only by what it does ("the country block"): dropped unless it links to the tenant's policy. */
  tentative?: boolean;
  /** Where the entity came from: the message, the conversation so far (a follow-up), or the intent's default. */
  source?: 'message' | 'conversation' | 'default';
}

export interface Understanding {
  intent: IntentName;
  entities: Entity[];
  /** A list, count or breakdown question: what to read and what to do with it (src/plans/plan.ts). */
  plan?: QuestionPlan;
  /** The plan a rich answer's question amounts to: not answered with, remembered for follow-ups. */
  contextPlan?: QuestionPlan;
  /** The cleaned text the recogniser saw. */
  text: string;
  /** True when the message leaned on the conversation so far ("and his groups?"). */
  followUp?: boolean;
  /** The grammar found no cue and the trained classifier chose the intent: a channel post is then not answered unasked. */
  guessed?: boolean;
  /**
   * The question is asked only of these rows of the last answer ("which of those have expired creds?" after a list of
   * apps): a rich answer that lists (the expiring credentials) shows only them. Apps by application id.
   */
  among?: { type: 'app'; ids: string[]; label: string };
  /**
   * Other people the message named besides the one its answer is about ("compare Sara Novak and Sara Flores - …"):
   * remembered with them, so "are both of them …" next is about all of them.
   */
  alsoNamed?: Array<{ id: string; displayName: string }>;
  /** Two people's groups compared ("what groups does she have that he doesn't?"): both sides and what they share. */
  compared?: PairCompared;
  /** The cues that decided the intent, for diagnostics and bench reports. */
  explanation?: string[];
}

/** What the conversation remembers between turns (per conversation, per channel thread). Serialisable. */
export interface ConversationContext {
  lastIntent?: IntentName;
  user?: Entity;
  group?: Entity;
  app?: Entity;
  timeRange?: Entity;
  /** The Conditional Access policy last named or shown ("who turned that policy off?"). */
  policy?: Entity;
  /** The error code the last answer was about ("how many times has that happened today?"). */
  errorCode?: Entity;
  /** The last two or three people named, one per turn, latest last ("Priya's iPhone …", "and Megan?", "did either of them get in?"). */
  people?: Array<{ type: 'user'; id: string; displayName: string }>;
  /** The manager the last answer showed as a person's manager ("who's Bob's manager?" then "who else reports to her?"). */
  manager?: { type: 'user'; id: string; displayName: string };
  /** The first owner the last answer showed (a group's or an app's page): "what else does the owner own?". */
  owner?: { type: 'user'; id: string; displayName: string };
  /** The last two apps named, one per turn, latest last ("when does Expense Tracker's secret expire?", "and Invoice OCR?", "same owner for both?"). */
  apps?: Array<{ type: 'app'; id: string; displayName: string; appId?: string }>;
  /** The named location last named or shown alone ("how many failed sign-ins came from there?"). */
  namedLocation?: Entity;
  /** The directory role the last question named ("how many global admins?" then "who are they?"). */
  role?: Entity;
  /** Who made the newest change the last answer showed, and when ("what else did that admin do that day?"). */
  actor?: { id: string; displayName: string; at: string };
  /** The kind of object the last question was about, which "it" refers to. */
  focus?: DirectoryEntityType | 'policy';
  /** The last plan answered, which "those", "them" and "the first one" continue. */
  lastPlan?: QuestionPlan;
  /**
   * The last plan was what a rich answer's question amounted to (one person's sign-in problem): "and Lee?" asks
   * that rich question again about Lee, while "only the failed ones" lists.
   */
  lastPlanRich?: boolean;
  /**
   * The list before lastRows, when the last turn was about one of its rows and showed rows of its own (the app's
   * owners after "the first one - who owns it?"): "and the last one on that list?" still counts in it.
   */
  earlierRows?: ConversationContext['lastRows'];
  /** The objects the last list answer showed, in order ("why is the top one high?"). */
  lastRows?: Array<{
    type: DirectoryEntityType | 'policy' | 'namedLocation';
    id: string;
    displayName: string;
    appId?: string;
    /** A person's department, title and place, added while a message is read ("the HR one"); never stored. */
    describedAs?: string;
    /** Short words the answer showed beside the row ("low", "at risk"): "the low one" finds it by them. */
    shownAs?: string;
  }>;
  /** The mitigation the last answer explained ("how do I dismiss user risk?"), which "ok, do it for Alex" asks for. */
  mitigation?: AskedMitigation;
  /** The last question itself named or carried a group ("was Chloe added to HR Portal Users?"); memory.group may be older. */
  lastNamedGroup?: boolean;
}

export interface RecognitionContext {
  /** The turn's clock (honours ASSISTANT_NOW). */
  now: Date;
  conversation?: ConversationContext;
  /** The person asking, by the name Teams shows: "which groups am I in?", "what roles do I have?" are about them. */
  asker?: { displayName: string };
}

/** Chooses the intent of one message on its own (the grammar's rules by default; a trained model to compare). */
export interface IntentClassifier {
  classify(text: string): Promise<IntentName>;
  /** The intent with the classifier's confidence (0–1), where it has one. */
  classifyScored?(text: string): Promise<{ intent: IntentName; score: number }>;
}

export interface Recognizer {
  recognize(text: string, context?: RecognitionContext): Promise<Understanding>;
  /** Two questions in one message, to answer in turn; absent or one part: the message is one question. */
  splitQuestions?(text: string, context?: RecognitionContext): Promise<string[]>;
}

/** The first entity of a type, if any. */
export function entityOf(understanding: Pick<Understanding, 'entities'>, type: EntityType): Entity | undefined {
  return understanding.entities.find((e) => e.type === type);
}

import { compoundCandidate } from './compound';
import { applyConversation, ASIDE, COUNTRIES_OF_THE_LIST, keptByPlan, NAME_THEM, OF_ONE_PERSON, pluralMeansRows, rememberTurn } from './conversation';
import { WHO_MADE_THOSE } from './intents/intentRules';
import type { Directory } from './directory';
import { defaultTimeRange, withWindow } from './entities/timeRange';
import { firstOfEachType, keeps, parseQuestion, retarget } from './parse';
import { isNotAName, markUnresolved, resolveObjects } from './resolveNames';
import { ACTOR_ROLES, actorChangesPlan, conditionsOn, fillPlan, firstFailurePlan, lastSignInFromWherePlan, namedPeopleSignIns, PLURAL_PEOPLE, richQuestionPlan, THAT_ACTOR, WHERE_FROM, WHO_CHANGED } from './planFilling';
import type { PlanFilter, QuestionPlan } from '../plans/plan';
import { ASKS_OF_ROWS, credentialsOfRows, describedRows, rowEntities, rowsFilter, rowsOfMessage } from './rowsAsked';
import { comparedGroups } from './pairCompared';
import { overruledPlan } from './planOverrules';
import { linkPolicy, NameIndex, policyEntity, type NameVocabulary } from './entities/knownNames';
import { departmentShortNames, locationEntity } from './entities/tenantPlaces';
import { LEXICON } from './text/lexicon';
import { correction } from './text/spelling';

/** An everyday word, which a lower-case first name must not be taken for. */
const knownWord = (word: string) => LEXICON.has(word) || correction(word) !== undefined;
import type { ConversationContext, Entity, IntentClassifier, IntentName, RecognitionContext, Recognizer, Understanding } from './types';

/** The conditions a group's member list can take ("disabled", "guests"): asked of a group's page, they are its members'. */
const MEMBER_CONDITIONS = new Set(['accountEnabled', 'userType']);
/** The conditions on people a short follow-up says without a noun ("are any of those disabled?", "which are guests"). */
function memberConditionsOf(text: string): PlanFilter[] {
  const conditions: PlanFilter[] = [];
  if (/\bdisabled\b|\bdeactivated\b|\bblocked from signing in\b/.test(text)) conditions.push({ field: 'accountEnabled', op: 'eq', value: false });
  else if (/\benabled\b/.test(text)) conditions.push({ field: 'accountEnabled', op: 'eq', value: true });
  if (/\bguests?\b|\bexternal\b/.test(text)) conditions.push({ field: 'userType', op: 'eq', value: 'Guest' });
  return conditions;
}
/** "which apps?", "which apps were those?", "top apps for those?": the apps of the sign-ins just shown. */
const APPS_OF_THOSE = /^(?:(?:and|so|ok(?:ay)?|also)[\s,]+)?(?:(?:which|what) (?:apps?|applications?)(?: (?:were|was|are|is) (?:those|they|these|that|it|he|she)(?: (?:on|for|in|into|trying to (?:open|use|reach|get into|access)|using|hitting))?| for (?:them|those|these|him|her)| did (?:they|he|she|those) (?:use|try|hit|open|access))?|(?:the )?top (?:failing |used )?(?:apps?|applications?)(?: for (?:them|those|these|him|her))?|(?:by|per) (?:app|application))\s*[?.!]*$/;
/** "in it", "in there", "in that group": the group the last answer was about. */
const IN_THE_GROUP = /\bin (?:it|there|that group|this group|the group)\b|\b(?:among|of) (?:its|the group'?s?) members\b/;
/** A group's direct members, with the conditions asked of them. */
function membersOf(group: Entity, filters: PlanFilter[], operation: QuestionPlan['operation']): { plan: QuestionPlan; intent: IntentName } {
  return { plan: { resource: 'groupMembers', anchor: { type: 'group', id: group.id!, displayName: group.displayName ?? group.text, transitive: false }, filters, operation }, intent: 'group.info' };
}

export interface GrammarRecognizerOptions {
  /** Name resolution; absent when no tenant is configured (names then stay unresolved). */
  directory?: Directory;
  /**
   * Another way to choose the intent of a message on its own (a trained classifier, later a language model); the
   * grammar's entities, follow-ups and resolution stay the same. Default: the grammar's own intent rules.
   */
  intentClassifier?: IntentClassifier;
  /**
   * A trained classifier asked only when the grammar finds no cue at all (it would say outOfScope): help-desk
   * narratives and phrasings no rule foresaw. Its answer counts when it is at least `minScore` sure.
   */
  fallback?: { classifier: () => IntentClassifier | undefined; minScore: number };
}

/**
 * The hand-written recogniser: deterministic, explainable, no model. The message is parsed on its own, then the
 * conversation fills in pronouns and elided parts, then the directory resolves names. Its only I/O is the
 * directory's.
 */
/** The words that stand for the rows of the last list ("who owns those?"), and how many rows are asked of in turn. */
const THEM = /\b(?:each of (?:them|those|these)|all of (?:them|those|these)|both of them|them|they|those|these)\b/i;
const MAX_ROWS_ASKED_EACH = 5;


/** The last rows with each person's department, title and office, so "the HR one" can find its row. */
function described(memory: ConversationContext | undefined, index: NameIndex | undefined): ConversationContext | undefined {
  const rows = memory?.lastRows;
  if (!memory || !rows?.length || !index || !rows.some((r) => r.type === 'user')) return memory;
  return {
    ...memory,
    lastRows: rows.map((row) => {
      const user = row.type === 'user' ? index.userById(row.id) : undefined;
      if (!user) return row;
      const describedAs = [user.department, ...(user.department ? departmentShortNames(user.department) : []), user.jobTitle, user.city, user.officeLocation].filter(Boolean).join(' ');
      return describedAs ? { ...row, describedAs } : row;
    }),
  };
}

/**
 * The people "both" and "either of them" mean: the two to five people the last answer showed, else the last two
 * people the conversation named, one after the other. Not when the message names someone itself.
 */
function peopleInFocus(memory: ConversationContext | undefined, entities: readonly Entity[]): Array<{ id: string; displayName: string }> | undefined {
  if (!memory || entities.some((e) => e.type === 'user' && e.source === 'message')) return undefined;
  const rows = (memory.lastRows ?? []).filter((r) => r.type === 'user');
  if (rows.length >= 2 && rows.length <= MAX_ROWS_ASKED_EACH) return rows;
  const people = memory.people ?? [];
  return people.length >= 2 ? people.slice(-2) : undefined;
}
/** "both", "the two", "they", "each of them": the apps the conversation named, one after the other. */
/** "is it the same policy for both?", "same CA policy blocking both of them?": one cause asked of two people's failures. */
const SAME_FOR_BOTH = /\b(?:same|different|one and the same)\b.{0,40}\b(?:both|the two|either)\b|\bboth\b.{0,40}\b(?:same|different)\b/;

/** Two things set against each other: "which has more members, A or B?", "A vs B - which is bigger?". */
const COMPARED = /\b(?:more|fewer|less|bigger|larger|smaller|higher|lower|worse|better)\b.{0,80}\b(?:or|vs\.?|versus)\b|\b(?:or|vs\.?|versus)\b.{0,80}\b(?:more|fewer|less|bigger|larger|smaller|higher|lower|worse|better)\b/i;

const BOTH_APPS = /(\bfor |\bof |\bdo |\bdoes |\bare |\bhave )?\b(?:both(?: of (?:them|the apps|these|those))?(?: apps)?|the two(?: of them| apps)?|each(?: of them| one)?|either(?: of them| one)?|they|them)\b/i;
/** What an app's page shows: its owners and its credentials. */
const APP_PAGE_WORDS = /\bown(?:er|ers|s|ed)?\b|\bsecrets?\b|\bcert(?:ificate)?s?\b|\bcredentials?\b|\bcreds\b|\bexpir\w*|\bkeys?\b|\bpermissions?\b/i;
/** One-person questions that, asked of two or three named people, are answered for each in turn. */
const PER_PERSON_INTENTS = new Set<string>(['signin.troubleshoot', 'risk.user', 'user.info', 'user.groups', 'role.assignments']);
const RELATION = /\b(?:manager|managers|manages|reports? to|boss|between|invited|added|removed|reset|disabled|enabled|by|than|same (?:person|account))\b/i;
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The one named location whose words are all in the policy's name ("Block sign-ins from blocked countries" → Blocked countries). */
function locationNamedBy(policy: Entity | undefined, locations: NameVocabulary['namedLocations']): Entity | undefined {
  const policyName = policy?.displayName?.toLowerCase();
  if (!policyName) return undefined;
  const words = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2);
  const inName = (locations ?? []).filter((l) => words(l.displayName).every((w) => policyName.includes(w)));
  if (inName.length !== 1) return undefined;
  const [location] = inName;
  return { type: 'namedLocation', text: location.displayName, displayName: location.displayName, value: location.displayName, id: location.id, source: 'conversation', resolution: 'resolved' };
}

/**
 * Two or three people (or apps) the message names, each once and each by words of its own; undefined otherwise.
 * ("break glass accounts" is one phrase for two accounts: a question about them, not two names.)
 */
function namedSeveral(entities: readonly Entity[], type: 'user' | 'app' | 'group'): Entity[] | undefined {
  const named = [...new Map(entities.filter((e) => e.type === type && e.source === 'message' && e.resolution === 'resolved' && e.id).map((e) => [e.id!, e])).values()];
  const phrases = new Set(named.map((e) => e.text.toLowerCase()));
  return named.length >= 2 && named.length <= 3 && phrases.size === named.length ? named : undefined;
}

/**
 * The message with one of the names it lists kept and the others gone, with the "and" or comma that joined them:
 * "who owns Expense Tracker and Invoice OCR?" → "who owns Invoice OCR?".
 */
function withoutOthers(text: string, named: ReadonlyArray<{ text: string }>, kept: { text: string }): string {
  let part = text;
  for (const other of named) {
    if (other === kept) continue;
    const name = `${escapeRegExp(other.text)}(?:'s|’s)?`;
    // The joining word goes with the name: before it ("Megan and Adele") or, for the first of a list, after it.
    const before = new RegExp(`\\s*(?:,|\\band\\b|&|\\bor\\b|\\bvs\\.?)\\s*${name}`, 'i');
    const after = new RegExp(`${name}\\s*(?:,|\\band\\b|&|\\bor\\b|\\bvs\\.?)\\s*`, 'i');
    const bare = new RegExp(`\\s*${name}`, 'i');
    part = before.test(part) ? part.replace(before, '') : after.test(part) ? part.replace(after, '') : part.replace(bare, '');
  }
  return part.replace(/^\s*(?:,|and|&|or)\s+/i, '').replace(/\s{2,}/g, ' ').trim();
}
/**
 * "hector - what was detected" after a list that showed Hector Green, "laura says she registered" after one that showed
 * Laura Kaur: a name the directory finds several of is the one the conversation just showed, when exactly one shown
 * row or remembered person has every word of it.
 */
function settleFromConversation(entities: Entity[], memory: ConversationContext | undefined): void {
  if (!memory) return;
  const shown = [...(memory.lastRows ?? []), ...(memory.people ?? []), ...[memory.user, memory.group, memory.app].flatMap((e) => (e?.id ? [{ type: e.type, id: e.id, displayName: e.displayName ?? e.text }] : []))];
  const words = (text: string) => text.toLowerCase().split(/[\s.'’-]+/).filter(Boolean);
  for (const entity of entities) {
    if (entity.resolution !== 'ambiguous' || entity.source !== 'message') continue;
    const asked = words(entity.text);
    const hits = new Map(shown.filter((r) => r.type === entity.type && asked.every((w) => words(r.displayName).includes(w))).map((r) => [r.id, r]));
    if (hits.size !== 1) continue;
    const [row] = hits.values();
    Object.assign(entity, { resolution: 'resolved', id: row.id, displayName: row.displayName });
    delete entity.candidates;
  }
}

/** Questions about one person, where a group-like word beside the name describes the person ("in sales"). */
const DESCRIBED_PERSON_INTENTS = new Set<string>(['signin.troubleshoot', 'risk.user', 'user.info']);
/** "Fwd from Irvin Sayers: …", "forwarded by Miriam Graham - …": who passed the request on. */
const FORWARDED_FROM = /^\s*(?:fwd|fw|forwarded(?: message)?|forwarding)\s*(?:from|by)\s+([^:"“'‘\-–—]+?)\s*[:\-–—]/i;

/** A part of a group's or app's page asked by its noun alone: "owner?", "owners?", "members?". */
const BARE_OBJECT_PART = /^(?:and|also|ok|so|what about)?\s*(?:(?:its|the|their)\s+)?(?:owners?|members?|member list|member count|members count|number of members|headcount|size|who owns it)(?:,?\s*(?:please|pls))?\s*\?*$|^(?:and|also|ok|so)?\s*(?:who(?:'s| is| are)) (?:the |its )?(?:owners?|members?)\s*\?*$/;

/** A part of a person's page asked by its noun alone: their groups (1) or their roles (2). */
const BARE_PAGE_PART = /^(?:and|also|ok|so|what about)?\s*(?:(?:his|her|their|any|any of (?:his|her|their))\s+)?(?:(groups?|group memberships?|memberships?)|((?:admin |directory |privileged )?roles?))\s*\?*$/;

/** "back to the guest:", "ok back to the app -": a return to what the thread was on before an aside. */
const BACK_TO = /\b(?:(?:ok(?:ay)?|so|anyway|lol|right)[,.!\s]+)*back to (?:the|that|our|my) (guest|user|person|guy|lady|contractor|employee|account|app|application|service principal|group)\b\s*[:,\-–—]?\s*/i;
const BACK_TO_TYPE: Record<string, 'user' | 'app' | 'group'> = { app: 'app', application: 'app', 'service principal': 'app', group: 'group' };

/** The message without its "back to the guest:" when the thread has that object: the rest is asked of it. */
/** "no, I meant Adele", "sorry — I meant Debra Berger", "no wait, Alex Wilber, not Adele": the last question, of another. */
const CORRECTION_LEAD = String.raw`^(?:(?:no+|nope|sorry|oops|wait|actually|my bad|err+|erm|uh|ah|wrong (?:person|user|name|guy|one|account))\b[\s,.!:;—–-]*)+`;
const CORRECTION_MEANT = new RegExp(`${CORRECTION_LEAD}(?:i\\s+)?(?:meant|mean|was (?:asking|talking) about|wanted|make (?:that|it))\\s+(.+?)(?:,?\\s+not\\s+[^,?.!]+)?[\\s?.!]*$`, 'i');
const CORRECTION_NOT = new RegExp(`${CORRECTION_LEAD}(.+?),?\\s+not\\s+[^,?.!]+[\\s?.!]*$`, 'i');

/**
 * "was chloe added to a group? never mind - was isaiah langer made a global admin?": what the admin took back before
 * the question is not asked; only what follows is.
 */
const RETRACTED = /^.*?[?.!,;:\s][\s]*(?:never ?mind|nvm|scratch that|forget (?:that|it)|ignore (?:that|the above|what i (?:said|asked))|disregard (?:that|the above))\b[\s,.!:;—–-]*/i;

export function withoutRetracted(text: string): string {
  const m = RETRACTED.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length).trim();
  return rest.split(/\s+/).length >= 3 ? rest : text;
}

/** "who is his manager, i'll cc them": what the asker will do next is no part of the question. */
const OWN_NEXT_STEP = /\s*[,;—–-]\s*(?:i'?ll|i will|will|gonna|going to)\s+(?:cc|copy|ping|forward|loop in|let (?:him|her|them) know|tell (?:him|her|them)|e-?mail|message|call|chase)\b[^?]*$/i;
export function withoutOwnNextStep(text: string): string {
  const m = OWN_NEXT_STEP.exec(text);
  return m && m.index > 8 ? text.slice(0, m.index) : text;
}

function corrected(text: string, memory: ConversationContext | undefined): string {
  if (!memory?.lastIntent) return text;
  const m = CORRECTION_MEANT.exec(text) ?? CORRECTION_NOT.exec(text);
  return m && m[1].trim().length > 1 ? `what about ${m[1].trim()}?` : text;
}

function backToSubject(text: string, memory: ConversationContext | undefined): string {
  const m = BACK_TO.exec(text);
  if (!m || !memory) return text;
  const type = BACK_TO_TYPE[m[1].toLowerCase()] ?? 'user';
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s{2,}/g, ' ').trim();
  return memory[type] && rest.length > 3 ? rest : text;
}

/** Answers that tell one person's or app's story, which a time word starts rather than bounds. */
const STORY_INTENTS = new Set<IntentName>(['signin.troubleshoot', 'risk.user', 'risk.workload']);
/** Words that point back at what was just discussed. */
const POINTS_BACK = /\b(?:those|these|them|attempts|failures|tries|mostly|the same|he|she|they|his|her|their|him)\b/i;
/** How a plan's condition says it is about several rows of the last answer ("the 6 people shown before"). */
const SHOWN_ROWS = /\bthe (\d+) (?:people |ones |users )?shown before\b/;

/** Words for an error the last answer showed ("that error", "the top one", "this code"). */
const SHOWN_ERROR = /\b(?:that|this|the|those)\s+(?:top\s+|first\s+|main\s+|most common\s+)?(?:one|code|error|errors|error code|message)\b|\bwhat does it mean\b/i;
/** Conditions a person's own sign-ins can be asked with ("failed", "interactive", "this error"). */
const PERSONAL_SIGN_IN_CONDITIONS = new Set(['result', 'eventType', 'errorCode', 'mfaDone', 'mfaRequired']);
/** Words that ask a sign-in question of others than the person just discussed. */
const OTHERS = /\b(?:who|whom|anyone|anybody|everyone|everybody|users|people|accounts|all users|which (?:users|people|accounts)|any of|others?|else|in total|overall|tenant|company|org|organi[sz]ation|guests|members)\b/i;
/** Words that ask about everyone rather than the person the thread is on. */
const EVERYONE = /\b(?:who|whom|anyone|anybody|everyone|everybody|users|people|accounts|all|how many|which (?:users|people|accounts)|any of)\b|^\s*(?:list|show|count)\b|^\s*which [a-z]+s\b/i;


/** "and high risk users?", "what about the guest one?", "and for admins?": words naming another policy, alone. */
const ANOTHER_POLICY = /^(?:(?:and|or|ok(?:ay)?|so)[\s,]+)?(?:what about |how about |and |same for |the same for )?(?:the (?:one|policy) (?:for|about|on) |for |the )?((?:[a-z0-9][\w'-]*)(?:\s+[a-z0-9][\w'-]*){0,3}?)(?: one| policy)?\s*[?.!]*$/i;

export class GrammarRecognizer implements Recognizer {
  private index?: { names: NameVocabulary; index: NameIndex };
  private building?: { names: NameVocabulary; done: Promise<void> };
  /**
   * The parse splitQuestions made of a message to count its people, taken (once) by the recognize() that follows for
   * the same words, clock and name index instead of parsing them again: a parse is most of the understanding's CPU.
   * Nothing changes a parse before recognize() takes it (splitting only reads its entities).
   */
  private lastParse?: { text: string; nowMs: number; knownNames: NameIndex; parsed: ReturnType<typeof parseQuestion> };

  constructor(private readonly options: GrammarRecognizerOptions = {}) {}

  /** The name index of the directory's current vocabulary, rebuilt only when the vocabulary was read again. */
  private async knownNames(): Promise<NameIndex | undefined> {
    let names: NameVocabulary | undefined;
    try {
      names = await this.options.directory?.names?.();
    } catch {
      return undefined;
    }
    if (!names) return undefined;
    if (this.index?.names === names) return this.index.index;
    // A new vocabulary (at start, then every refresh) is indexed once, after the current turns; until it is, the
    // previous index answers, so no turn waits for it but the very first.
    if (this.building?.names !== names) {
      const building = {
        names,
        done: new Promise<void>((resolve) =>
          setImmediate(() => {
            this.index = { names, index: new NameIndex(names, knownWord) };
            resolve();
          }),
        ),
      };
      this.building = building;
    }
    if (!this.index) await this.building.done;
    return this.index?.index;
  }

  /** Reads the tenant's names and indexes them now, at start, rather than on the first question. */
  async warm(): Promise<void> {
    await this.knownNames();
  }

  /**
   * Two questions in one message ("Is Alex Wilber at risk, and can he use MFA?"): the parts to answer in turn, the
   * second read with the first as its context. One part when the second clause only asks more of the same ("who
   * became a Global Administrator, and who made the change?"), which one answer already covers.
   */
  async splitQuestions(text: string, context?: RecognitionContext): Promise<string[]> {
    text = withoutRetracted(text);
    // Splitting is a convenience: if reading the parts fails (Graph down for a name look-up), the message is answered
    // whole, and that answer says what failed.
    const each = await Promise.resolve()
      .then(async () => (await this.forEachRow(text, context)) ?? (await this.forEachPerson(text, context)) ?? (await this.forEachApp(text, context)) ?? this.bothDiagnosed(text, context) ?? (await this.eachCompared(text, context)))
      .catch(() => undefined);
    if (each) return each;
    const cut = compoundCandidate(text.trim());
    if (!cut) return [text];
    const [first, second] = cut;
    const a = await this.recognize(first, context);
    const conversation = rememberTurn(context?.conversation, a.intent, a.entities, a.plan ?? a.contextPlan);
    const b = await this.recognize(second, { now: context?.now ?? new Date(), conversation });
    const own = (u: Understanding) => u.intent !== 'outOfScope' && u.intent !== 'help' && !u.guessed;
    if (!own(a) || !own(b)) return [text];
    const namesItsOwn = b.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app' || e.type === 'policy'));
    if (a.intent === b.intent && !namesItsOwn) return [text];
    // "priya patel too? same trouble on her iphone": more words about the same person's failing sign-ins, which her
    // diagnosis already reads; one answer, not her diagnosis twice.
    if (a.intent === 'signin.troubleshoot' && (b.intent === 'signin.list' || b.intent === 'signin.troubleshoot') && !namesItsOwn) return [text];
    return [first, ...(await this.splitQuestions(second, { now: context?.now ?? new Date(), conversation }))];
  }

  /**
   * "who owns those?" after a few apps, "who invited them?" after two guests: a one-object question asked of the rows
   * the last list showed, answered for each of them in turn ("who owns Inventory Sync?", "who owns Travel Booking?").
   * Only when the message names nothing of its own, no list answers it, and each part is about its row.
   */
  private async forEachRow(text: string, context?: RecognitionContext): Promise<string[] | undefined> {
    // "the expired ones - who owns them?": the rows that description chose, asked of in the words that remain.
    const subset = describedRows(text.toLowerCase(), described(context?.conversation, this.index?.index)?.lastRows);
    if (subset) text = text.slice(0, text.toLowerCase().indexOf(subset.text)) + text.slice(text.toLowerCase().indexOf(subset.text) + subset.text.length);
    const rows = subset?.rows ?? context?.conversation?.lastRows;
    const type = rows?.[0]?.type;
    if (!rows || rows.length < 2 || rows.length > MAX_ROWS_ASKED_EACH || (type !== 'user' && type !== 'group' && type !== 'app') || rows.some((r) => r.type !== type)) return undefined;
    // "which users did they reset?" after who did the most: the top one, asked once (src/understanding/planFilling.ts).
    const ranked = context?.conversation?.lastPlan?.operation;
    if (!subset && context?.conversation?.lastPlan?.resource === 'directoryAudits' && ranked && (ranked.kind === 'top' || ranked.kind === 'groupBy') && ranked.field === 'initiatedBy') return undefined;
    // "who did them?", "whose were they?" after a list of changes: who made those changes, on whom (the list again).
    if (!subset && context?.conversation?.lastPlan?.resource === 'directoryAudits' && WHO_MADE_THOSE.test(text.trim().toLowerCase())) return undefined;
    // "who are they?" asks for the list itself again, not a question about each row.
    if (!THEM.test(text) || text.length > 200 || NAME_THEM.test(text.trim().toLowerCase())) return undefined;
    // "which of them was added most recently?" chooses among the rows: one question, not one per row.
    if (/\b(?:which|who|whom)(?: one)? of (?:them|those|these)\b/i.test(text)) return undefined;
    const whole = await this.recognize(text, context);
    // A plan that only lists the last list again ("who owns them?" read as "them" again) did not answer it.
    const last = context?.conversation?.lastPlan;
    const sameList = whole.plan?.basedOnPrevious && last && whole.plan.operation.kind === 'list' && JSON.stringify(whole.plan.filters) === JSON.stringify(last.filters) && whole.plan.resource === last.resource;
    // Nor does a list of everything of a kind ("what groups are they in?" read as "groups").
    const everything = whole.plan && !whole.plan.anchor && whole.plan.filters.length === 0 && whole.plan.operation.kind === 'list';
    // Nor the owners' table of every row, when a description chose some of them.
    const ownersOfAll = subset !== undefined && whole.plan?.columns?.includes('owners');
    if ((whole.plan && !sameList && !everything && !ownersOfAll) || whole.intent === 'outOfScope' || whole.intent === 'help' || whole.intent === 'docs.answer' || whole.guessed) return undefined;
    if (!ownersOfAll && whole.entities.some((e) => (e.type === 'user' || e.type === 'group' || e.type === 'app') && (e.source === 'message' || e.resolution === 'resolved'))) return undefined;
    const parts = rows.map((r) => text.replace(THEM, r.displayName));
    const first = await this.recognize(parts[0], context);
    // A registration's row is known by its application id.
    const aboutRow = (u: Understanding) => (u.plan ? u.plan.anchor?.id === rows[0].id : u.entities.some((e) => e.type === type && (e.id === rows[0].id || (rows[0].appId !== undefined && e.appId === rows[0].appId))));
    if (!aboutRow(first)) return undefined;
    return parts;
  }

  /**
   * "Mohammed Hansen and Zane Thompson both can't sign in - same cause?", "compare Sara and Priya's groups": a question
   * about one person asked of two or three named people is answered for each of them in turn.
   */
  private async forEachPerson(text: string, context?: RecognitionContext): Promise<string[] | undefined> {
    // "is Megan Priya's manager?", "was Lee added by Pradeep?": a question about how two people relate stays whole.
    if (text.length > 300 || RELATION.test(text)) return undefined;
    // "no wait, Alex Wilber, not Adele" names two people to say which one was meant: one question.
    if (corrected(text.trim(), context?.conversation) !== text.trim()) return undefined;
    // Cheap first: only a message the name index (as already built: nothing is read for it here) links to two or
    // three people is read as a whole question.
    const knownNames = this.index?.index;
    if (!knownNames) return undefined;
    const now = context?.now ?? new Date();
    const parsed = this.parseOnce(text.trim(), now, knownNames);
    const distinct = namedSeveral(parsed.entities, 'user');
    if (!distinct) return undefined;
    // "which groups do Megan and Adele share?" compares the two: one answer.
    if (comparedGroups(text.toLowerCase(), distinct.map((p) => ({ id: p.id!, displayName: p.displayName ?? p.text })), context?.conversation?.lastIntent)) return undefined;
    const whole = await this.recognize(text, context);
    if (!PER_PERSON_INTENTS.has(whole.intent) || whole.plan) return undefined;
    // Each part keeps the question and one of the names: the others, with the "and" or comma that joined them, go.
    const cleaned = text.trim();
    return distinct.map((person) => withoutOthers(cleaned, distinct, person));
  }

  /**
   * "who owns Expense Tracker and Invoice OCR?", and "same owner for both?" after one app then another: a question
   * about one app asked of two or three apps is answered for each of them in turn (each page shows its owners and
   * credentials, side by side).
   */
  private async forEachApp(text: string, context?: RecognitionContext): Promise<string[] | undefined> {
    if (text.length > 300) return undefined;
    const knownNames = this.index?.index;
    if (!knownNames) return undefined;
    const now = context?.now ?? new Date();
    const cleaned = text.trim();
    const parsed = this.parseOnce(cleaned, now, knownNames);
    const named = namedSeveral(parsed.entities, 'app');
    let parts: string[];
    let apps: Array<{ id: string }>;
    if (named) {
      apps = named.map((e) => ({ id: e.id! }));
      parts = named.map((app) => withoutOthers(cleaned, named, app));
    } else {
      // No app named: the two the conversation named last, when the words ask of both and no list of apps is in view.
      const memory = context?.conversation;
      const remembered = memory?.apps ?? [];
      const rowsOfApps = (memory?.lastRows ?? []).filter((r) => r.type === 'app').length >= 2;
      const both = BOTH_APPS.exec(cleaned);
      if (parsed.entities.some((e) => e.type === 'app' && e.source === 'message' && e.resolution === 'resolved') || remembered.length < 2 || rowsOfApps || !both || !APP_PAGE_WORDS.test(cleaned) || parsed.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group'))) return undefined;
      apps = remembered;
      parts = remembered.map((app) => `${cleaned.slice(0, both.index)}${both[1] ?? ''}${app.displayName}${cleaned.slice(both.index + both[0].length)}`.replace(/\s{2,}/g, ' ').trim());
    }
    const first = await this.recognize(parts[0], context);
    if (first.intent !== 'app.info' || first.plan || !first.entities.some((e) => e.type === 'app' && e.id === apps[0].id)) return undefined;
    return parts;
  }

  /**
   * "is it the same policy for both?" after two people's sign-in diagnoses (Megan's, then "and Priya? same complaint"):
   * both diagnosed again, side by side, each naming the policy and the error that stop that person.
   */
  private bothDiagnosed(text: string, context?: RecognitionContext): string[] | undefined {
    const memory = context?.conversation;
    // (After two people's sign-ins side by side — "did Megan or Priya fail more?" — the two of that list.)
    const pair = memory?.lastIntent === 'signin.list' ? memory.lastPlan?.filters.find((f) => f.field === 'user' && f.op === 'in' && Array.isArray(f.value) && f.value.length === 2) : undefined;
    const listed = pair?.label?.split(/,\s*/).map((displayName) => ({ displayName })) ?? [];
    const people = pair && listed.length === 2 ? listed : memory?.lastIntent === 'signin.troubleshoot' ? (memory.people ?? []) : [];
    const cleaned = text.trim().toLowerCase();
    if (people.length < 2 || cleaned.length > 160 || !SAME_FOR_BOTH.test(cleaned)) return undefined;
    const knownNames = this.index?.index;
    if (!knownNames) return undefined;
    const parsed = this.parseOnce(text.trim(), context?.now ?? new Date(), knownNames);
    if (parsed.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app') && e.resolution === 'resolved')) return undefined;
    const when = memory?.timeRange?.text ? ` ${memory.timeRange.text}` : '';
    return people.slice(-2).map((p) => `why can't ${p.displayName} sign in${when}?`);
  }

  /**
   * "which has more members, Sales Team or Marketing Team?", "Engineering Staff vs Sales Team - which one is bigger?":
   * two groups or apps set against each other are each answered in turn (each page or count beside the other), as two
   * people named together already are.
   */
  private async eachCompared(text: string, context?: RecognitionContext): Promise<string[] | undefined> {
    const cleaned = text.trim();
    if (cleaned.length > 200 || !COMPARED.test(cleaned)) return undefined;
    // (Only a comparison's words get here: the names are read for it, as the question would read them anyway.)
    const knownNames = await this.knownNames();
    if (!knownNames) return undefined;
    const parsed = this.parseOnce(cleaned, context?.now ?? new Date(), knownNames);
    const named = namedSeveral(parsed.entities, 'group') ?? namedSeveral(parsed.entities, 'app');

    if (!named || named.length !== 2) return undefined;
    // Two groups: each group's own page, which counts its members and owners ("VPN Users or IT Staff, which one has
    // more people?"). The words without the other name read oddly ("which has more members, Sales Team?") and a
    // classifier's guess at them could change between runs.
    if (named[0].type === 'group') return named.map((g) => `how many members does the ${g.displayName ?? g.text} group have?`);
    const parts = named.map((one) => withoutOthers(cleaned, named, one));
    const first = await this.recognize(parts[0], context);
    const about = (u: Understanding) => u.entities.some((e) => e.id === named[0].id) || u.plan?.anchor?.id === named[0].id || u.plan?.filters.some((f) => f.value === named[0].id || (named[0].appId !== undefined && f.value === named[0].appId));
    return first.intent !== 'outOfScope' && first.intent !== 'help' && !first.guessed && about(first) ? parts : undefined;
  }

  /** The message parsed for the split checks: once, and left for `recognize` to take. */
  private parseOnce(text: string, now: Date, knownNames: NameIndex): ReturnType<typeof parseQuestion> {
    const last = this.lastParse;
    if (last && last.text === text && last.nowMs === now.getTime() && last.knownNames === knownNames) return last.parsed;
    const parsed = parseQuestion(text, now, { knownNames });
    this.lastParse = { text, nowMs: now.getTime(), knownNames, parsed };
    return parsed;
  }

  /** The parse splitQuestions left for these words, clock and index, if any; it is handed out once. */
  private takeParse(text: string, now: Date, knownNames: NameIndex | undefined): ReturnType<typeof parseQuestion> | undefined {
    const last = this.lastParse;
    if (!last || last.text !== text || last.nowMs !== now.getTime() || last.knownNames !== knownNames) return undefined;
    this.lastParse = undefined;
    return last.parsed;
  }

  async recognize(text: string, context?: RecognitionContext): Promise<Understanding> {
    const now = context?.now ?? new Date();
    // ("which user(s)?": a plural written with (s) is the plural.)
    const cleaned = aboutTheAsker(corrected(backToSubject(withoutOwnNextStep(withoutRetracted(text.trim())).replace(/\b([A-Za-z]{2,})\(s\)/g, '$1s'), context?.conversation), context?.conversation), context?.asker);
    const knownNames = await this.knownNames();
    // ("what about Sales?" after the people of a department: that word is another department, not a group.)
    // (After a list of people, "what about Operations?" narrows it to a department too: "how many accounts are disabled?".)
    const lastPlan = context?.conversation?.lastPlan;
    const departmentsAsked = (lastPlan?.filters.some((f) => f.field === 'department' || (f.op === 'in' && (f.field === 'id' || f.field === 'user') && /^in [A-Z]/.test(f.label ?? ''))) ?? false) || (lastPlan?.resource === 'users' && !lastPlan.anchor && /^(?:(?:and|ok(?:ay)?|so)[\s,]+)?(?:what about|how about|and)\s+(?:in\s+|the\s+)?[\w&-]+(?:\s+[\w&-]+)?\s*\??$/i.test(text.trim()));
    const parsed = (departmentsAsked ? undefined : this.takeParse(cleaned, now, knownNames)) ?? parseQuestion(cleaned, now, { knownNames, departmentsAsked });
    if (this.options.intentClassifier) {
      parsed.intent = retarget(await this.options.intentClassifier.classify(cleaned), parsed.entities);
      // An elliptical follow-up ("and Lee?") is still the conversation's to decide.
      parsed.score = parsed.intent === 'outOfScope' || parsed.elliptical ? 0 : Number.POSITIVE_INFINITY;
    }
    // "unrelated but is the canteen open today?": an aside the admin says is not about the thread is read without it
    // (the thread is kept for the next message).
    if (parsed.intent === 'outOfScope' && context?.conversation && ASIDE.test(cleaned)) context = { ...context, conversation: undefined };
    // "which countries are in that list again?" after what a policy stopped: the named location that policy's name
    // says ("Block sign-ins from blocked countries" → Blocked countries), when one location's words are all in it.
    const ofThread = context?.conversation;
    const namedInPolicy = ofThread && !ofThread.namedLocation && COUNTRIES_OF_THE_LIST.test(cleaned.toLowerCase()) ? locationNamedBy(ofThread.policy, this.index?.names.namedLocations) : undefined;
    if (namedInPolicy) context = { ...context!, conversation: { ...ofThread!, namedLocation: namedInPolicy } };
    const withPeople = described(context?.conversation, knownNames);
    const turn = applyConversation(parsed, withPeople);
    // "groups?", "roles?" alone after an answer about one person: that person's.
    const bare = BARE_PAGE_PART.exec(cleaned.toLowerCase());
    const thread = context?.conversation;
    // "owner?", "members?" alone after an answer about one group or app: that object's page, which shows them.
    // (After an app's diagnosis, "owner?" is that app's owner.)
    const objectPart = !BARE_OBJECT_PART.test(cleaned.toLowerCase()) ? undefined : thread?.focus === 'group' || thread?.focus === 'app' ? thread[thread.focus] : thread?.lastIntent === 'signin.troubleshoot' && !thread.user ? thread.app : undefined;
    if (objectPart && !turn.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app'))) {
      turn.intent = objectPart.type === 'group' ? 'group.info' : 'app.info';
      turn.entities = [...turn.entities.filter((e) => e.type !== 'group' && e.type !== 'app'), { ...objectPart, source: 'conversation' }];
      turn.followUp = true;
      turn.again = true;
    } else if (bare && thread?.user && thread.focus === 'user' && !turn.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'role'))) {
      turn.intent = bare[1] ? 'user.groups' : 'role.assignments';
      turn.entities = [...turn.entities.filter((e) => e.type !== 'user'), { ...thread.user, source: 'conversation' }];
      turn.followUp = true;
      turn.again = true;
    }
    // A policy named in the admin's own words links to the tenant's policy of that name.
    const policies = this.index?.names.policies;
    for (const entity of turn.entities) {
      if (entity.type !== 'policy' || entity.source !== 'message' || entity.id || !policies) continue;
      const policy = linkPolicy(entity.value ?? entity.text, policies);
      if (policy) Object.assign(entity, { id: policy.id, displayName: policy.displayName, value: policy.displayName, resolution: 'resolved' });
    }
    // "and the guest one?" after what a policy stopped: the policy whose name has those words.
    const lastPolicyFilter = context?.conversation?.lastPlan?.filters.some((f) => f.field === 'caPolicy');
    const describedPolicy = lastPolicyFilter && policies && !turn.entities.some((e) => e.type === 'policy' && e.source === 'message') ? /\bthe ([a-z0-9][a-z0-9-]*(?: [a-z0-9-]+){0,3}) one\b/i.exec(cleaned) : null;
    const oneNamed = describedPolicy ? linkPolicy(describedPolicy[1].replace(/-/g, ' '), policies!) : undefined;
    if (oneNamed) turn.entities.push(policyEntity(oneNamed, describedPolicy![0]));
    // "and the guest one?" after what a policy stopped: the same question about that policy (its words now link when read).
    if (lastPolicyFilter && thread?.lastIntent === 'signin.list' && ANOTHER_POLICY.test(cleaned.trim()) && turn.entities.some((e) => e.type === 'policy' && e.source === 'message' && e.id)) {
      turn.intent = 'signin.list';
      turn.followUp = true;
    }
    // "and high risk users?", "what about guests?" right after a policy's page: the policy those words name, if one does.
    const afterPolicy = thread?.lastIntent === 'policy.info' && thread.focus === 'policy' && policies && !turn.entities.some((e) => e.source === 'message' && (e.type === 'policy' || e.type === 'user' || e.type === 'group' || e.type === 'app'));
    const elliptical = afterPolicy ? ANOTHER_POLICY.exec(cleaned.trim()) : null;
    const anotherPolicy = elliptical ? linkPolicy(elliptical[1].replace(/-/g, ' '), policies!) : undefined;
    if (anotherPolicy && anotherPolicy.id !== thread?.policy?.id) {
      turn.intent = 'policy.info';
      turn.entities = [...turn.entities.filter((e) => e.type !== 'policy'), policyEntity(anotherPolicy, elliptical![1])];
      turn.followUp = true;
    }
    // "the device block" that names no policy of the tenant's is only words.
    turn.entities = turn.entities.filter((e) => !(e.type === 'policy' && e.tentative && !e.id));
    // A Microsoft app named in words ("teams keeps nagging her", "sharepoint"): the tenant's app of that name, when one
    // app has it (Outlook stays a word: its sign-ins come from several apps).
    for (const entity of turn.entities) {
      if (entity.type !== 'app' || entity.source !== 'message' || entity.id || !entity.value || /^outlook$/i.test(entity.value) || /^[0-9a-f-]{36}$/i.test(entity.value)) continue;
      const app = knownNames?.appNamed(entity.value);
      if (app) Object.assign(entity, { id: app.id, displayName: app.displayName, ...(app.appId ? { appId: app.appId } : {}), resolution: 'resolved' });
    }
    // "and london?" while named locations are the subject: the location of that name, not the city.
    const aboutLocations = context?.conversation?.lastPlan?.resource === 'namedLocations' || context?.conversation?.namedLocation !== undefined;
    if (aboutLocations && knownNames) {
      for (const [i, entity] of turn.entities.entries()) {
        if (entity.type !== 'userAttribute' || entity.field === 'department' || !entity.value) continue;
        const location = knownNames.places.locationNamed(entity.value);
        if (location) turn.entities[i] = locationEntity(location, entity.text);
      }
      // "and london?", "what about the blocked one?": a location named by a word of its name alone.
      const rest = cleaned.toLowerCase().replace(/^(?:and|or|what about|how about|same for)\s+/, '').replace(/[?.!\s]+$/, '');
      const alone = !turn.entities.some((e) => e.type === 'namedLocation') && rest.split(/\s+/).length <= 3 ? knownNames.places.locationNamed(rest) : undefined;
      if (alone) turn.entities.push(locationEntity(alone, rest));
    }
    // A named location the conversation remembers by name only (a row of a list): what it covers.
    for (const entity of turn.entities) {
      if (entity.type !== 'namedLocation' || entity.ipRanges || entity.countries || !entity.id) continue;
      const location = knownNames?.places.byId(entity.id);
      if (location?.ipRanges) entity.ipRanges = location.ipRanges;
      if (location?.countries) entity.countries = location.countries;
    }
    // An app an earlier answer showed by its service principal only (the target of an audit event): its application id.
    for (const entity of turn.entities) {
      if (entity.type !== 'app' || entity.source !== 'conversation' || entity.appId || !entity.id || !entity.displayName) continue;
      const app = knownNames?.appNamed(entity.displayName);
      if (app?.id === entity.id && app.appId) entity.appId = app.appId;
    }
    // An app an earlier answer found by its application id ("who owns that app?" after a diagnosis): its object.
    for (const entity of turn.entities) {
      // A registration's row carries its application id where the object id would be.
      if (entity.type !== 'app' || entity.source !== 'conversation' || !entity.appId || (entity.id && entity.id !== entity.appId)) continue;
      const app = knownNames?.appByAppId(entity.appId);
      if (app) Object.assign(entity, { id: app.id, displayName: app.displayName, resolution: 'resolved' });
      else Object.assign(entity, { resolution: 'notFound', suggestions: [] });
    }
    const lookupFailures = this.options.directory ? await resolveObjects(turn.objects, this.options.directory) : [];
    if (!this.options.directory) markUnresolved(turn.objects);
    settleFromConversation(turn.entities, context?.conversation);
    // A word only guessed to be a name that links to nothing is not asked about ("sorry to bother you").
    const notNames = new Set(turn.objects.filter((o) => isNotAName(o.entity, o.typeGuessed)).map((o) => o.entity));
    // ("buy 50 more e5 licenses", "buy" first read as a name: read as words, a request the grammar declines.)
    let declinedOnReread = false;
    if (notNames.size) {
      turn.entities = turn.entities.filter((e) => !notNames.has(e));
      // The intent was chosen with those words masked as names ("who <name> a <role>" for "who became a …"):
      // choose it again reading them as words.
      if (!turn.followUp) {
        const reparsed = parseQuestion(cleaned, now, { knownNames, departmentsAsked, notNames: new Set([...notNames].map((e) => e.text.toLowerCase())) });
        // (Read as words, "is the canteen open today?" is about the world: declined, not guessed at.)
        if (reparsed.intent !== 'outOfScope' || reparsed.score > 0) {
          turn.intent = reparsed.intent;
          if (reparsed.intent === 'outOfScope') {
            parsed.score = reparsed.score;
            declinedOnReread = true;
          }
          parsed.explanation.push(...reparsed.explanation.map((e) => `re-read: ${e}`));
        }
      }
    }
    // "Fwd from Irvin Sayers: 'who added the new secret to Payroll Connector?'": who forwarded the request is not what
    // it asks about, when it asks about something else (a quote about the sender's own sign-in keeps them).
    const sender = FORWARDED_FROM.exec(cleaned)?.[1]?.trim().toLowerCase();
    if (sender) {
      const forwarder = turn.entities.find((e) => e.type === 'user' && e.source === 'message' && e.text.toLowerCase() === sender);
      const other = turn.entities.some((e) => e !== forwarder && e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app' || e.type === 'policy' || e.type === 'role'));
      // ("fwd from Johanna: 'my mail app on the tablet just spins'": her own trouble, told in the first person.)
      const own = /\b(?:i|my|me|i'm|i've|mine)\b/i.test(cleaned) && !/\b(?:who|which|whose)\b/i.test(cleaned);
      if (forwarder && other && !own) turn.entities = turn.entities.filter((e) => e !== forwarder);
    }
    // "Lucas Walsh … hes new-ish in QA", "Uma Hall in sales says …": words that describe the person a sign-in, risk or
    // account question names are not a group to look up (nor to ask about when several groups share the word).
    const person = turn.entities.find((e) => e.type === 'user' && e.resolution === 'resolved');
    if (person && DESCRIBED_PERSON_INTENTS.has(turn.intent)) {
      const descriptors = new Set(turn.objects.filter((o) => o.typeGuessed && o.entity.type === 'group' && (o.entity.resolution === 'notFound' || o.entity.resolution === 'ambiguous')).map((o) => o.entity));
      turn.entities = turn.entities.filter((e) => !descriptors.has(e));
    }
    // "which groups do Megan and Adele share?": both people, before one entity of each type is kept.
    const namedPair = [...new Map(turn.entities.filter((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved' && e.id).map((e) => [e.id!, { id: e.id!, displayName: e.displayName ?? e.text }])).values()];
    turn.entities = firstOfEachType(turn.entities);
    // The trained classifier is asked only when neither the grammar nor the conversation found anything.
    const fallback = this.options.fallback?.classifier();
    let guessed = false;
    // A request the grammar itself knows is not about Entra ID ("book me a meeting room") is not guessed at.
    const declined = (parsed.intent === 'outOfScope' && parsed.score > 0) || declinedOnReread;
    // A list the words describe ("how many guests do we have") needs no guess at the intent.
    const listed = () => {
      const fill = fillPlan({ text: cleaned, intent: 'outOfScope', entities: turn.entities, now, elliptical: false });
      return fill !== undefined && !fill.rich;
    };
    // "is Megan in sales?", "is Lee based in London?": a person's department, city or office is on their account page.
    // Only a question about it ("Raul from sales says …" is a description, not the question).
    if (turn.intent === 'outOfScope' && !declined && /^\s*(?:is|was|does|did|are)\b/i.test(cleaned) && cleaned.length < 100 && turn.entities.some((e) => e.type === 'userAttribute') && turn.entities.some((e) => e.type === 'user' && e.resolution === 'resolved')) turn.intent = 'user.info';
    // "what happened to Project Falcon last week?": a group has no sign-ins of its own; what happened to it is its changes.
    if (turn.intent === 'signin.troubleshoot' && /\bwhat(?:'s| has)? happen(?:ed|ing)? (?:to|with)\b/i.test(cleaned) && turn.entities.some((e) => e.type === 'group' && e.resolution === 'resolved' && e.source === 'message') && !turn.entities.some((e) => e.type === 'user' || e.type === 'app' || e.type === 'requestId')) {
      turn.intent = 'audit.changes';
      parsed.explanation.push('what happened to a group');
    }
    // "research lab", "Payroll Connector?", "megan bowen": a name alone, linked to one object, asks for its page.
    // ("the HR director": a title one person holds; "abigail park", whom two people are called: which one is asked.)
    if (turn.intent === 'outOfScope' && !declined && /^\s*(?:(?:the|our)\s+)?(?:\w+\s+)?<name>\s*[?!.]*\s*$/.test(parsed.cueText)) {
      const named = turn.entities.filter((e) => (e.type === 'user' || e.type === 'group' || e.type === 'app') && e.source === 'message' && (e.resolution === 'resolved' || (e.type === 'user' && e.resolution === 'ambiguous')));
      if (named.length === 1) {
        turn.intent = named[0].type === 'user' ? 'user.info' : named[0].type === 'group' ? 'group.info' : 'app.info';
        parsed.explanation.push('a name alone');
      }
    }
    if (fallback?.classifyScored && turn.intent === 'outOfScope' && !turn.followUp && !parsed.elliptical && !declined && !listed()) {
      // ("unrelated but …": the words that set an aside apart say nothing of what it asks.)
      const guess = await fallback.classifyScored(cleaned.replace(ASIDE, '').replace(/^[\s,:;.!-]*(?:but|and|so)?\s*/i, '') || cleaned);
      // Acting is never guessed: a mitigation starts only from a request the grammar itself recognises.
      if (guess.intent !== 'outOfScope' && guess.intent !== 'risk.remediate' && guess.score >= this.options.fallback!.minScore) {
        turn.intent = retarget(guess.intent, turn.entities);
        parsed.explanation.push(`trained classifier: ${guess.intent} (${guess.score.toFixed(2)})`);
        guessed = true;
        const memory = context?.conversation;
        // "she" is the person named before; "any of them" after a list of people is that list, not one person.
        const rowsMeant = pluralMeansRows(cleaned, memory, 2);
        if (parsed.pronoun === 'user' && memory?.user && !rowsMeant && !turn.entities.some((e) => e.type === 'user')) turn.entities.push({ ...memory.user, source: 'conversation' });
      }
    }

    let intent = retarget(turn.intent, turn.entities);
    // "which groups are nested in it?" about a group, no person in sight: the group's page, which lists them.
    if (intent === 'user.groups' && !turn.entities.some((e) => e.type === 'user') && turn.entities.some((e) => e.type === 'group') && parsed.pronoun !== 'user') intent = 'group.info';
    let entities = turn.entities.filter((e) => keeps(intent, e));
    const memory = context?.conversation;
    const focus = peopleInFocus(memory, turn.entities);
    // "did either of them get in?" is about both people, even where "them" alone would repeat the last question.
    const aboutBoth = focus !== undefined && (PLURAL_PEOPLE.test(cleaned.toLowerCase()) || WHERE_FROM.test(cleaned.toLowerCase()));
    // "what groups does she have that he doesn't?": the two people's groups set side by side.
    const compared = turn.row ? undefined : comparedGroups(cleaned.toLowerCase(), focus ?? (namedPair.length === 2 ? namedPair : undefined), memory?.lastIntent);
    if (compared) {
      intent = 'user.groups';
      const source = focus ? ('conversation' as const) : ('message' as const);
      entities = [...entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app'), ...compared.people.map((p): Entity => ({ type: 'user', text: p.displayName, displayName: p.displayName, id: p.id, resolution: 'resolved', source }))];
    }
    // "the finance ones", "the certificate ones - who owns them?": some of the last rows, by a description.
    const ofRows = turn.row ? { rows: memory?.lastRows } : rowsOfMessage(cleaned.toLowerCase(), withPeople?.lastRows, memory?.lastPlan, (resource) => conditionsOn(resource, cleaned, turn.entities, now));
    // "which of those have expired creds?" after a list of apps: the expiring credentials of those apps.
    const among = ofRows.among ?? (turn.row ? undefined : credentialsOfRows(ofRows.rest ?? cleaned.toLowerCase(), ofRows.rows, turn.entities));
    if (among) {
      intent = 'app.info';
      // The apps asked of are the question's objects (the answer lists their credentials, not one app's page).
      entities = [...entities.filter((e) => e.type !== 'app'), ...rowEntities((ofRows.rows ?? []).filter((r) => among.ids.includes(r.appId ?? r.id)))];
    }
    // "the sharepoint one - who?" after sign-ins by app: the same sign-ins, for that app, by person (a diagnosis of
    // the app only when the words ask why).
    const last = memory?.lastPlan;
    const appOfBreakdown = turn.row?.type === 'app' && turn.row.appId && last?.resource === 'signIns' && !memory?.lastPlanRich && last.operation.kind !== 'list' && !/\bwhy\b|\bwhat'?s wrong\b|\bwhat (?:is|went) wrong\b|\bwhat happened\b|\btroubleshoot/i.test(cleaned);
    const ofApp = appOfBreakdown ? fillPlan({ text: cleaned, intent: 'signin.list', entities: turn.entities, now, previous: last, previousCode: memory?.errorCode?.value, elliptical: true, ownScore: 0 }) : undefined;
    // ("who disabled the most recent one of all of them?" after disabled accounts: who made the change, not a row.)
    const rowsPlan = turn.intent === 'audit.changes' && last?.resource !== 'directoryAudits' && WHO_CHANGED.test(cleaned.toLowerCase()) ? undefined : ofRows.plan;
    let filled = compared ? undefined : rowsPlan ?? (ofApp?.plan.basedOnPrevious && !ofApp.rich && ofApp.plan.filters.some((f) => f.field === 'appId') ? ofApp : undefined) ?? (among || (turn.row && (turn.row.type !== 'policy' || (turn.intent === 'policy.info' && memory?.lastIntent === 'audit.changes'))) || ((turn.again || turn.changeAsked) && !aboutBoth) || (declined && !turn.followUp)
      ? undefined
      : fillPlan({ text: cleaned, intent: turn.intent, entities: turn.entities, now, previous: memory?.lastPlan, previousRich: memory?.lastPlanRich, previousCode: memory?.errorCode?.value, previousRows: ofRows.rows, lastRows: memory?.lastRows, lastRole: memory?.role, peopleInFocus: focus, elliptical: parsed.elliptical, ownScore: parsed.score }));
    // "which countries are in that list again?": the named location the thread is on, with what it covers.
    if (!filled && turn.row?.type === 'namedLocation') {
      const name = turn.row.displayName ?? turn.row.text;
      filled = { plan: { resource: 'namedLocations', filters: [{ field: 'displayName', op: 'eq', value: name }], operation: { kind: 'list' } }, intent: 'policy.info' };
    }
    // "since when?" after a diagnosis: that person's first failure of its kind.
    if (turn.firstFailure) filled = firstFailurePlan(turn.entities, now);
    // "and from where?" after a person's last sign-in (their account's record, which has no place): their newest sign-in.
    if (turn.whereFrom) filled = lastSignInFromWherePlan(turn.entities, now);
    // "show more" after a group's page: its direct members, listed.
    const listedGroup = turn.membersListed ? turn.entities.find((e) => e.type === 'group' && e.id) : undefined;
    if (listedGroup) filled = membersOf(listedGroup, [], { kind: 'list' });
    // "which ones?" after a distinct count: the values counted, each with its count.
    const counted = memory?.lastPlan?.operation;
    if (turn.valuesCounted && memory?.lastPlan && counted?.kind === 'countDistinct') filled = { plan: { ...memory.lastPlan, operation: { kind: 'groupBy', field: counted.field }, basedOnPrevious: true }, intent: turn.intent };
    // The last list asked again ("which user topped that list?", "when was that?" after changes): that list.
    if (!filled && turn.sameList && memory?.lastPlan && !memory.lastPlanRich && memory.lastIntent === turn.intent) filled = { plan: { ...memory.lastPlan, basedOnPrevious: true }, intent: turn.intent };
    // "the exchange ones - legacy clients?": the plan, for the rows that description chose.
    const chosenRows = ofRows.rest !== undefined && ofRows.rows && filled && !filled.rich ? rowsFilter(filled.plan.resource, ofRows.rows) : undefined;
    if (chosenRows && filled && !filled.plan.filters.some((f) => f.field === chosenRows.field)) filled.plan = { ...filled.plan, filters: [chosenRows, ...filled.plan.filters] };
    // A rich question's plan is only remembered for follow-ups; the rich answer answers it.
    const contextPlan = filled?.rich ? filled.plan : filled ? undefined : richQuestionPlan(retarget(turn.intent, turn.entities), turn.entities, now);
    // "what else did that admin do that day?": the changes of the one who made the change just shown.
    const actor = memory?.actor && !turn.entities.some((e) => e.type === 'user' && e.source === 'message') ? actorChangesPlan(cleaned, turn.entities, now, memory.actor) : undefined;
    if (actor) {
      filled = actor;
      turn.followUp = true;
    } else if (memory?.actor && THAT_ACTOR.test(cleaned.toLowerCase()) && ACTOR_ROLES.test(cleaned.toLowerCase()) && !turn.entities.some((e) => e.type === 'user' && e.source === 'message')) {
      // "is that person even allowed to do that?": the roles of the one who made the change.
      intent = 'role.assignments';
      entities = [...entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app' && e.type !== 'role'), { type: 'user', text: memory.actor.displayName, displayName: memory.actor.displayName, id: memory.actor.id, resolution: 'resolved', source: 'conversation' }];
      turn.followUp = true;
      filled = undefined;
    }
    // "did Megan and Adele sign in today?": both people's sign-ins, not the first one's.
    const ofBoth = !actor && !compared && !ofRows.plan && !among && !turn.row && retarget(turn.intent, turn.entities) === 'signin.list' && (!filled || filled.rich || filled.plan.resource === 'signIns') ? namedPeopleSignIns(cleaned, namedPair, turn.entities, now) : undefined;
    if (ofBoth) filled = ofBoth;
    // A plan the question's own intent overrules (src/understanding/planOverrules.ts): that intent's answer instead.
    const overruled = filled && !filled.rich ? overruledPlan({ plan: filled.plan, intent: turn.intent, parsedIntent: parsed.intent, cue: parsed.cueText, text: cleaned, score: parsed.score, followUp: turn.followUp, lastIntent: memory?.lastIntent, entities: turn.entities }) : undefined;
    if (overruled) {
      filled = undefined;
      // (Where the rule names no intent of its own, the intent found so far stands.)
      if (overruled.intent === 'asked') intent = turn.intent;
      else if (overruled.intent) intent = overruled.intent;
    }
    // "which apps?", "which apps were those?", "top apps for those?" after sign-ins: those sign-ins by app,
    // not the tenant's app registrations.
    // (After a diagnosis, the failing sign-ins it read.)
    const lastSignIns = memory?.lastPlan?.resource === 'signIns' && (!memory.lastPlanRich || memory.lastIntent === 'signin.troubleshoot') ? memory.lastPlan : undefined;
    if (lastSignIns && !turn.row && APPS_OF_THOSE.test(cleaned.toLowerCase()) && !turn.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app'))) {
      const failures: PlanFilter[] = memory?.lastPlanRich && !lastSignIns.filters.some((f) => f.field === 'result' || f.field === 'errorCode') ? [{ field: 'result', op: 'eq', value: 'failure' }] : [];
      intent = 'signin.list';
      filled = { plan: { ...lastSignIns, filters: [...lastSignIns.filters, ...failures], operation: { kind: 'groupBy', field: 'app' }, basedOnPrevious: true }, intent: 'signin.list' };
      turn.followUp = true;
    }
    // "mfa registered? which methods" after an answer about one person: theirs, not everyone's.
    const personsMethods = filled && !filled.rich && filled.plan.resource === 'registrationDetails' && filled.plan.filters.length === 0 && !filled.plan.basedOnPrevious && context?.conversation?.focus === 'user' && context.conversation.user && !EVERYONE.test(cleaned);
    let answering = filled?.rich || personsMethods ? undefined : filled;
    // "any disabled accounts among them?", "any guests in it?" after a group's page: its members with that condition,
    // not everyone in the tenant who has it.
    const pageGroup = memory?.lastIntent === 'group.info' && memory.focus === 'group' && (!memory.lastPlan || memory.lastPlanRich) ? memory.group : undefined;
    // ("are any of those disabled?": the condition said with no noun for people.)
    const ofTheGroup = pageGroup?.id !== undefined && !turn.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app'));
    const memberConditions = ofTheGroup && !answering && !turn.row && (intent === 'user.info' || turn.intent === 'user.info') && ASKS_OF_ROWS.test(cleaned.toLowerCase()) ? memberConditionsOf(cleaned.toLowerCase()) : [];
    if (ofTheGroup && memberConditions.length > 0) {
      answering = membersOf(pageGroup, memberConditions, /\bhow many\b|\bcount\b|\bnumber of\b/.test(cleaned.toLowerCase()) ? { kind: 'count' } : { kind: 'list' });
      turn.followUp = true;
    } else if (ofTheGroup && answering && answering.plan.resource === 'users' && !answering.plan.basedOnPrevious && answering.plan.filters.length > 0 && answering.plan.filters.every((f) => MEMBER_CONDITIONS.has(f.field)) && (ASKS_OF_ROWS.test(cleaned.toLowerCase()) || IN_THE_GROUP.test(cleaned.toLowerCase()))) {
      answering = membersOf(pageGroup, answering.plan.filters, answering.plan.operation);
      turn.followUp = true;
    }
    // The person a sign-in question was narrowed to below, who is then what the answer is about.
    let personalFor: Entity | undefined;
    // "where are the attempts coming from?", "how many failed attempts this week?" after an answer about one person:
    // that person's sign-ins, unless the words widen to others.
    const inFocus = memory?.user?.id && memory.focus === 'user' ? memory.user : undefined;
    const lastAboutPerson = inFocus !== undefined && (memory?.lastPlan === undefined || memory.lastPlanRich || memory.lastPlan.anchor?.id === inFocus.id || memory.lastPlan.filters.some((f) => (f.field === 'user' || f.field === 'id') && f.value === inFocus.id));
    // (A question that could open a thread — "smart lockout events since monday — count" — is about that person only
    // after a diagnosis, or when its words point back: "those", "the attempts", "mostly", "he".)
    const pointsBack = memory?.lastIntent === 'signin.troubleshoot' || memory?.lastPlanRich === true || POINTS_BACK.test(cleaned);
    if (answering && lastAboutPerson && pointsBack && answering.plan.resource === 'signIns' && !answering.about?.length && !ofRows.plan && !turn.row && !turn.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app' || e.type === 'country' || e.type === 'namedLocation')) && answering.plan.filters.every((f) => PERSONAL_SIGN_IN_CONDITIONS.has(f.field)) && !(answering.plan.operation.kind !== 'list' && 'field' in answering.plan.operation && answering.plan.operation.field === 'userDisplayName') && !OTHERS.test(cleaned)) {
      // ("on what application mostly?" after a diagnosis: the failures'.)
      const failures: PlanFilter[] = memory?.lastIntent === 'signin.troubleshoot' && !answering.plan.filters.some((f) => f.field === 'result') && !/\b(?:use|uses|used|using|succe\w*|worked|got in)\b/i.test(cleaned) ? [{ field: 'result', op: 'eq', value: 'failure' }] : [];
      answering = { ...answering, plan: { ...answering.plan, filters: [{ field: 'user', op: 'eq', value: inFocus.id!, label: inFocus.displayName ?? inFocus.text }, ...answering.plan.filters.filter((f) => !(f.field === 'eventType' && f.op === 'ne' && f.value === 'nonInteractiveUser')), ...failures] } };
      personalFor = inFocus;
      turn.followUp = true;
    }
    // "is it the same thing for Priya?" after a diagnosis: the rich question again, about what changed.
    if (filled?.rich && filled.plan.basedOnPrevious && memory?.lastPlanRich && memory.lastIntent && !turn.row) intent = memory.lastIntent;
    if (answering) {
      intent = answering.intent;
      // "any of those risky?" after a group's members: the rows are said as that group's members ("the 6 members of
      // Payroll App Users"), not as "the 6 people shown before".
      // (The same rows asked of again, "which of them are admins?" after "any of those risky?", are still those members.)
      const rowsOfGroup =
        memory?.lastIntent === 'group.info' && memory.group?.displayName
          ? memory.group.displayName
          : memory?.lastPlan?.resource === 'groupMembers'
            ? memory.lastPlan.anchor?.displayName
            : memory?.lastPlan?.filters.map((f) => /\bthe \d+ members of (.+)$/.exec(f.label ?? '')?.[1]).find((name) => name !== undefined);
      if (rowsOfGroup) answering = { ...answering, plan: { ...answering.plan, filters: answering.plan.filters.map((f) => (f.label && SHOWN_ROWS.test(f.label) ? { ...f, label: f.label.replace(SHOWN_ROWS, `the $1 members of ${rowsOfGroup}`) } : f)) } };
      // ("how many of them are guests?" after a group's members: a question about that group's members.)
      if (rowsOfGroup && memory?.lastIntent === 'group.info' && answering.plan.resource === 'users' && answering.plan.filters.some((f) => f.label !== undefined && /\bmembers of\b/.test(f.label)) && answering.plan.filters.every((f) => f.field === 'id' || MEMBER_CONDITIONS.has(f.field))) {
        answering = { ...answering, intent: 'group.info' };
        intent = 'group.info';
      }
      // A list question reads what its plan says: a word taken for a name that links to nothing is not asked about.
      entities = turn.entities.filter((e) => !(e.resolution === 'notFound' && (e.type === 'user' || e.type === 'group' || e.type === 'app')) && e.type !== 'action');
      // "just the marketing ones": the description chose rows; its words name no group to ask about.
      if (ofRows.plan) entities = entities.filter((e) => !(e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app')));
      const about = answering.about;
      if (about) entities = [...entities.filter((e) => !about.some((a) => a.type === e.type)), ...about];
      for (const kept of keptByPlan(answering.plan, memory)) if (!entities.some((e) => e.type === kept.type)) entities.push(kept);
      if (personalFor && !entities.some((e) => e.type === 'user')) entities.push({ ...personalFor, source: 'conversation' });
    }
    // "mfa registered?", "department?", "groups?" after an answer about one person: a question of that person's page
    // that names no one and describes no list is about that person.
    const subjectless = !answering && !compared && !among && !turn.row && memory?.user && memory.focus === 'user' && OF_ONE_PERSON.has(intent) && !entities.some((e) => e.type === 'user' || e.type === 'group' || e.type === 'app' || (intent === 'role.assignments' && e.type === 'role'));
    if (subjectless && !pluralMeansRows(cleaned, memory, 2) && !EVERYONE.test(cleaned)) {
      entities.push({ ...memory.user!, source: 'conversation' });
      turn.followUp = true;
    }
    // "what does that error mean?", "explain the top one": the error code the last answer was about.
    if (intent === 'docs.answer' && memory?.errorCode && !entities.some((e) => e.type === 'errorCode' || ((e.type === 'user' || e.type === 'group' || e.type === 'app') && e.source === 'message')) && SHOWN_ERROR.test(cleaned)) {
      entities = [...entities.filter((e) => e.type !== 'user' && e.type !== 'app'), { ...memory.errorCode, source: 'conversation' }];
      turn.followUp = true;
    }
    if (!answering && !entities.some((e) => e.type === 'timeRange')) {
      const fallback = defaultTimeRange(intent, now);
      if (fallback) entities.push(fallback);
    }
    // "Priya got a new iPhone last week and since then …", "what happened with Adrian's risk last week": one
    // person's story runs from last week until now.
    if (STORY_INTENTS.has(intent)) entities = entities.map((e) => (e.type === 'timeRange' && e.value === 'lastWeek' ? withWindow({ ...e, value: 'sinceLastWeek', text: 'since last week' }, now) : e));
    const explanation = [...parsed.explanation, ...lookupFailures.map((f) => `name lookup failed for ${f}`)];
    const understanding: Understanding = { intent, entities, text: cleaned, explanation };
    if (answering) understanding.plan = answering.plan;
    else if (guessed && understanding.intent === turn.intent) understanding.guessed = true;
    if (contextPlan) understanding.contextPlan = contextPlan;
    if (turn.followUp || among) understanding.followUp = true;
    if (among) understanding.among = among;
    // "compare Sara Novak and Sara Flores - department, manager": answered as one question, both remembered.
    const answeredFor = understanding.entities.find((e) => e.type === 'user' && e.id)?.id;
    const others = namedPair.filter((p) => p.id !== answeredFor);
    if (!compared && answeredFor && others.length > 0 && others.length < namedPair.length && namedPair.length <= 3) understanding.alsoNamed = others;
    if (compared) {
      understanding.compared = compared;
      understanding.followUp = turn.followUp || focus !== undefined;
    }
    return understanding;
  }
}

/**
 * "which groups am I in?", "what roles do I have?", "is my account locked?": questions about the asker, read with
 * their name in place of the first person (only where the words ask about them, not "how do I …" or "show me").
 */
export function aboutTheAsker(text: string, asker: RecognitionContext['asker']): string {
  const name = asker?.displayName.trim();
  // ("fwd from the user: 'I can't get into my account'": a quoted or forwarded first person is someone else.)
  if (!name || !FIRST_PERSON.some(([form]) => text.search(form) >= 0) || /['"‘’“”]|\bfwd\b|\bforward(?:ed|ing)?\b|\b(?:says|said|wrote|writes|complain\w*|ticket)\b/i.test(text)) return text;
  return FIRST_PERSON.reduce((said, [form, asName]) => said.replace(form, (...m: string[]) => asName(name, m[1])), text);
}

/** The first-person forms that ask about the asker, and how each reads with the asker's name. */
const FIRST_PERSON: ReadonlyArray<[RegExp, (name: string, word: string) => string]> = [
  [/\bam i (?=in\b|an? |at risk|risky|blocked|locked|disabled|excluded|covered|included|allowed|registered|a member|an owner)/gi, (name) => `is ${name} `],
  [/\bdo i (have|hold|own|belong)\b/gi, (name, verb) => `does ${name} ${verb}`],
  [/\bhave i (been|got|registered|signed|changed)\b/gi, (name, verb) => `has ${name} ${verb}`],
  [/\bdid i (change|add|remove|disable|enable|create|invite|assign|reset|delete|sign|dismiss|confirm|revoke)\b/gi, (name, verb) => `did ${name} ${verb}`],
  [/\bi(?:'m| am) (in|a member|an? (?:admin|owner|member|global)|at risk|risky|blocked|locked|disabled|excluded|covered|included|allowed)\b/gi, (name, rest) => `${name} is ${rest}`],
  [/\bmy (?:own )?(groups?|roles?|account|permissions|mfa(?: methods?)?|sign[- ]?ins?|risk(?: level)?|admin rights|memberships?|last sign[- ]?in)\b/gi, (name, thing) => `${name}'s ${thing}`],
];

import type { DirectoryEntityType, IntentName, Understanding } from '../understanding/types';
import type { TenantSession } from '../graph/sessions';
import type { MitigationProposal } from '../mitigations/types';

/** Who asked, from the activity: the Entra object id and tenant of the Teams user. */
export interface Asker {
  aadObjectId?: string;
  tenantId?: string;
  name?: string;
}

export interface SkillRequest {
  understanding: Understanding;
  asker: Asker;
  conversationType: 'personal' | 'groupChat' | 'channel';
  now: Date;
  /** Graph, with the asker's rights; absent when no tenant is configured. */
  tenant?: TenantSession;
  /** "Show more": the cursor the previous page of this answer handed out (opaque to the bot; the skill validates it). */
  cursor?: string;
  /** A mitigation button's proposal (exact ids), when the question came from one rather than typed text. */
  mitigation?: MitigationProposal;
}

/**
 * A button under a card answer. The bot renders these (adaptiveCards/parts/actions.json), so skills never write card
 * JSON: `mitigate` starts the confirmation of an action on a user, service principal or sign-in (offer it only when
 * the asker's roles allow it: see src/mitigations/types.ts mitigationPermission); `showMore` asks the same question
 * again for the next page, from `cursor`.
 */
export type AnswerAction = { kind: 'mitigate'; title: string; proposal: MitigationProposal } | { kind: 'showMore'; title: string; cursor: string };

/**
 * What a skill returns: data, never card JSON. A card answer names its template and gives its preformatted view
 * model; `summary` is the same answer as plain text (notifications, the ask CLI, accessibility).
 */
export type SkillAnswer =
  | {
      kind: 'card';
      template: string;
      data: object;
      summary: string;
      actions?: AnswerAction[];
      /** The objects the answer lists, in the order shown: "the top one", "the second one" refer to them. */
      subjects?: AnswerSubject[];
      /**
       * What the answer found the question to be about beyond what was named: the app and error code of a diagnosed
       * failure, the policy that blocked it. Follow-ups refer to them ("who owns that app?", "how many times has
       * that happened today?").
       */
      about?: AnswerAbout[];
      /** The person who made the newest change shown ("what else did that admin do that day?"), and when. */
      actor?: ChangeActor;
    }
  | { kind: 'text'; text: string }
  /**
   * A mitigation checked and ready to confirm: the bot records it and sends the confirmation card (the skill never
   * acts itself). `stateNow` is the target's state as just read ("user risk high, at risk").
   */
  | { kind: 'confirm'; proposal: MitigationProposal; stateNow: string; notes: string[] };

export interface AnswerAbout {
  type: 'user' | 'group' | 'app' | 'policy' | 'errorCode';
  /** Directory object id (a service principal's for apps), where known. */
  id?: string;
  appId?: string;
  /** The name shown; for an error code, its digits. */
  displayName: string;
  /** A person the answer showed as the subject's manager ("who's Bob's manager?": "who else reports to her?" next) or as its first owner ("what else does the owner own?"). */
  as?: 'manager' | 'owner';
}

/** Who made a change an answer showed, and when it was made. */
export interface ChangeActor {
  id: string;
  displayName: string;
  at: string;
}

export interface AnswerSubject {
  /** A directory object, or a Conditional Access policy ("the report-only one"). */
  type: DirectoryEntityType | 'policy' | 'namedLocation';
  id: string;
  displayName: string;
  /** An app known by its application id only (a registration's row): its service principal is found when asked. */
  appId?: string;
  /** Short words the answer showed beside the row (its risk level and state): "the low one" finds it by them. */
  shownAs?: string;
}

/** A question whose ambiguous name a fact of the tenant settled, and how it was settled, in words for the admin. */
export interface Settled {
  understanding: Understanding;
  note: string;
}

export interface Skill {
  readonly name: string;
  readonly version: string;
  readonly intents: readonly IntentName[];
  answer(request: SkillRequest): Promise<SkillAnswer>;
  /**
   * Before the admin is asked which of several objects a name means: the one the question must mean, from a fact of
   * the tenant (the only app whose sign-ins fail), or undefined to ask.
   */
  settle?(request: SkillRequest): Promise<Settled | undefined>;
}

/**
 * The one registry of the intents Entra Assistant understands: one entry per intent with every fact about it that
 * is not a cue word. The tables the understanding steps use (INTENTS, INTENT_DESCRIPTIONS, the follow-up sets,
 * PLAN_INTENTS, …) are derived from here, so a new question type is one entry. The cues that choose an intent from
 * the words stay in `intentRules.ts`.
 */
import { PLAN_RESOURCES, type PlanResource } from '../../plans/plan';
import type { DirectoryEntityType } from '../types';

export interface IntentEntry<Name extends string = string> {
  /** The intent in words, as an admin would say what they asked ("I understood a question about …"). */
  readonly description: string;
  /** The kind of tenant object a bare name, "it" or a list row stands for in this question. */
  readonly subject: DirectoryEntityType;
  /** An Entra ID question (answered, or "not available yet"), not help or the scope message. */
  readonly inScope: boolean;
  /** About one person when a pronoun ("he", "her") stands in for the name. */
  readonly aboutAPerson?: boolean;
  /** "it" after a question about a person is that person's account, risk or sign-in. */
  readonly itOfAPerson?: boolean;
  /** The answer shows a state whose start the audit log holds ("since when?" asks the audit log). */
  readonly stateInAudit?: boolean;
  /** After a list answered under this intent, a question about one of its rows asks this intent. */
  readonly rowIntent?: Name;
  /** The plan collections (src/plans/plan.ts) whose lists, counts and breakdowns answer under this intent. */
  readonly plans?: readonly PlanResource[];
  /** The answer reads no list, so a plan never takes the question over (explanations, help). */
  readonly neverAPlan?: boolean;
  /** The window the answer looks at when the admin names none (an ISO 8601 duration, src/understanding/entities/timeRange.ts). */
  readonly defaultWindow?: string;
  /** The one-object page of its subject: the intent a question about a named user, group or app moves to. */
  readonly objectPage?: boolean;
}

/** In the order of the contract: the names appear in `ask --json`, the measurement sets and the training data. */
const REGISTRY = {
  'signin.troubleshoot': { description: 'why a sign-in failed', subject: 'user', inScope: true, aboutAPerson: true, itOfAPerson: true, defaultWindow: 'P7D' },
  'signin.list': { description: 'a list or summary of sign-ins', subject: 'user', inScope: true, aboutAPerson: true, rowIntent: 'signin.troubleshoot', plans: ['signIns'], defaultWindow: 'PT24H' },
  'risk.user': { description: "a user's risk and detections", subject: 'user', inScope: true, aboutAPerson: true, itOfAPerson: true, defaultWindow: 'P30D' },
  'risk.users': { description: 'the users at risk', subject: 'user', inScope: true, itOfAPerson: true, rowIntent: 'risk.user', plans: ['riskyUsers', 'riskDetections'], defaultWindow: 'P30D' },
  'risk.workload': { description: 'risky apps and service principals', subject: 'app', inScope: true, rowIntent: 'risk.workload', plans: ['riskyServicePrincipals'], defaultWindow: 'P30D' },
  // The contract's name; everywhere else the project says "mitigation".
  'risk.remediate': { description: 'a mitigation on a risky account or app', subject: 'user', inScope: true, aboutAPerson: true, itOfAPerson: true },
  'user.info': {
    description: 'details of a user',
    subject: 'user',
    inScope: true,
    aboutAPerson: true,
    itOfAPerson: true,
    stateInAudit: true,
    rowIntent: 'user.info',
    plans: ['users', 'registrationDetails', 'directReports'],
    objectPage: true,
  },
  'user.groups': { description: "a user's group memberships", subject: 'user', inScope: true, aboutAPerson: true, stateInAudit: true, rowIntent: 'group.info', plans: ['memberOf'] },
  'group.info': {
    description: 'a group, its members and owners',
    subject: 'group',
    inScope: true,
    stateInAudit: true,
    rowIntent: 'group.info',
    plans: ['groups', 'groupMembers', 'groupOwners', 'ownedGroups'],
    objectPage: true,
  },
  'role.assignments': { description: 'directory role assignments', subject: 'user', inScope: true, aboutAPerson: true, stateInAudit: true, rowIntent: 'user.info', plans: ['roleAssignments'] },
  'app.info': { description: 'an application, its owners and credentials', subject: 'app', inScope: true, stateInAudit: true, rowIntent: 'app.info', plans: ['ownedApps', 'applications', 'servicePrincipals'], objectPage: true },
  'audit.changes': { description: 'what changed and who changed it', subject: 'user', inScope: true, aboutAPerson: true, itOfAPerson: true, plans: ['directoryAudits'], defaultWindow: 'P7D' },
  'policy.info': { description: 'Conditional Access policies', subject: 'user', inScope: true, aboutAPerson: true, stateInAudit: true, plans: ['conditionalAccessPolicies', 'namedLocations'] },
  'docs.answer': { description: 'an explanation of a concept or error code', subject: 'user', inScope: true, neverAPlan: true },
  help: { description: 'help', subject: 'user', inScope: false, neverAPlan: true },
  outOfScope: { description: 'something outside Entra ID', subject: 'user', inScope: false },
} as const satisfies Record<string, IntentEntry>;

export type IntentName = keyof typeof REGISTRY;

/** Every intent's entry, with its intent references checked against the names. */
export const INTENT_REGISTRY: Readonly<Record<IntentName, IntentEntry<IntentName>>> = REGISTRY;

/** The intents Entra Assistant understands. The names are a contract: they appear in `ask --json`. */
export const INTENTS = Object.keys(REGISTRY) as readonly IntentName[];

function where(fact: (entry: IntentEntry<IntentName>) => boolean | undefined): ReadonlySet<IntentName> {
  return new Set(INTENTS.filter((intent) => fact(INTENT_REGISTRY[intent])));
}

/** Each intent in words, as an admin would say what they asked. */
export const INTENT_DESCRIPTIONS: Readonly<Record<IntentName, string>> = Object.fromEntries(INTENTS.map((i) => [i, INTENT_REGISTRY[i].description])) as Record<IntentName, string>;

/** Every question about Entra ID (not help, not the scope message). */
export const IN_SCOPE_INTENTS: readonly IntentName[] = INTENTS.filter((i) => INTENT_REGISTRY[i].inScope);

/** Intents that are about one person when a pronoun stands in for the name. */
export const ABOUT_A_PERSON = where((e) => e.aboutAPerson);

/** Intents where "it" after a question about a person is that person's account, risk or sign-in. */
export const IT_OF_A_PERSON = where((e) => e.itOfAPerson);

/** Answers about a state whose start the audit log holds. */
export const STATE_INTENTS = where((e) => e.stateInAudit);

/** After a list, a question about one of its rows asks the one-object question of that list. */
export const ROW_INTENTS: Readonly<Partial<Record<IntentName, IntentName>>> = Object.fromEntries(
  INTENTS.flatMap((i) => {
    const row = INTENT_REGISTRY[i].rowIntent;
    return row ? [[i, row]] : [];
  }),
);

/** Intents a plan never takes over: explanations and help read no list. */
export const NOT_LISTS = where((e) => e.neverAPlan);

/** The window each intent looks at when the admin names none. */
export const DEFAULT_WINDOWS: Readonly<Partial<Record<IntentName, string>>> = Object.fromEntries(
  INTENTS.flatMap((i) => {
    const window = INTENT_REGISTRY[i].defaultWindow;
    return window ? [[i, window]] : [];
  }),
);

/** The intents whose answers are about one tenant object, by the object's type. */
export const OBJECT_INTENTS = Object.fromEntries(INTENTS.filter((i) => INTENT_REGISTRY[i].objectPage).map((i) => [INTENT_REGISTRY[i].subject, i])) as Readonly<Record<DirectoryEntityType, IntentName>>;

/** The kind of tenant object a bare name, "it" or a list row stands for in a question of this intent. */
export function expectedType(intent: IntentName): DirectoryEntityType {
  return INTENT_REGISTRY[intent].subject;
}

function planIntents(): Record<PlanResource, IntentName> {
  const byResource = new Map<PlanResource, IntentName>();
  for (const intent of INTENTS) {
    for (const resource of INTENT_REGISTRY[intent].plans ?? []) {
      const other = byResource.get(resource);
      if (other) throw new Error(`Plan resource ${resource} answers under both ${other} and ${intent}`);
      byResource.set(resource, intent);
    }
  }
  const missing = PLAN_RESOURCES.filter((r) => !byResource.has(r));
  if (missing.length) throw new Error(`No intent answers plans over ${missing.join(', ')}`);
  return Object.fromEntries(byResource) as Record<PlanResource, IntentName>;
}

/** The intent by subject that each resource's plans answer under (the `ask --json` contract). */
export const PLAN_INTENTS: Readonly<Record<PlanResource, IntentName>> = planIntents();

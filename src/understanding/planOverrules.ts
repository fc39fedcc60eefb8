/**
 * A plan the words filled that the question's own intent overrules: the plan is dropped and the intent's own answer
 * is given instead. Each rule names a case where a list would answer something other than what was asked ("what
 * department is that person in?" after a ranking of people asks for their account, not their sign-ins again). The
 * first rule that fits decides.
 */
import type { QuestionPlan } from '../plans/plan';
import { ABOUT_THE_DIAGNOSIS, ACCOUNT_FACT } from './conversation';
import { SIGN_IN_AUDIENCE, WHO_DID_THAT } from './intents/intentRules';
import type { Entity, IntentName } from './types';

export interface OverruleInput {
  /** The plan the words filled (not a rich question's). */
  plan: QuestionPlan;
  /** The intent the grammar and the conversation found, and the grammar's own from the words alone. */
  intent: IntentName;
  parsedIntent: IntentName;
  /** The cue text (names masked) and the message as cleaned. */
  cue: string;
  text: string;
  score: number;
  followUp: boolean;
  lastIntent: IntentName | undefined;
  entities: readonly Entity[];
}

interface Overrule {
  name: string;
  when: (input: OverruleInput) => boolean;
  /** The intent answered instead: one of its own, the one the words and the conversation found ('asked'), or (none)
   * the intent as found so far. */
  intent?: IntentName | 'asked';
}

/** The thread, not the message, gave an object of this type. */
const fromThread = (input: OverruleInput, type: Entity['type']) => input.entities.some((e) => e.type === type && e.source === 'conversation');

const OVERRULES: readonly Overrule[] = [
  {
    // "payroll connector risky sign-ins, which credential did they use?", "what IP did the risky Payroll Connector
    // sign-ins come from?": an app's risky sign-ins and detections are on its workload-identity risk page (with their
    // credential and address), not in a list of its sign-ins or of people's detections.
    name: "an app's risky sign-ins",
    when: (i) => i.parsedIntent === 'risk.workload' && i.score >= 8 && !i.followUp && (i.plan.resource === 'signIns' || i.plan.resource === 'riskDetections') && i.entities.some((e) => e.type === 'app' && e.source === 'message' && e.resolution === 'resolved') && !i.entities.some((e) => e.type === 'user' && e.source === 'message'),
    intent: 'risk.workload',
  },
  {
    // "what does our 'Block legacy authentication' policy actually block, conceptually?", "in plain terms, what kind of
    // sign-ins is it meant to stop?": the admin says the question is about the idea, not the tenant's rows.
    name: 'a concept asked in general terms',
    when: (i) => i.parsedIntent === 'docs.answer' && i.score >= 10 && !i.followUp,
    intent: 'docs.answer',
  },
  {
    // "does the block legacy auth policy cover imap logins?", "which CA policy would apply to a guest signing in from
    // home?", "are sign-ins from outside the US blocked by any policy?": what the policies do, asked in general, not the
    // sign-ins the words describe. ("is there a policy that blocks sign-ins from north korea?" keeps its plan: the
    // blocking named locations that hold the country.)
    name: 'what a policy covers',
    when: (i) => i.parsedIntent === 'policy.info' && i.score >= 5 && !i.followUp && i.plan.resource === 'signIns' && !i.entities.some((e) => e.type === 'timeRange' && e.source === 'message') && !i.entities.some((e) => e.type === 'user' && e.source === 'message') && /\b(?:cover|covers|covered|apply|applies|applied to|do we have|is there|any (?:ca |conditional access )?polic(?:y|ies)|exclude|excludes|excluded)\b/i.test(i.cue) && !/\b(?:how many|count|who|whom)\b/i.test(i.cue),
    intent: 'policy.info',
  },
  {
    // "sign-in audience of the partner portal app": a fact of the app's registration, not its sign-ins.
    name: "an app's registration fact",
    when: (i) => i.parsedIntent === 'app.info' && i.score >= 9 && !i.followUp && i.plan.resource === 'signIns' && SIGN_IN_AUDIENCE.test(i.cue),
    intent: 'app.info',
  },
  {
    // "what does 'block legacy authentication' block exactly", "what would the MFA policy stop?": what the policy is
    // for, not the sign-ins it stopped this week.
    name: 'what a policy blocks',
    when: (i) => i.parsedIntent === 'policy.info' && i.score >= 5 && !i.followUp && i.plan.resource === 'signIns' && !i.entities.some((e) => (e.type === 'timeRange' || e.type === 'user') && e.source === 'message') && /\bwhat (?:does|do|would|will|did) (?:the |that |this |our )?(?:<policy>|the <policy> policy)(?: polic(?:y|ies))?\s+(?:actually |really |even )?(?:block|stop|prevent|cover|catch|do)\b/i.test(i.cue) && !/\b(?:who|whom|how many|which (?:users|people|accounts))\b/i.test(i.cue),
    intent: 'policy.info',
  },
  {
    // "Johanna pasted 'AADSTS53003 …' - which policy is it?", "nina blocked by Require MFA for all users? explain": a
    // policy in one person's way is their diagnosis, not a list of their sign-ins.
    name: "a policy in a person's way",
    when: (i) => i.parsedIntent === 'signin.troubleshoot' && i.score >= 16 && !i.followUp && i.plan.resource === 'signIns' && i.entities.some((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved'),
    intent: 'signin.troubleshoot',
  },
  {
    // "Lee's screen says 'AADSTS50057: The user account is disabled.' - who did that??": who disabled him, from the audit
    // log, not who had that error.
    name: 'who made the change',
    when: (i) => i.parsedIntent === 'audit.changes' && i.score >= 8 && i.plan.resource === 'signIns' && WHO_DID_THAT.test(i.cue),
    intent: 'audit.changes',
  },
  {
    // "what department is that person in?" after a ranking of people, "ok back to Sara — who manages them?" after her
    // last sign-ins: that person's account, not the same list again.
    name: "an account fact of a person in the sign-ins",
    when: (i) => i.parsedIntent === 'user.info' && ACCOUNT_FACT.test(i.cue) && !/\b(?:sign|log)/.test(i.cue) && i.entities.some((e) => e.type === 'user' && e.resolution === 'resolved') && (i.plan.resource === 'signIns' || (i.plan.resource === 'users' && i.plan.basedOnPrevious === true && i.plan.filters.some((f) => f.field === 'id' && f.op === 'eq'))),
    intent: 'user.info',
  },
  {
    // "what's the exact error code?" after a diagnosis: the diagnosis says it, not a list of the person's sign-ins.
    name: 'a part of the diagnosis just given',
    when: (i) => i.intent === 'signin.troubleshoot' && i.followUp && i.lastIntent === 'signin.troubleshoot' && i.plan.resource === 'signIns' && ABOUT_THE_DIAGNOSIS.test(i.cue),
  },
  {
    // "of the apps Irvin owns, which have a secret expiring this month?": the credentials answer, narrowed to his apps.
    name: "a person's apps' expiring credentials",
    when: (i) => i.plan.resource === 'ownedApps' && /\bexpir\w*|\brunning out\b|\brun out\b|\b(?:secrets?|certs?|certificates?|credentials?|keys?) (?:due|ending|end)\b/i.test(i.text),
    intent: 'app.info',
  },
  {
    // "who in Finance is flagged risky?", "anyone in VPN Users at risk?": the risk list narrowed to those people, not
    // the people's own list.
    name: 'risk among a department or group',
    when: (i) => i.intent === 'risk.users' && (i.plan.resource === 'users' || i.plan.resource === 'groupMembers') && !i.plan.basedOnPrevious && i.entities.some((e) => e.source === 'message' && (e.type === 'userAttribute' || e.type === 'group')),
  },
  {
    // "risky users without any MFA method": the risk list, narrowed to those with no method, not everyone without MFA.
    name: 'risky users without MFA',
    when: (i) => i.intent === 'risk.users' && i.plan.resource === 'registrationDetails' && !i.plan.basedOnPrevious && /\b(?:risky|at[- ]risk|flagged|compromised)\b/i.test(i.text),
  },
  {
    // "is that person at risk?", "what roles does he have?" after who got an error the most: that person's own page,
    // not the sign-ins again narrowed to them.
    name: "a ranked person's own page",
    when: (i) => i.plan.basedOnPrevious === true && i.plan.resource === 'signIns' && (i.intent === 'risk.user' || i.intent === 'role.assignments' || i.intent === 'user.groups') && i.score >= 4 && fromThread(i, 'user'),
    intent: 'asked',
  },
  {
    // "johanna lorenz - member of VPN Users? (nested counts)": whether she is in it (nesting counted), not its members.
    name: "a person's membership of a group",
    when: (i) => i.intent === 'user.groups' && i.plan.resource === 'groupMembers' && i.entities.some((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved') && i.entities.some((e) => e.type === 'group' && e.source === 'message'),
    intent: 'asked',
  },
];

/** The rule that overrules the plan; undefined when the plan stands. */
export function overruledPlan(input: OverruleInput): Pick<Overrule, 'name' | 'intent'> | undefined {
  return OVERRULES.find((r) => r.when(input));
}

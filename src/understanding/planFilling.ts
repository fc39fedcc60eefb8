/**
 * Fills a question plan (src/plans/plan.ts) from a message: the collection it asks about, the conditions on it,
 * the operation (list, count, breakdown, any?, first/latest), and the objects it starts from, from slots rather
 * than from whole phrasings. A message that continues the previous plan ("where were those coming from?", "did
 * any of them succeed?") starts from that plan. Questions that a rich answer serves better (one person's sign-in
 * problem, one group's page, the risky-user story) get no plan and keep their skill.
 */
import { correction } from './text/spelling';
import { findRiskType } from '../knowledge/riskTypes';
import type { PlanAnchor, PlanFilter, PlanOperation, PlanResource, QuestionPlan } from '../plans/plan';
import { ordersByCreation, resourceOf } from '../plans/resources';
import { PRIVILEGED_ROLES } from '../graph/privilegedRoles';
import { windowLabel } from './entities/timeRange';
import { asActor } from './text/actor';
import type { Entity, IntentName } from './types';
import { NOT_LISTS, PLAN_INTENTS } from './intents/registry';
import { ERRORS_IN_WORDS, FAILED_MFA, failureInOtherWords, HOW_MANY_HIT_IT, HOW_MANY_IT_BLOCKED, peopleWithAnError, POLICY_BY_WHAT_IT_DOES, SIGN_INS_BY_BLOCKING_POLICY } from './entities/catalogues';
import { ASKS_OF_ROWS, restrictToRows, rowEntities, rowsFilter } from './rowsAsked';

const DAY = 86_400_000;

interface ResourceCue {
  resource: PlanResource;
  pattern: RegExp;
  /** Higher wins when several nouns are named ("guests without MFA registered" is about registration). */
  weight: number;
  filters?: PlanFilter[];
}

const SIGN_IN_NOUN = String.raw`(?:sign[- ]?ins?|signins?|log[- ]?ins?|logins?|logons?|sign[- ]?in (?:attempts?|events?|logs?)|(?:login|sign[- ]?in) attempts?|attempts|authentications?)`;
const NO_MFA_REGISTERED = /\b(?:have|has|having|got) no (?:mfa|multi[- ]?factor|2fa)\b(?!\s+(?:prompts?|challenges?|done|performed|during))|\b(?:no|without|missing|lack(?:s|ing)?)\b(?:\s+\S+){0,2}\s+mfa\s+(?:methods?|registered|registration|set ?up|enrolled|enrollment)\b|\bno\s+(?:mfa|authentication|auth)\s+methods?\b|\b(?:not|never|hasn'?t|haven'?t|have not|has not|didn'?t)\s+(?:\S+\s+){0,2}(?:registered|enrolled|set up)\b(?:\s+\S+){0,3}\s+(?:for\s+)?mfa\b|\bunregistered\b.{0,20}\bmfa\b|\bmfa\s+(?:registration|enrollment)\b/;

/** "who only has SMS for MFA?", "sms-only mfa": one registered method, a text message. */
const SMS_ONLY = /(?<!\bthe (?:one|person|user) (?:with |who (?:has |uses )?))\bonly (?:have |has |had |use |uses |using )?(?:sms|text messages?|texts?|phone)\b|\b(?:sms|text)[- ]only\b|\bonly (?:mfa |auth(?:entication)? )?method is (?:sms|text|a text|the phone)\b|\b(?:sms|text messages?) as (?:their|his|her|the) (?:only )?(?:mfa |auth(?:entication)? )?method\b/;

const RESOURCE_CUES: ResourceCue[] = [
  // "how many distinct users failed MFA this month?": sign-ins, whatever the people.
  // ("Chloe Petrov failing MFA, whats up": one person's trouble, their diagnosis.)
  { resource: 'signIns', pattern: new RegExp(`^(?!.*<pp>).*(?:${FAILED_MFA})`), weight: 4.5 },
  // ("the sign-in frequency in that policy" is a session control, not sign-ins.)
  { resource: 'signIns', pattern: new RegExp(`\\b${SIGN_IN_NOUN}\\b(?! frequency\\b)`), weight: 3 },
  { resource: 'signIns', pattern: /\bfail(?:ed|ing|s)? to authenticate\b|\bauthentication failures?\b|\b(?:apps?|applications?) (?:did|does|has|have) <pp> (?:been )?(?:use|used|using|access|accessed|accessing|open|opened|opening|sign(?:ed|ing) into)\b|\banything (?:signing|logging) in\b/, weight: 4.5 },
  // An error code is a sign-in's: "which users hit 53000", "lockouts (50053) in the last 30 days".
  // Only when the words list, count or bound it in time: "Priya keeps getting 53000" is her problem, not a list.
  { resource: 'signIns', pattern: new RegExp(peopleWithAnError('<ec>')), weight: 3.2 },
  { resource: 'signIns', pattern: /\b(?:which|who|how many|count|list|show|top \d+|number of|any|all)\b.*<ec>|<ec>.*\b(?:which|who|how many|count|list|any)\b|<ec>.{0,40}<tt>|<tt>.{0,40}<ec>/, weight: 3.2 },
  // Failures, lockouts and error codes counted or broken down are sign-ins too ("failures per day since Monday").
  { resource: 'signIns', pattern: /\b(?:failures|failed attempts|lockouts|error codes|errors)\b/, weight: 2.2 },
  // "how many different users failed today?": people failing are people whose sign-ins failed.
  { resource: 'signIns', pattern: /\b(?:users?|people|accounts|guests|admins|members|employees)\s+(?:have\s+|had\s+|has\s+)?(?:failed|failing)\b(?!\s+(?:to\s+)?(?:register|enrol|set ?up|mfa registration))/, weight: 3.2 },
  // "Who got blocked from the HR portal this week?": everyone refused, a list of sign-ins by person.
  { resource: 'signIns', pattern: /\bwho (?:got|was|were|has been|have been|is getting|keeps getting) (?:blocked|denied|locked out|refused|rejected|kicked out)\b/, weight: 3 },
  // "has anyone besides Bob been locked out?", "anybody else getting blocked?": the people of those sign-ins.
  { resource: 'signIns', pattern: /\b(?:anyone|anybody|someone|somebody)\b.{0,40}\b(?:locked[- ]out|blocked|denied|refused|rejected|kicked out)\b/, weight: 3 },
  { resource: 'signIns', pattern: /\bhow many times\b.{0,40}\b(?:sign|log)(?:ged|ed)?\s*(?:in|on)\b/, weight: 3 },
  { resource: 'signIns', pattern: /\b(?:signed|logged)\s+(?:in|into|on)\b|\bgot\s+in(?:to)?\b|\bgot\s+into\b/, weight: 2 },
  // "guests signing in this week", "who's been logging in from …": sign-ins, over the people noun.
  { resource: 'signIns', pattern: /\b(?:signing|logging)\s+(?:in|into|on)\b/, weight: 2.5 },
  // "who signed in from Paris this month?": a city people work in, said of where sign-ins came from.
  { resource: 'signIns', pattern: /\b(?:signed|logged|signing|logging)\s+(?:in|on)\s+from <ua>|\b(?:sign[- ]?ins?|logins?|log[- ]?ins?)\s+from <ua>/, weight: 4 },
  // "who used the Azure portal this month", "who has been opening the HR portal": that app's sign-ins.
  { resource: 'signIns', pattern: /\bwho(?:'s| has| have)?(?: been)? (?:used|uses|using|accessed|accessing|opened|opening)\b.{0,20}<aa>/, weight: 3 },
  // "who's been hitting us from 192.0.2.x?", "anything from 203.0.113.5": sign-ins from an address or a range.
  { resource: 'signIns', pattern: /\b(?:\d{1,3}\.){2,3}(?:\d{1,3}|x|\*)\b/, weight: 3 },
  // "iphone users blocked for non-compliant device", "which mac users got the device block": a platform's refusals.
  { resource: 'signIns', pattern: /\b(?:iphones?|ipads?|android|macs?|macos|windows|linux|ios)\b.{0,20}\b(?:users?|people|devices?|folks)\b.{0,30}\b(?:blocked|block|failing|failed|denied|refused|got|get|getting|hit)\b/, weight: 3.5 },
  // "blocked for no MFA registration": the sign-ins refused for it (50079), not the registration report.
  { resource: 'signIns', pattern: /\b(?:blocked|failing|failed|stopped|stuck|refused|denied) (?:for|because of|due to|over) (?:no|missing|a missing|lack of|not having(?: an?)?) (?:mfa|multi[- ]?factor) (?:registration|method|methods|setup|set up)\b/, weight: 5.5 },
  { resource: 'registrationDetails', pattern: NO_MFA_REGISTERED, weight: 5, filters: [{ field: 'isMfaRegistered', op: 'eq', value: false }] },
  // "users without MFA", "admins with no MFA?": people without a method (sign-ins without MFA are another question).
  { resource: 'registrationDetails', pattern: /^(?!.*\b(?:sign|log)[- ]?(?:ins?|ons?)\b|.*\b(?:logins?|got in(?:to)?|signed|logged|accessed|accessing|using|used|opened|prompted|challenged|today|yesterday|this week|this month|last week|last month|since)\b|.*<tt>)(?=.*\b(?:users|people|accounts|admins|guests|who|anyone|anybody|members|staff|employees|them|those|these)\b).*\b(?:without|with no|no|lacking|missing)\s+(?:any\s+)?(?:mfa|multi[- ]?factor|2fa)\b(?!\s+(?:prompts?|challenges?|done|performed|policy|policies))/, weight: 5, filters: [{ field: 'isMfaRegistered', op: 'eq', value: false }] },
  { resource: 'registrationDetails', pattern: /\b(?:registered|enrolled)\s+(?:for\s+)?mfa\b|\bmfa[- ]capable\b/, weight: 4 },
  // "who only has SMS for MFA?", "users with sms-only mfa": one method, and it is a text message.
  { resource: 'registrationDetails', pattern: SMS_ONLY, weight: 5.5, filters: [{ field: 'methodsRegistered', op: 'eq', value: 'mobilePhone', label: 'SMS (text message) only' }] },
  { resource: 'registrationDetails', pattern: /\b(?:fido2?|security keys?|hardware keys?|passkeys?|windows hello|authenticator app)\b.{0,30}\b(?:registered|set up|enrolled|added|uses?|using|has|have)\b|\b(?:registered|set up|enrolled|added|uses?|using|has|have)\b.{0,30}\b(?:fido2?|security keys?|hardware keys?|passkeys?|windows hello|authenticator app)\b/, weight: 5 },
  // "anyone created in the last two months?" (who created them is the audit log's: "who created them?", "created by").
  { resource: 'signIns', pattern: /\b(?:top|most common|commonest|main|biggest|leading|most frequent)\s+(?:error codes?|errors?|failures?|failure reasons?|sign[- ]?in errors?|reasons? (?:for|of) fail\w*)\b/, weight: 3 },
  // "how many times has Priya failed today", "Bob's failures this week": a person's failed sign-ins, counted or listed.
  { resource: 'signIns', pattern: /\bhow many times\b.{0,30}\bfail(?:ed|s)?\b|\b(?:has|did|have) <pp> fail(?:ed)?\b|\b<pp>(?:'s)? (?:failures|failed attempts)\b/, weight: 3.2 },
  // "which apps are people failing on today": the apps of the failed sign-ins.
  { resource: 'signIns', pattern: /\b(?:which|what) (?:apps?|applications?)\b.{0,30}\b(?:fail(?:ing|ed|s)?|erroring|blocked|sign(?:ing|ed)? in|log(?:ging|ged)? in)\b/, weight: 3.5 },
  // "which apps were they trying?" after a person's failures: the apps of their sign-ins (with an error code named, the
  // app of that failure is the diagnosis's).
  { resource: 'signIns', pattern: /^(?!.*<ec>).*\b(?:which|what) (?:apps?|applications?)\b.{0,20}\b(?:was|were|is|are|has|have) (?:he|she|they|<pp>|<name>)(?: been)? (?:trying|attempting)\b/, weight: 3.5 },
  // "disabled accounts that still tried to sign in": sign-ins refused because the account is disabled (50057).
  { resource: 'signIns', pattern: /\bdisabled (?:accounts?|users?|people)\b.{0,40}\b(?:tr(?:y|ied|ying)|attempt\w*|still)\b.{0,20}\b(?:sign|log)/, weight: 3.6 },
  { resource: 'users', pattern: /^(?!.*\bwho (?:created|made|added)\b|.*\bcreated by\b|.*\bby whom\b)(?:.*\b(?:anyone|anybody|who|accounts?|users?|people)\b.{0,20}\b(?:was |were |got |been )?created\b|.*\bnew (?:accounts?|users?|starters?|joiners?|hires?)\b|.*\b(?:newest|latest|most recent|last) (?:hires?|starters?|joiners?|recruits?|arrivals?)\b|.*\b(?:who|anyone|anybody|people|users?|employees|staff) (?:has |have )?(?:joined|started) (?:the company|us|the org\w*|here)\b)/, weight: 3.7 },
  { resource: 'users', pattern: /\bguests?\b|\bexternal (?:users?|accounts?|people)\b|\bb2b\b/, weight: 2, filters: [{ field: 'userType', op: 'eq', value: 'Guest' }] },
  { resource: 'users', pattern: /\b(?:users?|accounts?|people|employees|identities|persons|staff|head ?counts?|(?:team|department|dept) size)\b|\b(?:cloud[- ]only|synced|internal) (?:members|identities)\b/, weight: 1 },
  // Who has not signed in is a question about accounts (their last sign-in), not about the sign-in log.
  { resource: 'users', pattern: /\b(?:users?|accounts?|people|guests?|employees|who)\b.{0,30}\b(?:never|haven'?t|hasn'?t|not) (?:\S+ )?(?:signed|logged|sign|log) (?:in|on)\b|^(?:and\s+)?(?:which|who)(?: (?:of (?:them|those|these)|ones?))? (?:have |has )?never (?:\S+ )?(?:signed|logged) (?:in|on)\b|\b(?:users?|accounts?|guests?)\b.{0,30}\bnever (?:been )?used (?:to (?:sign|log) (?:in|on)|at all)\b|\b(?:users?|accounts?|people|guests?|employees)\b.{0,20}\b(?:zero|no) sign[- ]?ins? (?:ever|at all)\b|\b(?:users?|accounts?|people|guests?|employees)\b.{0,20}\bzero sign[- ]?ins?\b|\binactive\b|\bstale (?:users?|accounts?)\b|\bdormant\b/, weight: 3.5 },
  { resource: 'groups', pattern: /\bgroups?\b|\bteams\b(?=.*\b(?:owner|owns|member))/, weight: 2 },
  { resource: 'servicePrincipals', pattern: /\bservice principals?\b|\benterprise (?:apps?|applications?)\b|\bsps\b/, weight: 2 },
  { resource: 'applications', pattern: /\bapp registrations?\b|\bapplications?\b|\bapps\b/, weight: 1.5 },
  // Admin activities the audit log records, counted or listed: "password resets done by admins today".
  { resource: 'directoryAudits', pattern: /^(?!.*\b(?:accept|pending|redeem|errors?\b|prompts?\b|<ec>))(?:.*\bpassword resets?\b|.*\breset (?:the )?most passwords\b|.*(?<!\b(?:can|could|may|to|should|would)\s)\breset (?:\w+ )?passwords\b|.*\bresets? (?:done|performed)\b|.*\bregistered (?:new )?security info\b|.*\bsecurity info registrations?\b|.*\bconsents?\b|.*\bconsented\b|.*\binvit(?:ed|es|ing|ations?)\b|.*\b(?:users|accounts) (?:were |got |been )?created\b|.*\bcreated (?:new )?(?:users|accounts)\b|.*\bnew (?:user )?(?:users|accounts)\b|.*\bdirectory changes\b|.*\baudit log\b|.*\bpolicy changes\b|.*\bchanges (?:to|on) (?:ca|conditional access) polic|.*\b(?:conditional access|ca) (?:changes|edits|updates)\b|.*\b(?:conditional access |ca )?polic(?:y|ies) (?:modifications|edits|changes|updates)\b|.*\b(?:were|was|got|been|being) (?:added|removed) (?:to|into|from) (?:a |the |any |some )?groups?\b|.*\bgroup (?:membership |member )?(?:additions|removals|adds|removes)\b|.*\b(?:membership|member) (?:additions|removals|adds|removes)\b|.*\b(?:additions|removals) (?:to|from) groups?\b)/, weight: 3.6 },
  { resource: 'riskyUsers', pattern: /\bwho (?:has |have |had )?(?:fixed|remediated|resolved|cleared|closed) (?:their|his|her) own risk\b|\bself[- ]?remediat/, weight: 4.5 },
  { resource: 'directoryAudits', pattern: /\baudit(?: log)? (?:events?|entries|records)\b|\b(?:admin|directory) (?:changes|activities|events)\b|\bchanges\b|\baudit events?\b/, weight: 1.5 },
  { resource: 'riskyUsers', pattern: /\b(?:high|medium|low)[- ]risk (?:users?|accounts?|people)\b|\b(?:users?|accounts?|people)\b.{0,30}\b(?:risk|risky)\b|\bcompromised (?:users?|accounts?)\b|\briskiest\b/, weight: 4 },
  { resource: 'riskyServicePrincipals', pattern: /\b(?:apps?|applications?|service principals?|workload identit(?:y|ies))\b.{0,30}\b(?:risk|risky|compromised|flagged|identity protection)\b|\b(?:risky|compromised|(?:high|medium|low)[- ]risk)\b.{0,20}\b(?:apps?|applications?|service principals?|sps?|workload identit(?:y|ies))\b/, weight: 4.2 },
  { resource: 'riskyUsers', pattern: /\bwho(?:'s| is| are)? (?:currently |still |now )?(?:at risk|risky|compromised|flagged)\b/, weight: 4 },
  // "did anyone mark a user as confirmed compromised?", "were any users dismissed this month?": risk cases by how they closed.
  { resource: 'riskyUsers', pattern: /\b(?:confirmed|marked)(?: as)? (?:confirmed )?compromised\b|\b(?:users?|accounts?|people|anyone|anybody)\b.{0,30}\b(?:dismissed|confirmed (?:safe|compromised))\b(?!.{0,20}\b(?:apps?|applications?|service principals?|workload)\b)|\b(?:dismiss(?:ed)?|confirm(?:ed)?) (?:any|a|the)? ?(?:risky )?(?:users?|accounts?)\b/, weight: 4.5 },
  { resource: 'riskyUsers', pattern: /\brisky users?\b|\busers? (?:at|flagged (?:as|at)) risk\b|\bat[- ]risk (?:users?|accounts?)\b|\brisky (?:accounts?|people)\b/, weight: 4 },
  { resource: 'riskyServicePrincipals', pattern: /\brisky (?:apps?|applications?|service principals?|workload(?: identit(?:y|ies))?)\b|\b(?:apps?|service principals?) at risk\b/, weight: 4 },
  { resource: 'riskDetections', pattern: /\b(?:risk )?detections?\b|\brisk events?\b/, weight: 3.5 },
  // "any leaked credentials this month", "who had unlikely travel this week?": detections of a type, asked of everyone.
  { resource: 'riskDetections', pattern: /^(?!.*<pp>)(?=.*\b(?:any|which|list|show|how many|count|who (?:had|got|has|have))\b).*\b(?:leaked credentials?|unlikely travel|atypical travel|impossible travel|anonymous ip(?: address)?|password spray|malicious ip(?: address)?|unfamiliar (?:sign[- ]?in )?(?:features|properties)|token (?:theft|replay)|mass access)\b/, weight: 3.6 },
  // "how many users did Identity Protection flag": the people it holds at risk.
  { resource: 'riskyUsers', pattern: /\bidentity protection\b.{0,30}\bflag(?:s|ged)?\b|\bflagged by identity protection\b|\b(?:users?|accounts?|people)\b.{0,20}\bflagged\b(?!.{0,30}\b(?:apps?|applications?|service principals?)\b)/, weight: 4.5 },
  { resource: 'conditionalAccessPolicies', pattern: /\bpolic(?:y|ies)\b|\bconditional access\b/, weight: 2.5 },
  // "which CA policy blocks legacy authentication?", "what policy requires MFA for guests": a policy by what it does, not
  // sign-ins it stopped.
  { resource: 'conditionalAccessPolicies', pattern: POLICY_BY_WHAT_IT_DOES, weight: 6 },
  // "CA failures today by policy", "which policies blocked the most sign-ins?": sign-ins, by the policy that stopped them.
  { resource: 'signIns', pattern: SIGN_INS_BY_BLOCKING_POLICY, weight: 6 },
  // "policies changed this month", "which CA policies were modified in November?", "policies created this year": the
  // policies by their own dates (the audit log keeps 30 days; "who changed …" stays the audit log).
  { resource: 'conditionalAccessPolicies', pattern: /^(?!.*\bwho\b|.*\bby whom\b|.*\bwhat (?:was )?changed\b)(?:.*\b(?:ca |conditional access )?polic(?:y|ies)\b.{0,25}\b(?:changed|modified|updated|edited|touched|created|added)\b|.*\b(?:changed|modified|updated|edited|new|newly created|recently created) (?:ca |conditional access )?polic(?:y|ies)\b)/, weight: 6 },
  // A named location linked by name: its own page, unless sign-ins from it are asked for.
  { resource: 'namedLocations', pattern: /<nl>/, weight: 4.4 },
  // "which policy uses the Blocked countries location?", "which policies reference it?": the policies, by that location.
  { resource: 'conditionalAccessPolicies', pattern: /\b(?:which|what|any|list|show)\b.{0,20}\bpolic(?:y|ies)\b.{0,20}\b(?:uses?|using|references?|referencing|includes?|including|excludes?|excluding|targets?|relies on|rely on|is built on|points? at)\b/, weight: 5 },
  { resource: 'signIns', pattern: new RegExp(`(?:\\b${SIGN_IN_NOUN}\\b|\\b(?:signed|logged|signing|logging) (?:in|on)\\b|\\bfailures\\b|\\bfail(?:ed|ing|s)?\\b|\\bblocked\\b|\\bsucceed(?:ed)?\\b).*<nl>|<nl>.*\\b${SIGN_IN_NOUN}\\b|\\b(?:from|inside|outside|at) (?:the |our )?<nl>`), weight: 4.8 },
  // "is anyone disabled still sitting in All Managers?": people of a named group, with a condition.
  { resource: 'users', pattern: /\b(?:anyone|anybody|someone|somebody|any (?:users?|accounts?|people|members?|guests?))\b.{0,40}\b(?:in|inside|member of|part of)\s+(?:the\s+)?<gg>/, weight: 3 },
  // "users in Toronto", "who works in the London office", "people in HR".
  { resource: 'users', pattern: /^(?:(?:the|all|our)\s+)?<ua>(?:\s+(?:list|please|pls|plz|only))*\s*[?.!]*$|^(?:(?:the|all|our)\s+)?<ua>\s*[-–—:,]\s*(?:who are they|who is it|names?|list(?: them)?)\s*[?.!]*$|\b(?:users?|accounts?|people|employees|staff|folks|persons|who|anyone|anybody|everyone)\b.{0,40}<ua>|<ua>\s+(?:users?|accounts?|people|employees|staff|folks)\b|\b(?:list|show|which|how many|all|any|every|count)\b(?: (?:the|our|of the|of our))? <ua>/, weight: 3 },
  { resource: 'users', pattern: /\b(?:users?|people|employees|staff|who|anyone|anybody|everyone)\b.{0,30}<nl> office\b(?!.*\b(?:ip|range|trusted|named)\b)|<nl>(?: office)? (?:users?|people|employees|staff|headcount)\b(?!.*\b(?:ip|range|trusted|named)\b)/, weight: 4.6 },
  { resource: 'namedLocations', pattern: /\bnamed locations?\b|\blocations?\b.{0,30}\b(?:trusted|marked|ip ranges?|ranges?|cover)\b|\btrusted\b.{0,30}\b(?:locations?|networks?|sites?|offices?)\b|\b(?:networks?|offices?|sites?)\b.{0,20}\btrusted\b|\b(?:office|hq|headquarters|network|site) (?:named )?location\b|\bip ranges?\b.{0,30}\b(?:office|network|hq|location|site)\b|\b(?:office|network|hq|location|site)\b.{0,30}\bip ranges?\b|\b(?:block(?:ed)?|trusted|allowed) (?:list|countries|locations?|ips?|networks?|ranges?)\b|\b(?:countries|ranges?) (?:in|on) the\b.*\b(?:list|location)\b/, weight: 4.5 },
];

/** Words that ask for a list, a count or a breakdown rather than one object's page. */
const COLLECTION_ASK = /\b(?:which|what|who|whom|list|show|display|give me|find|any|are there|is there|all|every|how many|count|number of|total|were there|did any|does anyone|has anyone|did anyone|get me|pull|export|we have|we've got|do we have|there are)\b/;

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, a: 1, an: 1 };

/** A group-by field named in words, per resource. */
const GROUP_FIELDS: Partial<Record<PlanResource, Array<[RegExp, string]>>> = {
  signIns: [
    [/\bdays?\b|\bdaily\b|\bdates?\b/, 'day'],
    [/\bcountr(?:y|ies)\b|\bwhere\b|\blocations?\b|\bgeograph/, 'country'],
    [/\bcit(?:y|ies)\b/, 'city'],
    [/\bapps?\b|\bapplications?\b|\bservice principals?\b|\bworkload(?: identit(?:y|ies))?s?\b/, 'app'],
    [/\bips?\b|\bip addresses\b|\baddresses\b/, 'ipAddress'],
    [/\berror(?: codes?)?s?\b|\bcodes?\b|\breasons?\b|\bfailures?\b/, 'errorCode'],
    [/\b(?:operating systems?|os|platforms?|devices?)\b/, 'os'],
    [/\bbrowsers?\b/, 'browser'],
    [/\bclient apps?\b|\bprotocols?\b|\bclients?\b/, 'clientApp'],
    [/\busers?\b|\bpeople\b|\bwho\b|\baccounts?\b|\bpersons?\b/, 'userDisplayName'],
    // "CA failures by policy", "which policies blocked the most": the policy that stopped each sign-in (last, so
    // "which users did the MFA policy block the most" stays by user).
    [/\b(?:ca |conditional access )?polic(?:y|ies)\b/, 'blockedBy'],
  ],
  users: [
    [/\b(?:home |email |mail )?domains?\b/, 'homeDomain'],
    [/\bdepartments?\b/, 'department'],
    [/\bcountr(?:y|ies)\b/, 'country'],
    [/\bcit(?:y|ies)\b/, 'city'],
    [/\b(?:user )?types?\b/, 'userType'],
    [/\bjob titles?\b|\btitles?\b/, 'jobTitle'],
    [/\bcompan(?:y|ies)\b|\borgani[sz]ations?\b|\bfirms?\b/, 'companyName'],
  ],
  riskDetections: [
    [/\btypes?\b|\bkinds?\b/, 'riskEventType'],
    [/\busers?\b|\bwho\b/, 'userDisplayName'],
    [/\blevels?\b/, 'riskLevel'],
    [/\bcountr(?:y|ies)\b|\bwhere\b/, 'country'],
  ],
  riskyUsers: [
    [/\blevels?\b/, 'riskLevel'],
    [/\bstates?\b|\bstatus\b/, 'riskState'],
  ],
  directoryAudits: [
    [/\bdays?\b|\bdaily\b|\bdates?\b/, 'day'],
    [/\bactivit(?:y|ies)\b|\btypes?\b|\bkinds?\b/, 'activity'],
    [/\bwho\b|\binitiators?\b|\badmins?\b|\bactors?\b|\bpeople\b/, 'initiatedBy'],
    [/\bcategor(?:y|ies)\b/, 'category'],
  ],
  groups: [[/\btypes?\b|\bkinds?\b/, 'kind']],
  conditionalAccessPolicies: [[/\bstates?\b|\bstatus\b/, 'state']],
};

function fieldNamed(resource: PlanResource, words: string): string | undefined {
  return GROUP_FIELDS[resource]?.find(([pattern]) => pattern.test(words))?.[1];
}

/** The operation the words ask for, given the resource. */
/** "who got the most", "which user was worst": the one person a ranking puts first (regular-expression source). */
const WHO_HAD_THE_MOST = String.raw`(?:(?:(?:so|ok|and)\s+)?(?:who|which (?:user|person|account|one|guest|member)) (?:got|had|has|have|was|were|is|failed|hit|saw|tried)(?: (?:it|that|this|them|those))? (?:the )?(?:most|worst|hit (?:the )?most)\b|(?:(?:so|ok|and)\s+)?(?:the )?(?:top|worst|busiest) (?:user|person|account|guest|member)(?=\s*\??$))`;

function operationOf(cue: string, resource: PlanResource): PlanOperation | undefined {
  // "how many people were added to groups today?": the people the changes were made to, one event each, not who made them.
  if (resource === 'directoryAudits' && /\bhow many (?:people|users|accounts|members|guests|persons)\b.{0,20}\b(?:were|was|got|been|had)\s+(?:\w+\s+)?(?:added|removed|invited|created|deleted|disabled|enabled|reset|assigned|made)\b/.test(cue)) return { kind: 'count' };
  // "first sign-in of Nestor Wilke": that person's oldest sign-in in the log ("her first sign-in failed" is no such ask).
  if (resource === 'signIns' && /^(?:(?:and|so|what(?:'s| is| was)|show(?: me)?|when was)\s+)?(?:the\s+)?(?:very\s+)?(?:first|earliest|oldest) (?:sign|log)[- ]?(?:in|on) (?:of|for|by|from) (?:<pp>|(?:him|her|them)\b)/.test(cue)) return { kind: 'first' };
  // "Megan's last sign in — when, where, what app?": the one newest sign-in, whose row says where and to what.
  if (resource === 'signIns' && /\blast (?:time )?(?:sign(?:ed)?|log(?:ged)?)[- ]?(?:in|on)\b(?!s)/.test(cue) && SIGN_IN_DETAILS.some(([pattern]) => pattern.test(cue)) && !/\bhow many\b|\bcount\b|\bwhich (?:users|people|accounts)\b|\bwho\b/.test(cue)) return { kind: 'latest' };
  const distinct = /\b(?:how many|number of|count of)\s+(?:different\s+|distinct\s+|unique\s+|separate\s+)?(?:(?:disabled|guest|external|locked|blocked|risky)\s+)?(countries|cities|apps|applications|users|people|accounts|ips|ip addresses|addresses|error codes|codes|browsers|devices|departments|types)\b/.exec(cue);
  if (distinct) {
    const field = fieldNamed(resource, distinct[1]);
    if (field) return { kind: 'countDistinct', field };
  }
  // "top failing service principal sign-ins?", "top failing apps": a ranking, five by default.
  const topOf = resource === 'signIns' ? /\btop (?:failing |failed |erroring |blocked )?(service principals?|sps?|apps?|applications?|users?|people|accounts?)\b/.exec(cue) : null;
  if (topOf) {
    const field = fieldNamed(resource, topOf[1].replace(/^sps?$/, 'service principal'));
    if (field) return { kind: 'top', n: 5, field };
  }
  const top = /\btop\s+(\d{1,2}|three|five|ten)\b\s*(\w+(?:\s+\w+)?)?/.exec(cue);
  if (top) {
    const field = fieldNamed(resource, top[2] ?? '') ?? fieldNamed(resource, cue);
    if (field) return { kind: 'top', n: /^\d+$/.test(top[1]) ? Number(top[1]) : NUMBER_WORDS[top[1]] ?? 5, field };
  }
  // "top error code this week", "the most common reasons": a ranking without a number.
  const ranked = /\b(?:top|most common|commonest|main|biggest|leading|most frequent)\s+(error codes?|codes?|errors?|failures?|reasons?|apps?|applications?|countries|country|users?|ips?|browsers?|operating systems?)\b/.exec(cue);
  if (ranked) {
    const field = fieldNamed(resource, ranked[1]);
    if (field) return { kind: 'top', n: /s$/.test(ranked[1]) ? 5 : 1, field };
  }
  // "who reset the most passwords", "which apps had the most failures": a ranking by what is named.
  if (/\b(?:the )?most\b/.test(cue) && !/\bmost recent\b/.test(cue)) {
    const field = fieldNamed(resource, cue.replace(/\bmost\b.*/, '')) ?? fieldNamed(resource, cue);
    if (field && field !== 'day') return { kind: 'top', n: 5, field };
  }
  // ("broken down by their home domain": the words after "their" name the field.)
  // ("blocked by conditional access this week by policy": each "by" is tried, the first naming a field wins.)
  for (const by of [...cue.matchAll(/\b(?:by|per|grouped by|broken down by|for each|each|down by)\s+(?:(?:their|its|the|his|her)\s+)?(\w+(?:\s+\w+)?)/g), ...cue.matchAll(/\b(daily)\b/g)]) {
    const field = fieldNamed(resource, by[1]);
    // ("blocked by that policy", "stopped by the policy": who blocked them, not a breakdown by policy.)
    if (field === 'blockedBy' && (/\w+ed\s*$/.test(cue.slice(0, by.index)) || !/^(?:ca |conditional access )?polic/.test(by[1]))) continue;
    if (field) return { kind: 'groupBy', field };
  }
  // "which companies are they from?", "what department is each in?": the rows shown, by that field.
  const their = /\b(?:which|what)\s+(\w+(?:\s+\w+)?)\s+(?:are|is|do|does|were|was)\s+(?:they|those|these|each(?: one)?|all of them|them)\b/.exec(cue);
  if (their) {
    const field = fieldNamed(resource, their[1]);
    if (field) return { kind: 'groupBy', field };
  }
  // "who and how often", "how often each": the people, each with their count.
  if (resource === 'signIns' && /\bhow often\b|\bhow many times each\b/.test(cue) && /\bwho\b|\beach\b|\bper (?:user|person)\b/.test(cue)) return { kind: 'groupBy', field: 'userDisplayName' };
  // "which apps are people failing on?", "what countries were they from?": the sign-ins by that field.
  // ("what's the error?", "what were the errors?": by error code.)
  const which = resource === 'signIns' ? (/\b(?:which|what) (apps?|applications?|countries|ips?|ip addresses|browsers|error codes?|operating systems?)\b/.exec(cue) ?? /\bwhat(?:'s| is| are| were| was) (?:the |their )?(errors?|error codes?)\s*[?.!]*$/.exec(cue)) : null;
  if (which) {
    const field = fieldNamed(resource, which[1]);
    if (field) return { kind: 'groupBy', field };
  }
  if (/\bbreak(?:\s|-)?down\b|\bsummar(?:y|ise|ize)\b/.test(cue)) {
    const field = fieldNamed(resource, cue.replace(/\bbreak(?:\s|-)?down\b|\bsummar\w+\b/g, ''));
    if (field) return { kind: 'groupBy', field };
  }
  if (resource === 'signIns' || resource === 'riskDetections') {
    if (/\b(?:list|show|give me)\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?countr(?:y|ies)\b/.test(cue)) return { kind: 'groupBy', field: 'country' };
    if (/\bwhere\b.{0,40}\b(?:from|coming|come|originat|located|based)\b|\bwhich countr(?:y|ies)\b|\bwhat countr(?:y|ies)\b|\bfrom (?:which|what|where)\b/.test(cue)) return { kind: 'groupBy', field: 'country' };
    if (/\bwhich ips?\b|\bwhat ips?\b|\bwhich (?:ip )?addresses\b/.test(cue)) return { kind: 'groupBy', field: 'ipAddress' };
    if (/\bwhich apps?\b|\bwhat apps?\b|\bwhich applications?\b/.test(cue)) return { kind: 'groupBy', field: 'app' };
  }
  // "which OS?", "what browser was it?" of sign-ins: the values, each with its count.
  const detail = resource === 'signIns' ? /\b(?:which|what) (?:kind of |type of )?(os|operating systems?|platforms?|devices?|browsers?)\b/.exec(cue) : null;
  const detailField = detail ? fieldNamed(resource, detail[1]) : undefined;
  if (detailField) return { kind: 'groupBy', field: detailField };
  // "who got the most?", "which user was worst yesterday": the one person with the most.
  if (resource === 'signIns' && new RegExp(`^${WHO_HAD_THE_MOST}`).test(cue)) return { kind: 'top', n: 1, field: 'userDisplayName' };
  if (resource === 'signIns' && /^(?:so\s+)?whose\b|^(?:so\s+)?who\b|^(?:and\s+|so\s+)?(?:for|by) whom?\b|\bwho (?:got|get|signed|logged|was|were|did|has|have|is|are|tried|would)\b|\bwhich (?:users|people|accounts)\b|\bwhat users\b|[-–—,:]\s*who\b/.test(cue)) return { kind: 'groupBy', field: 'userDisplayName' };
  if (/\bdid any(?:one| of (?:them|those|these))?\b|\bwere any of\b|\bdid (?:he|she|they) (?:ever )?(?:get|succeed|manage)\b|\bany of (?:them|those|these) (?:succeed|work|get)\b|\bdid (?:anyone|anybody)\b|\bhas (?:anyone|anybody)\b/.test(cue)) return { kind: 'exists' };
  if (/\bhow many\b|\bcount\b|\bnumber of\b|\btotal\b|\bhead ?counts?\b|^# of\b/.test(cue) || (resource === 'users' && /\b(?:team|department|dept) size\b/.test(cue))) return { kind: 'count' };
  // "highest first", "newest first": the order of a list, not one row of it.
  // "what should I check first", "first of all", "in the first place", "on her first day": no row of a list either.
  const unordered = cue
    .replace(/\b(?:highest|lowest|newest|latest|oldest|worst|riskiest|biggest|largest|soonest|most recent|most severe|severest|top)(?: ones?)? first\b/g, ' ')
    .replace(/\b(?:check|look|do|try|ask|fix|start|begin|go|see|know)(?: at| with)? first\b|\bfirst (?:of all|thing|things|name|names|step|steps|line|place|day|days|week|weeks|morning|time|login|log-?in|sign-?in)\b|\bat first\b/g, ' ');
  if (/\b(?:the )?(?:first|earliest|oldest)(?: one)?\b/.test(unordered)) return { kind: 'first' };
  if (/\b(?:the )?(?:latest|most recent|newest|last)(?: one)?\b/.test(unordered) && !/\blast (?:sign|log)/.test(unordered)) return { kind: 'latest' };
  return undefined;
}

function durationBefore(text: string, now: Date): { start: string; label: string } | undefined {
  const m = /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)\s+(day|week|month|year)s?\b/.exec(text);
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
  const days = m[2] === 'day' ? n : m[2] === 'week' ? n * 7 : m[2] === 'month' ? n * 30 : n * 365;
  return { start: new Date(now.getTime() - days * DAY).toISOString(), label: `${n} ${m[2]}${n === 1 ? '' : 's'}` };
}

type FilterRule = [RegExp, (m: RegExpExecArray, context: FillContext) => PlanFilter | PlanFilter[] | undefined];

interface FillContext {
  text: string;
  cue: string;
  now: Date;
  entities: Entity[];
  previousRich?: boolean;
  previousCode?: string;
}

/** "that happened", "the same error": the event the last answer was about. */
const THAT_EVENT = /\b(?:that|this|it) (?:has )?(?:happened|happen|happens|occurred|occur|occurs)\b|\b(?:that|this|the same) (?:error|failure|code|problem|issue)\b|\b(?:getting|hitting|seeing|having|got|get|hit) (?:that|this|the same)\b|\b(?:got|get|gets|getting|hit|hits|had|has|have|saw|see|sees) it\b|\b(?:hit|affected|hurt) by (?:that|it|this)\b/;
/** "who else", "anyone else", "besides Johanna": the same question over everyone but the person it was about. */
const SOMEONE_ELSE = /\b(?:who|anyone|anybody|someone|somebody|any other (?:users?|people)|other (?:users|people)) else\b|\bbesides\b|\bapart from\b|\bother than\b|\bany(?:one|body) other\b/;

const LEGACY_CLIENTS = ['Exchange ActiveSync', 'IMAP4', 'POP3', 'SMTP', 'Authenticated SMTP', 'Exchange Web Services', 'MAPI Over HTTP', 'Autodiscover', 'Offline Address Book', 'Outlook Anywhere (RPC over HTTP)', 'Exchange Online PowerShell', 'Other clients'];

const OPERATING_SYSTEMS: Array<[RegExp, string]> = [
  [/\bandroid\b/, 'Android'],
  [/\bios\b|\biphones?\b|\bipads?\b/, 'iOS'],
  [/\bmac ?os\b|\bmacs?\b|\bmacbooks?\b/, 'MacOs'],
  [/\bwindows\b/, 'Windows'],
  [/\blinux\b/, 'Linux'],
];

const NO_CREDENTIALS = /\bno (?:credentials?|secrets? (?:or|nor|and) (?:certificates?|certs?)|certificates? (?:or|nor|and) secrets?)\b|\bwithout (?:any )?(?:credentials?|a secret (?:or|nor) (?:a )?cert(?:ificate)?)\b|\bneither (?:a )?secret nor (?:a )?cert/;
/** "secrets running out", "expired certs": when they expire is the credentials answer, whichever kind is named. */
const EXPIRY = /\bexpir|\brunning out\b|\brun out\b|\bdue\b|\brenew|\blapse/;
const unlessExpiry = (filters: PlanFilter[]) => (_m: RegExpExecArray, context: FillContext) => (EXPIRY.test(context.cue) ? undefined : filters);
const CREDENTIAL_RULES: FilterRule[] = [
  [NO_CREDENTIALS, unlessExpiry([{ field: 'passwordCredentials', op: 'absent', label: 'no secret' }, { field: 'keyCredentials', op: 'absent', label: 'no certificate' }])],
  [/\bno (?:client )?secrets?\b|\bwithout (?:a |any )?(?:client )?secrets?\b/, unlessExpiry([{ field: 'passwordCredentials', op: 'absent', label: 'no secret' }])],
  [/\bno cert(?:ificate)?s?\b|\bwithout (?:a |any )?cert(?:ificate)?s?\b/, unlessExpiry([{ field: 'keyCredentials', op: 'absent', label: 'no certificate' }])],
  [/\b(?:use|uses|using|with|have|has|having)(?: an?| any)? cert(?:ificate)?s?\b|\bcert(?:ificate)?[- ]based\b/, unlessExpiry([{ field: 'keyCredentials', op: 'present', label: 'with a certificate' }])],
  [/\b(?:use|uses|using|with|have|has|having)(?: an?| any)? (?:client )?secrets?\b|\bsecret[- ]based\b/, unlessExpiry([{ field: 'passwordCredentials', op: 'present', label: 'with a secret' }])],
];

const CREDENTIAL_FIELDS = ['passwordCredentials', 'keyCredentials'];


const FILTER_RULES: Partial<Record<PlanResource, FilterRule[]>> = {
  signIns: [
    [/\bfail(?:ed|ing|ures?|s)?\b|\bunsuccessful\b|\bdenied\b|\berrors?\b|\brejected\b|\bbad password\b|\bblocked\b(?! by (?:conditional access|ca|a policy|policy|policies))|\blockouts?\b/, () => ({ field: 'result', op: 'eq', value: 'failure' })],
    [/\bsuccess(?:ful|fully)?\b|\bsucceed(?:ed|s)?\b|\bgot in(?:to)?\b|\bget in(?:to)?\b|\bmade it in\b|\bworked\b|\b(?:good|ok|working|clean) (?:sign[- ]?ins?|log[- ]?ins?|logons?|one)\b/, () => ({ field: 'result', op: 'eq', value: 'success' })],
    [/\bwithout (?:doing |using |passing |completing |any |a )?(?:mfa|multi[- ]?factor|2fa|second factor)\b|\bno mfa\b(?!\s+(?:method|registered|registration))|\bsingle[- ]factor\b|\bskipp(?:ed|ing) mfa\b|\bbypass(?:ed|ing)? mfa\b/, () => ({ field: 'mfaDone', op: 'eq', value: false, label: 'no MFA done' })],
    [/\bwith mfa\b|\bpassed mfa\b|\bcompleted mfa\b|\bdid mfa\b/, () => ({ field: 'mfaDone', op: 'eq', value: true, label: 'MFA done' })],
    // "failed MFA": sign-ins that asked for MFA and failed (the failure comes from "failed").
    [new RegExp(FAILED_MFA), () => ({ field: 'mfaRequired', op: 'eq', value: 'multiFactorAuthentication', label: 'MFA required' })],
    [/\breport[- ]only\b/, () => ({ field: 'caReportOnly', op: 'present' })],
    // Failures named by what went wrong rather than by code: "password-expired errors", "lockouts".
    ...ERRORS_IN_WORDS.map(([pattern, code, label]): FilterRule => [pattern, () => ({ field: 'errorCode', op: 'eq', value: code, label })]),
    [/\bdisabled (?:accounts?|users?|people)\b|\b(?:accounts?|users?) (?:that are |which are |that were )?disabled\b/, () => ({ field: 'errorCode', op: 'eq', value: 50057, label: 'account disabled (50057)' })],
    [/\bblocked by (?:conditional access|ca|a policy|policy|policies)\b|\bconditional access (?:failure|block)/, () => ({ field: 'caStatus', op: 'eq', value: 'failure' })],
    // "count background sign-ins too", "non-interactive included": people's sign-ins of both kinds (the first rule for a
    // field wins, so this comes before "non-interactive" alone).
    [/\b(?:incl(?:uding|uded|\.)?|plus|with|and|count(?:ing)?|also) (?:the |their |his |her )?(?:background|non[- ]?interactive)\b|\b(?:background|non[- ]?interactive)(?: (?:ones?|sign[- ]?ins?|logins?|attempts))? (?:incl(?:uded|\.)?|too|as well|also)\b/, () => ({ field: 'eventType', op: 'ne', value: 'servicePrincipal', label: 'interactive and background' })],
    [/\bnon[- ]?interactive\b|\bbackground (?:sign[- ]?ins?|logins?|ones)\b/, () => ({ field: 'eventType', op: 'contains', value: 'nonInteractiveUser' })],
    [/(?<!non[- ]?)\binteractive(?:ly)?\b/, () => ({ field: 'eventType', op: 'contains', value: 'interactiveUser', label: 'interactive' })],
    [/\buser sign[- ]?ins?\b|\b(?:people|users|humans) only\b|\bonly (?:people|users|humans)\b|\bno (?:apps|service principals)\b/, () => ({ field: 'eventType', op: 'contains', value: 'interactiveUser', label: 'people' })],
    [/\bservice principal sign[- ]?ins?\b|\bworkload (?:identity )?sign[- ]?ins?\b|\bapp-only sign[- ]?ins?\b|\b(?:which|what|any) (?:service principals?|workload identit(?:y|ies))\b/, () => ({ field: 'eventType', op: 'contains', value: 'servicePrincipal', label: 'service principals' })],
    // "anything signing in from 192.0.2.150?", "who or what signed in from Singapore, apps included": people's sign-ins and
    // apps' own (service principals), which the log lists apart unless asked.
    [/^(?:is |was |has |have )?anything\b|\b(?:any|some)thing (?:signing|signed|logging|logged|authenticating|connecting|coming)\b|\bwho or what\b|\bwhat (?:is |was |has been |have been )?(?:signing|signed|logging|logged|authenticating|authenticated|connecting|connected)\b|\b(?:apps?|service principals?) included\b|\bincluding (?:apps?|service principals?)\b/, () => ({ field: 'eventType', op: 'ne', value: 'nonInteractiveUser', label: 'people and apps' })],
    [/\bguests?\b|\bexternal users?\b/, () => ({ field: 'userType', op: 'eq', value: 'guest' })],
    [/\blegacy (?:auth(?:entication)?|clients?|protocols?|mail)\b|\bbasic auth\b/, () => ({ field: 'clientApp', op: 'in', value: LEGACY_CLIENTS, label: 'legacy authentication' })],
    // "IMAP or POP": either; the first rule for a field wins, so both together come first.
    [/\bimap4?\b.{0,20}\bpop3?\b|\bpop3?\b.{0,20}\bimap4?\b/, () => ({ field: 'clientApp', op: 'in', value: ['IMAP4', 'POP3'], label: 'IMAP or POP' })],
    [/\bimap4?\b/, () => ({ field: 'clientApp', op: 'eq', value: 'IMAP4' })],
    [/\bpop3?\b/, () => ({ field: 'clientApp', op: 'eq', value: 'POP3' })],
    [/\b(?:authenticated )?smtp\b/, () => ({ field: 'clientApp', op: 'eq', value: 'Authenticated SMTP' })],
    [/\b(?:exchange )?activesync\b/, () => ({ field: 'clientApp', op: 'eq', value: 'Exchange ActiveSync' })],
    [/\brisky sign[- ]?ins?\b|\bwith risk\b/, () => ({ field: 'riskLevel', op: 'in', value: ['low', 'medium', 'high'], label: 'risky' })],
    ...OPERATING_SYSTEMS.map(([pattern, os]): FilterRule => [pattern, () => ({ field: 'os', op: 'startsWith', value: os })]),
  ],
  users: [
    // "anyone created in the last two months?", "new accounts this week": created since the window's start.
    [/\bcreated\b|\bnew (?:accounts?|users?|starters?|joiners?|hires?|people)\b|\bjoined\b/, (_m, context) => {
      const window = windowFrom(context.entities);
      return window ? { field: 'createdDateTime', op: 'ge', value: window.start, label: `created ${window.label}` } : undefined;
    }],
    [/\bdisabled\b|\bdeactivated\b|\bblocked (?:accounts?|users?)\b|\bsign[- ]?in blocked\b|\b(?:turned|switched|shut) off\b/, () => ({ field: 'accountEnabled', op: 'eq', value: false })],
    [/\benabled\b|\bactive accounts\b/, () => ({ field: 'accountEnabled', op: 'eq', value: true })],
    [/\b(?:internal|member) (?:users?|accounts?)\b|\bmembers only\b|\b(?:not|no|excluding|except|without) guests\b/, () => ({ field: 'userType', op: 'eq', value: 'Member' })],
    // "how many of those are guests?" after another list of people (the noun "guests" says it when it is the list).
    [/\bguests?\b|\bexternal (?:users?|accounts?|people)\b/, () => ({ field: 'userType', op: 'eq', value: 'Guest' })],
    // "never signed in successfully", "never managed to get in": no successful sign-in, whatever was tried.
    [/\bnever (?:signed|logged) (?:in|on) successfully\b|\bnever successfully (?:signed|logged) (?:in|on)\b|\bnever (?:managed|been able) to (?:sign|log|get) in\b|\bnever (?:succeeded|got in)\b/, () => ({ field: 'lastSuccessfulSignIn', op: 'absent', label: 'never signed in successfully' })],
    [/\bnever (?:signed|logged|sign|log) (?:in|on)\b(?! successfully)|\bnever (?:been )?used\b|\b(?:zero|no) sign[- ]?ins? (?:ever|at all)\b|\bzero sign[- ]?ins?\b/, () => ({ field: 'lastSignIn', op: 'absent', label: 'never signed in' })],
    [
      /\binactive\b|\bstale\b|\bdormant\b|\bunused\b|\bhaven'?t (?:signed|logged) in\b|\bhasn'?t (?:signed|logged) in\b|\bnot (?:signed|logged) in\b|\bno sign[- ]?ins?\b|\bno activity\b/,
      (_m, c) => {
        const since = durationBefore(c.text.toLowerCase(), c.now) ?? { start: new Date(c.now.getTime() - 90 * DAY).toISOString(), label: '90 days' };
        return { field: 'lastSignIn', op: 'le', value: since.start, label: `no sign-in in ${since.label}` };
      },
    ],
    [/\bpending\b|\bnot (?:yet )?accepted\b|\bhaven'?t accepted\b|\bhasn'?t accepted\b|\bunaccepted\b|\b(?:not|never|nobody has|no one has|hasn'?t|haven'?t|has not|have not|were not|was not|weren'?t|wasn'?t) (?:yet )?(?:been )?(?:redeemed|accepted|used(?! to (?:sign|log)))\b|\bunredeemed\b|\bunused invit/, () => ({ field: 'externalUserState', op: 'eq', value: 'PendingAcceptance', label: 'invitation pending' })],
    // "cloud-only (not synced from AD)" before "synced": the first rule for a field wins.
    [/\bcloud[- ]only\b|\bnot (?:synced|synchroni[sz]ed)\b|\b(?:isn'?t|aren'?t) synced\b/, () => ({ field: 'onPremisesSyncEnabled', op: 'ne', value: true, label: 'cloud-only' })],
    [/\bsynced\b|\bsynchroni[sz]ed\b|\bon[- ]?prem(?:ises)?\b|\bhybrid\b/, () => ({ field: 'onPremisesSyncEnabled', op: 'eq', value: true })],
    [/\b(?:cloud[- ]only|synced|internal|enabled|disabled) members\b|\bmembers (?:only|not guests)\b/, () => ({ field: 'userType', op: 'eq', value: 'Member' })],
  ],
  // "apps with no credentials at all", "which apps use certificates": what each registration signs in with.
  applications: CREDENTIAL_RULES,
  servicePrincipals: CREDENTIAL_RULES,
  // "disabled members of All Managers", "guests in Project Falcon": conditions on a group's members.
  groupMembers: [
    [/\bdisabled\b|\bdeactivated\b|\bblocked (?:accounts?|users?)\b/, () => ({ field: 'accountEnabled', op: 'eq', value: false })],
    [/\benabled\b|\bactive accounts\b/, () => ({ field: 'accountEnabled', op: 'eq', value: true })],
    [/\bguests?\b|\bexternal (?:users?|accounts?|people)\b/, () => ({ field: 'userType', op: 'eq', value: 'Guest' })],
  ],
  registrationDetails: [
    // "who has a FIDO2 key registered?": one kind of method (Graph's names in methodsRegistered).
    [/\bfido2?\b|\bsecurity keys?\b|\bhardware keys?\b/, () => ({ field: 'methodsRegistered', op: 'contains', value: 'fido2', label: 'a FIDO2 security key' })],
    [/\bpasskeys?\b/, () => ({ field: 'methodsRegistered', op: 'contains', value: 'passKeyDeviceBound', label: 'a passkey' })],
    [/\bwindows hello\b/, () => ({ field: 'methodsRegistered', op: 'contains', value: 'windowsHelloForBusiness', label: 'Windows Hello for Business' })],
    [/\bauthenticator(?: app)?\b/, () => ({ field: 'methodsRegistered', op: 'contains', value: 'microsoftAuthenticatorPush', label: 'the Authenticator app' })],
    [/\badmins?\b|\badministrators?\b|\bprivileged\b/, () => ({ field: 'isAdmin', op: 'eq', value: true })],
    [/\bguests?\b|\bexternal\b/, () => ({ field: 'userType', op: 'eq', value: 'guest' })],
    [/\b(?:not|aren'?t|isn'?t) (?:mfa[- ])?capable\b/, () => ({ field: 'isMfaCapable', op: 'eq', value: false })],
  ],
  groups: [
    [/\bno owners?\b|\bnobody owns\b|\bno ?one owns\b|\bnot owned\b|\bwithout (?:an? |any )?owners?\b|\bownerless\b|\borphan(?:ed|s)?\b|\bhave no owner\b|\bowner(?:s)? (?:missing|left)\b|\bno one (?:is )?(?:the )?owner\b/, () => ({ field: 'ownerCount', op: 'eq', value: 0 })],
    [/\brole[- ]assignable\b|\bcan hold roles\b|\bcan be assigned (?:to )?roles\b/, () => ({ field: 'isAssignableToRole', op: 'eq', value: true })],
    [/\bdynamic\b/, () => ({ field: 'groupTypes', op: 'contains', value: 'DynamicMembership', label: 'dynamic' })],
    [/\b(?:microsoft|office) 365 groups?\b|\bm365 groups?\b|\bo365 groups?\b|\bunified groups?\b/, () => ({ field: 'groupTypes', op: 'contains', value: 'Unified', label: 'Microsoft 365' })],
    [/\bsecurity groups?\b/, () => ({ field: 'securityEnabled', op: 'eq', value: true })],
    [/\bdistribution (?:groups?|lists?)\b/, () => [{ field: 'mailEnabled', op: 'eq', value: true }, { field: 'securityEnabled', op: 'eq', value: false }]],
  ],
  riskyUsers: [
    // "medium or high risk", "high and medium": both levels.
    [/\b(high|medium|low)\s*(?:or|and|\/|,|&)\s*(high|medium|low)\b/, (m) => ({ field: 'riskLevel', op: 'in', value: [m[1], m[2]], label: `${m[1]} or ${m[2]} risk` })],
    [/\b(high|medium|low)\b(?![- ]risk)/, (m) => ({ field: 'riskLevel', op: 'eq', value: m[1] })],
    // "who fixed their own risk", "self-remediated": the people whose secured password change closed their risk.
    [/\b(?:fixed|remediated|resolved|cleared|closed) (?:it|their|his|her) (?:own )?(?:risk )?(?:themselves|themself|himself|herself)?|\b(?:fixed|remediated|resolved|cleared) (?:their|his|her) own\b|\bself[- ]?(?:remediat|fix|servic)\w*|\bby (?:changing|resetting) (?:their|his|her) (?:own )?password\b|\bwith a password change\b/, () => [
      { field: 'riskState', op: 'eq', value: 'remediated' },
      { field: 'riskDetail', op: 'eq', value: 'userPerformedSecuredPasswordChange', label: 'fixed by their own secure password change' },
    ]],
    // "did anyone dismiss or confirm a risky user?": every case an admin closed by hand.
    [/\bdismiss(?:ed)?\b.{0,30}\bor\b.{0,20}\bconfirm(?:ed)?\b|\bconfirm(?:ed)?\b.{0,30}\bor\b.{0,20}\bdismiss(?:ed)?\b/, () => ({ field: 'riskState', op: 'in', value: ['dismissed', 'confirmedCompromised', 'confirmedSafe'], label: 'dismissed or confirmed' })],
    // "including remediated ones", "as well as dismissed": every state, not only that one.
    [/(?<!\b(?:including|include|plus|incl\.?|and also|as well as|even)(?: the)? )\bdismissed\b/, () => ({ field: 'riskState', op: 'eq', value: 'dismissed' })],
    [/(?<!\b(?:including|include|plus|incl\.?|and also|as well as|even)(?: the)? )\b(?:self[- ])?remediated\b/, () => ({ field: 'riskState', op: 'eq', value: 'remediated' })],
    [/\bconfirmed[- ](?:as )?compromised\b|\bmarked (?:as )?compromised\b/, () => ({ field: 'riskState', op: 'eq', value: 'confirmedCompromised' })],
    [/\bconfirmed[- ](?:as )?safe\b/, () => ({ field: 'riskState', op: 'eq', value: 'confirmedSafe' })],
    [/\bstill at risk\b|\bopen risk\b|\bunresolved\b/, () => ({ field: 'riskState', op: 'eq', value: 'atRisk' })],
  ],
  riskyServicePrincipals: [
    [/\bdismissed\b/, () => ({ field: 'riskState', op: 'eq', value: 'dismissed' })],
    [/\bconfirmed[- ](?:as )?compromised\b/, () => ({ field: 'riskState', op: 'eq', value: 'confirmedCompromised' })],
  ],
  riskDetections: [
    [/\bdismissed\b/, () => ({ field: 'riskState', op: 'eq', value: 'dismissed' })],
    [/\bstill at risk\b|\bopen\b|\bunresolved\b/, () => ({ field: 'riskState', op: 'eq', value: 'atRisk' })],
  ],
  directoryAudits: [
    [/\bpassword resets?\b|\breset (?:the )?most passwords\b|\bresets? (?:done|performed)\b|\b(?:other|many|any|more|the) resets\b|(?<!\b(?:can|could|may|to|should|would)\s)\breset (?:\w+ )?passwords\b|\bpasswords? (?:were |got |been )?reset\b/, () => ({ field: 'activity', op: 'eq', value: 'Reset user password' })],
    [/\b(?:themselves|themself|himself|herself|(?:their|his|her) own (?:account|membership|access|role))\b/, () => ({ field: 'selfChange', op: 'eq', value: true, label: 'made by people to themselves' })],
    // "anyone add themselves to a group lately?", "who was removed from groups this week?": membership changes.
    [/\badd(?:ed|ing|s)?\b.{0,30}\b(?:to|into) (?:a |the |any |some )?groups?\b|\bgroup (?:membership |member )?(?:additions|adds)\b|\b(?:membership|member) (?:additions|adds)\b|\badditions to groups?\b/, () => ({ field: 'activity', op: 'eq', value: 'Add member to group' })],
    [/\bremov(?:e|ed|ing|es)\b.{0,30}\bfrom (?:a |the |any |some )?groups?\b|\bgroup (?:membership |member )?(?:removals|removes)\b|\b(?:membership|member) (?:removals|removes)\b|\bremovals from groups?\b/, () => ({ field: 'activity', op: 'eq', value: 'Remove member from group' })],
    [/\bself[- ]service password\b|\bchanged (?:their|his|her) (?:own )?passwords?\b/, () => ({ field: 'activity', op: 'eq', value: 'Change password (self-service)' })],
    [/\bregistered (?:new )?security info\b|\bsecurity info registrations?\b/, () => ({ field: 'activity', op: 'eq', value: 'User registered security info' })],
    [/\bconsents?\b|\bconsented\b/, () => ({ field: 'activity', op: 'eq', value: 'Consent to application' })],
    [/\binvit(?:ed|ations?|es?|ing)\b/, () => ({ field: 'activity', op: 'eq', value: 'Invite external user' })],
    // "who disabled the most recent one?" after disabled accounts, "accounts disabled this week": accounts turned off
    // (not a policy switched off).
    [/^(?!.*\b(?:polic(?:y|ies)|<po>|mfa|rule|app|apps)\b).*(?:\bwho (?:has |had )?disabled\b|\b(?:accounts?|users?) (?:were |was |got |been )?disabled\b|\bdisabled (?:the |any |an |some )?(?:accounts?|users?)\b)/, () => ({ field: 'activity', op: 'eq', value: 'Disable account' })],
    [/\b(?:users|accounts) (?:were |got |been )?created\b|\bcreated (?:new )?(?:users|accounts)\b|\bnew (?:user )?(?:users|accounts)\b/, () => ({ field: 'activity', op: 'eq', value: 'Add user' })],
    [/\b(?:conditional access|ca) (?:polic(?:y|ies)|changes|edits|updates)\b|\bpolicy changes\b|\bpolic(?:y|ies) (?:(?:were|was|got|have been|has been|been) )?(?:changed|modified|updated|edited|touched)\b|\b(?:changed|modified|updated|edited) polic(?:y|ies)\b|\bchanges? (?:to|on|in) (?:the )?(?:conditional access|ca)\b/, () => ({ field: 'category', op: 'eq', value: 'Policy', label: 'Conditional Access policies' })],
    [/\brole assignments?\b|\broles? (?:added|assigned|granted)\b/, () => ({ field: 'category', op: 'eq', value: 'RoleManagement', label: 'roles' })],
  ],
  conditionalAccessPolicies: [
    // "policies changed this month", "created this year": by the policy's own dates, from the window named (else 30 days).
    [/\b(?:changed|modified|updated|edited|touched)\b/, (_m, context) => policySince('modifiedDateTime', 'changed', context)],
    [/\bcreated\b|\bnew(?:ly created)?\b|\badded\b/, (_m, context) => policySince('createdDateTime', 'created', context)],
    [/\breport[- ]only\b|\bnot enforced\b|\baudit mode\b/, () => ({ field: 'state', op: 'eq', value: 'enabledForReportingButNotEnforced' })],
    [/\b(?:disabled|turned off|switched off|off)\b/, () => ({ field: 'state', op: 'eq', value: 'disabled' })],
    [/\b(?:enabled|enforced|turned on|switched on|active|live)\b/, () => ({ field: 'state', op: 'eq', value: 'enabled' })],
  ],
  namedLocations: [
    [/\bblock(?:ed|ing)?\b/, () => ({ field: 'displayName', op: 'contains', value: 'block', label: 'blocked' })],
    // "the London office location", "our HQ network": the location of that name.
    [/\b(?:the|our|is|in|for|of)\s+(?:(?:the|our)\s+)?(?!(?:the|our|trusted|blocked|named|ip|which|what|any|a|an|this|that)\b)([a-z][\w-]*)(?:\s+[a-z][\w-]*)?\s+(?:named\s+)?(?:location|network|office|site|range|ip range)s?\b/, (m) => ({ field: 'displayName', op: 'contains', value: m[1], label: `named like "${m[1]}"` })],
    [/\btrusted\b|\bsafe\b/, () => ({ field: 'isTrusted', op: 'eq', value: true })],
  ],
};

/** Policies by one of their own dates, since the window named, "this year", else the last 30 days. */
function policySince(field: 'modifiedDateTime' | 'createdDateTime', word: string, context: FillContext): PlanFilter {
  const window = windowFrom(context.entities) ?? (/\bthis year\b|\bso far this year\b|\bytd\b/.test(context.cue) ? { start: `${context.now.getUTCFullYear()}-01-01T00:00:00.000Z`, label: 'this year' } : { start: new Date(context.now.getTime() - 30 * DAY).toISOString(), label: 'last 30 days' });
  return { field, op: 'ge', value: window.start, label: `${word} ${window.label}` };
}

/** Questions a rich answer serves better than a table: left to their skills. */
const FAILURE_TOLD = new RegExp(String.raw`\berrors? (?:on|at|when|while|during) (?:sign[- ]?in|log[- ]?in|login|signing in|logging in)\b|\b(?:sign[- ]?ins?|log[- ]?ins?|logins?|signins?|auth\w*)\s+(?:is\s+|are\s+|keeps\s+)?(?:still\s+)?(?:failing|erroring)\b|\bstill (?:failing|erroring|getting (?:an? )?errors?)\b|\bfailing to (?:authenticate|sign|log|get)\b|\b(?:gets?|getting|got|is|keeps getting) stuck\b|\b(?:and )?then (?:errors?|fails)\b|\basks? for mfa every time\b|\bbroken\b|\b(?:asks?|asking) for extra security\b|${failureInOtherWords('<pp>')}`);

function richAnswerWanted(resource: PlanResource, cue: string, entities: Entity[], operation: PlanOperation | undefined, filters: PlanFilter[]): boolean {
  const has = (type: string) => entities.some((e) => e.type === type && e.source !== 'default');
  // A named location ("from a blocked country") is part of one person's story: the diagnosis shows it.
  const extraFilters = filters.filter((f) => !['user', 'app', 'appId', 'errorCode', 'result', 'riskLevel', 'eventType'].includes(f.field) && !entities.some((e) => e.type === 'namedLocation' && f.label === `from ${e.displayName}`));
  // A correlation or request id is one sign-in: its story, whoever it was ("… correlation id … — who is it and what's wrong").
  if (resource === 'signIns' && has('requestId')) return true;
  // ("what happened in the audit log yesterday?" is the log's list.)
  if (resource !== 'directoryAudits' && /\bwhy\b|\bcan'?t\b|\bcannot\b|\bcan not\b|\bunable\b|\bwhat happened\b|\bwhat went wrong\b|\bwhat'?s wrong\b|\btroubleshoot|\b(?:is|are) (?:it|they|he|she) (?:still )?(?:failing|erroring|broken)\b/.test(cue) && !operation) return true;
  // One person's trouble asked for a judgement ("40-something failures on her mac, what's the deal?", "a mix of errors:
  // what's the main one?", "did he try to sign in from russia?"): their story, conditions included.
  // ("Travel Booking app logins failing for several people — what's going on?": an app's story the same way.)
  if ((has('user') || has('app')) && !operation && /\bwhat'?s (?:the|his|her|their) (?:deal|story|problem|issue)\b|\bwhat'?s (?:going on|up) with\b|\bwhat gives\b|\bany ideas?\b|\bthe (?:main|real|actual) (?:one|problem|issue|cause|error|reason)\b|\b(?:tried|try|trying|attempted) to (?:sign|log|get)\b|\bwhat'?s going on\b|\bkeeps? failing\b|\bwhat (?:do|does|should) (?:they|he|she|i|we) (?:need to |have to )?do\b|\bnever (?:managed|been able|able) to\b/.test(cue)) return true;
  // One person's or app's failure told as it happens ("wei - teams sign in failing on iOS", "sara (guest) gets stuck on
  // teams sign-in", "is the inventory sync app still failing to authenticate?", "hana in london says sharepoint asks
  // for MFA every time and then errors"): their story, the device, place or kind of account being part of it.
  if ((has('user') || has('app')) && !operation && !/\b(?:any|which|who|how many|list|show|all|every(?! time))\b/.test(cue) && FAILURE_TOLD.test(cue)) return true;
  // "what happened with stefan's last failed sign in", "why did her latest sign-in fail?": that failure's story.
  if (has('user') && operation?.kind === 'latest' && /\bwhat happened\b|\bwhat went wrong\b|\bwhy\b|\bexplain\b/.test(cue) && /\bfail\w*|\berrors?\b|\bblocked\b/.test(cue)) return true;
  // "anyone besides Bob …": a list of the others, not Bob's story.
  if (filters.some((f) => f.field === 'user' && f.op === 'ne')) return false;
  switch (resource) {
    case 'signIns':
      // One person's or app's sign-ins without other conditions: the sign-in list answer with its diagnosis link.
      // A worry about one person's sign-in ("… from the Netherlands?? should I be worried") asks for the diagnosis.
      if (has('user') && !operation && /\bshould (?:i|we) (?:worry|be worried|be concerned)\b|\bis (?:she|he|this|that|it) (?:ok|okay|compromised|hacked|safe|legit)\b|\bwas (?:it|that|this) (?:really )?(?:her|him|them)\b/.test(cue)) return true;
      // "michael got a failed login from north korea this morning??", "any sign-ins for lidia from a blocked country?":
      // one person's failures from a place are their story; a place alone ("did Megan sign in from Brazil?") is a list.
      if (has('user') && !operation && extraFilters.every((f) => f.field === 'country') && /\bfail\w*|\bblocked\b|\berrors?\b|\bdenied\b|\bwas (?:that|it) (?:me|her|him|them)\b/.test(cue)) return true;
      return (has('user') || has('requestId')) && !operation && extraFilters.length === 0;
    case 'users':
      return has('user') && !operation;
    case 'registrationDetails':
      // "is Adele registered for MFA? which methods": one person's methods are on their account page.
      return entities.some((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved') && !operation && filters.length === 0;
    case 'groups':
      // One group's page, or one person's groups: their own answers.
      // ("show me the dynamic rule of the Research Department group": the word "dynamic" describes the group named.)
      return has('user') || (has('group') && !operation && filters.every((f) => f.field === 'groupTypes'));
    case 'riskyUsers':
      // "was Bob confirmed compromised?": one named person's risk is their own answer.
      if (has('user') && !operation) return true;
      // The overview answers one level or none; several levels are a condition of the list.
      // "including remediated ones", "ever flagged": every record, which the at-risk overview does not show.
      return !operation && !filters.some((f) => f.field === 'riskState' || (f.field === 'riskLevel' && f.op === 'in')) && !/\b(?:including|incl|ever|history|historic|any state|every state|past)\b/.test(cue);
    case 'riskyServicePrincipals':
      return !operation && !filters.some((f) => f.field === 'riskState');
    case 'riskDetections':
      // ("what risk detections does Felix have and where from?": where they came from is part of the person's story.)
      return (has('user') || has('app')) && (!operation || (operation.kind === 'groupBy' && /\bwhere from\b|\bfrom where\b|\bwhere (?:did|do|were) (?:they|those|these|it) come from\b|\bfrom (?:which|what) ips?\b/.test(cue)));
    case 'conditionalAccessPolicies':
      return has('user') || has('policy') || (!operation && filters.length === 0);
    case 'directoryAudits':
      // A kind of change asked of everyone is a list; one object's changes are the audit answer's.
      // With nothing named the audit answer could only ask "whose changes?": the list answers instead.
      // ("lee gu password reset - was it done and by who?": who did one object's change is that object's answer too.)
      return (!operation || (operation.kind === 'groupBy' && operation.field === 'initiatedBy' && /\bby (?:who|whom)\b|\bwho (?:did|done|has done)\b/.test(cue))) && (has('group') || has('app') || has('policy') || has('role') || (has('user') && !filters.some((f) => f.field === 'initiatedByUserId')));
    case 'applications':
    case 'servicePrincipals':
      // Which credentials each one has is a condition of the list; their expiry is the credentials answer.
      return has('app') || (/\bsecrets?\b|\bcertificates?\b|\bcredentials?\b|\bexpir/.test(cue) && !filters.some((f) => CREDENTIAL_FIELDS.includes(f.field)));
    default:
      return false;
  }
}

function pickResource(cue: string): ResourceCue | undefined {
  let best: ResourceCue | undefined;
  for (const rule of RESOURCE_CUES) if (rule.pattern.test(cue) && (!best || rule.weight > best.weight)) best = rule;
  return best;
}

function filtersFor(resource: PlanResource, context: FillContext): PlanFilter[] {
  const out: PlanFilter[] = [];
  const add = (filter: PlanFilter) => {
    const at = out.findIndex((f) => f.field === filter.field);
    if (at >= 0) out.splice(at, 1);
    out.push(filter);
  };
  // "stopped by the country block rather than a bad password": what is ruled out is no condition.
  const asked = context.cue.replace(/\b(?:rather than|instead of|as opposed to|not because of)\b[^,.;?!]*/g, ' ');
  for (const [pattern, make] of FILTER_RULES[resource] ?? []) {
    const m = pattern.exec(asked);
    if (!m) continue;
    const made = make(m, context);
    for (const filter of made === undefined ? [] : Array.isArray(made) ? made : [made]) {
      // The first rule for a field wins ("disabled" before "enabled" in "disabled and enabled"?: first named).
      if (!out.some((f) => f.field === filter.field)) add(filter);
    }
  }
  // A group with owners/members counted is a different question from "enabled" users.
  const entity = (type: string) => context.entities.find((e) => e.type === type && e.source !== 'default');
  const country = entity('country');
  if (country?.value && (resource === 'signIns' || resource === 'riskDetections')) add({ field: 'country', op: 'eq', value: country.value });
  if (country?.value && resource === 'users') add({ field: 'country', op: 'eq', value: country.text, label: country.text });
  // "sign-ins from the London office range", "users in the London office", "which countries does Blocked countries
  // cover": a named location is a condition on where sign-ins came from, an office people work in, or the location.
  const location = entity('namedLocation');
  if (location && resource === 'signIns') {
    if (location.ipRanges?.length) add({ field: 'ipAddress', op: 'inRange', value: location.ipRanges, label: `from ${location.displayName}` });
    else if (location.countries?.length) add({ field: 'country', op: 'in', value: location.countries, label: `from ${location.displayName}` });
  }
  if (location?.id && resource === 'conditionalAccessPolicies') add({ field: 'locations', op: 'contains', value: location.id.toLowerCase(), label: `uses ${location.displayName ?? location.text}` });
  if (location?.displayName && resource === 'namedLocations') {
    // "is our HQ network trusted?": that location, whose row says whether it is trusted (not "none" when it is not).
    const trusted = out.findIndex((f) => f.field === 'isTrusted');
    if (trusted >= 0) out.splice(trusted, 1);
    add({ field: 'displayName', op: 'eq', value: location.displayName });
  }
  if (location?.office && (resource === 'users' || resource === 'groupMembers')) add({ field: 'officeLocation', op: 'eq', value: location.office, label: `in the ${location.office} office` });
  // "users in Toronto", "engineers", "people in the Redmond HQ office": the people field the words name.
  const attribute = entity('userAttribute');
  // "guests from fabrikam": their sign-in names keep the home domain (nestor.wilke_fabrikam.com#EXT#@…).
  if (attribute?.field === 'guestDomain' && attribute.value && resource === 'users') add({ field: 'userPrincipalName', op: 'contains', value: `_${attribute.value}`, label: `from ${attribute.value}` });
  else if (resource === 'users') {
    // "engineers based in Redmond": each of the people's fields the words name.
    for (const each of context.entities.filter((e) => e.type === 'userAttribute' && e.source !== 'default' && e.field && e.field !== 'guestDomain' && e.value)) add({ field: each.field!, op: 'eq', value: each.value! });
  }
  if (attribute?.field === 'city' && attribute.value && resource === 'signIns') add({ field: 'city', op: 'eq', value: attribute.value });
  // "engineers with no MFA", "failed sign-ins in finance": lists without the field, asked of those people by id.
  if (attribute?.memberIds?.length && attribute.field !== 'city' && resource === 'signIns') add({ field: 'user', op: 'in', value: attribute.memberIds, label: `in ${attribute.value}` });
  if (attribute?.memberIds?.length && resource === 'registrationDetails') add({ field: 'id', op: 'in', value: attribute.memberIds, label: `in ${attribute.value}` });
  const ip = /\b(?:\d{1,3}\.){3}\d{1,3}\b/.exec(context.text);
  if (ip && resource === 'signIns') add({ field: 'ipAddress', op: 'eq', value: ip[0] });
  // "192.0.2.x", "10.1.*": the addresses that start so.
  const prefix = ip ? null : /\b((?:\d{1,3}\.){1,3})(?:x|\*)(?![\w.])/.exec(context.text);
  if (prefix && resource === 'signIns') add({ field: 'ipAddress', op: 'startsWith', value: prefix[1] });
  const code = entity('errorCode');
  if (code?.value && resource === 'signIns') add({ field: 'errorCode', op: 'eq', value: Number(code.value) });
  const level = entity('riskLevel');
  if (level?.value && (resource === 'riskyUsers' || resource === 'riskDetections' || resource === 'riskyServicePrincipals' || resource === 'signIns')) {
    add({ field: 'riskLevel', op: 'eq', value: level.value });
  }
  const user = entity('user');
  // "has anyone besides Bob been locked out?": everyone but that person.
  if (user?.id && (resource === 'signIns' || resource === 'riskDetections')) {
    add(SOMEONE_ELSE.test(context.cue) && user.source === 'message' ? { field: 'user', op: 'ne', value: user.id, label: `not ${user.displayName ?? user.text}` } : { field: 'user', op: 'eq', value: user.id, label: user.displayName ?? user.text });
  }
  const app = entity('app');
  // "password resets Christie did", "changes by Raul": the person who made the changes.
  if (resource === 'directoryAudits' && user?.id && (/\b(?:did|has|have) <pp> (?:do|done|make|made|perform)|\b<pp> (?:did|made|performed|has done|has made)\b|\bwhat (?:did|has) <pp>/.test(context.cue) || asActor('<pp>', { by: true }).test(context.cue))) {
    add({ field: 'initiatedByUserId', op: 'eq', value: user.id, label: `by ${user.displayName ?? user.text}` });
  }
  if (resource === 'signIns' && app) {
    if (app.appId) add({ field: 'appId', op: 'eq', value: app.appId, label: app.displayName ?? app.text });
    else if (app.value && !app.id) add({ field: 'app', op: 'startsWith', value: app.value, label: app.value });
  }
  if (resource === 'riskDetections') {
    const type = findRiskType(context.cue);
    if (type) add({ field: 'riskEventType', op: 'eq', value: type.eventType, label: type.name });
  }
  return out;
}

/** The conditions the words put on a collection ("the medium ones" on risky users: risk level medium). */
export function conditionsOn(resource: PlanResource, text: string, entities: Entity[], now: Date): PlanFilter[] {
  return filtersFor(resource, { text, cue: planCue(text, entities), now, entities });
}

function windowFrom(entities: Entity[]): QuestionPlan['window'] {
  const time = entities.find((e) => e.type === 'timeRange' && e.start && e.end && e.source !== 'default');
  if (!time?.start || !time.end || !time.value) return undefined;
  return { start: time.start, end: time.end, label: windowLabel(time.value) };
}

/** The default window of a log question with none named: Graph keeps sign-ins and audits 30 days. */
/** A plan over the sign-in log: the window the words give, else the week it reads by default. */
function signInsPlan(filters: PlanFilter[], operation: PlanOperation, entities: Entity[], now: Date, cue?: string): QuestionPlan {
  // The newest or oldest one is looked for in all the log keeps, unless this message names a time: a time carried
  // from the thread (the week a diagnosis read) does not bound it.
  const newestOrOldest = operation.kind === 'latest' || operation.kind === 'first';
  const times = newestOrOldest ? entities.filter((e) => e.type !== 'timeRange' || e.source === 'message') : entities;
  const plan: QuestionPlan = { resource: 'signIns', filters, operation, window: windowFrom(times) ?? defaultWindow('signIns', now, cue, operation) };
  const details = signInDetails(operation, cue);
  if (details) plan.columns = details;
  return plan;
}

/** "last sign in — when, where, what app?": the one newest or oldest row, with where it came from and on what when asked. */
function signInDetails(operation: PlanOperation, cue: string | undefined): string[] | undefined {
  if ((operation.kind !== 'latest' && operation.kind !== 'first') || !cue) return undefined;
  const extra = SIGN_IN_DETAILS.filter(([pattern]) => pattern.test(cue)).flatMap(([, fields]) => fields);
  return extra.length ? [...new Set(extra)] : undefined;
}

/** The sign-in's details a question about one sign-in may ask for, and the columns that show them. */
const SIGN_IN_DETAILS: Array<[RegExp, string[]]> = [
  [/\bwhere\b|\blocation\b|\bcountry\b|\bcity\b/, ['city', 'country']],
  [/\bips?\b|\baddress\b/, ['ipAddress']],
  [/\bdevice\b|\bos\b|\boperating system\b|\bplatform\b/, ['os']],
  [/\bbrowser\b/, ['browser']],
];

/** "do they ever sign in?", "at all": the whole of what the log keeps (30 days), not the last week. */
const EVER = /\b(?:ever|at all|all time|whole log|entire log|in the (?:sign[- ]?in |audit )?logs?)\b/;

function defaultWindow(resource: PlanResource, now: Date, cue?: string, operation?: PlanOperation): QuestionPlan['window'] {
  if (resource !== 'signIns' && resource !== 'directoryAudits' && resource !== 'riskDetections') return undefined;
  // "when was her last successful sign-in?": the newest or oldest one is looked for in all the log keeps.
  const whole = (cue !== undefined && EVER.test(cue)) || operation?.kind === 'latest' || operation?.kind === 'first';
  const days = resource === 'signIns' && !whole ? 7 : 30;
  return { start: new Date(now.getTime() - days * DAY).toISOString(), end: now.toISOString(), label: `last ${days} days` };
}

/** Lists of people that the last answer's people can be asked of by id. */
const PEOPLE_LISTS = new Set<PlanResource>(['registrationDetails', 'riskyUsers', 'roleAssignments']);

/** "of those" continuing the last list, unless a noun for another kind of row follows ("any of those apps"). */
// ("the guest accounts" then "which never signed in": "which" with no noun asks of the rows just shown.)
const WHICH_OF_ROWS = /^(?:and\s+|so\s+|ok\s+)?which (?:ones? )?(?:never|have|has|haven'?t|hasn'?t|are|is|were|aren'?t|don'?t|do|did|didn'?t)\b/;
const OF_THOSE = new RegExp(`\\bof (?:them|those|these)\\b(?!\\s+(?:\\w+\\s+)?(?:apps|applications|service principals|users|accounts|groups|policies|people|guests|admins|roles)\\b)|${WHICH_OF_ROWS.source}`);

/** "which users?", "who were they for?" after a list of sign-ins: the people in them, by person. */
const WHICH_PEOPLE = new RegExp(String.raw`^${WHO_HAD_THE_MOST}(?: (?:of (?:them|those|these)|of <(?:time|tt)>(?: ?'s)?|yesterday|today|there|then|<time>|<tt>))?\s*\??$|` + /^(?:so |ok |and )?whose(?: accounts?| users?)?\s*\??$|^(?:so |ok |and )?(?:for|by) whom?\s*\??$|^(?:so |ok |and )?who (?:were|are) (?:the |those |these )?(?:users|people|accounts)\s*\??$|^(?:so |ok |and )?(?:which|what) (?:users|people|accounts|persons|user\(s\)|guests)\b(?: (?:were|are) (?:they|those|these|it)(?: for)?| (?:got|get|hit|had|have|saw|(?:are|were|got|get) (?:hit|affected|hurt) by) (?:it|that|this)(?: one| error| code)?)?\s*\??$|^(?:so |ok |and )?who (?:else )?(?:got|gets|hit|hits|had|has|saw) (?:it|that|this)(?: one| error| code)?\s*\??$|\bwhich users? (?:were|are) (?:they|those|these) for\b/.source);

/** "those", "them", "of them", "the first one", a bare follow-up: the message continues the previous plan. */
const CONTINUES = /\b(?:those|these|them|that list|of them|the same(?: ones)?|the first one|the latest one|the last one|the top one|such|who are they|which are they|what are they|who were they|who else|anyone else|anybody else|besides)\b|^(?:and|what about|how about|only|just|now)\b|^(?:(?:so|ok(?:ay)?)[\s,]+)?(?:who|whom|the (?:users|people|accounts|names|persons))\s*[?.!]*$/;

export interface PlanFill {
  plan: QuestionPlan;
  intent: IntentName;
  /**
   * The question is better served by its rich answer (one person's sign-ins, the risky-user overview): the plan is
   * not used to answer, only remembered, so "only the failed ones" can continue it.
   */
  rich?: boolean;
  /** The objects the plan is about that the message did not name ("either of them": the two people). */
  about?: Entity[];
}

/** Placeholders that no noun pattern can match ("<user>" would read as the word "user"). */
const PLACEHOLDERS: Record<string, string> = { user: 'pp', group: 'gg', app: 'aa', role: 'ro', policy: 'po', errorCode: 'ec', requestId: 'id', timeRange: 'tt', country: 'cc', namedLocation: 'nl', userAttribute: 'ua' };
/** What kind of place a named location was called, kept beside its placeholder ("<nl> office", "<nl> range"). */
const PLACE_KIND_WORDS = /\b(?:office|network|location|range|ip|site|named|countries|country|subnet|vpn)s?\b/g;

/**
 * The message in lower case with each linked entity replaced by a placeholder (<user>, <time>, <country> …). A word
 * that was taken for a name but links to nothing stays a word: "did any of them succeed" keeps "succeed".
 */
export function planCue(text: string, entities: Entity[]): string {
  let cue = ` ${text.toLowerCase()} `;
  const spans = entities
    .filter((e) => e.source === 'message' && e.text && e.type !== 'action' && e.type !== 'riskLevel' && !((e.type === 'user' || e.type === 'group' || e.type === 'app') && e.resolution === 'notFound'))
    .sort((a, b) => b.text.length - a.text.length);
  for (const entity of spans) {
    const at = cue.indexOf(entity.text.toLowerCase());
    const kind = entity.type === 'namedLocation' ? (entity.text.toLowerCase().match(PLACE_KIND_WORDS) ?? []).map((w) => ` ${w}`).join('') : '';
    if (at >= 0) cue = `${cue.slice(0, at)}<${PLACEHOLDERS[entity.type] ?? 'xx'}>${kind}${cue.slice(at + entity.text.length)}`;
  }
  // Misspelt words read as the words they mean ("which acounts are disabled?"), as the grammar reads them.
  return cue.replace(/[’]/g, "'").replace(/[a-z]+(?:'[a-z]+)?/g, (word) => correction(word) ?? word).replace(/\s+/g, ' ').trim();
}

/** Words of a change, whoever made it ("anything touched on the CA policies?"). */
const CHANGED = /\b(?:touch(?:ed)?|chang(?:e|ed|es)|edit(?:ed|s)?|modif(?:y|ied)|updat(?:e|ed|es)|mess(?:ed)? with)\b/;

/** Words that ask who made a change, or when and by whom. */
export const WHO_CHANGED = /\bwho\s+(?:changed|edited|modified|updated|created|deleted|disabled|enabled|turned|switched|shut|flipped|set|invited|reset|removed|added)\b|\bwho(?:'s| is| has been| have been| was| were)? (?:adding|removing|deleting|disabling|enabling|changing|editing|resetting|inviting)\b|\bby whom\b/;


export interface FillInput {
  text: string;
  cue?: string;
  entities: Entity[];
  now: Date;
  previous?: QuestionPlan;
  /** The previous plan was a rich answer's question (one person's sign-in problem), not a list answered. */
  previousRich?: boolean;
  /** The error code the last answer was about ("how many times has that happened today?"). */
  previousCode?: string;
  /** The people, groups and apps the last list showed ("are they admins?"). */
  previousRows?: ReadonlyArray<{ type: string; id: string; displayName: string; appId?: string }>;
  /** The role the conversation is on ("who was added last?" after its holders). */
  lastRole?: Entity;
  /** Every row the last list showed, whatever the words point at (the one app of "the most used app"). */
  lastRows?: FillInput['previousRows'];
  /** Two or three people the conversation is about together ("Priya …", "and Megan?"): "either of them", "both". */
  peopleInFocus?: ReadonlyArray<{ id: string; displayName: string }>;
  elliptical: boolean;
  intent?: IntentName;
  /**
   * How strongly the grammar found a question of its own in the message ("who owns that app?", "who disabled her?"):
   * such a question is not a refinement of the last list.
   */
  ownScore?: number;
}

/**
 * "who changed Conditional Access policies this month?", "what happened in the audit log yesterday?": a change the
 * grammar heard, asked of nothing in particular, is the audit log's list with the conditions the words give (rather
 * than "whose changes do you mean?"). Not when the intent was only guessed.
 */
function auditList(input: FillInput, context: FillContext): PlanFill | undefined {
  if (input.intent !== 'audit.changes' || !(input.ownScore && input.ownScore > 0)) return undefined;
  if (input.entities.some((e) => ['user', 'group', 'app', 'policy', 'role', 'errorCode'].includes(e.type) && e.source !== 'default')) return undefined;
  const operation = operationOf(context.cue, 'directoryAudits') ?? { kind: 'list' };
  return { plan: { resource: 'directoryAudits', filters: filtersFor('directoryAudits', context), operation, window: windowFrom(input.entities) ?? defaultWindow('directoryAudits', input.now) }, intent: 'audit.changes' };
}

/**
 * The plan the words ask for; when they ask it of the last answer's rows ("which of them …", "any of those …"), only
 * for those rows (src/understanding/rowsAsked.ts).
 */
/** "when was it last changed?" of one policy: its page, which shows when it was last modified. */
const WHEN_POLICY_CHANGED = /^(?!.*\bwho\b).*(?:\bwhen\b.*\b(?:changed|modified|updated|edited|touched)\b|\blast (?:changed|modified|updated|edited)\b)/;

export function fillPlan(input: FillInput): PlanFill | undefined {
  if (input.intent === 'policy.info' && input.entities.some((e) => e.type === 'policy' && e.id) && WHEN_POLICY_CHANGED.test(input.text.toLowerCase())) return undefined;
  const fill = fillPlanOnce(input);
  if (fill && !fill.rich) withAppsSignIns(fill.plan);
  if (fill && !fill.rich) blockedByPolicy(fill.plan);
  return fill;
}

/**
 * "CA failures by policy", "which policies blocked the most sign-ins?": the sign-ins Conditional Access failed
 * (Graph filters them), not every failure, so each one counted has a policy to be counted under.
 */
function blockedByPolicy(plan: QuestionPlan): void {
  const operation = plan.operation;
  if (plan.resource !== 'signIns' || !('field' in operation) || operation.field !== 'blockedBy' || plan.filters.some((f) => f.field === 'caStatus')) return;
  plan.filters = [...plan.filters.filter((f) => !(f.field === 'result' && f.value === 'failure')), { field: 'caStatus', op: 'eq', value: 'failure' }];
}

/** Conditions that make a sign-in question one about people only: a person, guests, members, an interactive or other type. */
const ABOUT_PEOPLE = new Set(['user', 'userDisplayName', 'userType', 'eventType', 'mfaDone', 'mfaRequired']);

/**
 * "failed sign-ins by app", "which apps had the most failures", "error codes yesterday, broken down": a breakdown of
 * the whole log by app or by error counts the apps' own sign-ins too (Graph lists them apart unless asked), so a
 * failing service principal is not missing from it.
 */
function withAppsSignIns(plan: QuestionPlan): void {
  if (plan.resource !== 'signIns' || plan.basedOnPrevious) return;
  const op = plan.operation;
  if (!((op.kind === 'groupBy' || op.kind === 'top' || op.kind === 'countDistinct') && (op.field === 'app' || op.field === 'errorCode'))) return;
  if (plan.filters.some((f) => ABOUT_PEOPLE.has(f.field))) return;
  plan.filters.push({ field: 'eventType', op: 'ne', value: 'nonInteractiveUser', label: 'people and apps' });
}

/** "when was the Blocked countries location last changed?": the location's own dates, not the audit log's 30 days. */
const WHEN_LOCATION_CHANGED = /^(?!.*\b(?:who|whom)\b).*\bwhen (?:was|were|did) (?:the |our |that |this )?<nl>(?: (?:named )?locations?\b)?.{0,25}\b(?:changed|modified|updated|edited|created|added|set up|made)\b/;

function fillPlanOnce(input: FillInput): PlanFill | undefined {
  const cue = input.cue ?? planCue(input.text, input.entities);
  const location = input.entities.find((e) => e.type === 'namedLocation' && e.source === 'message' && e.displayName);
  if (location && WHEN_LOCATION_CHANGED.test(cue)) {
    return { plan: { resource: 'namedLocations', filters: [{ field: 'displayName', op: 'eq', value: location.displayName! }], operation: { kind: 'list' }, columns: ['displayName', 'modifiedDateTime', 'createdDateTime'] }, intent: 'policy.info' };
  }
  const words = membershipOfRows(cue, input) ?? fillFromWords(input);
  const fill = words ? ofTheTopActor(words, input, cue) : words;
  if (!fill || fill.rich) return fill;
  // "which of those are guests?" after a group's members: the same members, with that condition, when the members'
  // list can take it.
  const previous = input.previous;
  if (previous && !input.previousRich && (previous.resource === 'groupMembers' || previous.resource === 'directReports') && fill.plan.resource === 'users' && fill.plan.filters.length > 0 && ASKS_OF_ROWS.test(cue)) {
    const conditions = filtersFor(previous.resource, { text: input.text, cue, now: input.now, entities: input.entities });
    if (fill.plan.filters.every((f) => conditions.some((c) => c.field === f.field))) return continuePlan(previous, { text: input.text, cue, now: input.now, entities: input.entities, previousCode: input.previousCode });
  }
  const restricted = restrictToRows(fill.plan, cue, input.previousRows, input.entities);
  if (restricted) return { ...fill, plan: restricted.plan, about: [...(fill.about ?? []), ...restricted.about] };
  // A plan asked of some rows by id ("do any of those four hold roles?"): those rows are what it is about.
  if (!fill.about?.length && input.previousRows?.length) {
    const rows = input.previousRows;
    const asked = fill.plan.filters.find((f) => f.op === 'in' && Array.isArray(f.value) && f.value.length > 0 && f.value.every((id) => rows.some((r) => r.id === id)))?.value;
    const ids = Array.isArray(asked) ? asked : [];
    const about = rowEntities(rows.filter((r) => ids.includes(r.id)));
    if (about.length) return { ...fill, about };
  }
  return fill;
}

/** "is any of them in the HR portal group?", "are those people members of Finance?": the rows, in that group. */
function membershipOfRows(cue: string, input: FillInput): PlanFill | undefined {
  const group = input.entities.find((e) => e.type === 'group' && e.source === 'message' && e.resolution === 'resolved' && e.id);
  // The rows shown, or the two people the conversation is on ("emma … and ryan? — are they in the partner group?").
  const rows = input.previousRows?.length ? input.previousRows : (input.peopleInFocus ?? []).map((p) => ({ ...p, type: 'user' }));
  const people = rows.filter((r) => r.type === 'user');
  if (!group || people.length < 2 || people.length !== rows.length || !ASKS_OF_ROWS.test(cue)) return undefined;
  if (!/\b(?:in|inside|member(?:s)? of|part of|belong(?:s|ing)? to)\s+(?:the\s+)?<gg>/.test(cue)) return undefined;
  const filter = rowsFilter('groupMembers', people);
  if (!filter) return undefined;
  const anchor = { type: 'group' as const, id: group.id!, displayName: group.displayName ?? group.text, transitive: true };
  return { plan: { resource: 'groupMembers', anchor, filters: [filter], operation: { kind: 'list' } }, intent: 'group.info', about: [...rowEntities(people), group] };
}

/** Apps ranked by use: "the most used app", "most popular applications", "which apps are used the most", "busiest app". */
const APP_USAGE = /\b(?:most|least) (?:used|popular|active|common|busy)\s+(?:apps?|applications?)\b|\b(?:which|what) (?:apps?|applications?) (?:does|do|did) (?:he|she|they|<pp>|<name>) (?:\w+ )?(?:use|sign (?:in)?to|log (?:in)?to|access|open) (?:the )?most\b|\bon (?:what|which) (?:apps?|applications?)(?: (?:is|are|was|were) (?:it|they|that|those))? mostly\b|\b(?:what|which) (?:apps?|applications?) mostly\b|\b(?:apps?|applications?)\s+(?:(?:are|is|were|was|get|gets|got)\s+)?(?:used|signed (?:in)?to|logged (?:in)?to|accessed) (?:the )?most\b|\bbusiest\s+(?:apps?|applications?)\b|\b(?:apps?|applications?) (?:usage|by usage|by use)\b/;

/** "which app has the most owners / expired secrets": ranked by something an app has, not by use. */
function ownAppQuestion(cue: string): boolean {
  return /\b(?:owners?|secrets?|certs?|certificates?|credentials?|permissions?|consents?|members?)\b/.test(cue);
}

const OWNERS_OF_ROWS = /\bwho owns (?:them|those|these|each(?: of them| one)?|all of them|(?:those|these|the) (?:apps|applications|ones))\b|\b(?:their|the) owners\b|\bowners? of (?:them|those|these|each)\b|\bwho (?:are|is) (?:the|their) owners?\b|\bwho (?:is|are) responsible for (?:them|those|these)\b/;

/** Up to this many apps are answered one by one, each with its page; more as one table with an owners column. */
const MANY_ROWS = 3;

/** "who owns them?" after a list of apps: those registrations with their owners. */
function ownersOfRows(cue: string, rows: FillInput['previousRows']): PlanFill | undefined {
  if (!rows || rows.length <= MANY_ROWS || !OWNERS_OF_ROWS.test(cue) || rows.some((r) => r.type !== 'app')) return undefined;
  const filter = rowsFilter('applications', rows);
  if (!filter) return undefined;
  return { plan: { resource: 'applications', filters: [filter], operation: { kind: 'list' }, columns: ['owners'] }, intent: 'app.info', about: rowEntities(rows) };
}

/** The one a ranking put first, pointed at: "they", "he", "the top one", "that admin". */
const THE_TOP_ONE = /\b(?:they|he|she|them|him|her|their|his|the top one|the first one|that (?:admin|person|account))\b/;

/** "what did they do mostly?", "mostly doing what?", "what kind of changes?": what the person just ranked did. */
const ACTOR_ACTIVITY = /\bwhat (?:did|do|does|have|has) (?:they|he|she|the (?:top|first) one|that (?:person|admin|account)|<pp>)\s+(?:\w+\s+)?(?:do|doing|done|change|changed|touch|touched)\b|\bdoing what\b|\bwhat (?:kinds?|sorts?|types?) of (?:changes|things|stuff|activit(?:y|ies)|events)\b|\bby activity\b|\bwhat (?:activities|changes)\b|\bwhat were they\b/;

/** "who was added last?", "when was the newest one added, and by who?": the latest addition to a role. */
const ADDED_LAST = /\bwho (?:was|got|has been|were|is) (?:the )?(?:last|latest|most recently|newest|recently)?\s*(?:added|assigned|given|made|promoted)\b.*\b(?:last|latest|most recent(?:ly)?|newest|recently)\b|\bwho (?:was|got|has been) (?:the )?(?:last|latest|most recently|newest) (?:added|assigned|given|made|promoted)\b|\b(?:newest|latest|most recent|last) (?:one|member|admin|holder|addition|assignment)\b.{0,30}\b(?:added|assigned|given|made)\b|\bwhen was the (?:newest|latest|last) one added\b|\b(?:which|who) (?:of them|of those|one) (?:was|got|has been) (?:added|assigned|given|made|promoted) (?:the )?(?:last|latest|most recently|newest|recently)\b/;

function roleAddedPlan(cue: string, input: FillInput): PlanFill | undefined {
  if (!ADDED_LAST.test(cue)) return undefined;
  const role = input.entities.find((e) => e.type === 'role') ?? input.lastRole;
  const name = role?.value ?? role?.displayName;
  const templateId = name ? [...PRIVILEGED_ROLES].find(([, n]) => n.toLowerCase() === name.toLowerCase())?.[0] : undefined;
  if (!name || !templateId) return undefined;
  const plan: QuestionPlan = {
    resource: 'directoryAudits',
    filters: [
      { field: 'activity', op: 'eq', value: 'Add member to role' },
      { field: 'target', op: 'contains', value: templateId, label: `to ${name}` },
    ],
    operation: { kind: 'latest' },
    window: windowFrom(input.entities) ?? defaultWindow('directoryAudits', input.now),
  };
  return { plan, intent: 'audit.changes' };
}

function fillFromWords(input: FillInput): PlanFill | undefined {
  const cue = input.cue ?? planCue(input.text, input.entities);
  const context: FillContext = { text: input.text, cue, now: input.now, entities: input.entities, previousRich: input.previousRich, previousCode: input.previousCode };
  // "group those by user": "group" is the verb there, not the collection.
  // "grouped by user", "per person": how to group, not what to read.
  const named = pickResource(cue.replace(/\bgroup(?:ed)?\s+(?:(?:those|them|these|it|that|the (?:results?|list|sign[- ]?ins))\s+)?by\b/g, 'by').replace(/\b(?:by|per|for each|each)\s+(?:users?|persons?|people|accounts?)\b/g, 'by'));
  const previous = input.previous;


  // "only the failed ones", "break that down by error code", "which IPs", "just the top 3": a condition or an
  // operation with no collection and no one named of its own works on the last list.
  const namesSomething = input.entities.some((e) => e.source === 'message' && (((e.type === 'user' || e.type === 'group' || e.type === 'app') && e.resolution === 'resolved') || e.type === 'requestId'));
  // "and who has the CA admin role?" after a list of policies asks about the role, not about the policies.
  const namesRole = previous?.resource !== 'roleAssignments' && input.entities.some((e) => e.source === 'message' && e.type === 'role');
  // After a rich answer (a diagnosis) even a weaker cue is a question of its own ("who is his manager?").
  const ownQuestion = (input.ownScore ?? 0) >= (input.previousRich ? 3 : 6) && input.intent !== 'outOfScope';
  const refines = !ownQuestion || (input.intent !== undefined && previous !== undefined && input.intent === PLAN_INTENTS[previous.resource]);
  // "what's the most used app this week?", "busiest apps yesterday": apps ranked by people's sign-ins.
  const usage = APP_USAGE.exec(cue);
  const usedBy = input.entities.find((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved' && e.id);
  const namesOther = input.entities.some((e) => e.source === 'message' && (e.type === 'group' || e.type === 'app') && e.resolution === 'resolved');
  if (usage && !namesOther && !ownAppQuestion(cue)) {
    const filters = filtersFor('signIns', context);
    // "which app does Diego use most?": his sign-ins.
    if (usedBy && !filters.some((f) => f.field === 'user')) filters.unshift({ field: 'user', op: 'eq', value: usedBy.id!, label: usedBy.displayName ?? usedBy.text });
    if (!filters.some((f) => f.field === 'eventType')) filters.push({ field: 'eventType', op: 'contains', value: 'interactiveUser', label: 'people' });
    const n = /\b(?:apps|applications)\b/.test(usage[0]) ? 5 : 1;
    return { plan: signInsPlan(filters, { kind: 'top', n, field: 'app' }, input.entities, input.now, cue), intent: 'signin.list' };
  }
  // "who owns them?" after a list of apps (expiring credentials, apps without owners…): each one's owners.
  // (A few rows are answered app by app with their owners; "the payroll ones" that fit no row take none.)
  const narrowed = (input.previousRows?.length ?? 0) > 0 && input.previousRows!.length < (input.lastRows?.length ?? 0);
  const ownersOf = /\bthe \S+ ones?\b/.test(cue) && !narrowed ? undefined : ownersOfRows(cue, input.previousRows?.length ? input.previousRows : input.lastRows);
  if (ownersOf) return ownersOf;
  // "what is error 50126?" then "did we have many of them this week?": the sign-ins that failed with that code.
  if (input.previousCode && /^\d+$/.test(input.previousCode) && previous?.resource !== 'signIns' && !namesSomething && /\b(?:many|how many|count|any|lots) (?:of )?(?:them|those|these|it)\b|\bhow often\b|\bhow common\b|\bwho (?:got|gets|had|has|hit|hits|saw|sees|is getting|are getting|ran into) (?:it|that|this)\b|\banyone (?:get|getting|got|hit|hitting|seeing|seen) (?:it|that|this)\b/.test(cue)) {
    const filters = [{ field: 'errorCode', op: 'eq' as const, value: Number(input.previousCode) }, ...filtersFor('signIns', context).filter((f) => f.field !== 'errorCode' && f.field !== 'result')];
    return { plan: signInsPlan(filters, operationOf(cue, 'signIns') ?? { kind: 'count' }, input.entities, input.now, cue), intent: 'signin.list' };
  }
  // "who made the most changes this month?" then "what did they do mostly?": the top one's changes, by activity.
  const topActor = previous?.resource === 'directoryAudits' && (previous.operation.kind === 'top' || previous.operation.kind === 'groupBy') && previous.operation.field === 'initiatedBy' ? input.lastRows?.[0] : undefined;
  if (topActor?.type === 'user' && !namesSomething && ACTOR_ACTIVITY.test(cue)) {
    const plan: QuestionPlan = {
      resource: 'directoryAudits',
      filters: [{ field: 'initiatedByUserId', op: 'eq', value: topActor.id, label: `by ${topActor.displayName}` }, ...previous!.filters.filter((f) => f.field !== 'initiatedByUserId' && f.field !== 'initiatedBy')],
      operation: { kind: 'groupBy', field: 'activity' },
      window: windowFrom(input.entities) ?? previous!.window,
      basedOnPrevious: true,
    };
    return { plan, intent: 'audit.changes', about: rowEntities([topActor]) };
  }
  // "who was added most recently?" after the holders of a role: the latest addition to that role, from the audit log.
  const added = roleAddedPlan(cue, input);
  if (added) return added;
  // "which department is she in?" after the top person of a list: a fact on that person's page, not the list again.
  if (input.intent === 'user.info' && /\b(?:she|he|her|his|him)\b/.test(cue) && /\b(?:department|dept|job title|title|manager|boss|office|e-?mail|phone)\b/.test(cue) && !/\b(?:they|them|those|these|each|all)\b/.test(cue)) return undefined;
  // "how do I move them to modern auth?": a how-to about the rows, answered by the documentation, not another list.
  if (input.intent === 'docs.answer' && /^(?:(?:so|and|ok(?:ay)?|then)[,\s]+)?how (?:do|can|should|would) (?:i|we|you)\b/.test(cue)) return undefined;
  // "and apps?" after the groups a person owns: the apps that person owns (and the other way round).
  const ownedBefore = previous?.anchor?.type === 'user' && (previous.resource === 'ownedGroups' || previous.resource === 'ownedApps') ? previous.anchor : undefined;
  if (ownedBefore && named && !namesSomething && /^(?:and|what about|how about|also|plus)\b/.test(cue)) {
    const resource = named.resource === 'groups' ? 'ownedGroups' : named.resource === 'applications' || named.resource === 'servicePrincipals' ? 'ownedApps' : undefined;
    if (resource && resource !== previous!.resource) {
      const owner: Entity = { type: 'user', text: ownedBefore.displayName ?? ownedBefore.id, displayName: ownedBefore.displayName, id: ownedBefore.id, resolution: 'resolved', source: 'conversation' };
      return { plan: { resource, anchor: ownedBefore, filters: [], operation: { kind: 'list' } }, intent: resource === 'ownedGroups' ? 'group.info' : 'app.info', about: [owner] };
    }
  }
  const pair = pairPlan(cue, input.peopleInFocus, context);
  if (pair) return pair;
  const theirRoles = rolesOfRows(cue, input.previousRows);
  if (theirRoles) return theirRoles;
  const theirRisk = riskOfRows(cue, input.previousRows);
  if (theirRisk) return theirRisk;
  const groupRoles = rolesOfGroups(cue, input.entities, input.intent);
  if (groupRoles) return groupRoles;
  const ofRows = peopleOfRows(cue, input.previousRows, previous, context);
  if (ofRows) return ofRows;
  const blocked = blockedByPlan(cue, input.entities, input.now, context);
  // "were any of those people stopped by the blocked countries policy?": the last sign-ins, those the policy stopped.
  if (blocked && previous?.resource === 'signIns' && /\b(?:those|these|them|of them)\b/.test(cue)) {
    const plan: QuestionPlan = {
      ...blocked.plan,
      filters: [...previous.filters.filter((f) => !blocked.plan.filters.some((b) => b.field === f.field) && f.field !== 'result'), ...blocked.plan.filters],
      window: windowFrom(input.entities) ?? previous.window ?? blocked.plan.window,
      operation: blocked.plan.operation.kind === 'exists' ? { kind: 'groupBy', field: 'userDisplayName' } : blocked.plan.operation,
      basedOnPrevious: true,
    };
    return { ...blocked, plan };
  }
  if (blocked) return blocked;
  // "who disabled the most recent one of all of them?" after a count of disabled accounts: who made that change is in
  // the audit log, not in the accounts again.
  // "who disabled lee gu out of those" after a list of disabled accounts: that person's change, in the audit log, not
  // the list again.
  if (previous && previous.resource !== 'directoryAudits' && input.intent === 'audit.changes' && WHO_CHANGED.test(cue) && namesSomething && OF_THOSE.test(cue)) return undefined;
  if (previous && previous.resource !== 'directoryAudits' && input.intent === 'audit.changes' && WHO_CHANGED.test(cue) && !namesSomething) {
    const audit = auditList(input, context);
    if (audit && audit.plan.filters.some((f) => f.field === 'activity')) return audit;
  }
  // "when did they last get in successfully?" after a diagnosis: the person's newest successful sign-in, not the week
  // the diagnosis read.
  const lastSuccess = LAST_SUCCESS.test(cue) && !OF_THOSE.test(cue) ? lastSignInPlan(cue, input.entities) : undefined;
  if (lastSuccess) return lastSuccess;
  // "how many of those failed?" works on the last list; "any of those apps …" after a group's members asks about apps.
  // After a list asked of rows by id ("which of them are admins?"), a person named ("and Dana's role?") is asked of on their own.
  const rowsByIdThenNamed = namesSomething && previous?.filters.some((f) => f.op === 'in' && (f.field === 'principalId' || f.field === 'id'));
  // "and which of those have no MFA registered?" after people's failed sign-ins: another list, asked of those people.
  // ("any of those without mfa?" after sign-ins is those sign-ins done without MFA; registering is asked in words.)
  const signInsWithoutMfa = previous?.resource === 'signIns' && named?.resource === 'registrationDetails' && !/\bregist\w*|\bset ?up\b|\bmethods?\b|\benrol\w*/.test(cue);
  const otherListOfRows = named !== undefined && previous !== undefined && named.resource !== previous.resource && named.weight >= 4 && PEOPLE_LISTS.has(named.resource) && (input.previousRows ?? []).some((r) => r.type === 'user') && !signInsWithoutMfa;
  if (previous && !namesRole && !rowsByIdThenNamed && !otherListOfRows && (CONTINUES.test(cue) || input.elliptical || WHICH_OF_ROWS.test(cue) || (WHICH_PEOPLE.test(cue) && previous.resource === 'signIns')) && (refines || (input.elliptical && !(ownQuestion && input.intent !== PLAN_INTENTS[previous.resource])) || OF_THOSE.test(cue) || (SOMEONE_ELSE.test(cue) && previous.resource === 'signIns')) && (!named || named.resource === previous.resource || OF_THOSE.test(cue) || (WHICH_PEOPLE.test(cue) && previous.resource === 'signIns') || (/\b(?:by|per)\b/.test(cue) && operationOf(cue, previous.resource)?.kind === 'groupBy'))) {
    return ofTheTopRow(continuePlan(previous, context), previous, input.lastRows);
  }
  // A refinement changes something: the person the last list was already about ("he's the leaked password guy?") is not a change.
  const newConditions = () => filtersFor(previous!.resource, context).filter((f) => !previous!.filters.some((p) => p.field === f.field && JSON.stringify(p.value) === JSON.stringify(f.value)));
  // A place of its own ("russia this week - who?") starts a new question unless the words continue ("and russia?").
  const namesPlace = input.entities.some((e) => (e.type === 'country' || e.type === 'namedLocation') && e.source === 'message');
  if (previous && refines && !named && !namesSomething && !namesPlace && (operationOf(cue, previous.resource) || newConditions().length || windowFrom(input.entities))) {
    return ofTheTopRow(continuePlan(previous, context), previous, input.lastRows);
  }
  // An explanation is not a list, unless the question counts or lists over a time ("lockouts (50053) in the last 30
  // days?", "which users hit 53000").
  const listLike = /\b(?:which|who|how many|top \d+|count|list|show)\b/.test(cue) || (input.entities.some((e) => e.type === 'timeRange' && e.source === 'message') && !/\bmean(?:ing|s)?\b|\bexplain\b|\bwhat (?:is|does)\b/.test(cue));
  if (input.intent && NOT_LISTS.has(input.intent) && !(input.intent === 'docs.answer' && listLike && input.entities.some((e) => e.type === 'errorCode'))) return undefined;
  const whatIf = whatIfPlan(cue, input.entities, input.now);
  if (whatIf) return whatIf;
  // "he's medium risk but never signed in - how?" asks about the risk; the sign-in record is part of its answer.
  const last = input.intent === 'risk.user' ? undefined : lastSignInPlan(cue, input.entities);
  if (last) return last;
  const reports = directReportsPlan(cue, input.entities);
  if (reports) return reports;
  const members = groupMembersPlan(cue, input.entities) ?? groupSizePlan(cue, input.entities);
  if (members === 'page') return undefined;
  if (members) return members;
  // "what else does she own?" after an app's owner was shown: the apps that person owns.
  const owner = input.entities.find((e) => e.type === 'user' && e.resolution === 'resolved' && e.id);
  if (owner && !named && /\b(?:does|do|did) (?:<pp>|he|she|they|(?:the same|that) (?:person|owner|user|admin)) (?:also )?own\b|(?:<pp>|\b(?:he|she|they|(?:the same|that) (?:person|owner|user|admin))) (?:also )?owns?\b/.test(cue)) {
    return { plan: { resource: 'ownedApps', anchor: { type: 'user', id: owner.id!, displayName: owner.displayName ?? owner.text }, filters: [], operation: { kind: 'list' } }, intent: 'app.info' };
  }
  // "Is Belarus blocked?": whether a country is in a named location used to block.
  const country = input.entities.find((e) => e.type === 'country' && e.source === 'message');
  // ("is there a policy that blocks sign-ins from russia?": the blocking locations, whatever noun the words use.)
  // ("outside the US" is every other country: not the locations that hold it.)
  // ("Felix got blocked while in Brazil, reason?": a person's sign-in problem, which the grammar heard.)
  const personNamed = input.entities.some((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved');
  if (country?.value && /\bblock(?:s|ed|ing)?\b/.test(cue) && !/\boutside (?:of )?(?:the )?<cc>/.test(cue) && (!named || named.resource === 'namedLocations' || input.intent === 'policy.info') && !(personNamed && input.intent === 'signin.troubleshoot')) {
    return { plan: { resource: 'namedLocations', filters: [{ field: 'countries', op: 'contains', value: country.value, label: `includes ${country.text}` }], operation: { kind: 'list' } }, intent: 'policy.info' };
  }
  // "anything from brazil this month?", "who's signing in from linux machines?": the grammar heard a question about the
  // sign-in log with a place or a platform and no noun for it: the sign-ins with that condition.
  const place = input.entities.some((e) => (e.type === 'country' || e.type === 'namedLocation') && e.source === 'message');
  if (!named && (input.intent === 'signin.list' || (place && (input.intent === 'outOfScope' || input.intent === undefined))) && !namesSomething) {
    const filters = filtersFor('signIns', context);
    if (filters.some((f) => f.field === 'country' || f.field === 'os' || f.field === 'clientApp' || f.field === 'errorCode')) {
      return { plan: signInsPlan(filters, operationOf(cue, 'signIns') ?? { kind: 'list' }, input.entities, input.now, cue), intent: 'signin.list' };
    }
  }
  if (!named) return auditList(input, context);
  // "how many different people hit the compliant-device block this week?": people counted in the sign-in log.
  if (named.resource === 'users' && /\bhow many (?:different |distinct |unique |separate )?(?:people|users|accounts|persons)\b/.test(cue)) {
    const signInFilters = filtersFor('signIns', context).filter((f) => f.field === 'errorCode' || f.field === 'country' || f.field === 'clientApp');
    if (signInFilters.length) {
      return { plan: signInsPlan(signInFilters, { kind: 'countDistinct', field: 'userDisplayName' }, input.entities, input.now, cue), intent: 'signin.list' };
    }
  }
  // A strong question of another kind that merely mentions a general noun ("has anyone changed Megan's account?"
  // names "account") is that question, not a list of accounts.
  const resource = anchoredResource(named.resource, cue, input.entities);
  if (!resource.anchor && (input.ownScore ?? 0) >= 6 && input.intent !== undefined && input.intent !== 'outOfScope' && named.weight < 2.5 && PLAN_INTENTS[named.resource] !== input.intent) return auditList(input, context);
  // "Who turned that policy off?": who made a change is answered from the audit log, not by a list of what is now;
  // "who touched conditional access policies lately?": the changes to them.
  if (input.intent === 'audit.changes' && resource.resource !== 'directoryAudits') {
    if (WHO_CHANGED.test(cue)) return auditList(input, context);
    const audit = !resource.anchor && CHANGED.test(cue) ? auditList(input, context) : undefined;
    if (audit) return audit;
  }
  const operation = operationOf(cue, resource.resource);
  const filters = [...(resource.resource === named.resource ? named.filters ?? [] : []), ...filtersFor(resource.resource, context)].filter((f, i, all) => all.findIndex((g) => g.field === f.field && g.op === f.op && JSON.stringify(g.value) === JSON.stringify(f.value)) === i);
  // A noun alone ("users") with no ask, no condition and no operation is not a list question, unless it is the
  // whole question ("named locations?").
  const bareNoun = /^[\w\s-]{3,40}\?$/.test(cue) && cue.split(/\s+/).length <= 3;
  const rich = !resource.anchor && richAnswerWanted(resource.resource, cue, input.entities, operation, filters);
  // "How many risky users do we have?" means those at risk now, not every record Identity Protection keeps
  // (remediated and dismissed users stay in the list): unless the words ask for those too.
  if (!rich && (resource.resource === 'riskyUsers' || resource.resource === 'riskyServicePrincipals') && !filters.some((f) => f.field === 'riskState') && !/\b(?:all|ever|every|including|history|historic|past|any state|states?|status)\b/.test(cue)) {
    filters.push({ field: 'riskState', op: 'eq', value: 'atRisk', label: 'at risk now' });
  }
  if (!rich && !operation && filters.length === 0 && !resource.anchor && !COLLECTION_ASK.test(cue) && !bareNoun) return undefined;
  if (resource.resource === 'users' && filters.length === 0 && !operation && !/\b(?:all|every|list|show)\b/.test(cue)) return undefined;
  const plan: QuestionPlan = {
    resource: resource.resource,
    ...(resource.anchor ? { anchor: resource.anchor } : {}),
    filters,
    operation: operation ?? { kind: 'list' },
    // A list by its credentials shows how many of each every row has.
    ...(filters.some((f) => CREDENTIAL_FIELDS.includes(f.field)) ? { columns: CREDENTIAL_FIELDS } : {}),
  };
  const window = windowFrom(input.entities) ?? defaultWindow(resource.resource, input.now, cue, operation);
  // A collection with no time of its own (users) takes the words' time as a condition ("created this month"), if any.
  if (window && resourceOf(resource.resource).time) plan.window = window;
  // "newest hire in engineering?": the row's creation date shows why it is the newest.
  if ((plan.operation.kind === 'latest' || plan.operation.kind === 'first') && ordersByCreation(resourceOf(resource.resource))) plan.columns = [...(plan.columns ?? []), 'createdDateTime'];
  const details = plan.resource === 'signIns' ? signInDetails(plan.operation, cue) : undefined;
  if (details) plan.columns = details;
  if (rich) {
    // What the rich answer shows, as a plan to continue: its person or app becomes a condition.
    const user = input.entities.find((e) => e.type === 'user' && e.id);
    if (user && (plan.resource === 'signIns' || plan.resource === 'riskDetections') && !plan.filters.some((f) => f.field === 'user')) plan.filters.push({ field: 'user', op: 'eq', value: user.id!, label: user.displayName ?? user.text });
    return { plan, intent: intentOfPlan(plan), rich: true };
  }
  return { plan, intent: intentOfPlan(plan) };
}

/** The intent a list plan answers: its collection's, but for the few collections asked of one thing. */
function intentOfPlan(plan: QuestionPlan): IntentName {
  // An app's groups are its memberships, as a person's are ("is the Build Pipeline SP in any groups?"): PLAN_INTENTS.
  // One person's risk detections ("how many detections does Alex have?") are that person's risk.
  if (plan.resource === 'riskDetections' && plan.filters.some((f) => f.field === 'user' && f.op === 'eq')) return 'risk.user';
  // The record of a person's last successful sign-in answers a question about their sign-ins (lastSignInPlan).
  if (plan.resource === 'users' && plan.columns?.[0] === 'lastSuccessfulSignIn') return 'signin.list';
  return PLAN_INTENTS[plan.resource];
}

/**
 * The plan a rich answer's question amounts to when its words named no collection ("what's wrong with Johanna?"):
 * one person's or app's sign-ins, kept so that "how many times has that happened today?" can count them.
 */
export function richQuestionPlan(intent: IntentName, entities: Entity[], now: Date): QuestionPlan | undefined {
  if (intent !== 'signin.troubleshoot' && intent !== 'signin.list') return undefined;
  const user = entities.find((e) => e.type === 'user' && e.resolution === 'resolved' && e.id);
  const app = entities.find((e) => e.type === 'app' && e.resolution === 'resolved' && e.appId);
  if (!user && !app) return undefined;
  const filters: PlanFilter[] = user
    ? [{ field: 'user', op: 'eq', value: user.id!, label: user.displayName ?? user.text }]
    : [{ field: 'appId', op: 'eq', value: app!.appId!, label: app!.displayName ?? app!.text }];
  return signInsPlan(filters, { kind: 'list' }, entities, now);
}

const WHAT_IF = /\bwho (?:would|will|'d)\b|\bwhat would happen\b|\bwould (?:it|this|that) (?:block|affect|impact|hit)\b|\b(?:impact|effect) of\b|\bif (?:we|i|you) (?:turn|switch|enable|enforce)\b|\b(?:were|was|is) (?:switched|turned) on\b|\bwere (?:enabled|enforced|on)\b|\bwho (?:is|are) affected\b/;

/**
 * "Who would be blocked if the sign-in frequency policy were switched on?": the sign-ins a report-only policy
 * evaluated, and what it would have done to them, by user. Report-only results are in the sign-in log only.
 */
function whatIfPlan(cue: string, entities: Entity[], now: Date): PlanFill | undefined {
  const policy = entities.find((e) => e.type === 'policy' && e.source !== 'default');
  if (!policy || !WHAT_IF.test(cue)) return undefined;
  const name = policy.value ?? policy.displayName ?? policy.text;
  const window = windowFrom(entities) ?? { start: new Date(now.getTime() - 30 * DAY).toISOString(), end: now.toISOString(), label: 'last 30 days' };
  const plan: QuestionPlan = {
    resource: 'signIns',
    filters: [{ field: 'reportOnlyImpact', op: 'contains', value: name, label: `report-only "${name}" would act` }],
    window,
    operation: { kind: 'groupBy', field: 'userDisplayName' },
  };
  // The people it would have hit, from the sign-in log: a list of sign-ins, whatever policy they name.
  return { plan, intent: 'signin.list' };
}

const BLOCKED_WHOM = new RegExp(String.raw`\b(?:who|which (?:users|people|accounts|guests)) (?:has |have |had )?(?:hit|hits|triggered|tripped|failed|fails) (?:(?:it|this|that|the policy)\b|(?:the )?<po>)|${HOW_MANY_HIT_IT} (?:(?:it|this|that|the policy)\b|<po>)|${HOW_MANY_IT_BLOCKED}|\bwho(?:m)? (?:did|does|has|have|had|would) (?:it|this|that|the policy|<po>)? ?(?:block|stop|catch|hit)\b|\b(?:block|stop|catch|hit)(?:s|ped|ed)? (?:anyone|anybody|someone|people|users)\b|\bhas (?:it|this|that|<po>) (?:blocked|stopped|caught)\b|\bwho (?:got|was|were|has been|have been) (?:blocked|stopped) by\b`);

/** "who else is stuck on the compliant device policy", "how many people did the MFA policy stop": what a policy did. */
const STOPPED_BY = /\b(?:stuck on|stuck behind|hit by|hitting|ran into|run into|runs into|running into|blocked by|caught by|stopped by|failing on|failed on|tripp(?:ed|ing)(?: on| over)?|getting|got|get) (?:the |that |this )?(?:<po>|policy\b|it\b)|<po>.{0,25}\b(?:stop|stopped|stops|block|blocked|blocks|catch|caught|hit|hits)\b|\b(?:stop|stopped|block|blocked|catch|caught|hit)\b.{0,20}\bby (?:the |that |this )?(?:<po>|policy\b|it\b)/;

/** "who did it block yesterday?" about a Conditional Access policy: the sign-ins that policy failed, by person. */
function blockedByPlan(cue: string, entities: Entity[], now: Date, context: FillContext): PlanFill | undefined {
  const policy = entities.find((e) => e.type === 'policy' && e.source !== 'default' && (e.id || e.value || e.displayName));
  if (!policy || !(BLOCKED_WHOM.test(cue) || STOPPED_BY.test(cue)) || WHAT_IF.test(cue)) return undefined;
  // "what does the legacy auth policy block?": what it covers, on its page.
  if (/\bwhat (?:does|do|will|would) (?:the |that |this |our )?(?:<po>|(?:policy|it|rule)\b)(?: policy| rule)?.{0,20}\b(?:block|cover|require|stop|do|apply to|target)\b/.test(cue)) return undefined;
  const name = policy.value ?? policy.displayName ?? policy.text;
  const blocked: PlanFilter = { field: 'caPolicy', op: 'contains', value: `${name}: failure`, label: `blocked by "${name}"` };
  // Other conditions the words give ("android users", "this week", "interactive", "besides Megan"); the policy's
  // failure already says failed.
  const others = filtersFor('signIns', context).filter((f) => f.field !== 'result' && f.field !== 'caStatus');
  const operation = operationOf(cue, 'signIns') ?? (/\bhow many\b/.test(cue) ? { kind: 'countDistinct' as const, field: 'userDisplayName' } : { kind: 'groupBy' as const, field: 'userDisplayName' });
  return { plan: signInsPlan([blocked, ...others], operation, entities, now), intent: 'signin.list' };
}

const TRANSITIVE = /\bnested\b|\btransitive(?:ly)?\b|\bindirect(?:ly)?\b|\bthrough (?:other |nested )?groups\b|\bincluding sub/;

/** "Everyone in IT Staff including nested": a group's members reached through nesting too, as a list. */
function groupMembersPlan(cue: string, entities: Entity[]): PlanFill | undefined {
  const group = entities.find((e) => e.type === 'group' && e.resolution === 'resolved' && e.id);
  if (!group || !TRANSITIVE.test(cue) || !/\b(?:everyone|everybody|members?|users|people|who(?:'s| is| are)?|list|show|all|head ?counts?|size)\b/.test(cue)) return undefined;
  // ("VPN Users total headcount, transitive": its members counted.)
  const count = /\bhow many\b|\bcount\b|\bnumber of\b|\bhead ?counts?\b|\btotal\b|\bsize\b/.test(cue);
  const plan: QuestionPlan = {
    resource: 'groupMembers',
    anchor: { type: 'group', id: group.id!, displayName: group.displayName ?? group.text, transitive: true },
    filters: /\busers\b|\bpeople\b|\beveryone\b|\beverybody\b|\bhead ?counts?\b/.test(cue) ? [{ field: 'objectType', op: 'eq', value: 'user', label: 'users' }] : [],
    operation: count ? { kind: 'count' } : { kind: 'list' },
  };
  return { plan, intent: 'group.info' };
}

/**
 * "how many members does the VPN Users group have?", "how many people are in the VPN Users group": that group's
 * direct members counted (the noun "group" would otherwise count the tenant's groups).
 */
function groupSizePlan(cue: string, entities: Entity[]): PlanFill | 'page' | undefined {
  const group = entities.find((e) => e.type === 'group' && e.source === 'message' && e.resolution === 'resolved' && e.id);
  if (!group || entities.some((e) => e.type === 'group' && e.source === 'message' && e !== group)) return undefined;
  if (!/\bhow many (?:direct )?(?:members?|people|users|accounts|persons|folks)\b|\b(?:member|head) ?count\b|\bnumber of (?:direct )?(?:members?|people|users)\b/.test(cue) || /\bgroups\b/.test(cue)) return undefined;
  // ("who owns research lab and how many members", "… and how many people are in it": its page says both, rather
  // than a count of the tenant's people.)
  if (/\bowns?\b|\bowners?\b|\bmanages?\b|\bdynamic\b|\brule\b/.test(cue)) return 'page';
  const plan: QuestionPlan = { resource: 'groupMembers', anchor: { type: 'group', id: group.id!, displayName: group.displayName ?? group.text, transitive: false }, filters: [], operation: { kind: 'count' } };
  return { plan, intent: 'group.info' };
}

/** The person a question names, linked to the directory. */
function resolvedPerson(entities: readonly Entity[]): Entity | undefined {
  return entities.find((e) => e.type === 'user' && e.resolution === 'resolved' && e.id);
}

/** The sign-ins of one person. */
function signInsBy(user: Entity): PlanFilter {
  return { field: 'user', op: 'eq', value: user.id!, label: user.displayName ?? user.text };
}

/** "and from where?" after a person's last sign-in: that person's newest sign-in, with where it came from. */
export function lastSignInFromWherePlan(entities: Entity[], now: Date): PlanFill | undefined {
  const user = resolvedPerson(entities);
  return user ? { plan: signInsPlan([signInsBy(user)], { kind: 'latest' }, entities, now, 'where'), intent: 'signin.list' } : undefined;
}

/**
 * "since when is this happening?" after a diagnosis: the person's oldest failure the log keeps, of the diagnosed error
 * when there was one (a week's diagnosis says only that week's first), background sign-ins included as the diagnosis
 * reads them.
 */
export function firstFailurePlan(entities: Entity[], now: Date): PlanFill | undefined {
  const user = resolvedPerson(entities);
  if (!user) return undefined;
  const code = entities.find((e) => e.type === 'errorCode' && e.value && /^\d+$/.test(e.value));
  const filters: PlanFilter[] = [signInsBy(user), code ? { field: 'errorCode', op: 'eq', value: Number(code.value) } : { field: 'result', op: 'eq', value: 'failure' }, { field: 'eventType', op: 'ne', value: 'servicePrincipal', label: 'interactive and background' }];
  return { plan: signInsPlan(filters, { kind: 'first' }, entities, now), intent: 'signin.list' };
}

/** The last time a person's sign-in went through: "last successful sign-in", "last got in ok", "last time it worked". */
const LAST_SUCCESS = /\blast\b.{0,30}\b(?:success(?:ful(?:ly)?)?|got in|get in|made it in|worked|work for)\b|\b(?:success(?:ful(?:ly)?)?|got in|get in|worked)\b.{0,20}\blast\b|\blast (?:good|ok|working|clean) (?:sign[- ]?in|log[- ]?in|logon|one)\b|\blast time (?:it|that|they|he|she) (?:worked|was ok|went through)\b/;

/**
 * "When did Patti last sign in?": the account's own record of its last sign-ins (signInActivity), which reaches
 * back past the sign-in log's 30 days and says "never" when there was none.
 */
function lastSignInPlan(cue: string, entities: Entity[]): PlanFill | undefined {
  const user = entities.find((e) => e.type === 'user' && e.resolution === 'resolved' && e.id);
  if (!user) return undefined;
  // ("Megan's last sign in — when, where, what app?": where and to what are in the sign-in log, not on the account.)
  if (/\bwhere\b|\b(?:what|which) (?:app|application|device|ip|browser|os|location|country|city)\b|\bfrom (?:what|which|where)\b/.test(cue)) return undefined;
  const success = LAST_SUCCESS.test(cue);
  if (!success && !/\blast (?:time )?(?:sign(?:ed)?|log(?:ged)?)[- ]?(?:in|on)\b|\blast time\b.{0,40}\b(?:sign(?:ed)?|log(?:ged)?)[- ]?(?:in|on)\b|\blast (?:sign|log)[- ]?ins?\b|\bwhen did\b.{0,40}\blast\b.{0,20}\b(?:sign|log)|\b(?:ever|never) (?:signed|logged) in\b/.test(cue)) return undefined;
  const plan: QuestionPlan = {
    resource: 'users',
    filters: [{ field: 'id', op: 'eq', value: user.id!, label: user.displayName ?? user.text }],
    operation: { kind: 'list' },
    // What was asked first: the last successful one, or the last of any kind.
    columns: success ? ['lastSuccessfulSignIn', 'lastSignIn', 'lastNonInteractiveSignIn'] : ['lastSignIn', 'lastSuccessfulSignIn', 'lastNonInteractiveSignIn'],
  };
  // A fact of the account (it reads the user, not the sign-in log), as the person's page shows it; "when did they last
  // get in successfully?" asks about their sign-ins, answered from the same record (its last successful sign-in, and
  // the last background one beside it).
  return { plan, intent: success ? 'signin.list' : 'user.info' };
}

/** "Are they admins?", "what roles do they hold?" after a list of people or groups: the roles those rows hold. */
const THEIR_ROLES = /\b(?:are|is) (?:they|those|these|any of (?:them|those|these)|either of them) (?:\w+ )?(?:admins?|administrators?|privileged)\b|\bwhat (?:admin )?roles? do (?:they|those|these) (?:have|hold|give|get)\b|\bwhich roles? do (?:they|those|these) (?:have|hold)\b|\bdo (?:they|those|these|any of (?:them|those|these))(?: (?:two|three|four|five|people|users|guys))? (?:have|hold) (?:any )?(?:admin(?:istrator)? )?roles?\b|\bany admins (?:in there|among them|in that list)\b|\b(?:which|who|how many) of (?:them|those|these) (?:are|is|were|was|have|has|hold|holds) (?:an? |any )?(?:admins?|administrators?|privileged|(?:admin(?:istrator)? |directory )?roles?)\b|^(?:(?:and|so|ok(?:ay)?)[\s,]+)?any (?:of (?:them|those|these) )?(?:\w+ )?(?:admins?|administrators?)(?: (?:among|in) (?:them|those|these|there))?\s*[?.!]*$/;

function rolesOfRows(cue: string, rows: FillInput['previousRows']): PlanFill | undefined {
  const principals = (rows ?? []).filter((r) => r.type === 'user' || r.type === 'group' || r.type === 'app');
  if (!principals.length || !THEIR_ROLES.test(cue)) return undefined;
  const plan: QuestionPlan = {
    resource: 'roleAssignments',
    filters: [{ field: 'principalId', op: 'in', value: principals.slice(0, 20).map((r) => r.id), label: `held by the ${principals.length === 1 ? 'one' : principals.length} shown before` }],
    operation: { kind: 'list' },
  };
  return { plan, intent: 'role.assignments' };
}

const ALL_HOLDERS = /\b(?:all|every|each|list (?:the |all |every )?)(?: the)? (?:admin(?:istrator)?|privileged|directory|entra|admin role|privileged role|directory role)? ?(?:role )?(?:holders?|assignments?)\b|\bhow many (?:directory |admin |privileged )?role assignments\b|\beveryone (?:with|who (?:has|holds)) (?:an? )?(?:admin|privileged|directory) roles?\b|\bwho (?:holds|has) (?:any )?(?:admin|privileged|directory) roles?\b|\bhow many (?:people|users|accounts|persons|principals|of us)\b.{0,12}\b(?:have|hold|got)\b (?:an? |any )?(?:admin|privileged|directory|entra) roles?\b/;

/** "what role does that group carry?", "which roles come from group membership?": roles held by groups. */
const THROUGH_GROUPS = /\broles?\b.{0,40}\b(?:from|through|via|by|to) (?:a |any )?groups?(?: memberships?)?\b|\bgroup memberships?\b.{0,30}\broles?\b|\bgroups? (?:that )?(?:hold|carry|have|get|give|grant)s? (?:a |any )?(?:admin |directory )?roles?\b/;

function rolesOfGroups(cue: string, entities: Entity[], intent: IntentName | undefined): PlanFill | undefined {
  if (intent !== 'role.assignments' || entities.some((e) => (e.type === 'user' || e.type === 'role') && e.source !== 'default')) return undefined;
  const group = entities.find((e) => e.type === 'group' && e.resolution === 'resolved' && e.id);
  if (group) {
    const filters: PlanFilter[] = [{ field: 'principalId', op: 'eq', value: group.id!, label: `held by ${group.displayName ?? group.text}` }];
    return { plan: { resource: 'roleAssignments', filters, operation: { kind: 'list' } }, intent };
  }
  // "list every admin role holder", "all privileged role assignments", "how many role assignments in total": the
  // tenant's assignments, every role at once.
  if (ALL_HOLDERS.test(cue)) {
    const privileged = /\bprivileged\b/.test(cue);
    const count = /\bhow many\b|\bnumber of\b|\bcount\b/.test(cue);
    const filters: PlanFilter[] = privileged ? [{ field: 'privileged', op: 'eq', value: true, label: 'privileged roles' }] : [];
    return { plan: { resource: 'roleAssignments', filters, operation: count ? { kind: 'count' } : { kind: 'list' } }, intent };
  }
  if (!THROUGH_GROUPS.test(cue)) return undefined;
  return { plan: { resource: 'roleAssignments', filters: [{ field: 'principalType', op: 'eq', value: 'group', label: 'held by groups' }], operation: { kind: 'list' } }, intent };
}

const THEY = /\b(?:they|them|those|these|their|each(?: one| of them)?|any of (?:them|those|these)|all of them|in there|among them)\b/;
const THEIR_SIGN_INS = /\bsign(?:ing|ed)?[- ]?ins?\b|\blog(?:ging|ged)?[- ]?(?:in|on)s?\b|\blogins?\b|\btrying to (?:get in|open|reach|access)\b/;

/**
 * A question about the people the last list showed that their list cannot answer: "which department is each in?"
 * after the accounts with no MFA method (registration details carry no department), "are any of them still trying to
 * sign in?" after the disabled accounts. Asked of those people by id.
 */
/** "any of them risky?", "are any of those at risk in identity protection?" after a list of people: their risk records. */
function riskOfRows(cue: string, rows: FillInput['previousRows']): PlanFill | undefined {
  const people = (rows ?? []).filter((r) => r.type === 'user');
  if (people.length < 2 || !THEY.test(cue) || !PAIR_RISK.test(cue)) return undefined;
  const shown = people.slice(0, 15);
  return riskOfPeople(shown.map((r) => r.id), `the ${shown.length} people shown before`, rowEntities(shown));
}

/** These people's risk records, in any state (a dismissed one says so). */
function riskOfPeople(ids: string[], label: string, about: Entity[]): PlanFill {
  return { plan: { resource: 'riskyUsers', filters: [{ field: 'id', op: 'in', value: ids, label }], operation: { kind: 'list' } }, intent: 'risk.users', about };
}

function peopleOfRows(cue: string, rows: FillInput['previousRows'], previous: QuestionPlan | undefined, context: FillContext): PlanFill | undefined {
  const people = (rows ?? []).filter((r) => r.type === 'user');
  if (!people.length || !previous || previous.resource === 'signIns' || !THEY.test(cue)) return undefined;
  const ids = people.slice(0, 15).map((r) => r.id);
  const shown = people.length === 1 ? 'the person shown before' : `the ${Math.min(people.length, 15)} people shown before`;
  if (THEIR_SIGN_INS.test(cue)) {
    const filters: PlanFilter[] = [{ field: 'user', op: 'in', value: ids, label: `of ${shown}` }, ...filtersFor('signIns', context).filter((f) => f.field !== 'user')];
    // "which of them still tried this week?": those among them, each with their count.
    const whichOfThem: PlanOperation | undefined = /\b(?:which|who)(?: one)? of (?:them|those|these)\b/.test(cue) ? { kind: 'groupBy', field: 'userDisplayName' } : undefined;
    return { plan: signInsPlan(filters, operationOf(cue, 'signIns') ?? whichOfThem ?? { kind: 'list' }, context.entities, context.now, cue), intent: 'signin.list' };
  }
  const operation = operationOf(cue, 'users');
  if (operation?.kind !== 'groupBy' || fieldNamed(previous.resource, cue)) return undefined;
  const filters: PlanFilter[] = [{ field: 'id', op: 'in', value: ids, label: shown }];
  // "which department is each in": each person with it; "which companies are they from": the companies, counted.
  if (/\beach\b|\bper (?:person|user)\b/.test(cue)) return { plan: { resource: 'users', filters, operation: { kind: 'list' }, columns: [operation.field] }, intent: 'user.info' };
  return { plan: { resource: 'users', filters, operation }, intent: 'user.info' };
}

/** Two or three people asked about together: "both", "either of them", "which of the two", "neither". */
export const PLURAL_PEOPLE = /\bboth(?: of them)?\b|\beither(?: of them| one)?\b|\bneither(?: of them)?\b|\bthe two(?: of them)?\b|\bwhich of (?:them|the two|those two|these two)\b|\bwhich one\b|\bthe pair\b/;
const PAIR_SIGN_INS = /\bsign(?:ing|ed)?[- ]?ins?\b|\blog(?:ging|ged)?[- ]?(?:in|on)s?\b|\blogins?\b|\btr(?:y|ied|ying)\b|\bget(?:ting)? in\b|\bgot in\b|\bfail(?:ed|ing|s|ures?)?\b|\bsucceed(?:ed)?\b|\bblocked\b|\battempts?\b/;
const PAIR_RISK = /\brisky\b|\bat risk\b|\bcompromised\b|\brisk (?:levels?|states?)\b|\bflagged\b/;
export const WHERE_FROM = /\bwhere (?:are|is|were|do|does) (?:they|both|the two|these two|those two)(?: of them)? (?:\w+ )?(?:from|based|located|work|come from|sit)\b/;
const PAIR_ROLES = /\broles?\b|\badmins?\b|\badministrators?\b|\bprivileged\b/;
const PAIR_MFA = /\bmfa\b|\bmulti[- ]?factor\b|\b2fa\b|\bauthentication methods?\b|\bauthenticator\b|\bregistered\b/;
/**
 * "is either of them in finance?", "are both from sales?", "what are their titles?": where the people sit, from their
 * profiles (department, title, office). A group the message names makes it a membership question instead.
 */
const PAIR_PROFILE = /\b(?:is|are) (?:either|both|neither)(?: of them| one)? (?:in|from|part of|based in|working in|on) (?:the )?[a-z<]|\bdepartments?\b|\bjob ?titles?\b|\btitles?\b|\bbased\b|\boffices?\b|\bwhich teams?\b|\bwhat teams?\b/;

/**
 * "Did either of them get in today?", "which of the two tried most recently?", "do both have MFA registered?": one
 * list about the two or three people the conversation is on, asked by id.
 */
function pairPlan(cue: string, people: FillInput['peopleInFocus'], context: FillContext): PlanFill | undefined {
  if (!people || people.length < 2) return undefined;
  const ids = people.map((p) => p.id);
  const label = people.map((p) => p.displayName).join(', ');
  const about = people.map((p): Entity => ({ type: 'user', text: p.displayName, displayName: p.displayName, id: p.id, resolution: 'resolved', source: 'conversation' }));
  // "where are they from?": each one's organisation and place (a guest's home domain is in their sign-in name).
  if (WHERE_FROM.test(cue)) {
    return { plan: { resource: 'users', filters: [{ field: 'id', op: 'in', value: ids, label }], operation: { kind: 'list' }, columns: ['companyName', 'department', 'city', 'country'] }, intent: 'user.info', about };
  }
  if (!PLURAL_PEOPLE.test(cue)) return undefined;
  // "are either of them risky users?": their risk records in any state (a dismissed one says so).
  if (PAIR_RISK.test(cue)) return riskOfPeople(ids, label, about);
  if (PAIR_MFA.test(cue)) {
    return { plan: { resource: 'registrationDetails', filters: [{ field: 'id', op: 'in', value: ids, label }], operation: { kind: 'list' }, columns: ['isMfaRegistered'] }, intent: 'user.info', about };
  }
  // "which of them never managed to sign in?", "has either of them been inactive for 90 days?": their accounts' own
  // record of their last sign-ins, which reaches past the log's window.
  const lastSignIns = filtersFor('users', context).filter((f) => f.field === 'lastSignIn' || f.field === 'lastSuccessfulSignIn');
  if (lastSignIns.length) {
    return { plan: { resource: 'users', filters: [{ field: 'id', op: 'in', value: ids, label }, ...lastSignIns], operation: { kind: 'list' } }, intent: 'user.info', about };
  }
  // "which roles do both have?", "is either of them an admin?": the roles they hold, side by side.
  if (PAIR_ROLES.test(cue) && !PAIR_SIGN_INS.test(cue)) {
    return { plan: { resource: 'roleAssignments', filters: [{ field: 'principalId', op: 'in', value: ids, label }], operation: { kind: 'list' } }, intent: 'role.assignments', about };
  }
  // "are both of them in Finance Approvers?": which of them the group has, through nested groups too.
  const group = context.entities.find((e) => e.type === 'group' && e.source === 'message' && e.resolution === 'resolved' && e.id);
  if (group && !PAIR_SIGN_INS.test(cue)) {
    const anchor = { type: 'group' as const, id: group.id!, displayName: group.displayName ?? group.text, transitive: true };
    return { plan: { resource: 'groupMembers', anchor, filters: [{ field: 'id', op: 'in', value: ids, label }], operation: { kind: 'list' } }, intent: 'user.groups', about: [...about, group] };
  }
  if (PAIR_PROFILE.test(cue) && !PAIR_SIGN_INS.test(cue) && !context.entities.some((e) => e.type === 'group' && e.source === 'message')) {
    return { plan: { resource: 'users', filters: [{ field: 'id', op: 'in', value: ids, label }], operation: { kind: 'list' }, columns: ['department', 'jobTitle', 'officeLocation'] }, intent: 'user.info', about };
  }
  if (!PAIR_SIGN_INS.test(cue)) return undefined;
  return pairSignIns(cue, people, context, about);
}

/** The sign-ins of two or three people together, with the question's other conditions. */
function pairSignIns(cue: string, people: ReadonlyArray<{ id: string; displayName: string }>, context: FillContext, about: Entity[]): PlanFill {
  const filters: PlanFilter[] = [{ field: 'user', op: 'in', value: people.map((p) => p.id), label: people.map((p) => p.displayName).join(', ') }, ...filtersFor('signIns', context).filter((f) => f.field !== 'user')];
  const latest = /\bmost recent(?:ly)?\b|\blatest\b|\blast\b|\bmore recent(?:ly)?\b/.test(cue);
  // "did Megan or Priya fail more?", "megan vs priya - failures?": each person's count, side by side.
  const compared = /<pp>\s*,?\s*(?:or|vs\.?|versus)\s+<pp>|\b(?:more|fewer|less)\b/.test(cue) || /\b(?:vs\.?|versus)\s/i.test(context.text);
  const operation = latest ? { kind: 'latest' as const } : (operationOf(cue, 'signIns') ?? (compared ? { kind: 'groupBy' as const, field: 'userDisplayName' as const } : { kind: 'list' as const }));
  return { plan: signInsPlan(filters, operation, context.entities, context.now, cue), intent: 'signin.list', about };
}

/** "that admin", "the same person", "whoever did that": the one who made the change the last answer showed. */
export const THAT_ACTOR = /\b(?:that|the same|this) (?:admin|administrator|person|guy|operator|helpdesk (?:person|guy|admin))\b|\bwhoever did (?:that|it)\b|\bthe person who did (?:that|it)\b|\bwhat else did (?:he|she|they)\b|\bthe (?:admin|administrator|person|guy|one|user) (?:who|that) (?:did|made|added|promoted|invited|assigned|removed|disabled|reset|dismissed|changed|gave)\b/;
/** "is that person even allowed to do that?", "what roles does the person who did that have?": their roles. */
export const ACTOR_ROLES = /\broles?\b|\ballowed\b|\bpermitted\b|\bpermissions?\b|\brights\b|\bprivileges?\b|\ban admin\b/;
const ACTS = /\b(?:do|did|done|doing|make|made|change[ds]?|changing|resets?|actions?|events?|activit(?:y|ies)|else|touch(?:ed)?|audit)\b/;

/**
 * "what else did that admin do that day?", "how many resets has that admin done this week?": the audit events that
 * person made (on the day of the change shown, when asked so), with the words' other conditions.
 */
export function actorChangesPlan(text: string, entities: Entity[], now: Date, actor: { id: string; displayName: string; at: string }): PlanFill | undefined {
  const cue = planCue(text, entities);
  if (!THAT_ACTOR.test(cue) || !ACTS.test(cue) || ACTOR_ROLES.test(cue)) return undefined;
  const context: FillContext = { text, cue, now, entities };
  const others = filtersFor('directoryAudits', context).filter((f) => f.field !== 'initiatedByUserId' && f.field !== 'initiatedBy' && f.field !== 'target');
  const filters: PlanFilter[] = [{ field: 'initiatedByUserId', op: 'eq', value: actor.id, label: `by ${actor.displayName}` }, ...others];
  const day = new Date(actor.at);
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const sameDay = /\b(?:that|the same|same) day\b|\bthen\b/.test(cue);
  const window = sameDay ? { start: start.toISOString(), end: new Date(Math.min(start.getTime() + DAY, now.getTime())).toISOString(), label: `on ${start.toISOString().slice(0, 10)}` } : (windowFrom(entities) ?? defaultWindow('directoryAudits', now));
  const about: Entity[] = [{ type: 'user', text: actor.displayName, displayName: actor.displayName, id: actor.id, resolution: 'resolved', source: 'conversation' }];
  return { plan: { resource: 'directoryAudits', filters, operation: operationOf(cue, 'directoryAudits') ?? { kind: 'list' }, window }, intent: 'audit.changes', about };
}

/** "did Megan and Adele sign in today?": a sign-in question naming two or three people is asked of them together. */
export function namedPeopleSignIns(text: string, people: ReadonlyArray<{ id: string; displayName: string }>, entities: Entity[], now: Date): PlanFill | undefined {
  if (people.length < 2 || people.length > 3) return undefined;
  const cue = planCue(text, entities);
  const about = people.map((p): Entity => ({ type: 'user', text: p.displayName, displayName: p.displayName, id: p.id, resolution: 'resolved', source: 'message' }));
  return pairSignIns(cue, people, { text, cue, now, entities }, about);
}

/** "Who reports to the CFO?", "Patti's direct reports": the people whose manager that person is. */
function directReportsPlan(cue: string, entities: Entity[]): PlanFill | undefined {
  const user = entities.find((e) => e.type === 'user' && e.resolution === 'resolved' && e.id);
  if (!user || !/\breports? (?:directly )?to\b|\bdirect reports?\b|\breporting to\b|\bworks? for <pp>|\bwho(?:'s| is| are)? (?:on|in) <pp>\s?'s? team\b|<pp>\s?'s? (?:team|staff)\s*\??$|<pp>\s?'s (?:direct )?reports\b|\bmanaged by\b(?! (?:the |our |your |my |their )?(?:org|organi[sz]ation|company|it|intune|work|school|employer|mdm)\b)/.test(cue)) return undefined;
  // "who does the VP of Sales report to?", "Alan reports to whom?": the person's manager, on their own page.
  if (/\bwho(?:m)? (?:does|do|did) .{0,40}\breport (?:directly )?to\b|\breports? (?:directly )?to (?:whom|who)\b/.test(cue)) return undefined;
  const count = /\bhow many\b|\bcount\b|\bnumber of\b|\bhow big\b|\bsize of\b/.test(cue);
  const plan: QuestionPlan = {
    resource: 'directReports',
    anchor: { type: 'user', id: user.id!, displayName: user.displayName ?? user.text },
    filters: [],
    operation: count ? { kind: 'count' } : { kind: 'list' },
  };
  return { plan, intent: 'user.info' };
}

/** Relationship lists start from a named object: a service principal's groups, a group's members with nesting. */
function anchoredResource(resource: PlanResource, cue: string, entities: Entity[]): { resource: PlanResource; anchor?: PlanAnchor } {
  const resolved = (type: string) => entities.find((e) => e.type === type && e.resolution === 'resolved' && e.id);
  const transitive = /\bnested\b|\btransitive(?:ly)?\b|\bindirect(?:ly)?\b|\bthrough (?:other )?groups\b|\bincluding sub/.test(cue);
  const app = resolved('app');
  if (app && /\bgroup memberships?\b|\b(?:belongs?|member|part) (?:to|of)\b|\bgroups?\b.*\b(?:in|of)\b|\bwhat groups\b|\bwhich groups\b|\bin (?:any|which|what) groups?\b/.test(cue) && resource === 'groups') {
    return { resource: 'memberOf', anchor: { type: 'servicePrincipal', id: app.id!, displayName: app.displayName ?? app.text, transitive } };
  }
  // "Groups owned by Adele", "which apps does Miriam own": what a person owns.
  const user = resolved('user');
  // ("miriam's app registrations?": a person's apps are the ones they own; a person's groups are their memberships.)
  const theirApps = resource !== 'groups' && /<pp>'s? (?:own )?(?:apps|app registrations?|applications|registrations|enterprise apps)\b/.test(cue);
  const owns = theirApps || /\bown(?:ed|s)? by\b|\b(?:does|do|did) (?:<pp>|he|she|they|(?:the same|that|the|this|its) (?:first |main )?(?:person|owner|user|admin)) (?:also )?own\b|(?:<pp>|\b(?:he|she|they|(?:the same|that|the|this|its) (?:first |main )?(?:person|owner|user|admin))) (?:also )?owns?\b|\b<pp>'?s? owned\b|\bowner of\b|\bowned\b/.test(cue);
  if (user && owns && (resource === 'groups' || resource === 'applications' || resource === 'servicePrincipals')) {
    const anchor: PlanAnchor = { type: 'user', id: user.id!, displayName: user.displayName ?? user.text };
    return { resource: resource === 'groups' ? 'ownedGroups' : 'ownedApps', anchor };
  }
  const group = resolved('group');
  if (group && transitive && /\bmembers?\b|\bwho(?:'s| is| are)? in\b|\beveryone\b|\busers\b|\bpeople\b/.test(cue)) {
    return { resource: 'groupMembers', anchor: { type: 'group', id: group.id!, displayName: group.displayName ?? group.text, transitive: true } };
  }
  // "How many people are in Finance?": users of a named group are its members.
  if (group && resource === 'users' && /\b(?:in|of|from|inside)\s+(?:the\s+)?<gg>/.test(cue)) {
    return { resource: 'groupMembers', anchor: { type: 'group', id: group.id!, displayName: group.displayName ?? group.text, transitive } };
  }
  return { resource };
}

/** The previous plan with this message's changes: new conditions replace the same field's, a new operation. */
/**
 * "which users did they reset?" after who reset the most passwords: the top one's events, with the conditions and the
 * time of the ranking.
 */
function ofTheTopActor(fill: PlanFill, input: FillInput, cue: string): PlanFill {
  const previous = input.previous;
  const op = previous?.operation;
  const top = input.lastRows?.[0];
  if (!previous || !op || fill.rich || previous.resource !== 'directoryAudits' || fill.plan.resource !== 'directoryAudits' || !(op.kind === 'top' || op.kind === 'groupBy') || op.field !== 'initiatedBy' || top?.type !== 'user' || !THE_TOP_ONE.test(cue)) return fill;
  const next = fill.plan.operation;
  if (((next.kind === 'top' || next.kind === 'groupBy') && next.field === 'initiatedBy') || fill.plan.filters.some((f) => f.field === 'initiatedByUserId')) return fill;
  const filters = [{ field: 'initiatedByUserId', op: 'eq' as const, value: top.id, label: `by ${top.displayName}` }, ...previous.filters.filter((f) => !fill.plan.filters.some((g) => g.field === f.field)), ...fill.plan.filters];
  const window = windowFrom(input.entities) ?? previous.window;
  return { ...fill, plan: { ...fill.plan, filters, operation: next.kind === 'top' ? { kind: 'list' } : next, ...(window ? { window } : {}), basedOnPrevious: true }, about: [...(fill.about ?? []), ...rowEntities([top])] };
}

/**
 * "and how many of those sign-ins failed?" after the one most used app (or the one top person): that app's sign-ins
 * (that person's), since the answer showed one row for the whole list.
 */
function ofTheTopRow(fill: PlanFill, previous: QuestionPlan, rows: FillInput['previousRows']): PlanFill {
  const op = previous.operation;
  if (fill.rich || previous.resource !== 'signIns' || op.kind !== 'top' || op.n !== 1 || !rows?.length) return fill;
  const next = fill.plan.operation;
  if ((next.kind === 'top' || next.kind === 'groupBy' || next.kind === 'countDistinct') && next.field === op.field) return fill;
  // The rows come in the order shown: the top one first.
  const [row] = rows;
  const filter: PlanFilter | undefined =
    op.field === 'app' && row.type === 'app' && row.appId ? { field: 'appId', op: 'eq', value: row.appId, label: row.displayName } : op.field === 'userDisplayName' && row.type === 'user' ? { field: 'user', op: 'eq', value: row.id, label: row.displayName } : undefined;
  if (!filter || fill.plan.filters.some((f) => f.field === filter.field)) return fill;
  return { ...fill, plan: { ...fill.plan, filters: [filter, ...fill.plan.filters] }, about: [...(fill.about ?? []), ...rowEntities([row])] };
}

function continuePlan(previous: QuestionPlan, context: FillContext): PlanFill {
  const operation = operationOf(context.cue, previous.resource);
  const changes = filtersFor(previous.resource, context);
  const sameEvent = previous.resource === 'signIns' && context.previousCode !== undefined && THAT_EVENT.test(context.cue) && !changes.some((c) => c.field === 'errorCode');
  if (sameEvent) changes.push({ field: 'errorCode', op: 'eq', value: Number(context.previousCode) });
  // "and the guest one?" after what one policy stopped: the same question about the other policy.
  const policy = context.entities.find((e) => e.type === 'policy' && e.source === 'message' && (e.value ?? e.displayName));
  if (policy && previous.resource === 'signIns' && previous.filters.some((f) => f.field === 'caPolicy')) {
    const name = policy.value ?? policy.displayName!;
    changes.push({ field: 'caPolicy', op: 'contains', value: `${name}: failure`, label: `blocked by "${name}"` });
  }
  const elsewhere = SOMEONE_ELSE.test(context.cue);
  // "how many resets overall in that period?": everyone's again, not the one person the last answer narrowed to.
  const overall = /\b(?:overall|in total|altogether|all together|for everyone|everyone'?s)\b/.test(context.cue);
  const filters = previous.filters.filter((f) => !changes.some((c) => c.field === f.field) && !(elsewhere && f.field === 'user') && !(overall && (f.field === 'initiatedByUserId' || f.field === 'user')));
  // "who else besides Bob?": the others; a person named only in the earlier question is not carried.
  filters.push(...changes.filter((c) => !(elsewhere && c.field === 'user' && c.op !== 'ne')));
  // "and yesterday?" after a count counts again; "only the failed ones" lists them.
  const changed = changes.filter((c) => !previous.filters.some((f) => f.field === c.field && JSON.stringify(f.value) === JSON.stringify(c.value)));
  // "yesterday?", "and since monday", "whole week?": only the time changes, so the same count or breakdown again.
  const onlyTime = /^(?:(?:and|or|ok(?:ay)?|so)[\s,]+)?(?:(?:for|over|in|during|since)\s+)?(?:<tt>|the whole \w+|whole \w+|all \w+)[\s?.!]*(?:too|as well|then)?[\s?.!]*$/.test(context.cue);
  // "and from iran?" after Russia by user: the same breakdown, with one condition swapped for another of its kind.
  const swapped = changed.length > 0 && changed.every((c) => previous.filters.some((f) => f.field === c.field));
  const same = (/^(?:and|what about|how about|same for|same thing for|ok(?:ay)?,? and)\b/.test(context.cue) || onlyTime) && (changed.length === 0 || swapped);
  const byPerson: PlanOperation | undefined = elsewhere && previous.resource === 'signIns' ? { kind: 'groupBy', field: 'userDisplayName' } : undefined;
  // "how many different countries?" then "list them" / "which ones?": the values counted, each with its count.
  const theValues: PlanOperation | undefined =
    !operation && previous.operation.kind === 'countDistinct' && /\b(?:list|show|name) (?:them|those|these)\b|\bwhich (?:ones|are they)\b|\bwhat are they\b|\bwho (?:are|were) (?:they|those|these)\b|\bwhich (?:people|users|ones are they)\b/.test(context.cue)
      ? { kind: 'groupBy', field: previous.operation.field }
      : undefined;
  // "and Megan?" after one person's account record ("when did Lee last sign in?"): the same record of the person named now.
  const person = previous.resource === 'users' ? context.entities.find((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved' && e.id) : undefined;
  const one = person ? filters.findIndex((f) => f.field === 'id' && f.op === 'eq') : -1;
  if (person && one >= 0) filters[one] = { field: 'id', op: 'eq', value: person.id!, label: person.displayName ?? person.text };
  // "only the failed ones" after the countries of the week's sign-ins: the same breakdown, of those only.
  // ("just the high ones" after risky users by level is those users: the breakdown's own field is chosen.)
  const breakdown = previous.operation.kind === 'groupBy' ? previous.operation.field : undefined;
  const onlyOfBreakdown = breakdown !== undefined && changed.length > 0 && !changed.some((c) => c.field === breakdown) && /^(?:(?:and|ok(?:ay)?|so|now)[\s,]+)?(?:only|just)\b/.test(context.cue);
  const plan: QuestionPlan = { ...previous, filters, operation: byPerson ?? theValues ?? operation ?? ((same || onlyOfBreakdown) && previous.operation.kind !== 'exists' ? previous.operation : { kind: 'list' }), basedOnPrevious: true };
  const window = windowFrom(context.entities);
  if (window) plan.window = window;
  // "when did they last get in successfully?" after a diagnosis of the last week: the newest one in all the log keeps.
  else if (context.previousRich && (plan.operation.kind === 'latest' || plan.operation.kind === 'first')) plan.window = defaultWindow(plan.resource, context.now, context.cue, plan.operation);
  // "and Lee?" after a rich answer (Megan's sign-in problem): the same rich question about Lee, not a list.
  // "did she have the same problem yesterday?": the same diagnosis for another day.
  // ("what about Priya? similar story with her iphone": her device is part of her story.)
  const anotherPerson = changes.some((c) => c.field === 'user');
  if (context.previousRich && !operation && !elsewhere && changes.every((c) => c.field === 'user' || c.field === 'appId' || c.field === 'app' || (anotherPerson && c.field === 'os') || (c.field === 'result' && c.value === 'failure' && /\bsame (?:error|problem|issue|failure|thing)\b/.test(context.cue)) || (sameEvent && c.field === 'errorCode'))) return { plan, intent: intentOfPlan(plan), rich: true };
  return { plan, intent: intentOfPlan(plan) };
}

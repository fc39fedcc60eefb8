import type { Entity, AskedMitigation } from '../types';
import type { SpanSet } from '../text/spans';

/** Built-in Entra roles admins ask about; aliases are built from each name ("global admins", "app admin"). */
const BUILT_IN_ROLES = [
  'Global Administrator',
  'Global Reader',
  'Security Administrator',
  'Security Reader',
  'Security Operator',
  'Reports Reader',
  'User Administrator',
  'Helpdesk Administrator',
  'Password Administrator',
  'Privileged Role Administrator',
  'Privileged Authentication Administrator',
  'Authentication Administrator',
  'Conditional Access Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
  'Application Developer',
  'Groups Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
  'Teams Administrator',
  'Intune Administrator',
  'Billing Administrator',
  'Compliance Administrator',
  'License Administrator',
  'Identity Governance Administrator',
  'Hybrid Identity Administrator',
  'Directory Readers',
  'Directory Writers',
  'Guest Inviter',
];

const WORD_FORMS: Record<string, string> = {
  administrator: '(?:admin|administrator)s?',
  reader: 'readers?',
  readers: 'readers?',
  operator: 'operators?',
  writers: 'writers?',
  developer: 'developers?',
  inviter: 'inviters?',
  helpdesk: 'help\\s?desk',
  application: '(?:application|app)',
  sharepoint: 'sharepoint',
  authentication: '(?:authentication|auth)',
};

function rolePattern(name: string): RegExp {
  const parts = name.toLowerCase().split(' ').map((w) => WORD_FORMS[w] ?? w);
  return new RegExp(`\\b${parts.join('[\\s-]+')}\\b(?:\\s+role\\b)?`, 'gi');
}

/**
 * What admins call the roles besides their names: "GA", "CA admin", "PRA", "user admin", "helpdesk admin" are the
 * same roles ("user admin" and "helpdesk admin" already follow from the word forms).
 */
const ROLE_NICKNAMES: Array<{ name: string; pattern: RegExp }> = [
  { name: 'Global Administrator', pattern: /\b(?:GAs?|global admins?|tenant admins?|company admins?|full admins?|super ?admins?|keys to the kingdom)\b(?:\s+role\b)?/gi },
  { name: 'Conditional Access Administrator', pattern: /\b(?:CA|conditional[\s-]access)[\s-]+(?:admin|administrator)s?\b(?:\s+role\b)?/gi },
  { name: 'Privileged Role Administrator', pattern: /\bPRAs?\b(?:\s+role\b)?|\bprivileged[\s-]+roles?[\s-]+admins?\b/g },
  { name: 'Privileged Authentication Administrator', pattern: /\bPAAs?\b(?:\s+role\b)?/g },
  { name: 'Security Administrator', pattern: /\b(?:sec|secops)[\s-]+admins?\b(?:\s+role\b)?/gi },
];

/**
 * A role named by what it lets its holders do ("who can manage groups?", "which admins are allowed to create users?"):
 * the built-in role whose job that is. Only after words that ask who may do it.
 */
const MAY = String.raw`\b(?:who|which (?:admins?|roles?|people|users)|what roles?|anyone|anybody)\s+(?:(?:else|here|actually|even)\s+)?(?:can|could|may|is allowed to|are allowed to|is able to|are able to|has (?:the )?rights? to|have (?:the )?rights? to|gets? to|lets? (?:you|me|someone|people) )\s*`;
const ROLE_BY_CAPABILITY: Array<{ name: string; pattern: RegExp; asksWhoMay?: boolean }> = [
  ['Groups Administrator', String.raw`(?:groups?|group memberships?)`],
  ['User Administrator', String.raw`(?:users?|user accounts?|accounts?)`],
  ['Application Administrator', String.raw`(?:apps?|applications?|enterprise apps?|app registrations?|service principals?)`],
  ['Conditional Access Administrator', String.raw`(?:conditional access(?: polic(?:y|ies))?|ca polic(?:y|ies)|access (?:rules|polic(?:y|ies))|sign-?in rules)`],
  ['License Administrator', String.raw`licen[cs]es?`],
  // Helpdesk Administrators reset the passwords of people who are not admins (Password and Authentication
  // Administrators can too; the Helpdesk role is the one a help desk holds).
  ['Helpdesk Administrator', String.raw`(?:\w+\s+)?passwords?`],
  ['Privileged Role Administrator', String.raw`(?:roles?|role assignments?)`],
].map(([name, things]) => ({ name, pattern: new RegExp(`(?<=${MAY})(?:manage|administer|admin|create|edit|change|update|delete|assign|reset)\\s+(?:the\\s+|all\\s+|our\\s+)?${things}\\b`, 'gi'), asksWhoMay: true }));
// ("who can read security reports but not change anything": the role that reads security and changes nothing.)
ROLE_BY_CAPABILITY.push({ name: 'Security Reader', pattern: new RegExp(`(?<=${MAY})(?:read|view|see|look at)\\s+(?:the\\s+|all\\s+|our\\s+)?security (?:reports?|alerts?|information|info|dashboards?|stuff|settings)\\b`, 'gi'), asksWhoMay: true });
/**
 * A word every MAY lookbehind starts with: without one, no capability pattern can match, and their lookbehinds (tried
 * at every position of the message) are the dearest part of the role look-up.
 */
const WHO_MAY_WORD = /\b(?:who|which|what|anyone|anybody)\b/i;

/** Longer names first, so "Cloud Application Administrator" is not read as "Application Administrator". */
const ROLE_PATTERNS: Array<{ name: string; pattern: RegExp; asksWhoMay?: boolean }> = [
  ...ROLE_NICKNAMES,
  ...ROLE_BY_CAPABILITY,
  ...[...BUILT_IN_ROLES].sort((a, b) => b.length - a.length).map((name) => ({ name, pattern: rolePattern(name) })),
];

export function extractRoles(text: string, spans: SpanSet): void {
  const asksWhoMay = WHO_MAY_WORD.test(text);
  for (const { name, pattern, asksWhoMay: needsIt } of ROLE_PATTERNS) {
    if (needsIt && !asksWhoMay) continue;
    for (const m of spans.freeMatches(text, pattern)) {
      spans.claim({ start: m.index, end: m.index + m[0].length, placeholder: '<role>', entity: { type: 'role', text: m[0], value: name, source: 'message' } });
    }
  }
}

const RISK_LEVEL_PATTERNS = [
  /\b(high|medium|low)(?=[- ]?risk|\s+(?:or|and|\/)\s+(?:high|medium|low)[- ]?risk)/i,
  /\brisk(?:\s+level)?\s*(?:is|of|=|:)?\s*(high|medium|low)\b/i,
  /\b(?:at|as)\s+(high|medium|low)\b/i,
  // "and medium?", "just the low ones": a level alone, after a question about risk levels.
  /^(?:and|just|only|now|what about|how about)\s+(?:the\s+)?(high|medium|low)(?:\s+ones?)?\s*\??$/i,
];

/** The risk level the question names ("high-risk users", "medium or high risk" → medium, the lowest it includes). */
export function findRiskLevel(text: string): Entity | undefined {
  // Two levels ("medium or high risk") are a condition of a list, not one level.
  if (/\b(?:high|medium|low)\s*(?:or|and|\/|,|&)\s*(?:high|medium|low)\b/i.test(text)) return undefined;
  for (const pattern of RISK_LEVEL_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return { type: 'riskLevel', text: m[0], value: m[1].toLowerCase(), source: 'message' };
  }
  return undefined;
}

const ACTION_PATTERNS: Array<[AskedMitigation, RegExp]> = [
  // ("flag Payroll Connector as compromised", "Quinn is definitely compromised, flag her as such".)
  ['confirmCompromised', /\bconfirm(?:ed)?\b[^.?!]{0,50}?\bcompromis(?:e|ed)\b|\b(?:mark|flag)\b(?:[^.?!]|\.(?=\w)){0,50}?\b(?:as\s+)?compromised\b|\bcompromised\b[^.?!]{0,60}?\b(?:flag|mark|confirm|set)\b[^.?!]{0,30}?\bas such\b/i],
  ['confirmSafe', /\bconfirm(?:ed)?\b[^.?!]{0,50}?\bsafe\b|\bmark\b[^.?!]{0,50}?\b(?:as\s+)?safe\b/i],
  ['dismiss', /\bdismiss(?:ed|ing)?\b/i],
  ['revokeSessions', /\brevoke\b|\b(?:kill|terminate|end)\b[^.?!]{0,40}\bsessions?\b|\b(?:sign|log|kick)\b[^.?!]{0,30}\bout\s+(?:everywhere|of everything|of all (?:sessions|devices|apps))\b/i],
  ['resetPassword', /\breset\b[^.?!]{0,40}\bpassword\b|\bpassword\s+reset\b/i],
  // ("kill the Payroll Connector service principal until we rotate creds": disable it.)
  ['disable', /\b(?:disable|deactivate|suspend|turn\s+off)\b|(?:^|[,.;:!—–]\s*|\s-\s*)(?:please\s+|pls\s+|now\s+|just\s+)?lock\s+(?:<name>|him|her|them)\s+out\b|\b(?:mind|start|consider|recommend|suggest)\s+(?:disabling|deactivating|suspending|blocking)\b|\b(?:we should|we must|we need to|let'?s|please|pls|(?:can|could|would|will) you(?: please)?|go ahead and|(?:i|we) (?:want|need|would like|'d like) (?:you )?to)\s+block\s+(?:<name>|him|her|them)(?:\s?'s)?\s+(?:sign[- ]?ins?|log[- ]?ins?|account|access)\b|\b(?:kill|shut\s+down|switch\s+off)\s+(?:the\s+)?(?:\S+\s+){0,4}?(?:service\s+principal|sp|app|application|workload(?:\s+identity)?)\b|(?:^|\b(?:can|could|would|will) you\s+(?:please\s+)?|\b(?:please|pls|go ahead and)\s+)block\s+(?:<name>|him|her|them)(?:\s?'s)?(?:\s+(?:account|user))?(?:\s+(?:now|asap|immediately|right now|please|pls|for now))?\s*[?.!]*$|(?<!\b(?:do|does|did|would|will) (?:we|you|they|it|anything|something|any policy|a policy|the policy|that policy|ca) )\bblock\s+(?:sign[- ]?ins?|log[- ]?ins?)\b|\bblock\b[^.?!]{1,40}?\bfrom\s+(?:signing|logging)\s+in\b|^(?:please\s+|pls\s+)?block\s+(?:\S+\s+){1,3}?(?:account|user|sign-in)\b/i],
];

/**
 * A question about an action already taken ("who dismissed Adele's risk?", "did Lee reset his password?", "was Bob
 * confirmed compromised?", "why was Lee disabled?") reads history; only a request to act is an action.
 */
const ABOUT_THE_PAST = /\b(?:number of|how many|count of|list of)\b[^.?!]{0,40}?\b(?:marked|flagged|confirmed|dismissed|revoked|disabled)\b|\bwho (?:did|done|has done|performed|made) (?:it|that|this|the (?:reset|change))\b|\b(?:was|were|has|had) (?:it|that|this|one|they) (?:been )?(?:done|carried out|performed|actually done)\b|\b(?:done|made) by (?:who|whom)\b|\bby (?:who|whom)\s*\??$|\b(?:did|has|have)\s+(?:\S+\s+){0,3}?(?:already\s+)?(?:dismiss|confirm|revoke|disable|reset|mark|block)\b|\b(?:who|when|did|was|were|has|have|had|why|whether|if|since)\b[^.?!]{0,60}?\b(?:dismissed|confirmed|revoked|disabled|deactivated|suspended|reset|marked|remediated|blocked|turned off)\b|\b(?:was|were|been|is|are|got|get)\s+(?:\S+\s+){0,2}?(?:dismissed|confirmed|revoked|disabled|deactivated|suspended|reset|marked|remediated)\b|\b(?:dismissed|revoked|disabled|deactivated|reset|confirmed)\s+(?:by|on|at|yesterday|last|recently|earlier|when|before|after)\b|\bwho\s+(?:dismissed|confirmed|revoked|disabled|reset|marked|blocked)\b|\b(?:users?|sps?|service principals?|accounts?|apps?|ones|risks?|detections?|identities)\s+(?:(?:that|which|who) (?:were|was|have been|has been|got)\s+)?(?:dismissed|remediated|confirmed(?: compromised| safe)?)\s*[?.!]*$|\b(?:the|any|those|these)\s+(?:dismissed|remediated|confirmed|revoked|disabled)\s+(?:ones?|users?|accounts?|apps?|sps?|service principals?|risks?|detections?)\b|^(?:(?:and|so|ok(?:ay)?)[\s,]+)?the (?:disable|dismiss(?:al)?|reset|revoke|block|confirmation)\b(?!\s+(?:him|her|them|it|<name>))/i;
/** An explicit request at the start wins over past-tense words later in the message ("disable Lee, who was reset"). */
const REQUEST_LEAD = /^(?:(?:ok(?:ay)?|yes|right|now|then|so|hi|hey)[,!]?\s+)*(?:please\s+|pls\s+|go ahead and\s+|(?:can|could|would|will) you(?: please)?\s+|i (?:want|need|would like) to\s+|let'?s\s+|we (?:need|should|must) to?\s*)?(?:dismiss|revoke|disable|deactivate|suspend|block|confirm|mark|reset|kill|terminate|end|sign|log|turn off)\b/i;

/**
 * "how do I dismiss a risky user?", "what does revoking sessions actually do?", "what happens if I confirm him
 * compromised?", "is Ana's risk legit, or safe to dismiss?": asking how something is done, what it does, or whether it
 * is safe, is no request to do it.
 */
const HOW_OR_WHAT_IT_DOES = /^(?:(?:ok(?:ay)?|so|and|then|hey|quick question)[,:!]?\s+)*(?:how (?:do|can|should|would|to|does one)\b|what (?:does|do|will|would) (?!you\b)|what happens (?:if|when)\b|is it (?:safe|ok|okay|wise) to\b|should (?:i|we)\b|when should (?:i|we)\b|why would (?:i|we|you|anyone)\b|if (?:i|we)\b|what are the steps\b)|\bcan (?:i|we) \w+\b.{0,40}\b(?:several|multiple|many|bulk|at once|in bulk|more than one)\b|\blegit\b(?=\s*(?:\?|,?\s*or\b))|\bsafe to (?:dismiss|confirm|revoke)\b/i;

/** The mitigation the admin asks for, if any. */
export function findAction(text: string): Entity | undefined {
  if (ABOUT_THE_PAST.test(text) && !REQUEST_LEAD.test(text.trim())) return undefined;
  if (HOW_OR_WHAT_IT_DOES.test(text.trim()) && !REQUEST_LEAD.test(text.trim())) return undefined;
  for (const [action, pattern] of ACTION_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return { type: 'action', text: m[0], value: action, source: 'message' };
  }
  return undefined;
}

/**
 * The mitigation a message talks about, asked for or not ("how do I dismiss a risky user?" names dismissing): what
 * "ok, do it for Alex" next is asked to do. Resetting a password is not one the assistant does.
 */
export function mitigationNamed(text: string): AskedMitigation | undefined {
  for (const [action, pattern] of ACTION_PATTERNS) if (action !== 'resetPassword' && pattern.test(text)) return action;
  return undefined;
}

/** "failed MFA", "guests failing MFA", "MFA failures": sign-ins that asked for MFA and failed (read by the intent, the plan's resource and its filter). */
export const FAILED_MFA = String.raw`\b(?:failed|failing|fail) (?:the )?(?:mfa|multi-?factor|2fa)\b|\bmfa (?:failures|failed)\b`;
/** "who owned it before?", "who was its last owner?": an owner since removed, in the audit log only (an intent cue and a thread follow-up). */
export const FORMER_OWNER = String.raw`\bwho (?:owned|managed|ran|had) (?:it|that|this|<name>|the \w+) (?:before|previously|earlier|until)\b|\b(?:previous|former|prior|old) owners?\b|\bwho (?:was|were|used to be) (?:its|the|their|that \w+'?s) (?:last |previous |former |prior |old )?owners?\b(?! now)|\bwho used to own\b`;
/** "how many people hit it?" about a policy: the people its sign-ins blocked (read by the thread and by the plan). */
export const HOW_MANY_HIT_IT = String.raw`\bhow many (?:users?|people|accounts|sign[- ]?ins?) (?:(?:has|have|did) )?(?:hit|hits|triggered|tripped|ran into)`;
/** "how many people did it block today?" about a policy: the same, asked with the policy as the subject. */
export const HOW_MANY_IT_BLOCKED = String.raw`\bhow many (?:users?|people|accounts|sign[- ]?ins?|times) (?:did|has|have|had|does) (?:it|that|this|the policy|<po>)(?: one| policy)? (?:block|stop|catch|hit|interrupt)(?:s|ed|ped)?\b`;

/**
 * "mfa setup loop", "outlook iOS broken", "what does he see when signing in": a failure told in a help desk's words
 * (the intent's cue, and the plan's sign that one person's story is asked). `person` is the placeholder a name takes in
 * that layer's text.
 */
export function failureInOtherWords(person: string): string {
  return String.raw`\b(?:mfa|setup|set-up|registration|sign[- ]?in|login|log-?in|auth(?:entication)?) loop\b|\bloop(?:s|ing)? (?:on|at|in) (?:the )?(?:mfa|setup|registration)\b|\b(?:outlook|teams|mail|e-?mail|onedrive|sharepoint|app|apps|phone|iphone|android|laptop|login|sign[- ]?in)\b(?:\s+\S+){0,2}\s+(?:is |are |got |seems |went )?broken\b|\bwhat (?:does|do|will|would) (?:he|she|they|${person}) (?:see|get)\b.{0,20}\b(?:sign|log)`;
}
/** "users with 65001 lately": people with an error, in the sign-in log (the intent's cue and the plan's resource). */
export function peopleWithAnError(code: string): string {
  return String.raw`^(?:(?:any|all|the|list|show)\s+)?(?:users|people|accounts|guests|anyone|anybody|who(?:'s| is)?)\s+(?:with|getting|got|hitting|seeing|that got|who got)\s+(?:an?\s+|the\s+)?(?:error\s+)?${code}`;
}

/** "which CA policy blocks legacy authentication?", "what policy requires MFA for guests": a policy asked for by what it
 * does, not the sign-ins it stopped (the intent's cue and the plan's resource). */
export const POLICY_BY_WHAT_IT_DOES = /^(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:which|what) (?:ca |conditional access )?polic(?:y|ies)\b(?: (?:is it|is that|exactly))? (?:blocks?|requires?|covers?|appl(?:y|ies)|enforces?|stops?|prompts?|protects?|targets?|handles?|forces?|asks?|(?:is|are) (?:blocking|requiring|enforcing|stopping))\b/;
/** "CA failures today by policy", "which policies blocked the most sign-ins?": sign-ins by the policy that stopped them
 * (the intent's cue and the plan's resource). */
export const SIGN_INS_BY_BLOCKING_POLICY = /\b(?:failures?|fails|blocks|denials|sign[- ]?ins|log[- ]?ins|attempts)\b.{0,40}\b(?:by|per|for each|broken down by|grouped by)\s+(?:the\s+)?(?:ca\s+|conditional access\s+)?polic(?:y|ies)\b|\bwhich (?:ca |conditional access )?polic(?:y|ies) (?:blocked|stopped|failed|denied|caught) the most\b/;

/** Microsoft apps users sign in to, named in help-desk posts ("can't get into Outlook"). */
const FIRST_PARTY_APPS: Array<[string, RegExp]> = [
  ['Azure portal', /\bazure\s+portal\b/gi],
  ['Outlook', /\boutlook\b/gi],
  ['SharePoint', /\bsharepoint\b(?!\s+admin)/gi],
  ['OneDrive', /\bonedrive\b/gi],
  // "Teams" is an app after a sign-in verb or when capitalised mid-sentence; "which teams is she in" is about groups.
  ['Teams', /(?<=\b(?:into|to|in|access|accessing|open|opening|use|using|on)\s+(?:the\s+)?(?:microsoft\s+)?)teams\b|(?<=\S\s+)(?:Microsoft\s+)?Teams\b/g],
  // "teams keeps nagging her", "Teams says …": the app, told by what it does, in any case.
  ['Teams', /\bteams(?=\s+(?:says|said|keeps|kept|kicks|kicked|won'?t|isn'?t|wont|asks|asked|nags|nagging|fails|failed|throws|threw|prompts|prompted|wants|logs|signs|blocks|blocked|shows|gives|is (?:asking|saying|blocking|failing|broken|down)|log-?ins?|sign-?ins?|sign ins|signins|logons?|access|app|failures|errors)\b)/gi],
];

export function extractFirstPartyApps(text: string, spans: SpanSet): void {
  for (const [name, pattern] of FIRST_PARTY_APPS) {
    for (const m of spans.freeMatches(text, pattern)) {
      spans.claim({ start: m.index, end: m.index + m[0].length, placeholder: '<name>', entity: { type: 'app', text: m[0], value: name, source: 'message' } });
    }
  }
}

/** Sign-in errors admins name in words, and their codes (src/knowledge/errorCodeCatalogue.ts explains each). */
export const ERRORS_IN_WORDS: Array<[RegExp, number, string]> = [
  [/\bpassword[- ]expired\b|\bexpired passwords?\b/, 50055, 'password expired (50055)'],
  [/\b(?:blocked|failing|failed|stopped|stuck|refused|denied) (?:for|because of|due to|over) (?:no|missing|a missing|lack of|not having(?: an?)?) (?:mfa|multi[- ]?factor) (?:registration|method|methods|setup|set up)\b|\bmfa registration required\b/, 50079, 'MFA registration required (50079)'],
  [/\b(?:bad|wrong|incorrect|invalid) passwords?\b/, 50126, 'wrong password (50126)'],
  [/\block[- ]?outs?\b|\bsmart[- ]lockout\b|\blocked[- ]out\b|\b(?:was|were|got|get|gets|been|is|are|being) (?:\w+ )?locked\b(?! (?:down|in|to)\b)/, 50053, 'locked out (50053)'],
  [/\bconsent (?:errors?|failures?|prompts?|required)\b|\bneeds? (?:admin )?consent\b|\b(?:has|have)(?: not|n't) consented\b/, 65001, 'consent needed (65001)'],
  [/\bmore info(?:rmation)? (?:is )?required\b/, 50079, 'MFA registration required (50079)'],
  [/\b(?:application|app) (?:was |is )?not found\b/, 700016, 'app not found in the tenant (700016)'],
  [/\bnot assigned\b|\bunassigned\b/, 50105, 'not assigned to the app (50105)'],
  [/\bexpired (?:client )?secrets?\b|\bsecret expired\b/, 7000222, 'client secret expired (7000222)'],
  [/\bnon[- ]?compliant devices?\b|\bdevice not compliant\b|\bcompliant[- ]device (?:block|blocks|error|errors|failures?|requirement|policy block)\b|\bdevice blocks?\b/, 53000, 'device not compliant (53000)'],
];

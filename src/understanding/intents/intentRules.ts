import { asActor } from '../text/actor';
import { FAILED_MFA, failureInOtherWords, FORMER_OWNER, peopleWithAnError, POLICY_BY_WHAT_IT_DOES, SIGN_INS_BY_BLOCKING_POLICY } from '../entities/catalogues';
import type { IntentName } from '../types';

/**
 * The intent grammar: weighted cues over the cue text (the message in lower case, misspellings corrected, and each
 * entity replaced by a placeholder such as <name>, <time>, <code>, <guid>, <role>, <policy>). Every cue that matches
 * adds its weight to its intent; the highest total wins, so no rule's position decides the meaning. The names of
 * the cues that fired are the explanation shown in diagnostics.
 */

export interface CueFeatures {
  names: number;
  code: boolean;
  requestId: boolean;
  appId: boolean;
  role: boolean;
  policy: boolean;
  action: boolean;
  riskLevel: boolean;
  pronoun: boolean;
  /** The message names a risk detection type the assistant explains ("unfamiliar sign-in properties"). */
  riskType: boolean;
  /** The message names a concept the assistant explains ("report-only", "named locations"). */
  concept: boolean;
  /** A person is named, or meant by he / she / they. */
  person: boolean;
  /** An app is named by its name (not by its application id). */
  app: boolean;
}

interface Cue {
  name: string;
  intent: IntentName;
  weight: number;
  pattern?: RegExp;
  when?: (f: CueFeatures) => boolean;
}

const SIGNIN = String.raw`(?:sign[- ]?in|signin|log[- ]?in|login|log[- ]?on|sign[- ]?on)`;
const SIGNINS = String.raw`(?:sign[- ]?ins|signins|log[- ]?ins|logins|sign\s+in\s+logs|sign-in\s+logs|signin\s+logs|login\s+history|sign[- ]?in\s+(?:history|activity|logs?))`;
const CANT = String.raw`(?:can't|cannot|can not|unable to|not able to|isn't able to|isnt able to|couldn't|could not|won't|doesn't|didn't|never (?:managed|been able|was able|were able|able) to|(?:hasn't|has not|haven't|have not|hadn't|had not) been able to)`;
const OBJECT = String.raw`(?:<name>|<appid>|he|she|they|it|him|her)`;
const HAS_OBJECT = (f: CueFeatures) => f.names > 0 || f.appId || f.pronoun;
const RISK = String.raw`(?:risk|risky|riskiest|at risk|compromised|hacked|hijacked|taken over|breached|pwned|flagged|identity protection|risk detections?|risk events?|risk history|risk level|risk state|impossible travel|leaked (?:credentials?|creds|passwords?)|(?:password )?spray(?:ed)?|detected)`;
/** Words that make a "what is …" question one about Entra ID rather than the weather. */
const DOMAIN = String.raw`(?:sign|log|mfa|risk|conditional|access|polic|identity|entra|azure|aad|tenant|service principal|workload|token|session|password|pim|sspr|guest|role|admin|app|device|compliant|location|report-only|travel|authentication|directory|group|<code>|error|dismiss|confirm|legacy|consent|permission|secret|certificate|credential|dynamic|membership|break-?glass|emergency access)`;
/** The devices and mail protocols a help-desk ticket names. */
const DEVICE = String.raw`(?:phones?|laptops?|mac|macbook|iphone|ipad|android|pc|desktop|tablet|browser|imap|pop3?|activesync|smtp|mail client|mail app|email app|vpn)\b`;
/** How a help-desk ticket says something is wrong, without a verb for signing in. */
const TROUBLE = String.raw`(?:fail\w*|errors?|never|again|still|stopped|keeps?|kept|spins?|spinning|stuck|broken|problems?|issues?|trouble|check|same thing|complain\w*|says?|said|or something|weird)\b`;
/** Both parts, in either order, anywhere in the cue text. */
function both(a: string, b: string): RegExp {
  return new RegExp(`(?=.*\\b${a})(?=.*\\b${b})`);
}

/**
 * "who did that??", "who has done it?": who made the change just spoken of (not "who did it block", the people a
 * policy stopped). The audit cue below and the plan overrule of src/understanding/planOverrules.ts read it.
 */
export const WHO_DID_THAT = /\bwho (?:did|done|made|has done) (?:that|this|it)\b(?!\s+(?:block|hit|stop|affect|deny|lock|catch|flag))/;
/** Who may sign in to an app, asked of its registration: "sign-in audience of the partner portal app", "is it multi-tenant?". */
export const SIGN_IN_AUDIENCE = /\bsign[- ]?in audience\b|\bsupported account types?\b|\bmulti-?tenant\b|\bsingle[- ]tenant\b/;
/** "who did them?", "whose were they?" after a list of changes: who made those changes, on whom (that list again). */
export const WHO_MADE_THOSE = /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:who (?:did|made|performed|approved|granted|ran|issued|sent)|whose (?:were|was|are|is)) (?:them|those|these|they|it|that|all of (?:them|those))\b/;

const CUES: Cue[] = [
  // Help: a greeting or a question about the bot itself, and nothing else.
  { name: 'help phrase', intent: 'help', weight: 12, pattern: /^(?:help(?: me)?|\?|menu|start|commands?|hi|hello|hey|hiya|yo|howdy|heya|sup|hey bot|hi bot|hello bot|hey there|hello there|hi there|good (?:morning|afternoon|evening))[!.?]*$/ },
  // "do you also handle risky apps? what else do you support": a question about the bot itself, whatever it names.
  { name: 'thanks', intent: 'help', weight: 12, pattern: /^(?:ok(?:ay)?[,!.]?\s+)?(?:thanks?|thank you|thx|ty|cheers|great,? thanks?)(?:[,!]?\s+(?:mate|man|buddy|pal|guys|all|team|everyone|folks|<name>))?(?:[,!.]*\s+(?:that'?s all(?: for (?:now|today|<time>))?|bye|cheers|a lot|so much|(?:that|this|it) (?:was|is|'s) (?:very |really |super |so )?(?:helpful|useful|great|perfect|fast|quick|what i needed)|(?:very |really |super |so )?(?:helpful|useful)|(?:that|this|it) helped(?: a lot)?|(?:i'?ll|i will|we'?ll|we will|will (?:do|try|tell|let|check|pass))\b[^?]*))?[!.]*$/ },
  { name: 'what can I ask', intent: 'help', weight: 12, pattern: /\bwhat (?:(?:kinds?|sorts?|types?) of )?(?:\w+ )?(?:questions|commands|things|stuff) (?:can|could|do|should) i (?:ask|type|use)\b|\bwhat commands do you\b|\bhow (?:do|can|should) i ask you\b/ },
  // "what can I ask about sign-ins?", "can you take actions on risky users or only report?", "can I ask in German?".
  { name: 'what may I ask', intent: 'help', weight: 12, pattern: /\bwhat (?:can|could|should) i ask (?:you )?(?:about|regarding|on)\b|\bcan you (?:also )?(?:take actions?|act|do (?:anything|things)|make changes|change (?:things|anything))\b.{0,40}\bor (?:just|only)\b|\bor (?:just|only) (?:report|read|look|show|answer)\b\s*[?.!]*$|\bcan i (?:ask|talk|write|chat|type)(?: (?:to )?you)? in (?:<country>|[a-z]+(?:ish|ese|an)\b)|\bdo you (?:speak|understand) (?:<country>|[a-z]+(?:ish|ese|an)\b)/ },
  { name: 'what do you support', intent: 'help', weight: 12, pattern: /\b(?:do|can|could|will) you (?:also |even |still )?(?:handle|support|do|cover|answer|help with|know about|deal with|understand)\b.*\?.*\bwhat else\b|\bwhat else (?:can|do|could) you\b|\bwhat (?:do|can) you (?:support|cover|handle|answer)\b|\bwhat (?:are|is) (?:you|this bot) (?:able|good) (?:to|for)\b/ },
  // "can you also fix things or only read?": what the assistant may do.
  { name: 'what may you do', intent: 'help', weight: 12, pattern: /\b(?:can|could|do) you (?:also |even |actually )?(?:fix|change|write|modify|edit|do) (?:things|stuff|anything)\b|\bonly read\b|\bread[- ]only\b.{0,20}\b(?:you|bot|assistant)\b|\b(?:you|bot|assistant)\b.{0,20}\bread[- ]only\b/ },
  // "can you also fix risky users or just show them?", "what can't you do?", "can you turn on alerts for risky apps in
  // this channel? how?": what the assistant does, and its channel features.
  // "can you reset passwords?", "can you disable users?": what the assistant does, asked of nobody in particular.
  { name: 'can you do things of a kind', intent: 'help', weight: 12, pattern: /^(?:(?:and|so|also|ok(?:ay)?|hm+)[,\s]+)?(?:can|could|do|will) you (?:also |even |actually )?(?:reset|unlock|change|create|delete|add|remove|enable|disable|edit|block|dismiss|revoke|fix)\s+(?:passwords?|accounts?|users?|groups?|polic(?:y|ies)|licen[cs]es|apps?|risks?|sessions?|things)\s*(?:too|as well|for me|for us)?\s*[?.!]*$/ },
  { name: 'what you cannot do', intent: 'help', weight: 12, pattern: /\bwhat (?:can'?t|cannot|can not|won'?t) you (?:do|help)\b|\bcan you (?:also |even |actually )?(?:fix|change|edit|act on|remediate|do something about|clean up)\b.{0,40}\bor (?:just|only|merely) (?:show|list|read|report|look|tell)\b|\b(?:alerts?|notifications?|triage|posts?)\b.{0,40}\b(?:in|to|for|into) (?:this|the|our|a|that) (?:channel|team|chat)\b/ },
  // "How I use this bot, please? Which things it can answer?", "what am I even supposed to ask it?", "wat can u do".
  { name: 'how to use the bot', intent: 'help', weight: 12, pattern: /\bhow (?:do |can |should )?i use (?:you|this (?:bot|assistant|thing|app|tool))\b|\b(?:which|what) (?:things|questions|stuff) (?:it|you|this bot) can (?:answer|do|help with)\b|\bwhat am i (?:even |actually |really )?supposed to (?:ask|type|say)\b|\bwhat (?:should|can|do) i (?:even )?ask (?:it|you|this)\b/ },
  { name: 'about the bot', intent: 'help', weight: 12, pattern: /\bhow does this (?:bot |thing )?work\b|\bare you (?:the|a|an) (?:\w+ ){0,2}(?:bot|assistant)\b|\bwho are you\b/ },
  // "can you look at risk too or just sign-ins?", "do you also handle apps?": what the assistant covers.
  { name: 'do you cover this too', intent: 'help', weight: 12, pattern: /^(?!.*(?:<name>|\b(?:his|her|their|him|them|my|me)\b(?! or only| or just)))(?:(?:and|so|also|ok(?:ay)?|hm+)[,\s]+)?(?:can|could|do|will) you (?:also |even |only )?(?:look at|look up|find|read|search|pull up|handle|do|check|cover|support|answer|help with|deal with)\b.{0,40}\b(?:too|as well|also|or (?:just|only)\b.{0,30})\s*[?.!]*$/ },
  { name: 'what can you do', intent: 'help', weight: 12, pattern: /\bwhat (?:u|you) can do\b|\bwhat (?:can|could|does) (?:this|the) (?:thing|bot|tool|assistant|app) (?:actually |really |even )?do\b|\bwhat (?:can|do|could) you (?:actually |really |even |exactly |all )?(?:do|help)|\bhow (?:do|can|should) (?:i|we) use (?:you|this (?:bot|assistant|thing|app))\b|\bhow (?:does|do) (?:you|this bot) work\b|\bcan you also (?:reset|unlock|enable|create|delete|add|remove)\b|\bwhat (?:kind of |sort of )?(?:questions|things) can i ask\b|\bwhat can you help\b|\bwhat are you\b|\bwhat (?:can|does|do|will) (?:this |the )?(?:you|bot|assistant|tool|thing) (?:answer|handle|cover|support)\s*[?!.]*$|\b(?:show|give|tell) me (?:some |a few )?(?:example|sample) (?:questions|prompts)\b|\b(?:example|sample) (?:questions|prompts)\b/ },

  // Requests for work that is not about Entra ID at all ("write an email to the sales team"); a reply to the user on
  // the ticket is what to tell them, which a diagnosis says.
  { name: 'not an Entra task', intent: 'outOfScope', weight: 6, pattern: /^(?!.*\b(?:reply|response|answer|message|note) (?:for|to|on) (?:the |this |that )?(?:ticket|user|caller|guest|requester)\b)(?:(?:also|and|btw|oh|ok(?:ay)?|so|please|can you|could you|pls|hey),?\s+){0,3}(?:write|draft|compose|send|schedule|book|order|translate|tell me a joke|sing|play|buy|remind me|set a reminder|summari[sz]e this (?:email|document|meeting))\b/ },
  // Changing policies is done in the admin center: the assistant reads them and acts only on risk.
  { name: 'change a policy', intent: 'outOfScope', weight: 12, pattern: /^(?:(?:ok(?:ay)?|then|so|now|please|pls|can you|could you)[,!]?\s+)*(?:(?:switch|turn|flip|set)\s+(?:the\s+|all\s+|our\s+)?(?:[\w-]+\s+){0,3}?polic(?:y|ies)\s+(?:from\s+[\w-]+\s+)?(?:to\s+)?(?:on|enforced|live)\b|(?:switch|turn|flip|set)\s+(?:it|that|this|that one|this one|the policy|(?:the\s+)?<policy>(?: policy)?)\s+(?:from\s+[\w-]+\s+)?(?:to\s+)?on\b|(?:enable|enforce|switch on|turn on|disable|delete|remove|edit|change|modify|update|create)\s+(?:the\s+|that\s+|this\s+|a\s+|an\s+)?(?:\S+\s+){0,5}?(?:polic(?:y|ies)|<policy>))/ },
  // Office errands on hardware ("can you reset the printer on the 3rd floor?").
  // "can you approve my expense report", "submit my timesheet": office paperwork.
  { name: 'office paperwork', intent: 'outOfScope', weight: 12, pattern: /\b(?:approve|submit|sign off|file|process)\s+(?:my|our|the|this|a|an)\s+(?:\S+\s+)?(?:expense|expenses|invoice|invoices|timesheet|timesheets|vacation|holiday|leave|pto|purchase order|po|receipt|report card)\b|\bexpense reports?\b/ },
  { name: 'office errands', intent: 'outOfScope', weight: 9, pattern: /^(?:(?:hi|hey|please|pls)[,!]?\s+)?(?:can|could|would|will) you\s+(?:please\s+)?(?:reset|fix|restart|reboot|install|unjam|refill|order|repair|set up)\s+(?:the|a|my|our)\s+(?:\S+\s+)?(?:printer|projector|laptop|pc|computer|monitor|wifi|network|coffee machine|screen)\b/ },
  // Questions about the world, not the tenant ("btw what's the weather in Seattle", "what time is it in Tokyo",
  // "who will win the champions league", "can you open a ServiceNow ticket for this?").
  { name: 'about the world', intent: 'outOfScope', weight: 14, pattern: /\bwho'?s winning\b|\b(?:football|soccer|basketball|cricket)\b|\b(?:match|game) (?:tonight|score)\b|\bweather\b|\b(?:good |nice |decent )?(?:lunch|dinner|breakfast|coffee) (?:place|spot|places|spots)\b|\bplaces? to eat\b|\bhours? (?:ahead|behind) of\b|\btime (?:difference|zone) (?:between|in|of)\b|\b(?:going to|gonna|will it|is it) (?:rain|snow|be sunny|be hot|be cold)\b|\bwhat time is it\b|\btime (?:is it )?(?:now )?in [a-z]+\b.*\bright now\b|\bcapital (?:city )?of\b|\bwho (?:will|is going to|'?ll) win\b|\b(?:champions league|world cup|super bowl|premier league|stock price|exchange rate|recipe|horoscope|lottery)\b|\b(?:open|create|raise|log|file|make)\s+(?:me\s+)?an?\s+(?:\S+\s+)?(?:ticket|incident|jira|case)\b|\btell me a joke\b|\b(?:canteen|cafeteria|lunch menu|parking (?:lot|garage|space)|office party|christmas party|holiday party)\b/ },
  // "reset the printer on floor 2 pls": hardware, asked without "can you".
  { name: 'hardware errands', intent: 'outOfScope', weight: 12, pattern: /\b(?:reset|fix|restart|reboot|install|unjam|refill|repair)\s+(?:the|a|my|our)\s+(?:\S+\s+)?(?:printer|projector|coffee machine|wifi|router|monitor)\b/ },
  // Exchange mailbox administration ("can you increase Megan's mailbox size?", "give Lee access to the shared mailbox").
  { name: 'mailbox administration', intent: 'outOfScope', weight: 9, pattern: /\bmailbox(?:es)?\b.{0,25}\bforwarding\b|\bforwarding rules?\b|\bmailbox(?:es)? (?:size|sizes|quota|quotas|storage|limit|limits|permissions?|delegation|delegates?|forwarding|rules?|full|is full|archive|archiving)\b|\b(?:increase|raise|extend|expand|bump)\b.{0,30}\b(?:mailbox|quota|storage)\b|\b(?:access|permissions?) (?:to|on) (?:the|a|our) (?:(?:<name>|[\w-]+) )?(?:shared )?mailbox\b/ },
  // Licences counted or priced ("how many Teams licences do we have left?", "how much is an Intune licence per
  // month?"), printers, and pushing apps with Intune: not Entra ID sign-in or identity data.
  { name: 'licences, printers, app deployment', intent: 'outOfScope', weight: 9, pattern: /\b(?:unassigned|available|spare|free|unused|remaining) licen[cs]es?\b|\blicen[cs]es? (?:are |is )?(?:unassigned|available|spare|free|unused|left)\b|\bhow (?:much|many)\b.{0,40}\blicen[cs]es?\b(?!.{0,20}\b(?:does|do|has|have) (?:<name>|(?:he|she|they)\b))|\blicen[cs]es?\b.{0,30}\b(?:left|remaining|available|spare|per month|per user|price|pricing)\b|\b(?:fix|connect(?:ing)? to|install|add|set up|reset|repair|unjam)\b.{0,30}\b(?:the |a |my |our |office |new )*(?:printer|projector)s?\b|\b(?:printer|projector)s?\b.{0,20}\b(?:driver|drivers|offline|jammed|toner)\b|\b(?:push|deploy|install|roll out|distribute)\b.{0,60}\bintune\b|\bintune\b.{0,60}\b(?:push|deploy|install|roll out|distribute|wipe)\b|\bstorage (?:quota|limit|space)\b|\bhow big is\b.{0,30}\bmailbox\b|\bmailbox\b.{0,40}\bfull\b/ },
  // Other services' work, asked of the identity bot: call quality, mail filtering, licence assignment, device repair and
  // BitLocker ("teams meeting audio is choppy", "block this phishing sender in Defender", "assign an E3 licence to Isabel",
  // "can you fix her laptop in Intune?", "unlock Bob's bitlocker").
  { name: 'other services', intent: 'outOfScope', weight: 12, pattern: /\b(?:non-?compliant|not compliant|compliant)\b.{0,20}\bin intune\b|\bintune\b.{0,30}\b(?:non-?compliant|not compliant)\b|\b(?:which|what|list|how many) (?:laptops?|devices?|phones?|machines?|pcs?) (?:are|is) (?:non[- ]?compliant|not compliant)\b|\bdefender (?:alerts?|incidents?|portal|xdr|for endpoint)\b|\b(?:microsoft )?sentinel\b|\b(?:audio|video|sound|mic|microphone|camera|call quality|screen ?share|screen sharing)\b.{0,30}\b(?:choppy|laggy|lagging|breaking up|cuts? out|cutting out|echo(?:es|ing)?|drops?|dropping|poor|bad|robotic|frozen|freezes|freezing)\b|\b(?:choppy|laggy|robotic) (?:audio|video|sound|calls?)\b|\bphishing (?:e-?mails?|mails?|senders?|messages?)\b|\b(?:e-?mail|mail) senders?\b|\b(?:block|allow|release|quarantine)\b.{0,40}\bin (?:defender|exchange|the quarantine)\b|\b(?:assign|give|add|remove|allocate|revoke|buy|order)\b.{0,30}\b(?:an? |the |\w+ )?(?:[a-z]\d |e\d |m365 |o365 |office 365 )?licen[cs]es?\b(?!.{0,30}\b(?:has|have|had|does|do)\b)|\bbitlocker\b|\brecovery key\b|\b(?:can|could|would) you (?:please )?(?:fix|repair|wipe|reimage|re-?image|enrol+|re-?enrol+|retire|unlock) (?:the|his|her|their|a|my|our|that|this) (?:device|laptop|phone|pc|computer|machine|tablet|ipad|iphone)\b/ },
  // Devices in Intune ("is megan's phone enrolled in intune?", "which devices does anika have in intune"): device
  // management, not Entra ID, unless a sign-in failed over it ("blocked because her laptop isn't in intune").
  { name: 'devices in Intune', intent: 'outOfScope', weight: 9, pattern: /^(?!.*\b(?:can'?t|cannot|couldn'?t|won'?t|fail\w*|blocked|block|errors?|denied|sign\w*|log\w*|access|policy|polic(?:y|ies)|ca)\b).*(?:\b(?:devices?|phones?|laptops?|iphones?|ipads?|pcs?|machines?|enrol\w*|registered|managed)\b.{0,40}\bin intune\b|\bintune\b.{0,30}\b(?:devices?|enrol\w*)\b)/ },
  { name: "a person's devices", intent: 'outOfScope', weight: 8, pattern: /^(?!.*\b(?:sign\w*|log\w*|fail\w*|block\w*|errors?|from)\b).*\b(?:which|what|list|how many) (?:devices|laptops|phones|machines|pcs)\b.{0,40}\b(?:have|has|own|owns|enrolled|registered|assigned)\b/, when: (f) => f.person },
  // Money and device management are not Entra ID.
  { name: 'billing or devices', intent: 'outOfScope', weight: 8, pattern: /\b(?:spend|spent|spending|costs?|billing|bills?|invoices?|budget|subscription price)\b|\bintune\b.{0,30}\b(?:compliance|configuration) polic(?:y|ies)\b/ },
  // Creating things and office errands: the assistant reads and explains, and acts only on risk.
  // Changes the assistant does not make, asked for: members added or removed, accounts deleted, objects renamed,
  // devices wiped or enrolled, exports and reports by e-mail ("add Megan to VPN Users", "wipe Priya's lost iPhone",
  // "email me a report every morning"). (Renewing a secret is explained: the docs say how.)
  { name: 'directory writes', intent: 'outOfScope', weight: 9, pattern: /^(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*(?:(?:add|remove)\s+(?:\S+\s+){1,5}?(?:to|from|into|out of)\s+(?:the\s+)?(?:\S+\s+){0,4}?(?:group|team|dl|distribution list|<name>)|delete\s+(?:the\s+|that\s+|this\s+)?(?:\S+\s+){0,2}?(?:account|user|guest|group|app|<name>)|(?:add|make|set)\s+(?:\S+\s+){1,4}?(?:back\s+)?as (?:an? |the )?(?:owner|member|co-?owner) (?:of|for|on|in)\b|rename\b|change\s+(?:the\s+|its\s+|his\s+|her\s+)?(?:display\s+)?name\b|(?:wipe|retire|enrol+|re-?enrol+|re-?image|factory[- ]reset)\b|unlock\s+(?:the\s+|his\s+|her\s+|their\s+|<name>(?:\s*'s)?\s+)?(?:(?:account|user)\b|<name>)|change\s+(?:<name>(?:\s*'s)?|his|her|their|the)\s+(?:\w+\s+)?(?:job title|title|department|manager|phone(?: number)?|office|display name|upn|e-?mail)\s+to\b|export\b.{0,40}\b(?:to|as|into|in)\s+(?:excel|csv|a spreadsheet|a file|pdf|json)\b)|\b(?:e-?mail|send)\s+(?:me|us|the team)\b.{0,60}\b(?:every|each|daily|weekly|nightly)\b/ },
  // "reset mfa for wei so he can re-register", "please clear her authenticator": a write to someone's methods, asked
  // for (how to do it is explained: "how do I reset someone's MFA").
  // "make sam a global admin", "remove isaiah from global admin", "give her the helpdesk admin role": granting or taking
  // away a role is a directory change the assistant does not make (who holds it is read elsewhere).
  // "block the IP 192.0.2.57 on the firewall": network equipment, not Entra.
  { name: 'the firewall', intent: 'outOfScope', weight: 12, pattern: /\bfirewall\b|\b(?:vpn|proxy|router)\s+(?:rule|config(?:uration)?|settings?)\b/ },
  // "reinstall teams on nina's laptop", "powershell to list risky users pls": device work and scripts, not answers.
  { name: 'device work or a script', intent: 'outOfScope', weight: 14, pattern: /\b(?:install|reinstall|uninstall|update|upgrade|repair)\s+(?:\S+\s+){0,3}?on\s+(?:<name>\s*'s|his|her|their|my|our|the|a)\s+(?:laptop|pc|computer|phone|mac|machine|device|iphone|ipad|desktop)\b|^(?:(?:can you|could you|pls|please|hey)[,\s]+)*(?:(?:give|write|send|show) (?:me |us )?|share )?(?:a |the )?(?:powershell|graph powershell|ps|kql|az cli|azure cli|bash)(?: script| command| cmdlet| snippet| query| one-?liner)?\s+(?:to|for|that)\b/ },
  { name: 'grant or take away a role', intent: 'outOfScope', weight: 12, pattern: /^(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*(?:(?:make|set)\s+(?!sure\b)(?:\S+\s+){1,3}?(?:an?\s+|the\s+)?<role>|(?:add|assign|give|grant)\s+(?!me\b|us\b)(?:\S+\s+){1,3}?(?:to\s+)?(?:the\s+)?(?:an?\s+)?<role>|(?:remove|take|revoke|unassign|kick)\s+(?:\S+\s+){1,3}?(?:from|off|out of)\s+(?:the\s+)?<role>|(?:remove|revoke|take away)\s+(?:the\s+)?<role>(?:\s+role)?\s+(?:from|for)\b)/ },
  // "exclude jamal wilson from the guest mfa policy", "can you exclude him too", "add her to the exclusions": changing whom
  // a policy covers.
  { name: "change whom a policy covers", intent: 'outOfScope', weight: 14, pattern: /^(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*(?:(?:exclude|include|exempt|add|remove|put)\s+(?:\S+\s+){1,4}?(?:from|to|in|into|out of|on)\s+(?:the\s+)?(?:\S+\s+){0,4}?(?:polic(?:y|ies)|<policy>|exclusions?|exclusion list|exceptions?)\b|(?:exclude|exempt)\s+(?:him|her|them|it|<name>)(?:\s+(?:too|as well|also))?\s*[?.!]*$)/ },
  // "add 198.51.100.0/24 as trusted", "ok make it trusted", "add china", "add her to it": edits to a named location or a
  // group asked in a few words.
  { name: 'edit a location or a list', intent: 'outOfScope', weight: 9, pattern: /^(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*(?:(?:add|remove|mark|make(?!\s+sure\b)|set|flag|whitelist|allowlist)\b.{0,40}?(?:\b(?:as|to)\s+|\s)(?:a\s+|the\s+)?(?:trusted|allowed|untrusted)\b|(?:add|remove)\s+(?:<name>|[a-z]+)(?:\s+(?:too|as well|also))?\s*[?.!]*$|(?:add|remove|put)\s+(?:him|her|them|<name>)\s+(?:to|into|in|from|out of)\s+(?:it|that|this|that one|this one|there|them)\s*[?.!]*$)/ },
  { name: "reset someone's MFA", intent: 'outOfScope', weight: 9, pattern: /^(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*(?:reset|clear|wipe|delete|revoke|re-?register)\s+(?:the\s+|his\s+|her\s+|their\s+|<name>(?:\s*'s)?\s+)?(?:mfa|2fa|authenticator|authentication methods?|security info|mfa methods?|mfa registration)\b|(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*(?:force|make|require)\s+(?:<name>|him|her|them|\S+(?:\s+\S+)?)\s+to\s+re-?register\b|(?:(?:ok(?:ay)?|so|then|now|hi|hey|please|pls|can you|could you|would you|will you|go ahead and|i (?:want|need) (?:you )?to)[,!]?\s+)*require\s+(?:an?\s+)?(?:mfa\s+)?re-?registration\b/ },
  { name: 'create or set up', intent: 'outOfScope', weight: 9, pattern: /^(?:(?:please|can you|could you|pls|hey,?)\s+)?(?:create|set up|setup|provision|onboard|add a new|add new|make a new|build|generate|issue)\b|^(?:(?:please|can you|could you|pls|hey,?)\s+)?re-?send (?:the |a |an |another |her |his |their )?(?:guest )?invit\w*|\b(?:wifi|wi-fi) password\b|\bmeeting room\b|\bteams status\b|\bout of office\b/ },

  // Sign-in troubleshooting: something failed and the admin asks why ("why can't Megan and Priya sign in?" too).
  { name: "can't sign in", intent: 'signin.troubleshoot', weight: 4, pattern: new RegExp(`${CANT}\\s+(?:<name>\\s*,?\\s*(?:and|&|or|nor)\\s+(?:(?:also|even)\\s+)?<name>\\s+|(?:\\S+\\s+){0,2})(?:${SIGNIN}|sign|log|access|get (?:in|into|past)|get (?:(?:her|his|their|my|the|any|new)\\s+)?(?:mail|e-?mails?|outlook|teams|messages)\\b|read (?:(?:her|his|their|my|the|any)\\s+)?(?:mail|e-?mails?|messages)\\b|open|connect|register|reach|use|load|sync|join|receive|authenticate|auth)`) },
  // "mateo russo (guest) can't see the sharepoint site we shared", "nestor cannot view the files in teams": a person
  // kept from what was shared with them.
  { name: "can't see what was shared", intent: 'signin.troubleshoot', weight: 4, pattern: new RegExp(`${CANT}\\s+(?:see|view|open|reach)\\s+(?:\\S+\\s+){0,3}?(?:site|sites|files?|folders?|workspace|channel|documents?|docs|portal|<name>)\\b`), when: (f) => f.person },
  // "Why can Megan not sign in…", "why does Raul not get into Teams": the negation sits after the person.
  { name: 'why … not', intent: 'signin.troubleshoot', weight: 4, pattern: /\bwhy\s+(?:can|does|do|did|is|are|would|will)\b.{0,50}?\bnot\b/ },
  // Help-desk symptoms: something that used to work does not any more.
  { name: 'stopped working', intent: 'signin.troubleshoot', weight: 3, pattern: /\b(?:mail|e-?mail|outlook|app|teams|phone|laptop)\b.{0,15}\bno (?:sync|syncing|connection|connect)\b|\b(?:stopped|stops)\s+(?:working|syncing|connecting|signing|logging|loading|opening|sending|receiving|authenticating)\b|\bno longer\s+(?:works?|signs?|syncs?|connects?|logs?|opens?|able|gets?)\b|\b(?:doesn't|does not|won't) work\b|\bany ?more\b/ },
  { name: 'why failed', intent: 'signin.troubleshoot', weight: 3, pattern: /\bwhy\b.{0,60}\b(?:fail(?:s|ed|ing)?|blocked|denied|locked|rejected|not working|prompt)/ },
  // "Lidia's sign-ins are being blocked - why?", "what is wrong with Kenji's sign-ins": the reason asked of a failure,
  // above the sign-in noun that would make it a list.
  { name: 'why, asked last', intent: 'signin.troubleshoot', weight: 4, pattern: /\b(?:blocked|blocking|failing|fails|failed|denied|rejected|locked(?: out)?|broken|not working|erroring|errors?)\b[^?.!]{0,40}?(?:[\s,;:–—-]|\.{2,})+(?:but |and |so )?(?:why|how come|any (?:idea|reason) why|reason|cause)\s*[?!.]*$|\bwhat(?:'?s| is| was) (?:wrong|going on|the (?:problem|issue|matter)) with (?:<name>\s*(?:'s|’s)?|(?:his|her|their)\b) (?:sign|log)[- ]?(?:ins?|ons?)\b/ },
  // "her manager thinks she has trouble signing in": a sign-in problem, whatever else the message says about her.
  { name: 'trouble signing in', intent: 'signin.troubleshoot', weight: 5, pattern: /\b(?:trouble|problems?|issues?|difficult(?:y|ies)|struggling|struggles) (?:with )?(?:signing|logging|getting) (?:in|on|into)\b/ },
  { name: 'failure words', intent: 'signin.troubleshoot', weight: 2, pattern: /\b(?:locked out|lockout|access denied|keeps? (?:failing|getting|asking)|blocked from|problem|issue|trouble|troubleshoot|investigate|what gives|what'?s wrong|what is wrong|went wrong|what happened|what'?s (?:going on|up) with|whats (?:going on|up) with|gets? error|got error|getting error|denied)\b|\b(?:a|one|the|that|this|his|her|their|'s) (?:(?:odd|strange|weird|new|single|recent) )?(?:sign[- ]?in |log[- ]?in |login )?failure\b(?! (?:codes?|reasons?|rates?|counts?)\b)|<name>(?:\s*'s)? (?:(?:sign[- ]?in|log[- ]?in|login) )?failure\b(?! (?:codes?|reasons?|rates?|counts?)\b)|\bwhat'?s (?:breaking|broken|broke)\b|\bkeeps? breaking\b|\bhas(?:n'?t| not) (?:run|worked|synced|been (?:running|working|syncing)) (?:properly|right|correctly)\b/ },
  { name: 'sign-in failure', intent: 'signin.troubleshoot', weight: 2, pattern: new RegExp(`${SIGNIN}\\s+(?:failure|fail(?:s|ed|ing)?|problem|issue|error)|fail(?:ed|ing|s)?\\s+(?:to\\s+)?${SIGNIN}\\b(?!s)|${SIGNIN} (?:is |keeps )?failing`) },
  { name: 'error on a person', intent: 'signin.troubleshoot', weight: 3, pattern: /(?:<name>|\bhe\b|\bshe\b).{0,60}<code>|<code>.{0,60}(?:<name>|\bhe\b|\bshe\b)/ },
  { name: 'request id', intent: 'signin.troubleshoot', weight: 4, when: (f) => f.requestId },
  { name: 'MFA loop', intent: 'signin.troubleshoot', weight: 2, pattern: /\bmfa prompts?\b|\bget past mfa\b|\bblocked\b.{0,20}\b(?:laptop|phone|iphone|tablet)\b/ },
  // More ways a help desk says a sign-in fails: "won't let her in", "not working", "blocked on android", "keeps
  // telling him his password is wrong", "got an error about …", "password expired".
  // What sign-in screens say, retold: "needs more info to sign in", "asks her to set up security info", "keeps nagging
  // for extra verification", "you don't have access", "asks for a code he never set up".
  // "mfa setup loop", "outlook iOS broken", "what does he see when signing in": a failure told in a help desk's words.
  { name: 'a failure in other words', intent: 'signin.troubleshoot', weight: 5, pattern: new RegExp(failureInOtherWords('<name>')) },
  { name: 'sign-in screen words', intent: 'signin.troubleshoot', weight: 3.5, pattern: /\bsign[- ]?in was successful but\b|\bdoes(?:n'?t| not) meet the (?:<name>|criteria|requirements)\b|\b(?:needs?|asks? for|asking for|wants?|requires?|required) (?:more|extra|additional) (?:info|information|verification|security(?: setup| set-up| info)?)\b|\bmore information (?:is )?required\b|(?<!\b(?:has|have|had|did|does|do)\b.{0,30})\bset up (?:your |his |her |their |the )?(?:account|security info|authenticator|mfa|verification)\b|\b(?:nag|nags|nagging|pester\w*|bug(?:s|ging)?) (?:me|him|her|them)? ?(?:for|about|with) (?:extra |more |additional )?(?:verification|mfa|a code|codes|info)\b|\byou (?:don'?t|do not) have access\b|\basks? (?:him|her|them|me) for a code\b|\b(?:keeps|kept) (?:asking|prompting|demanding)\b/ },
  // "Fatima Baker is stuck at the 'more information required' screen", "Alicia Baker: 'the user or administrator has
  // not consented'", "app says application not found for ben": a person's sign-in trouble, told by what they see.
  // "sara novak iphone outlook 'device must be managed'", "amir, wingtip guest: teams 'you must enroll in MFA to
  // access'": a person and, in quotes, what their screen said.
  { name: 'what their screen said', intent: 'signin.troubleshoot', weight: 4, pattern: /^(?!.*\b(?:translate|translated|translation|subject|from:|fwd|forwarded|audit|mean|means|meaning)\b)(?=.*<name>).*<quote> /, when: (f) => f.person && !f.action },
  { name: 'stuck at a screen', intent: 'signin.troubleshoot', weight: 6, pattern: /\b(?:is|was|gets|got|keeps getting|seems|'s|are|were)\s+stuck\b|\bstuck (?:at|on|in) (?:the |a |an |this |that )?/, when: (f) => f.person },
  { name: 'an error quoted for a person', intent: 'signin.troubleshoot', weight: 6, pattern: /(?<!\b(?:from|by|fwd|cc)\s)<name>\s*[:,–—-]\s*(?:<quote>|['"‘“])|(?<!\b(?:from|by|fwd|cc)\s)<name>\s*[:,–—-]?\s*(?:says|said|gets|got|sees|saw|reports|reported)\s*[:,–—-]?\s*(?:<quote>|['"‘“])|\b(?:app|it|teams|outlook|the (?:screen|page|app|portal)|error|message|portal) (?:says|said|shows|showed|throws|threw|gives|gave)\b.{0,60}\bfor (?:<name>|(?:him|her|them)\b)/ },
  { name: 'symptom words', intent: 'signin.troubleshoot', weight: 3, pattern: /\bwo?n'?t let (?:me|him|her|them|us) in\b|\bnot working\b|\b(?:blocked|failing|fails|broke|broken|denied) (?:on|in|with|from|again)\b|\bkeeps? (?:telling|prompting|kicking|throwing|logging|signing) (?:me|him|her|them)\b|\b(?:wrong|incorrect|expired) password\b|\bpassword (?:is |was )?(?:wrong|incorrect|expired)\b|\b(?:got|gets|getting|seeing|sees|saw|hit|hits|hitting) (?:an?|some|the|this|that|a weird|an odd)?\s*(?:[\w-]+\s+){0,3}?(?:error|errors|message|prompt|popup|warning)\b|\b(?:can'?t|cannot|unable to) (?:get|log|sign) (?:in|on)\b|\bloops? (?:back )?to (?:the )?(?:login|log-?in|sign[- ]?in)\b|\b(?:login|sign[- ]?in) loop\b|\bkeeps? looping\b|\b(?:gets?|getting|got|keeps? getting|kept getting|being) (?:signed|logged|kicked|thrown|booted) out\b/ },
  // "says login just spins then errors", "it says I need to approve something but I don't have the app": a person's
  // sign-in screen, retold.
  { name: 'a sign-in screen retold', intent: 'signin.troubleshoot', weight: 4, pattern: /\b(?:login|log-?in|sign[- ]?in|signin|it|page|screen)\b.{0,20}\b(?:spins?|spinning|hangs?|hanging|freezes|freezing|errors)\b|\bneed(?:s)? to approve\b|\bapprove (?:the |a )?(?:sign[- ]?in|request|notification|prompt)\b|\b(?:don'?t|doesn'?t|do not|does not) have the (?:authenticator )?app\b|\bno (?:authenticator|mfa) app\b|\b(?:device|phone|laptop) (?:has|needs) to be (?:managed|compliant|registered|enrolled)\b/, when: (f) => f.person },
  // "and her sign-ins today?" after her account page: her sign-ins, not the page again.
  { name: 'and their sign-ins', intent: 'signin.list', weight: 2, pattern: /^(?:and|what about|how about)\s+(?:his|her|their|its|the|<name>\s*'?s?)\s+(?:\w+\s+)?(?:sign[- ]?ins|signins|log[- ]?ins|logins|sign-in (?:history|activity|logs?))\b/ },
  // "are they still in it?" after who added them to a group: whether they are still a member.
  { name: 'still in it', intent: 'user.groups', weight: 8, pattern: /^(?:(?:and|so|ok(?:ay)?)[,]?\s+)?(?:is|are) (?:he|she|they|<name>) still (?:in|a member of|members of|part of) (?:it|that group|the group|there|that one)\s*\??$/ },
  // "asks for her password constantly", "gives her a consent error", "is getting weird 'application not found' errors".
  { name: 'symptom phrases', intent: 'signin.troubleshoot', weight: 3, pattern: /\b(?:asks?|asking|prompts?|prompting|nags?) (?:me|him|her|them) (?:for|to)\b|\bgives? (?:me|him|her|them) (?:an? |the )?(?:\S+ ){0,3}(?:error|message|prompt)s?\b|\b(?:gets?|getting|got|seeing|sees|hits?|hitting) (?:an? |the |weird |strange |odd )*(?:<name>|<quote>) (?:errors?|messages?|prompts?|screens?)?|\b(?:consent|permission|access) (?:error|prompt|problem)s?\b/ },
  // About one person's failures, asked for a judgement: "anything suspicious?", "should I worry?", "was it really her?".
  { name: 'is something wrong', intent: 'signin.troubleshoot', weight: 4, pattern: /\b(?:anything|something) (?:suspicious|wrong|odd|weird|fishy|unusual)\b|\bshould i (?:worry|be worried|be concerned)\b|\bwas (?:it|that) (?:really )?(?:her|him|them|me)\b|\bbeing attacked\b|\bunder attack\b|\bis (?:it|this|that) an attack\b|\bfail(?:s|ed|ing)?\b.{0,40}\bwhy\b|\basks? for (?:his|her|their|my) password\b|\bkeeps? asking (?:for|him|her)\b/, when: HAS_OBJECT },
  { name: 'an app or device blocked', intent: 'signin.troubleshoot', weight: 2, pattern: /(?:<name>|\b(?:he|she|they)\b).{0,40}\b(?:blocked|failing|fails|broke|broken|locked)\b/ },
  // "her laptop gets refused by Teams", "office keeps blocking her", "sharepoint just bounces him", "constant prompts on
  // her iPhone", "her phone keeps trying to connect": a person's sign-in turned away, in everyday words.
  { name: 'turned away', intent: 'signin.troubleshoot', weight: 3, pattern: /\b(?:refus|reject|bounc)(?:e|es|ed|ing)\b|\b(?:kicked out|turned away)\b|\b(?:keeps? blocking|blocking (?:him|her|them|me)|kicks? (?:him|her|them|me) out)\b|\bkeeps? trying to (?:connect|sign|log|sync|authenticate)\b|\b(?:constant|repeated|endless|non-?stop) (?:\w+ )?prompts?\b/, when: HAS_OBJECT },
  // "anything from brazil this month?", "DPRK attempts in November?", "who's signing in from linux machines?": the sign-in
  // log read for a place or a platform, nobody named.
  { name: 'traffic from a place', intent: 'signin.list', weight: 4, pattern: /\b(?:anything|any(?:one|body)?|attempts?|traffic|activity|coming in|connections?|hits?|hitting us|who(?:'s| is| are)?)\b.{0,40}\b(?:from|in|out of)\s+<country>|<country>\s+(?:attempts?|traffic|activity|addresses|ips?|sign[- ]?ins?|logins?|log-ins|connections?)\b/, when: (f) => f.names === 0 && !f.pronoun },
  { name: 'expired passwords', intent: 'signin.list', weight: 4, pattern: /\bexpired passwords?\b|\bpasswords? (?:has |have |had )?expired\b|\bpassword[- ]expir/, when: (f) => f.names === 0 && !f.pronoun },
  { name: 'legacy protocols in use', intent: 'signin.list', weight: 3, pattern: /^(?!.*\bpolic(?:y|ies)\b|.*\b(?:do|does|did) (?:we|you|it|they) block\b)(?:.*)\b(?:legacy|basic|old)[- ](?:auth(?:entication)?|protocols?|clients?)\b|\b(?:imap|pop3?|smtp auth|activesync)\b/, when: (f) => f.names === 0 && !f.pronoun && !f.policy },
  { name: 'sign-ins from a platform', intent: 'signin.list', weight: 4, pattern: /\b(?:signing|logging|signed|logged|signs|logs|sign|log) (?:in|on) (?:from|on|with) (?:\w+ ){0,2}?(?:linux|mac(?:os)?|windows|android|ios|iphones?|ipads?|chromebooks?|chrome ?os)\b/, when: (f) => f.names === 0 },
  { name: 'how to fix a person', intent: 'signin.troubleshoot', weight: 4, pattern: /\bhow (?:do|can|should|would) (?:i|we|you) (?:fix|solve|sort(?: out)?|resolve|unblock)\b/, when: HAS_OBJECT },
  // "is VPN Users a nested group? what's inside": a group's make-up.
  // "what is in automation service accounts?": a group's contents (its page lists members and nested groups).
  { name: "what is in a group", intent: 'group.info', weight: 5, pattern: /^(?:(?:so|and|ok(?:ay)?)[,\s]+)?what(?:'s| is| are)? in (?:the\s+)?<name>(?:\s+(?:group|team))?\s*[?.!]*$/ },
  // "pull up abigail park", "can you bring up Noah Rossi's account": a person's page.
  { name: 'pull up a page', intent: 'user.info', weight: 6, pattern: /^(?:(?:hi|hey|ok(?:ay)?|so)[,!]?\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+|pls\s+)?(?:pull|bring|call|look) up\s+(?:the\s+)?(?:account\s+(?:of|for)\s+)?<name>/ },
  // "is Riley allowed to dismiss risk?", "does sam have permission to revoke sessions?": whether someone may act is a
  // question about their roles, not a request to act.
  { name: 'whether someone may act', intent: 'role.assignments', weight: 9, pattern: /\b(?:is|are) (?:<name>|he|she|they)\s+(?:even\s+|actually\s+)?(?:allowed|permitted|able|authori[sz]ed|entitled) to (?:dismiss|confirm|revoke|disable|re-?enable|reset|block|unblock|assign|grant|manage|create|delete|approve|invite|remove|consent|elevate|do (?:that|this|it))\b|\b(?:does|do) (?:<name>|he|she|they) (?:even\s+|actually\s+)?have (?:the\s+)?(?:permissions?|rights?|privileges?|a role|the role) to\b/ },
  // "Quinn Evans is definitely compromised, flag her as such": confirming what the admin just said.
  { name: 'flag as such', intent: 'risk.remediate', weight: 9, pattern: /\bcompromised\b.{0,60}\b(?:flag|mark|confirm|set) (?:him|her|them|it|the account|<name>)(?:'s account)? as such\b/ },
  // "do you support questions about guests and groups?": what the assistant covers.
  { name: 'questions you take', intent: 'help', weight: 12, pattern: /^(?:(?:hi|hey|hello|ok(?:ay)?|so)[,!]?\s+)?(?:do|can|could|will) you (?:also |even )?(?:support|handle|take|answer|cover|do|deal with) questions\b/ },
  // "does the group even have an owner?": the group's page, which names its owners.
  { name: 'whether a group has an owner', intent: 'group.info', weight: 8, pattern: /\b(?:does|do|has) (?:the |that |this )?(?:group|team|<name>)(?: group| team)? (?:even |actually |still |got )?(?:have |has )?(?:an? |any )?owners?\b/ },
  // "anything in CA that's only logging and not enforcing yet?": report-only policies.
  { name: 'not enforced yet', intent: 'policy.info', weight: 5, pattern: /\bnot (?:yet )?(?:being )?enforc(?:ed|ing)\b|\b(?:only|just) log(?:ging|s)?\b(?!\s+(?:in|on|into)\b)/, when: (f) => f.names === 0 },
  { name: 'what a group holds', intent: 'group.info', weight: 4, pattern: /\bnested group\b|\bwhat'?s inside\b|\bwhat is inside\b|\bgroups? (?:inside|within) (?:<name>|(?:it|that)\b)/ },
  // "does HR Portal require user assignment?": an app's settings.
  { name: 'app assignment', intent: 'app.info', weight: 4, pattern: /\buser assignment\b|\bassignment (?:is )?required\b|\brequires? (?:user )?assignment\b|\b(?:requires?|need|needs|must) (?:users?|people|everyone|them) (?:to )?(?:be )?assigned\b|\b(?:only )?assigned (?:users|people) (?:only|can)\b/ },
  // "who has been adding people to VPN Users?": who made those changes.
  { name: 'who has been changing', intent: 'audit.changes', weight: 5, pattern: /\bwho(?:'s| is| has| have| was| were)?(?: been)? (?:adding|removing|deleting|disabling|enabling|changing|editing|resetting|inviting|granting|assigning|touching|messing)\b/ },
  // "why is Adele not risky anymore?", "her risk went away": what closed the person's risk.
  { name: 'risk gone', intent: 'risk.user', weight: 6, pattern: /\b(?:no longer|not|isn'?t|stopped being) (?:risky|at risk|flagged|high[- ]risk)\b|\brisk (?:is )?(?:gone|cleared|closed|went away|disappeared)\b/, when: HAS_OBJECT },
  // "Hector - what was detected?", "what IP was the spray against Bob from?", "what's his risk level?", "Pedro is medium
  // risk …": the parts of one person's risk story.
  { name: "a person's risk story", intent: 'risk.user', weight: 3, pattern: /\bwhat (?:was|got|has been|were|did they) (?:detected|detect|flagged|flag)\b|\brisk (?:level|state|detail|score)\b|\bspray(?:ed)?\b|\b(?:high|medium|low)[- ]risk\b/, when: (f) => f.names > 0 || f.pronoun },
  // "Sara Thompson got a password spray detection?": a person's risk detection by its type.
  // "felix williams unlikely travel - what happened after?", "isabel perez unlikely travel detail pls": a detection
  // type said of a person is that person's risk, unless a sign-in failed ("blocked for unlikely travel").
  // "what's going on with stefan gonzalez in identity protection", "alan clarke shows up in identity protection",
  // "is his account flagged somewhere?": one person's risk.
  { name: 'a person in Identity Protection', intent: 'risk.user', weight: 7, pattern: /\bidentity protection\b(?!.{0,20}\b(?:mean|means|meaning|work|works)\b)|\b(?:flagged|marked (?:as )?risky)\b.{0,15}\b(?:somewhere|anywhere|on our side|by (?:microsoft|entra|us))\b/, when: (f) => f.person && f.names <= 1 },
  // "adele's risk got dismissed by whom?", "did anyone confirm or dismiss anything for alan clarke yet": the risk's history.
  { name: 'who closed the risk', intent: 'risk.user', weight: 9, pattern: /\brisk\b.{0,25}\b(?:got |was |been )?(?:dismissed|confirmed|cleared|closed|remediated)\b.{0,15}\bby (?:whom|who)\b|\brisk\b.{0,25}\b(?:is |was |got |been )?(?:dismissed|confirmed|cleared|closed|remediated)\b.{0,30}\bwho (?:did|done|dismissed|closed|cleared|remediated|confirmed) (?:that|it|this)\b|\b(?:did )?(?:any ?one|somebody|someone) (?:confirm|dismiss)\w*\b.{0,30}\b(?:for|on) (?:<name>|(?:him|her|them)\b)/, when: (f) => f.person },
  // "was the unfamiliar sign-in on bob kelly real time or offline": how the detection was made.
  { name: 'real time or offline', intent: 'risk.user', weight: 8, pattern: /\breal[- ]?time or offline\b|\boffline or real[- ]?time\b|\bdetection timing\b/ },
  // "says he got an email that his password was found in a leak?? is that real on our side": leaked credentials.
  { name: 'a password in a leak', intent: 'risk.user', weight: 7, pattern: /\b(?:password|credentials?)\b.{0,25}\b(?:found|leaked|exposed|posted|dumped)\b.{0,20}\b(?:leak|breach|dark ?web|paste\w*)\b|\bsecurity warning\b/, when: (f) => f.person },
  { name: "a person's detection type", intent: 'risk.user', weight: 4.5, pattern: /^(?!.*\b(?:can'?t|cannot|couldn'?t|blocked|fail\w*|denied|errors?|locked|means?|meaning|explain|(?<!\b(?:unfamiliar|atypical|risky|suspicious|anomalous|unusual) )sign(?:ed|s)?[- ]?(?:in|on)|log(?:ged|s)?[- ]?(?:in|on))\b)/, when: (f) => f.riskType && f.names > 0 && !f.code && !f.action },
  { name: 'a person\'s detection', intent: 'risk.user', weight: 5, pattern: /\bdetections?\b|\bdetected\b|\bflagged\b|\b(?:got|get|gets|had|has) (?:a |an )?\w*/, when: (f) => f.riskType && f.names > 0 },
  // "brandon (guest) has MFA issues?", "the second one - what's his deal": a person's sign-in trouble in other words.
  { name: 'MFA trouble', intent: 'signin.troubleshoot', weight: 4, pattern: /\bmfa (?:issues?|problems?|trouble|errors?|loop|failures?)\b|\b(?:issues?|problems?|trouble) with (?:mfa|the authenticator|authenticator)\b|\bwhat'?s (?:his|her|their|the) deal\b/, when: HAS_OBJECT },
  // "Jack Young, legal: teams and outlook on my phone AND laptop both fail", "brandon petrov: imap or something? check
  // pls", "Megan again with her phone, same thing as this morning?": a help-desk ticket names a person, the app or
  // device in trouble, and the trouble, in any order and often without a verb for signing in.
  { name: 'a person, a device, a trouble', intent: 'signin.troubleshoot', weight: 3, pattern: both(DEVICE, TROUBLE), when: (f) => f.person },
  { name: 'a person, an app, a trouble', intent: 'signin.troubleshoot', weight: 3, pattern: new RegExp(`\\b${TROUBLE}`), when: (f) => f.person && f.app },
  // "why did christie cline get blocked this morning, she's one of our helpdesk admins": why a named person failed
  // outweighs what the rest of the message says about them.
  // "Conor's failed sign-ins — is it just a typo in his password?", "Nina got 50105 … what does that mean for her?": a
  // cause guessed, or an error's meaning for one person, asks for that person's diagnosis.
  { name: 'a cause guessed', intent: 'signin.troubleshoot', weight: 6, pattern: /\b(?:is|was|could|might) (?:it|that|this|the problem|the issue) (?:be |just |only |simply |maybe |probably |really )(?:just |only |simply |maybe |probably |really )?(?:a |an |the |his |her |their )?(?:typo|wrong password|bad password|mistyped password|expired password|password|lockout|locked|mfa|policy|device|vpn)\b/, when: (f) => f.person },
  { name: 'what it means for a person', intent: 'signin.troubleshoot', weight: 8, pattern: /\bwhat (?:does|did|do|would) (?:that|it|this|the error|the code|<code>) mean for (?:<name>|(?:him|her|them)\b)/, when: (f) => f.person },
  // "How can I rotate an expired client secret for an app registration?": how to do a task, nobody named.
  { name: 'how to do a task', intent: 'docs.answer', weight: 7, pattern: /^(?:(?:ok(?:ay)?|so|hey|quick question)[,:]?\s+)?(?:how (?:can|do|should|would) (?:i|we|one|you)|how to|what'?s the (?:best |right |proper )?way to|(?:(?:what are )?the )?steps to) (?:rotate|renew|roll over|add|create|configure|make (?:an? |the |my |our )?(?:\w+ )?(?:polic(?:y|ies)|rule|group|app|account|user)|set up|setup|enable|register|remove|delete|assign|grant|exclude|change|update|migrate|require|enforce|turn on|turn off|send|issue|generate|unlock|unblock|re-?enable|restore|(?:get|make) (?:him|her|them|people|users|everyone|the user|<name>) (?:to )?(?:register|enrol+|set up|sign|use|change|reset))\b/, when: (f) => !f.person || f.pronoun },
  // "David Gomez eng manager - what's going wrong this morning", "Lucia needs help signing in", "chen jensen: 'your device
  // is required to be managed' in teams": one person's trouble, asked or pasted.
  // ("reports errors signing in", "thunderbird not syncing", "an app says it isn't found", "phone blocked?", "reckons his
  // account's been switched off … what's happened?")
  { name: "a person's trouble asked", intent: 'signin.troubleshoot', weight: 5, pattern: /\bwhat(?:'s| is) going wrong\b|\bwhat went wrong\b|\bwhat(?:'s| has) happened\b(?! to (?:<name>\s*'s|its|their|the) (?:owners?|members?))|\bneeds? (?:some )?help (?:with )?(?:signing|logging|getting) (?:in|on|into)\b|^<name>\s*[:,-]\s*<quote>|\berrors? (?:when |while )?(?:signing|logging) (?:in|on)\b|\b(?:not|isn'?t|won'?t|stopped|stops) (?:syncing|connecting|working)\b|\bsays? (?:it|the app|that it) (?:isn'?t|is not|can'?t be|cannot be|wasn'?t) found\b|\b(?:phone|laptop|mac|macbook|iphone|ipad|android|pc|device|account|outlook|teams)\s+(?:is\s+|got\s+|being\s+|gets\s+)?(?:blocked|locked(?: out)?|broken)\b|\baccount(?:'s| has| is| was)? (?:been )?(?:switched|turned|shut) off\b/, when: (f) => f.person },
  // "alex wilber gets AADSTS50079 every time": a person hitting an error code.
  { name: 'a person gets a code', intent: 'signin.troubleshoot', weight: 9, pattern: /<name>\s+(?:(?:still|always|now|keeps?)\s+)?(?:gets?|getting|got|hits?|hitting|sees?|seeing|saw)\s+(?:an? |the )?(?:error\s+)?<code>/, when: (f) => f.person },
  // "what happened to Project Falcon's owner?": a change to a group's or app's owners or members, in the audit log.
  { name: 'what happened to an owner', intent: 'audit.changes', weight: 6, pattern: /\bwhat happened to (?:<name>\s*'s|its|their|the) (?:owners?|members?|membership|secrets?|certificates?|certs?|credentials?|roles?)\b/ },
  // "how many distinct users failed MFA this month?": failed MFA counted or listed.
  { name: 'failed mfa', intent: 'signin.list', weight: 4, pattern: new RegExp(FAILED_MFA), when: (f) => !f.person },
  // "what error is Lee Gu hitting?", "which error does she get?": the error of one person's sign-ins.
  { name: 'which error a person hits', intent: 'signin.troubleshoot', weight: 5, pattern: /\b(?:what|which) (?:error|error code|code|message)s? (?:is|are|does|do|did|was|were|has|have)\b|\bwhat'?s the (?:error|error code|code|message)\b/, when: (f) => f.person },
  // "a guest, Hana from Adventure Works, says she's blocked": a person's trouble retold.
  { name: 'says they are blocked', intent: 'signin.troubleshoot', weight: 6, pattern: /\b(?:says?|said|saying|reports?|reported|tells? me|told me|complains?|complained)\b.{0,30}\b(?:(?:he|she|they|i)(?:'s|'re|'m| is| are| am| was| were| got| gets| keeps getting)|(?:is|are|was|were|got|gets|keeps getting|being)) (?:still |now |completely )?(?:blocked|locked out|locked|stuck|denied|kicked out|refused|shut out)\b/, when: (f) => f.person },
  // "is the inventory one actually failing because of it?": whether something's sign-ins fail, and why.
  { name: 'failing because of', intent: 'signin.troubleshoot', weight: 5, pattern: /\b(?:fail(?:s|ed|ing)?|broken|blocked)\b.{0,20}\b(?:because of|due to)\b|\b(?:is|are) (?:it|that|this|they|the \w+ ones?) (?:actually |really |still )?failing\b/ },
  // "is there a reason zane's sign-ins are failing?", "failing sign ins - root cause?", "explain her failed logins",
  // "the login page just errors out. pls check": one person's failures, asked to be explained.
  { name: 'a reason asked for a person', intent: 'signin.troubleshoot', weight: 5, pattern: /(?<!\brisk\b.{0,40})\b(?:a|the|any) (?:reasons?|causes?)\b|\bwhat(?:'s| is) causing\b|\broot[- ]?causes?\b|\bexplain\b.{0,40}\b(?:fail(?:s|ed|ing|ures?)?|errors?|blocked|denied)\b|\berrors? out\b|\berroring\b|\bnothing works\b|^(?!.*\b(?:who|when|which)\b)(?:.*)\b(?:pls|please|can you|could you) check\b|\bwhat the logs say\b|\b(?:nothing|it|that|which) (?:lets|let) (?:him|her|them|me|<name>) in\b|\b(?:won'?t|doesn'?t|does not|will not|wouldn'?t) let (?:him|her|them|me|<name>) (?:in|sign in|log in|through)\b/, when: (f) => f.person },
  { name: "what's wrong with a person", intent: 'signin.troubleshoot', weight: 4, pattern: /\bwhat(?:'?s| is) (?:wrong|going on|up|the (?:matter|problem|issue|deal)) with\b/, when: (f) => f.person },
  // ("inventory sync job is red again. what's up with its sign ins": an app's the same, unless its risk is asked.)
  // "inventory sync job fail - client secret?": an app's job failing is its sign-ins' story.
  { name: 'a job failing', intent: 'signin.troubleshoot', weight: 5, pattern: /\b(?:job|sync|service|task|integration|connector|script|scheduler)\s+(?:fail|fails|failing|failed|broken|is down|is red|errors?)\b/, when: (f) => f.app },
  { name: "what's wrong with an app", intent: 'signin.troubleshoot', weight: 4, pattern: /^(?!.*\brisk)(?:.*)\bwhat'?s (?:wrong|going on|up|the (?:matter|problem|issue|deal)) with\b/, when: (f) => f.app && !f.person },
  // "ok and is he still getting errors?", "is the sync job still failing?": the trouble asked again.
  { name: 'still failing', intent: 'signin.troubleshoot', weight: 5, pattern: /\b(?:is|are) (?:he|she|they|it|<name>|the \w+(?: \w+)?) still (?:getting|seeing|having|hitting|throwing) (?:the |that |those |an? |any )?(?:same )?(?:errors?|problems?|issues?|failures?|prompts?)\b|\b(?:is|are) (?:he|she|they|it|<name>|the \w+(?: \w+)?) still (?:failing|erroring|blocked|locked out)\b/ },
  // "what is 'Keep me signed in' interrupt 50140? should I worry": an error code asked about is explained.
  { name: 'a code asked about', intent: 'docs.answer', weight: 8, pattern: /^(?:(?:so|ok(?:ay)?|hey|hi)[,\s]+)?what(?:'s| is| does)\s+(?:an? |the |this |that )?(?:<name>|<quote>[^?]{0,60}?|[\w' -]{0,40}?)\s*(?:error |code |interrupt )?<code>(?!.{0,30}\b(?:for|with) (?:<name>|(?:him|her|them)\b))/ },
  // "whats wrong with it" after a ranking of failing apps: the app ranked first (the conversation says which).
  { name: "what's wrong with it", intent: 'signin.troubleshoot', weight: 6, pattern: /\bwhat'?s (?:wrong|going on|the (?:matter|problem|issue)) with (?:it|that one|this one|that app|this app|the top one|the first one)\b/ },
  { name: 'why a person failed', intent: 'signin.troubleshoot', weight: 3, pattern: /\bwhy\b.{0,60}\b(?:fail(?:s|ed|ing)?|blocked|denied|locked|rejected|kicked|refused)\b/, when: (f) => f.person },
  // "can u check Noah's sign in logs and tell me what's wrong", "I don't know what to check first": a diagnosis asked
  // for, whatever nouns the message uses for the log.
  { name: 'asked what is wrong', intent: 'signin.troubleshoot', weight: 3, pattern: /\b(?:tell me|let me know|see|find out|figure out|check|know|explain|advise)\b.{0,20}\bwhat(?:'?s| is) (?:wrong|going on|happening|the (?:problem|issue))\b|\bwhat (?:to|should (?:i|we)) check\b|[-–—,:?]\s*what'?s (?:going on|happening|the (?:problem|issue))\s*\??$/, when: (f) => f.person || f.app },
  // "what's preventing Quinn from signing in?", "is there a CA policy stopping Uma?": what stands in one person's way.
  { name: 'what stops a person', intent: 'signin.troubleshoot', weight: 7, pattern: /\b(?:what'?s|what is|something|anything|a (?:ca |conditional access )?policy|which (?:ca |conditional access )?policy)\s+(?:\w+\s+)?(?:preventing|stopping|blocking|keeping)\s+(?:<name>|him\b|her\b|them\b)/, when: (f) => f.person },
  // "why did Require MFA for all users apply to Zane's sign-in?", "stefan got hit by 'Require MFA for guests' - why??",
  // "which policy blocked Megan this morning?", "why is the compliant device policy triggering for Ethan": a policy in
  // one person's way is that person's diagnosis, which names each policy and its result.
  { name: "a policy in a person's way", intent: 'signin.troubleshoot', weight: 16, pattern: both(String.raw`(?:<policy>|polic(?:y|ies))`, String.raw`(?:why|trigger(?:s|ed|ing)?|kick(?:s|ed|ing)? in|(?:got|get|gets|getting|was|been) hit|hit (?:by|him|her|them|<name>)|(?:blocked|blocking|stopped|stopping) (?:<name>|him|her|them)|(?:blocked|stopped|hit) by|which (?:ca |conditional access )?polic(?:y|ies) (?:is it|was it|is that|was that|and why)|appl(?:y|ied|ies) to (?:<name>|his|her|their|him|them)(?:\s*'s)?\s+(?:sign|log))`), when: (f) => f.person },
  // "the sign-in page keeps throwing an error at them", "outlook shows him some error message": an error seen.
  { name: 'an error seen', intent: 'signin.troubleshoot', weight: 3, pattern: /\b(?:throw(?:s|ing|n)?|threw|show(?:s|ing|ed)?|giv(?:es|ing|e)|pops? up|popping up)\s+(?:(?:me|him|her|them)\s+)?(?:an?\s+|the\s+|some\s+|this\s+)?(?:\w+\s+)?(?:errors?|error messages?)\b/, when: (f) => f.person || f.app },
  // "Diego: any failed logins in november?", "did she have failed logins from Brazil too?": whether one person's
  // sign-ins failed, and why, is their diagnosis (a count or a list says so: "how many", "list", "background ones too").
  { name: 'any failures of a person', intent: 'signin.troubleshoot', weight: 5, pattern: /^(?!.*\b(?:how many|count|number of|list|show|background|non[- ]?interactive|which|what)\b)(?:.*)\b(?:(?:any|some)\s+(?:failed|failing|faild|unsuccessful|bad)|(?:have|had|has|get|got)\s+(?:a\s+)?(?:failed|faild|unsuccessful))\s+(?:sign[- ]?ins?|signins?|log[- ]?ins?|logins?|attempts|logons?)\b/, when: (f) => f.person },
  // "Lidia — failed sign-ins from russia?", "any sign ins for lidia from a blocked country?", "was that her logging in
  // from brazil?": one person's failures from a place are their story, which shows where each came from.
  { name: "a person's failures from a place", intent: 'signin.troubleshoot', weight: 4, pattern: /^(?!.*\b(?:how many|count|number of|list|show|which|what)\b)(?:.*)(?:\b(?:fail\w*|blocked|errors?|denied)\b.{0,40}\b(?:from|in|out of)\s+(?:an?\s+)?(?:<country>|blocked countr(?:y|ies))|\bfrom\s+(?:an?\s+)?blocked countr(?:y|ies)\b|\bwas (?:that|it) (?:her|him|them)\b.{0,40}\bfrom\s+<country>)/, when: (f) => f.person },
  { name: 'help-desk ask', intent: 'signin.troubleshoot', weight: 1, pattern: /\b(?:any ?ideas?|thoughts|anyone\??|help me understand|can someone check|pls help|please help)\b/ },

  // "which users got it?", "who else had that?" after an error was shown: the people with that error.
  { name: 'who got that error', intent: 'signin.list', weight: 3, pattern: /\b(?:which|what) (?:users|people|accounts|persons)\b.{0,20}\b(?:got|get|hit|had|have|saw|see|(?:are|were|got|get) (?:hit|affected|hurt) by) (?:it|that|this)\b|\bwho (?:else )?(?:got|gets|hit|hits|had|has|saw|sees) (?:it|that|this)(?: one| error| code)?\s*\??$|\b(?:is |are )?(?:anyone|anybody|someone|others?|other people) else (?:hitting|getting|seeing|having|affected by) (?:the same|this|that|it)\b/ },
  // "smart lockout events since monday — count", "how many failures yesterday": failures counted, nobody named.
  { name: 'failures counted', intent: 'signin.list', weight: 3, pattern: /\b(?:lockouts?|lockout events|failures|failed (?:logins?|log-?ins|sign-?ins?|attempts)|bad passwords?)\b.*\b(?:count|counts|how many|number|total|tally)\b|\b(?:count|how many|number of|total)\b.*\b(?:lockouts?|lockout events|failures|failed (?:logins?|attempts))\b/, when: (f) => !f.person },
  // Sign-in lists: show, count or summarise sign-ins.
  { name: 'sign-ins plural', intent: 'signin.list', weight: 3, pattern: new RegExp(`\\b${SIGNINS}\\b`) },
  { name: 'show sign-ins', intent: 'signin.list', weight: 2, pattern: new RegExp(`\\b(?:show|list|display|summari[sz]e|count|how many|history|activity|recent|latest)\\b.{0,40}\\b(?:${SIGNINS}|${SIGNIN}|signed in|logged in)`) },
  // "has Megan been signing in?", "did Megan and Adele sign in today?", "do the break-glass ones ever sign in?".
  { name: 'whether someone signs in', intent: 'signin.list', weight: 4, pattern: new RegExp(`\\b(?:(?:has|have|does|do|is|are)\\s+${OBJECT}(?:\\s*(?:,|and|or|&)\\s*${OBJECT})*|did\\s+${OBJECT}(?:\\s*(?:,|and|or|&)\\s*${OBJECT})+)\\s+(?:(?:ever|even|still|actually|recently|been|already|really|managed to)\\s+)*(?:signing|logging|signed|logged|sign|log)\\s*(?:in|on)\\b(?!\\s+from\\b)`) },
  // "did megan bowen manage to sign in at all today": whether any of their sign-ins succeeded, in the log.
  { name: 'whether someone managed to sign in', intent: 'signin.list', weight: 4, pattern: new RegExp(`^(?!.*\\b(?:why|how come|never|can'?t|cannot)\\b).*\\bdid\\s+${OBJECT}\\s+(?:ever\\s+|actually\\s+)?manage\\s+to\\s+(?:sign|log|get)\\s*(?:in|on)\\b`) },
  // "how did Mateo Hughes's risk get cleared?": how a person's risk was closed, in their risk history.
  { name: 'how the risk was closed', intent: 'risk.user', weight: 8, pattern: /\bhow (?:did|was|were|has|have|come) (?:<name>(?:\s*'s)?|his|her|their)\s+(?:user )?risk\s+(?:get |got |been |gets )?(?:cleared|closed|resolved|remediated|dismissed|fixed|removed|lowered|reset|go away|went away)\b/ },
  // "why is adele vance not on the risky list anymore?": how a person's risk was closed, in their risk history.
  { name: 'no longer at risk', intent: 'risk.user', weight: 7, pattern: /\b(?:not|no longer) (?:on (?:the )?risky(?: users?)? list|risky|at risk|flagged)(?: any ?more)?\b.{0,20}(?:any ?more)?|\b(?:off|removed from|dropped (?:off|from)) the risky(?: users?)? list\b/, when: (f) => f.person },
  // "who is on Abigail Wang's team": the people who report to that person.
  { name: "someone's team", intent: 'user.info', weight: 4, pattern: /\bwho(?:'s| is| are)? (?:on|in) <name>\s?(?:'s|s)? team\b/ },
  // "who is failing to get into the HR Portal because they're not assigned?": the people failing, from the log.
  { name: 'who is failing', intent: 'signin.list', weight: 5, pattern: /^(?:(?:so|and|ok(?:ay)?)[\s,]+)?who(?:'s| is| are)(?: all| else)? (?:failing|getting (?:blocked|denied|errors?)|being (?:blocked|denied))\b/ },
  // "is someone spraying bob kelly's password?": an attack on one person's sign-ins, which their diagnosis shows.
  { name: 'a spray on a person', intent: 'signin.troubleshoot', weight: 4, pattern: /\b(?:spray(?:ing|ed)?|brute[- ]?forc(?:e|ing|ed)|guess(?:ing)?)\b.{0,30}<name>|<name>.{0,30}\b(?:spray(?:ing|ed)?|brute[- ]?forc(?:e|ing|ed))\b/ },
  // "anyone get into the Azure Portal this week with single-factor only?": who signed in to an app.
  { name: 'who got into an app', intent: 'signin.list', weight: 4, pattern: /\b(?:any(?:one|body)|some(?:one|body)|who(?:'s| has| have)?)\s+(?:(?:ever|even|actually|successfully|recently)\s+)?(?:get|got|gotten|sign(?:ed)?|log(?:ged)?)\s+(?:in(?:to)?|in to|onto|on to)\s+(?:the\s+|our\s+)?<name>/ },
  // "what devices has Olivia been signing in from?", "which browsers does he log in with?": the person's sign-ins, by what.
  { name: 'what a person signs in from', intent: 'signin.list', weight: 6, pattern: /\b(?:what|which) (?:devices?|platforms?|os|operating systems?|browsers?|ips?|ip addresses|locations?|countries|cities|apps?|applications?|clients?)\b.{0,40}\b(?:signing|logging|signed|logged|signs|logs|sign|log)\s*(?:in|on)\b/, when: (f) => f.person },
  // "did Megan or Priya fail more this week?", "megan bowen vs priya patel - failures this week?": two people's failures
  // counted side by side, not one diagnosis.
  { name: 'two people compared on failures', intent: 'signin.list', weight: 9, pattern: /<name>\s*(?:or|vs\.?|versus)\s+<name>.*\b(?:fail\w*|errors?|blocked|denied)\b|\b(?:more|most|fewer|less)\b.{0,30}\b(?:fail\w*|failures|errors)\b.{0,40}<name>\s*,?\s*(?:or|vs\.?|versus)\s+<name>/, when: (f) => f.names >= 2 && !f.app },
  // "first sign-in of Nestor Wilke", "latest login for Megan": one person's sign-in at an end of the log.
  { name: 'a person\'s first or latest sign-in', intent: 'signin.list', weight: 6, pattern: new RegExp(`\\b(?:first|earliest|oldest|latest|newest|most recent) ${SIGNIN}s? (?:of|for|by|from) (?:<name>|(?:him|her|them)\\b)`) },
  // "what did Kenji try to open this month?": the apps of a person's sign-ins.
  { name: 'what a person tried to open', intent: 'signin.list', weight: 8, pattern: /\bwhat (?:did|has|does|do) (?:<name>|he|she|they) (?:try|tried|attempt|attempted) to (?:open|access|use|get into|sign in to|sign into|log into|log in to|reach)\b|\bwhat (?:apps?|applications?) (?:did|has|does|do) (?:<name>|he|she|they) (?:try|tried|use|used|open|opened|access|accessed|sign in to|sign into)\b/ },
  { name: 'last sign-in', intent: 'signin.list', weight: 4, pattern: new RegExp(`\\blast (?:time )?(?:${SIGNIN}|signed in|logged in|(?:got|get) in (?:ok|okay|fine|successfully|alright))|\\bwhen (?:did|was)\\b.{0,40}\\b(?:${SIGNIN}|sign|log|signed|logged)\\b|\\bdid ${OBJECT} (?:sign|log)|how many times did`) },

  // Risk.
  // "what did Identity Protection detect this week?", "who's had their risk dismissed?", "how many accounts were
  // confirmed compromised?": the tenant's risk, not one person's.
  { name: "the tenant's detections", intent: 'risk.users', weight: 5, pattern: /\bwhat (?:did|has|have) (?:identity protection|entra(?: id)?|it|azure ad) (?:detect|flag|find|pick up|catch|raise)\w*\b|^(?:so\s+|and\s+)?who(?:'s| has| have)? (?:had )?(?:their|his or her) risk\b|\b(?:how many|number of|count of|which|list(?: the)?)\b.{0,40}\b(?:confirmed[- ](?:as[- ])?compromised|marked (?:as )?compromised)\b/, when: (f) => f.names === 0 },
  { name: 'risk words', intent: 'risk.user', weight: 2, pattern: new RegExp(`\\b${RISK}\\b`) },
  { name: 'risk words', intent: 'risk.users', weight: 2, pattern: new RegExp(`\\b${RISK}\\b`) },
  { name: 'risk words', intent: 'risk.workload', weight: 1, pattern: new RegExp(`\\b${RISK}\\b`) },
  { name: 'a person at risk', intent: 'risk.user', weight: 2.5, pattern: new RegExp(`\\b${RISK}\\b`), when: HAS_OBJECT },
  // "users at risk at the moment, with their department": a list of people, whatever pronoun follows.
  { name: 'a list of people at risk', intent: 'risk.users', weight: 1, pattern: /^(?:(?:show|list|give)(?: me)? )?(?:the )?(?:users|accounts|people) (?:at risk|flagged|(?:who are |that are )?(?:risky|at risk))\b/ },
  // "who in Finance is flagged risky?", "anyone in the VPN Users group at risk?": the list narrowed to those people.
  { name: 'people at risk among', intent: 'risk.users', weight: 5, pattern: both(RISK, String.raw`(?:who|anyone|anybody|any ?one|someone|somebody|people|users|staff|employees|members)\b(?: else)?(?: (?:is|are))? (?:in|from|of|at|among) (?:the )?(?:<name>|[a-z][\w&-]*)`), when: (f) => !f.person || f.names > 0 },
  { name: 'people at risk', intent: 'risk.users', weight: 2, pattern: both(RISK, String.raw`(?:users|accounts|people|who(?:'s| is| are| got| was| had| has| have)|anyone|any new|how many|list|show|please)\b`) },
  // "has anybody dismissed a risky app before?": a decision asked about, never a request to make one ("confirm the
  // Inventory Sync service principal is compromised" is the mitigation).
  { name: 'an app risk decided', intent: 'risk.workload', weight: 5, pattern: /\b(?:dismiss(?:ed)?|confirm(?:ed)?|remediat(?:ed)?)\b.{0,30}\b(?:risky )?(?:apps?|applications?|service principals?|workload identit(?:y|ies))\b/, when: (f) => !f.action },
  // "payroll connector risky sign-ins, which credential did they use", "what did the payroll connector detection see":
  // an app's risky sign-ins and detections are its workload-identity risk story, not its sign-in log.
  // "sign-in audience of the partner portal app", "is it multi-tenant?": who may sign in to an app, from its registration.
  { name: "an app's sign-in audience", intent: 'app.info', weight: 9, pattern: SIGN_IN_AUDIENCE },
  { name: "an app's risky sign-ins", intent: 'risk.workload', weight: 8, pattern: /\b(?:risky|suspicious) (?:<name> |<app> |[\w-]+ [\w-]+ )?(?:sign[- ]?ins?|signins?|logins?|log[- ]?ins?|activity|access)\b|\b(?:risk )?detections?\b|\banomal(?:y|ies|ous)\b|\bmade (?:it|<name>|them) (?:risky|flagged)\b|\bwhy (?:is|was) (?:it|<name>) (?:risky|flagged|at risk)\b/, when: (f) => f.app && f.names === 1 },
  { name: 'apps at risk', intent: 'risk.workload', weight: 4, pattern: both(RISK, String.raw`(?:apps?|applications?|service principals?|sps?|workload(?: identit(?:y|ies))?)\b`) },

  // "who changed Bob's risk state?", "when did her risk level drop?": the person's risk history, not the directory's
  // audit log (risk decisions are not directory changes).
  { name: 'who changed the risk', intent: 'risk.user', weight: 8, pattern: /\bwho\b.{0,30}\b(?:changed|updated|reset|cleared|lowered|raised|modified|touched|set|closed)\b.{0,40}\brisk(?:y)?\b|\bwhen did\b.{0,40}\brisk(?: level| state)?\b.{0,15}\b(?:change|go|drop|clear|rise|get)\b/, when: (f) => f.person },
  // "detections for grace clarke?": a person's risk detections; "risk detections this week?", "which users got
  // remediated this month?": the risky users, nobody named.
  { name: "a person's detections", intent: 'risk.user', weight: 5, pattern: /\bdetections?\b/, when: (f) => f.person && !f.app },
  { name: 'detections or remediations, nobody named', intent: 'risk.users', weight: 5, pattern: /^(?!.*\b(?:workload|service principals?|apps?|applications?|sps?)\b)(?:.*)(?:\b(?:risk )?detections\b|\b(?:users|people|accounts|who|anyone|anybody)\b.{0,30}\b(?:remediated|dismissed|confirmed compromised|confirmed safe)\b)/, when: (f) => !f.person },
  // "what happens when I confirm a user compromised?", "if I revoke someone's sessions, does it sign them out …?",
  // "what are the steps to dismiss user risk", "can I dismiss risk for several users at once?": how a mitigation works.
  // "what does 'confirm compromised' actually do to the user?": what a mitigation does, not a person's risk.
  { name: 'what a mitigation does', intent: 'docs.answer', weight: 16, pattern: /\bwhat (?:does|do|will|would) (?:<quote> |['"‘“])?(?:confirm(?:ing)? (?:a user )?(?:as )?compromised|dismiss(?:ing)? (?:the |a user'?s? )?risk|revok(?:e|ing) (?:all )?sessions?|confirm(?:ing)? (?:as )?safe|mark(?:ing)? (?:as )?(?:safe|compromised))['"’”]? (?:actually |really |exactly )?do\b/ },
  { name: 'how a mitigation works', intent: 'docs.answer', weight: 10, pattern: /\bwhat happens (?:if|when)\b.{0,40}\b(?:confirm|dismiss|revoke|disable|block|mark)\w*|^(?:and |so )?if (?:i|we|you) (?:confirm|dismiss|revoke|disable|block|mark)\w*\b.{0,80}\b(?:does|do|will|would|is|are|can)\b|\b(?:steps|how) to (?:confirm|dismiss|revoke|disable|block|remediate)\w*\b|\bcan (?:i|we|you) (?:confirm|dismiss|revoke|disable)\w*\b.{0,40}\b(?:several|multiple|many|bulk|at once|in bulk|more than one)\b/ },
  // Who closed a risk case: the risk history says ("who dismissed it?", "who confirmed him compromised?").
  // "has sam secadmin dismissed anything lately?": what one admin closed, across the risky users.
  { name: 'what an admin closed', intent: 'risk.users', weight: 9, pattern: /\b(?:has|have|did)\s+<name>\s+(?:dismissed|dismiss|confirmed|confirm|remediated|closed|close)\s+(?:anything|any ?(?:one|body)|any (?:risks?|users?|detections?|risky users?))\b/ },
  { name: 'who closed the risk', intent: 'risk.user', weight: 6, pattern: /\bwho (?:dismissed|confirmed|remediated|closed|cleared|resolved|marked)\b/ },

  // Acting on risk.
  { name: 'remediation asked', intent: 'risk.remediate', weight: 6, when: (f) => f.action },
  // "payroll connector is high risk, disable the service principal": an order given after what was seen.
  { name: 'an order after a comma', intent: 'risk.remediate', weight: 4, pattern: /(?:^|[,.;:!?—–]\s*|\s-\s*)(?:please\s+|pls\s+|now\s+|so\s+|then\s+|just\s+)?(?:disable|revoke|dismiss|confirm|block|suspend|deactivate|kill|lock)\b(?![^,.;!?]*\?)/, when: (f) => f.action },
  { name: 'remediation verbs', intent: 'risk.remediate', weight: 2, pattern: /\b(?:please|pls|now|can you|could you|make (?:her|him|them) sign in)\b/, when: (f) => f.action },

  // Who someone is.
  { name: 'who is someone', intent: 'user.info', weight: 3, pattern: /^(?:who(?:'s| is)|look ?up|lookup|find|show(?: me)?(?: user)?|details (?:for|of|on)|info (?:on|for|about)|show me info on|profile (?:of|for)|tell me about)\s+(?:the\s+)?(?:user\s+|guest\s+)?<name>\s*\??$|^(?:the\s+)?<name>\s*[-–—:,]\s*who(?:'s| is) (?:it|that|he|she|this|they)\s*\??$/ },
  // "Dvaid Khan office city?", "megan - dept and manager", "lee gu title?": a person's fields, tersely.
  { name: "a person's fields, tersely", intent: 'user.info', weight: 6, pattern: /^(?:<name>|(?:his|her|their)\b)\s*(?:'s|’s)?\s*[-–—:,]?\s*(?:(?:office|city|location|department|dept|title|job(?: title)?|manager|boss|phone(?: number)?|mobile(?: number)?|e-?mail(?: address)?|upn|country|company|employee id|hire date|start date|usage location|account status|status)\s*(?:and|&|,|\/|or|\+)?\s*){1,3}[?!.]*$/, when: (f) => f.person || f.pronoun },
  { name: 'headcount', intent: 'user.info', weight: 3, pattern: /\bhead ?counts?\b/ },
  // "ok and who manages her?", "did she ever register any auth method?", "what MFA does this person have on file?": a
  // fact of the person's account, asked after their diagnosis.
  // "have they set up any authenticator at all?", "does she have MFA set up": a person's registered methods.
  // "did megan register a new phone for mfa?", "when did he set up his authenticator": a registration is an event in the
  // audit log ("User registered security info"); whether methods are set up at all is the account's.
  { name: 'a method registered, when', intent: 'audit.changes', weight: 9, pattern: /^(?!.*\b(?:cant|can't|cannot|fail\w*|stuck|prompt\w*|keeps?|won'?t)\b).*(?:\b(?:did|has|have|had)\s+(?:\S+\s+){0,3}?(?:register(?:ed)?|set ?up|add(?:ed)?|change(?:d)?)\s+(?:a\s+|an\s+|her\s+|his\s+|their\s+|the\s+)?new\s+(?:phone|number|authenticator|mfa|security info|passkey|fido|device|method)|\bwhen did\s+(?:\S+\s+){0,3}?(?:register|set ?up|add|change)\b.{0,25}\b(?:phone|authenticator|mfa|2fa|security info|passkeys?|fido2?|methods?)\b)/ },
  // "why was the Azure management block turned off, and by who", "what happened to the 'Require MFA for all users' policy
  // lately?", "last conditional access change - what and who", "who was added to a privileged role": changes, in the
  // audit log.
  // "… was her account disabled and by who?": the change, from the audit log.
  { name: 'an account changed, by whom', intent: 'audit.changes', weight: 10, pattern: /\b(?:was|were|is)\s+(?:his|her|their|the|<name>(?:\s*'s)?)\s+account\s+(?:disabled|deleted|blocked|locked|changed|turned off)\b.{0,25}\b(?:by (?:who|whom)|who did)\b/ },
  // "who failed the admin mfa policy": the sign-ins that policy failed.
  // "users with 65001 lately": people with an error, in the sign-in log.
  { name: 'people with an error', intent: 'signin.list', weight: 7, pattern: new RegExp(peopleWithAnError('<code>')) },
  { name: 'who failed a policy', intent: 'signin.list', weight: 15, pattern: /\b(?:who|which (?:users|people|accounts|guests)|any(?:one|body)|how many (?:users|people|accounts|guests)) (?:has |have |had )?(?:failed|fails|hit|hits|tripped|triggered|got caught by|got blocked by) (?:the\s+)?(?:<policy>|[\w-]+(?: [\w-]+){0,4} polic(?:y|ies)\b)/ },
  { name: 'a policy or role changed', intent: 'audit.changes', weight: 12, pattern: /\b(?:turned|switched|set) (?:off|on)\b.{0,30}\b(?:by (?:who|whom)|who did)\b|\bwhat (?:happened|has happened|changed|has changed) (?:to|with|on) (?:the )?(?:<policy>|[\w-]+(?: [\w-]+){0,3} polic(?:y|ies)\b)|\b(?:last|latest|recent|most recent|newest)\s+(?:conditional access|ca|policy)\s+(?:change|changes|edit|edits|update|updates)\b|\bwho (?:was|were|got|has been|have been) (?:added|assigned|given|granted) (?:to )?(?:an? |the )?(?:[\w-]+ )?(?:roles?\b|<role>)/ },
  // "does the password change policy … actually enforce anything yet or is it still a trial", "do guests need mfa?":
  // what a policy does or whom it covers.
  { name: 'a policy enforced or not', intent: 'policy.info', weight: 8, pattern: /^(?!.*\b(?:how (?:do|can|should|would|to)|can you|could you|would you|please|pls|turn(?:ing)?|switch(?:ing)?|make)\b).*?(?:\bpolic(?:y|ies)\b.{0,60}\b(?:enforc\w*|report[- ]only|in trial|a trial|still a trial|live yet|in effect)\b|^(?:(?:and|so)[\s,]+)?(?:do|does) (?:guests?|admins?|administrators|users|everyone|external users|members|contractors) (?:need|require|have to (?:do|use|pass)) mfa\b)/ },
  { name: 'methods set up', intent: 'user.info', weight: 5, pattern: /^(?!.*\b(?:cant|can't|cannot|wants?|asks?|asking|prompts?|prompting|requires?|keeps?|won'?t|fails?|failing|stuck|loop|looping|expired|broken)\b)(?:.*)(?:\b(?:set ?up|registered|enrolled|configured|added)\b.{0,25}\b(?:authenticator|mfa|2fa|security info|passkeys?|fido2?|methods?)\b|\b(?:authenticator|mfa|2fa|passkeys?|fido2?)\b.{0,20}\b(?:set ?up|registered|enrolled|configured)\b)/, when: (f) => f.person },
  // "megan bowen: account enabled? MFA methods? any risk?": the account page answers all three.
  { name: 'account, MFA and risk', intent: 'user.info', weight: 9, pattern: both(String.raw`(?:account (?:still )?(?:enabled|disabled|active|inactive|on|off)|(?:enabled|disabled|active)\b)`, String.raw`(?:(?:mfa|2fa|methods?|authenticator)\b.*\b(?:risk|risky|riskey|at risk)|(?:risk|risky|riskey|at risk)\b.*\b(?:mfa|2fa|methods?|authenticator))`), when: (f) => f.person },
  // "alex wilber risky? mfa registered?", "is she at risk, does she have MFA?": the person's risk, whose story says
  // whether they have a method to clear it with (the account page answers when the account's state is asked too).
  { name: 'risk and MFA of a person', intent: 'risk.user', weight: 6, pattern: both(String.raw`(?:risky|riskey|at risk|risk level|flagged|compromised)\b`, String.raw`(?:mfa|2fa|authenticator)\b`), when: (f) => f.person },
  // "when was Chen Gomez's account created?": the account page says when (the audit log keeps only 30 days); who
  // created it is the audit log's.
  { name: 'when an account was created', intent: 'user.info', weight: 10, pattern: /^(?!.*\bwho\b|.*\bby whom\b)(?:.*)\bwhen (?:was|were|did) (?:<name>(?:\s*'s)? (?:guest |user |member )?account\b|(?:his|her|their) (?:guest |user |member )?account\b|(?:the|that|this) account\b|it\b|<name>|(?:he|she|they)\b).{0,15}\b(?:created|made(?!\s+(?:an?|the|into|as|global|admin|owner|member)\b)|set up|provisioned|get created|invited)\b|\bwhen did (?:<name>|he|she|they) (?:join|start)(?: (?:the )?(?:company|us|the org\w*|here|with us))?\s*[?.!]*$/, when: (f) => f.person && !f.app },
  // "has he accepted the invite?", "is Nestor's invitation still pending?": the guest's invitation state is on their page.
  { name: 'invitation accepted', intent: 'user.info', weight: 8, pattern: /^(?!.*\bwho\b|.*\bwhen\b)(?:.*)(?:\b(?:accepted|redeemed|accept|redeem)\b.{0,30}\binvit\w*|\binvit\w*\b.{0,30}\b(?:accepted|redeemed|pending|still open)\b)/, when: (f) => f.person },
  // "name of our HR Director?": who holds a title.
  { name: 'the name of a title', intent: 'user.info', weight: 5, pattern: /\bname of (?:the |our |my )?<name>|<name>'?s? name\b/, when: (f) => f.person },
  // "I need Joni Sherman's object ID for a script": an identifier on the account page.
  { name: 'an account identifier', intent: 'user.info', weight: 5, pattern: /\bobject ?ids?\b|\buser ?principal ?names?\b|\bupns?\b|\bimmutable ?id\b|\bsign-?in names?\b/, when: (f) => f.person },
  { name: 'account facts asked of someone', intent: 'user.info', weight: 5, pattern: /\bwho manages\b|\bmanaged by whom\b|\bregister(?:ed)? (?:any |an |a |for )?(?:mfa |auth(?:entication)? |sign-in |security )?(?:methods?|info)\b|\b(?:mfa|auth(?:entication)? methods?)\b.{0,30}\bon file\b|\bon file\b.{0,20}\bmfa\b/, when: (f) => f.person },
  { name: 'about someone', intent: 'user.info', weight: 2, pattern: /\b(?:tell me about|details|info|information|profile|look ?up|lookup)\b/ },
  // "what's nestor's email?", "whats his mail": a person's own mail address is on their account page.
  { name: 'mail address', intent: 'user.info', weight: 3, pattern: /(?<!\b(?:get|gets|getting|got|open|opens|opening|read|reading|access|accessing|check|checking|receive|receiving|see|send|sync|syncing|load|loading)\s)(?:\b(?:his|her|their)|<name>\s*(?:'s|’s|s)?) (?:e-?mail|mail)(?: address)?\b|\b(?:e-?mail|mail) address (?:of|for) (?:<name>|(?:him|her|them)\b)/ },
  // "where is he based?", "which team are they on?": where a person works and in which team, from their account.
  { name: 'where a person works', intent: 'user.info', weight: 5, pattern: /\bwhere (?:is|are) (?:he|she|they|<name>) (?:based|located|sitting|working(?: from)?)\b|\b(?:which|what) (?:team|department|dept|office) (?:is|are) (?:he|she|they|<name>) (?:on|in|part of|with|at)\b/ },
  // "wei russo - what's his job and office", "who is she, what does she do?", "email of the VP of Sales pls", "is Bianca
  // still active? she left HR": a person's job, office, address or whether the account still works, asked of them.
  { name: 'a person at work', intent: 'user.info', weight: 7, pattern: /\bwhat(?:'s| is| are) (?:<name>\s*'s|his|her|their) (?:job|role here|position|office|work address|e-?mail|phone|location)\b|\bwhat (?:does|do) (?:he|she|they|<name>) do\b(?!.{0,30}\b(?:sign|log|fail|error|wrong|break|block))|\b(?:e-?mail|phone|mobile|office|title|job) (?:address )?(?:of|for) (?:the )?<name>|\b(?:is|are) (?:<name>|(?:he|she|they)\b) still (?:active|around|here|employed|with us|enabled|on the books)\b|\b(?:is|are) (?:he|she|they) (?:important|senior|a manager|a vip|vip|an exec|an executive)\b/, when: (f) => f.person || f.pronoun },
  // "when did they last change the password?": the account's last password change (a fact of the account).
  { name: 'last password change', intent: 'user.info', weight: 10, pattern: /\bwhen (?:did|has|have) (?:<name>|he|she|they|the user|the account)\b.{0,15}\blast (?:change|changed|reset|update|updated) (?:the|their|his|her|its) (?:own )?password\b|\b(?:last )?password (?:last )?(?:change|changed|reset) (?:date|time)\b/ },
  // "yara clarke, where she sit (office)?", "deepa quinn office where", "emma gomez, devops - office?": where a person works.
  { name: 'where a person sits', intent: 'user.info', weight: 6, pattern: /\bwhere (?:does |do |is |are )?(?:he|she|they|<name>)(?:\s*'s)? (?:sit|sits|sitting|work|works|working|based|located)\b|^<name>.{0,25}\boffice(?: where| location| address)?\s*\??\s*$|\boffice where\b/, when: (f) => f.person },
  { name: 'account facts', intent: 'user.info', weight: 3, pattern: /(?<!<name>\s(?:[\w-]+\s)?)\bmanager\b|\bmanager\b(?!\s*[-–—:,]\s*\S)|\b(?:boss|supervisor|line manager|job title|title|department|dept|account (?:still )?(?:active|inactive|on|off|live)|phone numbers?|mobile numbers?|(?:business|office|work|mobile|cell) phones?|what (?:he|she|they) (?:does|do) (?:here|for us|for a living)|e-?mail (?:and|&) phone|contact (?:details|info)|account (?:enabled|disabled)|enabled|disabled|a guest|synced|on-prem|created|mfa methods|registered for|registered|methods|change (?:his|her|their) password|last change|upn|user principal name|e-?mail address(?:es)?|(?:their|his|her|the) e-?mails|sign-in name|licen[cs]es?|licensed|based|office location|usage location|phone number|reports? to|direct reports)\b|\b(?:have|has|got|set ?up|enrolled)\b.{0,15}\bmfa\b|\b(?:use|do|pass|complete|perform)\s+mfa\b|\bmfa[- ]capable\b|\bmfa\b.{0,12}\b(?:ok|okay|fine|good|set|status|state|look)\b|\bmfa\b.{0,15}\b(?:set ?up|registered|enrolled|methods?)\b/ },

  // Group memberships of someone.
  { name: "someone's groups", intent: 'user.groups', weight: 4, pattern: /\b(?:groups|group memberships?|memberships?(?! rule)|security groups|(?:which|what|his|her|their|the) teams(?! (?:app|client|on|blocked|fails|failing|not|won'?t|keeps|crash)))\b|(?:<name>|he|she|they).{0,30}\b(?:a member of|member of|belongs? to|part of)\b/, when: (f) => f.names > 0 || f.pronoun },
  // ("is raul in it?" after a group's page: that group.)
  { name: 'is X in Y', intent: 'user.groups', weight: 3, pattern: /\b(?:is|does)\s+<name>\s+(?:a member of|in|on|belong to|part of)\s+(?:the\s+)?(?:<name>|(?:it|that group|this group|the group|that team|this team)\s*[?.!]*$)/ },
  { name: 'are they in Y', intent: 'user.groups', weight: 4, pattern: /\b(?:is|are)\s+(?:he|she|they|them|both|either of them)\s+(?:still\s+)?(?:in|a member of|members of|part of)\s+(?:the\s+)?<name>/ },
  // "isaiah langer in the IT Staff group - yes or no?", "is that user a member of the HR Portal Users group?": a yes or no.
  { name: 'in that group, yes or no', intent: 'user.groups', weight: 8, pattern: /^(?:so\s+|and\s+|quick(?: one)?[:,-]?\s+)?(?:is\s+)?(?:<name>|he|she|they|that (?:user|person|guy|account)|this (?:user|person|account)|the user)\s+(?:still\s+|already\s+|even\s+|really\s+)?(?:in|a member of|member of|part of|inside)\s+(?:the\s+)?<name>(?:\s+group)?\b(?:.*\byes or no\b|\s*\?\s*$|\s*\?\s*\((?:including |incl\.? |with |counting )?nested(?: counts| too| included| groups)?\)\s*$)|^<name>\s*[-–—:,]\s*(?:a\s+)?(?:member of|in|part of)\s+(?:the\s+)?<name>(?:\s+group)?\s*\?/ },
  // "why is he high?", "why is Alex medium risk?": the story behind a person's risk level.
  { name: 'why that level', intent: 'risk.user', weight: 7, pattern: /\bwhy (?:is|was|are|were) (?:<name>|he|she|they|that (?:user|person|account)|the top one|the first one) (?:so |still |now )?(?:high|medium|low|risky|flagged|at risk)\b/ },
  // "Is Miriam Graham some kind of admin?", "is he an admin?": the roles that person holds.
  { name: 'is someone an admin', intent: 'role.assignments', weight: 7, pattern: /\b(?:is|are) (?:<name>|he|she|they|that (?:user|person)) (?:(?:still|even|actually|really) )?(?:an? |some (?:kind|sort) of |any (?:kind|sort) of )?(?:admin|administrator|privileged (?:user|account|admin))s?\b/ },
  // "Nestor Wilke the guest - who sent the invite, and when?", "who invited him?": the audit log's invitation.
  { name: 'who sent the invite', intent: 'audit.changes', weight: 7, pattern: /\bwho (?:sent|issued|created|made) (?:(?:him|her|them) )?(?:the |his |her |their |that )?(?:guest |b2b )?invit(?:e|ation)s?\b|\bwho (?:brought|let|added) (?:him|her|them|<name>) in(?:to the tenant)? as an? (?:guest|external)\b/ },
  // "who was the last person added to a group?", "latest 'add member to group' event?", "who took her off?",
  // "how many people changed their own password yesterday?": changes, from the audit log.
  { name: 'the latest change of a kind', intent: 'audit.changes', weight: 7, pattern: /\b(?:last|latest|newest|most recent|recent) (?:person|user|member|one|guest|admin|people|members|users|guests) (?:to be |who was |who were |that was )?(?:added|invited|removed|assigned)\b|(?:'|<quote>\s*)[a-z][a-z ]{3,60}'?\s*(?:events?|entr(?:y|ies)|activit(?:y|ies)|changes?)\b|\bwho took (?:her|him|them|it|<name>) (?:off|out)\b|\bwho took (?:the |its |their )?owners? (?:off|away|out)\b|\b(?:ca|conditional access) polic(?:y|ies) (?:modifications|edits|changes|updates)\b|\bpolic(?:y|ies) modifications\b|\bnew (?:user )?(?:accounts?|users?|guests?) (?:been )?(?:added|created|invited)\b|\bchanged (?:their|his|her) (?:own )?passwords?\b/ },
  // "who did the disable?", "who did the reset?": who made the change just shown.
  { name: 'who did the change', intent: 'audit.changes', weight: 7, pattern: /\bwho did the (?:disable|disabling|reset|resets|change|changes|removal|deletion|delete|invite|invitation|dismiss(?:al)?|block|unblock|assignment|edit|update)\b/ },
  // "what's the error?", "which error codes?" after sign-ins were shown: the errors of those sign-ins.
  { name: 'the errors of the sign-ins shown', intent: 'signin.list', weight: 5, pattern: /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:what'?s|what is|what are|what were|which) (?:the |their )?(?:errors?|error codes?|codes?|failure reasons?)(?: (?:they|he|she) (?:got|get|hit|see|saw))?\s*[?.!]*$/, when: (f) => !f.code && f.names === 0 },
  // "did someone add a secret to that app recently?", "was a credential added to it just before?": the audit log.
  { name: 'a credential added', intent: 'audit.changes', weight: 8, pattern: /^(?!.*\b(?:risky|risk|alert|flagged)\b).*?(?:\b(?:did|has|have|had|was|were)\b.{0,30}\b(?:add|added|create|created|rotate|rotated|upload|uploaded|remove|removed)\b.{0,20}\b(?:secrets?|credentials?|certs?|certificates?|client secrets?)\b|\b(?:secrets?|credentials?|certs?|certificates?|keys?) (?:been |was |were |got )?(?:added|created|rotated|uploaded|removed)\b)/ },
  // "payroll connector credentials changed - by who and when": who made a change.
  { name: 'changed, by whom', intent: 'audit.changes', weight: 6, pattern: /\b(?:changed|modified|updated|added|removed|rotated|deleted|edited|touched)\b.{0,30}\bby (?:who|whom)\b/ },
  // "adele vance used to be risky, what changed?": the story of a risk that is closed now.
  // "can you check whether thomas johnson is still at risk", "what's going on with alan clarke's risk": the person's risk.
  { name: 'whether someone is at risk', intent: 'risk.user', weight: 8, pattern: /(?:\b(?:is|was|are)\s+(?:<name>|he|she|they|him|her)|(?:<name>|\b(?:he|she|they))\s+(?:is|was|are))\s+(?:still\s+|currently\s+|now\s+|actually\s+)?(?:at risk|flagged|high[- ]risk)\b|(?:<name>\s*'s|\b(?:his|her|their))\s+(?:user\s+)?risk\b(?!\s+(?:policy|policies))/, when: (f) => f.person && !f.action },
  { name: 'risk that was', intent: 'risk.user', weight: 8, pattern: /\b(?:used to be|was|were) (?:risky|at risk|flagged)\b|\bno longer (?:risky|at risk|flagged)\b/, when: (f) => f.person },
  // "error 50057 - user account is disabled? what should helpdesk do": what to do about an error, of no one named.
  { name: 'what to do about an error', intent: 'docs.answer', weight: 8, pattern: /\bwhat (?:should|do|can|must) (?:i|we|the helpdesk|helpdesk|help desk|the help desk|the user|users|they) (?:do|tell)\b|\bhow (?:do|can|should) (?:i|we) (?:fix|handle|deal with|resolve) (?:it|this|that)\b/, when: (f) => f.code && f.names === 0 && !f.pronoun },
  // "which at-risk user has been sitting there the longest?", "oldest open risky user?": the list, in that order.
  { name: 'the longest open', intent: 'risk.users', weight: 7, pattern: /\b(?:sitting|open|waiting|at risk|been there|unresolved)\b.{0,20}\b(?:the )?longest\b|\boldest (?:open |unresolved |still open )?(?:risky|at-risk|flagged)\b|\b(?:which|what) (?:open |at-risk |risky )*(?:user|person|account) (?:has been|is|was) (?:sitting|open|waiting)\b/ },
  // "what risk detections does Felix Williams have and where from?": that person's risk story.
  { name: 'a person\'s detections', intent: 'risk.user', weight: 7, pattern: /\b(?:detections?|risk events?) (?:does|did|do|has|have) (?:<name>|(?:he|she|they)\b)|(?:<name>|\b(?:he|she|they))(?:'s)? (?:risk )?detections\b/ },
  // "Whose passwords were reset by an admin this week?", "Isaiah got Global Administrator — when and who did it",
  // "lee gu got disabled — who did it and when?": changes made, asked of the audit log.
  { name: 'what was done, by whom', intent: 'audit.changes', weight: 8, pattern: /\bwhose (?:passwords?|accounts?|roles?|groups?|memberships?|mfa|methods?) (?:were|was|got|have been|has been)\b|\b(?:got|was|were|been) (?:\w+ )?(?:<role>|(?:disabled|enabled|deleted|added|removed|reset|invited|promoted|demoted)\b).{0,20}\b(?:who did (?:it|that|this)|by (?:who|whom)|who (?:made|gave|granted))\b/ },
  // "examples of questions pls", "What data sources do you look at?": about the assistant.
  { name: 'about the assistant', intent: 'help', weight: 10, pattern: /^(?:(?:some|any|give me|show me)\s+)?examples? (?:of )?(?:questions|things to ask|prompts)\b|\b(?:show|give|send|tell) me (?:some |a few |a couple of |an? )?(?:examples?|sample questions|ideas)\s*(?:please|pls)?\s*[?.!]*$|\b(?:a )?list of (?:things|questions|stuff|commands) (?:i|we) (?:can|could|should|may) (?:ask|type|say)\b|\bthings (?:i|we) (?:can|could|should|may) ask(?: you)?\b|\bwhat (?:data|data sources|sources|information) do you (?:look at|use|read|have|see)\b|\bwhere do you get (?:your|the) (?:data|information)\b/ },
  // "Explain Zane Thompson's sign-in problems please.", "pull up X's sign-in failures and explain them": a diagnosis.
  { name: 'a person\'s failures explained', intent: 'signin.troubleshoot', weight: 9, pattern: /\b(?:explain|pull up|look into|dig into|investigate|go through)\b.{0,60}\b(?:sign[- ]?in|log[- ]?in|login|access|authentication|mfa)? ?(?:failures|problems|issues|errors|troubles?|failed attempts)\b|\b(?:sign[- ]?in|log[- ]?in|login) (?:failures|problems|issues|errors)\b.{0,30}\bexplain\b/, when: (f) => f.person || f.app },
  // "HR Portal access errors — cause?", "Outlook sign-in errors, why?": what makes an app fail.
  { name: 'errors, cause?', intent: 'signin.troubleshoot', weight: 6, pattern: /\b(?:errors?|failures?|failed (?:logins?|log-?ins?|sign-?ins?|attempts)|problems?|issues?)\b.{0,40}[—–,:.;-]\s*(?:cause|why|reason|root cause|what'?s up|what'?s going on|any idea(?: why)?)\b/, when: (f) => f.person || f.app },
  // "the payroll connector is it failing to authenticate?": whether, and why, an app fails.
  { name: 'is it failing', intent: 'signin.troubleshoot', weight: 6, pattern: /\b(?:is|are) (?:it|they|he|she) (?:still )?(?:failing|erroring|broken|blocked)\b/, when: (f) => f.person || f.app },
  // "show me users on IMAP4 in November", "who is on POP3": people by the mail protocol their sign-ins use.
  { name: 'users on a protocol', intent: 'signin.list', weight: 7, pattern: /\b(?:users|people|accounts|who(?:'s| is| are)?|anyone|anybody)\b.{0,20}\b(?:on|using|via|over|with)\s+(?:imap4?|pop3?|smtp|authenticated smtp|activesync|exchange activesync|legacy auth\w*|basic auth\w*)\b/ },
  // "what happened to the Project Falcon group? any changes logged", "Service principal updates in November: who is
  // making them?": changes asked of the audit log.
  // "any conditional access policies updated in november?", "any new global admins lately?": changes over a time.
  { name: 'things changed lately', intent: 'audit.changes', weight: 7, pattern: /\b(?:polic(?:y|ies)|groups?|apps?|service principals?|roles?|<policy>|<role>)s? (?:been |got |get |were |was )?(?:updated|modified|edited|changed|touched|deleted|renamed)\b|\bany new (?:<role>|(?:global |privileged |user |security )?admin(?:istrator)?s\b).{0,25}\b(?:lately|recently|this (?:week|month)|last (?:week|month)|since\b|in the last)/ },
  // "nobody disabled Lee Gu, right?", "Lee Gu was not disabled by anyone, was he?": whether someone did it is in the audit log.
  { name: 'whether anyone did it', intent: 'audit.changes', weight: 8, pattern: /\b(?:nobody|no one|no-one|noone|anyone|anybody|someone|somebody) (?:has |had |ever )?(?:disabled|enabled|deleted|removed|added|reset|changed|invited|blocked|unblocked|promoted|touched)\b|\b(?:was|were|has been|have been|got|wasn'?t|weren'?t|hasn'?t been) (?:not |never )?(?:disabled|enabled|deleted|removed|added|reset|changed|invited|promoted|touched) by (?:anyone|anybody|someone|somebody|an admin|any admin|whom|who)\b/ },
  // "who's high risk right now and what happened to them?", "who became risky since Monday?": the risky users, listed.
  { name: 'who is at a risk level', intent: 'risk.users', weight: 9, pattern: /^(?:so\s+|and\s+|ok\s+)?(?:who(?:'s| is| are)|which (?:users?|people|accounts?) (?:is|are))\s+(?:at\s+)?(?:high|medium|low)(?:[- ]risk)?\b|\bwho (?:became|turned|got|went|has become|have become) (?:risky|high[- ]risk|at risk|flagged)\b/, when: (f) => f.names === 0 },
  // "Could you check whether Alan Clarke is still flagged as risky?": that person's risk.
  { name: 'whether a person is flagged', intent: 'risk.user', weight: 7, pattern: /\b(?:still |currently |now )?(?:flagged|marked|listed|considered|showing|shown) (?:as )?(?:risky|at risk|high[- ]risk|compromised)\b/, when: (f) => f.person },
  // "pedro jensen mfa?", "mfa status for megan": whether that person has MFA set up.
  { name: 'a person and mfa, tersely', intent: 'user.info', weight: 6, pattern: /^(?:<name>\s*(?:'s)?\s*[-:,]?\s*(?:mfa|2fa|multi[- ]?factor)(?: (?:status|methods?|registered|registration|setup|set up))?|(?:mfa|2fa)(?: (?:status|methods?|registration))? (?:for|of) <name>)\s*[?.!]*$/ },
  // "can you check the audit log for her": the audit log asked for by name, whatever the story before it says.
  { name: 'the audit log asked for', intent: 'audit.changes', weight: 9, pattern: /\b(?:check|look (?:at|in|into|through)|search|go through|pull|read|open|dig (?:in|into|through))\s+(?:the\s+|our\s+)?(?:directory\s+)?audit (?:logs?|trail|history|records?)\b/ },
  // "any edits to the Require MFA for all users policy lately?", "latest updates on the VPN Users group?": the changes
  // made to that named thing, not its page.
  { name: 'changes to a named thing', intent: 'audit.changes', weight: 8, pattern: /\b(?:changes|edits|updates|modifications|amendments|tweaks)\s+(?:made\s+|done\s+)?(?:to|on|of|in)\s+(?:the\s+|that\s+|this\s+|our\s+)?(?:<policy>|<name>|<role>)/ },
  { name: 'changes logged', intent: 'audit.changes', weight: 7, pattern: /\bany (?:changes|edits|updates) (?:logged|recorded|in the (?:audit )?logs?)\b|\b(?:updates|changes|edits) (?:to |on )?(?:service principals?|apps?|groups?|polic(?:y|ies)|users?)?.{0,30}\bwho (?:is|was|are|were) (?:making|doing|behind) (?:them|those|these|it)\b|\b(?:service principal|app|group|policy|user) (?:updates|changes|edits)\b/ },
  // "whats 17% of 2400", "what is 12 * 7": arithmetic.
  { name: 'arithmetic', intent: 'outOfScope', weight: 14, pattern: /\b\d+(?:\.\d+)?\s*%\s*of\s*\d+|\bwhat(?:'s| is)\s+\d+(?:\.\d+)?\s*(?:[-+*/x×]|plus|minus|times|divided by)\s*\d+/ },
  // "error 50140 — what is that 'keep me signed in' thing?": an error code explained.
  { name: 'what is that error', intent: 'docs.answer', weight: 8, pattern: /\bwhat(?:'s| is| does) (?:that|this|it)\b/, when: (f) => f.code && f.names === 0 && !f.pronoun },
  // "last week, whose risk was remediated?", "risk remediated in november - who?": the list of people, not one.
  { name: 'whose risk', intent: 'risk.users', weight: 7, pattern: /^(?!.*\b(?:service principals?|sps?|apps?|applications?|workloads?|workload identit(?:y|ies))\b)(?:.*\bwhose risks? (?:was|were|got|has been|have been)\b|.*\brisks? (?:was |were |got )?(?:remediated|dismissed|cleared|closed|resolved|confirmed)\b.{0,30}\bwho\b)/, when: (f) => !f.person && !f.app },
  // "diagnose sign-in for Kenji Weber", "investigate Megan's login": a diagnosis asked for by name.
  { name: 'diagnose someone', intent: 'signin.troubleshoot', weight: 8, pattern: /\b(?:diagnose|investigate|troubleshoot|debug)\b.{0,40}\b(?:sign[- ]?ins?|log[- ]?ins?|logins?|access|account|mfa|authentication)\b|\b(?:diagnose|investigate|troubleshoot|debug)\s+(?:<name>|(?:him|her|them)\b)/, when: (f) => f.person || f.app },
  // "what did Alan Clarke trip?", "what did he set off?": the detections behind a person's risk.
  { name: 'what a person tripped', intent: 'risk.user', weight: 7, pattern: /\bwhat (?:did|has|have) (?:<name>|he|she|they|that (?:user|person)) (?:trip|tripped|trigger|triggered|set off|hit)\b|\bis (?:<name>|he|she|that (?:user|person)) flagged\b/ },

  // A group itself.
  { name: 'how big a group is', intent: 'group.info', weight: 4, pattern: /\bhow big is (?:the )?<name>|\bsize of (?:the )?<name>|^(?:the )?<name>(?: group| team)?(?:'s)? (?:size|headcount|member count)\b/ },
  { name: 'members of a group', intent: 'group.info', weight: 4, pattern: /\b(?:members? of|how many (?:members|people)|member count|people in|owners? of|who owns|list the groups|groups in the tenant|<name> owners)\b/ },
  // "who can connect to VPN?", "who has access to HR Portal Users?": a group's members (an app's, when the name is an app).
  { name: 'who can reach', intent: 'group.info', weight: 4, pattern: /\bwho (?:else )?(?:can|could|is able to|are able to) (?:connect to|access|use|get (?:into|on|onto|to)|reach|log ?in(?:to)?|sign in to)\s+(?:the\s+)?<name>|\bwho (?:else )?(?:has|have|gets?|got) (?:access to\s+(?:the\s+)?<name>|(?:the\s+)?<name> access)\b/ },
  { name: 'who is in', intent: 'group.info', weight: 5, pattern: /\bwho(?: else)?(?:'s| is| are)? (?:in|a member of|members of)\b/ },
  { name: 'the group', intent: 'group.info', weight: 3, pattern: /\bthe\s+<name>(?:\s+[a-z]+){0,2}\s+(?:group|team)\b|\bgroup\s+<name>/ },
  // "all guests group, what is its rule": the named group's membership rule.
  { name: "a group's rule", intent: 'group.info', weight: 7, pattern: /\bgroup\b.{0,30}\b(?:its|the|their) (?:dynamic )?(?:membership )?rule\b|\bwhat(?:'s| is) (?:its|the) (?:dynamic )?rule\b/ },
  { name: 'group shape', intent: 'group.info', weight: 5, pattern: /\bmembership rule\b|\b(?:zero|no) members\b|\bempty groups?\b|\bgroups? (?:owned by|that <name> owns)\b|\bnested in (?:<name>|(?:it)\b)|^<name> members(?: list)?(?:,? (?:please|plz|thanks|thx|asap))?\s*\??$/ },
  { name: 'group facts', intent: 'group.info', weight: 2, pattern: /\b(?:dynamic|what'?s the <name> group for|group for)\b/ },
  // "how is Legal Department populated?", "how does <group> get its members?", "membership rule of …": the group's rule.
  { name: 'how a group fills', intent: 'group.info', weight: 6, pattern: /\b(?:populated|get(?:s|ting)? (?:its|their) members|membership rules?|dynamic (?:membership )?rules?|assigned or dynamic|membership (?:is |get )?(?:defined|decided|determined|calculated|worked out))\b/, when: (f) => f.names > 0 || f.pronoun },

  // Roles.
  { name: 'a named role', intent: 'role.assignments', weight: 4, when: (f) => f.role },
  // "and what's Christie's role?": a person's role asked outright, whatever the thread was on.
  // ("Kai Kumar - what's their role and who's the manager": a job, with the account's other facts.)
  { name: "a person's role asked", intent: 'role.assignments', weight: 7, pattern: /^(?!.*\b(?:manager|boss|title|department|job|reports? to)\b).*\bwhat(?:'s| is| are)\s+(?:<name>\s*'s|his|her|their)\s+(?:admin |directory |entra )?roles?\b/ },
  // "how many people have directory roles", "how many users hold admin roles": the role holders, counted.
  { name: 'role holders counted', intent: 'role.assignments', weight: 6, pattern: /\bhow many (?:people|users|accounts|persons|principals|of us)\b.{0,12}\b(?:have|hold|got)\b (?:an? |any )?(?:admin|privileged|directory|entra) roles?\b/ },
  { name: 'role words', intent: 'role.assignments', weight: 3, pattern: /\b(?:roles?|role assignments?|directory roles|privileged)\b/ },
  // "which roles does Pradeep have, directly or via groups?", "what role does that group carry?": roles asked for.
  { name: 'which roles', intent: 'role.assignments', weight: 3, pattern: /\b(?:which|what) (?:admin |directory |entra |privileged )?roles?\b|\broles? (?:does|do|did) (?:<name>|(?:he|she|they|it|that group|this group)\b)|\broles?\b.{0,40}\b(?:directly|via groups?|through (?:a |their |his |her )?groups?|group memberships?)\b/ },
  // "what admin rights does Pradeep have?": the roles the person holds.
  // "what else can he do?" after a role's holders: the roles the person holds.
  { name: 'what else may they do', intent: 'role.assignments', weight: 8, pattern: /\bwhat else (?:can|may|could) (?:he|she|they|<name>) (?:do|change|manage|access)\b|\bwhat (?:other )?(?:admin )?(?:powers|rights|privileges) (?:does|do) (?:he|she|they|<name>) have\b/ },
  // "does the Security Operations group hold any role?": roles a group or person holds.
  { name: 'holds a role', intent: 'role.assignments', weight: 5, pattern: /\b(?:hold|holds|carry|carries)\s+(?:any\s+|an?\s+|admin\s+|directory\s+)*(?:roles?\b|<role>)|\b(?:have|has|got|get|gets)\s+(?:any\s+|an?\s+)(?:admin\s+|directory\s+|entra\s+)?(?:roles?|<role>)\b/ },
  // "what else does he hold?" after a role's holders: that person's roles.
  { name: 'what else they hold', intent: 'role.assignments', weight: 8, pattern: /\bwhat (?:else|other roles?) (?:does|do|did) (?:he|she|they|<name>) (?:hold|have|own)\b/ },
  // "is security operations role-assignable?": a property of the group.
  { name: 'role-assignable', intent: 'group.info', weight: 6, pattern: /\brole[- ]assignable\b|\bassignable to roles\b/ },
  // "which company is he from?", "which partner company is she from?": the account's company, or a guest's home.
  { name: 'which company', intent: 'user.info', weight: 8, pattern: /\b(?:which|what) (?:partner |external |home |guest )?(?:company|organi[sz]ation|org|tenant|domain|firm|employer)\b.{0,20}\b(?:is|are|was|does|do) (?:(?:he|she|they)\b|<name>).{0,15}\b(?:from|with|work for|belong to)\b|\bwhere (?:is|are) (?:he|she|they|<name>) from\b/ },
  { name: 'admin rights', intent: 'role.assignments', weight: 5, pattern: /\b(?:admin|administrator|administrative|privileged|elevated)\s+(?:rights|privileges|permissions|powers|access)\b/ },
  { name: 'admin words', intent: 'role.assignments', weight: 2, pattern: /\b(?:an? admin|admins|administrators?|global admin)\b/ },

  // Applications and credentials.
  { name: 'app words', intent: 'app.info', weight: 2, pattern: /\b(?:apps?|applications?|service principals?|enterprise apps?|app registrations?|registrations?)\b/ },
  { name: 'credentials', intent: 'app.info', weight: 3, pattern: /\b(?<!leaked )(?<!leaked user )(?:credentials?|secrets?|certificates?|certs?|expir(?:e|es|ing|ed|y)|permissions|client id|no owners)\b/ },
  { name: 'app id', intent: 'app.info', weight: 4, when: (f) => f.appId },
  // "what is the app id of Expense Tracker": a fact of the app, not a concept.
  { name: "an app's id asked", intent: 'app.info', weight: 5, pattern: /\b(?:app(?:lication)?|client|object) ?ids?\b.{0,20}\b(?:of|for)\s+(?:the\s+)?<name>|<name>\s*(?:'s|app'?s?)?\s+(?:app(?:lication)?|client|object) ?ids?\b/ },
  { name: 'owners', intent: 'app.info', weight: 2, pattern: /\b(?:who owns|owners?)\b/ },
  { name: 'app owners', intent: 'app.info', weight: 6, pattern: /\bwho owns (?:that|this|the) (?:app|application|service principal)\b|\bapps? (?:owned by|that <name> owns)\b/ },

  // What changed.
  // "who did them?" after a list of changes: who made those changes.
  { name: 'who did those', intent: 'audit.changes', weight: 6, pattern: /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?who (?:did|made|performed|approved|granted|ran|issued|sent) (?:them|those|these|that|all of (?:them|those))\s*[?.!]*$/ },
  // "project falcon lost owner how?": how a group or app lost its owner, in the audit log.
  { name: 'an owner lost', intent: 'audit.changes', weight: 7, pattern: /\b(?:lost|losing|lose) (?:its |their |an? |the |his |her )?owners?\b|\bowners? (?:got |was |were |been )?(?:removed|lost|gone|dropped)\b/ },
  { name: 'who did it', intent: 'audit.changes', weight: 8, pattern: /\bwho\s+(?:last\s+|first\s+|most recently\s+|originally\s+|actually\s+)?(?:disable|enable|invite|delete|remove|rename|assign|grant|create|modify|edit|(?:add|reset|change|give|make|put|move|turn|update) (?:<name>|him|her|them|the|that|this|it|his|her|their|\S+ (?:to|from|as|on)\b)|changed|edited|renamed|revoked|added|removed|modified|updated|created|deleted|disabled|enabled|assigned|gave|granted|reset|touched|made|turned|invited|consented|put|placed|moved|switched|shut|flipped|registered|approved|promoted)\b/ },
  // "How did Project Falcon lose its owner?", "how did he get Global Administrator?": the change behind a state.
  { name: 'how it came about', intent: 'audit.changes', weight: 6, pattern: /\bhow did\b.{0,50}\b(?:lose|lost|get|got|gain|become|end up|come to)\b|\bwho gave\b/ },
  // "was anything else changed on his account?", "what else was changed on Lee's account": changes to one object.
  { name: 'was anything changed on it', intent: 'audit.changes', weight: 7, pattern: /\b(?:was|were|has|have|is)\s+(?:anything|something|nothing|stuff)(?:\s+else)?\s+(?:been\s+)?(?:changed|modified|edited|touched|updated|removed|added)\b|\bwhat (?:else )?(?:was|were|has been|got) (?:changed|modified|edited|touched|updated)\b/ },
  // "who can add her? who owns that group": the owners of the group just discussed.
  { name: 'owners of that group', intent: 'group.info', weight: 6, pattern: /\bwho owns (?:that|this|the) group\b|\bowners? of (?:that|this|the) group\b|\bwho (?:can|could|is able to) add (?:him|her|them|people|members|someone) (?:to (?:it|that group|the group))?\b.*\bown/ },
  { name: 'someone changed something', intent: 'audit.changes', weight: 7, pattern: /\b(?:anyone|anybody|someone|somebody|any ?one)\b.{0,20}\b(?:touch(?:ed)?|chang(?:e|ed)|modif(?:y|ied)|edit(?:ed)?|mess(?:ed)? with|consent(?:ed)?|grant(?:ed)?|register(?:ed)?|add(?:ed)? (?:\w+ )?(?:to|themselves|himself|herself)|remov(?:e|ed) (?:\w+ )?from|put (?:\w+ )?in(?:to)?|assign(?:ed)?|invit(?:e|ed)|elevat(?:e|ed)|promot(?:e|ed))\b|\b(?:has |did )?anything (?:been )?(?:chang(?:e|ed)|touched|modified|edited)\b|\banything (?:been )?done (?:with|to|on|about)\b|\b(?:polic(?:y|ies)|account|user|group|role|app|admin|directory|membership) (?:changes|edits|updates)\b|\b(?:last|latest|most recent|recent) (?:change|changes|edit|thing)\b.{0,30}\b(?:made|did|done)\b/ },
  // "When was this policy set to report-only, and by whom?": one past change, asked by when or by whom.
  // "when did Isaiah get that?" after his role: when he came to hold it.
  { name: 'when did they get it', intent: 'audit.changes', weight: 6, pattern: /\bwhen did (?:<name>|he|she|they) (?:get|receive|gain|obtain) (?:that|it|this|the (?:role|access|rights|permission|group|membership))\b/ },
  // "did somebody already revoke bob's sessions?", "were his sessions revoked?": an action in the past is read from
  // history, never offered again (mitigation verbs act only in the imperative).
  { name: 'was it done already', intent: 'audit.changes', weight: 7, pattern: /\b(?:did|has|have|had)\s+(?:(?:some|any)(?:one|body)|(?:an |the )?admins?|(?:the )?help ?desk|we|you|they|it|<name>)\s+(?:already\s+|ever\s+|actually\s+)?(?:revoke|revoked|reset|block|blocked|disable|disabled|re-?enable|re-?enabled|unblock|unblocked)\b|\b(?:were|was|have|has)\s+(?:<name>\s?'?s?|his|her|their|the)\s+(?:sessions?|tokens?|password|account|mfa)\s+(?:(?:already|ever|actually)\s+)?(?:been\s+)?(?:revoked|reset|disabled|blocked|re-?enabled|cleared)\b/ },
  // "has anyone confirmed him compromised?", "was her risk dismissed?": what was decided about a person's risk.
  { name: 'a risk decision asked', intent: 'risk.user', weight: 8, pattern: /\b(?:confirm(?:ed)?|dismiss(?:ed)?|mark(?:ed)?) (?:him|her|them|<name>)?\s?(?:as )?(?:compromised|safe)\b|\b(?:was|were|has|have) (?:his|her|their|<name>'?s?) risk (?:been )?(?:dismissed|confirmed|remediated|closed)\b/, when: (f) => f.person && !f.action },
  // "has anybody revoked Bob's sessions or reset his password since the spray?": what was done about a person's risk.
  { name: 'done about the risk', intent: 'risk.user', weight: 9, pattern: /\b(?:revoked?|reset|dismissed|remediated|done|changed|blocked|disabled)\b.{0,60}\b(?:since|after) (?:the |that |this |his |her |their )?(?:spray|detection|risk|alert|leak|compromise|attack|flag)/, when: (f) => f.person },
  // "when was his account created?": the account's creation date is on its page (the audit log keeps only 30 days);
  // who created it is still the audit log's ("by whom", "who created").
  { name: 'when an account was created', intent: 'user.info', weight: 9, pattern: /\bwhen (?:was|were) (?:<name>|his|her|their|the|this|that)(?:'s|’s)? (?:user )?accounts? (?:first )?created\b(?!.{0,40}\b(?:by whom|who)\b)/ },
  // "when was Block legacy authentication created?": the policy's own date, on its page ("when was it last changed?"
  // is the audit log's: who changed what).
  { name: "a policy's creation", intent: 'policy.info', weight: 10, pattern: /^(?!.*\b(?:who|whom)\b).*\bwhen (?:was|were|did) (?:the |our |that |this )?<policy>(?: polic(?:y|ies))? (?:first )?(?:created|made|set up|added)\b/ },
  // "who owned it before?", "who was its last owner?": an owner since removed is in the audit log only.
  // "did he hand out any roles recently?": roles the person gave, in the audit log.
  { name: 'roles handed out', intent: 'audit.changes', weight: 9, pattern: /\b(?:hand(?:s|ed)?|give|gives|gave|given|dish(?:ed)?) out (?:any |some |new )?(?:admin |directory )?(?:roles?|<role>|rights|permissions|access)\b/ },
  // "when did we invite him?", "when did Pradeep disable her?": a change's date, in the audit log.
  { name: 'when a change was made', intent: 'audit.changes', weight: 8, pattern: /\bwhen did (?:we|you|they|i|someone|somebody|anyone|he|she|<name>) (?:first |last )?(?:invite|add|create|disable|enable|remove|delete|assign|grant|block|rename)\b/ },
  // "who did the consenting?", "who made the removal?": the person behind a change listed.
  { name: 'who did the change', intent: 'audit.changes', weight: 8, pattern: /\bwho (?:did|performed|approved|made|ran) the (?:\w+ing|\w+al|\w+ment|change|changes|edit|edits|disable|reset|invite)\b/ },
  { name: 'a former owner', intent: 'audit.changes', weight: 9, pattern: new RegExp(FORMER_OWNER) },
  { name: 'when and by whom', intent: 'audit.changes', weight: 8, pattern: /\bby whom\b|\b(?:was|were|got)\b.{0,40}\b(?:created|disabled|enabled|deleted|reset|invited|added|removed|changed|renamed) by (?!(?:the )?(?:policy|polic(?:y|ies)|rule|conditional access|ca)\b)|\bwhen (?:was|were|did|has|have)\b.{0,80}\b(?:set|turned|switched|changed|created|deleted|disabled|enabled|invited|added|removed|made|put|moved)\b/ },
  // Someone came to hold a role, or joined a group, at some point: the audit log says when and by whom.
  { name: 'became a holder', intent: 'audit.changes', weight: 8, pattern: /\b(?:became|become|becomes|was made|were made|got made|was given|were given|got (?:made|added|assigned|promoted|elevated|given)|was added|were added|been added|been made|been given|been assigned|been promoted|was promoted|were promoted|was elevated|got elevated|was assigned|were assigned|joined)\b.{0,40}(?:<role>|<name>|\b(?:admin|administrator|role|group|team)\b)/, when: (f) => f.role || f.names > 0 },
  // "which of them was added most recently?" after a role's holders: when each came to hold it is the audit log's.
  { name: 'added when', intent: 'audit.changes', weight: 7, pattern: /\b(?:was|were|got|been) (?:added|assigned|given|promoted|made|invited)\b.{0,30}\b(?:most recently|last|latest|recently|newest|first)\b/ },
  // A password change or reset that happened ("did Lee reset his password recently?"): read from the audit log.
  { name: 'password changed when', intent: 'audit.changes', weight: 7, pattern: /(?!.*\blast\s+(?:change|changed|reset))\b(?:did|has|have|when did|when was|was|were)\b.{0,40}\b(?:reset|change|changed|update|updated)\b.{0,30}\bpasswords?\b|\bpasswords?\b.{0,20}\b(?:was|been|got)\s+(?:reset|changed)\b/ },
  // "Lee's screen says the account is disabled - who did that??", "who has changed that account lately?": who made the
  // change to a person's account, from the audit log.
  { name: 'who did that to a person', intent: 'audit.changes', weight: 8, pattern: new RegExp(`${WHO_DID_THAT.source}|\\bwho(?:'s| has| have)? (?:changed|touched|edited|modified) (?:that|this|the|his|her|their|<name>\\s*'?s?) account\\b`) },
  // "nothing wrong with Diego's sign-ins this month, right?": a denial to check is the person's diagnosis.
  { name: 'nothing wrong, right?', intent: 'signin.troubleshoot', weight: 5, pattern: /\b(?:nothing|no(?:thing)? (?:issues?|problems?)) (?:wrong )?with\b.{0,60}\b(?:right|correct|yes)\s*\??\s*$/, when: (f) => f.person },
  { name: 'what someone did', intent: 'audit.changes', weight: 7, pattern: /\bwhat (?:did|has) (?:(?:the )?<name>|the (?:break ?glass|emergency access) account|he|she|they)(?:\s+\w+)? (?:do|done|change|changed|touch|touched)\b/ },
  // "what has Christie been doing today?", "whose password did Avery reset?", "Miriam updated some service principals":
  // a person as the one who made changes.
  { name: 'someone made changes', intent: 'audit.changes', weight: 7, pattern: asActor(String.raw`(?:<name>|he|she|they)`) },
  { name: 'admin activities', intent: 'audit.changes', weight: 5, pattern: /\b(?:(?<!\b(?:since|after) (?:the |a |his |her |their |my )?)password resets?|resets? (?:done|performed)|consents? (?:granted|given)|granted consent|consent grants?|invitations? sent|invited (?:external|guest)|(?:sent|send|sending|issued) (?:out )?(?:any |the |some )?(?:guest |b2b )?invit(?:es|ations)|(?:accounts|users) (?:were )?(?:created|deleted)|changed (?:<name>'?s? )?account|changes? to (?:<name>'?s? )?account)\b/ },
  { name: 'what changed', intent: 'audit.changes', weight: 6, pattern: /\bwhat\s+(?:changed|was changed|has changed)\b|\b(?:recent\s+)?changes?\s+(?:to|for|in|on|made)\b|\baudit(?:\s+logs?|\s+events?|\s+log)?\b|\bwhat did\b.{0,60}\bchange\b/ },

  // Conditional Access policies.
  // "Do we block legacy auth?", "do we require MFA for guests?": what the tenant's policies do.
  // "is there a rule that forces admins to do MFA?", "which of our rules stops someone getting in with just a
  // password?", "does anything stop people logging in from risky places?": a policy told by what it does.
  { name: 'a rule that does something', intent: 'policy.info', weight: 7, pattern: /^(?!.*\b(?:groups?|membership|dynamic|mailbox|inbox|transport|mail flow|firewall)\b).*(?:\b(?:is there|are there|do we have|have we got|which of (?:our|the)|what|which|any)\s+(?:a |an |any )?(?:\w+ )?(?:rules?|settings?|controls?|safeguards?)\s+(?:that|which|to|for|stop|stops|block|blocks|force|forces|make|makes)\b|\b(?:does|do|is) (?:anything|something|any ?thing) (?:stop|stopping|block|blocking|prevent|preventing|force|forcing|make|making)s? (?:people|users|someone|anyone|admins|guests)\b)/ },
  // "what is that policy for?", "what does that rule actually block?": the policy the thread is on, its page.
  { name: 'what that policy does', intent: 'policy.info', weight: 10, pattern: /\bwhat (?:is|does|do|'s) (?:that|this|the same) (?:ca |conditional access )?(?:policy|rule) (?:actually |really |even |exactly )?(?:for|do|does|block|blocks|require|requires|cover|covers|enforce|enforces|apply to|target|targets|mean)\b/ },
  // "explain our conditional access setup in plain english": the tenant's policies, not the concept.
  { name: 'our policies explained', intent: 'policy.info', weight: 10, pattern: /\b(?:explain|summari[sz]e|describe|walk me through|overview of|rundown of|run me through)\b.{0,30}\b(?:our|the tenant'?s|my|this tenant'?s|the current) (?:conditional access|ca)(?: polic(?:y|ies)| setup| set-up| config(?:uration)?| rules)?\b/ },
  // "is the emergency access accounts group excluded from our policies?": what the policies exclude.
  { name: 'excluded from the policies', intent: 'policy.info', weight: 8, pattern: /^(?!.*\bwhat(?:'s| is) an?\b).*\bexcluded (?:from|in) (?:our |the |any |all |every )?(?:ca |conditional access )?(?:polic(?:y|ies)\b|<policy>)|\bexclusions? (?:in|from|of) (?:our |the |any |all )?(?:ca |conditional access )?polic(?:y|ies)\b/ },
  // "what changed on the Block Azure management policy?": its changes, in the audit log.
  { name: 'what changed on a policy', intent: 'audit.changes', weight: 9, pattern: /\bwhat (?:has |was |got )?changed (?:on|to|in|with|about) (?:the |that |this )?<policy>/ },
  { name: 'do we enforce', intent: 'policy.info', weight: 4, pattern: /\bdo we (?:block|require|enforce|allow|force|need)\b|\bis there a (?:ca |conditional access )?policy\b/ },
  // "what named locations are defined?", "list our trusted IPs": the named locations, with the policies ("what's a named
  // location?" is a definition).
  { name: 'named locations', intent: 'policy.info', weight: 4, pattern: /\b(?:what|which|list|show|any|our|the|all)\b.{0,20}\bnamed locations\b|\bnamed locations (?:are|do we|we have|defined|configured)\b|\btrusted (?:ips|ip ranges|networks|locations)\b/, when: (f) => !f.person },
  // "which ones exclude the break-glass accounts?": policies, by whom they leave out or take in.
  { name: 'which ones exclude', intent: 'policy.info', weight: 5, pattern: /\bwhich (?:ones|of them|of those) (?:exclude|excludes|include|includes|target|targets|cover|covers|apply to)\b/ },
  // "when did it go from medium to high?": the change of a person's risk, in its history.
  { name: 'a risk level changed', intent: 'risk.user', weight: 6, pattern: /\bwhen did (?:it|(?:his|her|their|<name>\s*'s) risk) (?:go|change|move|jump|rise|drop|escalate)\b|\bfrom (?:low|medium|high) to (?:low|medium|high)\b/ },
  // "CA failures today by policy", "which policies blocked the most sign-ins?": sign-ins counted by the policy that
  // stopped them, not the policies' settings.
  { name: 'sign-ins by the policy that blocked them', intent: 'signin.list', weight: 6, pattern: SIGN_INS_BY_BLOCKING_POLICY },
  // "which policy blocks sign-ins from abroad?", "what CA policy requires MFA for guests": a policy by what it does.
  { name: 'a policy by what it does', intent: 'policy.info', weight: 6, pattern: POLICY_BY_WHAT_IT_DOES },
  // "do we block sign-ins for high-risk users?", "does CA require MFA for guests?": the policies, by what they do.
  { name: 'a policy by what it does', intent: 'policy.info', weight: 6, pattern: /^(?:(?:so|and|ok(?:ay)?|quick one)[,:\s]+)?(?:do|does) (?:we|our (?:ca|conditional access|policies|tenant)|ca|conditional access|any (?:ca )?policy|anything in ca) (?:still |actually |even |already )?(?:block|require|enforce|force|stop|prompt)\b/ },
  { name: 'policy words', intent: 'policy.info', weight: 3, pattern: /\b(?:conditional access polic(?:y|ies)|ca polic(?:y|ies)|polic(?:y|ies))\b/ },
  { name: 'a named policy', intent: 'policy.info', weight: 4, when: (f) => f.policy },
  // "do we have a policy that blocks sign-ins from risky places?", "are sign-ins from abroad blocked by any policy?",
  // "which CA policy would apply to a guest signing in from home?": what the tenant's policies do, asked in general
  // (no time, nothing that happened), not a list of sign-ins.
  { name: 'a policy asked about', intent: 'policy.info', weight: 5, pattern: /^(?!.*<time>|.*\b(?:were|was|got|did|has been|have been|today|yesterday|this (?:week|month))\b)(?:.*)(?:\b(?:do we have|have we got|is there|are there|got) (?:a|an|any) (?:ca |conditional access )?polic(?:y|ies)\b|\b(?:by|under) (?:a|any|some|our|which) (?:ca |conditional access )?polic(?:y|ies)\b|\b(?:which|what) (?:ca |conditional access )?polic(?:y|ies) (?:would|will|should|could|might)\b)/, when: (f) => !f.person },
  { name: 'policies that apply', intent: 'policy.info', weight: 5, pattern: /\b(?:apply|applies|affect|affects|target|targets|hit|hits|excluded from|report-only|enabled|disabled|block legacy|cover|covers|covered|include|includes|included|exclude|excludes|excluded|require|requires|session|lifetime|frequency)\b/, when: (f) => f.policy },
  { name: 'policies that apply', intent: 'policy.info', weight: 2, pattern: /\bpolic(?:y|ies)\b.{0,40}\b(?:apply|applies|affect|affects|target|hit|report-only|disabled|enabled)\b|\b(?:apply|applies|affect|affects|target|hit)\b.{0,40}\bpolic|report-only/ },

  // Concepts and error codes.
  { name: 'error code alone', intent: 'docs.answer', weight: 3, when: (f) => f.code && f.names === 0 && !f.requestId },
  // A request or correlation id "means" the sign-in it names: "what does correlation <id> mean? user is kai".
  { name: 'an id explained', intent: 'signin.troubleshoot', weight: 7, pattern: /\bmean(?:s|ing)?\b|\bexplain\b|\bwhat (?:is|was)\b/, when: (f) => f.requestId },
  { name: 'what does it mean', intent: 'docs.answer', weight: 5, pattern: /\bwhat (?:does|do)\b.{0,60}\bmean\b|\bmeaning of\b|\bdifference between\b|\b(?:what'?s|whats) the diff(?:erence)?\b|\b\w+ (?:vs\.?|versus) \w+|\bexplain (?:like|to me|it)\b|\bhow does (?:microsoft|entra|identity protection|azure ad) (?:know|decide|detect|work)\b|\bwhat does (?:confirming|dismissing|revoking|blocking|enabling|disabling)\b.{0,40}\b(?:do|mean)\b/ },
  { name: 'what is', intent: 'docs.answer', weight: 3, pattern: both(String.raw`(?:what is(?! wrong)|what are|what'?s an?\b|what'?s (?:impossible|the difference)|how does|how do i fix|define|definition|explain (?!the\b))`, DOMAIN) },
  // "What is a password spray detection?" asks for the explanation, not for who is at risk.
  // "what would dismissing bob's risk actually do?", "does dismissing a user's risk also dismiss their detections": what
  // an action does, whoever is named; "how does unlikely travel work": how a detection works.
  { name: 'what an action would do', intent: 'docs.answer', weight: 14, pattern: /\bwhat (?:does|do|will|would) (?:dismissing|confirming|revoking|disabling|blocking)\b.{0,40}\b(?:actually |really |exactly |even )?do\b|^(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:does|do|will|would) (?:dismissing|confirming|revoking|disabling)\b.{0,40}\b(?:also|automatically|too|as well)\b/ },
  { name: 'how a detection works', intent: 'docs.answer', weight: 10, pattern: /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?how (?:does|do|is|are) (?:the\s+|an?\s+)?(?:[\w-]+\s+){1,4}(?:work|get detected|detected|calculated|decided)\b/, when: (f) => f.riskType && !f.person },
  // "AADSTS50079 - user says 'more information required'. what is it", "what is smart lockout and how long does it last",
  // "explain report-only mode for CA policies": an error or a feature explained, nobody named.
  { name: 'an error or a feature explained', intent: 'docs.answer', weight: 10, pattern: /\bwhat (?:is|'s) (?:it|this|that)\s*[?.!]*$|^(?:(?:so|and|hey|ok(?:ay)?)[,\s]+)?(?:what(?:'s| is| are)|whats|explain|how does)\s+(?:the\s+)?(?:smart lockout|report[- ]only(?: mode)?)\b/, when: (f) => f.names === 0 && !f.person },
  { name: 'a risk type explained', intent: 'docs.answer', weight: 9, pattern: /\b(?:what (?:is|are|does|do)|what's|whats|explain|define|definition|meaning|means?|tell me about|what (?:triggers|causes|sets off|fires)|how (?:is|are) (?:it|they|\w+) (?:detected|calculated|triggered))\b/, when: (f) => f.riskType && f.names === 0 && !f.pronoun },
  // "what can a Security Administrator do?", "what's that role allowed to do?", "what permissions does the Helpdesk
  // Administrator role have": what a role allows is documentation, not who holds it.
  { name: 'what a role allows', intent: 'docs.answer', weight: 9, pattern: /\bwhat (?:can|could|may) (?:an? |the |that |this )?(?:<role>|role\b)(?: role)?(?: holders?)? (?:do|change|manage|see|access)\b|\bwhat (?:an? |the |that |this )?(?:<role>|role\b)(?: role)?(?: holders?)? (?:can|could|may|is allowed to|is able to|are allowed to) (?:do|change|manage|see|access)\b|\bwhat (?:does|do) (?:an? |the |that |this )?(?:<role>|role\b)(?: role)? (?:do|allow|grant|permit|cover|let)\b|(?:<role>|\bthat role|\bthis role|\bthe role)(?: role)? (?:is |are )?(?:allowed|able|permitted) to do\b|\b(?:permissions|rights|capabilities) (?:does|do|of|for|in|come with) (?:an? |the |that |this )?(?:<role>|role\b)|\bwhat (?:permissions|rights|capabilities) (?:does|do) (?:an? |the |that |this )?(?:<role>|role\b)/, when: (f) => f.names === 0 },
  // "what can Megan do?", "what is Pradeep able to change?": what a person may do here is the roles they hold.
  { name: 'what a person can do', intent: 'role.assignments', weight: 6, pattern: /\bwhat (?:can|could|may|is|does) <name>(?:'s)? (?:(?:allowed|able|permitted) to |have access to |get to )?(?:do|change|manage|access|administer|touch)\b(?! (?:to|about|now|next|instead)\b)/, when: (f) => f.names > 0 },
  // "how does PIM differ from a permanent role assignment?", "whats PIM": the concept, whatever role it names.
  { name: 'pim explained', intent: 'docs.answer', weight: 9, pattern: /\b(?:what (?:is|are)|what'?s|whats|explain|how (?:does|do|is)|tell me about)\s+(?:the\s+)?(?:pim|privileged identity management)\b/ },
  // "what are non-interactive sign-ins?", "what counts as legacy authentication?", "what's legacy auth anyway, in two
  // lines": a definition, not a list.
  // "explain smart lockout pls", "describe report-only mode": a concept explained, nothing of the tenant named.
  { name: 'a concept explained', intent: 'docs.answer', weight: 6, pattern: /^(?:(?:pls|please|can you|could you|hey|quick one)[,:]?\s+)?(?:explain|define|describe)\s+(?:to me\s+)?(?:what\s+)?(?:an? |the )?(?:[\w-]+ ){0,3}[\w-]+(?:\s+(?:pls|please|to me|briefly|quickly|in short|in (?:one|two|a few) (?:lines?|sentences?|words)))?\s*[?.!]*$/, when: (f) => !f.person && !f.policy && !f.code && f.names === 0 },
  { name: 'a definition asked', intent: 'docs.answer', weight: 6, pattern: /^(?:so\s+|and\s+|hey,?\s+)?(?:what(?: is| are|'s)|whats) (?:an? )?(?!the\b|my\b|our\b|your\b|his\b|her\b|their\b|its\b|wrong\b|up\b|going\b)(?:[\w-]+ ){0,3}[\w-]+(?:,?\s+anyway)?(?:,?\s+(?:in (?:one|two|three|a few|[1-3]) (?:lines?|sentences?|words)|briefly|quickly|in short|in a nutshell|tl;?dr))?\s*\??$|\bwhat counts as\b|\bwhat does (?:an? |the )?(?:[\w-]+ ){1,4}do(?: in [\w ]+)?\s*\??$/, when: (f) => f.names === 0 && !f.code },
  // "how long are sign in logs kept", "what's the log retention": how long Entra keeps its logs, not a list of them.
  { name: 'how long logs are kept', intent: 'docs.answer', weight: 8, pattern: /\bhow (?:long|far back)\b.{0,40}\b(?:logs?|sign[- ]?ins?|audits?|history|data|records?)\b.{0,30}\b(?:kept|keep|stored|store|retained|retain|held|hold|available|go back|goes back|last)\b|\bhow (?:long|far back) (?:do|does|can|will) (?:you|entra|azure ad|microsoft|graph|the logs?|we) (?:keep|store|retain|hold|go back)\b|\b(?:log|data) retention\b|\bretention (?:of|for) (?:the )?(?:sign[- ]?ins?|logs?|audits?)\b/ },
  // "what's report-only mode in conditional access": a term of a product defined, not the tenant's policies.
  { name: 'a term of a product defined', intent: 'docs.answer', weight: 7, pattern: /^(?:so\s+|and\s+|hey,?\s+)?(?:what(?: is| are|'s)|whats) (?:an? |the )?(?:[\w-]+ ){0,3}[\w-]+ (?:in|for|of|within) (?:conditional access|ca|entra(?: id)?|azure ad|aad|identity protection|intune)\s*\??$/, when: (f) => f.concept && f.names === 0 && !f.policy },
  // "how do I exclude a user from a policy?": how to do something in Entra, asked of no one in particular.
  { name: 'how to', intent: 'docs.answer', weight: 5, pattern: /^(?:so\s+|and\s+)?how (?:do|can|should|would) (?:i|we|you|an admin|an? (?:user|guest|person|employee)|users|guests|people|employees|staff|someone|they) (?!fix\b|solve\b|sort\b|resolve\b|use you\b)\w+/, when: (f) => f.names === 0 },
  // "how do I re-enable Zane?", "how can I unlock Megan's account?": the steps, whoever is named.
  { name: 'how to do a task', intent: 'docs.answer', weight: 5, pattern: new RegExp(`^(?:so\\s+|and\\s+|then\\s+|ok(?:ay)?,?\\s+)?how (?:do|can|should|would) (?:i|we|you|an admin|an? (?:user|guest|person|employee)|users|guests|people|employees|staff|someone|they) (?:go about )?(?:(?:re-?enable|unlock|unblock|reset|restore|re-?register|register|invite|revoke|dismiss|confirm|disable|block)\\b|(?:set up|setup|configure|add|remove|delete|create|assign|grant|exclude|give|enable)\\b.*\\b(?:account|user|guest|mfa|password|group|app|role|polic|access|sign|key|fido|passkey|device|method|licen[cs]e|session|entra|tenant|conditional|authenticat|owner|member))`) },
  // "can you unlock him?", "can you renew them?": work the assistant does not do (it acts only on risk) is answered with
  // how to do it.
  { name: 'a task to explain', intent: 'docs.answer', weight: 6, pattern: /^(?:(?:ok(?:ay)?|so|then|now|right|great)[,!]?\s+)*(?:please\s+|pls\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+|just\s+)?|go ahead and\s+)?(?:unlock|unblock|renew|rotate|extend)\b/ },
  // "can you re-enable Lee?", "pls enable the account again": a disabled account is turned back on by an admin in the
  // admin center; the assistant declines (it acts only on risk) and says where.
  { name: 'turn an account back on', intent: 'outOfScope', weight: 9, pattern: /(?:^|[,;:.!—–]\s*|\s-\s*)(?:(?:ok(?:ay)?|so|then|now|right|great)[,!]?\s+)*(?:please\s+|pls\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+|just\s+)?|go ahead and\s+)?(?:re-?enable|reactivate|turn (?:him|her|them|it|<name>) back on|enable (?:him|her|them|<name>|the account|(?:his|her|their|<name>'?s?) account)(?: again| back)?)\b/ },
  // "difference between report-only and disabled for a CA policy?": a concept compared, not the tenant's policies.
  // "is dismissing the same as confirming safe?": two things compared, whatever verbs they are.
  { name: 'the same as', intent: 'docs.answer', weight: 7, pattern: /^(?:so\s+|and\s+|wait,?\s+)?(?:is|are|does|do) (?:\w+ing|an? [\w-]+|the [\w-]+|[\w-]+) (?:\w+ )?(?:the same|same) (?:thing )?as\b|\b(?:mean|do) the same (?:thing )?as\b/, when: (f) => f.names === 0 && !f.pronoun },
  // "explain the top one", "what does that error mean?" after errors were shown: the code explained.
  { name: 'a shown error explained', intent: 'docs.answer', weight: 7, pattern: /^(?:(?:ok(?:ay)?|so|and|now|then)[,!]?\s+)?(?:(?:can|could) you\s+|pls\s+|please\s+)?(?:explain|define|describe)\s+(?:the|that|this)\s+(?:(?:top|main|most common|commonest)\s+one|(?:top|first|second|third|main|most common|commonest|last)?\s*(?:code|error(?: code)?|type|detection(?: type)?))\b|\bwhat (?:does|do|did) (?:the|that|this|those) (?:top |first |second |main |most common )?(?:one|code|error(?: code)?|errors)(?: \w+)? mean\b/, when: (f) => f.names === 0 },
  // "can you explain what a report-only Conditional Access policy is?", "how do dynamic groups work": a concept explained.
  { name: 'explain what a thing is', intent: 'docs.answer', weight: 7, pattern: /\bexplain (?:to me )?what (?:an? |the )?[\w -]{2,60}? (?:is|are|means?|does)\s*\??$|^(?:so\s+|and\s+)?how (?:do|does) (?!it\b|that\b|this\b)(?:[\w-]+ ){1,3}work\s*\??$/, when: (f) => f.names === 0 && !f.pronoun },
  { name: 'a concept compared', intent: 'docs.answer', weight: 2, pattern: /\bdifference between\b|\b(?:vs\.?|versus|compared (?:to|with))\b/, when: (f) => f.concept && f.names === 0 && !f.policy },
  // "What does report-only do?": what a named concept does, not a list of the things it applies to.
  { name: 'what a concept does', intent: 'docs.answer', weight: 5, pattern: /\bwhat (?:does|do)\b(?! (?:i|we|you)\b).{0,50}\bdo\b|\bhow does\b.{0,50}\bwork\b/, when: (f) => f.concept && f.names === 0 && !f.policy },
  // "whats the diff between report-only and disabled for a CA policy": two things compared is a question about them.
  { name: 'the difference between two', intent: 'docs.answer', weight: 3, pattern: /\b(?:difference|diff) between\b/, when: (f) => f.names === 0 && !f.policy },
  // "what's legacy auth and why do we block it?": a concept, and why the tenant's policy is there, explained.
  { name: 'what it is and why', intent: 'docs.answer', weight: 6, pattern: /^(?:so\s+)?what(?:'s| is| are) (?!the\b|our\b|my\b)[\w -]{2,30}? and why\b/, when: (f) => f.names === 0 },
  // "what exactly is a risky workload identity?", "what does 'confirm compromised' do to a user?": the concept, not the
  // tenant's data.
  { name: 'a risk concept', intent: 'docs.answer', weight: 10, pattern: /\bwhat (?:exactly |actually )?(?:is|are|counts as) (?:an? )?risky (?:workload identit(?:y|ies)|service principals?|apps?|users?|sign[- ]?ins?)\b|\bwhat (?:does|do|will) ['"‘“]?(?:confirm(?:ing)?(?: (?:user|sign-in))? (?:compromised|safe)|dismiss(?:ing)?(?: (?:the |user )?risk)?|revok(?:e|ing)(?: all)? sessions?)['"’”]? (?:actually |really |exactly )?do\b|\bwhat means (?:<quote>\s*)?['"‘“]?(?:confirm(?:ing)?(?: (?:user|sign-in))? (?:compromised|safe)|dismiss(?:ing)?(?: (?:the |user )?risk)?|revok(?:e|ing)(?: all)? sessions?)\b/, when: (f) => f.names === 0 },
  // "(concept, not our data)", "in general, …": the admin says it is not about the tenant.
  { name: 'a concept, not our data', intent: 'docs.answer', weight: 10, pattern: /\b(?:in general|concept(?:ually)?|not (?:about )?our (?:data|tenant)|in theory|in (?:plain|simple) (?:terms|english|words))\b.{0,60}\b(?:what|how)\b|\b(?:what|how)\b.{0,80}\b(?:in general|concept(?:ually)?|not (?:about )?our (?:data|tenant)|in (?:plain|simple) (?:terms|english|words))\b/ },
  // "best practice for break glass accounts?", "is it safe to remove them, what does microsoft recommend?": guidance.
  { name: 'guidance asked', intent: 'docs.answer', weight: 8, pattern: /\bbest practices?\b|\bwhat (?:does|do) microsoft recommend\b|\bmicrosoft(?:'s)? (?:recommendation|guidance|advice)\b|\brecommended (?:way|approach|practice|setup|set-up)\b/ },
  // "what does report-only mode actually do?", "report-only mode?": what a mode of a feature does.
  { name: 'what a mode does', intent: 'docs.answer', weight: 8, pattern: /\bwhat (?:does|do) (?:the )?[\w-]+(?: [\w-]+)? mode (?:actually |really |even )?(?:do|mean)\b|^(?:(?:and|so|ok(?:ay)?|what about|explain)[,]?\s+)?(?:the\s+)?[\w-]+ mode\s*\?+\s*$/ },
  // "error 65001 — what is it and how do I fix it?": "it" is the error named.
  { name: 'an error and its fix', intent: 'docs.answer', weight: 9, pattern: /\bwhat(?:'s| is| does) it\b.{0,40}\b(?:fix|mean|solve|resolve)\b|\b(?:and|&) how (?:do|can|should) (?:i|we) (?:fix|solve|resolve) it\b/, when: (f) => f.code && f.names === 0 },
  { name: 'concept words', intent: 'docs.answer', weight: 1, pattern: /\b(?:concept|mean|means|meaning)\b/ },
];

export interface IntentScore {
  intent: IntentName;
  score: number;
  explanation: string[];
}

/** The smallest total that counts as understanding a question about Entra ID at all. */
const MIN_SCORE = 2;

export function scoreIntents(cueText: string, features: CueFeatures): IntentScore[] {
  const totals = new Map<IntentName, IntentScore>();
  for (const cue of CUES) {
    if (cue.when && !cue.when(features)) continue;
    if (cue.pattern && !cue.pattern.test(cueText)) continue;
    const entry = totals.get(cue.intent) ?? { intent: cue.intent, score: 0, explanation: [] };
    entry.score += cue.weight;
    entry.explanation.push(cue.name);
    totals.set(cue.intent, entry);
  }
  return [...totals.values()].sort((a, b) => b.score - a.score);
}

export function bestIntent(cueText: string, features: CueFeatures): IntentScore {
  const [best] = scoreIntents(cueText, features);
  if (!best || best.score < MIN_SCORE) return { intent: 'outOfScope', score: 0, explanation: ['no Entra ID cue'] };
  return best;
}

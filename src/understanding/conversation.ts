import { FORMER_OWNER, HOW_MANY_HIT_IT, HOW_MANY_IT_BLOCKED, mitigationNamed } from './entities/catalogues';
import type { QuestionPlan } from '../plans/plan';
import { retarget, type ObjectMention, type ParsedQuestion } from './parse';
import type { ConversationContext, DirectoryEntityType, Entity, IntentName } from './types';
import { ABOUT_A_PERSON, expectedType, IT_OF_A_PERSON, OBJECT_INTENTS, ROW_INTENTS, STATE_INTENTS } from './intents/registry';

/**
 * Follow-ups: a pronoun takes the user, group or app the conversation was about ("and his groups?", "who owns
 * it?"); a message that only adds a name or a time ("and Lee?", "what about yesterday?") repeats the previous
 * question with that change.
 */

/** A parse this weak did not find a question of its own. */
const WEAK_SCORE = 4;
/** "ok, do it for Alex Wilber", "go ahead and do that for Megan", "can you do the same for the Payroll Connector". */
const DO_IT_FOR = /^(?:(?:ok(?:ay)?|so|then|right|great|alright|cool|thanks)[,!.]?\s+)*(?:(?:please|pls)\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+)?|go ahead and\s+|let'?s\s+)?(?:do|run|apply) (?:it|that|this|the same)(?: one)?(?: now)?\s+(?:for|on|to)\s+(?:<name>|(?:him|her|them)\b)/;
/** "and from where?", "where was that from?", "which city?" after a person's last sign-in. */
/** A detail of the sign-ins just diagnosed: "which OS?", "what ip was that", "which protocol", "what device did it say". */
const TROUBLE_DETAIL = /^(?:(?:and|so|ok(?:ay)?|also)[\s,]+)?(?:(?:which|what) (?:os|operating system|device|devices|browser|protocol|client(?: app)?|ip(?: address)?|location|country|city|platform|phone)(?: (?:was|is|were|did|does) (?:that|it|this|they|he|she)(?: say| use| using| show| come from| on)?)?|where (?:was|did) (?:that|it|this) (?:come )?from|from where)\s*[?.!]*$/;
const FROM_WHERE = /^(?:(?:and|ok(?:ay)?|so)[,]?\s+)?(?:from where|where from|where was (?:that|it|this)(?: from)?|where did (?:he|she|they) sign in from|which (?:location|city|country|ip)(?: was (?:that|it))?)\s*\??$/;
/** "when was it created?", "when were they invited?" about the person in focus. */
const WHEN_CREATED = /^(?:(?:and|so|ok(?:ay)?)[,]?\s+)?when (?:was|were) (?:it|that|this|that account|the account|his account|her account|their account|he|she|they) (?:created|made|set up|invited|added)\s*\??$/;
/** "what is it now?", "what's his title now then?" after a change to a person's account. */
const WHAT_IS_IT_NOW = /^(?:(?:and|so|ok(?:ay)?)[,]?\s+)?what(?:'s| is) (?:it|that|the (?:title|department|value|job title)|(?:his|her|their) (?:title|job title|department))(?: set to)? (?:now|currently|at the moment|today)(?: then)?\s*\??$/;

type Row = NonNullable<ConversationContext['lastRows']>[number];

/** A row of the last list answer as the entity a follow-up is about (`text`: the words that pointed at it). */
function rowEntity(row: Row, text: string = row.displayName): Entity {
  return {
    type: row.type,
    text,
    id: row.id,
    displayName: row.displayName,
    ...(row.type === 'policy' ? { value: row.displayName } : {}),
    ...(row.appId ? { appId: row.appId } : {}),
    resolution: 'resolved',
    source: 'conversation',
  };
}

/** The message names a person, a group or an app of its own (a follow-up about the thread's object names none). */
function namesAnObject(entities: readonly Entity[]): boolean {
  return entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app'));
}

function fromConversation(entity: Entity): Entity {
  return { ...entity, source: 'conversation' };
}

export interface FollowUpResult {
  intent: IntentName;
  entities: Entity[];
  objects: ObjectMention[];
  followUp: boolean;
  /** The message is about one row of the last list answer. */
  row?: Entity;
  /** The last question again ("how do I fix that?", "does her laptop work?"): answered as that question was. */
  again?: boolean;
  /** "who did that?": the change behind the last answer, from the audit log (not a list of the last plan). */
  changeAsked?: boolean;
  /** "which user topped that list?", "when was that?" after changes: the last list again, as it was. */
  sameList?: boolean;
  /** "which ones?" after "how many different countries?": the values the last plan counted, each with its count. */
  valuesCounted?: boolean;
  /** "and from where?" after a person's last sign-in: their newest sign-in, with its place. */
  whereFrom?: boolean;
  /** "show more" after a group's page: its members, listed. */
  membersListed?: boolean;
  /** "since when?" after a diagnosis: the person's oldest failure of that kind the log keeps. */
  firstFailure?: boolean;
}

/** "the top one", "the first one", "the 2nd", "number 3", "the last one", "the one with the most": a row of the last list answer. */
const ORDINAL = /\b(?:the\s+)?(top|first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|bottom)\s+(?:one|user|person|guy|lady|account|group|app|entry|row|item)\b|\bnumber\s+(\d{1,2})\b|#(\d{1,2})\b|\bthe one (?:that |which |who )?(?:goes|expires|runs out|comes|is|was|ends|happened|signed in)\s+(first|soonest|earliest|next|top|last)\b|\bthe (?:one|user|person|account|app|group) (?:with|that has|who has|that had|who had) (?:the )?(most|highest|biggest|largest)\b|^(?:(?:and|ok(?:ay)?|so|now|what about|how about)[\s,]+)?(?:the )?(second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s*[?.!]*$|\bthe (most recent|latest|newest) (?:of (?:those|them|these)|change|event|entry)\b|\bthe (soonest|earliest|nearest|next to expire|first to expire)(?: one)?\b|\b(?:which|what) (?:one|app|secret|cert(?:ificate)?|credential) (?:expires|runs out|ends|goes|lapses) (first|soonest|earliest|next)\b/;
const ORDINALS: Record<string, number> = { top: 1, first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5 };
/** "how do I fix that?", "what should I do?", "next steps?": the last question, asked for what to do. */
const WHAT_TO_DO = /\bhow (?:do|can|should|would) (?:i|we) (?:give|get) (?:him|her|them) (?:access|in|back in)\b|\b(?:write|draft|give me|prepare) (?:a |the |an )?(?:short |quick |polite )?(?:reply|response|answer|update|message|note) (?:for|to|on) (?:the |this |that )?(?:ticket|user|caller|guest|requester|customer|him|her|them)\b|\bsomething (?:i can |to |i could )?(?:paste|send|forward|copy)\b|\b(?:write|draft|give) (?:me )?(?:a |the )?(?:short |quick |polite )?(?:message|note|email|e-mail|text|reply|answer) (?:i can send|to send|for|i could send)\b|\bhow (?:do|can|should|would) (?:i|we|you) (?:fix|solve|resolve|sort|unblock|remediate)\b|\bhow (?:do|can|should|would) (?:i|we|you) get (?:him|her|them|it) (?:back (?:in|on|working)|in|working|unblocked|signed in)\b|\bwhat (?:should|do|does|can|must) (?:i|we|she|he|they) (?:need to |have to |got to )?do\b|\bwhat now\b|\bnext steps?\b|\bhow to (?:fix|solve|resolve)\b|\bany (?:fix|solution)\b|\bwhat (?:should|do|can|would) (?:i|we) (?:tell|say to|advise) (?:him|her|them|the user|the guest)\b|\bwhat(?:'?s| is) the (?:fix|solution|remedy|workaround)\b|\bhow (?:do|can|should|would) (?:i|we) (?:get|move|switch) (?:him|her|them) (?:onto|on to|on|to|over to) (?:something|anything|a (?:client|app|method)) (?:that|which) works\b/;
/** "which ones?", "what are they?", "who are they?", "names?": the values a distinct count counted. */
const VALUES_COUNTED = /^(?:(?:ok(?:ay)?|so|and|right)[\s,]+)?(?:which (?:ones|are they|ones are they|were they)|what (?:are|were) (?:they|those|these|the (?:countries|apps|users|names|ones))|who (?:are|were) (?:they|those|these)|(?:list|show|name) (?:them|those|these)(?: all| please)?|(?:the )?names(?: please)?|which (?:countries|apps|users|people|ones) (?:are|were) (?:they|those|these|that))\s*[?.!]*$/;
/** "who are they?", "list them", "which ones?" after a count or an answer about a set: that question again, shown. */
export const NAME_THEM = /^(?:(?:ok(?:ay)?|so|and|right)[\s,]+)?(?:(?:who|which|what) (?:are|were|is) (?:they|those|these|the ones|it)|which ones|(?:list|show|name) (?:them|those|these)(?: all| to me| please)?|(?:can|could) (?:you|i) (?:see|list|name|get) (?:them|those|these|the names)|names(?: please)?|who|whom|the (?:users|people|accounts|names|persons)|which (?:users|people|accounts))\s*[?.!]*$/;

/**
 * "who did that?", "by whom?": the change behind the last answer (a disabled account, a role, a dismissed risk),
 * asked of the audit log about what that answer was about.
 */
const WHO_DID_IT = /\bwhy (?:was|were|did) (?:it|that|this|they) (?:get )?(?:turned off|switched off|turned on|switched on|disabled|enabled|removed|deleted|changed)\b|\b(?:which|what) admin (?:closed|dismissed|confirmed|handled|resolved|cleared|changed|did) (?:it|that|this)\b|\bwho did (?:that|this|it)\b(?!\s+(?:block|stop|hit|catch|affect|apply to|target|let))|\bhow did (?:that|this|it) happen\b|\bwho (?:made|did|approved|requested) (?:that|this|the) (?:change|edit|update)\b|\bwho (?:last |first |most recently )?(?:changed|edited|modified|updated|touched) (?:that|this|it)\b|\bby whom\b|\bby who\b|\bwho (?:was|is) responsible\b|\bwho(?:'s| is) behind (?:that|this|it)\b|\b(?:has|have|did) (?:anyone|anybody|someone|somebody|an admin|any admin) (?:already |yet )?(?:done (?:anything|something)|acted|dealt with|handled|looked (?:at|into)|taken (?:any )?action|responded|reacted|dismiss(?:ed)?|confirm(?:ed)?)\b(?:.*\b(?:it|that|this|them|those)\b)?/;
/** The parts of a risk story a follow-up asks about. */
const RISK_PARTS = /\b(?:the )?(?:risky|unfamiliar|suspicious|flagged|atypical) (?:sign[- ]?ins?|logins?|activity)\b|\bthe leak\b|\bleaked from\b|^(?:and\s+)?when was (?:that|it|this)\b|\blegit\b|\b(?:which|what) (?:kind of |type of )?(?:detection|key|credential|secret)s?\b|\bwhat ip\b|\bwhich ip\b|\bwhat (?:did|has) (?:he|she|they|it) (?:trip|trigger)\b|\b(?:for|in|on|during|behind) (?:that|the|this) (?:risky |suspicious )?(?:sign[- ]?in|login|activity)\b|\b(?:a |the )?(?:new|same|fresh) (?:secret|key|credential|cert|certificate)\b(?!.{0,15}\b(?:added|created|rotated|uploaded|put)\b)|\bwhere did (?:it|that|this|they) come from\b|\bwhere (?:was|were) (?:it|that|this|they) from\b|\bwhat (?:was|were|is|are) the (?:risk )?detections?\b|^(?:and\s+|ok\s+)?when (?:exactly )?did (?:that|it|this) happen\b/;

/** Questions about one person's own page, sign-ins, risk, groups or roles: asked without a name, the thread's person. */
export const OF_ONE_PERSON: ReadonlySet<string> = new Set(['user.info', 'user.groups', 'signin.troubleshoot', 'risk.user', 'role.assignments']);
/** One risk of the person just shown, asked of with "it": "what detection was it?", "what was detected?". */
const DETECTION_OF_IT = /\b(?:what|which) (?:kind of |type of )?(?:detection|risk(?: detection)?) (?:was|is) (?:it|that|this)\b|\bwhat (?:was|got) (?:detected|flagged)\b|\bwhat did (?:he|she|they) (?:trip|trigger)\b|\bwhy (?:is|was) (?:he|she|they) (?:risky|flagged|at risk)\b/;

/**
 * Who else reports to the manager just shown: "who else reports to her?", "anyone else on her team?" ("else": the
 * person asked about is one of them). "who reports to them?" is about that person's own reports.
 */
/** "the owner", "that owner", "the first owner", "its owner": the one a group's or an app's page showed. */
const THE_OWNER = /\b(?:the|that|this|its) (?:first |main |same )?owner\b(?!s)/;
const REPORTS_OF_PRONOUN = /\b(?:who|anyone|anybody) else (?:reports?|is reporting|directly reports) (?:in)?to (?:him|her|them)\b|\b(?:who|anyone|anybody) else (?:is )?(?:on|in) (?:his|her|their) team\b/;

/** A question of which row holds a place in the list just shown, answered by that list. */
const WHICH_ROW_IS = /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:which (?:one|user|person|app|group|country|code) (?:is|was|came|comes) (?:second|2nd|third|3rd|last|first|top)|(?:which|who|what) (?:user |one |person |app )?topped (?:that|the|this) (?:list|table|ranking))\s*[?.!]*$/;

/** The countries of the list or location the thread is on ("which countries are in that list again?"). */
export const COUNTRIES_OF_THE_LIST = /\b(?:which|what) countries (?:are|were|is) (?:in|on|part of) (?:that|the|this) (?:list|location|named location|policy)\b|\bwhat countries (?:that|the|this) (?:location|list|named location) (?:has|have|contains?|covers?|includes?)\b|\bcountries (?:in|on) (?:that|the) (?:list|location|named location)\b/;

/** The same trouble as the one just diagnosed, said of someone else. */
const SAME_TROUBLE = /\b(?:the )?same (?:complaint|problem|issue|thing|error|trouble|story|symptoms?)\b|\b(?:same|similar) (?:here|for (?:him|her|them))\b|\b(?:also|too) (?:can'?t|cannot|fails?|failing)\b/;

/** "when was that?", "what date?", "which guest was it?": when the change just shown happened, or what it was done to. */
const OF_THE_CHANGES = /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:(?:who (?:did|made|performed|approved|granted|ran|issued|sent)|whose (?:were|was|are|is)) (?:them|those|these|they|it|that|all of (?:them|those))|(?:for|to|on|of) (?:which|what|whom)(?: (?:users?|accounts?|people|persons|guests?|ones))?|the (?:disable|removal|reset|addition|invite|change|deletion|update)\s*[—–,:-]*\s*(?:who|whom) (?:was (?:it|that)|did (?:it|that) (?:hit|affect))|when (?:was|did) (?:that|it|this)(?: happen)?(?: exactly)?|when exactly|exactly when|at what time|what time exactly|when|what (?:date|day|time)(?: was (?:that|it))?|on what (?:date|day)|(?:which|what) (?:guest|user|account|person|one|group|app|policy|role) (?:was (?:it|that)|were they|was affected|did (?:they|he|she) (?:invite|add|remove|change)))\s*[?.!]*$/;

/** Words that say the message is not about the thread ("unrelated but …", "random question, …", "off topic:"). */
export const ASIDE = /^\W*(?:(?:ok(?:ay)?|btw|also|oh|hey)[\s,]+)?(?:(?:totally|completely|slightly|somewhat|kinda|bit)\s+)?(?:unrelated|off[- ]topic|random question|random one|side (?:question|note)|sidenote|different (?:topic|question)|quick (?:unrelated|random|non[- ]work) (?:one|question|thing))\b/i;

/** "it" as the signing in a diagnosis was about: "did it fail again", "how often did it happen", "has it worked since". */
const SIGN_IN_IT = /\b(?:did|does|has|have|is|was) it (?:\w+ )?(?:fail(?:ed|ing)?|work(?:ed|ing)?|succeed(?:ed)?|happen(?:ed)?|break|broke|get blocked|go through)\b|\bit (?:failed|fails|happened|worked|succeeded)\b/;

/** "since when?" after an answer about a state (a role held, a membership, a disabled account): when it changed. */
/** "what did he change?", "what exactly was changed?": what the changes just shown changed. */
/** "who did it hit this week?", "anyone blocked by that policy today?" about a policy: its sign-ins. */
const WHOM_IT_HIT = new RegExp(String.raw`\bwho (?:has |have )?(?:hit|triggered|tripped|ran into|runs into|hits) (?:it|that|this)\b|${HOW_MANY_HIT_IT} (?:it|that|this)\b|${HOW_MANY_IT_BLOCKED}|\bwho (?:(?:did|has|have) )?(?:it|that|this)(?: (?:one|policy))? (?:hit|hits|block|blocks|blocked|stop|stops|stopped|catch|catches|caught|affect|affects|affected|apply to|applied to)\b|\b(?:who|anyone|anybody|any(?:one)? (?:users?|people)|which (?:users?|people|accounts)|how many (?:users?|people|sign[- ]?ins?))\b.{0,20}\b(?:hit|blocked|stopped|caught|affected) by (?:it|that|this)\b`);
/** "what risk levels does it trigger on?", "which apps does it cover?": a setting of the policy, on its page. */
const POLICY_PROPERTY = /\b(?:does|do|did|would|will) (?:it|that|this)(?: one| policy)? (?:trigger|apply|cover|require|exclude|include|target|grant|enforce)\b|\btrigger(?:s|ed)? (?:on|for)\b/;
/** "when was it last changed?" about a policy, no "who": the policy's own last-modified time, on its page. */
const WHEN_IT_CHANGED = /^(?!.*\bwho\b).*\bwhen (?:was|did|has|were) (?:it|that|this)(?: (?:one|policy))? (?:last |ever |first )?(?:changed|modified|updated|edited|touched|change|modify|update|edit|touch)\b|^(?!.*\bwho\b).*\blast (?:changed|modified|updated|edited)\b/;

/**
 * What a question about the policy of the thread asks: the grammar's intent, except that "who did it hit?" reads its
 * sign-ins, "when was it last changed?" its page (which shows when), and a request the grammar knows nothing of (score
 * 0) the policy's page.
 */
function ofThePolicy(parsed: ParsedQuestion): IntentName {
  if (WHOM_IT_HIT.test(parsed.cueText)) return 'signin.list';
  if (WHEN_IT_CHANGED.test(parsed.cueText) || POLICY_PROPERTY.test(parsed.cueText)) return 'policy.info';
  return parsed.intent === 'outOfScope' && parsed.score === 0 ? 'policy.info' : parsed.intent;
}

const WHAT_CHANGED = /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?what (?:exactly )?(?:did (?:he|she|they|that admin|the admin) (?:change|edit|update|modify|touch)|(?:was|got|has been) (?:changed|edited|updated|modified))(?: exactly| on it| in it| there)?\s*[?.!]*$/;

/** "how did adrian fix it?", "how was her risk cleared?": how a risk was closed, in its history. */
const HOW_IT_WAS_FIXED = /\bhow did (?:<name>|he|she|they) (?:fix|resolve|clear|remediate|sort out|get rid of|close) (?:it|that|this|the risk|(?:his|her|their) risk)\b|\bhow (?:was|were|did) (?:it|that|this|(?:his|her|their|<name>\s*'s) risk) (?:get )?(?:fixed|resolved|cleared|remediated|closed)\b/;
const SINCE_WHEN = /^(?:and\s+)?since when\b|\bhow long has (?:he|she|they|it) (?:had|been|held)\b/;
/** "even through nesting?", "including nested?", "and indirectly?" after groups or members: that answer, which shows both. */
const NESTED_TOO = /^(?:(?:and|so|ok(?:ay)?|but|what about|how about|is (?:that|this)|does (?:that|this))[\s,]+)*(?:(?:even|also|including|incl\.?|counting|count(?:ing)?|with|through|via|plus|inc)\s+)*(?:the\s+)?(?:nest(?:ed|ing)|indirect(?:ly)?|transitive(?:ly)?|inherited)(?:\s+(?:ones|groups?|members(?:hips?)?|memberships?))?(?:\s+(?:too|as well|included))?\s*[?.!]*$/;
/** "show more", "the rest", "list them all" after a group's page: its members, listed. */
const SHOW_MORE = /^(?:(?:ok(?:ay)?|and|so|pls|please|can you|could you)[\s,]+)*(?:(?:show|list|give|see|display)(?: me)?\s+)?(?:more|the rest|all(?: of them)?|all (?:the )?members|the (?:full|whole|complete) list|everyone|them all|(?:the )?full list)(?: of them)?(?:\s+(?:please|pls))?\s*[?.!]*$/;
/** "which groups?", "and her groups?", "groups?" after an answer about one person: that person's groups. */
const BARE_GROUPS = /^(?:(?:and|so|ok(?:ay)?|also|what about|how about)[\s,]+)*(?:(?:which|what|any|his|her|their|the)\s+)?groups?(?:\s+(?:is|was|are|were) (?:he|she|they) (?:in|a member of|members of))?\s*[?.!]*$/;
/** "since when is this happening?", "when did it start?" after a diagnosis: when the failing began. */
const SINCE_WHEN_FAILING = /^(?:(?:ok(?:ay)?|so|and|right|thanks)[\s,.]+)?(?:since when\b(?! (?:(?:has|is|does|did) (?:he|she|they) (?:had|been|held|hold|have|own|a member)\b))|when did (?:it|this|that|the (?:problem|issue|failing|failures?|errors?|blocking)|(?:this|that) (?:problem|issue)) (?:first )?(?:start|begin|kick off)\b|how long has (?:it|this|that) been (?:happening|going on|failing|broken)\b|when was the first (?:failure|failed (?:sign[- ]?in|attempt|login)|one)\b)/;

/** The object the last answer was about, as the audit question's target. */
function lastObject(memory: ConversationContext): Entity | undefined {
  // A list of one row ("ownerless groups?" → Project Falcon): that row.
  const rows = memory.lastRows ?? [];
  if (rows.length === 1) return rowEntity(rows[0]);
  return memory.focus ? memory[memory.focus] ?? memory.user : memory.user ?? memory.group ?? memory.app;
}

/**
 * "the high-risk one", "the marketing one", "the blocked one": the row of the last list whose name has that word; "the
 * travel ones" when only one row's name has it.
 */
const DESCRIBED_ONE = /\bthe ([a-z0-9][a-z0-9-]*(?: [a-z0-9-]+)?) (?:ones?|policy|app|group|user)\b|\bthe one (?:from|for|of|by|with|in|at|based in) ([a-z0-9][a-z0-9-]*)\b/;
const NOT_DESCRIPTORS = new Set(['first', 'last', 'top', 'second', 'third', 'latest', 'other', 'same', 'next', 'bottom', 'previous', 'only', 'right', 'wrong']);

function describedRow(cueText: string, memory: ConversationContext): Entity | undefined {
  const m = DESCRIBED_ONE.exec(cueText);
  const rows = memory.lastRows;
  if (!m || !rows?.length || NOT_DESCRIPTORS.has(m[1] ?? m[2])) return undefined;
  const words = (m[1] ?? m[2]).split(/[\s-]+/).filter((w) => w.length > 1);
  const fold = (s: string) => s.toLowerCase().replace(/-/g, ' ');
  // Short words ("hr", "it") only as whole words: "hr" is not in "Christie".
  const has = (text: string, w: string) => (w.length > 2 ? fold(text).includes(w) : ` ${fold(text)} `.includes(` ${w} `));
  const hits = rows.filter((r) => words.length > 0 && words.every((w) => has(r.displayName, w)));
  // "the exchange ones" is the one row whose name has the word; "the medium ones", "the finance ones" narrow the list
  // by what the rows show or who they are, a condition rather than a row.
  if (/\bones\b/.test(m[0])) return hits.length === 1 ? rowEntity(hits[0], m[0]) : undefined;
  // "the HR one", "the one from legal": a person's department, title or office, when no name has the word.
  if (hits.length === 0) hits.push(...rows.filter((r) => r.describedAs && words.length > 0 && words.every((w) => ` ${fold(r.describedAs!)} `.includes(` ${w} `))));
  // "the low one", "the app one": words the answer showed beside the row, or its kind in a list of several kinds.
  if (hits.length === 0) hits.push(...rows.filter((r) => words.length > 0 && words.every((w) => ` ${fold(`${r.shownAs ?? ''} ${r.type}`)} `.includes(` ${w} `))));
  if (hits.length !== 1) return undefined;
  const row = hits[0];
  return rowEntity(row, m[0]);
}

/** "the latest one": a row of a list of things (the newest first), but the newest event of a log's list is its own question. */
const LATEST_ONE = /\bthe (?:most recent|latest|newest) one\b/;
/** "the runner up", "second place": the second row of a ranking. */
const RUNNER_UP = /\brunner[- ]?up\b|\bsecond (?:place|biggest|highest|most)\b/;
const EVENT_LISTS: ReadonlySet<string> = new Set(['signIns', 'directoryAudits', 'riskDetections']);

function rowReferred(cueText: string, memory: ConversationContext): Entity | undefined {
  if (!ORDINAL.test(cueText) && LATEST_ONE.test(cueText) && memory.lastRows?.length && memory.lastPlan && !EVENT_LISTS.has(memory.lastPlan.resource)) {
    return rowEntity(memory.lastRows[0], 'the latest one');
  }
  // "what's the runner up?": the second row of a ranking.
  if (RUNNER_UP.test(cueText) && (memory.lastRows?.length ?? 0) > 1) return rowEntity(memory.lastRows![1], 'the runner-up');
  const m = ORDINAL.exec(cueText);
  // "and the last one on that list?" after a turn about one row that showed a single object of its own (the app's
  // owner): the list before it.
  const rows = m && memory.lastRows?.length === 1 && (memory.earlierRows?.length ?? 0) > 1 ? memory.earlierRows : memory.lastRows;
  if (!m || !rows?.length) return describedRow(cueText, memory);
  // "the one that expires first" is the first row: lists are shown soonest or newest first.
  // "the one with the most": the top row of a count, which lists the largest first.
  // ("the most recent of those": lists over time are shown newest first.)
  // ("the soonest one" after expiring credentials: the first row, as lists are shown soonest first.)
  const word = m[1] ?? m[4] ?? (m[5] || m[7] || m[8] || m[9] ? 'top' : undefined) ?? m[6];
  const index = word ? (word === 'last' || word === 'bottom' ? rows.length : ORDINALS[word] ?? 1) : Number(m[2] ?? m[3]);
  const row = rows[index - 1];
  if (!row) return undefined;
  return rowEntity(row, m[0]);
}

/** "them", "those", "any of them" … said after a list of at least `minRows` rows: those rows, not the person named before. */
export function pluralMeansRows(text: string, memory: ConversationContext | undefined, minRows: number): boolean {
  return (memory?.lastRows?.length ?? 0) >= minRows && /\b(?:them|they|those|these|any of|all of|each of|either of)\b/i.test(text);
}

/** "why is bob on there?", "what's Lee doing on that list?": a row of the last list, named. */
const ON_THE_LIST = /\b(?:on|in) (?:there|that list|the list|this list|that table|the table)\b|\bon it\s*\??$/;

/** "what does he own?": what the person owns, a question of its own. */
const OWNS = /\b(?:does|do|did) (?:he|she|they) (?:also )?own\b|\b(?:he|she|they) (?:also )?owns?\b/;

/** Facts of a person's account asked by name. */
export const ACCOUNT_FACT = /\b(?:manager|boss|line manager|job title|title|department|dept|office|phone(?: number)?|mobile|e-?mail(?: address)?|upn|sign-in name|city|location)\b|\bwhat (?:he|she|they) (?:does|do) (?:here|for us|for a living)\b|\bwho (?:manages|supervises) (?:<name>|(?:him|her|them)\b)|\bwho (?:does|do) (?:he|she|they|<name>) report to\b|\bwhere (?:is|are) (?:he|she|they|<name>) (?:based|located|sitting|working)\b|\b(?:which|what) team\b/;


/** A bare "why?", "how come?", "why so many?": the reason for what the last answer showed. */
const BARE_WHY = /^(?:(?:and|ok(?:ay)?|so|but|hm+)[\s,]+)?(?:why|how come|why so many|why is that|why's that|what caused (?:it|that|this)|what'?s the reason)\s*[?.!]*$/;

/** A place the conversation named before: "from there", "that range", "that location". */
const THERE = /\b(?:from|in|at|out of) there\b|\b(?:that|this|the same) (?:location|range|network|office|site|named location|ip range|subnet)\b|\bthose (?:ranges|ips|ip addresses|addresses|countries)\b|\bit (?:cover|covers|contain|contains|include|includes)\b/;

export function applyConversation(parsed: ParsedQuestion, memory: ConversationContext | undefined): FollowUpResult {
  if (memory?.namedLocation && THERE.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'namedLocation')) {
    parsed = { ...parsed, entities: [...parsed.entities, fromConversation(memory.namedLocation)] };
  }
  // "what countries are on that list?", "remind me what countries that location has": the named location's page.
  if (COUNTRIES_OF_THE_LIST.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'namedLocation' || (e.source === 'message' && e.type === 'policy'))) {
    const location = memory?.namedLocation;
    if (location) {
      const shown = fromConversation(location);
      return { intent: 'policy.info', entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'policy'), shown], objects: [], followUp: true, row: shown };
    }
  }
  // "which policy uses it?" after a named location: that location.
  if (memory?.namedLocation && memory.focus !== 'policy' && parsed.pronoun === 'object' && /\bpolic(?:y|ies)\b/.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'namedLocation' || e.type === 'policy')) {
    parsed = { ...parsed, entities: [...parsed.entities, fromConversation(memory.namedLocation)] };
  }
  const plain = { intent: parsed.intent, entities: parsed.entities, objects: parsed.objects, followUp: false };
  if (!memory) return plain;
  const weak = parsed.intent === 'outOfScope' || parsed.score < WEAK_SCORE;

  // "ok, do it for Alex Wilber" after how to dismiss a user's risk was explained: that mitigation, for that person.
  const doneFor = parsed.entities.find((e) => (e.type === 'user' || e.type === 'app') && e.source === 'message');
  if (memory.mitigation && memory.lastIntent === 'docs.answer' && doneFor && DO_IT_FOR.test(parsed.cueText)) {
    const action: Entity = { type: 'action', text: parsed.plainText, value: memory.mitigation, source: 'conversation' };
    return { intent: 'risk.remediate', entities: [...parsed.entities.filter((e) => e.type !== 'action'), action], objects: parsed.objects, followUp: true };
  }
  // "and from where?" after a person's last sign-in on their page: that person's sign-ins, which say where.
  // "which OS?", "what ip was that", "which protocol", "what device did it say" after a diagnosis: a detail of the failing
  // sign-ins the diagnosis shows (their IP and place, client and device), so the diagnosis again.
  if (memory.lastIntent === 'signin.troubleshoot' && TROUBLE_DETAIL.test(parsed.cueText) && !parsed.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'app'))) {
    const object = lastObject(memory);
    if (object) return { intent: 'signin.troubleshoot', entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'app'), fromConversation(object)], objects: [], followUp: true, again: true };
  }
  if (memory.lastIntent === 'group.info' && memory.focus === 'group' && memory.group?.id && (!memory.lastPlan || memory.lastPlanRich === true) && SHOW_MORE.test(parsed.cueText.trim())) {
    return { intent: 'group.info', entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app'), fromConversation(memory.group)], objects: [], followUp: true, membersListed: true };
  }
  // (Only when that answer was about the one person, not a list of people.)
  const onePerson = memory.user?.id !== undefined && (!memory.lastPlan || memory.lastPlanRich === true || memory.lastPlan.anchor?.id === memory.user.id || memory.lastPlan.filters.some((f) => (f.field === 'id' || f.field === 'user') && f.op === 'eq' && f.value === memory.user!.id));
  if (memory.focus === 'user' && memory.user && onePerson && BARE_GROUPS.test(parsed.cueText.trim()) && !namesAnObject(parsed.entities)) {
    return { intent: 'user.groups', entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app'), fromConversation(memory.user)], objects: [], followUp: true };
  }
  if ((memory.lastIntent === 'user.groups' || memory.lastIntent === 'group.info') && NESTED_TOO.test(parsed.cueText.trim()) && !namesAnObject(parsed.entities)) {
    const object = memory.lastIntent === 'user.groups' ? memory.user ?? memory.app : memory.group;
    // ("is megan in VPN Users?" → "even through nesting?": still that group.)
    const asked = memory.lastIntent === 'user.groups' && memory.lastNamedGroup && memory.group ? [fromConversation(memory.group)] : [];
    if (object) return { intent: memory.lastIntent, entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app'), fromConversation(object), ...asked], objects: [], followUp: true, again: true };
  }
  if (FROM_WHERE.test(parsed.cueText) && memory.lastIntent === 'user.info' && memory.user && !parsed.entities.some((e) => e.type === 'user' && e.source === 'message')) {
    return { intent: 'signin.list', entities: [...parsed.entities, fromConversation(memory.user)], objects: parsed.objects, followUp: true, whereFrom: true };
  }
  // "when was it created?", "when were they invited?" after a person's page or changes: the page says (the audit log
  // keeps only 30 days).
  if (WHEN_CREATED.test(parsed.cueText) && memory.user && memory.focus === 'user' && !parsed.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'app' || e.type === 'group'))) {
    return { intent: 'user.info', entities: [...parsed.entities, fromConversation(memory.user)], objects: parsed.objects, followUp: true };
  }
  // "what is it now?" after a change to a person's job title or department: the person's page, which says.
  if (WHAT_IS_IT_NOW.test(parsed.cueText) && memory.user && (memory.lastIntent === 'audit.changes' || memory.lastIntent === 'user.info')) {
    return { intent: 'user.info', entities: [...parsed.entities, fromConversation(memory.user)], objects: parsed.objects, followUp: true };
  }

  // "why?" after who failed the most: the first person of that list, diagnosed; after one person's sign-ins, that person.
  if (BARE_WHY.test(parsed.plainText.trim()) && memory.lastIntent === 'signin.list') {
    const top = memory.lastRows?.find((r) => r.type === 'user');
    if (top) return { intent: 'signin.troubleshoot', entities: [...parsed.entities, rowEntity(top, 'why')], objects: [], followUp: true, row: rowEntity(top, 'why') };
    if (memory.user) return { intent: 'signin.troubleshoot', entities: [...parsed.entities, fromConversation(memory.user)], objects: [], followUp: true, again: true };
  }
  const namedPerson = parsed.entities.find((e) => e.type === 'user' && e.source === 'message');
  // "and Priya Patel? she has a new iPhone and the same complaint" after a diagnosis: the same diagnosis, of her.
  if (memory.lastIntent === 'signin.troubleshoot' && namedPerson?.resolution === 'resolved' && SAME_TROUBLE.test(parsed.cueText)) {
    return { intent: 'signin.troubleshoot', entities: parsed.entities.filter((e) => e.type === 'user' || e.type === 'timeRange' || e.type === 'app'), objects: parsed.objects, followUp: true, again: true };
  }
  // "why is bob on there?" after a list: that row's own answer (a risky user's risk, a failing person's diagnosis).
  if (weak && namedPerson && memory.lastIntent && ON_THE_LIST.test(parsed.cueText)) {
    return { intent: ROW_INTENTS[memory.lastIntent] ?? memory.lastIntent, entities: parsed.entities, objects: parsed.objects, followUp: true };
  }
  // "which user topped that list?", "which one is second?": the answer just given says it; it is shown again.
  if (memory.lastIntent && memory.lastPlan && !memory.lastPlanRich && WHICH_ROW_IS.test(parsed.plainText)) {
    return { intent: memory.lastIntent, entities: parsed.entities, objects: parsed.objects, followUp: true, again: true, sameList: true };
  }
  const row = rowReferred(parsed.plainText, memory);
  // Words of the ordinal phrase taken for names ("top") are not names.
  const ordinal = row?.text ?? '';
  // ("the most recent of those - what state is that policy in now?": the policy's words hold the ordinal, no name.)
  const ordinalWords = ordinal.toLowerCase().replace(/^the\s+/, '');
  const named = parsed.entities.filter((e) => !(row && e.source === 'message' && (ordinal.includes(e.text.toLowerCase()) || (ordinalWords.length > 3 && e.type === 'policy' && !e.id && e.text.toLowerCase().includes(ordinalWords)))));
  // A lower-case word only guessed to be a name ("what was found") does not name another row.
  const guessedLower = (e: Entity) => parsed.objects.some((o) => o.entity === e && o.typeGuessed && e.text === e.text.toLowerCase());
  if (row && !named.some((e) => e.type === row.type && e.source === 'message' && !guessedLower(e))) {
    // A row of changes is the object changed: asked about as that object ("what state is that policy in now?").
    const ofChanged = memory.lastIntent === 'audit.changes' && parsed.intent === (row.type === 'policy' ? 'policy.info' : OBJECT_INTENTS[row.type as DirectoryEntityType]);
    // ("what department is that person in?" after a ranking of people asks for a fact of that person's account.)
    const accountFactOfRow = parsed.intent === 'user.info' && row.type === 'user' && ACCOUNT_FACT.test(parsed.cueText);
    // ("what happened with the high one?" after the risky apps or people: that row's risk story.)
    const riskStory = (memory.lastIntent === 'risk.workload' || memory.lastIntent === 'risk.users') && RISK_STORY_ASKED.test(parsed.cueText);
    // ("explain the second one" after the policies: that policy's page, not a definition.)
    const explainRow = parsed.intent === 'docs.answer' && /^(?:(?:pls|please|ok(?:ay)?|so|and|now)[,]?\s+)*(?:explain|describe)\b/.test(parsed.cueText);
    const intent = (weak || riskStory || explainRow) && memory.lastIntent && !ofChanged && !accountFactOfRow ? (ROW_INTENTS[memory.lastIntent] ?? memory.lastIntent) : retarget(parsed.intent, [...named, row]);
    const entities = named.filter((e) => e.type !== row.type && !guessedLower(e));
    return { intent, entities: [...entities, row], objects: parsed.objects.filter((o) => entities.includes(o.entity)), followUp: true, row };
  }

  // "who else reports to her?", "her team?" after "who's Bob's manager?": the manager just shown.
  if (memory.manager && REPORTS_OF_PRONOUN.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'user' && e.source === 'message')) {
    const manager: Entity = { ...memory.manager, text: memory.manager.displayName, resolution: 'resolved', source: 'conversation' };
    return { intent: 'user.info', entities: [...parsed.entities.filter((e) => e.type !== 'user'), manager], objects: [], followUp: true };
  }
  // "what other groups does the owner own?", "what roles does the first owner have?" after a group's or an app's page: the
  // owner it showed.
  // ("what else does that owner have?" stays with the rows the page showed, its owners.)
  if (memory.owner && parsed.intent !== 'outOfScope' && THE_OWNER.test(parsed.cueText) && !/\belse\b/.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'user' && e.source === 'message')) {
    const owner: Entity = { ...memory.owner, text: memory.owner.displayName, resolution: 'resolved', source: 'conversation' };
    const kept = parsed.entities.filter((e) => e.type !== 'user' && !(e.source === 'conversation' && (e.type === 'group' || e.type === 'app')));
    return { intent: parsed.intent, entities: [...kept, owner], objects: [], followUp: true };
  }
  // After a list of people or apps at risk, "what happened to him?", "what did it do?": that one's risk story.
  // "is anyone else hitting the same thing this week?" after a diagnosis: who else had that error, a list.
  if (memory.lastIntent === 'signin.troubleshoot' && ANYONE_ELSE_THE_SAME.test(parsed.cueText) && !parsed.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'app'))) {
    return { intent: 'signin.list', entities: parsed.entities, objects: parsed.objects, followUp: true };
  }
  // "what about alan - what happened?", "what's Quinn's story?" while people's risk is the subject: that person's risk.
  if ((memory.lastIntent === 'risk.user' || memory.lastIntent === 'risk.users') && PERSON_STORY.test(parsed.cueText) && parsed.entities.some((e) => e.source === 'message' && e.type === 'user') && !['risk.remediate', 'audit.changes', 'risk.user'].includes(parsed.intent)) {
    return { intent: 'risk.user', entities: parsed.entities, objects: parsed.objects, followUp: true };
  }
  if ((memory.lastIntent === 'risk.users' || memory.lastIntent === 'risk.workload') && RISK_STORY_ASKED.test(parsed.cueText) && !parsed.entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'app'))) {
    const type = memory.lastIntent === 'risk.users' ? 'user' : 'app';
    const rows = (memory.lastRows ?? []).filter((r) => r.type === type);
    const one = rows.length === 1 ? rowEntity(rows[0]) : type === 'app' && memory.app ? fromConversation(memory.app) : undefined;
    if (one) return { intent: type === 'user' ? 'risk.user' : 'risk.workload', entities: [...parsed.entities.filter((e) => e.type !== type), one], objects: [], followUp: true };
  }

  // After a diagnosis, "is that a device problem or a policy problem?", "is it the same policy for both?", "did the same
  // thing happen yesterday?" ask about that diagnosis, not about policies in general.
  if (memory.lastIntent === 'signin.troubleshoot' && memory.user && (parsed.intent === 'policy.info' || parsed.intent === 'outOfScope' || parsed.intent === 'signin.list' || parsed.intent === 'docs.answer') && ABOUT_THE_DIAGNOSIS.test(parsed.cueText) && !parsed.entities.some((e) => e.source === 'message' && (e.type === 'policy' || e.type === 'user' || e.type === 'group' || e.type === 'app'))) {
    const kept = parsed.entities.filter((e) => e.type === 'timeRange' || e.type === 'errorCode');
    return { intent: 'signin.troubleshoot', entities: [...kept, fromConversation(memory.user)], objects: [], followUp: true, again: true };
  }

  // "what's that role allowed to do?" after a role's holders: that role is explained.
  // "and who else holds that role?" after a role's holders or a person's roles: that role's holders.
  if (parsed.intent === 'role.assignments' && memory.role && /\b(?:that|this|the same) role\b/.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'role' || (e.source === 'message' && e.type === 'user'))) {
    return { intent: parsed.intent, entities: [...parsed.entities, fromConversation(memory.role)], objects: parsed.objects, followUp: true };
  }
  if (parsed.intent === 'docs.answer' && memory.role && /\b(?:that|this|the|same) role\b/.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'role')) {
    return { intent: parsed.intent, entities: [...parsed.entities, fromConversation(memory.role)], objects: parsed.objects, followUp: true };
  }

  // "what did he change?" after the changes to a policy, group or app: those changes again, which show what changed.
  if (memory.lastIntent === 'audit.changes' && memory.focus && memory.focus !== 'user' && WHAT_CHANGED.test(parsed.cueText.trim()) && !parsed.entities.some((e) => e.source === 'message' && e.type !== 'timeRange')) {
    const object = memory[memory.focus];
    if (object) return { intent: 'audit.changes', entities: [...parsed.entities.filter((e) => e.type !== 'user'), fromConversation(object)], objects: [], followUp: true, again: true };
  }

  // "who owned it before?", "who was its last owner?" after a group's or an app's page: the changes to that object (an
  // owner removed is in the audit log only), not to the owner it shows now.
  const focused = memory.focus === 'group' || memory.focus === 'app' ? memory[memory.focus] : undefined;
  if (focused && new RegExp(FORMER_OWNER).test(parsed.cueText) && !namesAnObject(parsed.entities)) {
    return { intent: 'audit.changes', entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app'), fromConversation(focused)], objects: [], followUp: true };
  }
  // "how did adrian fix it?" after people's risk: that person's risk history says how it was closed.
  if ((memory.lastIntent === 'risk.users' || memory.lastIntent === 'risk.user') && HOW_IT_WAS_FIXED.test(parsed.cueText)) {
    const named = parsed.entities.find((e) => e.type === 'user' && e.source === 'message');
    const person = named ?? (memory.user ? fromConversation(memory.user) : undefined);
    if (person) return { intent: 'risk.user', entities: [...parsed.entities.filter((e) => e.type !== 'user'), person], objects: parsed.objects, followUp: true };
  }
  // "since when is this happening?" after a diagnosis: the person's first failure of that kind in all the log keeps (the
  // diagnosis reads a week, so its "since" is only that week's first).
  const diagnosed = memory.lastIntent === 'signin.troubleshoot' ? lastObject(memory) : undefined;
  if (diagnosed?.type === 'user' && SINCE_WHEN_FAILING.test(parsed.cueText) && parsed.objects.length === 0 && !parsed.entities.some((e) => e.source === 'message' && e.type !== 'timeRange')) {
    const code = memory.errorCode ? [fromConversation(memory.errorCode)] : [];
    return { intent: 'signin.list', entities: [...parsed.entities.filter((e) => e.type === 'timeRange'), fromConversation(diagnosed), ...code], objects: [], followUp: true, firstFailure: true };
  }
  // "since when?" after a diagnosis or a risk answer: that answer again, which says since when (the failures' start, the
  // risk's history).
  if (SINCE_WHEN.test(parsed.cueText) && (memory.lastIntent === 'signin.troubleshoot' || memory.lastIntent === 'risk.user' || memory.lastIntent === 'risk.workload') && parsed.objects.length === 0 && !parsed.entities.some((e) => e.source === 'message' && e.type !== 'timeRange')) {
    const object = memory.lastIntent === 'risk.user' ? memory.user : memory.lastIntent === 'risk.workload' ? memory.app : lastObject(memory);
    if (object) return { intent: memory.lastIntent, entities: [...parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'app'), fromConversation(object)], objects: [], followUp: true, again: true };
  }
  // "who did that?" / "since when?": the audit log about the last answer's object.
  // ("who removed the owner?" after a list of one group, Project Falcon: the changes to that group.)
  // ("who removed the owner and when?" after the page of Project Falcon, which has none: the changes to that group.)
  const onePage = memory.lastRows?.length === 1 || ((memory.lastIntent === 'group.info' || memory.lastIntent === 'app.info') && (memory.focus === 'group' || memory.focus === 'app') && memory[memory.focus] !== undefined && (!memory.lastPlan || memory.lastPlanRich === true));
  const ofTheOneRow = parsed.intent === 'audit.changes' && onePage && memory.lastIntent !== 'audit.changes' && /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?who (?:\w+ed|did|made|gave|took)\b/.test(parsed.cueText);
  // "who added the new secret?" after an app's risk or page: the changes to that app's credentials.
  const secretOfTheApp = parsed.intent === 'audit.changes' && memory.focus === 'app' && memory.app !== undefined && /^(?:(?:and|so|ok(?:ay)?)[\s,]+)?who (?:added|created|uploaded|generated|rotated|made|put) (?:the|that|this|its|a) (?:new |extra |second )?(?:secret|key|cert(?:ificate)?|credential)s?\b/.test(parsed.cueText);
  const askedWho = WHO_DID_IT.test(parsed.cueText) || ofTheOneRow || secretOfTheApp || (SINCE_WHEN.test(parsed.cueText) && memory.lastIntent !== undefined && STATE_INTENTS.has(memory.lastIntent));
  // Only when the message names nothing of its own ("who became a Global Administrator, and who made the change?"
  // is about the role it names).
  const namesItsOwn = parsed.objects.some((o) => !o.typeGuessed) || parsed.entities.some((e) => e.source === 'message' && (e.type === 'role' || e.type === 'policy' || e.type === 'group' || e.type === 'app'));
  if (askedWho && !namesItsOwn) {
    const object = lastObject(memory);
    if (object) {
      const kept = parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app');
      // After a risk answer ("whose risk was dismissed?" → Adele), who dismissed or confirmed it is in the risk history.
      // ("when was that key added and by whom?" after an app's risk: a change to its credentials, in the audit log.)
      const credential = /\b(?:keys?|secrets?|certs?|certificates?|credentials?|creds?)\b/.test(parsed.cueText);
      const risk = memory.lastIntent?.startsWith('risk.') && memory.lastIntent !== 'risk.remediate' && (object.type === 'user' || (object.type === 'app' && !credential));
      const intent = risk ? (object.type === 'user' ? 'risk.user' : 'risk.workload') : 'audit.changes';
      // "by who?" after "was Chloe added to HR Portal Users?", "who made that change?" after who became a Global
      // Administrator: the change joins the person to the group or role the last question named, so both are its targets.
      const joined = intent === 'audit.changes' && object.type === 'user' ? [memory.role, memory.lastNamedGroup ? memory.group : undefined].filter((e): e is Entity => e !== undefined && !kept.some((k) => k.type === e.type)) : [];
      return { intent, entities: [...kept, fromConversation(object), ...joined.map(fromConversation)], objects: [], followUp: true, changeAsked: true };
    }
  }

  // After a person's risk story, a question about its parts ("show me the risky sign-in", "when was that", "where was
  // the leak from?", "was the sign-in from Paris legit?") is the same person's risk again.
  const namesOwn = parsed.objects.some((o) => !o.typeGuessed);
  // After a look at one person ("alex wilber: risk level + mfa registered?"), "what detection was it?" is that
  // person's risk story.
  const personsRisk = memory.focus === 'user' && memory.lastIntent !== undefined && memory.lastIntent !== 'risk.user' && OF_ONE_PERSON.has(memory.lastIntent) && DETECTION_OF_IT.test(parsed.cueText);
  if (((memory.lastIntent === 'risk.user' || memory.lastIntent === 'risk.workload') && RISK_PARTS.test(parsed.cueText)) || personsRisk) {
    const intent = personsRisk ? 'risk.user' : memory.lastIntent!;
    const object = intent === 'risk.user' ? memory.user : memory.app;
    if (object && !namesOwn) {
      const kept = parsed.entities.filter((e) => e.type !== 'user' && e.type !== 'group' && e.type !== 'app' && e.type !== 'action');
      return { intent, entities: [...kept, fromConversation(object)], objects: [], followUp: true, again: !personsRisk };
    }
  }

  // "how do I fix that?", or a question about the same person with no cue of its own ("does her laptop work at
  // least?"): the last question again, about what it was about.
  // A lower-case word only guessed to be a name ("at least") does not name someone else.
  const namesSomeone = parsed.objects.some((o) => o.entity.type === 'user' && !(o.typeGuessed && o.entity.text === o.entity.text.toLowerCase()));
  // "which of them is trusted?" after a list of locations or apps: "them" is the rows, not the person before.
  const rowsNotPeople = (memory.lastRows?.length ?? 0) > 0 && memory.lastRows!.every((r) => r.type !== 'user') && /\b(?:them|they|those|these)\b/.test(parsed.cueText);
  // "did any of them succeed?" after a list of people: them is those rows, not the last person named (two to five
  // people are asked of one by one elsewhere).
  const pluralRows = pluralMeansRows(parsed.cueText, memory, 6);
  const samePerson = parsed.pronoun === 'user' && memory.user && !namesSomeone && !rowsNotPeople && !pluralRows;
  // ("what does she need to do?" reads like a definition asked, of nothing named.)
  const whatToDo = WHAT_TO_DO.test(parsed.cueText) && (weak || (parsed.intent === 'docs.answer' && parsed.entities.length === 0 && parsed.pronoun === 'user'));
  // "when was that?", "what date?" after changes were shown: the same changes, which carry their dates.
  const whenOfChanges = weak && memory.lastIntent === 'audit.changes' && OF_THE_CHANGES.test(parsed.cueText.trim());
  // "can you re-enable him?", "please enable the account again": declined, but about the person the thread is on.
  if (parsed.intent === 'outOfScope' && parsed.score > 0 && memory.user && !namesSomeone && !WHAT_TO_DO.test(parsed.cueText) && (parsed.pronoun === 'user' || /\b(?:the|his|her|their) account\b/.test(parsed.cueText))) {
    return { intent: 'outOfScope', entities: [...parsed.entities.filter((e) => e.type !== 'user'), fromConversation(memory.user)], objects: [], followUp: true };
  }
  // "which ones?", "what are they?", "who are they?" after "how many different countries / users …?": the values counted
  // (the plan's continuation lists them, each with its count), not a concept, a person or every user.
  const counted = memory.lastPlan?.operation.kind === 'countDistinct' && !memory.lastPlanRich ? memory.lastIntent : undefined;
  if (counted && VALUES_COUNTED.test(parsed.cueText.trim()) && !parsed.entities.some((e) => e.source === 'message' && e.type !== 'timeRange')) {
    return { intent: counted, entities: parsed.entities, objects: [], followUp: true, valuesCounted: true };
  }
  if (memory.lastIntent && ((whatToDo || whenOfChanges || (weak && (NAME_THEM.test(parsed.cueText.trim()) && (!memory.lastPlan || memory.lastPlanRich)))) || (parsed.intent === 'outOfScope' && parsed.score === 0 && samePerson && !OWNS.test(parsed.cueText)))) {
    // ("ok how do I fix it" after a list of one person's sign-ins: that person's diagnosis, which says what to do.)
    // ("what should I tell them to do?" after a look at the person's account or groups: what to do is in their diagnosis.)
    const personsList = whatToDo && (memory.lastIntent === 'signin.list' || memory.lastIntent === 'user.info' || memory.lastIntent === 'user.groups' || memory.lastIntent === 'role.assignments') && memory.focus === 'user' && memory.user !== undefined;
    // ("how do I give them access?" after who fails on the HR Portal: the app's diagnosis says what to do.)
    const appsList = whatToDo && memory.lastIntent === 'signin.list' && memory.focus === 'app' && memory.app !== undefined;
    const intent = personsList || appsList ? 'signin.troubleshoot' : memory.lastIntent;
    const kept = parsed.entities.filter((e) => !(e.type === 'user' && samePerson));
    const given = new Set(kept.map((e) => e.type));
    const carried = [memory.user, memory.group, memory.app, memory.role, memory.timeRange].filter((e): e is Entity => e !== undefined && !given.has(e.type) && isCarried(e, intent, memory));
    return { intent, entities: [...kept, ...carried.map(fromConversation)], objects: parsed.objects.filter((o) => kept.includes(o.entity)), followUp: true, again: true, ...(whenOfChanges ? { sameList: true } : {}) };
  }

  // ("and her manager?", "and his email?" after a diagnosis ask for a fact of the person's account, not the diagnosis again.)
  // ("and his risk level?" after his sign-ins asks for his risk.)
  const accountFact = (parsed.intent === 'user.info' && ACCOUNT_FACT.test(parsed.cueText)) || (parsed.intent === 'risk.user' && parsed.pronoun === 'user' && /\brisk(?:y| level| state| score)?\b/.test(parsed.cueText));
  if (parsed.elliptical && memory.lastIntent && !accountFact && (parsed.intent === 'outOfScope' || parsed.score < WEAK_SCORE)) {
    const intent = memory.lastIntent;
    const expected = expectedType(intent);
    // Names whose type was only a guess take the type the repeated question is about.
    for (const object of parsed.objects) if (object.typeGuessed) object.entity.type = expected;
    const given = new Set(parsed.entities.map((e) => e.type));
    // After a list about no one in particular ("russian sign-ins this week", then "and from iran?"), a person named
    // turns before is not carried into it.
    const last = memory.lastPlan;
    const listOfNoOne = last !== undefined && !memory.lastPlanRich && !last.anchor && !last.filters.some((f) => f.field === 'user' || f.field === 'appId' || f.field === 'app' || f.field === 'initiatedByUserId');
    const carried = [memory.user, memory.group, memory.app, memory.timeRange].filter((e): e is Entity => e !== undefined && !given.has(e.type) && isCarried(e, intent, memory) && !(listOfNoOne && e.type !== 'timeRange'));
    return { intent, entities: [...parsed.entities, ...carried.map(fromConversation)], objects: parsed.objects, followUp: true };
  }

  // "which of them was added most recently?" after a role's holders: the changes to that role.
  if (parsed.intent === 'audit.changes' && memory.role && memory.lastIntent === 'role.assignments' && /\b(?:them|they|those|these)\b/.test(parsed.cueText) && !parsed.entities.some((e) => e.type === 'role' || (e.source === 'message' && (e.type === 'user' || e.type === 'group')))) {
    return { intent: 'audit.changes', entities: [...parsed.entities, fromConversation(memory.role)], objects: parsed.objects, followUp: true };
  }
  // "who owns it so I can ask them to renew it?" after an app: that app's owners ("them" is who is asked, not "it").
  const focusObject = memory.focus === 'app' || memory.focus === 'group' ? memory[memory.focus] : undefined;
  if (focusObject && /\bwho (?:owns|is the owner of|are the owners of) (?:it|that(?: one)?|this(?: one)?)\b(?!\s+(?:group|team|app|application|service principal|policy|user|person|account))|^(?:(?:and|so|ok(?:ay)?)[\s,]+)?owners? of (?:it|that(?: one)?|this(?: one)?)\s*\??$/.test(parsed.cueText) && !parsed.entities.some((e) => e.source === 'message' && (e.type === 'app' || e.type === 'group' || e.type === 'user'))) {
    return { intent: focusObject.type === 'group' ? 'group.info' : 'app.info', entities: [...parsed.entities.filter((e) => e.type !== 'user'), fromConversation(focusObject)], objects: [], followUp: true };
  }
  if (!parsed.pronoun) return plain;
  // A lower-case word only guessed to be a name ("so I can chase them") does not name another object.
  const guessedWord = (e: Entity) => parsed.objects.some((o) => o.entity === e && o.typeGuessed && e.text === e.text.toLowerCase());
  const has = (type: DirectoryEntityType | 'policy') => parsed.entities.some((e) => e.type === type && !guessedWord(e));
  let referent: Entity | undefined;
  // "that group" after a list of one group: the one row shown.
  const onlyRow = (type: DirectoryEntityType | 'policy') => {
    const rows = (memory.lastRows ?? []).filter((r) => r.type === type);
    if (rows.length === 1) return rowEntity(rows[0]);
    // "who had the most failed sign-ins?" then "what's wrong with her": the one ranked first.
    const op = memory.lastPlan?.operation;
    const ranked = op?.kind === 'top' && (op.field === 'userDisplayName' || op.field === 'app');
    return ranked && rows.length > 1 && memory.lastRows?.[0]?.type === type ? rowEntity(rows[0]) : undefined;
  };
  if (parsed.pronoun === 'policy') {
    const policy = onlyRow('policy') ?? memory.policy;
    if (!policy || has('policy')) return plain;
    const entities = [...parsed.entities, fromConversation(policy)];
    // "switch it on": a request the grammar knows it does not do stays out of scope.
    return { intent: ofThePolicy(parsed), entities, objects: parsed.objects, followUp: true };
  }
  if (parsed.pronoun === 'group' || parsed.pronoun === 'app') referent = memory[parsed.pronoun] ?? onlyRow(parsed.pronoun);
  // "she" after an answer that showed one person (the one holder of a role, the one owner of an app): that person.
  // ("reset his password": an action asked of a person, answered as documentation.)
  // "what role does he have?" after changes to a policy or an app, no person named or shown: he is the one who made them,
  // whose right to make them is in question.
  // (After "who became a Global Administrator?", "he" is the one who became it.)
  else if (parsed.pronoun === 'user' && memory.actor && memory.lastIntent === 'audit.changes' && !memory.role && (memory.focus === 'policy' || memory.focus === 'app' || !memory.user) && !memory.lastRows?.some((r) => r.type === 'user') && parsed.intent === 'role.assignments') referent = { type: 'user', text: memory.actor.displayName, displayName: memory.actor.displayName, id: memory.actor.id, resolution: 'resolved', source: 'conversation' };
  else if (parsed.pronoun === 'user') referent = ABOUT_A_PERSON.has(parsed.intent) || parsed.entities.some((e) => e.type === 'action') || /\b(?:he|she|they|(?:the same|that) (?:person|owner|user|admin)) (?:also )?owns?\b|\b(?:does|do|did) (?:he|she|they|(?:the same|that) (?:person|owner|user|admin)) (?:also )?own\b|\breports? (?:in)?to (?:him|her|them)\b|\b(?:his|her|their) (?:direct reports|reports|team|manager|boss)\b/.test(parsed.cueText) ? (onlyRow('user') ?? memory.user) : undefined;
  else if (memory.focus === 'policy' && memory.policy && !has('policy')) {
    // "it" / "that one" after a policy answer: that policy.
    return { intent: ofThePolicy(parsed), entities: [...parsed.entities, fromConversation(memory.policy)], objects: parsed.objects, followUp: true };
  } else if (parsed.pronoun === 'object' && memory.lastRows?.length === 1 && memory.lastRows[0].type === 'policy' && !has('policy')) {
    // "is it on?" after the policies that use a location, when one is listed: that policy.
    return { intent: ofThePolicy(parsed), entities: [...parsed.entities, rowEntity(memory.lastRows[0])], objects: parsed.objects, followUp: true };
  } else if (parsed.pronoun === 'object' && memory.lastRows?.length === 1 && (memory.lastRows[0].type === 'group' || memory.lastRows[0].type === 'app')) {
    // "who's in that one?" after a list of one group: that group.
    referent = rowEntity(memory.lastRows[0]);
  } else if (memory.focus === 'user' && memory.user && parsed.intent === 'user.info' && ACCOUNT_FACT.test(parsed.cueText)) {
    // "and who's the manager in case it's urgent": a fact of the person's account ("it" is no object).
    referent = memory.user;
  } else if (memory.focus === 'user' && memory.user && memory.lastIntent === 'signin.troubleshoot' && SIGN_IN_IT.test(parsed.cueText)) {
    // "how many times did it fail this week?" after a person's diagnosis: "it" is their signing in, not the app.
    referent = memory.user;
  } else if (memory.focus === 'user' && memory.user && IT_OF_A_PERSON.has(parsed.intent)) {
    // "who disabled it?" after "is Lee's account enabled?", "who dismissed it?" after Adele's risk: the person's.
    referent = memory.user;
  } else referent = memory.focus === 'group' ? memory.group ?? memory.app : memory.app ?? memory.group;
  if (!referent || has(referent.type as DirectoryEntityType)) return plain;
  const entities = [...parsed.entities, fromConversation(referent)];
  // No cue of its own but "that group" / "it": the question is about that object ("who else is in that group").
  const intent = parsed.intent === 'outOfScope' && (referent.type === 'group' || referent.type === 'app') ? (referent.type === 'group' ? 'group.info' : 'app.info') : retarget(parsed.intent, entities);
  return { intent, entities, objects: parsed.objects, followUp: true };
}

/**
 * The objects a continued plan still reads by ("any failures among them?" after sign-ins from the HQ network: the HQ
 * network): the conversation's location, policy, person or app whose condition the plan kept.
 */
export function keptByPlan(plan: QuestionPlan, memory: ConversationContext | undefined): Entity[] {
  if (!memory || !plan.basedOnPrevious) return [];
  const kept: Entity[] = [];
  const has = (test: (f: QuestionPlan['filters'][number]) => boolean) => plan.filters.some(test);
  const location = memory.namedLocation;
  if (location?.displayName && has((f) => f.label === `from ${location.displayName}`)) kept.push(location);
  const policy = memory.policy;
  const policyName = policy?.displayName ?? policy?.value;
  if (policyName && has((f) => f.field === 'caPolicy' && typeof f.value === 'string' && f.value.startsWith(`${policyName}:`))) kept.push(policy!);
  if (memory.user?.id && has((f) => f.field === 'user' && f.op === 'eq' && f.value === memory.user!.id)) kept.push(memory.user);
  if (memory.app?.appId && has((f) => f.field === 'appId' && f.op === 'eq' && f.value === memory.app!.appId)) kept.push(memory.app);
  return kept.map(fromConversation);
}

/** A question about what happened to the one at risk just listed ("what happened to him?", "what did it do?", "which key did it use?"). */
/** "is anyone else hitting the same thing?", "anybody else getting that error?": others with the same failure. */
const ANYONE_ELSE_THE_SAME = /\b(?:anyone|anybody|someone|somebody|others?|other people|who) else\b.{0,30}\b(?:the same|that|this|it)\b|\b(?:are|is) (?:others?|other people|other users|more people|lots of people|other accounts|anyone else|anybody else) (?:also |too )?(?:affected|hit|impacted|seeing (?:it|this|that|the same))\b|\bis (?:it|this|that) (?:only|just) (?:(?:her|him|them)\b|<name>)/;
/** A person's story asked for ("what about alan - what happened?", "what's Quinn's story?"). */
const PERSON_STORY = /\bwhat happened\b|<name>\s*'s (?:story|deal|situation)\b|\bwhat'?s (?:the |(?:his|her|their) )?(?:story|deal|situation)\b/;
const RISK_STORY_ASKED = /\bwhy (?:is|was) (?:that one|this one|he|she|it|they) (?:so |still )?(?:high|medium|low|risky|flagged|at risk)\b|\bwhat (?:happened|has happened|'?s going on|is going on) (?:to|with) (?:him|her|them|it|that one|the [\w-]+ one)\b|\b(?:what|which) (?:kind of |type of )?(?:detections?|key|credential|secret|cert(?:ificate)?) (?:did|has|was) (?:it|he|she|they|that one)\b|\bfrom (?:which|what) ip\b|\bwhat (?:did|has) (?:it|he|she|they) (?:do|done)\b|\bwhat (?:is|was) (?:it|he|she) up to\b/;

/** Words about the diagnosis just given: what kind of problem it is, whether it is the same, whether it happened before. */
export const ABOUT_THE_DIAGNOSIS = /\b(?:is|was) (?:the|her|his|their|that) (?:phone|device|laptop|iphone|android|mac|pc) (?:marked |showing as |shown as )?(?:as )?(?:compliant|registered|managed|joined)\b|\bis (?:a|any|the|some) (?:conditional access |ca )?polic(?:y|ies) (?:involved|to blame|responsible|behind it|causing (?:it|this|that))\b|\b(?:exact|actual|specific|full) (?:error )?code\b|\b(?:device|policy|ca|conditional access|mfa|password|network|location|licen[cs]e|config(?:uration)?|user|account) (?:problem|issue|thing|fault|error)\b|\bsame (?:policy|block|rule|error|problem|issue|thing)\b|\b(?:problem|issue) (?:with|on) (?:the |her |his |their )?(?:device|policy|phone|laptop)\b/;

/** What an elliptical follow-up keeps: the objects of the last question (by its focus) and its time range. */
function isCarried(entity: Entity, intent: IntentName, memory: ConversationContext): boolean {
  if (entity.type === 'timeRange') return true;
  if (entity.type === 'role') return intent === 'role.assignments';
  if (memory.focus) return entity.type === memory.focus || (entity.type === 'user' && ABOUT_A_PERSON.has(intent) && memory.focus === 'user');
  return entity.type === expectedType(intent);
}

/** The conversation after a question was answered: the objects and time it named become the new context. */
/** An object an answer found its question to be about (src/skills/types.ts AnswerAbout). */
export interface AboutObject {
  type: 'user' | 'group' | 'app' | 'policy' | 'errorCode';
  id?: string;
  appId?: string;
  displayName: string;
  as?: 'manager' | 'owner';
}

/**
 * What an answer found, linked back into the question's objects (for the answer's record and follow-ups): a word for
 * an app ("outlook") that the answer found to be one app of the tenant (Outlook Mobile) is that app; a sign-in found by
 * its correlation id names its person and app.
 */
export function linkFoundObjects(entities: Entity[], about: readonly AboutObject[] | undefined): void {
  if (!about?.length) return;
  const linked = (found: AboutObject) => ({ displayName: found.displayName, resolution: 'resolved' as const, ...(found.id ? { id: found.id } : {}), ...(found.appId ? { appId: found.appId } : {}) });
  for (const entity of entities) {
    if (entity.type !== 'app' || entity.id || entity.source !== 'message') continue;
    const word = (entity.value ?? entity.text).toLowerCase();
    const found = about.find((a) => a.type === 'app' && a.displayName.toLowerCase().includes(word));
    if (found) Object.assign(entity, linked(found));
  }
  if (!entities.some((e) => e.type === 'requestId')) return;
  for (const found of about) {
    if ((found.type !== 'user' && found.type !== 'app') || !(found.id ?? found.appId) || entities.some((e) => e.type === found.type)) continue;
    entities.push({ type: found.type, text: found.displayName, source: 'conversation', ...linked(found) });
  }
}

/**
 * The turn was about rows of the last list ("the third one - what's wrong?"): that list stays the one "the second"
 * and "those" mean next, unless the answer showed rows of its own.
 */
function aboutShownRows(memory: ConversationContext | undefined, entities: readonly Entity[]): boolean {
  const rows = memory?.lastRows;
  if (!rows?.length) return false;
  return entities.some((e) => e.source === 'conversation' && (e.type === 'user' || e.type === 'group' || e.type === 'app') && rows.some((r) => r.type === e.type && (r.id === e.id || (r.appId !== undefined && r.appId === e.appId))));
}

/** "explain the second one" after a list of policies: one of them, after which "any disabled ones?" is the list again. */
function policyOfTheList(memory: ConversationContext | undefined, intent: IntentName, entities: readonly Entity[]): boolean {
  if (intent !== 'policy.info' || memory?.lastPlan?.resource !== 'conditionalAccessPolicies') return false;
  const rows = memory.lastRows ?? [];
  return entities.some((e) => e.type === 'policy' && e.source === 'conversation' && rows.some((r) => r.type === 'policy' && r.id === e.id));
}

export function rememberTurn(
  memory: ConversationContext | undefined,
  intent: IntentName,
  entities: Entity[],
  plan?: QuestionPlan,
  rows?: ConversationContext['lastRows'],
  answered?: { about?: readonly AboutObject[]; planRich?: boolean; alsoNamed?: ReadonlyArray<{ id: string; displayName: string }>; actor?: ConversationContext['actor']; text?: string },
): ConversationContext {
  if (intent === 'help') return memory ?? {};
  if (intent === 'outOfScope') {
    // A request declined about someone the tenant has ("can you unlock Bob's bitlocker?"): "why is his account locked,
    // then?" is about them. Nothing else of the thread changes.
    const person = entities.find((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved' && e.id);
    return person ? { ...(memory ?? {}), user: { ...person, source: 'conversation' }, focus: 'user' } : (memory ?? {});
  }
  const next: ConversationContext = { ...(memory ?? {}), lastIntent: intent };
  // "how do I dismiss a user's risk?": the mitigation explained, which "ok, do it for Alex" next asks for.
  const explained = intent === 'docs.answer' && answered?.text ? mitigationNamed(answered.text) : undefined;
  if (explained) next.mitigation = explained;
  else delete next.mitigation;
  // The one who made the change just shown; a later answer about other things forgets them.
  if (answered?.actor) next.actor = answered.actor;
  else if (intent !== 'docs.answer') delete next.actor;
  // "those" and "them" refer to the last list answered; a question about something else ends that list.
  if (plan) {
    next.lastPlan = plan;
    next.lastPlanRich = answered?.planRich === true;
  } else if (intent !== 'docs.answer' && !policyOfTheList(memory, intent, entities)) {
    delete next.lastPlan;
    delete next.lastPlanRich;
  }
  const aboutARow = aboutShownRows(memory, entities);
  if (rows?.length) {
    next.lastRows = rows.slice(0, 20);
    if (aboutARow && memory?.lastRows && memory.lastRows.length > 1) next.earlierRows = memory.lastRows;
    else delete next.earlierRows;
  } else if (intent !== 'docs.answer' && !aboutARow) {
    delete next.lastRows;
    delete next.earlierRows;
  }
  const named = entities.filter((e) => e.source !== 'default');
  for (const type of ['user', 'group', 'app'] as const) {
    const entity = named.find((e) => e.type === type && e.resolution !== 'notFound');
    if (entity) next[type] = entity;
  }
  const time = named.find((e) => e.type === 'timeRange');
  next.timeRange = time;
  const person = named.find((e) => e.type === 'user' && e.source === 'message' && e.resolution === 'resolved' && e.id);
  if (person?.id) {
    // The other people the message named come first, so the one answered about stays the latest ("he" next).
    const named = [...(answered?.alsoNamed ?? []).filter((p) => p.id !== person.id), { id: person.id, displayName: person.displayName ?? person.text }];
    next.people = [...(memory?.people ?? []).filter((p) => !named.some((n) => n.id === p.id)), ...named.map((p) => ({ type: 'user' as const, id: p.id, displayName: p.displayName }))].slice(-3);
  }
  const app = named.find((e) => e.type === 'app' && e.source === 'message' && e.resolution === 'resolved' && e.id);
  if (app?.id) {
    const entry = { type: 'app' as const, id: app.id, displayName: app.displayName ?? app.text, ...(app.appId ? { appId: app.appId } : {}) };
    next.apps = [...(memory?.apps ?? []).filter((a) => a.id !== app.id), entry].slice(-2);
  }
  const policy = named.find((e) => e.type === 'policy');
  const code = named.find((e) => e.type === 'errorCode');
  // A location named, or the one location a list showed ("which location is trusted?" then "sign-ins from there?").
  const locationRows = (rows ?? []).filter((r) => r.type === 'namedLocation');
  const location = named.find((e) => e.type === 'namedLocation') ?? (locationRows.length === 1 ? rowEntity(locationRows[0]) : undefined);
  if (location) next.namedLocation = location;
  if (policy) next.policy = policy;
  const role = named.find((e) => e.type === 'role');
  if (role) next.role = role;
  else if (intent !== 'docs.answer') delete next.role;
  if (code) next.errorCode = code;
  else if (intent !== 'docs.answer') delete next.errorCode;
  // What the answer found beyond what was named: the app and the error of a diagnosed failure, its blocking policy.
  // The manager the last answer showed ("who's Bob's manager?"), for "who else reports to her?" next.
  const manager = answered?.about?.find((a) => a.as === 'manager' && a.id);
  if (manager?.id) next.manager = { type: 'user', id: manager.id, displayName: manager.displayName };
  else delete next.manager;
  const owner = answered?.about?.find((a) => a.as === 'owner' && a.id);
  if (owner?.id) next.owner = { type: 'user', id: owner.id, displayName: owner.displayName };
  else if (intent !== 'docs.answer') delete next.owner;
  for (const about of answered?.about ?? []) {
    if (about.as === 'manager' || about.as === 'owner') continue;
    if (about.type === 'errorCode') {
      if (!code) next.errorCode = { type: 'errorCode', text: about.displayName, value: about.displayName, source: 'conversation' };
      continue;
    }
    if (named.some((e) => e.type === about.type && e.source === 'message')) continue;
    const entity: Entity = { type: about.type, text: about.displayName, displayName: about.displayName, source: 'conversation', resolution: about.id ? 'resolved' : 'unresolved' };
    if (about.id) entity.id = about.id;
    if (about.appId) entity.appId = about.appId;
    next[about.type] = entity;
  }
  if (named.some((e) => e.type === 'group' && e.resolution !== 'notFound')) next.lastNamedGroup = true;
  else delete next.lastNamedGroup;
  const focusType = (['user', 'group', 'app', 'policy'] as const).find((t) => named.some((e) => e.type === t && e.source === 'message'));
  next.focus = focusType ?? (named.some((e) => e.type === next.focus) ? next.focus : intent === 'policy.info' && next.policy ? 'policy' : expectedType(intent));
  return next;
}

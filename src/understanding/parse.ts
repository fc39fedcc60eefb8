import { isGuid } from '../graph/ids';
import { FUNCTION_WORDS, LEXICON } from './text/lexicon';
import { findConcept } from '../knowledge/concepts';
import { findRiskType } from '../knowledge/riskTypes';
import { extractFirstPartyApps, extractRoles, findAction, findRiskLevel } from './entities/catalogues';
import { extractIdentifiers, findQuoted } from './entities/identifiers';
import { extractCountries, extractCountryQualifiers, extractGuestDomains } from './entities/places';
import type { NameIndex } from './entities/knownNames';
import { findNames, type NameMention } from './entities/names';
import { findPolicyNames, looksLikePolicy } from './entities/policies';
import { extractTimeRange } from './entities/timeRange';
import { bestIntent, type CueFeatures } from './intents/intentRules';
import { expectedType, OBJECT_INTENTS } from './intents/registry';
import { correction, correctSpelling } from './text/spelling';
import { SpanSet } from './text/spans';
import type { DirectoryEntityType, Entity, IntentName } from './types';

/** A name found in the message whose type the words around it did not settle: the directory may correct it. */
export interface ObjectMention {
  entity: Entity;
  typeGuessed: boolean;
}

/** What one message says on its own, before the conversation and the directory are consulted. */
export interface ParsedQuestion {
  intent: IntentName;
  score: number;
  explanation: string[];
  entities: Entity[];
  objects: ObjectMention[];
  /** A pronoun ("his groups", "is it risky") stands for someone or something named earlier. */
  pronoun?: 'user' | 'object' | 'policy' | DirectoryEntityType;
  /** "and Lee?", "what about yesterday?": the message continues the previous question. */
  elliptical: boolean;
  cueText: string;
  /** The message in lower case, nothing masked ("the top one" before "top" was taken for a name). */
  plainText: string;
}

const USER_PRONOUN = /\b(?:he|she|him|his|her|hers|they|them|their|this user|that user|the user|this person|that person|the same person|the same user|that owner|the same owner|that admin|this account|that account|the account)\b/;
const OBJECT_PRONOUN = /\b(?:it|its|this one|that one)\b/;
const GROUP_REFERENCE = /\b(?:this|that|the same) group\b/;
const APP_REFERENCE = /\b(?:this|that|the same) (?:app|application|service principal)\b|\bthe (?:app|application|service principal)\s*\??$|\b(?:that|this|its) (?:secret|client secret|credential|cert|certificate|key)s?\b/;
const POLICY_REFERENCE = /\b(?:this|that|the same|the) (?:ca |conditional access )?policy\b(?! <(?:policy|name)>)|\b(?:this|that|the same) (?:ca |conditional access )?rule\b(?! <(?:policy|name)>)/;
const ELLIPSIS = /^(?:and|what about|how about|same (?:thing |question |again |check )?for|do the same for|ditto for|also|now|ok(?:ay)?,?\s+(?:and|what about|now))\b|^<name>,?\s+(?:too|as well|also)\b/;

function cueTextOf(masked: string): string {
  return masked
    .toLowerCase()
    .replace(/[a-z]+(?:'[a-z]+)?/g, (word) => correction(word) ?? word)
    .replace(/\s+/g, ' ')
    .trim();
}

function typeFor(mention: NameMention, intent: IntentName, index: number): { type: DirectoryEntityType; guessed: boolean } {
  if (mention.hint === 'user' || mention.hint === 'group' || mention.hint === 'app') return { type: mention.hint, guessed: false };
  if (mention.hint === 'container') return { type: expectedType(intent) === 'app' ? 'app' : 'group', guessed: true };
  if (intent === 'user.groups' && index > 0) return { type: 'group', guessed: true };
  return { type: expectedType(intent), guessed: true };
}

/**
 * Moves an intent to its sibling for the object actually named: "tell me about Payroll Connector" is app.info,
 * "is Shipping Gateway risky" is risk.workload.
 */
export function retarget(intent: IntentName, entities: Entity[]): IntentName {
  const has = (type: DirectoryEntityType) => entities.some((e) => e.type === type);
  if (intent === 'user.info' || intent === 'group.info' || intent === 'app.info') {
    const own = intent === 'user.info' ? 'user' : intent === 'group.info' ? 'group' : 'app';
    if (has(own)) return intent;
    const other = (['user', 'group', 'app'] as const).find((t) => t !== own && has(t));
    return other ? OBJECT_INTENTS[other] : intent;
  }
  if (intent === 'risk.user' && !has('user') && has('app')) return 'risk.workload';
  // "is anyone in Finance at risk?" names a group: the people at risk among its members.
  if (intent === 'risk.user' && !has('user') && has('group')) return 'risk.users';
  // "who dismissed it?" about the person just discussed: that person's risk, not the list.
  if (intent === 'risk.users' && has('user') && entities.some((e) => e.type === 'user' && e.source === 'conversation')) return 'risk.user';
  if (intent === 'risk.workload' && !has('app') && has('user')) return 'risk.user';
  // "reset bob kelly's password": a request the assistant declines (it never resets one), answered with how to do it.
  if (intent === 'risk.remediate' && entities.some((e) => e.type === 'action' && e.value === 'resetPassword')) return 'outOfScope';
  return intent;
}

/** Which entities an intent keeps: an action only when acting, a risk level only about risk. */
export function keeps(intent: IntentName, entity: Entity): boolean {
  if (intent === 'help') return false;
  // A request declined ("can you re-enable Lee?", "order a laptop for Uma Hall") still says whom it was about, if that
  // links to the tenant: the answer's record shows it, and nothing is read about them.
  // (A role or a policy the change was about too: "make sam a global admin", "exclude him from the guest mfa policy".)
  if (intent === 'outOfScope') return ((entity.type === 'user' || entity.type === 'group' || entity.type === 'app') && entity.resolution === 'resolved') || ((entity.type === 'role' || entity.type === 'policy') && (entity.resolution === undefined || entity.resolution === 'resolved')) || (entity.type === 'action' && entity.value === 'resetPassword');
  if (entity.type === 'action') return intent === 'risk.remediate' || (intent === 'docs.answer' && entity.value === 'resetPassword');
  if (entity.type === 'riskLevel') return intent.startsWith('risk.');
  return true;
}

export interface ParseOptions {
  /** Words the directory showed are not names (they link to nothing): read as words this time. */
  notNames?: ReadonlySet<string>;
  /** The tenant's group and app names, linked where they stand before any name is guessed. */
  knownNames?: NameIndex;
  /** The last answer was about a department's people: "what about Sales?" names another department. */
  departmentsAsked?: boolean;
}

/**
 * A quote longer than this many words that asks something ("Can you tell me who is in the Legal Team group?", "Please
 * provide the list of Global Administrators") is a request passed on: its words are the question. What a user said
 * happened ("teams and outlook on my phone both fail") stays a symptom, its words read but not linked.
 */
const PASTED_WORDS = 6;
const PASTED_REQUEST = /\?|^(?:hi|hello|hey|dear|please|pls|can you|could you|would you|i need|we need)\b/i;

/** Where a pasted sign-in error's own words start: "AADSTS50079: Due to a configuration change …". */
// ("AADSTS50079 Due to a configuration change …": the words may follow the code with no colon, starting a sentence.)
const PASTED_ERROR = /\b[Aa][Aa][Dd][Ss][Tt][Ss]\d{5,7}(?:\s*[:\-–—]\s*|\s+(?=[A-Z][a-z]))/g;
const CLOSING: Record<string, string> = { '"': '"', '“': '”', "'": "'", '‘': '’', '`': '`' };

/**
 * A sign-in error pasted into the question ('the screen says "AADSTS50057: The user account is disabled." - who did
 * that?'): Microsoft's words after the code ("a configuration change made by your administrator", "expired") are not
 * the admin's question, so they are left out of the words the intent rules read. The code stays, and so do the
 * tenant's names already found in it ("… for app 'Inventory Sync' are expired").
 */
function maskPastedErrors(text: string, spans: SpanSet): void {
  PASTED_ERROR.lastIndex = 0;
  for (let m = PASTED_ERROR.exec(text); m; m = PASTED_ERROR.exec(text)) {
    const before = text.slice(0, m.index).trimEnd();
    const closing = CLOSING[before.slice(-1)];
    const from = m.index + m[0].length;
    let to = closing ? text.indexOf(closing === "'" ? "' " : closing, from) : -1;
    if (to < 0) to = text.slice(from).search(/\n|\s[-–—]\s|$/) + from;
    // A GUID in Microsoft's words is the resource asked for ("to access '00000003-0000-…'"), not a request id.
    for (const span of spans.spans) {
      // ("… User account is disabled. correlation 335def6e-… - who is it": an id the admin labelled is the sign-in's.)
      if (span.start >= from && span.end <= to && span.entity?.type === 'requestId' && !/\b(?:correlation|request|trace)(?:[ -]?id)?\s*[:#=]?\s*$/i.test(text.slice(Math.max(from, span.start - 30), span.start))) {
        span.entity = undefined;
        span.placeholder = '';
      }
    }
    // The gaps between what was already claimed (the code, names) are blanked.
    const taken = spans.spans.filter((s) => s.end > from && s.start < to).sort((a, b) => a.start - b.start);
    let at = from;
    for (const span of [...taken, { start: to, end: to }]) {
      if (span.start > at && /\S/.test(text.slice(at, span.start))) spans.claim({ start: at, end: span.start, placeholder: '' });
      at = Math.max(at, span.end);
    }
  }
}

export function parseQuestion(message: string, now: Date, options: ParseOptions = {}): ParsedQuestion {
  // "which user(s)?", "the app(s)": a plural written with (s) is the plural (the recogniser says so too).
  const text = correctSpelling(message.replace(/\b([A-Za-z]{2,})\(s\)/g, '$1s'));
  const spans = new SpanSet();
  extractIdentifiers(text, spans);
  // What someone wrote or said, pasted whole ('Fwd from Joni: "can you tell me who is in the Legal Team group?"'): its
  // words are read like the question's own, names and roles linked; only its opening quote is marked.
  const pasted: Array<{ start: number; end: number }> = [];
  for (const quoted of findQuoted(text, spans)) {
    // "what's an 'unfamiliar sign-in properties' detection": a risk type in quotes is words, not a name.
    if (findRiskType(quoted.name)) continue;
    if (quoted.name.split(/\s+/).length > PASTED_WORDS && PASTED_REQUEST.test(quoted.name)) {
      pasted.push({ start: quoted.start, end: quoted.end });
      continue;
    }
    const policy = looksLikePolicy(quoted.name, text);
    // ("what is that 'keep me signed in' thing?": a phrase of everyday words in quotes is what someone saw, not a name.)
    const everyday = quoted.name.split(/\s+/).every((w) => /^[a-z]+$/.test(w) && (LEXICON.has(w) || FUNCTION_WORDS.has(w)));
    const nameLike = !everyday && (policy || quoted.name.split(/\s+/).length <= 4);
    spans.claim({
      start: quoted.start,
      end: quoted.end,
      // A longer quote is what someone said or saw ("'teams and outlook on my phone both fail'"): its words count.
      placeholder: policy ? '<policy>' : nameLike ? '<name>' : `<quote> ${quoted.name.toLowerCase()}`,
      entity: policy ? { type: 'policy', text: quoted.name, source: 'message' } : nameLike ? { type: 'user', text: quoted.name, source: 'message' } : undefined,
    });
  }
  for (const quote of pasted) spans.claim({ start: quote.start, end: quote.start + 1, placeholder: '<quote>' });
  extractTimeRange(text, spans, now);
  extractCountries(text, spans);
  extractCountryQualifiers(text, spans);
  extractGuestDomains(text, spans);
  extractRoles(text, spans);
  options.knownNames?.places.linkDepartments(text, spans, options.departmentsAsked);
  options.knownNames?.link(text, spans);
  options.knownNames?.linkDescribedPolicies(text, spans);
  options.knownNames?.linkUsers(text, spans);
  // After people: "the VP of Sales" is a person, not the Sales department.
  options.knownNames?.places.link(text, spans);
  options.knownNames?.linkAppWords(text, spans);
  for (const policy of findPolicyNames(text, spans)) {
    // A tentative one keeps its words for the intent: it may name no policy at all.
    const placeholder = policy.tentative ? text.slice(policy.start, policy.end).toLowerCase() : 'the <policy> policy';
    spans.claim({ start: policy.start, end: policy.end, placeholder, entity: { type: 'policy', text: policy.name, source: 'message', ...(policy.tentative ? { tentative: true } : {}) } });
  }
  extractFirstPartyApps(text, spans);
  maskPastedErrors(text, spans);
  const names = findNames(text, spans).filter((n) => !options.notNames?.has(n.text.toLowerCase()));
  for (const name of names) spans.claim({ start: name.start, end: name.end, placeholder: '<name>' });

  const cueText = cueTextOf(spans.masked(text));
  const claimed = spans.spans.filter((s) => s.entity).map((s) => s.entity!);
  const action = findAction(cueText);
  const riskLevel = findRiskLevel(cueText);
  const pronoun = GROUP_REFERENCE.test(cueText) ? 'group' : APP_REFERENCE.test(cueText) ? 'app' : POLICY_REFERENCE.test(cueText) && !claimed.some((e) => e.type === 'policy') ? 'policy' : USER_PRONOUN.test(cueText) ? 'user' : OBJECT_PRONOUN.test(cueText) ? 'object' : undefined;
  const features: CueFeatures = {
    names: names.length + claimed.filter((e) => e.type === 'user' || e.type === 'group' || (e.type === 'app' && !e.value?.includes('-'))).length,
    code: claimed.some((e) => e.type === 'errorCode'),
    requestId: claimed.some((e) => e.type === 'requestId'),
    appId: claimed.some((e) => e.type === 'app' && e.value !== undefined && /^[0-9a-f-]{36}$/.test(e.value)),
    role: claimed.some((e) => e.type === 'role'),
    policy: claimed.some((e) => e.type === 'policy'),
    action: action !== undefined,
    riskLevel: riskLevel !== undefined,
    pronoun: pronoun !== undefined,
    riskType: findRiskType(cueText) !== undefined,
    concept: findConcept(cueText) !== undefined,
    person: names.length > 0 || pronoun === 'user' || claimed.some((e) => e.type === 'user'),
    app: claimed.some((e) => e.type === 'app' && !/^[0-9a-f-]{36}$/.test(e.value ?? '')),
  };
  const best = bestIntent(cueText, features);
  let intent = best.intent;

  // Typed entities keep the order they appear in; names get their type from hints, then from the intent.
  const ordered = spans.spans.filter((s) => s.entity || names.some((n) => n.start === s.start)).sort((a, b) => a.start - b.start);
  const objects: ObjectMention[] = [];
  const entities: Entity[] = [];
  let nameIndex = 0;
  for (const span of ordered) {
    const mention = names.find((n) => n.start === span.start && !span.entity);
    if (mention) {
      const { type, guessed } = typeFor(mention, intent, nameIndex++);
      const entity: Entity = { type, text: mention.text, source: 'message' };
      objects.push({ entity, typeGuessed: guessed });
      entities.push(entity);
    } else if (span.entity) {
      // (An object id, "who is object id …", is looked up as written, never retyped.)
      if (span.entity.type === 'user' && span.placeholder === '<name>' && !span.entity.text.includes('@') && !isGuid(span.entity.text) && !span.entity.resolution) {
        // A quoted name: typed like any other name.
        const { type, guessed } = typeFor({ start: span.start, end: span.end, text: span.entity.text, possessive: false }, intent, nameIndex++);
        span.entity.type = type;
        objects.push({ entity: span.entity, typeGuessed: guessed });
      } else if (span.entity.type === 'user' || (span.entity.type === 'app' && !span.entity.value)) {
        objects.push({ entity: span.entity, typeGuessed: false });
      } else if (span.entity.type === 'app' && /^[0-9a-f-]{36}$/.test(span.entity.value ?? '')) {
        objects.push({ entity: span.entity, typeGuessed: false });
      }
      entities.push(span.entity);
    }
  }
  if (action) entities.push(action);
  if (riskLevel) entities.push(riskLevel);

  intent = retarget(intent, entities);
  // Every name is kept until the directory has said which ones link to anything ("sorry to bother you, Lee …");
  // the recogniser then keeps one entity per type.
  return {
    intent,
    score: best.score,
    explanation: best.explanation,
    entities,
    objects,
    pronoun,
    // ("also can you translate 'password' into german": a request of its own, whatever its first word.)
    elliptical: (ELLIPSIS.test(cueText) && !(intent === 'outOfScope' && best.score >= 6)) || /^(?:<name>|<time>|\s|[?.!])+$/.test(cueText),
    cueText,
    plainText: text.toLowerCase(),
  };
}

/** One entity per type: skills answer about one user, one group, one window. */
export function firstOfEachType(entities: Entity[]): Entity[] {
  // One per type, the first that links to something if any does ("our Fabrikam guest Nestor Wilke": Nestor Wilke).
  // People's attributes of different fields are conditions together ("engineering … in Redmond"): one of each field.
  const chosen = new Map<string, Entity>();
  for (const e of entities) {
    const key = e.type === 'userAttribute' && e.field ? `${e.type}:${e.field}` : e.type;
    const held = chosen.get(key);
    if (!held || (held.resolution === 'notFound' && e.resolution !== 'notFound')) chosen.set(key, e);
  }
  const keep = new Set(chosen.values());
  return entities.filter((e) => keep.has(e));
}

import { editDistance } from '../inMemoryDirectory';
import type { SpanSet } from '../text/spans';
import { tokens, type Token } from '../text/words';
import type { Candidate, DirectoryEntityType, Entity } from '../types';
import { PlaceIndex, type NamedLocationCandidate } from './tenantPlaces';

/**
 * The tenant's group and app names, linked where they stand in a message ("everyone in IT Staff", "is the payroll
 * connector compromised"): a span is one of these names only if it is one, whatever its case, so the guessing of
 * names from capitals and unknown words never has to split or stretch it. Indexed by first word, so a message is
 * linked in time proportional to its words, not to the tenant's size.
 */
export interface NameVocabulary {
  groups: readonly Candidate[];
  apps: readonly Candidate[];
  /** Absent when the tenant is too large to hold its users: they are then looked up one by one. */
  users?: readonly VocabularyUser[];
  /** Conditional Access policy names; absent when the reader may not read policies. */
  policies?: readonly Candidate[];
  /** Conditional Access named locations, with what they cover; absent when the reader may not read policies. */
  namedLocations?: readonly NamedLocationCandidate[];
}

/** Short forms admins write for words of policy names. */
const POLICY_SHORT: Record<string, string[]> = { authentication: ['auth'], administrators: ['admins', 'admin'], multifactor: ['mfa'] };

/**
 * The other ways a policy's name is written: its words with short forms ("block legacy auth"), and for a name that
 * starts with "Require", the rest when it is three words or more ("mfa for all users", "compliant device for office
 * 365"). A "Block …" policy keeps its verb: "sign-ins from blocked countries" alone are sign-ins, not the policy.
 */
function policyNameVariants(words: string[]): string[][] {
  let forms: string[][] = [words];
  for (const [i, word] of words.entries()) {
    const short = POLICY_SHORT[word];
    if (short) forms = forms.flatMap((f) => [f, ...short.map((s) => f.map((w, k) => (k === i ? s : w)))]);
  }
  const variants = forms.slice(1);
  if (words[0] === 'require') for (const form of forms) if (form.length - 1 >= 3) variants.push(form.slice(1));
  return variants;
}

/** Words that say nothing about which policy is meant. */
const POLICY_NOISE = new Set(['the', 'a', 'an', 'for', 'of', 'to', 'and', 'on', 'in', 'our', 'policy', 'policies', 'ca', 'conditional', 'access', 'one', 'rule']);
/** Admins' short words for the words policy names use. */
const POLICY_WORDS: Record<string, string> = { admins: 'administrators', admin: 'administrators', administrator: 'administrators', guest: 'guests', user: 'users', device: 'devices', countries: 'country', blocked: 'block', blocking: 'block', blocks: 'block', requires: 'require', required: 'require', compliance: 'compliant', managed: 'unmanaged', sif: 'frequency', legacy: 'legacy', auth: 'authentication', pw: 'password', pwd: 'password', risky: 'risk', 'high-risk': 'risk', everyone: 'all', everybody: 'all' };

function policyWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[-/]/g, ' ')
    .split(/[^a-z0-9']+/)
    .filter((w) => w && !POLICY_NOISE.has(w))
    .map((w) => POLICY_WORDS[w] ?? w);
}

/** The tenant's policy, linked from the words the admin wrote for it. */
export function policyEntity(policy: Candidate, written: string): Entity {
  return { type: 'policy', text: written, value: policy.displayName, displayName: policy.displayName, id: policy.id, source: 'message', resolution: 'resolved' };
}

/**
 * The Conditional Access policy an admin's words name ("the mfa for admins policy" → "Require MFA for
 * administrators"): every word of theirs is in its name, and no other policy fits as well. Undefined when none or
 * several fit.
 */
export function linkPolicy(words: string, policies: readonly Candidate[]): Candidate | undefined {
  const asked = policyWords(words);
  if (asked.length === 0) return undefined;
  let best: Candidate | undefined;
  let bestScore = 0;
  let tied = false;
  for (const policy of policies) {
    const name = new Set(policyWords(policy.displayName));
    const hits = asked.filter((w) => name.has(w)).length;
    // Share of the asked words found, and a little for a name with fewer words left over.
    const score = hits / asked.length + (hits > 0 ? hits / (name.size * 100) : 0);
    if (score > bestScore + 1e-9) {
      best = policy;
      bestScore = score;
      tied = false;
    } else if (Math.abs(score - bestScore) < 1e-9) tied = true;
  }
  return best && !tied && bestScore >= 0.66 ? best : undefined;
}

export interface VocabularyUser extends Candidate {
  givenName?: string | null;
  surname?: string | null;
  jobTitle?: string | null;
  /** What the admin may say beside a shared name to tell people apart ("Camila Becker from customer support"). */
  department?: string | null;
  city?: string | null;
  officeLocation?: string | null;
}

/** Of several people with one name, the only one whose department, city, office or title the message also names. */
function describedOne(users: VocabularyUser[], text: string, written: string): VocabularyUser | undefined {
  const rest = ` ${text.replace(written, ' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const says = (value: string | null | undefined) => {
    const words = (value ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return words.length >= 2 && rest.includes(` ${words} `);
  };
  const matching = users.filter((u) => says(u.department) || says(u.city) || says(u.officeLocation) || says(u.jobTitle));
  return matching.length === 1 ? matching[0] : undefined;
}

interface Entry {
  type: Exclude<DirectoryEntityType, 'user'> | 'policy';
  words: string[];
  candidate: Candidate;
}

/** Words too common for a one-word name to be linked unless written with its capital ("Finance", not "finance"). */
/** Emergency access ("break glass") accounts named as such, and the names such accounts are given. */
const BREAK_GLASS = /\b(?:the\s+)?(?:break[- ]?glass|emergency[- ]access)\s+(?:accounts?|admins?|users?|ones?|logins?)\b/i;
const EMERGENCY_ACCOUNT = /\bemergency[- ]?access\b|\bbreak[- ]?glass|^emergency|^breakglass/i;

/** The generic last word of a group's name ("VPN Users"), after the word that names it. */
const GROUP_NOUNS = new Set(['users', 'members', 'staff', 'team', 'group', 'accounts', 'access']);
const GENERIC_SINGLE = new Set(['users', 'user', 'guests', 'guest', 'admins', 'admin', 'members', 'everyone', 'all', 'test', 'apps', 'app', 'teams', 'team', 'group', 'groups', 'it']);

/**
 * "the legacy auth one", "the one for guests", "the one about high risk users", "risky sign-in policy:" at the start of
 * a message: a policy described by words of its name (kept only if they link to one policy).
 */
const DESCRIBED_POLICY = /\b(the|our|that)\s+((?:[a-z0-9][\w'-]*\s+){0,4}?[a-z0-9][\w'-]*)\s+(?:one|rule|ca\s+policy|policy|thing|setting)\b|\bthe\s+(?:one|policy|rule)\s+(?:for|about|on|that\s+(?:blocks|requires|covers))\s+((?:[a-z0-9][\w'-]*)(?:\s+[a-z0-9][\w'-]*){0,3})(?=\s*(?:[?.!,;:]|$|\s+(?:policy|one)\b))|^\s*((?:[a-z0-9][\w'-]*\s+){0,3}[a-z0-9][\w'-]*)\s+policy\s*[:,—-]/gim;
/** First words that point at a row, not at a policy's name: "the first one", "the other blocking one". */
const ROW_WORDS = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'last', 'next', 'previous', 'other', 'same', 'top', 'bottom', 'new', 'newest', 'old', 'oldest', 'latest', 'earliest', 'recent', 'only', 'main', 'this', 'that', 'which', 'what', 'whole', 'default', 'current', 'each', 'every', 'any', 'a', 'an']);
/** One word alone that says how something went or how bad it is, not which policy: "the high one", "the failed one". */
const NOT_A_POLICY_WORD = new Set([...ROW_WORDS, 'high', 'low', 'medium', 'failed', 'failing', 'successful', 'right', 'wrong', 'bad', 'good', 'worst', 'best', 'disabled', 'enabled', 'blocked', 'risky']);

/** What a workload is called when its name is not given. */
const WORKLOAD_NOUN = /\b(?:job|jobs|sync|syncs|integration|connector|pipeline|script|automation|daemon|service account|scheduled task|workload|batch|etl|export|import|cron)\b/i;
/** Everyday words that are also distinctive words of app names. */
const WORKLOAD_WORDS = new Set(['sync', 'backup', 'connector', 'pipeline', 'scanner', 'portal', 'gateway', 'booking', 'tracker', 'archiver', 'forwarder', 'warehouse', 'payroll', 'inventory', 'invoice', 'expense', 'travel', 'marketing', 'sales', 'security', 'build', 'ticketing']);
/** Words that say what something is, never which one. */
const NOT_APP_WORDS = new Set(['job', 'jobs', 'app', 'apps', 'application', 'service', 'the', 'our', 'nightly', 'daily', 'entra', 'microsoft', 'azure', 'office', 'failing', 'failed', 'keeps', 'script', 'integration', 'automation', 'workload']);

/** A known word of the language, which a lower-case first name or surname must not be taken for ("will", "may"). */
export type KnownWord = (word: string) => boolean;

/** "Chief Financial Officer" → "cfo": the acronyms people use for titles. */
function acronymOf(title: string): string | undefined {
  const words = tokens(title).map((t) => t.folded).filter((w) => !['of', 'and', 'the', '&'].includes(w));
  return words.length >= 2 && words.length <= 4 && /^(?:chief|vice|head)$/.test(words[0]) ? words.map((w) => w[0]).join('') : undefined;
}

/** "IT Director" is also "the head of IT" and "the director of IT"; "VP of Sales" is "the head of sales". */
function titleVariants(title: string): string[] {
  const variants = [title];
  const area = /^(.+?) director$/i.exec(title)?.[1] ?? /^(?:director|vp|vice president|head) of (.+)$/i.exec(title)?.[1];
  if (area) variants.push(`head of ${area}`, `director of ${area}`, `${area} director`);
  return variants;
}

/** Within `limit` edits: the project's edit distance, after the cheap length check. */
function closeSpelling(a: string, b: string, limit: number): boolean {
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b) <= limit;
}

interface UserKeys {
  /** Full names and titles of several words, by first word: "megan bowen", "chief financial officer". */
  phrases: Map<string, Array<{ words: string[]; user: VocabularyUser; title: boolean }>>;
  /** One-word keys besides names: title acronyms ("cfo"). */
  single: Map<string, VocabularyUser[]>;
  /** Users by first name, to find a misspelt surname beside it ("megan bowan"). */
  byGiven: Map<string, VocabularyUser[]>;
  bySurname: Map<string, VocabularyUser[]>;
}

function userKeys(users: readonly VocabularyUser[]): UserKeys {
  const keys: UserKeys = { phrases: new Map(), single: new Map(), byGiven: new Map(), bySurname: new Map() };
  // Seen keys, so one user's display name and "first last" are one phrase (a Set: 100,000 users in well under a second).
  const seen = new Set<string>();
  const phrase = (text: string | null | undefined, user: VocabularyUser, title = false) => {
    const words = tokens(text ?? '').map((t) => t.folded);
    if (words.length < 2) return;
    const key = `${user.id} ${words.join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = keys.phrases.get(words[0]);
    if (list) list.push({ words, user, title });
    else keys.phrases.set(words[0], [{ words, user, title }]);
  };
  const single = (map: Map<string, VocabularyUser[]>, word: string | null | undefined, user: VocabularyUser) => {
    const folded = tokens(word ?? '').map((t) => t.folded);
    if (folded.length !== 1 || folded[0].length < 2) return;
    const list = map.get(folded[0]);
    // Users arrive once each, so a user is never added twice to one key's list.
    if (list) {
      if (list[list.length - 1] !== user) list.push(user);
    } else map.set(folded[0], [user]);
  };
  for (const user of users) {
    phrase(user.displayName, user);
    if (user.givenName && user.surname) phrase(`${user.givenName} ${user.surname}`, user);
    if (user.jobTitle) for (const title of titleVariants(user.jobTitle)) phrase(title, user, true);
    single(keys.byGiven, user.givenName, user);
    single(keys.bySurname, user.surname, user);
    const acronym = user.jobTitle ? acronymOf(user.jobTitle) : undefined;
    if (acronym) single(keys.single, acronym, user);
  }
  for (const list of keys.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return keys;
}

export class NameIndex {
  private readonly byFirstWord = new Map<string, Entry[]>();
  private readonly users?: UserKeys;
  private readonly appsByAppId = new Map<string, Candidate>();
  private readonly vocabularyUsers?: readonly VocabularyUser[];
  private readonly policies: readonly Candidate[];
  /** Named locations and the cities, offices and departments people are in. */
  readonly places: PlaceIndex;

  constructor(
    vocabulary: NameVocabulary,
    private readonly knownWord: KnownWord = () => false,
  ) {
    const add = (type: Entry['type'], candidate: Candidate, written?: string[]) => {
      const words = written ?? tokens(candidate.displayName).map((t) => t.folded);
      if (words.length === 0 || (words.length === 1 && words[0].length < 3)) return;
      const list = this.byFirstWord.get(words[0]) ?? [];
      list.push({ type, words, candidate });
      this.byFirstWord.set(words[0], list);
    };
    for (const group of vocabulary.groups) add('group', group);
    for (const app of vocabulary.apps) {
      add('app', app);
      if (app.appId && !this.appsByAppId.has(app.appId.toLowerCase())) this.appsByAppId.set(app.appId.toLowerCase(), app);
    }
    // A policy written out in full ("who is excluded from Require MFA for all users?") is that policy.
    for (const policy of vocabulary.policies ?? []) {
      if (tokens(policy.displayName).length < 3) continue;
      add('policy', policy);
      // "block legacy auth", "who's excluded from MFA for all users?", "the mfa for admins policy": the admins' short
      // forms of a policy's name, and a Require policy's name without its verb when three words or more are left.
      for (const words of policyNameVariants(tokens(policy.displayName).map((t) => t.folded))) add('policy', policy, words);
    }
    if (vocabulary.users) this.users = userKeys(vocabulary.users);
    this.vocabularyUsers = vocabulary.users;
    this.policies = vocabulary.policies ?? [];
    this.places = new PlaceIndex(vocabulary.namedLocations ?? [], vocabulary.users ?? []);
    // Longest names first, so "Payroll Connector Prod" wins over "Payroll Connector".
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  private usersById?: Map<string, VocabularyUser>;

  /** The person with this object id, with the department, title and place the directory gives them. */
  userById(id: string): VocabularyUser | undefined {
    if (!this.vocabularyUsers) return undefined;
    this.usersById ??= new Map(this.vocabularyUsers.map((u) => [u.id, u]));
    return this.usersById.get(id);
  }

  /**
   * The tenant's service principal for a Microsoft app named in words ("Teams" → Microsoft Teams, "SharePoint" →
   * Office 365 SharePoint Online): the one app whose name has every word of it. Undefined when none or several do.
   */
  appNamed(words: string): Candidate | undefined {
    const asked = tokens(words).map((t) => t.folded);
    if (!asked.length) return undefined;
    const hits: Candidate[] = [];
    for (const entries of this.byFirstWord.values()) {
      for (const entry of entries) if (entry.type === 'app' && asked.every((w) => entry.words.includes(w)) && !hits.includes(entry.candidate)) hits.push(entry.candidate);
    }
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** The app (service principal) with this application id, if the tenant has one. */
  appByAppId(appId: string): Candidate | undefined {
    return this.appsByAppId.get(appId.toLowerCase());
  }

  /**
   * A policy the admin describes rather than names ("the legacy auth one", "the one for guests", "risky sign-in policy:
   * what levels trigger it?", "what does the password change one require?"): claimed only when the words link to one
   * of the tenant's policies (linkPolicy), so "the first one" or "the sales one" stay words.
   */
  linkDescribedPolicies(text: string, spans: SpanSet): Entity[] {
    if (!this.policies.length) return [];
    const found: Entity[] = [];
    const claim = (start: number, end: number, words: string) => {
      const list = words.toLowerCase().split(/\s+/).filter(Boolean);
      // ("the first one", "the high one", "which one": a row or a level. "the one for high risk users" names a policy.)
      if (!list.length || ROW_WORDS.has(list[0]) || (list.length === 1 && NOT_A_POLICY_WORD.has(list[0])) || !spans.isFree(start, end)) return;
      // ("which policies use the blocked countries one?": a named location's whole name is that location.)
      const location = this.places.locationNamed(words);
      if (location && tokens(location.displayName).length === list.length) return;
      const policy = linkPolicy(words, this.policies);
      if (!policy) return;
      const entity = policyEntity(policy, text.slice(start, end));
      spans.claim({ start, end, placeholder: 'the <policy> policy', entity });
      found.push(entity);
    };
    for (const m of text.matchAll(DESCRIBED_POLICY)) {
      const words = m[2] ?? m[3] ?? m[4];
      if (words) claim(m.index, m.index + m[0].length, words.replace(/-/g, ' '));
    }
    return found;
  }

  /** Claims every group or app name in the message; several objects with one name are left for the admin to choose. */
  link(text: string, spans: SpanSet): Entity[] {
    const found: Entity[] = [];
    const list = tokens(text);
    // "the hr portal group", "the vpn group": the one group whose name starts with the words before "group" (before
    // "HR Portal" is taken for the app of that name).
    for (let j = 1; j < list.length; j++) {
      if (list[j].folded !== 'group' && list[j].folded !== 'groups') continue;
      // "the Security Operations group": a group's whole name is there; the main pass links it.
      const whole = [1, 2, 3, 4].some((m) => m <= j && (this.byFirstWord.get(list[j - m].folded) ?? []).some((e) => e.type === 'group' && e.words.length === m && e.words.every((w, n) => list[j - m + n].folded === w)));
      if (whole) continue;
      for (let k = Math.min(3, j); k >= 1; k--) {
        const words = list.slice(j - k, j).map((t) => t.folded);
        if (words.some((w) => GENERIC_SINGLE.has(w) && w !== 'it') || (k === 1 && words[0].length < 2)) continue;
        const groups = (this.byFirstWord.get(words[0]) ?? []).filter((e) => e.type === 'group' && e.words.length > k && words.every((w, n) => e.words[n] === w));
        if (groups.length !== 1 || !spans.isFree(list[j - k].start, list[j].end)) continue;
        const group = groups[0].candidate;
        const entity: Entity = { type: 'group', text: text.slice(list[j - k].start, list[j].end), source: 'message', resolution: 'resolved', id: group.id, displayName: group.displayName };
        spans.claim({ start: list[j - k].start, end: list[j].end, placeholder: '<name> group', entity });
        found.push(entity);
        break;
      }
    }
    for (let i = 0; i < list.length; i++) {
      const entries = this.byFirstWord.get(list[i].folded);
      if (!entries) continue;
      const matching = entries.filter((e) => e.words.every((w, k) => list[i + k]?.folded === w));
      if (matching.length === 0) continue;
      const length = matching[0].words.length;
      const same = matching.filter((e) => e.words.length === length);
      const first = list[i];
      const last = list[i + length - 1];
      // A one-word name that is also an everyday word links only when written as a name (capitalised).
      if (length === 1 && (GENERIC_SINGLE.has(first.folded) || !/^\p{Lu}/u.test(first.raw))) continue;
      // "show me all guests": a name made only of everyday words ("All Guests"), written in lower case with no word
      // for a group, is the words' own meaning.
      if (length > 1 && !/^\p{Lu}/u.test(first.raw) && list.slice(i, i + length).every((t) => GENERIC_SINGLE.has(t.folded) || t.folded === 'employees') && !/\bgroups?\b|\bmembers? of\b|\bmembership\b/i.test(text)) continue;
      if (!spans.isFree(first.start, last.end)) continue;
      const written = text.slice(first.start, last.end);
      const types = new Set(same.map((e) => e.type));
      // A group and an app with the same name: the words around it decide later; the group is the default.
      const chosen = types.size > 1 ? same.filter((e) => e.type === (types.has('policy') ? 'policy' : 'group')) : same;
      if (chosen[0].type === 'policy') {
        const policy = chosen[0].candidate;
        const entity = policyEntity(policy, written);
        spans.claim({ start: first.start, end: last.end, placeholder: '<policy>', entity });
        found.push(entity);
        i += length - 1;
        continue;
      }
      const entity: Entity =
        chosen.length === 1
          ? {
              type: chosen[0].type,
              text: written,
              source: 'message',
              resolution: 'resolved',
              id: chosen[0].candidate.id,
              displayName: chosen[0].candidate.displayName,
              ...(chosen[0].candidate.appId ? { appId: chosen[0].candidate.appId } : {}),
            }
          : { type: chosen[0].type, text: written, source: 'message', resolution: 'ambiguous', candidates: chosen.map((e) => e.candidate) };
      spans.claim({ start: first.start, end: last.end, placeholder: '<name>', entity });
      found.push(entity);
      i += length - 1;
    }
    // "who can connect to VPN?", "vpn members counting nested groups": a group named by the one word its name has before
    // a generic noun ("VPN Users"), when no other group or app begins with that word.
    for (const token of list) {
      if (token.folded.length < 2 || GENERIC_SINGLE.has(token.folded) || !spans.isFree(token.start, token.end)) continue;
      const entries = this.byFirstWord.get(token.folded) ?? [];
      if (entries.length !== 1 || entries[0].type !== 'group' || entries[0].words.length !== 2 || !GROUP_NOUNS.has(entries[0].words[1])) continue;
      const group = entries[0].candidate;
      const entity: Entity = { type: 'group', text: token.raw, source: 'message', resolution: 'resolved', id: group.id, displayName: group.displayName };
      spans.claim({ start: token.start, end: token.end, placeholder: '<name>', entity });
      found.push(entity);
    }
    return found;
  }

  /**
   * "the break glass accounts", "break-glass admins": the tenant's emergency access accounts, known by their names or
   * sign-in names ("Emergency Access 01", breakglass01@…). The plural names each of them (two are asked of
   * together); the singular is one of them, or a choice between them. A question about the term itself ("what is a
   * break glass account?") names no one.
   */
  private linkEmergencyAccounts(text: string, spans: SpanSet): Entity[] {
    const m = BREAK_GLASS.exec(text);
    // ("how do I set up a break-glass account?", "best way to create an emergency access account": the idea, not ours.)
    if (!m || !this.vocabularyUsers || /\bwhat(?:'s| is| are)\s+(?:an?\s+)?break[- ]?glass\b|\bwhy (?:do|would|should) (?:we|you|i|i'd)\b|^(?:(?:so|and|ok(?:ay)?)[,]?\s+)?how (?:do|can|should|would|to)\b.*\b(?:set ?up|create|configure|make|design|plan|store|protect|monitor|test)\b/i.test(text) || /\b(?:an?|new|another|extra)\s+$/i.test(text.slice(0, m.index))) return [];
    if (!spans.isFree(m.index, m.index + m[0].length)) return [];
    const accounts = this.vocabularyUsers.filter((u) => EMERGENCY_ACCOUNT.test(u.displayName) || EMERGENCY_ACCOUNT.test(u.userPrincipalName ?? '')).slice(0, 2);
    if (!accounts.length) return [];
    const plural = /s$/i.test(m[0]) || accounts.length === 1;
    const written = m[0];
    const entity = (u: VocabularyUser): Entity => ({ type: 'user', text: written, source: 'message', resolution: 'resolved', id: u.id, displayName: u.displayName, ...(u.userPrincipalName ? { userPrincipalName: u.userPrincipalName } : {}) });
    const found: Entity[] = plural
      ? accounts.map(entity)
      : [{ type: 'user', text: written, source: 'message', resolution: 'ambiguous', candidates: accounts.map((u) => ({ id: u.id, displayName: u.displayName, ...(u.userPrincipalName ? { userPrincipalName: u.userPrincipalName } : {}) })) }];
    if (found.length === 1) {
      spans.claim({ start: m.index, end: m.index + m[0].length, placeholder: '<name>', entity: found[0] });
      return found;
    }
    // Two accounts: the phrase reads as "<name> and <name>" ("have <name> and <name> been signing in?").
    const noun = m[0].lastIndexOf(' ');
    spans.claim({ start: m.index, end: m.index + noun, placeholder: '<name>', entity: found[0] });
    spans.claim({ start: m.index + noun, end: m.index + m[0].length, placeholder: ' and <name>', entity: found[1] });
    return found.slice(0, 2);
  }

  /**
   * Claims the people the message names, from the tenant's users: a full name or a title ("the CFO", "our Chief
   * Financial Officer") anywhere; a first name or surname alone when it is written as a name or is no everyday word
   * ("megan", not "will"); a first name with a surname one or two letters off ("megan bowan"), said back to the
   * admin. Several people with the name are left for the admin to choose.
   */
  linkUsers(text: string, spans: SpanSet): Entity[] {
    const keys = this.users;
    if (!keys) return [];
    const found: Entity[] = [];
    found.push(...this.linkEmergencyAccounts(text, spans));
    const list = tokens(text);
    const claim = (first: Token, last: Token, users: VocabularyUser[], correctedFrom?: string) => {
      if (!spans.isFree(first.start, last.end)) return false;
      const written = text.slice(first.start, last.end);
      const all = [...new Map(users.map((u) => [u.id, u])).values()];
      const described = all.length > 1 ? describedOne(all, text, written) : undefined;
      const unique = described ? [described] : all;
      const entity: Entity =
        unique.length === 1
          ? { type: 'user', text: written, source: 'message', resolution: 'resolved', id: unique[0].id, displayName: unique[0].displayName, ...(unique[0].userPrincipalName ? { userPrincipalName: unique[0].userPrincipalName } : {}), ...(correctedFrom ? { correctedFrom } : {}) }
          : { type: 'user', text: written, source: 'message', resolution: 'ambiguous', candidates: unique.slice(0, 8).map((u) => ({ id: u.id, displayName: u.displayName, ...(u.userPrincipalName ? { userPrincipalName: u.userPrincipalName } : {}) })) };
      spans.claim({ start: first.start, end: last.end, placeholder: '<name>', entity });
      found.push(entity);
      return true;
    };
    for (let i = 0; i < list.length; i++) {
      const token = list[i];
      // Full names and titles first.
      const phrases = (keys.phrases.get(token.folded) ?? []).filter((p) => p.words.every((w, k) => list[i + k]?.folded === w));
      if (phrases.length) {
        const length = phrases[0].words.length;
        const same = phrases.filter((p) => p.words.length === length);
        // A title counts after "the", "our", "my", "your" ("the CFO"), never as bare words ("chief" of something).
        const titled = same.every((p) => p.title);
        const before = text.slice(0, token.start);
        // ("hr director - who is it?", "CFO: manager?": a title the message opens with, set apart, is the topic.)
        const opens = /^\s*$/.test(before) && /^\s*(?:[-–—:?]|$)/.test(text.slice(list[i + length - 1]?.end ?? token.end));
        if (!titled || opens || /\b(?:the|our|my|your|their)\s+$/i.test(before)) {
          if (claim(token, list[i + length - 1], same.map((p) => p.user))) {
            i += length - 1;
            continue;
          }
        }
      }
      const next = list[i + 1];
      // "G. Tanaka", "O Tanaka": an initial and a surname are the people with that surname whose first name starts so.
      if (next && /^\p{L}$/u.test(token.raw) && /^\.?\s+$/.test(text.slice(token.end, next.start)) && keys.bySurname.has(next.folded)) {
        const initial = token.folded;
        const fits = (keys.bySurname.get(next.folded) ?? []).filter((u) => (tokens(u.givenName ?? '')[0]?.folded ?? '').startsWith(initial));
        if (fits.length && claim(token, next, fits)) {
          i += 1;
          continue;
        }
      }
      // A first name with a misspelt surname, or a misspelt first name with a surname.
      // Only a word that is no name and no everyday word can be a misspelt one (and only then is it compared).
      const misspeltNext = next && !keys.bySurname.has(next.folded) && !keys.byGiven.has(next.folded) && !this.knownWord(next.folded);
      const misspeltThis = next && !keys.byGiven.has(token.folded) && !this.knownWord(token.folded) && keys.bySurname.has(next.folded);
      if (next && (misspeltNext || misspeltThis) && /^\s+$/.test(text.slice(token.end, next.start))) {
        // Two edits for a word of five letters or more ("hofman" for Hoffmann), one for a shorter one; of several
        // within reach, only the single closest counts.
        const nearest = (word: string, candidates: VocabularyUser[], part: (u: VocabularyUser) => string | null | undefined) => {
          if (word.length < 3) return [];
          const scored = candidates.map((u) => ({ u, d: closeSpelling(word, tokens(part(u) ?? '')[0]?.folded ?? '', word.length >= 5 ? 2 : 1) ? editDistance(word, tokens(part(u) ?? '')[0]?.folded ?? '') : Infinity }));
          const best = Math.min(...scored.map((c) => c.d));
          return best === Infinity ? [] : scored.filter((c) => c.d === best).map((c) => c.u);
        };
        const bySurname = nearest(next.folded, keys.byGiven.get(token.folded) ?? [], (u) => u.surname);
        const byGiven = nearest(token.folded, keys.bySurname.get(next.folded) ?? [], (u) => u.givenName);
        const close = bySurname.length ? bySurname : byGiven;
        if (close.length === 1 && claim(token, next, close, text.slice(token.start, next.end))) {
          i += 1;
          continue;
        }
      }
      // A first name or surname alone: people with that first name before those with that surname ("Lee" is Lee Gu
      // before Hector Lee), as the one-by-one lookup ranks them.
      // "megans signin": a possessive written without its apostrophe.
      const stem = token.folded.length > 3 && token.folded.endsWith('s') ? token.folded.slice(0, -1) : undefined;
      const users = keys.byGiven.get(token.folded) ?? keys.bySurname.get(token.folded) ?? keys.single.get(token.folded) ?? (stem && !this.knownWord(token.folded) ? keys.byGiven.get(stem) : undefined);
      if (!users) continue;
      // A capital at the start of the message says nothing ("May I…", "Will you…").
      const writtenAsName = (/^\p{Lu}/u.test(token.raw) && !(i === 0 && this.knownWord(token.folded))) || /^[A-Z]{2,5}$/.test(token.raw);
      const acronym = /^[a-z]{2,5}$/.test(token.folded) && users.every((u) => u.jobTitle && acronymOf(u.jobTitle) === token.folded);
      // A title's acronym after "the" ("the cfo"), written as one ("CFO mfa status?") or owning something ("cfo's groups").
      if (acronym && !/\b(?:the|our|my|your|their)\s+$/i.test(text.slice(0, token.start)) && !/^[A-Z]{2,5}$/.test(token.raw) && !/^['’]s\b/.test(text.slice(token.end))) continue;
      if (!writtenAsName && (this.knownWord(token.folded) || token.folded.length < 3)) continue;
      // "chloe okafor" where no Okafor exists: a full name the tenant lacks, not the one Chloe it has.
      const after = list[i + 1];
      if (keys.byGiven.has(token.folded) && after && /^\s+$/.test(text.slice(token.end, after.start)) && /^\p{Lu}\p{Ll}{2,}$/u.test(after.raw) && /^\p{Lu}/u.test(token.raw) && !this.knownWord(after.folded) && !keys.bySurname.has(after.folded) && !keys.byGiven.has(after.folded)) continue;
      // "michael bennett" where the tenant has a Michael Yamamoto and a Lucia Bennett but no Michael Bennett: one full
      // name it lacks, not two people: the admin hears it is not there, with the people who have either part of it.
      if (keys.byGiven.has(token.folded) && after && /^\s+$/.test(text.slice(token.end, after.start)) && keys.bySurname.has(after.folded) && !this.knownWord(after.folded) && !keys.byGiven.has(after.folded) && spans.isFree(token.start, after.end)) {
        const near = [...new Set([...(keys.byGiven.get(token.folded) ?? []), ...(keys.bySurname.get(after.folded) ?? [])].map((u) => u.displayName))].slice(0, 4);
        // Said back as a name ("Michael Bennett"): a lower-case word that links to nothing is otherwise taken for no name.
        const written = text.slice(token.start, after.end).replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
        const entity: Entity = { type: 'user', text: written, source: 'message', resolution: 'notFound', suggestions: near };
        spans.claim({ start: token.start, end: after.end, placeholder: '<name>', entity });
        found.push(entity);
        i += 1;
        continue;
      }
      claim(token, token, users);
    }
    return found;
  }

  /**
   * "Our nightly sync job keeps failing": a workload named by a word of its name and what it is ("job", "sync",
   * "integration"), not by its full name. Apps whose names hold that word are the candidates: one is taken, several
   * are offered to choose from. Only when the message names no person or app otherwise.
   */
  linkAppWords(text: string, spans: SpanSet): Entity | undefined {
    if (spans.spans.some((s) => s.entity && (s.entity.type === 'user' || s.entity.type === 'app'))) return undefined;
    if (!WORKLOAD_NOUN.test(text)) return undefined;
    const list = tokens(text);
    for (const token of list) {
      if (token.folded.length < 3 || GENERIC_SINGLE.has(token.folded) || NOT_APP_WORDS.has(token.folded) || !spans.isFree(token.start, token.end)) continue;
      // A distinctive word of an app's name: an everyday word only if it is a workload word ("sync", "backup").
      if (this.knownWord(token.folded) && !WORKLOAD_WORDS.has(token.folded)) continue;
      const apps = this.appsByWord().get(token.folded);
      if (!apps?.length) continue;
      const entity: Entity =
        apps.length === 1
          ? { type: 'app', text: token.raw, source: 'message', resolution: 'resolved', id: apps[0].id, displayName: apps[0].displayName, ...(apps[0].appId ? { appId: apps[0].appId } : {}) }
          : { type: 'app', text: token.raw, source: 'message', resolution: 'ambiguous', candidates: apps.slice(0, 8) };
      spans.claim({ start: token.start, end: token.end, placeholder: '<name>', entity });
      return entity;
    }
    return undefined;
  }

  private appWords?: Map<string, Candidate[]>;

  private appsByWord(): Map<string, Candidate[]> {
    if (this.appWords) return this.appWords;
    const map = new Map<string, Candidate[]>();
    for (const entries of this.byFirstWord.values()) {
      for (const entry of entries) {
        if (entry.type !== 'app') continue;
        for (const word of new Set(entry.words)) {
          const list = map.get(word) ?? [];
          list.push(entry.candidate);
          map.set(word, list);
        }
      }
    }
    this.appWords = map;
    return map;
  }
}

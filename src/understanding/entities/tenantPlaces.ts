import type { SpanSet } from '../text/spans';
import { tokens as words, type Token } from '../text/words';
import type { Candidate, Entity, UserAttributeField } from '../types';

/** A Conditional Access named location, with what it covers (IP ranges or countries). */
/** A question about how a group gets its members: a department's name is then its dynamic group. */
const ASKS_GROUP_RULE = /\b(?:dynamic|membership rules?|rules?|populated|get(?:s|ting)? (?:its|their) members|membership type|assigned or dynamic|membership (?:is |get )?(?:defined|decided|determined|calculated|worked out))\b/i;

export interface NamedLocationCandidate extends Candidate {
  ipRanges?: string[];
  countries?: string[];
  isTrusted?: boolean;
}

/** The people fields admins describe people by ("users in Toronto", "the London office", "engineers"). */
export interface PlaceUser {
  id?: string;
  department?: string | null;
  city?: string | null;
  officeLocation?: string | null;
  jobTitle?: string | null;
}

/** The words of a text as places are compared: hyphens split, plurals and past tenses folded ("blocked-countries"). */
function tokens(text: string): Token[] {
  return words(text, { splitHyphens: true }).map((t) => ({ ...t, folded: stem(t.folded) }));
}

/** "countries" and "country", "blocked" and "block", "offices" and "office" are one word here. */
function stem(word: string): string {
  if (word === 'countries') return 'country';
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Words that say what kind of place a location is, never which one. */
const PLACE_KIND = new Set(['office', 'network', 'location', 'range', 'ip', 'site', 'named', 'country', 'subnet', 'cidr', 'vpn', 'building', 'campus']);
/** Words a location may be written with that say nothing about which. */
const LOCATION_NOISE = new Set(['the', 'our', 'a', 'an', 'of']);

interface LocationEntry {
  words: Set<string>;
  location: NamedLocationCandidate;
}

/** Plural people-nouns admins use for a department ("engineers", "the sales folks"). */
const DEPARTMENT_PEOPLE: Record<string, string[]> = {
  engineering: ['engineer', 'developer', 'dev'],
  sales: ['salespeople', 'salesperson', 'seller', 'rep'],
  marketing: ['marketer'],
  finance: ['accountant'],
  legal: ['lawyer', 'attorney'],
  research: ['researcher', 'scientist'],
  executive: ['exec', 'executive'],
};
/** Short names of departments ("HR" for Human Resources, "support" for Customer Support). */
const DEPARTMENT_SHORT: Record<string, string[]> = { 'human resources': ['hr', 'people team'], 'customer support': ['support', 'customer service', 'cs'], 'information technology': ['it'], engineering: ['eng', 'r&d'], executive: ['exec'] };

/** The short names admins use for a department ("HR" for Human Resources). */
export function departmentShortNames(department: string): string[] {
  return DEPARTMENT_SHORT[department.toLowerCase()] ?? [];
}

/** A named location as the entity a message or a follow-up links to, with what it covers. */
export function locationEntity(location: NamedLocationCandidate, text: string, office?: string): Entity {
  return {
    type: 'namedLocation',
    text,
    value: location.displayName,
    displayName: location.displayName,
    id: location.id,
    source: 'message',
    resolution: 'resolved',
    ...(location.ipRanges?.length ? { ipRanges: location.ipRanges } : {}),
    ...(location.countries?.length ? { countries: location.countries } : {}),
    ...(office ? { office } : {}),
  };
}

const OTHER_OBJECT = /^(?:group|polic(?:y|ie)|rule|app|application|role|portal)$/;
/** Up to this many people of a department or place are carried by id, for lists that cannot filter on it (MFA registration, sign-ins). */
const MAX_PEOPLE_BY_ID = 500;
/** Words after a department that end its name: what is said of the people next. */
const CLAUSE_GOES_ON = /^(?:in|at|based|located|sitting|working|have|ha|has|had|with|without|who|that|which|are|is|were|was|and|or|but|don'?t|doesn'?t|haven'?t|hasn'?t|can|can'?t|did|didn'?t|do|got|get|missing|lack|lacking|no|not|still|never|ever|using|use|signed|logged|failing|failed)$/;
/** "users in", "everyone from the", "who's in our": people said to be in a place just before it. */
/** What comes before a department named on its own as a follow-up ("what about", "ok and", "and in"). */
const ELLIPSIS_LEAD = /^\s*(?:(?:ok(?:ay)?|so|and|what about|how about|now|same for|and in|in)[\s,]+)+$/i;
const PEOPLE_IN = /\b(?:(?:users?|people|everyone|everybody|staff|employees|accounts|anyone|anybody|folks|who(?:'s| is| are)?|guys|hires?|starters?|joiners?)\s+(?:\w+\s+)?(?:in|from|at)|head ?counts?\s+(?:for|of|in))\s+(?:the\s+|our\s+)?$/i;
/** The message says a department is meant, and no group. */
const DEPARTMENT_MEANT = /^(?!.*\bgroups?\b).*\b(?:department|dept)\b/i;
const PEOPLE_NOUN = /^(?:people|users?|staff|folks|employees|accounts|persons|team|department|dept|members|guys|crew|side)$/;
const PLACE_LEAD = /(?:\b(?:in|from|at|based in|located in|out of|working in|works in|work in)\s+(?:the\s+|our\s+)?)$/i;

/**
 * The tenant's places, linked where a message names one: Conditional Access named locations ("the London office
 * range", "our HQ network", "blocked countries") and the cities, offices and departments people are in ("users in
 * Toronto", "the London office", "engineers with no MFA"). Values come from the directory itself, so only places the
 * tenant has are ever linked; a word is a place only beside a word that says so ("in", "office", "people" …).
 */
export class PlaceIndex {
  private readonly locations: LocationEntry[] = [];
  /** Folded phrase → the field and value it names; longest phrases are tried first. */
  private readonly attributes = new Map<string, Array<{ field: UserAttributeField; value: string; words: string[] }>>();
  private readonly offices = new Map<string, string>();
  /** "department:Engineering" → the ids of the people with that value. */
  private readonly people = new Map<string, string[]>();

  constructor(locations: readonly NamedLocationCandidate[], users: readonly PlaceUser[]) {
    for (const location of locations) {
      const words = new Set(tokens(location.displayName).map((t) => t.folded).filter((w) => !LOCATION_NOISE.has(w)));
      if (words.size) this.locations.push({ words, location });
    }
    const values = { city: new Set<string>(), officeLocation: new Set<string>(), department: new Set<string>(), jobTitle: new Set<string>() };
    const member = (field: UserAttributeField, value: string | null | undefined, id: string | undefined) => {
      if (!value || !id) return;
      const key = `${field}:${value}`;
      const list = this.people.get(key);
      if (list) list.push(id);
      else this.people.set(key, [id]);
    };
    for (const user of users) {
      member('city', user.city, user.id);
      member('officeLocation', user.officeLocation, user.id);
      member('department', user.department, user.id);
      member('jobTitle', user.jobTitle, user.id);
      if (user.city) values.city.add(user.city);
      if (user.officeLocation) values.officeLocation.add(user.officeLocation);
      if (user.department) values.department.add(user.department);
      if (user.jobTitle) values.jobTitle.add(user.jobTitle);
    }
    const add = (phrase: string, field: UserAttributeField, value: string) => {
      const words = tokens(phrase).map((t) => t.folded);
      if (!words.length) return;
      const list = this.attributes.get(words[0]) ?? [];
      if (!list.some((e) => e.field === field && e.value === value && e.words.join(' ') === words.join(' '))) list.push({ field, value, words });
      list.sort((a, b) => b.words.length - a.words.length);
      this.attributes.set(words[0], list);
    };
    for (const office of values.officeLocation) {
      add(office, 'officeLocation', office);
      this.offices.set(tokens(office).map((t) => t.folded).join(' '), office);
    }
    for (const city of values.city) add(city, 'city', city);
    for (const title of values.jobTitle) add(title, 'jobTitle', title);
    for (const department of values.department) {
      add(department, 'department', department);
      const key = department.toLowerCase();
      for (const short of departmentShortNames(department)) add(short, 'department', department);
      for (const noun of DEPARTMENT_PEOPLE[key] ?? []) add(noun, 'department', department);
    }
  }

  get namedLocations(): readonly NamedLocationCandidate[] {
    return this.locations.map((l) => l.location);
  }

  /** The named location with this id, with what it covers (a row shown earlier carries only its name). */
  byId(id: string): NamedLocationCandidate | undefined {
    return this.locations.find((l) => l.location.id === id)?.location;
  }

  /** The named location an admin's words name, when exactly one has all of them ("the HQ" → Contoso HQ network). */
  locationNamed(words: string): NamedLocationCandidate | undefined {
    const asked = tokens(words).map((t) => t.folded).filter((w) => !LOCATION_NOISE.has(w) && !PLACE_KIND.has(w));
    if (!asked.length) return undefined;
    const fits = this.locations.filter((l) => asked.every((w) => l.words.has(w)));
    return fits.length === 1 ? fits[0].location : undefined;
  }

  /**
   * "how many people are in the Sales department?", "users in Finance with no licence": a department said as one, before
   * any group of that name ("Sales Department", "Finance") links the words. "the Finance group", "members of Finance"
   * and "the sales department group" stay groups.
   */
  linkDepartments(text: string, spans: SpanSet, departmentsAsked = false): void {
    // "what's the dynamic rule on Sales Department?", "how does Finance Department get its members?": the group.
    if (ASKS_GROUP_RULE.test(text)) return;
    const list = tokens(text);
    for (let i = 0; i < list.length; i++) {
      const before = text.slice(0, list[i].start);
      // "headcount for Finance": said of the people, a department needs no "in" before it.
      const attribute = this.attributeAt(text, list, i) ?? (PEOPLE_IN.test(before) || (departmentsAsked && ELLIPSIS_LEAD.test(before)) ? this.departmentAt(list, i) : undefined);
      if (!attribute || attribute.field !== 'department') continue;
      const after = list[attribute.end + 1];
      // ("Legal team size (department)?": a people-noun after it, and the message says it means the department.)
      const saidAsDepartment = after !== undefined && ((/^(?:department|dept)$/.test(after.folded) && !OTHER_OBJECT.test(list[attribute.end + 2]?.folded ?? '')) || (PEOPLE_NOUN.test(after.folded) && DEPARTMENT_MEANT.test(text)));
      // "users in Finance have …", but not "who's in finance approvers" (a longer name that starts with the word).
      const peopleIn = PEOPLE_IN.test(before) && (after === undefined || CLAUSE_GOES_ON.test(after.folded));
      // "what about Sales?", "ok and Research?" after an answer about a department's people: another department.
      const anotherDepartment = departmentsAsked && ELLIPSIS_LEAD.test(before);
      if ((!saidAsDepartment && !peopleIn && !anotherDepartment) || !spans.isFree(list[i].start, list[attribute.end].end)) continue;
      const written = text.slice(list[i].start, list[attribute.end].end);
      const ids = this.people.get(`department:${attribute.value}`);
      const entity: Entity = { type: 'userAttribute', text: written, value: attribute.value, field: 'department', source: 'message', resolution: 'resolved', ...(ids && ids.length <= MAX_PEOPLE_BY_ID ? { memberIds: ids } : {}) };
      spans.claim({ start: list[i].start, end: list[attribute.end].end, placeholder: written.toLowerCase(), entity });
      i = attribute.end;
    }
  }

  /** Claims the named locations and the people's places the message names. */
  link(text: string, spans: SpanSet): Entity[] {
    const list = tokens(text);
    const found: Entity[] = [];
    for (let i = 0; i < list.length; i++) {
      const location = this.locationAt(list, i);
      if (location && spans.isFree(list[i].start, list[location.end].end)) {
        const written = text.slice(list[i].start, list[location.end].end);
        const distinctive = list.slice(i, location.end + 1).filter((t) => !PLACE_KIND.has(t.folded));
        const office = this.offices.get(distinctive.map((t) => t.folded).join(' '));
        const entity = locationEntity(location.location, written, office && list[location.end].folded === 'office' ? office : undefined);
        spans.claim({ start: list[i].start, end: list[location.end].end, placeholder: written.toLowerCase(), entity });
        found.push(entity);
        i = location.end;
        continue;
      }
      const attribute = this.attributeAt(text, list, i);
      if (attribute && spans.isFree(list[i].start, list[attribute.end].end)) {
        const written = text.slice(list[i].start, list[attribute.end].end);
        const ids = this.people.get(`${attribute.field}:${attribute.value}`);
        const entity: Entity = { type: 'userAttribute', text: written, value: attribute.value, field: attribute.field, source: 'message', resolution: 'resolved', ...(ids && ids.length <= MAX_PEOPLE_BY_ID ? { memberIds: ids } : {}) };
        spans.claim({ start: list[i].start, end: list[attribute.end].end, placeholder: written.toLowerCase(), entity });
        found.push(entity);
        i = attribute.end;
      }
    }
    return found;
  }

  /**
   * A named location starting at token i: a run of its words holding at least one that says which, and either two
   * of its words or a kind word after it ("London office", "HQ network", "Blocked countries", "HQ range").
   */
  private locationAt(list: Token[], i: number): { location: NamedLocationCandidate; end: number } | undefined {
    let best: { location: NamedLocationCandidate; end: number } | undefined;
    for (const entry of this.locations) {
      let j = i;
      while (j < list.length && entry.words.has(list[j].folded)) j++;
      const run = list.slice(i, j);
      if (!run.length || !run.some((t) => !PLACE_KIND.has(t.folded))) continue;
      // A kind word just after ("the London office range"), or said of the run ("HQ network").
      let end = j - 1;
      while (end + 1 < list.length && PLACE_KIND.has(list[end + 1].folded) && end + 1 - i < 5) end++;
      // "from HQ": a word written as an acronym is a name by itself.
      const named = run.length >= 2 || end > j - 1 || (run.length === 1 && /^[A-Z]{2,5}$/.test(run[0].raw) && !PLACE_KIND.has(run[0].folded));
      // "the blocked countries policy", "the country block": a policy's name or what it does, not the location.
      if (!named || OTHER_OBJECT.test(list[end + 1]?.folded ?? '') || /^(?:block|rule)$/i.test(list[end].raw)) continue;
      // The first word must be the start of a run, not the middle of another name.
      if (!best || end > best.end) best = { location: entry.location, end };
      else if (end === best.end && best.location !== entry.location) return undefined;
    }
    return best;
  }

  /** The department whose name starts at token i, with no check of the words around it. */
  private departmentAt(list: Token[], i: number): { field: UserAttributeField; value: string; end: number } | undefined {
    const entry = this.attributes.get(list[i].folded)?.find((e) => e.field === 'department' && e.words.every((w, k) => list[i + k]?.folded === w) && !(e.words.length === 1 && e.words[0] === 'it' && list[i].raw !== 'IT'));
    return entry ? { field: entry.field, value: entry.value, end: i + entry.words.length - 1 } : undefined;
  }

  private attributeAt(text: string, list: Token[], i: number): { field: UserAttributeField; value: string; end: number } | undefined {
    const entries = this.attributes.get(list[i].folded);
    if (!entries) return undefined;
    for (const entry of entries) {
      if (!entry.words.every((w, k) => list[i + k]?.folded === w)) continue;
      // "it" is a department only written as one ("in IT"), never the pronoun.
      if (entry.words.length === 1 && entry.words[0] === 'it' && list[i].raw !== 'IT') continue;
      const end = i + entry.words.length - 1;
      const before = text.slice(0, list[i].start);
      const after = list[end + 1]?.folded;
      // "the finance group", "the sales app": another object's name.
      if (after !== undefined && OTHER_OBJECT.test(after)) continue;
      // "list the security analysts", "how many accountants do we have": a job title, said in the plural of the people
      // who hold it (one word only after the/our/all/any, so that "the engineer" or "analyst" alone stay words).
      if (entry.field === 'jobTitle') {
        if (/s$/i.test(list[end].raw) && !/ss$/i.test(list[end].raw) && (entry.words.length >= 2 || /\b(?:the|our|all|any|many|list|are)\s+$/i.test(before))) return { field: entry.field, value: entry.value, end };
        continue;
      }
      const people = DEPARTMENT_PEOPLE[entry.value.toLowerCase()]?.includes(entry.words.join(' '));
      // "engineers", "the sales reps": a people-noun is a department by itself (plural, or after the/our).
      if (people && (/s$/i.test(list[end].raw) || /\b(?:the|our|all|any)\s+$/i.test(before))) return { field: entry.field, value: entry.value, end };
      const led = PLACE_LEAD.test(before);
      const followed = after !== undefined && (PEOPLE_NOUN.test(after) || (entry.field !== 'department' && (after === 'office' || after === 'site')));
      if (!led && !followed) continue;
      // "in London" is the city; "the London office" the office, when both have the name.
      if (entry.field === 'officeLocation' && after !== 'office' && entries.some((e) => e.field === 'city' && e.words.join(' ') === entry.words.join(' '))) continue;
      // "the London office": the office, with its word.
      if (entry.field === 'officeLocation' && after === 'office') return { field: entry.field, value: entry.value, end: end + 1 };
      // One-letter-case words that are everyday words ("it", "legal", "sales") need a lead or a people noun: both checked.
      return { field: entry.field, value: entry.value, end };
    }
    return undefined;
  }
}

/**
 * Two people's groups compared: "what groups does she have that he doesn't?", "what's in his that isn't in hers?",
 * "do they share any groups?", "which groups do both have?", "which groups does only one of them have?". Which person
 * "she" or "he" is cannot be told from the directory (it keeps no gender), so the answer shows both sides of the
 * difference and what they share; the question only chooses which comes first.
 */
import type { IntentName } from './types';

export interface ComparedPerson {
  id: string;
  displayName: string;
}

/** What the admin asked to see first: what only one of them has, or what both have. */
export type ComparedFirst = 'difference' | 'shared';

export interface PairCompared {
  people: [ComparedPerson, ComparedPerson];
  first: ComparedFirst;
}

/** Words that set one person's memberships against the other's. */
const DIFFERENCE =
  /\bthat (?:he|she|they|the other(?: one)?|\w+) (?:doesn'?t|does not|don'?t|do not|isn'?t|is not|hasn'?t|has not|lacks?)\b|\b(?:isn'?t|is not|aren'?t|are not|not) in (?:his|hers|her|theirs|the other(?:'s| one'?s)?)\b|\bonly (?:one of (?:them|the two)|(?:he|she) (?:has|is in))\b|\bdiffer(?:s|ent|ence|ences)?\b|\bmissing from\b|\b(?:he|she) (?:has|is in) but\b|\bbut not\b/;
const SHARED = /\bshare[ds]?\b|\bin common\b|\bboth (?:have|are in|belong|in)\b|\b(?:which|what) groups? (?:do|are) (?:they|both|the two)(?: of them)? (?:both )?(?:have|in) (?:in common|both)\b|\bsame groups?\b|\bcommon groups?\b|\boverlap\b/;
const COMPARE = /\bcompare\b|\bversus\b|\bvs\.?\b/;
const GROUPS = /\bgroups?\b|\bmemberships?\b|\bteams\b/;

/**
 * The two people and what to show first, when the message compares their groups; undefined otherwise. `people` are
 * the two the conversation is about (or the two the message names); right after a groups answer ("what's in his that
 * isn't in hers", "what does he belong to that she doesn't?") the word "groups" may go unsaid.
 */
export function comparedGroups(cue: string, people: readonly ComparedPerson[] | undefined, lastIntent: IntentName | undefined): PairCompared | undefined {
  if (!people || people.length !== 2 || people[0].id === people[1].id) return undefined;
  const aboutGroups = GROUPS.test(cue) || lastIntent === 'user.groups';
  if (!aboutGroups) return undefined;
  // Roles and apps are other lists ("which roles do both have?").
  if (/\broles?\b|\badmins?\b|\bapps?\b|\blicen[cs]es?\b/.test(cue)) return undefined;
  const difference = DIFFERENCE.test(cue);
  const shared = SHARED.test(cue);
  if (!difference && !shared && !COMPARE.test(cue)) return undefined;
  return { people: [people[0], people[1]], first: shared && !difference ? 'shared' : 'difference' };
}

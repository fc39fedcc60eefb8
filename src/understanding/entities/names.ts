import { correction } from '../text/spelling';
import { CAPITALISED_NON_NAMES, FUNCTION_WORDS, LEXICON } from '../text/lexicon';
import type { SpanSet } from '../text/spans';
import type { DirectoryEntityType } from '../types';

/**
 * Finds the names of people, groups and apps in what the other extractors left. A name is a word the lexicon does
 * not know, or a capitalised word inside a sentence; lower-case unknown words count only where names go (after
 * "for", before "can't", a possessive...). The words around a name hint at its type.
 */

export interface NameMention {
  start: number;
  end: number;
  text: string;
  /** The type the words around it say, if they say one. */
  hint?: DirectoryEntityType | 'container';
  possessive: boolean;
}

const TOKEN = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g;

/** Words after which a lower-case unknown word is probably a name. */
const NAME_BEFORE = new Set(`for of about is was by on to from did does has have had user guest member check show list find up
disable reset dismiss revoke confirm mark why can can't cant cannot when and with kill sign turn off whom at in owns own
details info profile lookup block investigate troubleshoot people person employee account guest's what's risk the isnt`.split(/\s+/));
/** Words before which a lower-case unknown word is probably a name. */
const NAME_AFTER = new Set(`can't cant cannot can isn't is was has keeps keep gets got getting cant couldn't says said reports
locked blocked sign signin signins login logins log group groups team app application owners members membership memberships
risk risky compromised account accounts password sessions profile roles role details at as a an safe in isnt wont doesnt`.split(/\s+/));

/** Last words that make a name an application's ("Payroll Connector") or a group's ("Sales Team"). */
const APP_HEADS = new Set('connector sync portal gateway router dashboard tracker pipeline scanner service app api booking ocr hub chatbot etl forwarder archiver notebook bot integration client'.split(' '));
/** App heads that also join a lower-case name ("payroll connector"); "app" or "service" after a name is a type word. */
const LOWER_APP_HEADS = new Set('connector sync portal gateway router dashboard tracker pipeline scanner booking ocr hub chatbot etl forwarder archiver notebook'.split(' '));
const GROUP_HEADS = new Set('team teams crew staff group operators approvers users board club exec execs department squad committee managers employees guests admins'.split(' '));
/** Type words next to a name: "the Finance group", "app Payroll Connector", "the Inventory Sync service principal". */
const GROUP_CUE_AFTER = /^\s+(?:group|team|security group|m365 group|distribution list|dl)\b(?!\s+members?hips?)/i;
const APP_CUE_AFTER = /^\s+(?:app|application|service principal|sp|enterprise app|app registration)\b/i;
const GROUP_CUE_BEFORE = /\b(?:group|team)\s+$/i;
const APP_CUE_BEFORE = /\b(?:app|application|service principal|sp|enterprise app)\s+$/i;
/** Containers: "member of Finance", "added Bob to Sales Team", "owners of Project Falcon". */
const CONTAINER_BEFORE = /\b(?:members?\s+of|in(?:\s+the)?|belongs?\s+to|part\s+of|added\s+\S+\s+to|add\s+\S+\s+to|removed\s+\S+\s+from|(?:to|from)\s+the|owners?\s+of|owns(?:\s+the)?|who\s+is\s+in|who's\s+in|people\s+in)\s+$/i;

interface Token {
  start: number;
  end: number;
  raw: string;
  lower: string;
  possessive: boolean;
  capitalised: boolean;
  sentenceStart: boolean;
}

function tokens(text: string, spans: SpanSet): Token[] {
  const list: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let raw = m[0];
    const possessive = /['’]s$/i.test(raw) && raw.length > 2;
    if (possessive) raw = raw.slice(0, -2);
    const before = text.slice(0, m.index);
    list.push({
      start: m.index,
      end: m.index + raw.length,
      raw,
      lower: raw.toLowerCase(),
      possessive,
      capitalised: /^[A-Z]/.test(raw),
      sentenceStart: /(?:^|[.!?]\s*)\s*$/.test(before),
    });
    // Tokens inside claimed spans are dropped below; keep the true position for adjacency.
    if (!spans.isFree(m.index, m.index + m[0].length)) list[list.length - 1].raw = '';
  }
  return list;
}

function isKnown(token: Token): boolean {
  if (LEXICON.has(token.lower)) return true;
  if (/^\d/.test(token.lower)) return true;
  return !token.capitalised && correction(token.lower) !== undefined;
}

/** Strong evidence: a capitalised word the lexicon does not know, or any unknown word. */
function nameStrength(token: Token, previous: Token | undefined, next: Token | undefined): 'strong' | 'weak' | 'none' {
  if (!token.raw) return 'none';
  if (token.capitalised && CAPITALISED_NON_NAMES.has(token.lower)) return 'none';
  if (!isKnown(token)) {
    if (token.capitalised) return 'strong';
    const framed =
      token.sentenceStart ||
      token.possessive ||
      (previous !== undefined && (NAME_BEFORE.has(previous.lower) || NAME_BEFORE.has(correction(previous.lower) ?? ''))) ||
      (next !== undefined && NAME_AFTER.has(next.lower)) ||
      next === undefined;
    return framed ? 'weak' : 'none';
  }
  return 'none';
}

/** "Order Router": a capitalised everyday word inside a sentence, right before a capitalised name word. */
function startsTitleCaseName(text: string, list: Token[], i: number): boolean {
  const token = list[i];
  const next = list[i + 1];
  if (!token.raw || !token.capitalised || token.sentenceStart || CAPITALISED_NON_NAMES.has(token.lower) || FUNCTION_WORDS.has(token.lower)) return false;
  return next !== undefined && next.capitalised && adjacent(text, token, next) && nameStrength(next, token, list[i + 2]) === 'strong';
}

function adjacent(text: string, a: Token, b: Token): boolean {
  return /^\s+$/.test(text.slice(a.end, b.start)) && !a.possessive;
}

export function findNames(text: string, spans: SpanSet): NameMention[] {
  const list = tokens(text, spans);
  const mentions: NameMention[] = [];
  let i = 0;
  while (i < list.length) {
    const strength = nameStrength(list[i], list[i - 1], list[i + 1]);
    if (strength === 'none' && !startsTitleCaseName(text, list, i)) {
      i++;
      continue;
    }
    let j = i;
    // Extend over following name words, capitalised known words ("Sales Team", "Supplier Portal"), and app head
    // nouns in lower case ("payroll connector", "inventory sync").
    while (j + 1 < list.length && adjacent(text, list[j], list[j + 1]) && list[j + 1].raw) {
      const next = list[j + 1];
      const nextStrength = nameStrength(next, list[j], list[j + 2]);
      const titleCase = next.capitalised && list[j].capitalised && !CAPITALISED_NON_NAMES.has(next.lower) && !next.sentenceStart;
      const lowerHead = !next.capitalised && LOWER_APP_HEADS.has(next.lower);
      const continues = nextStrength !== 'none' || (!isKnown(next) && !CAPITALISED_NON_NAMES.has(next.lower)) || titleCase || lowerHead;
      if (!continues || j - i >= 3) break;
      j++;
    }
    const first = list[i];
    const last = list[j];
    mentions.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), possessive: last.possessive, hint: hintFor(text, first.start, last.end, last) });
    i = j + 1;
  }
  // "our Fabrikam guest Nestor Wilke": the first name only says where the person comes from.
  return mentions.filter((m, k) => !(mentions[k + 1] && QUALIFIED_PERSON.test(text.slice(m.end, mentions[k + 1].start))));
}

const QUALIFIED_PERSON = /^\s+(?:guest|user|employee|contractor|vendor|partner|colleague|consultant|intern)\s+$/i;

function hintFor(text: string, start: number, end: number, last: Token): NameMention['hint'] {
  const after = text.slice(end + (last.possessive ? 2 : 0));
  const before = text.slice(0, start);
  if (APP_CUE_AFTER.test(after) || APP_CUE_BEFORE.test(before)) return 'app';
  if (GROUP_CUE_AFTER.test(after) || GROUP_CUE_BEFORE.test(before)) return 'group';
  const words = text.slice(start, end).toLowerCase().split(/\s+/);
  const head = words[words.length - 1];
  if (words.length > 1 || last.capitalised) {
    if (APP_HEADS.has(head)) return 'app';
    if (GROUP_HEADS.has(head) && words.length > 1) return 'group';
  }
  if (CONTAINER_BEFORE.test(before)) return 'container';
  return undefined;
}

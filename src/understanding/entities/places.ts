import { countryCode, countryFirstWords, foldForMatching, isCountryCode } from '../../plans/vocabulary';
import type { SpanSet } from '../text/spans';

/**
 * Countries named after a place word ("from Russia", "in the Netherlands", "out of china"): linked to their ISO
 * code through the runtime's country names, so "russia" is a place, never a person. Only after such a word, since
 * a bare "Jordan" or "Chad" is more often a name.
 */
const PLACE_LEAD = /\b(?:from|in|out of|via|originating in|located in|based in|country|countries)\s+(?:the\s+)?/gi;
/** "are we blocking russia", "do we block cuba": a country blocked or allowed, unless it is as often a given name. */
const BLOCK_LEAD = /\b(?:block|blocks|blocking|blocked|ban|bans|banning|banned|allow|allows|allowing|allowed|geo-?block(?:ing)?)\s+(?:(?:sign[- ]?ins?|logins?|access|traffic)\s+(?:from\s+)?)?(?:the\s+)?/gi;
const WORD = /^[A-Za-z][A-Za-z'’.-]*/;

/**
 * Two capitals that are more often a team or a word admins use than a country ("in IT", "from HR", "QA", "from CA",
 * "in AD", "by ID"): never read as a country code.
 */
const NOT_COUNTRY_CODES = new Set(['IT', 'HR', 'QA', 'PR', 'PA', 'AD', 'AI', 'BI', 'CS', 'GA', 'PM', 'SA', 'SE', 'TV', 'MS', 'ME', 'AM', 'CA', 'ID', 'IN', 'IS', 'NO', 'SO', 'TO', 'BY', 'AT', 'OR', 'MY']);

/** "from RU", "in KP": an ISO region code written as Graph writes it, in capitals. */
function isoCode(written: string): string | undefined {
  return /^[A-Z]{2}$/.test(written) && !NOT_COUNTRY_CODES.has(written) && isCountryCode(written) ? written : undefined;
}

export function extractCountries(text: string, spans: SpanSet): void {
  countriesAfter(PLACE_LEAD, text, spans, false);
  countriesAfter(BLOCK_LEAD, text, spans, true);
}

function countriesAfter(lead: RegExp, text: string, spans: SpanSet, namesAsOften: boolean): void {
  lead.lastIndex = 0;
  for (let m = lead.exec(text); m; m = lead.exec(text)) {
    const start = m.index + m[0].length;
    // Up to four words after the lead; the longest run that names a country wins ("united states of america").
    const ends: number[] = [];
    let at = start;
    for (let n = 0; n < 4; n++) {
      const word = WORD.exec(text.slice(at));
      if (!word) break;
      at += word[0].replace(/[.]+$/, '').length;
      ends.push(at);
      const gap = /^\s+/.exec(text.slice(at));
      if (!gap) break;
      at += gap[0].length;
    }
    for (const end of ends.reverse()) {
      const candidate = text.slice(start, end);
      const code = countryCode(candidate) ?? isoCode(candidate);
      if (!code || !spans.isFree(start, end) || (namesAsOften && GIVEN_NAMES.has(candidate.toLowerCase()))) continue;
      spans.claim({ start, end, placeholder: '<country>', entity: { type: 'country', text: candidate, value: code, source: 'message' } });
      break;
    }
  }
}

/**
 * A country used as a qualifier ("north korea sign ins", "russian logins", "brazil attempts"): a name of two words
 * or more anywhere, or one word right before what comes from a place.
 */
const BEFORE_PLACE_NOUN = /^\s+(?:sign[- ]?ins?|signins?|log[- ]?ins?|logins?|attempts?|traffic|ips?|users?|accounts?|failures?|access|(?:is\s+|are\s+)?(?:blocked|allowed|trusted|banned))\b/i;

/**
 * "guests from fabrikam", "external users at northwind": the organisation guests come from, by the word of their home
 * domain (a guest's sign-in name keeps it: nestor.wilke_fabrikam.com#EXT#@…), when that word is no country.
 */
const GUESTS_FROM = /\b(?:guests?|external (?:users?|accounts?|people|folks)|b2b (?:users?|guests?|accounts?)|partner (?:users?|accounts?))\s+(?:who )?(?:are |come |comes |coming )?(?:from|at|of|with)\s+(?:the\s+)?([A-Za-z][A-Za-z0-9-]{2,})(?:\.[a-z]{2,})?\b/gi;

export function extractGuestDomains(text: string, spans: SpanSet): void {
  GUESTS_FROM.lastIndex = 0;
  for (let m = GUESTS_FROM.exec(text); m; m = GUESTS_FROM.exec(text)) {
    const word = m[1];
    if (countryCode(word) || /^(?:the|our|a|an|which|what|partner|partners|other|outside)$/i.test(word)) continue;
    const start = m.index + m[0].lastIndexOf(word);
    const end = start + word.length;
    if (!spans.isFree(start, end)) continue;
    spans.claim({ start, end, placeholder: word.toLowerCase(), entity: { type: 'userAttribute', text: word, value: word.toLowerCase(), field: 'guestDomain', source: 'message', resolution: 'resolved' } });
  }
}

/** Countries that are as often people's given names. */
const GIVEN_NAMES = new Set(['jordan', 'chad', 'georgia', 'india', 'israel', 'kenya', 'chile', 'niger', 'jamaica', 'america', 'panama', 'peru']);

export function extractCountryQualifiers(text: string, spans: SpanSet): void {
  const words = [...text.matchAll(/[A-Za-z][A-Za-z'’.-]*/g)];
  const firstWords = countryFirstWords();
  for (let i = 0; i < words.length; i++) {
    // Every reading from here starts with this word, and folds to the same first word (a word starts with a letter).
    if (!firstWords.has(foldForMatching(words[i][0]).split(' ')[0])) continue;
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const start = words[i].index;
      const last = words[i + n - 1];
      const end = last.index + last[0].replace(/[.]+$/, '').length;
      const candidate = text.slice(start, end);
      if (!/^[A-Za-z'’.-]+(?:\s+[A-Za-z'’.-]+)*$/.test(candidate)) continue;
      const code = countryCode(candidate);
      if (!code) continue;
      // One word: before what comes from a place, or standing alone as a part of the message ("russia, this week, by
      // user"), unless it is as often a given name ("Jordan, can you …").
      // At the very start, a time after it counts too ("russia this week - who?").
      const alone = /(?:^|[,;:—–-])\s*$/.test(text.slice(0, start)) && (/^\s*(?:[,;:—–?!-]|$)/.test(text.slice(end)) || (start === 0 && /^\s+(?:this|last|today|yesterday|since|past|in the)\b/i.test(text.slice(end)))) && !GIVEN_NAMES.has(candidate.toLowerCase());
      if (n === 1 && !BEFORE_PLACE_NOUN.test(text.slice(end)) && !alone) continue;
      if (!spans.isFree(start, end)) continue;
      spans.claim({ start, end, placeholder: '<country>', entity: { type: 'country', text: candidate, value: code, source: 'message' } });
      i += n - 1;
      break;
    }
  }
}

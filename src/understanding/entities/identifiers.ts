import type { SpanSet } from '../text/spans';

/** UPNs, email and guest home addresses, and `#EXT#` guest UPNs (the local part may hold # and apostrophes). */
const ADDRESS = /[A-Za-z0-9][A-Za-z0-9._%+'#-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** "AADSTS50076", "AADSTS 50076", "error 50076", "code: 53003", "err #50126"; a few listed codes have 7 digits (AADSTS7000222). */
const PREFIXED_CODE = /\b(?:aadsts\s?|(?:error|err|code|error code)\s*[:#]?\s*)(\d{4,7})\b/gi;
/**
 * A bare number of five or six digits reads as a sign-in error code (AADSTS codes are 5–6 digits), plural too ("any
 * 50126s"); so does one of the seven-digit 7000xxx codes ("what's 7000222 mean?").
 */
const BARE_CODE = /(?<![\d.:/-])\b(\d{5,6}|7000\d{3})(?:'?s)?\b(?![\d.:/-])/g;
/** Words just before a GUID that make it an application's id rather than a request's. */
const APP_ID_CUE = /\b(?:app|apps|application|client|appid|app id|client id|application id|service principal|sp|enterprise app)\s*(?:id)?\s*[:#]?\s*$/i;

/** Words just before a GUID that make it a user's object id ("who is object id …", "user id: …", "whose object id is …"). */
const OBJECT_ID_CUE = /\b(?:object\s?id|objectid|user\s?id|user object id|oid)\s*(?:is|=|of)?\s*[:#]?\s*$|\bwho(?:'s| is| was)\s*$/i;

/** Claims addresses (users), GUIDs (request ids, or app ids after an app word, or users after "object id") and error codes. */
export function extractIdentifiers(text: string, spans: SpanSet): void {
  for (const m of spans.freeMatches(text, ADDRESS)) {
    const address = m[0].replace(/[.'-]+$/, '');
    spans.claim({ start: m.index, end: m.index + address.length, placeholder: '<name>', entity: { type: 'user', text: address, source: 'message' } });
  }
  for (const m of spans.freeMatches(text, GUID)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const isApp = APP_ID_CUE.test(before);
    if (!isApp && OBJECT_ID_CUE.test(before)) {
      spans.claim({ start: m.index, end: m.index + m[0].length, placeholder: '<name>', entity: { type: 'user', text: m[0].toLowerCase(), source: 'message' } });
      continue;
    }
    spans.claim({
      start: m.index,
      end: m.index + m[0].length,
      placeholder: isApp ? '<appid>' : '<guid>',
      entity: isApp ? { type: 'app', text: m[0], value: m[0].toLowerCase(), source: 'message' } : { type: 'requestId', text: m[0], value: m[0].toLowerCase(), source: 'message' },
    });
  }
  for (const pattern of [PREFIXED_CODE, BARE_CODE]) {
    for (const m of spans.freeMatches(text, pattern)) {
      // "ticket 88213 - …", "REQ #50126": a ticket's number, not a sign-in error.
      if (pattern === BARE_CODE && TICKET_NUMBER.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
      spans.claim({ start: m.index, end: m.index + m[0].length, placeholder: '<code>', entity: { type: 'errorCode', text: m[0], value: m[1], source: 'message' } });
    }
  }
}

/** The words before a number that make it a ticket's or a request's number. */
const TICKET_NUMBER = /\b(?:ticket|tkt|req(?:uest)?|case|incident|inc|sr|ref|ritm|chg)\s*(?:no\.?|number|nr\.?|id)?\s*[#:]?\s*$/i;

/** Quoted names: 'Require MFA for all users' or "Sales Team" (an apostrophe inside a word is not a quote). */
const QUOTED = /(?<=^|[\s(:,])(['"])([^'"]{2,80}?)\1(?=$|[\s?.,!):;])/g;

export interface QuotedName {
  start: number;
  end: number;
  name: string;
}

export function findQuoted(text: string, spans: SpanSet): QuotedName[] {
  return [...spans.freeMatches(text, QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length, name: m[2].trim() }));
}


/**
 * Two questions in one message ("Is Alex Wilber at risk, and can he use MFA?", "Which groups have no owners, and how
 * did Project Falcon lose its owner?"): each is answered in turn, the second with the first as its context, so "he"
 * is Alex. A second clause that only asks more of the same ("who became a Global Administrator, and who made the
 * change?") stays one question: one answer already says both.
 */

/** Where a second question starts: after "?", or after ", and" / "; " before a question word. */
const BOUNDARY = /(?<=\?)\s+(?=\S)|,\s+and\s+(?=(?:who|whom|when|how|what|why|which|where|can|could|does|did|is|are|has|have|was|were|should)\b)|;\s+(?=(?:who|whom|when|how|what|why|which|where|can|could|does|did|is|are|has|have|was|were)\b)/i;

/**
 * The message cut where a second question may start, or undefined. Whether it really is a second question is the
 * recogniser's call (src/understanding/grammarRecognizer.ts splitQuestions): it needs the tenant's names.
 */
export function compoundCandidate(text: string): [string, string] | undefined {
  const m = BOUNDARY.exec(text);
  if (!m || m.index < 8) return undefined;
  const first = text.slice(0, m.index).trim();
  // "Subject: locked??" in a pasted e-mail's header is the e-mail's subject, not a question of its own.
  if (/^\s*(?:subject|from|to|sent|cc|re|fwd?)\s*:/i.test(first.slice(first.lastIndexOf('\n') + 1))) return undefined;
  const second = text.slice(m.index + m[0].length).trim();
  if (second.length < 6 || !/[a-z]/i.test(second)) return undefined;
  // "… this month? not apps, people", "…? interactive only": a condition on the question, not a second one.
  if (/^(?:not|only|just|excluding|except|no|people|users|humans|interactive|including|incl\.?|without)\b/i.test(second) || second.split(/\s+/).length <= 3) return undefined;
  return [first, second];
}

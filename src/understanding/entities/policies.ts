import type { SpanSet } from '../text/spans';

/** "the Block legacy authentication policy", "the MFA policy", "the compliant device CA policy". */
const THE_NAME_POLICY = /\bthe\s+((?:[A-Za-z0-9'’-]+\s+){1,9}?)(?:ca\s+|conditional\s+access\s+)?policy\b/gi;
/** Unquoted policy names the way admins write them: "explain Require MFA for all users". */
const POLICY_SHAPED = /(?<=\b(?:explain|describe|show|about|check|policy)\s+)(?:Require|Block|Allow|Grant|Enforce)\b[^?!.,;"]*/g;
/** "the legacy auth block", "the country block rule": a policy named by what it blocks (kept only if it links). */
const THE_NAME_BLOCK = /\bthe\s+((?:[A-Za-z0-9'’-]+\s+){1,4}?)(?:block|blocking rule)\b(?!\s+(?:policy|list))/gi;
const NOT_A_NAME = /^(?:difference|between|which|any|a|an|what|this|that|same|whole|new|current|default|access|only|one|first|last|other)\b|\b(?:between|difference)\b/i;

export interface PolicyMention {
  start: number;
  end: number;
  name: string;
  /** Named only by what it does ("the country block"): a policy only if the tenant has one of those words. */
  tentative?: boolean;
}

/** Policy names written out in the message (quoted names are handled with the other quoted names). */
export function findPolicyNames(text: string, spans: SpanSet): PolicyMention[] {
  const found: PolicyMention[] = [];
  for (const m of spans.freeMatches(text, THE_NAME_POLICY)) {
    const name = m[1].trim();
    if (!name || NOT_A_NAME.test(name)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, name });
  }
  for (const m of spans.freeMatches(text, THE_NAME_BLOCK)) {
    const name = m[1].trim();
    if (!name || NOT_A_NAME.test(name) || found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, name: `${name} block`, tentative: true });
  }
  for (const m of spans.freeMatches(text, POLICY_SHAPED)) {
    const name = m[0].replace(/\s+(?:ca\s+|conditional\s+access\s+)?polic(?:y|ies)\s*$/i, '').trim();
    if (found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, name });
  }
  return found;
}

/** A quoted name is a policy's when the message talks about policies or it reads like one. */
export function looksLikePolicy(name: string, text: string): boolean {
  // A quoted sentence is what a screen said ("Access has been blocked by Conditional Access policies"), not a name.
  if (name.split(/\s+/).length > 4 && /\b(?:has|have|had|is|was|are|were|does|did|not|cannot|can't|been)\b/i.test(name)) return false;
  return /^(?:require|block|allow|grant|enforce|sign-in frequency)\b/i.test(name) || /\bpolic(?:y|ies)\b/i.test(text);
}

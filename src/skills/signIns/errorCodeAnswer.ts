/**
 * The answer to "what does AADSTS50076 mean?": our explanation and fix when we have them; otherwise the official name,
 * what kind of failure the code is and what admins usually do about that kind, with Microsoft's lookup and Learn pages.
 */
import { errorCodeExplanation, errorCodeFix, errorCodeInfo, type ErrorCodeInfo } from '../../knowledge/errorCodes';
import type { SkillAnswer } from '../types';

export function buildErrorCodeAnswer(code: number): SkillAnswer {
  const info = errorCodeInfo(code);
  const explanation = errorCodeExplanation(info);
  const fix = errorCodeFix(info);
  const kind = info.kind?.label ?? 'not categorised';
  const data = {
    title: `${info.aadsts}: ${info.title}`,
    name: info.name ?? 'no official name',
    kind,
    explanation,
    hasFix: Boolean(fix),
    fix: fix ?? '',
    lookupUrl: info.lookupUrl,
    hasReference: Boolean(info.referenceUrl),
    referenceUrl: info.referenceUrl ?? '',
    followUps: [{ title: `Who got ${code} recently?`, ask: `sign-in failures with ${code} today` }],
  };
  const summary = [
    `${info.aadsts} (${info.name ?? 'no official name'}): ${info.title}`,
    `Kind: ${kind}`,
    explanation,
    ...(fix ? [`Fix: ${fix}`] : []),
    `Lookup: ${info.lookupUrl}`,
    ...(info.referenceUrl ? [`Microsoft Learn: ${info.referenceUrl}`] : []),
  ].join('\n');
  return { kind: 'card', template: 'errorCode', data, summary };
}

/** Every AADSTS-style code a message names, in order, without repeats ("50074 vs 50079?"). */
export function errorCodesIn(text: string): number[] {
  const codes = [...text.matchAll(/\b(?:aadsts\s?)?(\d{5,7})\b/gi)].map((m) => Number(m[1]));
  return [...new Set(codes)].filter((code) => errorCodeInfo(code).name !== null || errorCodeInfo(code).explanation !== undefined);
}

/** "50074 vs 50079?": both codes side by side, and what tells them apart (their kinds, and what an admin does). */
export function buildErrorCodeComparison(first: number, second: number): SkillAnswer {
  const [a, b] = [errorCodeInfo(first), errorCodeInfo(second)];
  const side = (info: ErrorCodeInfo) => ({
    name: `${info.aadsts}: ${info.title}`,
    text: info.explanation ?? info.kind?.meaning ?? `Microsoft names it ${info.name ?? info.aadsts}.`,
  });
  const kindA = a.kind?.label ?? a.category;
  const kindB = b.kind?.label ?? b.category;
  const difference =
    kindA && kindB && kindA !== kindB
      ? `They are different kinds of failure: ${a.code} is “${kindA}”, ${b.code} is “${kindB}”. ${a.code} means ${lowerFirst(a.title)}; ${b.code} means ${lowerFirst(b.title)}.`
      : `Both are of the kind “${kindA ?? 'sign-in failure'}”: ${a.code} means ${lowerFirst(a.title)}, ${b.code} means ${lowerFirst(b.title)}.`;
  const check = [a.fix ? `${a.code}: ${a.fix}` : '', b.fix ? `${b.code}: ${b.fix}` : ''].filter(Boolean).join(' ') || 'Look each code up on the error lookup page for Microsoft\'s description.';
  const data = {
    title: `${a.aadsts} vs ${b.aadsts}`,
    sides: [side(a), side(b)],
    difference,
    check,
    links: [
      { title: `Error lookup: ${a.code}`, url: a.lookupUrl },
      { title: `Error lookup: ${b.code}`, url: b.lookupUrl },
    ],
  };
  const summary = [data.title, ...data.sides.map((s) => `${s.name}: ${s.text}`), `Difference: ${difference}`, check].join('\n');
  return { kind: 'card', template: 'conceptComparison', data, summary };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

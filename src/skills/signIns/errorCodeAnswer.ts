/**
 * The answer to "what does AADSTS50076 mean?": our explanation and fix when we have them; otherwise the official name,
 * what kind of failure the code is and what admins usually do about that kind, with Microsoft's lookup and Learn pages.
 */
import { errorCodeExplanation, errorCodeFix, errorCodeInfo } from '../../knowledge/errorCodes';
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

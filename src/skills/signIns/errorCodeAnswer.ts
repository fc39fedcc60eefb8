/** The answer to "what does AADSTS50076 mean?": our explanation and fix, or the official name and the lookup link. */
import { errorCodeInfo } from '../../knowledge/errorCodes';
import type { SkillAnswer } from '../types';

export function buildErrorCodeAnswer(code: number): SkillAnswer {
  const info = errorCodeInfo(code);
  const explanation = info.explanation ?? `I have no explanation of my own for this code.${info.name ? ` Microsoft names it ${info.name}.` : ''} The error lookup page has Microsoft's description.`;
  const data = {
    title: `${info.aadsts}: ${info.title}`,
    name: info.name ?? 'no official name',
    category: info.category ?? 'not categorised',
    explanation,
    hasFix: Boolean(info.fix),
    fix: info.fix ?? '',
    lookupUrl: info.lookupUrl,
    followUps: [{ title: `Who got ${code} recently?`, ask: `sign-in failures with ${code} today` }],
  };
  const summary = [`${info.aadsts} (${info.name ?? 'no official name'}): ${info.title}`, explanation, ...(info.fix ? [`Fix: ${info.fix}`] : []), `Lookup: ${info.lookupUrl}`].join('\n');
  return { kind: 'card', template: 'errorCode', data, summary };
}

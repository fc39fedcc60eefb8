import type { RatedAnswer } from './types';

/** One row per rating (answers nobody rated get one row with an empty rating), flat for spreadsheets. */
interface ExportRow {
  answerId: string;
  answeredAt: string;
  conversationType: string;
  question: string;
  intent: string;
  entities: string;
  cardId: string;
  skill: string;
  skillVersion: string;
  graphRequests: string;
  askerAadObjectId: string;
  tenantId: string;
  rater: string;
  rating: string;
  categories: string;
  comment: string;
  source: string;
  ratedAt: string;
}

function rows(answers: RatedAnswer[]): ExportRow[] {
  return answers.flatMap((a) => {
    const base = {
      answerId: a.answerId,
      answeredAt: a.answeredAt,
      conversationType: a.conversationType,
      question: a.question,
      intent: a.intent,
      entities: a.entities.map((e) => `${e.type}:${e.value ?? e.text}`).join('; '),
      cardId: a.answer.cardId ?? '',
      skill: a.answer.skill,
      skillVersion: a.answer.skillVersion,
      graphRequests: a.answer.graphRequests.map((r) => `${r.method} ${r.url} ${r.status}`).join('; '),
      askerAadObjectId: a.askerAadObjectId ?? '',
      tenantId: a.tenantId ?? '',
    };
    const none = { rater: '', rating: '', categories: '', comment: '', source: '', ratedAt: '' };
    if (a.ratings.length === 0) return [{ ...base, ...none }];
    return a.ratings.map((r) => ({ ...base, rater: r.rater, rating: r.rating, categories: r.categories.join('; '), comment: r.comment ?? '', source: r.source, ratedAt: r.ratedAt }));
  });
}

function csvField(value: string): string {
  // Quote everything that needs it; a leading = + - @ is defused so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(answers: RatedAnswer[]): string {
  const all = rows(answers);
  const header: Array<keyof ExportRow> = ['answerId', 'answeredAt', 'conversationType', 'question', 'intent', 'entities', 'cardId', 'skill', 'skillVersion', 'graphRequests', 'askerAadObjectId', 'tenantId', 'rater', 'rating', 'categories', 'comment', 'source', 'ratedAt'];
  return [header.join(','), ...all.map((r) => header.map((h) => csvField(r[h])).join(','))].join('\r\n') + '\r\n';
}

/** One JSON object per answer, its ratings included (the card left out: it is display, not data). */
export function toJsonl(answers: RatedAnswer[]): string {
  return answers.map(({ card: _card, ...answer }) => JSON.stringify(answer)).join('\n') + (answers.length ? '\n' : '');
}

/**
 * Every 👎'd question as a line for `npm run ask -- --batch`, so a complaint becomes a regression check: asked
 * again as the same person, in a conversation of its own, with what was wrong alongside for the reviewer.
 */
export function toAskBatch(answers: RatedAnswer[]): string {
  const lines = answers
    .filter((a) => a.ratings.some((r) => r.rating === 'down'))
    .map((a) => {
      const downs = a.ratings.filter((r) => r.rating === 'down');
      return JSON.stringify({
        conversation: `feedback-${a.answerId}`,
        ...(a.askerAadObjectId ? { as: a.askerAadObjectId } : {}),
        text: a.question,
        ...(a.conversationType === 'channel' ? { channel: true } : {}),
        answerId: a.answerId,
        intent: a.intent,
        skill: a.answer.skill,
        categories: [...new Set(downs.flatMap((r) => r.categories))],
        comments: downs.map((r) => r.comment).filter((c): c is string => Boolean(c)),
      });
    });
  return lines.map((line) => `${line}\n`).join('');
}

import { FEEDBACK_CATEGORIES, type FeedbackCategory, type RatedAnswer } from './types';

export interface Tally {
  answers: number;
  up: number;
  down: number;
  categories: Record<FeedbackCategory, number>;
}

/** Language-model use: answers it understood, the times the built-in rules answered instead (by reason), tokens. */
export interface ModelTally {
  answers: number;
  byModel: number;
  fallbacks: number;
  fallbackReasons: Record<string, number>;
  tokens: number;
}

export interface FeedbackReport {
  total: Tally;
  byIntent: Record<string, Tally>;
  bySkill: Record<string, Tally>;
  /** Only answers given while a language model was configured; empty otherwise. */
  modelByIntent: Record<string, ModelTally>;
  modelTotal: ModelTally;
}

function emptyModelTally(): ModelTally {
  return { answers: 0, byModel: 0, fallbacks: 0, fallbackReasons: {}, tokens: 0 };
}

function addModel(tally: ModelTally, use: NonNullable<RatedAnswer['model']>): void {
  tally.answers += 1;
  tally.tokens += use.tokens;
  if (use.understoodBy === 'model') tally.byModel += 1;
  else tally.fallbacks += 1;
  if (use.fallback) tally.fallbackReasons[use.fallback] = (tally.fallbackReasons[use.fallback] ?? 0) + 1;
}

function emptyTally(): Tally {
  return { answers: 0, up: 0, down: 0, categories: Object.fromEntries(FEEDBACK_CATEGORIES.map((c) => [c.id, 0])) as Record<FeedbackCategory, number> };
}

function add(tally: Tally, answer: RatedAnswer): void {
  tally.answers += 1;
  for (const rating of answer.ratings) {
    tally[rating.rating] += 1;
    for (const category of rating.categories) tally.categories[category] += 1;
  }
}

/** Counts per intent and per skill: how many answers, 👍, 👎, and what the 👎 said went wrong. */
export function feedbackReport(answers: RatedAnswer[]): FeedbackReport {
  const report: FeedbackReport = { total: emptyTally(), byIntent: {}, bySkill: {}, modelByIntent: {}, modelTotal: emptyModelTally() };
  for (const answer of answers) {
    add(report.total, answer);
    add((report.byIntent[answer.intent] ??= emptyTally()), answer);
    add((report.bySkill[answer.answer.skill] ??= emptyTally()), answer);
    if (answer.model) {
      addModel(report.modelTotal, answer.model);
      addModel((report.modelByIntent[answer.intent] ??= emptyModelTally()), answer.model);
    }
  }
  return report;
}

/** The report as aligned plain-text tables for the terminal. */
export function reportText(report: FeedbackReport): string {
  const table = (title: string, rows: Record<string, Tally>) => {
    const names = Object.keys(rows).sort();
    const width = Math.max(title.length, ...names.map((n) => n.length));
    const line = (name: string, t: Tally) => `${name.padEnd(width)}  ${String(t.answers).padStart(7)}  ${String(t.up).padStart(4)}  ${String(t.down).padStart(4)}`;
    return [`${title.padEnd(width)}  answers    👍    👎`, ...names.map((n) => line(n, rows[n])), line('total', report.total)].join('\n');
  };
  const categories = FEEDBACK_CATEGORIES.map((c) => `${c.title}: ${report.total.categories[c.id]}`).join('\n');
  const model = report.modelTotal.answers ? `\n${modelTable(report)}` : '';
  return `${table('intent', report.byIntent)}\n\n${table('skill', report.bySkill)}\n\n👎 categories\n${categories}\n${model}`;
}

/** Tokens and fallbacks by intent, for the answers given with a language model configured. */
function modelTable(report: FeedbackReport): string {
  const names = Object.keys(report.modelByIntent).sort();
  const width = Math.max('language model'.length, ...names.map((n) => n.length));
  const reasons = (t: ModelTally) => Object.entries(t.fallbackReasons).sort().map(([reason, n]) => `${reason} ${n}`).join(', ');
  const line = (name: string, t: ModelTally) =>
    `${name.padEnd(width)}  ${String(t.answers).padStart(7)}  ${String(t.byModel).padStart(5)}  ${String(t.fallbacks).padStart(9)}  ${String(t.tokens).padStart(7)}  ${String(t.answers ? Math.round(t.tokens / t.answers) : 0).padStart(9)}  ${reasons(t)}`.trimEnd();
  return [`${'language model'.padEnd(width)}  answers  model  fallbacks   tokens  tokens/q  fallback reasons`, ...names.map((n) => line(n, report.modelByIntent[n])), line('total', report.modelTotal)].join('\n') + '\n';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One horizontal bar chart per skill (👍, 👎, then each category), as inline SVG: the file opens anywhere, offline. */
function skillChart(skill: string, tally: Tally): string {
  const bars: Array<[string, number, string]> = [
    ['👍 Helpful', tally.up, '#2e7d32'],
    ['👎 Not helpful', tally.down, '#c62828'],
    ...FEEDBACK_CATEGORIES.map((c): [string, number, string] => [c.title, tally.categories[c.id], '#ef6c00']),
  ];
  const max = Math.max(1, ...bars.map(([, n]) => n));
  const rows = bars
    .map(([label, n, colour], i) => {
      const y = i * 26;
      const w = Math.round((n / max) * 300);
      return `<text x="0" y="${y + 17}">${escapeHtml(label)}</text><rect x="200" y="${y + 4}" width="${w}" height="18" fill="${colour}"/><text x="${206 + w}" y="${y + 17}">${n}</text>`;
    })
    .join('');
  return `<section><h2>${escapeHtml(skill)}</h2><p>${tally.answers} answers</p><svg role="img" aria-label="Feedback for ${escapeHtml(skill)}" width="560" height="${bars.length * 26}" font-family="sans-serif" font-size="13">${rows}</svg></section>`;
}

export function reportHtml(report: FeedbackReport, generatedAt: Date): string {
  const skills = Object.keys(report.bySkill).sort();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Entra Assistant feedback</title></head><body style="font-family:sans-serif">
<h1>Entra Assistant feedback</h1><p>${report.total.answers} answers, ${report.total.up} 👍, ${report.total.down} 👎 · generated ${escapeHtml(generatedAt.toISOString())}</p>
${skills.map((s) => skillChart(s, report.bySkill[s])).join('\n')}
${report.modelTotal.answers ? `<section><h2>Language model</h2><pre>${escapeHtml(modelTable(report))}</pre></section>` : ''}
</body></html>
`;
}

/**
 * Measures understanding and answers on the independent measurement set (tests/measurement/questions.jsonl, written
 * by a helper that never read the understanding code): each conversation is asked through the whole stack (the bot
 * over HTTP, the local Entra on that item's tenant, the clock pinned at the set's "now"), and the intent, the
 * objects and the answer's facts are scored. Writes docs/understanding.md (or prints with --print).
 *   npm run measure [-- --print] [--only contoso|other|third] [--set measurement|dev|dev2|dev3|dev4|dev5|dev6|dev7|dev8|dev9|dev10|dev11|dev12|dev13|dev14|dev15|dev16|dev17|dev18|dev19|dev20|dev21|dev22|dev23|dev24|dev25|dev26|dev27|dev28|dev29|dev30|dev31|dev32|dev33|dev34|dev35|dev36|dev37|dev38|dev39|dev40|dev41] [--quick] [--json FILE]
 * The set is for measuring only: no rule or example may be derived from it (tests/measurement/README.md).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { askAll, type AskAnswer } from './ask';
import { ConnectorServer } from './connectorServer';
import { startLocalStack } from './localStack';
import { ensureDemoTenant, generateTenant } from '@entra-assistant/local-entra/demo';
import { repoRoot } from '../paths';

interface Turn {
  text: string;
  intent: string;
  objects: Array<{ type: string; name: string }>;
  plan: unknown;
  answerFacts: string[];
  mustNot?: string[];
}

interface Item {
  id: string;
  tenant: TenantName;
  asker: string;
  turns: Turn[];
}

export interface TurnScore {
  id: string;
  turn: number;
  tenant: string;
  text: string;
  expected: string;
  actual: string;
  intentRight: boolean;
  objectsRight?: boolean;
  answerRight?: boolean;
  missing: string[];
}

/** The measurement set's "now" (tests/measurement/README.md). */
const SET_NOW = '2026-11-20T12:00:00Z';
/** The generated tenants the sets are written against, besides the demo tenant (their READMEs say how). */
const GENERATED_TENANTS = {
  other: { seed: 4242, users: 600, signIns: 20_000 },
  third: { seed: 777, users: 400, signIns: 12_000 },
  fourth: { seed: 9091, users: 500, signIns: 15_000 },
  fifth: { seed: 7373, users: 400, signIns: 12_000 },
  sixth: { seed: 4242, users: 600, signIns: 15_000 },
  seventh: { seed: 31337, users: 700, signIns: 14_000 },
  eighth: { seed: 60606, users: 900, signIns: 16_000 },
  ninth: { seed: 8080, users: 1100, signIns: 18_000 },
  tenth: { seed: 9191, users: 1300, signIns: 20_000 },
  eleventh: { seed: 5151, users: 800, signIns: 16_000 },
  twelfth: { seed: 6262, users: 1000, signIns: 18_000 },
  thirteenth: { seed: 7171, users: 700, signIns: 15_000 },
  fourteenth: { seed: 8282, users: 900, signIns: 17_000 },
  fifteenth: { seed: 9393, users: 1200, signIns: 20_000 },
  sixteenth: { seed: 1616, users: 900, signIns: 15_000 },
  seventeenth: { seed: 1717, users: 1000, signIns: 16_000 },
  eighteenth: { seed: 1818, users: 1000, signIns: 16_000 },
  nineteenth: { seed: 1919, users: 800, signIns: 20_000 },
  twentieth: { seed: 2020, users: 700, signIns: 18_000 },
  twentyfirst: { seed: 2121, users: 900, signIns: 15_000 },
  twentysecond: { seed: 2222, users: 1000, signIns: 16_000 },
  twentythird: { seed: 2323, users: 750, signIns: 17_000 },
  twentyfourth: { seed: 2424, users: 1100, signIns: 19_000 },
  twentyfifth: { seed: 2525, users: 850, signIns: 16_000 },
  twentysixth: { seed: 2626, users: 950, signIns: 18_000 },
  twentyseventh: { seed: 2727, users: 850, signIns: 17_000 },
  twentyeighth: { seed: 2828, users: 1050, signIns: 19_000 },
  twentyninth: { seed: 2929, users: 900, signIns: 17_500 },
  thirtieth: { seed: 3030, users: 1150, signIns: 20_000 },
  thirtyfirst: { seed: 3131, users: 1000, signIns: 18_000 },
  thirtysecond: { seed: 3232, users: 800, signIns: 16_000 },
  thirtythird: { seed: 3333, users: 950, signIns: 17_000 },
  thirtyfourth: { seed: 3434, users: 1100, signIns: 19_000 },
  thirtyfifth: { seed: 3535, users: 1000, signIns: 17_000 },
  thirtysixth: { seed: 3636, users: 900, signIns: 16_000 },
  thirtyseventh: { seed: 3737, users: 1200, signIns: 20_000 },
  thirtyeighth: { seed: 3838, users: 850, signIns: 16_000 },
  thirtyninth: { seed: 3939, users: 1000, signIns: 18_000 },
  fortieth: { seed: 4040, users: 950, signIns: 17_000 },
  fortyfirst: { seed: 4141, users: 800, signIns: 15_000 },
  fortysecond: { seed: 4343, users: 700, signIns: 14_000 },
  fortythird: { seed: 4444, users: 900, signIns: 16_000 },
} as const;

type TenantName = 'contoso' | keyof typeof GENERATED_TENANTS;

/** The measurement set (never tuned on) and the development set (tuned on), each written by a helper blind to the code. */
const SETS = {
  measurement: path.join('tests', 'measurement', 'questions.jsonl'),
  dev: path.join('tests', 'fixtures', 'dev', 'questions.jsonl'),
  /** A second development set, by another blind helper, on Contoso and a fourth tenant. */
  dev2: path.join('tests', 'fixtures', 'dev2', 'questions.jsonl'),
  /** A third, by a third blind helper (session 5), weighted to follow-ups, on Contoso and a fifth tenant. */
  dev3: path.join('tests', 'fixtures', 'dev3', 'questions.jsonl'),
  /** A fourth, by a fourth blind helper (session 6), on Contoso and a sixth tenant. */
  dev4: path.join('tests', 'fixtures', 'dev4', 'questions.jsonl'),
  /** A fifth, by a fifth blind helper (session 7), on Contoso and a seventh tenant. */
  dev5: path.join('tests', 'fixtures', 'dev5', 'questions.jsonl'),
  /** A sixth, by a sixth blind helper (session 8), half follow-ups, on Contoso and an eighth tenant. */
  dev6: path.join('tests', 'fixtures', 'dev6', 'questions.jsonl'),
  /** A seventh, by a seventh blind helper (session 8), weighted to opening questions, on Contoso and a ninth tenant. */
  dev7: path.join('tests', 'fixtures', 'dev7', 'questions.jsonl'),
  /** An eighth, by an eighth blind helper (session 9), half follow-ups, on Contoso and a tenth tenant. */
  dev8: path.join('tests', 'fixtures', 'dev8', 'questions.jsonl'),
  /** A ninth, by a ninth blind helper (session 10), weighted to opening questions, on Contoso and an eleventh tenant. */
  dev9: path.join('tests', 'fixtures', 'dev9', 'questions.jsonl'),
  /** A tenth, by a tenth blind helper (session 10), weighted to follow-ups, on Contoso and a twelfth tenant. */
  dev10: path.join('tests', 'fixtures', 'dev10', 'questions.jsonl'),
  /** An eleventh, by an eleventh blind helper (session 10), weighted to opening questions in many askers' voices, on Contoso and a thirteenth tenant. */
  dev11: path.join('tests', 'fixtures', 'dev11', 'questions.jsonl'),
  /** A twelfth, by a twelfth blind helper (session 11), weighted to follow-ups, on Contoso and a fourteenth tenant. */
  dev12: path.join('tests', 'fixtures', 'dev12', 'questions.jsonl'),
  /** A thirteenth, by a thirteenth blind helper (session 11), on questions whose intent is easy to confuse, on Contoso and a fifteenth tenant. */
  dev13: path.join('tests', 'fixtures', 'dev13', 'questions.jsonl'),
  /** A fourteenth, by a fourteenth blind helper (session 12), a plain sample of an admin team's month, on Contoso and a sixteenth tenant. */
  dev14: path.join('tests', 'fixtures', 'dev14', 'questions.jsonl'),
  /** A fifteenth, by a fifteenth blind helper (session 13), opening questions of many forms (compound, terse, comparisons, pasted errors), on Contoso and a seventeenth tenant. */
  dev15: path.join('tests', 'fixtures', 'dev15', 'questions.jsonl'),
  /** A sixteenth, by a sixteenth blind helper (session 14), opening questions on the boundary between two kinds of answer (sign-ins or account, policy or sign-ins or docs, audit or account, acting or asking how, risk or audit, narrative or out of scope), on Contoso and an eighteenth tenant. */
  dev16: path.join('tests', 'fixtures', 'dev16', 'questions.jsonl'),
  /** A seventeenth, by a seventeenth blind helper (session 15) that read no earlier set, not even its conventions: a plain sample of a month, with more policy, help, out-of-scope and risk questions, on Contoso and a nineteenth tenant. */
  dev17: path.join('tests', 'fixtures', 'dev17', 'questions.jsonl'),
  /** An eighteenth, by an eighteenth blind helper (session 15) that read no earlier set either: a third follow-up chains, on Contoso and a twentieth tenant. */
  dev18: path.join('tests', 'fixtures', 'dev18', 'questions.jsonl'),
  /** A nineteenth, by a nineteenth blind helper (session 15) that read no earlier set either: a month's questions in as many shapes as people write them, on Contoso and a twenty-first tenant. */
  dev19: path.join('tests', 'fixtures', 'dev19', 'questions.jsonl'),
  dev20: path.join('tests', 'fixtures', 'dev20', 'questions.jsonl'),
  dev21: path.join('tests', 'fixtures', 'dev21', 'questions.jsonl'),
  dev22: path.join('tests', 'fixtures', 'dev22', 'questions.jsonl'),
  dev23: path.join('tests', 'fixtures', 'dev23', 'questions.jsonl'),
  dev24: path.join('tests', 'fixtures', 'dev24', 'questions.jsonl'),
  dev25: path.join('tests', 'fixtures', 'dev25', 'questions.jsonl'),
  dev26: path.join('tests', 'fixtures', 'dev26', 'questions.jsonl'),
  dev27: path.join('tests', 'fixtures', 'dev27', 'questions.jsonl'),
  dev28: path.join('tests', 'fixtures', 'dev28', 'questions.jsonl'),
  dev29: path.join('tests', 'fixtures', 'dev29', 'questions.jsonl'),
  dev30: path.join('tests', 'fixtures', 'dev30', 'questions.jsonl'),
  dev31: path.join('tests', 'fixtures', 'dev31', 'questions.jsonl'),
  dev32: path.join('tests', 'fixtures', 'dev32', 'questions.jsonl'),
  dev33: path.join('tests', 'fixtures', 'dev33', 'questions.jsonl'),
  dev34: path.join('tests', 'fixtures', 'dev34', 'questions.jsonl'),
  dev35: path.join('tests', 'fixtures', 'dev35', 'questions.jsonl'),
  dev36: path.join('tests', 'fixtures', 'dev36', 'questions.jsonl'),
  dev37: path.join('tests', 'fixtures', 'dev37', 'questions.jsonl'),
  dev38: path.join('tests', 'fixtures', 'dev38', 'questions.jsonl'),
  dev39: path.join('tests', 'fixtures', 'dev39', 'questions.jsonl'),
  dev40: path.join('tests', 'fixtures', 'dev40', 'questions.jsonl'),
  dev41: path.join('tests', 'fixtures', 'dev41', 'questions.jsonl'),
} as const;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every name the answer linked: entities, the plan's anchor and filter labels. */
function namesIn(answer: AskAnswer): string[] {
  const names: string[] = [];
  for (const e of answer.entities as Array<{ displayName?: string; text?: string; value?: string; candidates?: Array<{ displayName: string }> }>) {
    if (e.displayName) names.push(e.displayName);
    if (e.value) names.push(e.value);
    if (e.text) names.push(e.text);
  }
  const plan = answer.plan as { anchor?: { displayName?: string }; filters?: Array<{ label?: string; value?: unknown }> } | undefined;
  if (plan?.anchor?.displayName) names.push(plan.anchor.displayName);
  for (const f of plan?.filters ?? []) {
    if (f.label) names.push(f.label);
    if (typeof f.value === 'string') names.push(f.value);
  }
  return names.map(fold);
}

/**
 * The answer without its footer: the footer's answer id is random hex ("answer 12ca60c3"), and a fact such as "12"
 * found in it was counted right by chance, differently on each run.
 */
export function answerBody(text: string): string {
  return text.replace(/^Entra Assistant · .*$/gm, '').replace(/^\[👍 Helpful\].*$/gm, '');
}

/** Whether the answer says the fact: a number as a whole number ("8" is not in "18" or "2026-11-08"), else as written. */
export function says(text: string, fact: string): boolean {
  if (!/^\d+$/.test(fact)) return text.includes(fact);
  // Nothing found is said in words ("No interactive sign-ins for Lynne Robbins today", "nobody").
  if (fact === '0' && /\b(?:no|none|nobody|nothing|zero)\b/.test(text)) return true;
  return new RegExp(`(?<![\\w.,])${fact}(?![\\w]|[.,]\\d)`).test(text);
}

export function scoreTurn(item: Item, index: number, answer: AskAnswer): TurnScore {
  const turn = item.turns[index];
  const text = fold(answerBody(answer.text));
  const linked = namesIn(answer);
  const objectsRight = turn.objects.length ? turn.objects.every((o) => linked.some((n) => n === fold(o.name) || (o.type === 'role' && n.includes(fold(o.name))))) : undefined;
  const missing = turn.answerFacts.filter((f) => !says(text, fold(f)));
  const forbidden = (turn.mustNot ?? []).filter((f) => says(text, fold(f)));
  const answerRight = turn.answerFacts.length || turn.mustNot?.length ? missing.length === 0 && forbidden.length === 0 : undefined;
  return {
    id: item.id,
    turn: index,
    tenant: item.tenant,
    text: turn.text,
    expected: turn.intent,
    actual: answer.intent ?? '(none)',
    intentRight: answer.intent === turn.intent,
    objectsRight,
    answerRight,
    missing: [...missing, ...forbidden.map((f) => `not: ${f}`)],
  };
}

async function tenantDir(name: TenantName): Promise<string> {
  if (name === 'contoso') return ensureDemoTenant();
  const spec = GENERATED_TENANTS[name];
  const dir = path.join(repoRoot(), 'data', `measure-${name}`);
  if (!fs.existsSync(path.join(dir, 'snapshot.json'))) {
    process.stderr.write(`Generating the ${name} tenant into ${dir} …\n`);
    await generateTenant({ outDir: dir, seed: spec.seed, users: spec.users, signIns: spec.signIns });
  }
  return dir;
}

export async function measure(items: Item[], options: { fallback?: 'classifier' | 'off' } = {}): Promise<TurnScore[]> {
  const scores: TurnScore[] = [];
  // Answers are recorded for feedback as usual, into a scratch store: never into the user's data/.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-measure-'));
  for (const tenant of ['contoso', ...Object.keys(GENERATED_TENANTS)] as TenantName[]) {
    const mine = items.filter((i) => i.tenant === tenant);
    if (!mine.length) continue;
    const dir = await tenantDir(tenant);
    const connector = await new ConnectorServer().start();
    const stack = await startLocalStack({
      env: { ANSWER_DIAGNOSTICS: 'on', LOG_LEVEL: 'silent', ASSISTANT_NOW: SET_NOW, QUESTIONS_PER_USER_PER_MINUTE: '10000', QUESTIONS_PER_TENANT_PER_MINUTE: '100000', UNDERSTANDING_FALLBACK: options.fallback ?? process.env.UNDERSTANDING_FALLBACK, FEEDBACK_SQLITE_PATH: path.join(scratch, `${tenant}.sqlite`) },
      botPort: 0,
      entra: { tenantDir: dir, port: 0, now: new Date(SET_NOW) },
      overrides: { logger: pino({ level: 'silent' }) },
    });
    await stack.assistant.understandingReady;
    try {
      // One question first, not scored: the local Entra's first reads of a large tenant (and a machine busy with other
      // runs) must not turn the first scored answer into "Graph could not be reached".
      await askAll([{ conversation: 'warm-up', as: mine[0].asker, text: 'why is my sign-in failing?' }], stack.assistant.server.url, connector, dir);
      for (const item of mine) {
        const lines = item.turns.map((t) => ({ conversation: item.id, as: item.asker, text: t.text }));
        const answers = await askAll(lines, stack.assistant.server.url, connector, dir);
        answers.forEach((answer, index) => scores.push(scoreTurn(item, index, answer)));
      }
    } finally {
      await stack.stop();
      await connector.stop();
    }
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return scores;
}

function rate(scores: TurnScore[], key: 'intentRight' | 'objectsRight' | 'answerRight'): { right: number; total: number; pct: string } {
  const counted = scores.filter((s) => s[key] !== undefined);
  const right = counted.filter((s) => s[key]).length;
  return { right, total: counted.length, pct: counted.length ? `${((100 * right) / counted.length).toFixed(1)}%` : '—' };
}

export function report(scores: TurnScore[], generatedAt: string, grammarAlone?: TurnScore[]): string {
  const row = (label: string, subset: TurnScore[]) => {
    const [i, o, a] = (['intentRight', 'objectsRight', 'answerRight'] as const).map((k) => rate(subset, k));
    return `| ${label} | ${subset.length} | ${i.pct} (${i.right}/${i.total}) | ${o.pct} (${o.right}/${o.total}) | ${a.pct} (${a.right}/${a.total}) |`;
  };
  const confusions = new Map<string, number>();
  for (const s of scores) if (!s.intentRight) confusions.set(`${s.expected} → ${s.actual}`, (confusions.get(`${s.expected} → ${s.actual}`) ?? 0) + 1);
  const intents = [...new Set(scores.map((s) => s.expected))].sort();
  return [
    '# Understanding, measured on questions we did not write',
    '',
    `Generated by \`npm run measure\` on ${generatedAt}. The set (tests/measurement/questions.jsonl) was written by a helper`,
    'that never read the understanding code; no rule or example is derived from it (see its README). Each conversation',
    'is asked through the whole stack: the bot over HTTP, the local Entra on the item\'s tenant, the clock pinned at',
    `${SET_NOW}.`,
    '',
    '- **Intent**: the answer\'s intent equals the label.',
    '- **Object**: every labelled tenant object is among what the answer linked (entities, a plan\'s anchor or conditions).',
    '- **Answer**: every labelled fact is in the answer\'s text (cards included) and no forbidden one is; turns whose label',
    '  has no facts are not counted here.',
    '',
    '| Split | Turns | Intent | Object | Answer |',
    '|---|---|---|---|---|',
    row('All', scores),
    row('contoso', scores.filter((s) => s.tenant === 'contoso')),
    ...[...new Set(scores.map((s) => s.tenant))].filter((t) => t !== 'contoso').map((t) => row(t, scores.filter((s) => s.tenant === t))),
    row('First turns', scores.filter((s) => s.turn === 0)),
    row('Follow-ups', scores.filter((s) => s.turn > 0)),
    '',
    ...(grammarAlone
      ? [
          '## The grammar alone, and with the trained fallback',
          '',
          'The same set through the same stack with `UNDERSTANDING_FALLBACK=off` (the hand-written grammar alone) and with',
          'the default (a classifier trained on the training split and the development sets\' opening questions, never on this',
          'set, asked only when the grammar finds no cue). What wins is kept as the default.',
          '',
          '| Understanding | Turns | Intent | Object | Answer |',
          '|---|---|---|---|---|',
          row('Grammar alone', grammarAlone),
          row('Grammar + trained fallback', scores),
          '',
        ]
      : []),
    '## By intent (label)',
    '',
    '| Intent | Turns | Intent | Object | Answer |',
    '|---|---|---|---|---|',
    ...intents.map((intent) => row(intent, scores.filter((s) => s.expected === intent))),
    '',
    '## Confusions (label → answered as)',
    '',
    '| Confusion | Turns |',
    '|---|---|',
    ...[...confusions.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${k} | ${n} |`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { print: { type: 'boolean', default: false }, only: { type: 'string' }, json: { type: 'string' }, set: { type: 'string', default: 'measurement' }, compare: { type: 'boolean', default: true }, quick: { type: 'boolean', default: false } } });
  const set = values.set as keyof typeof SETS;
  if (!SETS[set]) throw new Error(`--set is measurement, dev, dev2, dev3, dev4, dev5, dev6, dev7, dev8, dev9, dev10, dev11, dev12, dev13, dev14, dev15, dev16, dev17, dev18, dev19, dev20, dev21, dev22, dev23, dev24, dev25, dev26, dev27, dev28, dev29, dev30, dev31, dev32, dev33, dev34, dev35, dev36, dev38, dev39, dev40 or dev41, not "${values.set}"`);
  const file = path.join(repoRoot(), SETS[set]);
  let items = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);
  if (values.only) items = items.filter((i) => i.tenant === values.only);
  const started = Date.now();
  const scores = await measure(items, { fallback: 'classifier' });
  // --quick skips the second pass (the grammar alone), for tuning runs.
  const grammarAlone = values.compare && !values.quick ? await measure(items, { fallback: 'off' }) : undefined;
  const text = report(scores, new Date().toISOString().slice(0, 10), grammarAlone);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(scores, null, 1));
  // Only the measurement set's numbers are the project's record; the development set is for tuning.
  if (values.print || set !== 'measurement') process.stdout.write(`${text}\n`);
  else {
    // The hand-kept history at the end ("## Progress …") stays: only the measured part above it is rewritten.
    const file = path.join(repoRoot(), 'docs', 'understanding.md');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const history = before.indexOf('\n## Progress');
    fs.writeFileSync(file, `${text}\n${history >= 0 ? before.slice(history) : ''}`);
    process.stdout.write(`${text.split('\n').slice(12, 20).join('\n')}\nWritten to docs/understanding.md in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

/**
 * The understanding section of `npm run bench`: intent and entity accuracy of the recogniser on every labelled
 * set (each checked against a fake directory of its tenant), and utterances understood per second without Graph.
 * `node dist/src/cli/benchUnderstanding.js [--compare] [--json]`; --compare also trains NLP.js on the training
 * split and checks chrono-node's reading of the time phrases, the comparison behind the choice of the grammar.
 */
import * as chrono from 'chrono-node';
import { GrammarRecognizer } from '../understanding/grammarRecognizer';
import { InMemoryDirectory } from '../understanding/inMemoryDirectory';
import { BENCH_NOW, loadDirectoryListing, loadUtterances, scoreSet, type LabelledUtterance, UTTERANCE_SETS, type UtteranceSetName } from '../understanding/evaluation';
import { windowOf } from '../understanding/entities/timeRange';
import { NameIndex, type VocabularyUser } from '../understanding/entities/knownNames';
import { LEXICON } from '../understanding/text/lexicon';
import { SpanSet } from '../understanding/text/spans';
import { parseQuestion } from '../understanding/parse';

export interface SetReport {
  set: UtteranceSetName;
  utterances: number;
  intentAccuracy: number;
  entityAccuracy: number;
  exactEntityRate: number;
  misses: string[];
}

export interface ComparisonReport {
  set: UtteranceSetName;
  grammarIntentAccuracy: number;
  nlpjsRawIntentAccuracy: number;
  nlpjsMaskedIntentAccuracy: number;
  /** Labelled time ranges whose start chrono-node's first date falls on (same UTC day), and ours (same instant). */
  chronoTimeStartRate: number;
  grammarTimeStartRate: number;
}

export interface UnderstandingBenchReport {
  sets: SetReport[];
  utterancesPerSecond: number;
  /** Linking names against the tenant held in memory, per message, at two tenant sizes. */
  linking?: Array<{ users: number; buildMs: number; medianMs: number; p95Ms: number }>;
  comparison?: ComparisonReport[];
}

const SETS = Object.keys(UTTERANCE_SETS) as UtteranceSetName[];

function recognizerFor(set: UtteranceSetName): GrammarRecognizer {
  return new GrammarRecognizer({ directory: new InMemoryDirectory(loadDirectoryListing(set)) });
}

/** Throughput of the recogniser alone (no directory): every utterance, after a warm-up round. */
async function throughput(texts: string[], rounds = 5): Promise<number> {
  const recognizer = new GrammarRecognizer();
  for (const text of texts) await recognizer.recognize(text, { now: BENCH_NOW });
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) for (const text of texts) await recognizer.recognize(text, { now: BENCH_NOW });
  return (texts.length * rounds) / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function timeStartRates(items: LabelledUtterance[]): Promise<{ chrono: number; grammar: number }> {
  const labelled = items.filter((i) => i.entities.timeRange && !i.chain);
  const recognizer = new GrammarRecognizer();
  let chronoHits = 0;
  let grammarHits = 0;
  for (const item of labelled) {
    const expected = windowOf(item.entities.timeRange, BENCH_NOW).start.toISOString();
    const found = chrono.parse(item.text, BENCH_NOW, { forwardDate: false })[0];
    if (found && found.start.date().toISOString().slice(0, 10) === expected.slice(0, 10)) chronoHits++;
    const understanding = await recognizer.recognize(item.text, { now: BENCH_NOW });
    if (understanding.entities.some((e) => e.type === 'timeRange' && e.source === 'message' && e.start === expected)) grammarHits++;
  }
  return { chrono: chronoHits / labelled.length, grammar: grammarHits / labelled.length };
}

async function compare(): Promise<ComparisonReport[]> {
  // Loaded only here: the product never needs NLP.js.
  const { trainNlpjsClassifier } = await import('../understanding/nlpjsClassifier');
  const train = loadUtterances('train');
  const raw = await trainNlpjsClassifier(train, 'raw');
  const masked = await trainNlpjsClassifier(train, 'masked');
  const reports: ComparisonReport[] = [];
  for (const set of ['test', 'otherTenant'] as const) {
    const items = loadUtterances(set);
    const directory = new InMemoryDirectory(loadDirectoryListing(set));
    const grammar = await scoreSet(set, items, new GrammarRecognizer({ directory }));
    const nlpRaw = await scoreSet(set, items, new GrammarRecognizer({ directory, intentClassifier: raw }));
    const nlpMasked = await scoreSet(set, items, new GrammarRecognizer({ directory, intentClassifier: masked }));
    const rates = await timeStartRates(items);
    reports.push({
      set,
      grammarIntentAccuracy: grammar.intentAccuracy,
      nlpjsRawIntentAccuracy: nlpRaw.intentAccuracy,
      nlpjsMaskedIntentAccuracy: nlpMasked.intentAccuracy,
      chronoTimeStartRate: rates.chrono,
      grammarTimeStartRate: rates.grammar,
    });
  }
  return reports;
}

/** Synthetic people for a large tenant: every first name with every surname, as many as asked. */
function syntheticUsers(count: number): VocabularyUser[] {
  const given = 'Megan Bob Lee Priya Diego Adele Alex Isaiah Joni Nestor Johanna Lidia Miriam Pradeep Irvin Henrietta Christie Raul Enrico Debra Lynne Grace Abigail Ingrid Mateo Sofia Liam Noah Emma Olivia Ava Lucas Mia Amelia Ethan Aria Kenji Yusuf Jamal Ravi Anika Tomoko Fatima Stefan Aisha Elijah Maya Isabel Adrian Oscar'.split(' ');
  const surnames: string[] = [];
  for (const a of ['Bo', 'Ke', 'Gu', 'Pa', 'Si', 'Va', 'Wi', 'La', 'She', 'Lo', 'Ho', 'Gra', 'Gup', 'Say', 'Mue', 'Cli', 'Ra', 'Ca', 'Ber', 'Ro', 'Kau', 'Zha', 'Hu', 'Kha', 'Sch', 'Ols', 'Fer', 'Tan', 'Rey', 'Per']) {
    for (const b of ['wen', 'lly', 'tel', 'ciliani', 'nce', 'lber', 'nger', 'rman', 'lke', 'renz', 'lloway', 'ham', 'ta', 'yers', 'eller', 'ne', 'zo', 'ttaneo', 'ger', 'bbins', 'r', 'ng', 'ghes', 'n', 'midt', 'en', 'nandez', 'aka', 'es', 'ez']) surnames.push(a + b);
  }
  const users: VocabularyUser[] = [];
  for (let i = 0; users.length < count; i++) {
    const g = given[i % given.length];
    const s = surnames[Math.floor(i / given.length) % surnames.length];
    const n = Math.floor(i / (given.length * surnames.length));
    users.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `${g} ${s}${n ? ` ${n}` : ''}`, givenName: g, surname: s, userPrincipalName: `${g}.${s}${n || ''}@contoso.com`.toLowerCase() });
  }
  return users;
}

/** Median time to link the names of one message with the tenant held in memory, and to build the index, at a size. */
function linkingAtScale(users: number, texts: readonly string[]): { users: number; buildMs: number; medianMs: number; p95Ms: number } {
  const vocabulary = { groups: [], apps: [], users: syntheticUsers(users) };
  const started = performance.now();
  const index = new NameIndex(vocabulary, (w) => LEXICON.has(w));
  const buildMs = performance.now() - started;
  const times: number[] = [];
  for (const text of texts) {
    const t = performance.now();
    const spans = new SpanSet();
    index.link(text, spans);
    index.linkUsers(text, spans);
    parseQuestion(text, BENCH_NOW, { knownNames: index });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { users, buildMs, medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.floor(times.length * 0.95)] };
}

export async function benchUnderstanding(options: { compare?: boolean } = {}): Promise<UnderstandingBenchReport> {
  const sets: SetReport[] = [];
  const texts: string[] = [];
  for (const set of SETS) {
    const items = loadUtterances(set);
    texts.push(...items.map((i) => i.text));
    const score = await scoreSet(set, items, recognizerFor(set));
    sets.push({
      set,
      utterances: score.utterances,
      intentAccuracy: score.intentAccuracy,
      entityAccuracy: score.entityAccuracy,
      exactEntityRate: score.exactEntityRate,
      misses: score.results
        .filter((r) => !r.intentCorrect || !r.entitiesCorrect)
        .map((r) => `${r.item.text} [${r.item.intent} → ${r.intent}] ${[...r.missing.map((m) => `-${m}`), ...r.wrong.map((m) => `~${m}`), ...r.spurious.map((m) => `+${m}`)].join(' ')}`),
    });
  }
  const report: UnderstandingBenchReport = { sets, utterancesPerSecond: await throughput(texts), linking: [1_000, 100_000].map((n) => linkingAtScale(n, texts)) };
  if (options.compare) report.comparison = await compare();
  return report;
}

const percent = (n: number) => `${(n * 100).toFixed(1)}%`;

/** The report as the lines `npm run bench` prints. */
export function formatUnderstandingReport(report: UnderstandingBenchReport): string[] {
  const lines = ['Understanding (grammar recogniser, fake directory per tenant)'];
  for (const s of report.sets) {
    lines.push(`  ${s.set.padEnd(12)} ${String(s.utterances).padStart(4)} utterances  intent ${percent(s.intentAccuracy).padStart(6)}  entities ${percent(s.entityAccuracy).padStart(6)}  exact ${percent(s.exactEntityRate).padStart(6)}`);
    for (const miss of s.misses) lines.push(`      miss: ${miss}`);
  }
  lines.push(`  ${Math.round(report.utterancesPerSecond).toLocaleString('en-US')} utterances understood per second (no Graph)`);
  for (const l of report.linking ?? []) {
    lines.push(`  names linked and parsed with ${l.users.toLocaleString('en-US')} users held: median ${l.medianMs.toFixed(3)} ms, p95 ${l.p95Ms.toFixed(3)} ms a message (index built once in ${Math.round(l.buildMs)} ms)`);
  }
  for (const c of report.comparison ?? []) {
    lines.push(
      `  compare ${c.set}: intent grammar ${percent(c.grammarIntentAccuracy)}, NLP.js on raw text ${percent(c.nlpjsRawIntentAccuracy)}, NLP.js on masked text ${percent(c.nlpjsMaskedIntentAccuracy)}; ` +
        `time range start: grammar ${percent(c.grammarTimeStartRate)}, chrono-node ${percent(c.chronoTimeStartRate)}`,
    );
  }
  return lines;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  benchUnderstanding({ compare: args.includes('--compare') })
    .then((report) => {
      process.stdout.write(args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatUnderstandingReport(report).join('\n')}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
}

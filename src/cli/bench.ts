/**
 * npm run bench [-- --sizes small,medium,large] [--runs 20] [--out docs/bench.md]
 * npm run bench -- load [--seconds 10] [--warmup 2] [--levels 1,10,50] [--soak] [--cold-runs 3] [--cold-also DIR,…] [--levels-also DIR] [--rounds N] [--profile DIR] [--only troubleshoot,user,plan,risk,docs] [--parts levels,memory,cold]   (bench/load.ts: the "Load" section)
 *
 * Measures the local Entra at three tenant sizes through the bot's own Graph client (HTTPS, tokens, paging): start-up
 * time, memory after load, and the latency of the queries the skills make. Each size runs in its own child process
 * so that memory readings do not mix. Results are printed and written to a Markdown file.
 *
 * The medium and large tenants are generated once into data/bench-tenant-<size>/ and reused. Their sign-in index is
 * made before the start is timed (and its build time reported when it had to be built), so "start" is the start of a
 * snapshot whose index exists, as every start after the first is.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../graph/client';
import { indexSnapshot, startLocalEntra } from '@entra-assistant/local-entra';
import { generateTenant, ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { localGraphConfig } from './localGraphConfig';
import { repoRoot } from '../paths';
import { benchUnderstanding, formatUnderstandingReport } from './benchUnderstanding';
import { benchSignIns, formatSignInBenchReport } from './benchSignIns';
import { benchDirectory, formatDirectoryReport, RISK_BENCH_QUESTIONS } from './benchDirectory';
import { benchPlans, formatPlanBenchReport, PLAN_BENCH_HEADING } from './benchPlans';
import { benchLoad, formatLoadReport, LOAD_PARTS, type LoadPart, replaceSection } from '../../bench/load';

const LOAD_HEADING = 'Load';

interface SizeSpec {
  name: string;
  users: number;
  signIns: number;
}

const SIZES: Record<string, SizeSpec> = {
  small: { name: 'small (demo tenant)', users: 250, signIns: 5_000 },
  medium: { name: 'medium', users: 10_000, signIns: 200_000 },
  large: { name: 'large', users: 100_000, signIns: 2_000_000 },
};

interface QueryResult {
  query: string;
  p50: number;
  p95: number;
  items: number;
}

interface SizeResult {
  size: string;
  users: number;
  signIns: number;
  generateSeconds: number | null;
  /** Seconds to build the sign-in index, null when a valid one was cached. */
  indexSeconds: number | null;
  startSeconds: number;
  rssMiB: number;
  heapMiB: number;
  /** RSS once the queries ran (index sections are read when a query first needs them). */
  rssAfterQueriesMiB: number;
  queries: QueryResult[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeQuery(label: string, runs: number, run: () => Promise<number>): Promise<QueryResult> {
  const times: number[] = [];
  let items = 0;
  await run(); // warm: token, TLS session, code paths
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    items = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { query: label, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), items };
}

interface Page {
  value: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
}

async function measureQueries(graph: Client, runs: number, now: Date): Promise<QueryResult[]> {
  const get = (url: string, headers: Record<string, string> = {}) => graph.api(url).headers(headers).get() as Promise<Page>;
  const beta = (url: string) => graph.api(url).version('beta').get() as Promise<Page>;
  const sample = (await get('/auditLogs/signIns?$top=1')).value[0];
  const userId = String(sample.userId);
  const correlationId = String(sample.correlationId);
  const upn = String(sample.userPrincipalName);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const groups = (await get('/groups?$top=999&$select=id,displayName')).value;
  const group = groups[0];
  const results: QueryResult[] = [];
  const count = (p: Page) => p.value?.length ?? 0;
  results.push(await timeQuery('user by UPN', runs, async () => ((await get(`/users/${encodeURIComponent(upn)}`)) ? 1 : 0)));
  results.push(await timeQuery("users startswith(displayName,'A') $top=10", runs, async () => count(await get("/users?$filter=startswith(displayName,'A')&$top=10"))));
  results.push(
    await timeQuery('users $search displayName $count', runs, async () =>
      count(await get('/users?$search="displayName:an"&$count=true&$top=25', { ConsistencyLevel: 'eventual' })),
    ),
  );
  results.push(
    await timeQuery("a user's sign-ins, last 7 days, $top=50", runs, async () =>
      count(await get(`/auditLogs/signIns?$filter=userId eq '${userId}' and createdDateTime ge ${weekAgo}&$top=50`)),
    ),
  );
  results.push(await timeQuery('sign-in by correlationId', runs, async () => count(await get(`/auditLogs/signIns?$filter=correlationId eq '${correlationId}'`))));
  results.push(await timeQuery('failures with 53003, $top=100', runs, async () => count(await get('/auditLogs/signIns?$filter=status/errorCode eq 53003&$top=100'))));
  results.push(
    await timeQuery('sign-ins first page (1,000) + next page', runs, async () => {
      const first = await get('/auditLogs/signIns');
      const next = first['@odata.nextLink'] ? await get(first['@odata.nextLink']) : { value: [] };
      return count(first) + count(next);
    }),
  );
  results.push(
    await timeQuery("non-interactive sign-ins of a user (beta), $top=50", runs, async () =>
      count(await beta(`/auditLogs/signIns?$filter=userId eq '${userId}' and signInEventTypes/any(t: t eq 'nonInteractiveUser')&$top=50`)),
    ),
  );
  results.push(await timeQuery('directory audits, last 7 days, $top=100', runs, async () => count(await get(`/auditLogs/directoryAudits?$filter=activityDateTime ge ${weekAgo}&$top=100`))));
  results.push(await timeQuery("risky users riskLevel eq 'high'", runs, async () => count(await get("/identityProtection/riskyUsers?$filter=riskLevel eq 'high'"))));
  if (group) {
    results.push(await timeQuery('group transitiveMembers $top=999', runs, async () => count(await get(`/groups/${String(group.id)}/transitiveMembers?$top=999`))));
  }
  results.push(await timeQuery("a user's transitiveMemberOf", runs, async () => count(await get(`/users/${userId}/transitiveMemberOf`))));
  return results;
}

/** Where a size's tenant lives (the demo tenant, or a generated one kept in data/). */
function tenantDirOf(sizeKey: string): string {
  return path.join(repoRoot(), 'data', `bench-tenant-${sizeKey}`);
}

/**
 * One size's preparation, in its own process: generate the tenant (unless demo, or already there) and build its
 * sign-in index if it has none, so that the measured start is one with the index in place.
 */
async function prepareSize(sizeKey: string): Promise<Pick<SizeResult, 'generateSeconds' | 'indexSeconds'>> {
  const spec = SIZES[sizeKey];
  let tenantDir: string;
  let generateSeconds: number | null = null;
  if (sizeKey === 'small') {
    tenantDir = await ensureDemoTenant();
  } else {
    tenantDir = tenantDirOf(sizeKey);
    const stamp = path.join(tenantDir, 'snapshot.json');
    if (!fs.existsSync(stamp)) {
      const started = performance.now();
      await generateTenant({ outDir: tenantDir, users: spec.users, signIns: spec.signIns });
      generateSeconds = Math.round((performance.now() - started) / 100) / 10;
    }
  }
  const indexed = await indexSnapshot(tenantDir, { log: (message) => process.stderr.write(`bench: ${message}\n`) });
  const built = indexed.filter((entry) => entry.builtSeconds !== undefined);
  const indexSeconds = built.length ? built.reduce((sum, entry) => sum + (entry.builtSeconds ?? 0), 0) : null;
  return { generateSeconds, indexSeconds };
}

/** One size, in a fresh process: start the local Entra on the prepared tenant, measure, print one JSON line. */
async function runSize(sizeKey: string, runs: number): Promise<SizeResult> {
  const spec = SIZES[sizeKey];
  const tenantDir = sizeKey === 'small' ? await ensureDemoTenant() : tenantDirOf(sizeKey);
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
  global.gc?.();
  const started = performance.now();
  const entra = await startLocalEntra({ tenantDir, port: 0, log });
  const startSeconds = Math.round((performance.now() - started) / 10) / 100;
  global.gc?.();
  const memory = process.memoryUsage();
  const local = localGraphConfig(entra);
  try {
    const graph = createGraphClient(local.config);
    const queries = await measureQueries(graph, runs, new Date());
    global.gc?.();
    return {
      size: spec.name,
      users: spec.users,
      signIns: spec.signIns,
      generateSeconds: null,
      indexSeconds: null,
      startSeconds,
      rssMiB: Math.round(memory.rss / 1048576),
      heapMiB: Math.round(memory.heapUsed / 1048576),
      rssAfterQueriesMiB: Math.round(process.memoryUsage().rss / 1048576),
      queries,
    };
  } finally {
    await entra.stop();
    local.dispose();
  }
}

function markdown(results: SizeResult[], understanding: string | undefined): string {
  const lines = [
    '# Benchmarks',
    '',
    `Run with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ` +
      `${Math.round(os.totalmem() / 1073741824)} GiB, Node ${process.version}. Query times go through the bot's own Graph client ` +
      '(HTTPS, bearer tokens, JSON), one request at a time, after one warm-up; p50/p95 in milliseconds.',
    '',
    '## Local Entra',
    '',
    'Sign-ins stay on disk behind an index (README, "Start-up and the sign-in index"). "index" is the one-time build of that ' +
      'index for a new snapshot ("cached": it existed); "start" is a start with the index in place; RSS after queries ' +
      'includes the index sections the queries read and the entries kept parsed.',
    '',
    '| size | users | sign-ins | generate (s) | index (s) | start (s) | RSS after load (MiB) | heap (MiB) | RSS after queries (MiB) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.size} | ${r.users.toLocaleString('en-US')} | ${r.signIns.toLocaleString('en-US')} | ${r.generateSeconds ?? 'cached'} | ${r.indexSeconds ?? 'cached'} | ${r.startSeconds} | ${r.rssMiB} | ${r.heapMiB} | ${r.rssAfterQueriesMiB} |`,
    ),
    '',
    `| query | ${results.map((r) => `${r.size} p50 / p95 (items)`).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    ...(results[0]?.queries ?? []).map(
      (q, i) => `| ${q.query} | ${results.map((r) => (r.queries[i] ? `${r.queries[i].p50} / ${r.queries[i].p95} (${r.queries[i].items})` : '–')).join(' | ')} |`,
    ),
    '',
  ];
  if (understanding) lines.push(understanding, '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      levels: { type: 'string', default: '1,10,50' },
      soak: { type: 'boolean', default: false },
      'cold-runs': { type: 'string', default: '3' },
      'cold-also': { type: 'string' },
      'levels-also': { type: 'string' },
      rounds: { type: 'string', default: '1' },
      parts: { type: 'string' },
      profile: { type: 'string' },
      only: { type: 'string' },
      sizes: { type: 'string', default: 'small,medium,large' },
      runs: { type: 'string', default: '20' },
      out: { type: 'string', default: path.join(repoRoot(), 'docs', 'bench.md') },
      child: { type: 'string' },
      prepare: { type: 'string' },
      compare: { type: 'boolean', default: true },
    },
  });
  const runs = Number(values.runs);
  if (positionals[0] === 'load') {
    const levels = values.levels.split(',').map(Number);
    const seconds = Number(values.seconds);
    const warmupSeconds = Number(values.warmup);
    const coldRuns = Number(values['cold-runs']);
    const rounds = Number(values.rounds);
    if (levels.some((n) => !Number.isInteger(n) || n < 1) || !(seconds > 0) || !(warmupSeconds > 0) || !Number.isInteger(coldRuns) || coldRuns < 1 || !Number.isInteger(rounds) || rounds < 1) {
      throw new Error('load: --levels takes connection counts (1,10,50), --seconds and --warmup positive numbers, --cold-runs and --rounds whole numbers');
    }
    const parts = values.parts?.split(',') as LoadPart[] | undefined;
    if (parts?.some((part) => !LOAD_PARTS.includes(part))) throw new Error(`load: --parts takes some of ${LOAD_PARTS.join(',')}`);
    const report = await benchLoad({ seconds, warmupSeconds, levels, soak: values.soak, coldRuns, parts, profileDir: values.profile, only: values.only?.split(','), coldAlso: values['cold-also']?.split(','), levelsAlso: values['levels-also'], rounds, log: (message) => process.stderr.write(`bench load: ${message}\n`) });
    const section = formatLoadReport(report).join('\n');
    if (parts && LOAD_PARTS.some((part) => !parts.includes(part))) {
      // A partial run does not replace the whole section of docs/bench.md.
      process.stdout.write(`${section}\n(--parts ${parts.join(',')}: not written to ${path.relative(process.cwd(), values.out)})\n`);
      return;
    }
    const existing = fs.existsSync(values.out) ? fs.readFileSync(values.out, 'utf8') : '# Benchmarks\n';
    fs.writeFileSync(values.out, replaceSection(existing, LOAD_HEADING, section));
    process.stdout.write(`${section}\nWritten to ${path.relative(process.cwd(), values.out)}\n`);
    return;
  }
  if (positionals.length) throw new Error(`unknown bench ${positionals[0]}: use load, or no name for the Graph and answer benches`);
  if (values.prepare) {
    process.stdout.write(`${JSON.stringify(await prepareSize(values.prepare))}\n`);
    return;
  }
  if (values.child) {
    process.stdout.write(`${JSON.stringify(await runSize(values.child, runs))}\n`);
    return;
  }
  process.stderr.write('bench: understanding…\n');
  const understanding = formatUnderstandingReport(await benchUnderstanding({ compare: values.compare })).join('\n');
  const results: SizeResult[] = [];
  for (const size of values.sizes.split(',').map((s) => s.trim())) {
    if (!SIZES[size]) throw new Error(`unknown size ${size}: use ${Object.keys(SIZES).join(', ')}`);
    process.stderr.write(`bench: ${size}…\n`);
    const child = (args: string[]): unknown =>
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', __filename, ...args], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 16 * 1024 * 1024,
        })
          .trim()
          .split('\n')
          .pop()!,
      );
    // Generating and indexing in one process, starting in another: the start is timed as a fresh process starts.
    const prepared = child(['--prepare', size]) as Pick<SizeResult, 'generateSeconds' | 'indexSeconds'>;
    const result = { ...(child(['--child', size, '--runs', String(runs)]) as SizeResult), ...prepared };
    results.push(result);
    process.stderr.write(`bench: ${size} started in ${result.startSeconds} s, RSS ${result.rssMiB} MiB\n`);
  }
  process.stderr.write('bench: sign-in troubleshooting…\n');
  const signIns = formatSignInBenchReport(await benchSignIns()).join('\n');
  process.stderr.write('bench: directory answers…\n');
  const directory = formatDirectoryReport(await benchDirectory()).join('\n');
  process.stderr.write('bench: Identity Protection answers…\n');
  const risk = formatDirectoryReport(await benchDirectory(RISK_BENCH_QUESTIONS), 'Identity Protection answers (a mitigation request costs its checks; nothing is confirmed)').join('\n');
  const plans = formatPlanBenchReport(await benchPlans()).join('\n');
  const report = markdown(
    results,
    `## Understanding\n\n${understanding}\n\n## Sign-in troubleshooting\n\n${signIns}\n\n## Directory answers\n\n${directory}\n\n## Identity Protection answers\n\n${risk}\n\n${PLAN_BENCH_HEADING}\n\n${plans}`,
  );
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  // The load sections at the end (written by `bench -- load`, and the notes on them) are not this bench's: keep them.
  const previous = fs.existsSync(values.out) ? fs.readFileSync(values.out, 'utf8').split('\n') : [];
  const loadStart = previous.findIndex((line) => line.trim() === `## ${LOAD_HEADING}`);
  fs.writeFileSync(values.out, loadStart >= 0 ? `${report.trimEnd()}\n\n${previous.slice(loadStart).join('\n')}` : report);
  process.stdout.write(`${report}\nWritten to ${path.relative(process.cwd(), values.out)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

/**
 * The question-plan section of `npm run bench` (issue #12): one plan of each kind, built here rather than through
 * the understanding, compiled (compilePlan), read (runPlan) and shaped into the answer model (planCardModel) as the
 * plan answer does, against a local Entra on the demo tenant and on the bench's 200,000-sign-in tenant, clocks
 * pinned to the capture instant. Per plan: Graph round trips, median and p95 time, what was read, whether the read
 * was complete, and for lists whether more pages were read than shown. A sign-in count over a window that takes
 * longer than a second is profiled, so the report says where the time goes.
 *
 * Only this section: `node dist/src/cli/benchPlans.js [--runs 5] [--tenants demo,medium] [--out docs/bench.md]`
 * (after a build); it replaces its own section of the file and leaves the others as they are.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import type { Client } from '@microsoft/microsoft-graph-client';
import { startLocalEntra } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_CAPTURED_AT } from '@entra-assistant/local-entra';
import { createGraphClient } from '../graph/client';
import { collectGraphRequests } from '../graph/requestLog';
import { compilePlan, LIST_ROWS, type CompiledPlan } from '../plans/compile';
import { DEFAULT_MAX_PAGES, runPlan, type PlanRun } from '../plans/execute';
import type { QuestionPlan } from '../plans/plan';
import { planCardModel } from '../skills/planAnswer';
import { repoRoot } from '../paths';
import { localGraphConfig } from './localGraphConfig';

const DAY_MS = 86_400_000;
/** The section's heading, in the full report and in the file this section alone rewrites. */
export const PLAN_BENCH_HEADING = '## Question plans';
/** Issue #12: a sign-in count over the whole log answers locally within this; the other sign-in answers are held to it too. */
const COUNT_BUDGET_MS = 1000;

export interface PlanBenchCase {
  name: string;
  plan(now: Date): QuestionPlan;
  /** Profiled when slower than the count budget: the counts over the whole log (issue #12's one-second goal). */
  profileIfSlow?: boolean;
}

function lastDays(days: number, now: Date): QuestionPlan['window'] {
  return { start: new Date(now.getTime() - days * DAY_MS).toISOString(), end: now.toISOString(), label: `last ${days} days` };
}

/** One plan of each kind the plan answer gives: lists, counts, breakdowns, exists and latest, over each kind of collection. */
export const PLAN_BENCH_CASES: readonly PlanBenchCase[] = [
  { name: 'guests (list, Graph filter)', plan: () => ({ resource: 'users', filters: [{ field: 'userType', op: 'eq', value: 'Guest' }], operation: { kind: 'list' } }) },
  { name: 'users (count, $count)', plan: () => ({ resource: 'users', filters: [], operation: { kind: 'count' } }) },
  {
    name: 'users inactive 30 days (list, lastSignIn le)',
    plan: (now) => ({ resource: 'users', filters: [{ field: 'lastSignIn', op: 'le', value: new Date(now.getTime() - 30 * DAY_MS).toISOString() }], operation: { kind: 'list' } }),
  },
  {
    name: 'not registered for MFA (list)',
    plan: () => ({ resource: 'registrationDetails', filters: [{ field: 'isMfaRegistered', op: 'eq', value: false }], operation: { kind: 'list' } }),
  },
  { name: 'groups with no owners (list, ownerCount eq 0)', plan: () => ({ resource: 'groups', filters: [{ field: 'ownerCount', op: 'eq', value: 0 }], operation: { kind: 'list' } }) },
  {
    name: 'sign-ins from Germany, 7 days (list)',
    plan: (now) => ({ resource: 'signIns', filters: [{ field: 'country', op: 'eq', value: 'DE', label: 'Germany' }], window: lastDays(7, now), operation: { kind: 'list' } }),
  },
  { name: 'sign-ins, 7 days (count)', plan: (now) => ({ resource: 'signIns', filters: [], window: lastDays(7, now), operation: { kind: 'count' } }) },
  { name: 'sign-ins, 30 days (count)', plan: (now) => ({ resource: 'signIns', filters: [], window: lastDays(30, now), operation: { kind: 'count' } }), profileIfSlow: true },
  {
    // The log serves interactive sign-ins unless asked for another type: this counts the next biggest share of the window.
    name: 'non-interactive sign-ins, 30 days (count)',
    plan: (now) => ({ resource: 'signIns', filters: [{ field: 'eventType', op: 'contains', value: 'nonInteractiveUser' }], window: lastDays(30, now), operation: { kind: 'count' } }),
    profileIfSlow: true,
  },
  {
    name: 'sign-ins without MFA, 7 days (count, client filter)',
    plan: (now) => ({ resource: 'signIns', filters: [{ field: 'mfaDone', op: 'eq', value: false }], window: lastDays(7, now), operation: { kind: 'count' } }),
  },
  { name: 'sign-ins by country, 7 days (groupBy)', plan: (now) => ({ resource: 'signIns', filters: [], window: lastDays(7, now), operation: { kind: 'groupBy', field: 'country' } }) },
  {
    name: 'countries signed in from, 7 days (countDistinct)',
    plan: (now) => ({ resource: 'signIns', filters: [], window: lastDays(7, now), operation: { kind: 'countDistinct', field: 'country' } }),
  },
  {
    name: 'any successful sign-in, 7 days (exists)',
    plan: (now) => ({ resource: 'signIns', filters: [{ field: 'result', op: 'eq', value: 'success' }], window: lastDays(7, now), operation: { kind: 'exists' } }),
  },
  {
    name: 'latest successful sign-in, 7 days (latest)',
    plan: (now) => ({ resource: 'signIns', filters: [{ field: 'result', op: 'eq', value: 'success' }], window: lastDays(7, now), operation: { kind: 'latest' } }),
  },
  { name: 'risky users at risk (list)', plan: () => ({ resource: 'riskyUsers', filters: [{ field: 'riskState', op: 'eq', value: 'atRisk' }], operation: { kind: 'list' } }) },
  { name: 'named locations (list)', plan: () => ({ resource: 'namedLocations', filters: [], operation: { kind: 'list' } }) },
  {
    name: 'Conditional Access policies on (list)',
    plan: () => ({ resource: 'conditionalAccessPolicies', filters: [{ field: 'state', op: 'eq', value: 'enabled' }], operation: { kind: 'list' } }),
  },
];

export interface PlanBenchTenant {
  name: string;
  dir: string;
}

export interface PlanBenchRow {
  name: string;
  kind: QuestionPlan['operation']['kind'];
  resource: QuestionPlan['resource'];
  /** The first request, relative to the version root. */
  url: string;
  /** Graph's refusal (status and message) when it would not run the plan; nothing else is then measured. */
  refused?: string;
  roundTrips: number;
  p50: number;
  p95: number;
  pagesRead: number;
  itemsRead: number;
  /** Rows the answer shows (list, latest, exists). */
  shown: number;
  complete: boolean;
  /** Why not complete: a list with more to show, or a bounded read that stopped. */
  incompleteBecause?: 'more to show' | 'bound reached';
  /** Lists whose filters all run in Graph: no page was read beyond the ones the shown rows came from. */
  pagesWithinShown?: boolean;
  headline: string;
}

/** Where one profiled run spent its time, by the code that ran. */
export interface PlanProfile {
  tenant: string;
  plan: string;
  wallMs: number;
  pages: number;
  itemsRead: number;
  /** Per page: from sending the request to its response headers (the local Entra builds a page before it answers). */
  pageMsMedian: number;
  /** The same pages read again without the executor: as compiled, and with `$select=id` only. */
  pagesKiB: number;
  pagesMs: number;
  idOnlyKiB: number;
  idOnlyMs: number;
  byPart: Array<{ part: string; ms: number }>;
}

export interface PlanBenchReport {
  runs: number;
  /** The machine's one-minute load average when the section started. */
  loadAverage: number;
  tenants: Array<{ name: string; signIns: number; rows: PlanBenchRow[] }>;
  profiles: PlanProfile[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The plan answer's own path from plan to answer model, without the permission checks (the asker's roles are cached in the bot). */
async function answerPlan(client: Client, plan: QuestionPlan): Promise<{ compiled: CompiledPlan; run: PlanRun; headline: string }> {
  const compiled = compilePlan(plan, { listRows: LIST_ROWS });
  const run = await runPlan(client, compiled, { listRows: LIST_ROWS, maxPages: DEFAULT_MAX_PAGES });
  return { compiled, run, headline: planCardModel(compiled, run).headline.replace(/\*\*/g, '') };
}

function refusalOf(err: unknown): string | undefined {
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return `${status} ${((err as Error).message ?? '').replace(/\s+/g, ' ').trim()}`;
}

async function benchCase(client: Client, testCase: PlanBenchCase, now: Date, runs: number): Promise<PlanBenchRow> {
  const plan = testCase.plan(now);
  const url = compilePlan(plan, { listRows: LIST_ROWS }).url;
  const base = { name: testCase.name, kind: plan.operation.kind, resource: plan.resource, url };
  try {
    await answerPlan(client, plan); // warm: token, code paths, index sections
  } catch (err) {
    const refused = refusalOf(err);
    if (!refused) throw err;
    return { ...base, refused, roundTrips: 0, p50: 0, p95: 0, pagesRead: 0, itemsRead: 0, shown: 0, complete: false, headline: '' };
  }
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof answerPlan>> | undefined;
  let roundTrips = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { result, graphRequests } = await collectGraphRequests(() => answerPlan(client, plan));
    times.push(performance.now() - started);
    last = result;
    roundTrips = graphRequests.length;
  }
  times.sort((a, b) => a - b);
  const { compiled, run, headline } = last!;
  const shown = run.items.length;
  const row: PlanBenchRow = {
    ...base,
    roundTrips,
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    pagesRead: run.pagesRead,
    itemsRead: run.itemsRead,
    shown,
    complete: run.complete,
    headline,
  };
  if (!run.complete) row.incompleteBecause = run.stoppedAt !== undefined ? 'bound reached' : 'more to show';
  if (plan.operation.kind === 'list' && compiled.clientFilters.length === 0) {
    // When Graph runs every filter, the rows shown fill whole pages of `top` from the first one; a list filtered
    // here may have to read pages that show nothing, so it is not held to this.
    row.pagesWithinShown = run.pagesRead <= Math.max(1, Math.ceil(shown / (compiled.top ?? shown)));
  }
  return row;
}

/**
 * The part of the code a profile sample ran in: the deepest frame this bench can name (JSON.parse and other
 * built-ins count towards the code that called them), else the runtime's own work.
 */
function partOf(stack: ReadonlyArray<{ url: string; functionName: string }>): string | undefined {
  for (const { url } of stack) {
    if (url.startsWith('node:inspector')) return undefined; // the profiler itself
  }
  for (const { url } of stack) {
    if (url.includes('/local-entra/dist/src/snapshot/')) return 'local Entra: reading sign-ins from disk (read, JSON.parse, rebase)';
    if (url.includes('/local-entra/dist/src/odata/')) return 'local Entra: query ($filter, $select, paging)';
    if (url.includes('/local-entra/dist/src/')) return 'local Entra: routing, response JSON, HTTP server';
    if (url.includes('/src/plans/')) return 'plan executor (compile, client filters, counting)';
    if (url.includes('/src/skills/')) return 'answer model';
    if (/@microsoft\/microsoft-graph-client|@azure\/|\/src\/graph\/|undici/.test(url)) return 'Graph client (fetch, JSON.parse of pages)';
  }
  const leaf = stack[0]?.functionName ?? '';
  if (leaf === '(garbage collector)') return 'garbage collection (both sides)';
  if (leaf === '(idle)' || leaf === '(program)') return 'idle and runtime';
  return 'Node internals (TLS, sockets, timers; both sides)';
}

/** A CPU profile of `work`, its samples summed by part of the code. */
async function profile(work: () => Promise<unknown>): Promise<{ wallMs: number; byPart: Map<string, number> }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const started = performance.now();
    await work();
    const wallMs = performance.now() - started;
    const { profile: cpu } = await session.post('Profiler.stop');
    const nodes = new Map(cpu.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, number>();
    for (const node of cpu.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const partOfNode = new Map<number, string | undefined>();
    const byPart = new Map<string, number>();
    const samples = cpu.samples ?? [];
    const deltas = cpu.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i];
      if (!partOfNode.has(id)) {
        const stack: Array<{ url: string; functionName: string }> = [];
        for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) stack.push(nodes.get(at)!.callFrame);
        partOfNode.set(id, partOf(stack));
      }
      const part = partOfNode.get(id);
      if (part) byPart.set(part, (byPart.get(part) ?? 0) + (deltas[i] ?? 0) / 1000);
    }
    return { wallMs, byPart };
  } finally {
    session.disconnect();
  }
}

/** Follows a request's nextLinks to the end: the pages a count reads, without the executor. */
async function readAllPages(client: Client, compiled: CompiledPlan, url: string): Promise<{ ms: number; bytes: number; items: number }> {
  const started = performance.now();
  let bytes = 0;
  let items = 0;
  for (let next: string | undefined = url; next; ) {
    const page = (await client.api(next).version(compiled.version).get()) as { value?: unknown[]; '@odata.nextLink'?: string };
    bytes += Buffer.byteLength(JSON.stringify(page));
    items += page.value?.length ?? 0;
    next = page['@odata.nextLink'];
  }
  return { ms: Math.round(performance.now() - started), bytes, items };
}

/**
 * Where a slow count's time goes: a CPU profile of one run (the client and the local Entra share this process, so
 * their times add up), the pages it read, and the same pages read again with `$select=id` only, which tells the
 * cost of the local Entra reading each sign-in from the cost of the page's size.
 */
async function profileCase(client: Client, tenant: string, testCase: PlanBenchCase, now: Date): Promise<PlanProfile> {
  const plan = testCase.plan(now);
  let requests: Array<{ ms: number }> = [];
  let itemsRead = 0;
  const { wallMs, byPart } = await profile(async () => {
    const { result, graphRequests } = await collectGraphRequests(() => answerPlan(client, plan));
    requests = graphRequests;
    itemsRead = result.run.itemsRead;
  });
  const compiled = compilePlan(plan, { listRows: LIST_ROWS });
  const asCompiled = await readAllPages(client, compiled, compiled.url);
  const idOnly = await readAllPages(client, compiled, compiled.url.replace(/\$select=[^&]*/, '$select=id'));
  const pageMs = requests.map((r) => r.ms).sort((a, b) => a - b);
  const parts = [...byPart.entries()].map(([part, ms]) => ({ part, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms);
  return {
    tenant,
    plan: testCase.name,
    wallMs: Math.round(wallMs),
    pages: requests.length,
    itemsRead,
    pageMsMedian: round1(percentile(pageMs, 50) ?? 0),
    pagesKiB: Math.round(asCompiled.bytes / 1024),
    pagesMs: asCompiled.ms,
    idOnlyKiB: Math.round(idOnly.bytes / 1024),
    idOnlyMs: idOnly.ms,
    byPart: parts,
  };
}

export async function benchPlans(options: { tenants?: PlanBenchTenant[]; runs?: number } = {}): Promise<PlanBenchReport> {
  const runs = Math.max(options.runs ?? 5, 1);
  const tenants = options.tenants ?? (await defaultTenants(['demo', 'medium']));
  const now = new Date(DEMO_CAPTURED_AT);
  const report: PlanBenchReport = { runs, loadAverage: round1(os.loadavg()[0]), tenants: [], profiles: [] };
  for (const tenant of tenants) {
    process.stderr.write(`bench: question plans on ${tenant.name}…\n`);
    const entra = await startLocalEntra({ tenantDir: tenant.dir, port: 0, now });
    const local = localGraphConfig(entra);
    try {
      const client = createGraphClient(local.config);
      const rows: PlanBenchRow[] = [];
      for (const testCase of PLAN_BENCH_CASES) {
        const row = await benchCase(client, testCase, now, runs);
        rows.push(row);
        if (testCase.profileIfSlow && !row.refused && row.p50 > COUNT_BUDGET_MS) report.profiles.push(await profileCase(client, tenant.name, testCase, now));
      }
      report.tenants.push({ name: tenant.name, signIns: entra.startup.signIns.count, rows });
    } finally {
      await entra.stop();
      local.dispose();
    }
  }
  return report;
}

/**
 * The tenants by bench size: the demo tenant, or one the bench generates into data/ ("medium" holds 200,000
 * sign-ins). Generation and indexing run through bench.js itself, in a child process as the bench does, so the
 * sizes are defined in one place and the tenant is shared with the bench's own sections.
 */
async function defaultTenants(sizes: string[]): Promise<PlanBenchTenant[]> {
  const tenants: PlanBenchTenant[] = [];
  for (const size of sizes) {
    if (size === 'demo' || size === 'small') {
      tenants.push({ name: 'demo tenant', dir: await ensureDemoTenant() });
      continue;
    }
    execFileSync(process.execPath, ['--max-old-space-size=16384', path.join(__dirname, 'bench.js'), '--prepare', size], { stdio: ['ignore', 'ignore', 'inherit'] });
    tenants.push({ name: `${size} tenant`, dir: path.join(repoRoot(), 'data', `bench-tenant-${size}`) });
  }
  return tenants;
}

function completeWords(row: PlanBenchRow): string {
  if (row.complete) return 'yes';
  return row.incompleteBecause === 'bound reached' ? `**no**: stopped after ${DEFAULT_MAX_PAGES} pages` : 'no: more to show';
}

function tableOf(rows: readonly PlanBenchRow[]): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| plan | round trips | p50 / p95 ms | pages / items read | complete | list pages ≤ shown | answer |',
    '|---|---:|---:|---:|---|---|---|',
    ...rows.map((r) =>
      r.refused
        ? `| ${r.name} | – | – | – | – | – | **refused by the local Entra**: ${cell(r.refused)} |`
        : `| ${r.name} | ${r.roundTrips} | ${r.p50} / ${r.p95} | ${r.pagesRead} / ${r.itemsRead.toLocaleString('en-US')} | ${completeWords(r)} | ${r.pagesWithinShown === undefined ? '–' : r.pagesWithinShown ? 'yes' : '**no**'} | ${cell(r.headline)} |`,
    ),
  ];
}

/** The profiled runs side by side: what each part of the code took, then the same pages read without the executor. */
function profileLines(profiles: readonly PlanProfile[]): string[] {
  const parts = [...new Set(profiles.flatMap((p) => p.byPart.map((b) => b.part)))];
  const msOf = (p: PlanProfile, part: string) => p.byPart.find((b) => b.part === part)?.ms ?? 0;
  parts.sort((a, b) => msOf(profiles[0], b) - msOf(profiles[0], a));
  const perItem = (p: PlanProfile) => Math.round((p.wallMs / Math.max(p.itemsRead, 1)) * 1000);
  const ms = (n: number) => n.toLocaleString('en-US');
  return [
    'Where the time of the slow counts goes: one run of each under a CPU profiler, its samples summed by the code they ran in ' +
      '(built-ins such as JSON.parse count towards their caller). The client and the local Entra share this process, so their times add up.',
    '',
    `| part | ${profiles.map((p) => `${p.plan}, ${p.tenant}: ms (share)`).join(' | ')} |`,
    `|---|${profiles.map(() => '---:').join('|')}|`,
    ...parts.map((part) => `| ${part} | ${profiles.map((p) => `${ms(msOf(p, part))} (${Math.round((msOf(p, part) / p.wallMs) * 100)}%)`).join(' | ')} |`),
    `| **wall time** | ${profiles.map((p) => `**${ms(p.wallMs)}**`).join(' | ')} |`,
    '',
    ...profiles.map((p) => {
      const share = (test: (part: string) => boolean) => Math.round((p.byPart.filter((b) => test(b.part)).reduce((sum, b) => sum + b.ms, 0) / p.wallMs) * 100);
      return (
        `- ${p.plan}, ${p.tenant}: the local Entra ${share((part) => part.startsWith('local Entra'))}% (reading sign-ins from disk ${share((part) => part.includes('from disk'))}%), ` +
        `garbage collection ${share((part) => part.startsWith('garbage'))}%, the Graph client ${share((part) => part.startsWith('Graph client'))}%, the plan executor ${share((part) => part.startsWith('plan executor'))}%. ` +
        `${p.pages} pages, ${ms(p.itemsRead)} sign-ins, ${perItem(p)} µs a sign-in; a page took ${p.pageMsMedian} ms (median) from request to response headers. ` +
        `The same pages read again without the executor: ${ms(p.pagesMs)} ms (${ms(p.pagesKiB)} KiB of JSON); with \`$select=id\` only: ${ms(p.idOnlyMs)} ms (${ms(p.idOnlyKiB)} KiB).`
      );
    }),
    '',
  ];
}

export function formatPlanBenchReport(report: PlanBenchReport): string[] {
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 1073741824)} GiB, Node ${process.version}, ` +
      `load average ${report.loadAverage} at the start (other work on the machine shows in the times). ` +
      'Each plan is built in code (not through the understanding), compiled, read and turned into the answer model as the plan answer does, ' +
      "through the bot's own Graph client against a local Entra in the same process, clock pinned to the capture instant " +
      `(${DEMO_CAPTURED_AT}); ${report.runs} runs after a warm-up. Round trips are the HTTP requests the Graph client made; ` +
      `"list pages ≤ shown": the list read no page beyond those its ${LIST_ROWS} rows came from. ` +
      'Only this section: `node dist/src/cli/benchPlans.js` after a build.',
    '',
  ];
  for (const tenant of report.tenants) {
    lines.push(`### ${tenant.name} (${tenant.signIns.toLocaleString('en-US')} sign-ins)`, '', ...tableOf(tenant.rows), '');
  }
  const first = report.tenants[0];
  if (first) {
    lines.push('First request of each plan (relative to the version root):', '');
    for (const row of first.rows) lines.push(`- ${row.name}: \`${decodeURIComponent(row.url)}\``);
    lines.push('');
  }
  const lists = report.tenants.flatMap((t) => t.rows.filter((r) => r.pagesWithinShown !== undefined).map((r) => ({ tenant: t.name, row: r })));
  const overRead = lists.filter((l) => !l.row.pagesWithinShown);
  lines.push(
    overRead.length
      ? `**Lists that read more pages than they showed**: ${overRead.map((l) => `${l.row.name} on the ${l.tenant} (${l.row.pagesRead} pages for ${l.row.shown} rows)`).join('; ')}.`
      : `Every list (${lists.length} on ${report.tenants.length} tenants) read no more pages than it showed.`,
    '',
  );
  const signInReads = report.tenants.flatMap((t) => t.rows.filter((r) => r.resource === 'signIns' && !r.refused).map((r) => ({ tenant: t.name, row: r })));
  const slow = signInReads.filter((c) => c.row.p50 > COUNT_BUDGET_MS);
  lines.push(
    slow.length
      ? `**Sign-in answers slower than ${COUNT_BUDGET_MS / 1000} s** (median): ${slow.map((c) => `${c.row.name} on the ${c.tenant}, ${c.row.p50.toLocaleString('en-US')} ms for ${c.row.pagesRead} pages`).join('; ')}.`
      : `Every sign-in answer took less than ${COUNT_BUDGET_MS / 1000} s (median).`,
    '',
  );
  if (report.profiles.length) lines.push(...profileLines(report.profiles));
  return lines;
}

/** Puts this section into a bench report file in place of its previous one (or at the end), leaving the rest. */
function writeSection(file: string, section: string[]): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${PLAN_BENCH_HEADING}\n\n${section.join('\n').trimEnd()}\n`;
  const start = text.indexOf(`\n${PLAN_BENCH_HEADING}\n`);
  if (start < 0) {
    fs.writeFileSync(file, `${text.trimEnd()}\n\n${block}`);
    return;
  }
  const next = text.indexOf('\n## ', start + 1);
  fs.writeFileSync(file, `${text.slice(0, start + 1)}${block}${next >= 0 ? `\n${text.slice(next + 1)}` : ''}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      tenants: { type: 'string', default: 'demo,medium' },
      out: { type: 'string', default: path.join(repoRoot(), 'docs', 'bench.md') },
    },
  });
  const report = await benchPlans({ runs: Number(values.runs), tenants: await defaultTenants(values.tenants.split(',').map((s) => s.trim())) });
  const section = formatPlanBenchReport(report);
  process.stdout.write(`${section.join('\n')}\n`);
  if (values.out) {
    writeSection(values.out, section);
    process.stderr.write(`bench: question plans written to ${path.relative(process.cwd(), values.out)}\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`benchPlans: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

/**
 * `npm run bench -- load [--seconds 10] [--warmup 2] [--levels 1,10,50] [--soak] [--cold-runs 3] [--cold-also DIR,…] [--levels-also DIR] [--rounds N] [--parts levels,memory,cold] [--out docs/bench.md]`
 *
 * Entra Assistant under load, side by side with a bare botbuilder echo bot (bench/echoBot.ts) on the same machine in
 * the same run. Every part runs in its own process: the local Entra (demo tenant, clock pinned), Entra Assistant
 * (bench/assistantBot.ts: src/index.ts with replies carrying a fixed token) and the echo bot, both with Bot Framework
 * authentication ON against a loopback OpenID/JWKS issuer (bench/botFrameworkIssuer.ts). This process signs the
 * channel's token, drives both bots with the same Teams activities over HTTP with autocannon (one conversation per
 * connection), and is the connector the replies are POSTed to.
 *
 * Reported per question type and for the echo bot, at each concurrency: requests/s, p50/p95/p99 latency, the bot
 * process's CPU per turn (its own utime+stime from /proc, before and after the level), the local Entra's CPU per turn,
 * Graph round trips per answer (from the bot's "answered" log lines), errors, and the ratio to the echo bot; RSS at
 * start and after the run; RSS after the first 100 and after 2,000 mixed turns in a fresh process; and the cold start
 * of `node dist/src/index.js` (what `npm run serve` runs) to its first answer, with its idle RSS. Entra Assistant runs
 * with the Node options and environment of package.json's `serve` script (serveCommand()), as deployed; the echo bot
 * with Node's defaults.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { DEMO_ADMIN, DEMO_CAPTURED_AT, DEMO_TENANT_ID, LOCAL_BOT_CLIENT } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { activityFor } from '../src/cli/ask';
import { repoRoot } from '../src/paths';
import { BotFrameworkIssuer } from './botFrameworkIssuer';
import type { MemoryProbe } from './memoryProbe';

/** The question types of the bench: one wording each, answered from the demo tenant. */
export const LOAD_QUESTIONS = [
  { key: 'troubleshoot', label: 'sign-in troubleshooting', text: "why can't Megan sign in?" },
  { key: 'user', label: 'a user', text: 'who is Nestor Wilke?' },
  { key: 'plan', label: 'a list (question plan)', text: 'which accounts are disabled?' },
  { key: 'risk', label: 'a risk', text: 'is Bob Kelly at risk?' },
  { key: 'docs', label: 'a docs answer', text: 'what does AADSTS50076 mean?' },
] as const;

const BOT_ID = '6d1f3c2b-8a4e-4f7d-9c1b-2e5a7d9f0b13';
const BOT_PASSWORD = 'load-bench-bot-secret';
const REPLY_TOKEN = 'load-bench-connector-token';
const ECHO = { key: 'echo', label: 'echo bot', text: "why can't Megan sign in?" };

/** What a level asks: connection i asks texts[i % texts.length] over and over, in a conversation of its own. */
type Target = { key: string; label: string; text: string; texts?: readonly string[] };

const DEFAULT_WARMUP_SECONDS = 2;

export interface LevelResult {
  target: string;
  label: string;
  connections: number;
  seconds: number;
  turns: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** The bot process's own CPU time per turn, ms. */
  cpuMsPerTurn: number;
  /** The local Entra's CPU time per turn, ms (0 for the echo bot, which reads nothing). */
  entraCpuMsPerTurn: number;
  /** Graph requests per answer from the bot's log: median and mean (undefined for the echo bot). */
  graphMedian?: number;
  graphMean?: number;
  /** The skills and intents that answered, from the bot's log. */
  answeredBy: string[];
  errors: number;
  /** With --rounds: which round of the levels (1-based). */
  round?: number;
  /** With --levels-also: the other checkout whose assistant answered, absent for this one's. */
  build?: string;
}

export interface ColdStart {
  bot: string;
  /** Spawn → the HTTP answer to the first message (its reply already at the connector), seconds; median of the runs. */
  firstAnswerSeconds: number;
  runs: number[];
  /** The process's own CPU time (utime+stime) from spawn to that answer, ms: median. Less moved by a busy machine than the wall time. */
  firstAnswerCpuMs: number;
  /** Resident memory, MiB, 2 s after the first answer with nothing else to do: median of the runs, and each run. */
  idleRssMiB: number;
  idleRssRuns: number[];
  /** The same 20 s after the first answer, once start-up work (the fallback classifier's training) is over and V8's memory reducer has run. */
  settledRssMiB: number;
  settledRssRuns: number[];
}

export interface LoadReport {
  when: string;
  machine: string;
  seconds: number;
  /** Seconds of one-connection turns per question type before the levels. */
  warmupSeconds: number;
  /** How Entra Assistant was started: `npm run serve`'s Node options and environment. */
  serve: string;
  /** Absent when the run left the part out (--parts). */
  levels?: LevelResult[];
  rss?: Record<string, { startMiB: number; afterMiB: number }>;
  memory?: Record<string, MemoryGrowth>;
  coldStarts?: ColdStart[];
  soak?: LevelResult;
}

export const LOAD_PARTS = ['levels', 'memory', 'cold'] as const;
export type LoadPart = (typeof LOAD_PARTS)[number];

/** How `npm run serve` starts the bot: the Node options and environment variables its script gives before the entry file. */
export interface ServeCommand {
  nodeArgs: string[];
  env: Record<string, string>;
}

/**
 * Reads package.json's `serve` script (`[NAME=value …] node [--option …] dist/src/index.js`), so that the bench starts
 * the bot exactly as `npm run serve` does, without npm's own process in the way.
 */
export function serveCommand(script: string): ServeCommand {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]); i++) {
    const at = words[i].indexOf('=');
    env[words[i].slice(0, at)] = words[i].slice(at + 1);
  }
  if (words[i] !== 'node') throw new Error(`package.json's serve script does not run node: ${script}`);
  const nodeArgs: string[] = [];
  for (i++; i < words.length && words[i].startsWith('--'); i++) nodeArgs.push(words[i]);
  if (words[i] !== 'dist/src/index.js' || i !== words.length - 1) throw new Error(`package.json's serve script does not end with dist/src/index.js: ${script}`);
  return { nodeArgs, env };
}

function readServeCommand(): ServeCommand {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return serveCommand(manifest.scripts.serve);
}

// ---------------------------------------------------------------------------------------------------------------
// Processes and what /proc says about them

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** A process's user + system CPU time so far, in ms. */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export function processRssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

interface Child {
  process: ChildProcess;
  /** Resident memory and heap after a full collection (the bench bots answer over IPC). */
  probeMemory(): Promise<MemoryProbe>;
  pid: number;
  /** Reads what the process logged since the last read. */
  readLog(): void;
  /** What the process announced when it was ready (its URL). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Follows a growing log file line by line. A bot that logs to a pipe blocks on every line the bench has not read yet
 * (pino writes stdout synchronously), which would put the bench's own slowness into the bot's latency; a file never
 * blocks, as on a server.
 */
class FileTail {
  private offset = 0;
  private partial = '';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
  ) {
    this.timer = setInterval(() => this.poll(), 50);
    this.timer.unref();
  }

  poll(): void {
    const fd = fs.openSync(this.file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (;;) {
        const read = fs.readSync(fd, buffer, 0, buffer.length, this.offset);
        if (read <= 0) break;
        this.offset += read;
        const lines = (this.partial + buffer.toString('utf8', 0, read)).split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines) this.onLine(line);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.poll();
  }
}

/** Spawns `node script` with its stdout going to `logFile`, and resolves once a line there gives its URL; every other line goes to onLine. */
function spawnNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  ready: (line: string) => string | undefined,
  onLine: (line: string) => void = () => undefined,
  nodeArgs: string[] = [],
): Promise<Child> {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...nodeArgs, script, ...args], { env, stdio: ['ignore', out, 'pipe', 'ipc'] });
  fs.closeSync(out);
  // A bench that dies takes its processes with it (a local Entra left behind keeps its port and a core's worth of memory).
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    const tail = new FileTail(logFile, (line) => {
      if (url) return onLine(line);
      url = ready(line);
      if (!url) return onLine(line);
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        process: child,
        probeMemory: () =>
          new Promise<MemoryProbe>((answered, failed) => {
            const timer = setTimeout(() => failed(new Error(`${path.basename(script)} did not answer the memory probe`)), 10_000);
            const listen = (message: unknown) => {
              const memory = (message as { memory?: MemoryProbe }).memory;
              if (!memory) return;
              clearTimeout(timer);
              child.off('message', listen);
              answered(memory);
            };
            child.on('message', listen);
            child.send({ probe: 'memory' });
          }),
        pid: child.pid!,
        url,
        readLog: () => tail.poll(),
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
          tail.stop();
        },
      });
    });
    child.once('exit', (code) => {
      if (!url) {
        tail.stop();
        reject(new Error(`${path.basename(script)} exited (${code}) before it was ready:\n${stderr.join('')}`));
      }
    });
  });
}

const benchReady = (line: string) => (line.startsWith('BENCH_READY ') ? (JSON.parse(line.slice('BENCH_READY '.length)) as { url: string }).url : undefined);

/** The connector the bots reply to: counts messages and answers each with an id, keeping nothing. */
class CountingConnector {
  messages = 0;
  typing = 0;
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer({ keepAlive: true }, (req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        if (data.includes('"type":"typing"')) this.typing++;
        else this.messages++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"id":"activity-1"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** What the bot's log says about the turns of the current phase. */
class TurnLog {
  graphRequests: number[] = [];
  answeredBy = new Set<string>();
  errors = 0;
  limited = 0;
  lastLineAt = 0;

  reset(): void {
    this.graphRequests = [];
    this.answeredBy.clear();
    this.errors = 0;
    this.limited = 0;
  }

  /** Resolves once the bot has written nothing for `quietMs`: the turns of the last level are over. */
  async quiet(bot: Child, quietMs = 1000): Promise<void> {
    bot.readLog();
    while (Date.now() - this.lastLineAt < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      bot.readLog();
    }
  }

  read(line: string): void {
    this.lastLineAt = Date.now();
    if (!line.startsWith('{')) return;
    let entry: { level?: number; msg?: string; graphRequests?: unknown; intent?: unknown; skill?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    if (entry.msg === 'answered' && typeof entry.graphRequests === 'number') {
      this.graphRequests.push(entry.graphRequests);
      if (typeof entry.intent === 'string') this.answeredBy.add(`${entry.skill as string} skill, ${entry.intent}`);
    }
    if ((entry.level ?? 0) >= 50) this.errors++;
    if (typeof entry.msg === 'string' && entry.msg.includes('usage limit')) this.limited++;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Driving a bot

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

interface Drive {
  url: string;
  token: string;
  connections: number;
  /** Seconds, or a number of requests. */
  duration?: number;
  amount?: number;
  /** The body of a connection's turn-th request (the turns of a connection are sequential)… */
  bodyForConnection?: (index: number, turn: number) => string;
  /** …or of each request in turn. */
  bodyForRequest?: (index: number) => string;
}

interface Driven {
  turns: number;
  seconds: number;
  latencies: number[];
  failures: number;
}

function drive(options: Drive): Promise<Driven> {
  const latencies: number[] = [];
  let connection = 0;
  let request = 0;
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` };
  const instance = autocannon({
    url: `${options.url}/api/messages`,
    method: 'POST',
    headers,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration }),
    timeout: 30,
    ...(options.bodyForConnection
      ? {
          setupClient: (client) => {
            const index = connection++;
            let turn = 0;
            client.setBody(options.bodyForConnection!(index, turn));
            // autocannon emits 'response' before it writes the connection's next request, so that request has the next body.
            client.on('response', () => client.setBody(options.bodyForConnection!(index, ++turn)));
          },
        }
      : {}),
    ...(options.bodyForRequest
      ? { requests: [{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: options.bodyForRequest!(request++) }) }] }
      : {}),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  return new Promise((resolve, reject) => {
    instance.on('done', (result) => {
      resolve({ turns: result['2xx'], seconds: result.duration, latencies, failures: result.errors + result.timeouts + result.non2xx });
    });
    instance.on('error', (err) => reject(err instanceof Error ? err : new Error(String(err))));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The bench

interface Stack {
  issuer: BotFrameworkIssuer;
  connector: CountingConnector;
  entra: Child;
  caFile: string;
  tmp: string;
  token: string;
  /** Who asks: each connection asks as each of them in turn, one conversation per connection and asker. */
  askers: Asker[];
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

function distFile(...parts: string[]): string {
  return path.join(repoRoot(), 'dist', ...parts);
}

async function startStack(): Promise<Stack> {
  const tenantDir = await ensureDemoTenant();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'load-bench-'));
  const caFile = path.join(tmp, 'local-entra-ca.pem');
  const issuer = await new BotFrameworkIssuer().start();
  const connector = await new CountingConnector().start();
  const entra = await spawnNode(
    path.join(repoRoot(), 'packages', 'local-entra', 'dist', 'src', 'cli.js'),
    ['--tenant', tenantDir, '--now', DEMO_CAPTURED_AT, '--ca-out', caFile],
    process.env,
    path.join(tmp, 'local-entra.log'),
    (line) => /^Local Entra listening at (\S+)/.exec(line)?.[1],
  );
  const token = issuer.sign({ audience: BOT_ID, serviceUrl: connector.url, expiresIn: 6 * 3600 });
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    PORT: '0',
    BOT_ID,
    SECRET_BOT_PASSWORD: BOT_PASSWORD,
    BOT_TYPE: 'SingleTenant',
    BOT_TENANT_ID: DEMO_TENANT_ID,
    BOT_CHANNEL_OPENID_METADATA_URL: issuer.metadataUrl,
    BENCH_REPLY_TOKEN: REPLY_TOKEN,
    GRAPH_BASE_URL: entra.url,
    GRAPH_AUTHORITY_HOST: entra.url,
    GRAPH_TENANT_ID: DEMO_TENANT_ID,
    GRAPH_CLIENT_ID: LOCAL_BOT_CLIENT.clientId,
    GRAPH_CLIENT_SECRET: LOCAL_BOT_CLIENT.clientSecret,
    GRAPH_CA_FILE: caFile,
    ASSISTANT_NOW: DEMO_CAPTURED_AT,
    LOG_LEVEL: 'info',
    // As deployed (NODE_ENV=production): JSON lines, which the bench reads; pretty printing runs in a worker thread.
    LOG_FORMAT: 'json',
    FEEDBACK_SQLITE_PATH: path.join(tmp, `feedback-${Math.random().toString(36).slice(2)}.sqlite`),
    // The bench is one admin asking many questions: the per-user limit would answer most of them "too many".
    QUESTIONS_PER_USER_PER_MINUTE: '10000',
    QUESTIONS_PER_TENANT_PER_MINUTE: '100000',
    ...extra,
  });
  return {
    issuer,
    connector,
    entra,
    caFile,
    tmp,
    token,
    askers: globalAdministrators(tenantDir),
    env,
    async stop() {
      await entra.stop();
      await connector.stop();
      await issuer.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

interface Asker {
  upn: string;
  id: string;
  name: string;
}

/**
 * The tenant's enabled Global Administrators, the demo admin first. Connections ask in turn as each of them: one
 * person may ask at most QUESTIONS_PER_USER_PER_MINUTE (10,000 at most) questions a minute, fewer than a fast level.
 */
function globalAdministrators(tenantDir: string): Asker[] {
  const read = <T>(file: string) => (JSON.parse(fs.readFileSync(path.join(tenantDir, file), 'utf8')) as { value: T[] }).value;
  const definitions = read<{ id: string; templateId?: string; displayName: string }>('roleManagement/directory/roleDefinitions.json');
  const global = definitions.find((d) => d.displayName === 'Global Administrator');
  const holders = new Set(
    read<{ principalId: string; roleDefinitionId: string }>('roleManagement/directory/roleAssignments.json')
      .filter((a) => global && (a.roleDefinitionId === global.id || a.roleDefinitionId === global.templateId))
      .map((a) => a.principalId),
  );
  const admins = read<{ id: string; userPrincipalName: string; displayName: string; accountEnabled?: boolean }>('users.json')
    .filter((u) => holders.has(u.id) && u.accountEnabled !== false && u.id !== DEMO_ADMIN.id)
    .map((u) => ({ upn: u.userPrincipalName, id: u.id, name: u.displayName }));
  return [{ upn: DEMO_ADMIN.userPrincipalName, id: DEMO_ADMIN.id, name: DEMO_ADMIN.displayName }, ...admins];
}

function activityBody(stack: Stack, text: string, conversation: string, index = 0): string {
  const asker = stack.askers[index % stack.askers.length];
  return JSON.stringify(activityFor({ conversation, as: asker.upn, text }, asker, conversation, stack.connector.url));
}

async function startBots(stack: Stack, log: TurnLog, profileArgs: string[] = []): Promise<{ echo: Child; assistant: Child }> {
  const run = ++botRuns;
  const serve = readServeCommand();
  const echo = await spawnNode(distFile('bench', 'echoBot.js'), [], stack.env(), path.join(stack.tmp, `echo-${run}.log`), benchReady, undefined, ['--expose-gc']);
  const assistant = await spawnNode(
    distFile('bench', 'assistantBot.js'),
    [],
    stack.env(serve.env),
    path.join(stack.tmp, `assistant-${run}.log`),
    benchReady,
    (line) => log.read(line),
    [...serve.nodeArgs, '--expose-gc', ...profileArgs],
  );
  return { echo, assistant };
}

let conversations = 0;
let botRuns = 0;

async function measureLevel(stack: Stack, target: Target, bot: Child, log: TurnLog, connections: number, seconds: number): Promise<LevelResult> {
  const run = ++conversations;
  await log.quiet(bot);
  log.reset();
  // Each connection asks as every administrator in turn (its own conversation with each): one person may ask at most
  // 10,000 questions a minute, which one connection of a fast question type passes within a level and its warm-up.
  const byConnection = new Map<number, string[]>();
  const bodies = (i: number) => {
    let made = byConnection.get(i);
    if (!made) {
      const text = target.texts ? target.texts[i % target.texts.length] : target.text;
      made = stack.askers.map((_, a) => activityBody(stack, text, `load-${target.key}-${run}-${i}-${a}`, i + run + a));
      byConnection.set(i, made);
    }
    return made;
  };
  const cpu0 = processCpuMs(bot.pid);
  const entra0 = processCpuMs(stack.entra.pid);
  const driven = await drive({
    url: bot.url,
    token: stack.token,
    connections,
    duration: seconds,
    bodyForConnection: (i, turn) => bodies(i)[turn % stack.askers.length],
  });
  // Let the last turns finish (autocannon stops waiting for them) before reading the clocks.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await log.quiet(bot);
  const cpu = processCpuMs(bot.pid) - cpu0;
  const entraCpu = processCpuMs(stack.entra.pid) - entra0;
  const latencies = driven.latencies.sort((a, b) => a - b);
  const graph = [...log.graphRequests].sort((a, b) => a - b);
  const isEcho = target.key === ECHO.key;
  return {
    target: target.key,
    label: target.label,
    connections,
    seconds: round(driven.seconds),
    turns: driven.turns,
    requestsPerSecond: round(driven.turns / driven.seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    cpuMsPerTurn: round(cpu / Math.max(driven.turns, 1), 2),
    entraCpuMsPerTurn: round(entraCpu / Math.max(driven.turns, 1), 2),
    ...(isEcho ? {} : { graphMedian: percentile(graph, 50), graphMean: round(graph.reduce((a, b) => a + b, 0) / Math.max(graph.length, 1), 2) }),
    answeredBy: [...log.answeredBy],
    errors: driven.failures + (isEcho ? 0 : log.errors + log.limited),
  };
}

export interface MemoryGrowth {
  /** Resident memory as the process stands (/proc), MiB. */
  after100MiB: number;
  after2000MiB: number;
  /** After a full garbage collection: resident, and the heap the process keeps. */
  after100: MemoryProbe;
  after2000: MemoryProbe;
}

/** Memory after the first 100 and after 2,000 turns of every question type in turn, 10 connections, 50 conversations. */
async function measureMemory(stack: Stack, bot: Child, texts: string[]): Promise<MemoryGrowth> {
  const body = (i: number) => activityBody(stack, texts[i % texts.length], `memory-${bot.pid}-${i % 50}`, i % 50);
  let offset = 0;
  const phase = async (amount: number) => {
    const start = offset;
    offset += amount;
    await drive({ url: bot.url, token: stack.token, connections: 10, amount, bodyForRequest: (i) => body(start + i) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rss = processRssMiB(bot.pid);
    return { rss, probe: await bot.probeMemory() };
  };
  const first = await phase(100);
  const all = await phase(1900);
  return { after100MiB: first.rss, after2000MiB: all.rss, after100: first.probe, after2000: all.probe };
}

interface ColdRun {
  seconds: number;
  cpuMs: number;
  idleRssMiB: number;
  settledRssMiB: number;
}

/** Spawn → first answer of a bot started as `npm run serve` starts it (auth off: no channel token to get). */
async function coldRun(stack: Stack, label: string, script: string, run: number, serve: ServeCommand = { nodeArgs: ['--disable-warning=DEP0111'], env: {} }): Promise<ColdRun> {
  const port = await freePort();
  const env = stack.env({ ...serve.env, PORT: String(port), BOT_ID: '', SECRET_BOT_PASSWORD: '', BOT_TYPE: '', BOT_TENANT_ID: '', BOT_CHANNEL_OPENID_METADATA_URL: '' });
  for (const key of Object.keys(env)) if (env[key] === '') delete env[key];
  const body = activityBody(stack, "why can't Megan sign in?", `cold-${label}-${run}`);
  const started = performance.now();
  const child = spawn(process.execPath, [...serve.nodeArgs, script], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}) before answering`);
      const answered = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
        .then((res) => res.ok)
        .catch(() => false);
      if (answered) break;
      if (performance.now() - started > 30_000) throw new Error(`${label} did not answer within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = processCpuMs(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleRssMiB = processRssMiB(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 18_000));
    return { seconds, cpuMs, idleRssMiB, settledRssMiB: processRssMiB(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function coldSummary(bot: string, runs: ColdRun[]): ColdStart {
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  return {
    bot,
    firstAnswerSeconds: round(median(runs.map((r) => r.seconds)), 2),
    runs: runs.map((r) => round(r.seconds, 2)),
    firstAnswerCpuMs: Math.round(median(runs.map((r) => r.cpuMs))),
    idleRssMiB: median(runs.map((r) => r.idleRssMiB)),
    idleRssRuns: runs.map((r) => r.idleRssMiB),
    settledRssMiB: median(runs.map((r) => r.settledRssMiB)),
    settledRssRuns: runs.map((r) => r.settledRssMiB),
  };
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface LoadOptions {
  seconds: number;
  /**
   * Seconds of one-connection turns each bot (and each question type) gets before the levels; default 2. The assistant
   * has about 600 functions on its turns that V8 optimises over the first minute or so, the echo bot a fraction of that:
   * a longer warm-up measures both nearer their steady state (docs/bench.md, "Session 10").
   */
  warmupSeconds?: number;
  levels: number[];
  soak: boolean;
  coldRuns: number;
  /** What to measure (default: all of LOAD_PARTS). */
  parts?: LoadPart[];
  /** Write a CPU profile of the assistant's load levels (node --cpu-prof) into this folder. */
  profileDir?: string;
  /** Only these question types (LOAD_QUESTIONS keys); default all. */
  only?: string[];
  /**
   * Other built checkouts whose `dist/src/index.js` the cold-start part also starts, in turn with this one's (same
   * Node options), so that a change is compared side by side on the same minutes of a shared machine.
   */
  coldAlso?: string[];
  /**
   * Another built checkout whose Entra Assistant (its `dist/bench/assistantBot.js`, with this checkout's Node options)
   * runs beside this one's in the same stack: at every level each question type is asked of one, then the other,
   * right after the echo bot, so that two builds are compared on the same minutes of a shared machine.
   */
  levelsAlso?: string;
  /** How many times the levels run in turn (the two builds' order flips each round); default 1. */
  rounds?: number;
  log?: (message: string) => void;
}

export async function benchLoad(options: LoadOptions): Promise<LoadReport> {
  const say = options.log ?? (() => undefined);
  const parts = new Set<LoadPart>(options.parts ?? LOAD_PARTS);
  const serve = readServeCommand();
  const stack = await startStack();
  const turnLog = new TurnLog();
  try {
    let levels: LevelResult[] | undefined;
    let rss: LoadReport['rss'];
    let soak: LevelResult | undefined;
    if (parts.has('levels')) {
      const { echo, assistant } = await startBots(stack, turnLog, options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : []);
      const alsoDir = options.levelsAlso ? path.resolve(options.levelsAlso) : undefined;
      const other = alsoDir
        ? await spawnNode(path.join(alsoDir, 'dist', 'bench', 'assistantBot.js'), [], stack.env(serve.env), path.join(stack.tmp, `assistant-also.log`), benchReady, (line) => turnLog.read(line), [...serve.nodeArgs, '--expose-gc'])
        : undefined;
      // The assistant reads the tenant's names and trains its fallback classifier in the background after it listens.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      rss = {
        echo: { startMiB: processRssMiB(echo.pid), afterMiB: NaN },
        assistant: { startMiB: processRssMiB(assistant.pid), afterMiB: NaN },
      };
      const questions = LOAD_QUESTIONS.filter((q) => !options.only || options.only.includes(q.key));
      type Run = { target: Target; bot: Child; build?: string };
      const targetsOf = (round: number): Run[] => [
        { target: ECHO, bot: echo },
        ...questions.flatMap((q) => {
          const pair: Run[] = [{ target: q, bot: assistant }, ...(other && alsoDir ? [{ target: q, bot: other, build: alsoDir }] : [])];
          return round % 2 === 0 ? pair.reverse() : pair;
        }),
      ];
      say(other ? 'warming the echo bot and both builds…' : 'warming both bots…');
      for (const { target, bot } of targetsOf(1)) await measureLevel(stack, target, bot, turnLog, 1, options.warmupSeconds ?? DEFAULT_WARMUP_SECONDS);
      levels = [];
      const rounds = options.rounds ?? 1;
      for (const connections of options.levels) {
        // Side by side: the echo bot and every question type at one level, before the next level.
        for (let round = 1; round <= rounds; round++) {
          for (const { target, bot, build } of targetsOf(round)) {
            const result = { ...(await measureLevel(stack, target, bot, turnLog, connections, options.seconds)), ...(rounds > 1 ? { round } : {}), ...(build ? { build } : {}) };
            say(`${target.key}${build ? ` (${build})` : ''} × ${connections}${rounds > 1 ? ` round ${round}` : ''}: ${result.requestsPerSecond} req/s, p95 ${result.p95} ms, CPU ${result.cpuMsPerTurn} ms/turn, Graph ${result.graphMedian ?? '–'}, errors ${result.errors}`);
            levels.push(result);
          }
        }
      }
      await other?.stop();
      rss.echo.afterMiB = processRssMiB(echo.pid);
      rss.assistant.afterMiB = processRssMiB(assistant.pid);
      if (options.soak) {
        say('soak: 50 connections for 60 s, every question type…');
        const texts = LOAD_QUESTIONS.map((q) => q.text);
        soak = await measureLevel(stack, { key: 'soak', label: 'every question type, 60 s', text: texts[0], texts }, assistant, turnLog, 50, 60);
      }
      await echo.stop();
      await assistant.stop();
    }

    let memory: LoadReport['memory'];
    if (parts.has('memory')) {
      say('memory: 2,000 turns in fresh processes…');
      const fresh = await startBots(stack, turnLog);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      memory = {
        echo: await measureMemory(stack, fresh.echo, [ECHO.text]),
        assistant: await measureMemory(stack, fresh.assistant, LOAD_QUESTIONS.map((q) => q.text)),
      };
      say(`memory: echo bot RSS ${memory.echo.after100MiB} → ${memory.echo.after2000MiB} MiB, Entra Assistant ${memory.assistant.after100MiB} → ${memory.assistant.after2000MiB} MiB`);
      await fresh.echo.stop();
      await fresh.assistant.stop();
    }

    let coldStarts: ColdStart[] | undefined;
    if (parts.has('cold')) {
      say('cold starts…');
      // In turn, echo bot then Entra Assistant, so that both see the same moments of a shared machine.
      const echo: ColdRun[] = [];
      const assistant: ColdRun[] = [];
      const others = (options.coldAlso ?? []).map((dir) => ({ dir: path.resolve(dir), runs: [] as ColdRun[] }));
      for (let run = 0; run < options.coldRuns; run++) {
        echo.push(await coldRun(stack, 'echo', distFile('bench', 'echoBot.js'), run));
        assistant.push(await coldRun(stack, 'assistant', distFile('src', 'index.js'), run, serve));
        say(`cold start ${run + 1}: echo bot ${round(echo[run].seconds, 2)} s ${echo[run].idleRssMiB} → ${echo[run].settledRssMiB} MiB, Entra Assistant ${round(assistant[run].seconds, 2)} s ${assistant[run].idleRssMiB} → ${assistant[run].settledRssMiB} MiB`);
        for (const other of others) {
          const result = await coldRun(stack, 'other', path.join(other.dir, 'dist', 'src', 'index.js'), run, serve);
          other.runs.push(result);
          say(`cold start ${run + 1}: ${other.dir} ${round(result.seconds, 2)} s ${result.idleRssMiB} → ${result.settledRssMiB} MiB`);
        }
      }
      coldStarts = [
        coldSummary('echo bot', echo),
        coldSummary('Entra Assistant (node dist/src/index.js)', assistant),
        ...others.map((other) => coldSummary(`${other.dir}/dist/src/index.js`, other.runs)),
      ];
    }
    const cpu = os.cpus();
    return {
      when: new Date().toISOString().slice(0, 16).replace('T', ' '),
      machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 1073741824)} GiB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end`,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds ?? DEFAULT_WARMUP_SECONDS,
      serve: [...Object.entries(serve.env).map(([name, value]) => `${name}=${value}`), 'node', ...serve.nodeArgs].join(' '),
      levels,
      rss,
      memory,
      coldStarts,
      soak,
    };
  } finally {
    await stack.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The report

const ratio = (value: number, of: number) => (of > 0 && Number.isFinite(value) ? `${round(value / of)}×` : '–');

export function formatLoadReport(report: LoadReport): string[] {
  const lines: string[] = [
    `Measured ${report.when} UTC with \`npm run bench -- load\` on ${report.machine}. The two cores were shared with other ` +
      'agents\' builds and tests during the run, so absolute figures move from run to run; the ratios, taken level by level ' +
      'with the echo bot measured just before, move less.',
    '',
    'Every part in its own process: the local Entra (demo tenant), Entra Assistant (`bench/assistantBot.ts`: `src/index.ts` ' +
      'whose replies carry a fixed token instead of one from Microsoft\'s login service) and a bare botbuilder echo bot ' +
      '(`bench/echoBot.ts`: CloudAdapter + restify), both with Bot Framework authentication ON against a loopback OpenID/JWKS ' +
      'issuer. autocannon posts the same Teams activity (each connection asks as each of the demo tenant\'s Global Administrators in turn, in a conversation of its own with each: one person may ask at most 10,000 questions a minute) for ' +
      `${report.seconds} s per level, after ${report.warmupSeconds} s of one-connection turns of each question type; replies go to a loopback connector. CPU is the bot process's own utime+stime ` +
      '(/proc) over the level divided by the turns answered; "Entra CPU" is the local Entra\'s. Graph round trips are ' +
      'counted from the bot\'s "answered" log line of each turn. Errors are non-2xx, connection errors and timeouts, ' +
      'error log lines and usage-limited answers. ' +
      `Entra Assistant runs as \`npm run serve\` starts it (\`${report.serve}\`, from package.json); the echo bot with Node's defaults.`,
  ];
  const levels = report.levels ?? [];
  if (levels.length) {
    lines.push(
      '',
      '| question | conns | req/s | p50 / p95 / p99 ms | bot CPU ms/turn | × echo CPU | × echo p95 | Entra CPU ms/turn | Graph round trips (median / mean) | errors |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
  }
  for (const level of levels) {
    const echo = levels.find((l) => l.target === ECHO.key && l.connections === level.connections && l.round === level.round);
    const isEcho = level.target === ECHO.key;
    lines.push(
      `| ${level.round ? `round ${level.round}: ` : ''}${level.label}${level.build ? ` — ${level.build}` : ''}${isEcho ? '' : ` (${level.answeredBy.join('; ') || '–'})`} | ${level.connections} | ${level.requestsPerSecond} | ${level.p50} / ${level.p95} / ${level.p99} | ${level.cpuMsPerTurn} | ` +
        `${isEcho ? '1×' : ratio(level.cpuMsPerTurn, echo?.cpuMsPerTurn ?? NaN)} | ${isEcho ? '1×' : ratio(level.p95, echo?.p95 ?? NaN)} | ${isEcho ? '–' : level.entraCpuMsPerTurn} | ` +
        `${isEcho ? '–' : `${level.graphMedian} / ${level.graphMean}`} | ${level.errors} |`,
    );
  }
  const builds = [...new Set(levels.map((l) => l.build))];
  if (builds.length > 1) lines.push('', ...sideBySide(levels, builds));
  if (report.soak) {
    const s = report.soak;
    lines.push('', `Soak, 50 connections for 60 s (every question type, one per connection in turn): ${s.turns.toLocaleString('en-US')} turns, ${s.requestsPerSecond} req/s, p50 / p95 / p99 ${s.p50} / ${s.p95} / ${s.p99} ms, ${s.cpuMsPerTurn} ms CPU a turn, **${s.errors} errors**.`);
  }
  const { memory, rss } = report;
  if (memory) {
    lines.push(
      '',
      '| process | RSS at start | RSS after the levels | fresh: RSS after 100 turns → 2,000 turns | growth | after a full GC: RSS 100 → 2,000 | growth | heap kept 100 → 2,000 | growth | V8 heap reserved 100 → 2,000 | external 100 → 2,000 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...(['echo', 'assistant'] as const).map((key) => {
        const m = memory[key];
        const growth = (from: number, to: number) => `${round(((to - from) / from) * 100)}%`;
        return (
          `| ${key === 'echo' ? 'echo bot' : 'Entra Assistant'} | ${rss?.[key].startMiB ?? '–'} | ${rss?.[key].afterMiB ?? '–'} | ${m.after100MiB} → ${m.after2000MiB} | ${growth(m.after100MiB, m.after2000MiB)} | ` +
          `${m.after100.rssMiB} → ${m.after2000.rssMiB} | ${growth(m.after100.rssMiB, m.after2000.rssMiB)} | ${m.after100.heapUsedMiB} → ${m.after2000.heapUsedMiB} | ` +
          `${growth(m.after100.heapUsedMiB, m.after2000.heapUsedMiB)} | ${m.after100.heapTotalMiB} → ${m.after2000.heapTotalMiB} | ${m.after100.externalMiB} → ${m.after2000.externalMiB} |`
        );
      }),
      '',
      'MiB. The 2,000 turns: every question type in turn, 10 connections over 50 conversations, in a fresh process of each bot ' +
        '(started with --expose-gc so that the bench can ask it for a full collection before the second reading). Resident memory ' +
        'as the process stands includes garbage not yet collected; V8 grows its young generation under load, which is why the echo ' +
        'bot grows too.',
    );
  }
  if (report.coldStarts) {
    lines.push(
      '',
      '| cold start (auth off, as `npm run serve`) | spawn → first answer, median (s) | runs (s) | its CPU to then, median (ms) | idle RSS 2 s after it, median (MiB) | runs (MiB) | 20 s after it, median (MiB) | runs (MiB) |',
      '|---|---:|---|---:|---:|---|---:|---|',
      ...report.coldStarts.map(
        (c) => `| ${c.bot} | ${c.firstAnswerSeconds} | ${c.runs.join(', ')} | ${c.firstAnswerCpuMs} | ${c.idleRssMiB} | ${c.idleRssRuns.join(', ')} | ${c.settledRssMiB} | ${c.settledRssRuns.join(', ')} |`,
      ),
      '',
      'The first answer is "why can\'t Megan sign in?", posted from the moment of spawn until the bot takes it; the reply is at the connector when the HTTP answer comes. ' +
        'The runs alternate between the two bots. Idle RSS is read 2 s after the first answer (Entra Assistant has then loaded the model of its fallback classifier, read 1 s after it listens) ' +
        'and again 20 s after it, once V8 has given back the young generation that start-up grew (its memory reducer runs after some seconds with little allocation). ' +
        'CPU is the process\'s utime+stime from /proc, every thread.',
    );
  }
  return lines;
}

/**
 * With --levels-also: each question type's CPU a turn from each build, round by round, as a multiple of the echo bot
 * measured in the same round just before, and the median of the rounds' ratios.
 */
export function sideBySide(levels: LevelResult[], builds: Array<string | undefined>): string[] {
  const name = (build: string | undefined) => build ?? 'this checkout';
  const lines = [`| question | conns | ${builds.map((b) => `${name(b)}: CPU ms a turn (× echo), by round`).join(' | ')} | ${builds.map((b) => `${name(b)}: median × echo`).join(' | ')} |`, `|---|---:|${builds.map(() => '---|').join('')}${builds.map(() => '---:|').join('')}`];
  const keys = [...new Set(levels.filter((l) => l.target !== ECHO.key).map((l) => `${l.target}\n${l.connections}`))];
  for (const key of keys) {
    const [target, connections] = key.split('\n');
    const cells: string[] = [];
    const medians: string[] = [];
    for (const build of builds) {
      const runs = levels.filter((l) => l.target === target && String(l.connections) === connections && l.build === build);
      const ratios = runs.map((l) => {
        const echo = levels.find((e) => e.target === ECHO.key && e.connections === l.connections && e.round === l.round);
        return echo && echo.cpuMsPerTurn > 0 ? l.cpuMsPerTurn / echo.cpuMsPerTurn : NaN;
      });
      cells.push(runs.map((l, i) => `${l.cpuMsPerTurn} (${round(ratios[i])}×)`).join(', '));
      const sorted = ratios.filter(Number.isFinite).sort((a, b) => a - b);
      medians.push(sorted.length ? `${round(sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2)}×` : '–');
    }
    const label = levels.find((l) => l.target === target)?.label ?? target;
    lines.push(`| ${label} | ${connections} | ${cells.join(' | ')} | ${medians.join(' | ')} |`);
  }
  return lines;
}

/** Puts `body` under `## heading` in a Markdown document, replacing that section if it is there, else at the end. */
export function replaceSection(document: string, heading: string, body: string): string {
  const lines = document.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  const section = [`## ${heading}`, '', ...body.trimEnd().split('\n'), ''];
  if (start < 0) return `${document.trimEnd()}\n\n${section.join('\n')}`;
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start), ...section, ...lines.slice(end)].join('\n').replace(/\n{3,}/g, '\n\n');
}

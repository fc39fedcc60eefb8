/**
 * The sign-in troubleshooting section of `npm run bench`: the demo tenant's sign-in storyline questions asked
 * through the whole stack (HTTP bot → local Entra, clocks pinned to the capture instant), reporting per question
 * the Graph round trips the answer took and the time to answer, after one warm-up round.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { askAll } from './ask';
import { ConnectorServer } from './connectorServer';
import { startLocalStack } from './localStack';
import { DEMO_ADMIN, DEMO_CAPTURED_AT } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';

/** The questions the sign-in skill answers for the demo storylines (the wording the understanding routes to it). */
export const SIGN_IN_BENCH_QUESTIONS = [
  "Why can't Megan sign in?",
  'Priya keeps getting 53000 on her new iPhone',
  'Is Bob Kelly under attack? Why is his account locked?',
  'Lee Gu says he cannot sign in since yesterday. What happened?',
  "why can't Nestor Wilke sign in?",
  "why can't Johanna Lorenz sign in?",
  'Were there any sign-ins for Lidia Holloway from a blocked country?',
  'Has Diego Siciliani had any sign-in problems this month?',
  'A user sent me the correlation id c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05. What went wrong?',
  'Why is the Inventory Sync job failing?',
  "show Adele's sign-ins from yesterday",
  'what does AADSTS50076 mean?',
];

export interface SignInBenchRow {
  question: string;
  intent: string | null;
  graphRoundTrips: number;
  signInReads: number;
  ms: number;
}

export interface SignInBenchReport {
  rows: SignInBenchRow[];
  meanRoundTrips: number;
  meanMs: number;
}

export async function benchSignIns(options: { runs?: number } = {}): Promise<SignInBenchReport> {
  const runs = Math.max(options.runs ?? 3, 1);
  const tenantDir = await ensureDemoTenant();
  const connector = await new ConnectorServer().start();
  const stack = await startLocalStack({
    env: { ANSWER_DIAGNOSTICS: 'on', LOG_LEVEL: 'silent', ASSISTANT_NOW: DEMO_CAPTURED_AT, PORT: '0', QUESTIONS_PER_USER_PER_MINUTE: '10000', QUESTIONS_PER_TENANT_PER_MINUTE: '100000' },
    botPort: 0,
    entra: { tenantDir, port: 0, now: new Date(DEMO_CAPTURED_AT) },
    overrides: { logger: pino({ level: 'silent' }) },
  });
  try {
    const ask = (text: string) => askAll([{ conversation: randomUUID(), as: DEMO_ADMIN.userPrincipalName, text }], stack.assistant.server.url, connector, tenantDir);
    for (const question of SIGN_IN_BENCH_QUESTIONS) await ask(question); // warm: tokens, role cache, code paths
    const rows: SignInBenchRow[] = [];
    for (const question of SIGN_IN_BENCH_QUESTIONS) {
      const times: number[] = [];
      let last: Awaited<ReturnType<typeof ask>>[number] | undefined;
      for (let run = 0; run < runs; run++) {
        [last] = await ask(question);
        times.push(last.ms);
      }
      times.sort((a, b) => a - b);
      const requests = (last?.graphRequests ?? []) as Array<{ url: string; requests?: Array<{ url: string }> }>;
      rows.push({
        question,
        intent: last?.intent ?? null,
        graphRoundTrips: requests.length,
        // Alone or inside a $batch (the first page comes with the person's profile).
        signInReads: requests.flatMap((r) => r.requests ?? [r]).filter((r) => /\/auditLogs\/signIns/.test(r.url)).length,
        ms: times[Math.floor(times.length / 2)],
      });
    }
    const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)) * 10) / 10;
    return { rows, meanRoundTrips: mean(rows.map((r) => r.graphRoundTrips)), meanMs: mean(rows.map((r) => r.ms)) };
  } finally {
    await stack.stop();
    await connector.stop();
  }
}

export function formatSignInBenchReport(report: SignInBenchReport): string[] {
  return [
    'Each question through the whole stack (HTTP bot → local Entra, demo tenant), median of the runs after a warm-up; round trips are every Graph request of the answer (the asker\'s role check is cached).',
    '',
    '| question | intent | Graph round trips | of which sign-in reads | ms |',
    '|---|---|---:|---:|---:|',
    ...report.rows.map((r) => `| ${r.question.replace(/\|/g, '\\|')} | ${r.intent ?? '–'} | ${r.graphRoundTrips} | ${r.signInReads} | ${r.ms} |`),
    `| **mean** | | ${report.meanRoundTrips} | | ${report.meanMs} |`,
  ];
}

if (require.main === module) {
  benchSignIns()
    .then((report) => process.stdout.write(`${formatSignInBenchReport(report).join('\n')}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`benchSignIns: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
}

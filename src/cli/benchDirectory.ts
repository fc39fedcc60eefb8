/**
 * The directory section of `npm run bench`: for each directory intent, the Graph round trips one answer costs on
 * the demo tenant (the bot and the local Entra on loopback, clocks pinned), without the name lookups of
 * understanding and after the asker's role check is cached. The lead wires it into bench.ts.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_CAPTURED_AT } from '@entra-assistant/local-entra';
import { askAll, type AskAnswer } from './ask';
import { ConnectorServer } from './connectorServer';
import { startLocalStack } from './localStack';

export interface DirectoryBenchRow {
  intent: string;
  question: string;
  /** Graph requests the answer made ($batch counts once), name lookups left out. */
  roundTrips: number;
  /** Method and path of each round trip; a $batch's inner requests ride in it and are not listed. */
  requests: string[];
  ms: number;
}

export const DIRECTORY_BENCH_QUESTIONS = [
  'who is Megan?',
  'who is Nestor Wilke?',
  'what groups is Isaiah in?',
  'who owns the Finance group?',
  'members of Sales Team',
  'who are the global admins?',
  'what roles does Isaiah have?',
  'who owns the Payroll Connector?',
  'which app secrets expire this month?',
  'who added Bob to Finance?',
  'who changed the MFA policy?',
  'what changed for Isaiah this week?',
  'which Conditional Access policies are there?',
  'explain the Block legacy authentication policy',
  'which Conditional Access policies apply to Adele?',
];

/** Identity Protection questions, priced the same way (issue #7): reads only, the mitigations are never confirmed. */
export const RISK_BENCH_QUESTIONS = [
  'is Adele at risk?',
  'why is Bob high risk?',
  'show high-risk users',
  'risky users this week',
  'any risky apps?',
  'is the Payroll Connector service principal compromised?',
  'confirm Bob as compromised',
  'revoke Megan\'s sessions',
];

const NAME_LOOKUP = /\/v1\.0\/(users|groups|applications|servicePrincipals)\?/;

function answerRequests(answer: AskAnswer): string[] {
  return (answer.graphRequests as Array<{ method: string; url: string }>)
    .filter((r) => !NAME_LOOKUP.test(r.url))
    .map((r) => `${r.method} ${decodeURIComponent(new URL(r.url).pathname.replace(/^\/v1\.0/, ''))}`);
}

export async function benchDirectory(questions: readonly string[] = DIRECTORY_BENCH_QUESTIONS): Promise<DirectoryBenchRow[]> {
  const tenantDir = await ensureDemoTenant();
  const connector = await new ConnectorServer().start();
  const stack = await startLocalStack({
    env: { ANSWER_DIAGNOSTICS: 'on', LOG_LEVEL: 'silent', ASSISTANT_NOW: DEMO_CAPTURED_AT, QUESTIONS_PER_USER_PER_MINUTE: '10000', QUESTIONS_PER_TENANT_PER_MINUTE: '100000' },
    botPort: 0,
    entra: { tenantDir, port: 0 },
    overrides: { logger: pino({ level: 'silent' }) },
  });
  try {
    const ask = async (text: string) => (await askAll([{ conversation: randomUUID(), as: DEMO_ADMIN.userPrincipalName, text }], stack.assistant.server.url, connector, tenantDir))[0];
    await ask(questions[0]);
    const rows: DirectoryBenchRow[] = [];
    for (const question of questions) {
      const answer = await ask(question);
      const requests = answerRequests(answer);
      rows.push({ intent: answer.intent ?? 'none', question, roundTrips: requests.length, requests, ms: answer.ms });
    }
    return rows;
  } finally {
    await stack.stop();
    await connector.stop();
  }
}

export function formatDirectoryReport(rows: readonly DirectoryBenchRow[], what = 'Directory answers'): string[] {
  return [
    `${what}: Graph round trips per answer (demo tenant, name lookups excluded, asker roles cached)`,
    ...rows.map((r) => `  ${r.intent.padEnd(17)} ${String(r.roundTrips).padStart(2)} round trip${r.roundTrips === 1 ? ' ' : 's'}  ${String(r.ms).padStart(5)} ms  "${r.question}"  [${r.requests.join(', ')}]`),
  ];
}

if (require.main === module) {
  benchDirectory()
    .then((rows) => process.stdout.write(`${formatDirectoryReport(rows).join('\n')}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`bench directory: ${(err as Error).message}\n`);
      process.exit(1);
    });
}

/**
 * npm start: the whole product on this machine. With no configuration: the local Entra serving the Contoso demo
 * tenant, the bot on 127.0.0.1:3978 reading it through Graph, and the Agents Playground to chat with it.
 * With GRAPH_TENANT_ID (and the rest of GRAPH_*) set, the bot reads that tenant instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config';
import { startEntraAssistant, type RunningAssistant } from '../index';
import { startLocalStack, type LocalStack } from './localStack';
import { startPlayground, type PlaygroundUser, type RunningPlayground } from './playground';
import { STARTER_QUESTIONS } from '../skills/examples';
import { PLAYGROUND_USERS, DEMO_TENANT_ID } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { repoRoot } from '../paths';
import { parseFaultRules } from '@entra-assistant/local-entra';
import type { FaultRule } from '@entra-assistant/local-entra';

/** EMULATOR_FAULTS for the local Entra, or one line naming what is wrong and exit code 2 (as a bad setting does). */
function faultsFrom(text: string | undefined): FaultRule[] | undefined {
  if (!text?.trim()) return undefined;
  try {
    return parseFaultRules(text);
  } catch (err) {
    process.stderr.write(`Configuration error: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

/** The Playground's people: the demo admin signed in, the other demo staff and one storyline user beside them. */
function playgroundUsers(tenantDir: string): { currentUser: PlaygroundUser; users: PlaygroundUser[] } {
  const [currentUser, ...staff] = PLAYGROUND_USERS.map((u) => ({ ...u }));
  const users: PlaygroundUser[] = [...staff];
  const file = path.join(tenantDir, 'users.json');
  if (fs.existsSync(file)) {
    const all = (JSON.parse(fs.readFileSync(file, 'utf8')) as { value: PlaygroundUser[] }).value;
    const taken = new Set([currentUser.id, ...users.map((u) => u.id)]);
    const preferred = all.find((u) => u.userPrincipalName?.toLowerCase() === 'megan.bowen@contoso.com') ?? all.find((u) => !taken.has(u.id));
    if (preferred && !taken.has(preferred.id)) users.push(preferred);
  }
  while (users.length < 5) users.push({ id: `00000000-0000-0000-0000-00000000000${users.length}`, displayName: `Guest ${users.length}`, userPrincipalName: `guest${users.length}@example.com` });
  return { currentUser, users: users.slice(0, 5) };
}

const LOCAL_ALERT_POLL_SECONDS = 15;
const LOCAL_ENTRA_CONTROL_FILE = path.join(repoRoot(), 'data', 'local-entra.json');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      'no-playground': { type: 'boolean', default: false },
      'playground-port': { type: 'string', default: process.env.TEAMSAPPTESTER_PORT ?? '56150' },
      persist: { type: 'string' },
    },
  });
  const config = loadConfigOrExit();

  let stack: LocalStack | undefined;
  let assistant: RunningAssistant;
  let tenantLabel: string;
  let tenantDir: string | undefined;
  if (config.graph) {
    assistant = await startEntraAssistant(config);
    tenantLabel = `tenant ${config.graph.tenantId} through ${config.graph.baseUrl}`;
  } else {
    tenantDir = values.tenant ?? process.env.TENANT_SNAPSHOT_DIR ?? (await ensureDemoTenant());
    stack = await startLocalStack({
      // On the demo tenant alerts are polled every 15 s (not every 5 minutes), so an event added with
      // `npm run entra -- event …` shows in the Playground soon after.
      env: { ...process.env, ALERTS_POLL_SECONDS: process.env.ALERTS_POLL_SECONDS ?? String(LOCAL_ALERT_POLL_SECONDS) },
      entra: {
        // How `npm run entra -- event …` finds this local Entra (its URL, admin key and certificate); removed at stop.
        controlFile: LOCAL_ENTRA_CONTROL_FILE,
        tenantDir,
        persistDir: values.persist,
        throttling: process.env.EMULATOR_THROTTLING === 'graph' ? 'graph' : 'off',
        // Graph failures on demand (429, 503, latency, resets), to see how every answer copes: README, EMULATOR_FAULTS.
        faults: faultsFrom(process.env.EMULATOR_FAULTS),
        // The first start of a big snapshot builds its sign-in index: say so, rather than sit silent for seconds.
        indexCacheDir: process.env.LOCAL_ENTRA_INDEX_CACHE || undefined,
        log: (message) => process.stderr.write(`${message}\n`),
      },
    });
    assistant = stack.assistant;
    tenantLabel = `the local Entra at ${stack.entra.url} serving ${tenantDir}`;
  }

  let playground: RunningPlayground | undefined;
  if (!values['no-playground']) {
    const people = playgroundUsers(tenantDir ?? '');
    playground = await startPlayground({
      botEndpoint: `${assistant.server.url}/api/messages`,
      port: Number(values['playground-port']),
      tenantId: stack?.entra.tenantId ?? config.graph?.tenantId ?? DEMO_TENANT_ID,
      ...people,
      logFile: path.join(repoRoot(), 'data', 'playground', 'playground.log'),
    });
  }

  const banner = [
    '',
    'Entra Assistant is running.',
    `  Bot:        ${assistant.server.url}/api/messages (authentication ${config.bot.appId ? 'on' : 'off: local mode'})`,
    `  Tenant:     ${tenantLabel}`,
    playground ? `  Playground: ${playground.url}  (open it in a browser; you are signed in as the demo admin)` : '  Playground: not started (--no-playground)',
    '',
    'Ask, for example:',
    ...STARTER_QUESTIONS.map((q) => `  • ${q}`),
    '',
    ...(stack
      ? [
          'In the Playground\'s team channel, try @Entra Assistant /alerts on high-risk users, then in another terminal:',
          '  npm run entra -- event risky-user megan.bowen@contoso.com',
          '',
        ]
      : []),
    'Press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(banner.join('\n'));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await playground?.stop();
    if (stack) await stack.stop();
    else await assistant.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`npm start failed: ${(err as Error).message}\n`);
  process.exit(1);
});

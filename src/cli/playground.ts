/**
 * The Microsoft 365 Agents Playground (a Teams-like web client that runs offline), started next to the bot with a
 * configuration whose users are the demo tenant's people, so the asker's Entra object id is a real tenant user.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../paths';

export interface PlaygroundUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  givenName?: string;
  surname?: string;
}

export interface PlaygroundOptions {
  botEndpoint: string;
  port: number;
  tenantId: string;
  /** The signed-in user first, then exactly five others (the Playground requires five). */
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  logFile: string;
}

export interface RunningPlayground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function userYaml(user: PlaygroundUser, indent: string, index: number): string {
  const [given, ...rest] = user.displayName.split(' ');
  // The Playground's own key is spelt "userPrincipleName".
  return [
    `id: ${yamlString(`user-id-${index}`)}`,
    `name: ${yamlString(user.displayName)}`,
    `userPrincipleName: ${yamlString(user.userPrincipalName)}`,
    `aadObjectId: ${yamlString(user.id)}`,
    `givenName: ${yamlString(user.givenName ?? given ?? user.displayName)}`,
    `surname: ${yamlString(user.surname ?? (rest.join(' ') || user.displayName))}`,
    `email: ${yamlString(user.userPrincipalName)}`,
  ]
    .map((line, i) => (i === 0 && indent.endsWith('- ') ? indent + line : indent.replace('- ', '  ') + line))
    .join('\n');
}

export function playgroundConfigYaml(options: Pick<PlaygroundOptions, 'tenantId' | 'currentUser' | 'users'>): string {
  if (options.users.length !== 5) throw new Error(`The Playground needs exactly 5 users besides the current one (got ${options.users.length})`);
  return [
    'version: "0.1.1"',
    `tenantId: ${yamlString(options.tenantId)}`,
    'bot:',
    '  id: "28:entra-assistant"',
    '  name: "Entra Assistant"',
    'currentUser:',
    userYaml(options.currentUser, '  ', 0),
    'users:',
    ...options.users.map((u, i) => userYaml(u, '  - ', i + 1)),
    'personalChat:',
    '  id: "personal-chat-entra-assistant"',
    'groupChat:',
    '  id: "group-chat-identity-team"',
    '  name: "Identity Team"',
    'team:',
    '  id: "team-contoso-it"',
    '  name: "Contoso IT"',
    '  aadGroupId: "00000000-0000-0000-0000-000000000031"',
    '  channels:',
    '    - id: "channel-helpdesk"',
    '      name: "Help Desk"',
    '',
  ].join('\n');
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Playground exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Playground did not answer on ${url} within ${timeoutMs / 1000} s`);
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const dir = path.join(repoRoot(), 'data', 'playground');
  fs.mkdirSync(dir, { recursive: true });
  const configPath = path.join(dir, '.m365agentsplayground.yml');
  fs.writeFileSync(configPath, playgroundConfigYaml(options));
  const bin = path.join(repoRoot(), 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [bin, '-e', options.botEndpoint, '-p', String(options.port), '--disable-telemetry'], {
    cwd: dir,
    // Both are needed: --disable-telemetry alone still probes telemetry hosts (measured with 0.2.28: without
    // APPLICATION_INSIGHTS_NO_STATSBEAT it reached for 169.254.169.254 and made DNS lookups).
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      TEAMSAPPTESTER_PORT: String(options.port),
    },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForPing(url, child, 30_000);
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}; see ${options.logFile} and ${path.join(dir, 'devTools')}`, { cause: err });
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

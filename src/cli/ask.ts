/**
 * npm run ask -- [--json] [--as UPN|objectId] [--tenant DIR] [--bot URL] [--batch FILE.jsonl] [--llm URL] "question" ["follow-up" …]
 *
 * --llm URL points the bot it starts at any OpenAI-compatible chat completions server (its API root, e.g.
 * http://127.0.0.1:8080/v1; --llm-model names the model), so a local model server can be tried.
 * Sends questions to the bot over HTTP, as Teams would, in one conversation, and prints each answer. Unless --bot
 * names a running bot, it starts its own bot and local Entra on free loopback ports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConnectorServer } from './connectorServer';
import { cardToText } from '../cards/cardText';
import { startLocalStack, type LocalStack } from './localStack';
import { DEMO_ADMIN, DEMO_TENANT_ID, LOCAL_BOT_CLIENT } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';

export interface AskLine {
  conversation: string;
  as: string;
  text: string;
  channel?: boolean;
}

export interface AskAnswer {
  conversation: string;
  as: string;
  question: string;
  intent: string | null;
  entities: unknown[];
  /** The question plan of a list, count or breakdown question. */
  plan?: unknown;
  /** With a language model configured: what understood the question, the fallback reason, tokens used. */
  model?: unknown;
  text: string;
  cards: unknown[];
  graphRequests: unknown[];
  ms: number;
}

interface Asker {
  upn: string;
  id: string;
  name: string;
}

const BOT = { id: '28:entra-assistant', name: 'Entra Assistant' };
const USAGE =
  'usage: npm run ask -- [--json] [--as UPN] [--tenant DIR] [--bot URL] [--batch FILE.jsonl] [--sso] [--llm URL [--llm-model NAME]] "question" ["follow-up" …]';

type SnapshotUser = { id: string; userPrincipalName?: string; mail?: string; displayName?: string };
const usersByFile = new Map<string, { mtimeMs: number; users: SnapshotUser[] }>();

/** A snapshot's users, parsed once per file version: a batch of questions asks for an asker per line. */
function snapshotUsers(file: string): SnapshotUser[] {
  const { mtimeMs } = fs.statSync(file);
  const cached = usersByFile.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.users;
  const users = (JSON.parse(fs.readFileSync(file, 'utf8')) as { value: SnapshotUser[] }).value;
  usersByFile.set(file, { mtimeMs, users });
  return users;
}

/** Finds the asker in the tenant snapshot: Teams would send their Entra object id with the message. */
export function resolveAsker(tenantDir: string | undefined, who: string): Asker {
  if (/^[0-9a-f-]{36}$/i.test(who)) return { upn: who, id: who, name: who };
  if (!tenantDir) throw new Error(`--as ${who}: give an object id, or --tenant so that the name can be looked up`);
  const file = path.join(tenantDir, 'users.json');
  const users = snapshotUsers(file);
  const wanted = who.toLowerCase();
  const user = users.find((u) => u.userPrincipalName?.toLowerCase() === wanted || u.mail?.toLowerCase() === wanted);
  if (!user) throw new Error(`--as ${who}: no user with that userPrincipalName in ${file}`);
  return { upn: user.userPrincipalName ?? who, id: user.id, name: user.displayName ?? who };
}

function readBatch(file: string): AskLine[] {
  const out: AskLine[] = [];
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      let parsed: Partial<AskLine>;
      try {
        parsed = JSON.parse(line) as Partial<AskLine>;
      } catch {
        throw new Error(`${file}:${index + 1}: not a JSON line`);
      }
      if (typeof parsed.text !== 'string' || !parsed.text.trim()) throw new Error(`${file}:${index + 1}: "text" is missing`);
      out.push({
        conversation: String(parsed.conversation ?? `line-${index + 1}`),
        as: String(parsed.as ?? DEMO_ADMIN.userPrincipalName),
        text: parsed.text,
        channel: parsed.channel === true,
      });
    });
  return out;
}

export function activityFor(line: AskLine, asker: Asker, conversationId: string, serviceUrl: string): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${asker.id}`, name: asker.name, aadObjectId: asker.id },
    recipient: BOT,
    conversation: line.channel
      ? { id: `19:${conversationId}@thread.tacv2;messageid=${Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT_ID }
      : { id: `a:${conversationId}`, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID }, ...(line.channel ? { team: { id: '19:team@thread.tacv2' }, channel: { id: `19:${conversationId}@thread.tacv2` } } : {}) },
    text: line.channel ? `${mention} ${line.text}` : line.text,
    textFormat: 'plain',
    locale: 'en-US',
    ...(line.channel ? { entities: [{ type: 'mention', text: mention, mentioned: BOT }] } : {}),
  };
}

export interface AskOptions {
  /** Plays Teams single sign-on: answers the bot's sign-in card with this user's token (a token exchange invoke). */
  ssoToken?: (userObjectId: string) => Promise<string>;
}

const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

interface OAuthCardContent {
  connectionName?: string;
  tokenExchangeResource?: { id?: string };
}

/** What Teams does with the bot's sign-in card: get the user's token silently and hand it over in an invoke. */
async function exchangeToken(card: OAuthCardContent, message: Record<string, unknown>, token: string, botUrl: string): Promise<number> {
  const invoke = {
    ...message,
    type: 'invoke',
    id: randomUUID(),
    name: 'signin/tokenExchange',
    text: undefined,
    value: { id: card.tokenExchangeResource?.id, connectionName: card.connectionName, token },
  };
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(invoke) });
  return res.status;
}

export async function askAll(lines: AskLine[], botUrl: string, connector: ConnectorServer, tenantDir: string | undefined, options: AskOptions = {}): Promise<AskAnswer[]> {
  const answers: AskAnswer[] = [];
  const conversationIds = new Map<string, string>();
  for (const line of lines) {
    const asker = resolveAsker(tenantDir, line.as);
    if (!conversationIds.has(line.conversation)) conversationIds.set(line.conversation, randomUUID());
    const activity = activityFor(line, asker, conversationIds.get(line.conversation)!, connector.url);
    const before = connector.calls.length;
    const started = performance.now();
    const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    if (res.status >= 300) throw new Error(`The bot answered HTTP ${res.status}: ${await res.text()}`);
    // Only this conversation's replies: other conversations may be asked at the same time on the same connector.
    const conversationId = (activity.conversation as { id: string }).id;
    const ours = (b: Record<string, unknown>) => b.type === 'message' && (b.conversation as { id?: string } | undefined)?.id === conversationId;
    let replies = connector.calls.slice(before).map((c) => c.body).filter(ours);
    const signIn = replies
      .flatMap((r) => (r.attachments as Array<{ contentType: string; content: OAuthCardContent }> | undefined) ?? [])
      .find((a) => a.contentType === OAUTH_CARD);
    if (signIn && options.ssoToken) {
      const afterCard = connector.calls.length;
      const status = await exchangeToken(signIn.content, activity, await options.ssoToken(asker.id), botUrl);
      if (status !== 200) throw new Error(`The bot refused the single sign-on token: HTTP ${status}`);
      replies = connector.calls.slice(afterCard).map((c) => c.body).filter(ours);
    }
    const ms = Math.round(performance.now() - started);
    const cards = replies.flatMap((r) => ((r.attachments as Array<{ content: unknown }> | undefined) ?? []).map((a) => a.content));
    // Two questions in one message get two answers: the first gives the intent, both give what they linked.
    const allDiagnostics = replies.map((r) => (r.channelData as { entraAssistant?: Record<string, unknown> } | undefined)?.entraAssistant).filter((d): d is Record<string, unknown> => Boolean(d));
    const diagnostics = allDiagnostics[0];
    const text = replies
      .map((r) => [typeof r.text === 'string' ? r.text : '', ...((r.attachments as Array<{ content: unknown }> | undefined) ?? []).map((a) => cardToText(a.content))].filter(Boolean).join('\n'))
      .join('\n\n');
    answers.push({
      conversation: line.conversation,
      as: asker.upn,
      question: line.text,
      intent: (diagnostics?.intent as string | undefined) ?? null,
      entities: allDiagnostics.flatMap((d) => (d.entities as unknown[] | undefined) ?? []),
      ...(diagnostics?.plan ? { plan: diagnostics.plan } : {}),
      ...(diagnostics?.model ? { model: diagnostics.model } : {}),
      text,
      cards,
      graphRequests: (diagnostics?.graphRequests as unknown[] | undefined) ?? [],
      ms,
    });
  }
  return answers;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
      tenant: { type: 'string' },
      bot: { type: 'string' },
      batch: { type: 'string' },
      sso: { type: 'boolean', default: false },
      llm: { type: 'string' },
      'llm-model': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || (!values.batch && positionals.length === 0)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const as = values.as ?? DEMO_ADMIN.userPrincipalName;
  const lines: AskLine[] = values.batch ? readBatch(values.batch) : positionals.map((text) => ({ conversation: 'cli', as, text }));
  // Teams would send the asker's object id; ask finds it by name in the snapshot (the demo tenant unless told
  // otherwise, also for a running bot: against a real tenant, give --as an object id).
  const tenantDir = values.tenant ?? process.env.TENANT_SNAPSHOT_DIR ?? (await ensureDemoTenant());

  if (values.sso && values.bot) throw new Error('--sso plays Teams single sign-on against the local Entra that ask starts itself: leave out --bot');
  if (values.llm && values.bot) throw new Error('--llm configures the bot that ask starts itself: leave out --bot (or start that bot with OPENAI_COMPATIBLE_URL)');
  if (values['llm-model'] && !values.llm) throw new Error('--llm-model goes with --llm URL');
  const connector = await new ConnectorServer().start();
  let stack: LocalStack | undefined;
  try {
    let botUrl = values.bot?.replace(/\/+$/, '').replace(/\/api\/messages$/, '');
    if (!botUrl) {
      stack = await startLocalStack({
        env: {
          ...process.env,
          PORT: '0',
          ANSWER_DIAGNOSTICS: 'on',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
          ...(values.sso ? { SSO_ENABLED: 'on', SSO_APP_ID: LOCAL_BOT_CLIENT.clientId } : {}),
          ...(values.llm ? { OPENAI_COMPATIBLE_URL: values.llm, ...(values['llm-model'] ? { OPENAI_COMPATIBLE_MODEL: values['llm-model'] } : {}) } : {}),
        },
        botPort: 0,
        entra: { tenantDir, port: 0 },
        overrides: { logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }, pino.destination(2)) },
      });
      botUrl = stack.assistant.server.url;
    }
    const entra = stack?.entra;
    const answers = await askAll(lines, botUrl, connector, tenantDir, values.sso && entra ? { ssoToken: (id) => entra.issueUserAssertion(id) } : {});
    for (const answer of answers) {
      if (values.json) process.stdout.write(`${JSON.stringify(answer)}\n`);
      else process.stdout.write(`> ${answer.question}\n${answer.text}\n\n`);
    }
  } finally {
    await stack?.stop();
    await connector.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`ask: ${(err as Error).message}\n`);
    process.exit(1);
  });
}

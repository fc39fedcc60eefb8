/**
 * The load bench's yardstick: a bare botbuilder bot that echoes each message, hosted as Entra Assistant is (restify,
 * CloudAdapter, Bot Framework authentication from the same environment variables), so that the bench can show what a
 * turn costs the framework alone. It replies with the fixed token of BENCH_REPLY_TOKEN, as the bench's copy of Entra
 * Assistant does (bench/assistantBot.ts), and prints `BENCH_READY {"url": …}` once it listens.
 */
import * as restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { loadConfig } from '../src/config';
import { authenticationOptions } from '../src/adapter';
import { FixedTokenCredentialsFactory } from './fixedTokenCredentials';
import { answerMemoryProbes } from './memoryProbe';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { appId, appPassword, tenantId } = config.bot;
  const credentials = new FixedTokenCredentialsFactory(appId ?? '', appPassword ?? '', tenantId ?? '', process.env.BENCH_REPLY_TOKEN ?? 'bench-reply-token');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticationOptions(config.bot), credentials));
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => {
    server.listen(config.server.port, config.server.host, () => resolve());
  });
  const { port } = server.address();
  answerMemoryProbes();
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
  });
}

void main().catch((err: unknown) => {
  process.stderr.write(`echo bot: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

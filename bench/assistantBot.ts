/**
 * Entra Assistant as `npm run serve` starts it (src/index.ts, configuration from the environment), with one change
 * for the load bench: replies to the channel carry the fixed token of BENCH_REPLY_TOKEN instead of one from
 * Microsoft's login service, so that they reach the bench's loopback connector without a network. Inbound
 * authentication is untouched. Prints `BENCH_READY {"url": …}` once it listens.
 */
import { loadConfigOrExit } from '../src/config';
import { startEntraAssistant } from '../src/index';
import { FixedTokenCredentialsFactory } from './fixedTokenCredentials';
import { answerMemoryProbes } from './memoryProbe';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { appId, appPassword, tenantId } = config.bot;
  const credentialsFactory = new FixedTokenCredentialsFactory(appId ?? '', appPassword ?? '', tenantId ?? '', process.env.BENCH_REPLY_TOKEN ?? 'bench-reply-token');
  const running = await startEntraAssistant(config, { credentialsFactory });
  answerMemoryProbes();
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: running.server.url })}\n`);
  process.on('SIGTERM', () => {
    void running.stop().then(() => process.exit(0));
  });
}

void main().catch((err: unknown) => {
  process.stderr.write(`assistant bot: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

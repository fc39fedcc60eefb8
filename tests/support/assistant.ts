import pino from 'pino';
import { loadConfig, type AppConfig } from '../../src/config';
import { startEntraAssistant, type CompositionOverrides, type RunningAssistant } from '../../src/index';
import { withTemporaryStores } from './temporaryStores';

/** A silent logger for tests; set TEST_LOGS=1 to see the bot's logs. */
export function testLogger() {
  return pino({ level: process.env.TEST_LOGS ? 'debug' : 'silent' });
}

/** Starts the real bot on an ephemeral loopback port with the given environment; its stores are temporary unless env names one. */
export async function startTestAssistant(env: Record<string, string> = {}, overrides: CompositionOverrides = {}): Promise<RunningAssistant & { config: AppConfig }> {
  const stores = withTemporaryStores(env);
  try {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', QUESTIONS_PER_USER_PER_MINUTE: '10000', QUESTIONS_PER_TENANT_PER_MINUTE: '100000', MITIGATIONS_PER_USER_PER_MINUTE: '1000', MITIGATIONS_PER_TENANT_PER_MINUTE: '10000', ...stores.env });
    const running = await startEntraAssistant(config, { logger: testLogger(), ...overrides });
    return {
      ...running,
      config,
      async stop() {
        await running.stop();
        stores.dispose();
      },
    };
  } catch (err) {
    stores.dispose();
    throw err;
  }
}

export async function postActivity(botUrl: string, activity: object, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

import pino from 'pino';
import { loadConfig, type AppConfig } from '../../src/config';
import { startEntraAssistant, type CompositionOverrides, type RunningAssistant } from '../../src/index';

/** A silent logger for tests; set TEST_LOGS=1 to see the bot's logs. */
export function testLogger() {
  return pino({ level: process.env.TEST_LOGS ? 'debug' : 'silent' });
}

/** Starts the real bot on an ephemeral loopback port with the given environment. */
export async function startTestAssistant(env: Record<string, string> = {}, overrides: CompositionOverrides = {}): Promise<RunningAssistant & { config: AppConfig }> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env });
  const running = await startEntraAssistant(config, { logger: testLogger(), ...overrides });
  return { ...running, config };
}

export async function postActivity(botUrl: string, activity: object, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

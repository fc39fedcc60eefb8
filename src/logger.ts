import pino from 'pino';
import type { AppConfig } from './config';

export type Logger = pino.Logger;

/**
 * Keys whose values never reach a log line: at the top level, one level down, and in any headers object one level
 * down. pino matches keys case-sensitively and HTTP clients write `Authorization`, so both spellings are listed.
 */
const REDACTED_PATHS = [
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'token',
  'accessToken',
  'appPassword',
  'clientSecret',
  'password',
  '*.authorization',
  '*.Authorization',
  '*.token',
  '*.accessToken',
  '*.appPassword',
  '*.clientSecret',
  '*.password',
];

const MAX_LOGGED_TEXT = 120;

/** Message texts are logged truncated: enough to follow a conversation, not a transcript. */
export function truncateForLog(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)}… (${text.length} chars)` : text;
}

export function createLogger(config: Pick<AppConfig, 'log'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'entra-assistant' },
  };
  if (destination) return pino(options, destination);
  if (config.log.format === 'pretty') {
    // pino-pretty is a development dependency: production installs log JSON.
    try {
      require.resolve('pino-pretty');
      return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service' } } });
    } catch {
      return pino(options);
    }
  }
  return pino(options);
}

import { createLogger, type Logger } from '../../src/logger';

export interface CapturedLogs {
  /** The project's own logger (its redaction included), writing JSON lines into memory. */
  logger: Logger;
  /** Everything written, exactly as it would reach stdout. */
  raw(): string;
  entries(): Array<Record<string, unknown>>;
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const chunks: string[] = [];
  const logger = createLogger({ log: { level, format: 'json' } }, { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    raw: () => chunks.join(''),
    entries: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

import pino from 'pino';
import type { AppConfig } from './config';

export type Logger = pino.Logger;

/**
 * Keys whose values never reach a log line: at the top level, one level down, and in any `headers` object one level
 * down (so `req.headers.authorization` too). Keys match case-sensitively and HTTP clients write `Authorization`, so
 * both spellings are listed.
 */
const SECRET_KEYS: ReadonlySet<string> = new Set(['authorization', 'Authorization', 'token', 'accessToken', 'appPassword', 'clientSecret', 'password']);
const CENSOR = '[redacted]';

type Loggable = Record<string, unknown>;

const isObject = (value: unknown): value is Loggable => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `value` (its prototype and every own property kept, so an Error stays an Error) with `changes` applied. */
function copyWith(value: Loggable, changes: Loggable): Loggable {
  const copy = Object.create(Object.getPrototypeOf(value) as object | null, Object.getOwnPropertyDescriptors(value)) as Loggable;
  for (const [key, changed] of Object.entries(changes)) Object.defineProperty(copy, key, { value: changed, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** `value` with its secret keys censored, and, below it, a `headers` object's too when `headersBelow`; unchanged, the same object. */
function censorLevel(value: Loggable, headersBelow: boolean): Loggable {
  let changes: Loggable | undefined;
  for (const key of Object.keys(value)) {
    if (SECRET_KEYS.has(key)) (changes ??= {})[key] = CENSOR;
    else if (headersBelow && key === 'headers' && isObject(value[key])) {
      const headers = censorLevel(value[key], false);
      if (headers !== value[key]) (changes ??= {})[key] = headers;
    }
  }
  return changes ? copyWith(value, changes) : value;
}

/**
 * What a log line (or a child logger's bindings) may hold: secret keys censored at the top level, one level down, and
 * in a `headers` object one level down. The line's own objects are never changed; only what holds a secret is
 * copied. This is pino's `redact` option for the same keys done in one pass: pino's redaction parsed every wildcard
 * path again for every value of every line (19 µs and 35 KB of garbage a line, four lines a turn; docs/bench.md).
 */
export function redactSecrets(line: Loggable): Loggable {
  let changes: Loggable | undefined;
  for (const key of Object.keys(line)) {
    const value = line[key];
    if (SECRET_KEYS.has(key)) (changes ??= {})[key] = CENSOR;
    else if (isObject(value)) {
      const censored = censorLevel(value, true);
      if (censored !== value) (changes ??= {})[key] = censored;
    }
  }
  return changes ? copyWith(line, changes) : line;
}

const MAX_LOGGED_TEXT = 120;

/** Message texts are logged truncated: enough to follow a conversation, not a transcript. */
export function truncateForLog(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)}… (${text.length} chars)` : text;
}

/**
 * Child loggers' bindings go through redactSecrets too: pino applies `formatters.bindings` to the root's base only.
 * Set on the root logger, this `child` is inherited by every child and grandchild (pino makes a child with
 * Object.create of its parent).
 */
function redactingChildren(logger: Logger): Logger {
  type Child = (this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;
  const target: object = logger;
  const child = Reflect.get(target, 'child') as Child;
  const redacting: Child = function (bindings, options) {
    return child.call(this, redactSecrets(bindings), options);
  };
  Reflect.set(target, 'child', redacting);
  return logger;
}

/** Log lines are written to standard output in writes of at least this many bytes… */
const LOG_WRITE_BYTES = 4096;
/** …and at the latest this long after they were logged. */
const LOG_FLUSH_MS = 250;

let stdoutDestination: pino.DestinationStream | undefined;

/**
 * Standard output for the JSON lines, one per process, shared by every logger made without a destination. pino's own
 * default is asynchronous, one write through libuv's thread pool per line (four or five lines a turn), and loses the
 * lines of a write still in the pool when the process ends on an uncaught exception (7 of 30 runs of 200 lines). This
 * one writes synchronously, as the load notes took pino to do, but gathers the lines into writes of at least 4 KiB,
 * written at the latest 250 ms after they were logged, and writes what is left when the process exits, so no line is
 * lost or reordered on process.exit(), an uncaught exception or the end of the event loop. About 40–80 µs of CPU less a
 * turn at one connection (docs/bench.md, "Session 9"). A reader that stops reading the pipe holds the bot up, as
 * any synchronous log does.
 */
export function stdoutLogDestination(): pino.DestinationStream {
  if (!stdoutDestination) {
    const stream = pino.destination({ dest: 1, sync: true, minLength: LOG_WRITE_BYTES, periodicFlush: LOG_FLUSH_MS });
    process.on('exit', () => {
      try {
        stream.flushSync();
      } catch {
        // Standard output is gone (a closed pipe): there is nowhere left to write the last lines.
      }
    });
    stdoutDestination = stream;
  }
  return stdoutDestination;
}

export function createLogger(config: Pick<AppConfig, 'log'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.log.level,
    formatters: { log: redactSecrets, bindings: redactSecrets },
    base: { service: 'entra-assistant' },
  };
  if (destination) return redactingChildren(pino(options, destination));
  if (config.log.format === 'pretty') {
    // pino-pretty is a development dependency: production installs log JSON.
    try {
      require.resolve('pino-pretty');
      return redactingChildren(pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service' } } }));
    } catch {
      return redactingChildren(pino(options, stdoutLogDestination()));
    }
  }
  return redactingChildren(pino(options, stdoutLogDestination()));
}

/**
 * Microsoft Graph could not answer: throttled (429), unavailable (503), a gateway timeout (504) after the bounded
 * retries, or not reachable at all. Every read turns these into one error, so the bot says what failed in words
 * instead of answering "not found", asking a question back, or showing a partial answer as if it were whole.
 */

/** Statuses worth another try after a pause (Graph's throttling and transient failures). */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * The longest Retry-After the bot waits for within a turn: Teams gives a turn about 15 s, so a longer wait is not
 * waited for; the answer says how long Graph asked to wait instead.
 */
export const MAX_RETRY_AFTER_SECONDS = 5;

export class GraphUnavailable extends Error {
  constructor(
    /** 429, 503, 504, or 0 when Graph could not be reached. */
    readonly status: number,
    /** What Graph's last Retry-After said, if anything. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Microsoft Graph did not answer: ${status || 'unreachable'}${retryAfterSeconds !== undefined ? `, retry after ${retryAfterSeconds} s` : ''}`);
    this.name = 'GraphUnavailable';
  }
}

/** Seconds from a Retry-After value (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** The error as GraphUnavailable when it is one (the Graph SDK's GraphError after its retries, a network failure). */
export function graphUnavailableOf(err: unknown): GraphUnavailable | undefined {
  if (err instanceof GraphUnavailable) return err;
  const e = err as { statusCode?: unknown; headers?: { get?: (name: string) => string | null }; name?: unknown; code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.statusCode === 'number' && TRANSIENT_STATUSES.has(e.statusCode)) {
    return new GraphUnavailable(e.statusCode, retryAfterSeconds(e.headers?.get?.('Retry-After')));
  }
  // Refused, reset, timed out: the Graph client's transport fails with GraphNetworkError (src/graph/transport.ts),
  // which the SDK wraps in a GraphError whose code is that name; fetch() fails with "fetch failed".
  if (e.name === 'GraphNetworkError' || e.code === 'GraphNetworkError') return new GraphUnavailable(0);
  if ((e.name === 'TypeError' || e.code === 'TypeError') && e.message === 'fetch failed') return new GraphUnavailable(0);
  return undefined;
}

/** What failed, in words, for the asker. */
export function unavailableText(failure: GraphUnavailable): string {
  const what =
    failure.status === 429
      ? 'Microsoft Graph is throttling this app right now (HTTP 429: too many requests)'
      : failure.status === 503
        ? 'Microsoft Graph is unavailable right now (HTTP 503)'
        : failure.status === 504
          ? 'Microsoft Graph timed out (HTTP 504)'
          : 'Microsoft Graph could not be reached';
  const wait =
    failure.retryAfterSeconds !== undefined && failure.retryAfterSeconds > MAX_RETRY_AFTER_SECONDS
      ? ` It asked to wait ${failure.retryAfterSeconds} seconds, longer than I can keep you waiting.`
      : failure.status === 0
        ? ' I tried again a few times without success.'
        : ' I tried again a few times, honouring the wait it asked for, without success.';
  return `${what}, so I could not read the tenant and I have no answer: nothing is shown rather than something partial or wrong.${wait} Please ask again in a minute.`;
}

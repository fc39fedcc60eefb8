import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { BatchedRequestRecord, GraphRequestRecord } from '../bot/answerDiagnostics';
import type { Logger } from '../logger';
import { isGuid } from './ids';

/** The Graph requests of one piece of work (a turn), and the logger its request lines go to. */
interface RequestScope {
  records: GraphRequestRecord[];
  logger?: Logger;
}

const current = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `work` and collects every Graph request it makes, however deep the call, without passing a log around. With
 * `logger` (a turn's child logger), each request's log line carries that turn's bindings.
 */
export async function collectGraphRequests<T>(work: () => Promise<T>, logger?: Logger): Promise<{ result: T; graphRequests: GraphRequestRecord[] }> {
  const graphRequests: GraphRequestRecord[] = [];
  const result = await current.run({ records: graphRequests, ...(logger ? { logger } : {}) }, work);
  return { result, graphRequests };
}

/**
 * One HTTP attempt at Graph as its log line gives it: ids and shape only, never tenant data beyond object ids (the
 * query's values, which hold names, UPNs and addresses, are left out; see docs/security.md).
 */
export interface GraphRequestLine {
  method: string;
  /** The URL path with every segment that is neither a GUID nor a Graph name replaced by "{value}". */
  path: string;
  /** The names of the query options sent ($filter, $select…), without their values. */
  query: readonly string[];
  status: number;
  ms: number;
  /** Graph's id of the request (response header request-id), what Microsoft support asks for. */
  requestId?: string;
  /** The id the bot sent (client-request-id); the same on every attempt of one request. */
  clientRequestId?: string;
  /** 1 for the first attempt, 2 for the first retry (the Graph SDK's Retry-Attempt header), and so on. */
  attempt: number;
  /** Graph answered 429 Too Many Requests. */
  throttled: boolean;
  /** Graph's Retry-After, when it sent one. */
  retryAfterSeconds?: number;
  /** How the attempt failed when no response came (a network error's code, never its message). */
  error?: string;
}

/** Keeps the request for the turn's evidence and writes its log line to the turn's logger, else to `fallback`. */
export function recordGraphRequest(record: GraphRequestRecord, line?: GraphRequestLine, fallback?: Logger): void {
  const scope = current.getStore();
  scope?.records.push(record);
  const logger = scope?.logger ?? fallback;
  if (line && logger) logger.info(line, 'graph request');
}

/**
 * What a `$batch` asks for, given to the Graph client with the batch (a middleware option) so that the batch's record
 * in the turn's evidence lists its inner requests: otherwise a read inside a batch would not show there at all.
 */
export class BatchContents implements MiddlewareOptions {
  private ids: string[] = [];
  private records: BatchedRequestRecord[] = [];

  constructor(private readonly requests: ReadonlyArray<{ id: string; method: string; url: string }>) {}

  /** The inner requests of one attempt at the batch at `batchUrl`, not answered yet (status 0). */
  recordsFor(batchUrl: string): BatchedRequestRecord[] {
    const base = batchUrl.slice(0, batchUrl.lastIndexOf('/$batch'));
    this.ids = this.requests.map((r) => r.id);
    this.records = this.requests.map((r) => ({ method: r.method, url: `${base}${r.url.startsWith('/') ? '' : '/'}${r.url}`, status: 0 }));
    return this.records;
  }

  /** The inner statuses of the batch's answer, on the last attempt's records. */
  answered(responses: ReadonlyArray<{ id: string; status: number }>): void {
    this.ids.forEach((id, i) => (this.records[i].status = responses.find((r) => r.id === id)?.status ?? 0));
  }
}

const VERSION = /^(?:v1\.0|beta)$/;
/** Graph's own names: entity sets, navigation properties, casts and actions (users, signIns, microsoft.graph.group, $count). */
const GRAPH_NAME = /^\$?[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/;

/** URLs whose log form is remembered: a turn's requests repeat (every diagnosis posts to the same `$batch` URL). */
const MAX_REMEMBERED_URLS = 256;
const loggableByUrl = new Map<string, { path: string; query: readonly string[] }>();

/**
 * A Graph URL as its log line shows it: path segments that are GUIDs or Graph names, and the query's option names.
 * The last 256 URLs' forms are remembered: parsing a URL and its query was about 1% of a diagnosis turn's CPU.
 */
export function loggableGraphUrl(url: string): { path: string; query: readonly string[] } {
  const known = loggableByUrl.get(url);
  if (known) return known;
  const loggable = Object.freeze(parseLoggable(url));
  if (loggableByUrl.size >= MAX_REMEMBERED_URLS) loggableByUrl.delete(loggableByUrl.keys().next().value as string);
  loggableByUrl.set(url, loggable);
  return loggable;
}

function parseLoggable(url: string): { path: string; query: readonly string[] } {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://graph.invalid');
  } catch {
    return { path: '{unreadable}', query: [] };
  }
  const path = parsed.pathname
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return '{value}';
      }
      if (decoded === '' || VERSION.test(decoded) || GRAPH_NAME.test(decoded)) return decoded;
      return isGuid(decoded) ? decoded.toLowerCase() : '{value}';
    })
    .join('/');
  return { path, query: Object.freeze([...new Set(parsed.searchParams.keys())]) };
}

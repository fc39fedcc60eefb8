import type { Caller } from '../auth/caller';
import { graphErrorBody, type RequestIds } from '../http/graphErrors';
import { GraphQueryError } from '../odata/contract';
import type { ApiVersion, GraphResponse } from './context';
import { newRequestIds, type GraphService } from './service';

const MAX_REQUESTS = 20;

/** An inner request met a reset fault: the whole batch's connection is dropped, as a network failure would. */
export class ConnectionDropped extends Error {
  constructor() {
    super('connection dropped by an injected fault');
    this.name = 'ConnectionDropped';
  }
}

/** The injected faults for one inner request's path (src/faults.ts): nothing, a response instead, or a dropped connection. */
export type InnerFault = (path: string, ids: RequestIds) => Promise<GraphResponse | 'drop' | undefined>;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function refuse(message: string): never {
  throw new GraphQueryError(400, 'BadRequest', message);
}

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) refuse('Invalid batch payload format: "requests" must be an array.');
  if (requests.length > MAX_REQUESTS) refuse(`The number of requests in the batch exceeds the maximum of ${MAX_REQUESTS}.`);
  const seen = new Set<string>();
  for (const item of requests as BatchItem[]) {
    if (!item || typeof item.id !== 'string' || !item.id || typeof item.method !== 'string' || typeof item.url !== 'string') {
      refuse('Each batch request needs "id", "method" and "url".');
    }
    const key = item.id.toLowerCase();
    if (seen.has(key)) refuse(`Batch request contains duplicate request id '${item.id}'.`);
    seen.add(key);
    if (item.body !== undefined && !Object.keys(item.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
      refuse(`Batch request '${item.id}' has a body but no Content-Type header.`);
    }
  }
  const ids = new Set((requests as BatchItem[]).map((item) => item.id.toLowerCase()));
  for (const item of requests as BatchItem[]) {
    for (const dependency of item.dependsOn ?? []) {
      if (!ids.has(String(dependency).toLowerCase())) refuse(`Batch request '${item.id}' depends on unknown request '${dependency}'.`);
    }
  }
  return requests as BatchItem[];
}

/**
 * POST /$batch (https://learn.microsoft.com/en-us/graph/json-batching): at most 20 requests with case-insensitively unique ids; each one authorised and
 * throttled on its own; a request whose dependency failed gets 424. With `faults`, each inner request meets the fault
 * rules for its own path, as the request would alone: a 429 or 503 becomes that request's status (with Retry-After), a
 * latency delays the batch, a reset drops the batch's connection.
 */
export async function runBatch(service: GraphService, version: ApiVersion, caller: Caller, body: unknown, faults?: InnerFault): Promise<GraphResponse> {
  const items = parseItems(body);
  const results = new Map<string, BatchResponseItem>();
  const origin = service.ctx.origin;
  const run = async (item: BatchItem): Promise<BatchResponseItem> => {
    const done = results.get(item.id.toLowerCase());
    if (done) return done;
    const headers = Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const ids: RequestIds = newRequestIds(headers['client-request-id']);
    let result: BatchResponseItem;
    const dependencies = await Promise.all((item.dependsOn ?? []).map((dep) => run(items.find((i) => i.id.toLowerCase() === String(dep).toLowerCase()) as BatchItem)));
    if (dependencies.some((dep) => dep.status >= 400)) {
      result = {
        id: item.id,
        status: 424,
        headers: { 'Content-Type': 'application/json' },
        body: graphErrorBody('FailedDependency', 'The request could not be processed because a request it depends on failed.', ids, service.ctx.clock.now()),
      };
    } else {
      const url = new URL(`${origin}/${version}/${item.url.replace(/^\/+/, '').replace(new RegExp(`^(v1\\.0|beta)/`), '')}`);
      const segments = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
      const fault = await faults?.(url.pathname, ids);
      if (fault === 'drop') throw new ConnectionDropped();
      const response =
        fault ??
        (await service.handle(
          { method: item.method.toUpperCase(), version, segments, params: url.searchParams, headers, body: item.body, caller, requestUrl: `${url.origin}${url.pathname}` },
          ids,
        ));
      result = { id: item.id, status: response.status, headers: { 'Content-Type': 'application/json', ...(response.headers ?? {}) }, body: response.body };
    }
    results.set(item.id.toLowerCase(), result);
    return result;
  };
  const responses: BatchResponseItem[] = [];
  for (const item of items) responses.push(await run(item));
  return { status: 200, body: { responses } };
}

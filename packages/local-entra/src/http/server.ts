import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { authenticate } from '../auth/caller';
import type { IdentityPlatform } from '../auth/identityPlatform';
import type { TokenService } from '../auth/tokens';
import type { FaultInjector } from '../faults';
import { ConnectionDropped, runBatch } from '../graph/batch';
import type { ApiVersion, GraphResponse } from '../graph/context';
import { newRequestIds, type GraphService } from '../graph/service';
import { GraphQueryError } from '../odata/contract';
import { graphErrorBody, throttledBody, type RequestIds } from './graphErrors';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** What the HTTP layer serves; set once the server knows its own origin. */
export interface Services {
  graph: GraphService;
  identity: IdentityPlatform;
  tokens: TokenService;
  faults: FaultInjector;
  /** The admin endpoint: its key, and what an event does. */
  admin: { key: string; addEvent(body: unknown): Promise<unknown> };
}

/** The loopback admin endpoint that adds events while running (src/events.ts). */
const ADMIN_EVENTS_PATH = '/_local-entra/events';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new GraphQueryError(413, 'Request_BadRequest', 'The request body is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : v]));
}

function send(res: ServerResponse, response: GraphResponse, ids: RequestIds): void {
  const headers: Record<string, string> = {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Local', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'LOCAL-ENTRA' } }),
    'Cache-Control': 'no-cache',
    ...(response.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(response.headers ?? {}),
  };
  // Two statements on purpose: restify, when loaded in the same process, replaces writeHead with one returning undefined.
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  if (headers['Content-Type'] === 'application/json') headers['Content-Type'] = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
  res.writeHead(response.status, headers);
  res.end(text);
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphQueryError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

async function serveGraph(services: Services, req: IncomingMessage, url: URL, ids: RequestIds): Promise<GraphResponse> {
  const [versionSegment, ...rest] = url.pathname.split('/').filter(Boolean);
  const version = versionSegment as ApiVersion;
  const headers = headerMap(req);
  const now = services.graph.ctx.clock.now();
  try {
    const caller = authenticate(headers.authorization, services.tokens);
    const body = parseJson(await readBody(req));
    const segments = rest.map((segment) => decodeURIComponent(segment));
    // Graph throttles a batch's inner requests one by one: the fault rules are tested against each of their paths too.
    if (segments.length === 1 && segments[0] === '$batch' && req.method === 'POST') return await runBatch(services.graph, version, caller, body, (path, innerIds) => faultOutcome(services, path, innerIds));
    return await services.graph.handle({ method: req.method ?? 'GET', version, segments, params: url.searchParams, headers, body, caller, requestUrl: `${url.origin}${url.pathname}` }, ids);
  } catch (error) {
    if (!(error instanceof GraphQueryError)) throw error;
    const response: GraphResponse = { status: error.status, body: graphErrorBody(error.code, error.message, ids, now) };
    if (error.status === 401) {
      response.headers = { 'WWW-Authenticate': `Bearer realm="", authorization_uri="${url.origin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"` };
    }
    return response;
  }
}

/** The identity platform paths MSAL uses: metadata, keys, instance discovery, token. */
async function serveIdentity(services: Services, req: IncomingMessage, url: URL, ids: RequestIds): Promise<GraphResponse> {
  const segments = url.pathname.split('/').filter(Boolean);
  const tenant = segments[0] ?? '';
  const rest = segments.slice(1).join('/');
  const notFound: GraphResponse = { status: 404, body: { error: 'not_found', error_description: `No local Entra endpoint at ${url.pathname}` } };
  if (tenant === 'common' && rest === 'discovery/instance') return { status: 200, body: services.identity.instanceDiscovery() };
  if (!services.identity.knowsTenant(tenant)) {
    return rest.startsWith('oauth2/') || rest.includes('openid-configuration') ? { status: 400, body: services.identity.token(tenant, new URLSearchParams()).body } : notFound;
  }
  if (req.method === 'GET' && (rest === 'v2.0/.well-known/openid-configuration' || rest === '.well-known/openid-configuration')) return { status: 200, body: services.identity.openidConfiguration() };
  if (req.method === 'GET' && (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys')) return { status: 200, body: services.identity.jwks() };
  if (req.method === 'POST' && rest === 'oauth2/v2.0/token') {
    const form = new URLSearchParams(await readBody(req));
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic && !form.get('client_id')) {
      const [clientId, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      form.set('client_id', decodeURIComponent(clientId));
      form.set('client_secret', decodeURIComponent(secret ?? ''));
    }
    const response = services.identity.token(tenant, form, ids.clientRequestId);
    return { status: response.status, body: response.body, headers: { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' } };
  }
  return notFound;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the configured faults do to one Graph request (the path of a request, or of one inner request of a `$batch`):
 * nothing (none matched, or a latency fault whose wait is over), a response to give instead, or a dropped connection.
 */
async function faultOutcome(services: Services, path: string, ids: RequestIds): Promise<GraphResponse | 'drop' | undefined> {
  const fault = services.faults.pick(path);
  if (!fault) return undefined;
  const now = services.graph.ctx.clock.now();
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.latencyMs ?? 1000);
      return undefined;
    case '429':
      return { status: 429, body: throttledBody(ids, now), headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } };
    case '503':
      return { status: 503, body: graphErrorBody('serviceNotAvailable', 'The service is temporarily unavailable. Retry the request after a delay.', ids, now), headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } };
    case 'reset':
      return 'drop';
  }
}

/** Injects the configured fault; returns true when the request was answered (or dropped) by it. */
async function applyFault(services: Services, req: IncomingMessage, res: ServerResponse, path: string, ids: RequestIds): Promise<boolean> {
  const outcome = await faultOutcome(services, path, ids);
  if (outcome === undefined) return false;
  if (outcome === 'drop') req.socket.destroy();
  else send(res, outcome, ids);
  return true;
}

/** POST /_local-entra/events with the start's admin key: 201 and what was added; a bad key 401, a bad event 400. */
async function serveAdmin(services: Services, req: IncomingMessage): Promise<GraphResponse> {
  if (req.method !== 'POST') return { status: 405, body: { error: 'method_not_allowed', error_description: 'POST an event.' } };
  const key = req.headers['x-local-entra-key'];
  if (typeof key !== 'string' || !safeEqual(key, services.admin.key)) return { status: 401, body: { error: 'unauthorized', error_description: 'The x-local-entra-key header must carry this start\'s admin key.' } };
  try {
    return { status: 201, body: await services.admin.addEvent(parseJson(await readBody(req))) };
  } catch (error) {
    if (!(error instanceof GraphQueryError)) throw error;
    return { status: error.status, body: { error: error.code, error_description: error.message } };
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createHandler(getServices: () => Services) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ids = newRequestIds(typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined);
    try {
      const services = getServices();
      const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
      if (url.pathname === ADMIN_EVENTS_PATH) {
        send(res, await serveAdmin(services, req), ids);
        return;
      }
      if (await applyFault(services, req, res, url.pathname, ids)) return;
      const isGraph = /^\/(v1\.0|beta)(\/|$)/.test(url.pathname);
      const response = isGraph ? await serveGraph(services, req, url, ids) : await serveIdentity(services, req, url, ids);
      if (!isGraph) response.headers = { 'Content-Type': 'application/json; charset=utf-8', ...(response.headers ?? {}) };
      send(res, response, ids);
    } catch (error) {
      // A reset fault on an inner request of a $batch drops the batch's connection: its one round trip is lost.
      if (error instanceof ConnectionDropped) {
        req.socket.destroy();
        return;
      }
      const status = error instanceof GraphQueryError ? error.status : 500;
      const code = error instanceof GraphQueryError ? error.code : 'generalException';
      send(res, { status, body: graphErrorBody(code, (error as Error).message, ids, new Date()) }, ids);
    }
  };
}

/** Listens on a loopback address over HTTPS; resolves with the server and its origin. */
export async function listen(handler: ReturnType<typeof createHandler>, tls: { key: string; cert: string }, host: string, port: number): Promise<{ server: https.Server; origin: string }> {
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, origin: `https://${hostPart}:${address.port}` };
}

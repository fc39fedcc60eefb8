/**
 * The only code that builds a Microsoft Graph client. It signs in with @azure/identity against the configured
 * authority host and calls the configured Graph base URL, so the same code reaches the Microsoft cloud, a
 * sovereign cloud, or any Graph-compatible endpoint the configuration names.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import { type AccessToken, ClientSecretCredential, type GetTokenOptions, OnBehalfOfCredential, type TokenCredential } from '@azure/identity';
import {
  type AuthenticationProvider,
  AuthenticationHandler,
  Client,
  GraphClientError,
  type Context,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { getRequestHeader, setRequestHeader } from '@microsoft/microsoft-graph-client/lib/src/middleware/MiddlewareUtil';
import { Agent } from 'undici';
import type { GraphConfig } from '../config';
import type { Logger } from '../logger';
import { BatchContents, loggableGraphUrl, recordGraphRequest } from './requestLog';
import { UndiciHttpHandler } from './transport';
import { MAX_RETRY_AFTER_SECONDS, retryAfterSeconds } from './unavailable';

const PUBLIC_AUTHORITY_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn']);

/** TLS contexts, and the connection pools that use them, by CA file; a process is configured with one, tests with a few. */
const trustedContexts = new Map<string, tls.SecureContext>();
const trustedDispatchers = new Map<string, Agent>();
const MAX_TRUSTED_CONTEXTS = 16;

/**
 * The CA certificates to trust, the public ones plus the configured extra one (a proxy's, or a private endpoint's),
 * as one TLS context made once per CA file. Given as a list instead, every new connection parsed the ~140 public
 * certificates again: milliseconds per connection, and most of the bot's start-up CPU (docs/bench.md, "Load").
 */
export function trustedContext(caFile: string | undefined): tls.SecureContext | undefined {
  if (!caFile) return undefined;
  let context = trustedContexts.get(caFile);
  if (!context) {
    context = withExtraCa(fs.readFileSync(caFile, 'utf8'));
    if (trustedContexts.size >= MAX_TRUSTED_CONTEXTS) trustedContexts.delete(trustedContexts.keys().next().value as string);
    trustedContexts.set(caFile, context);
  }
  return context;
}

/**
 * Node's default TLS context (the public CAs, from the store Node builds once per process) with one more CA added to
 * its own copy of that store. Passing the public CAs as a `ca` list parses their ~140 PEM texts again, 20 ms of CPU
 * at start against 1.5 ms (docs/bench.md, "Session 8"). The native context's addCACert is what Node's own `ca`
 * option calls for each certificate; where a runtime lacks it, the list is given as before.
 */
function withExtraCa(pem: string): tls.SecureContext {
  const context = tls.createSecureContext();
  const native = (context as { context?: { addCACert?: (cert: string) => void } }).context;
  if (typeof native?.addCACert !== 'function') return tls.createSecureContext({ ca: [...tls.rootCertificates, pem] });
  native.addCACert(pem);
  return context;
}

/**
 * The connection pool for Graph when an extra CA is configured (else undici's global one): one per CA file, shared by
 * the app's client and every asker's on-behalf-of client, so that they reuse each other's TLS connections.
 */
function graphDispatcher(caFile: string | undefined): Agent | undefined {
  const secureContext = trustedContext(caFile);
  if (!caFile || !secureContext) return undefined;
  let dispatcher = trustedDispatchers.get(caFile);
  if (!dispatcher) {
    dispatcher = new Agent({ connect: { secureContext } });
    if (trustedDispatchers.size >= MAX_TRUSTED_CONTEXTS) trustedDispatchers.delete(trustedDispatchers.keys().next().value as string);
    trustedDispatchers.set(caFile, dispatcher);
  }
  return dispatcher;
}

function credentialOptions(config: GraphConfig) {
  const secureContext = trustedContext(config.caFile);
  return {
    authorityHost: config.authorityHost,
    // Instance discovery asks the public cloud which authorities exist; other authority hosts answer for themselves.
    disableInstanceDiscovery: !PUBLIC_AUTHORITY_HOSTS.has(new URL(config.authorityHost).hostname),
    // The pipeline spreads tlsOptions into its https.Agent's options, which take a ready context (TlsSettings does not name it).
    ...(secureContext ? { tlsOptions: { secureContext } as Record<string, unknown> } : {}),
  };
}

/** The bot's own (app-only) identity. */
export function createGraphCredential(config: GraphConfig): TokenCredential {
  return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, credentialOptions(config));
}

/** The asker's identity, from their single sign-on token exchanged on behalf of the bot: Graph applies their roles. */
export function createOnBehalfOfCredential(config: GraphConfig, userAssertionToken: string): TokenCredential {
  // The options object is built apart: OnBehalfOfCredential's type omits disableInstanceDiscovery, which MSAL honours.
  const options = {
    tenantId: config.tenantId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    userAssertionToken,
    ...credentialOptions(config),
  };
  return new OnBehalfOfCredential(options);
}

/**
 * Records each HTTP attempt (after retries are decided, before the wire) for the answer's evidence, and writes its log
 * line (src/graph/requestLog.ts). Each request carries a client-request-id, kept across its retries, that Graph
 * echoes and logs on its side too.
 */
class RequestRecorder implements Middleware {
  private next?: Middleware;

  constructor(private readonly logger?: Logger) {}

  async execute(context: Context): Promise<void> {
    const started = performance.now();
    // The SDK types the request as fetch's RequestInfo, a DOM type this Node build does not load.
    const request = context.request as string | { url: string; method: string };
    const url = typeof request === 'string' ? request : request.url;
    const method = (context.options?.method ?? (typeof request === 'string' ? 'GET' : request.method)).toUpperCase();
    let clientRequestId = getRequestHeader(context.request, context.options, CLIENT_REQUEST_ID) ?? undefined;
    if (!clientRequestId) {
      clientRequestId = randomUUID();
      setRequestHeader(context.request, context.options, CLIENT_REQUEST_ID, clientRequestId);
    }
    const attempt = 1 + (Number(getRequestHeader(context.request, context.options, RETRY_ATTEMPT)) || 0);
    let failure: string | undefined;
    try {
      await this.next!.execute(context);
    } catch (err) {
      failure = networkErrorCode(err);
      throw err;
    } finally {
      const response = context.response;
      const status = response?.status ?? 0;
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const retryAfter = retryAfterSeconds(response?.headers.get('Retry-After'));
      const requestId = response?.headers.get('request-id') ?? undefined;
      const batched = context.middlewareControl?.getMiddlewareOptions(BatchContents) as BatchContents | undefined;
      recordGraphRequest(
        { method, url, status, ms, ...(batched ? { requests: batched.recordsFor(url) } : {}) },
        {
          method,
          ...loggableGraphUrl(url),
          status,
          ms,
          ...(requestId ? { requestId } : {}),
          clientRequestId,
          attempt,
          throttled: status === 429,
          ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
          ...(failure ? { error: failure } : {}),
        },
        this.logger,
      );
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

const CLIENT_REQUEST_ID = 'client-request-id';
/** Set by the Graph SDK's RetryHandler on each retry: 1 on the first. */
const RETRY_ATTEMPT = 'Retry-Attempt';

/** A failed attempt's error code (undici's cause, such as ECONNREFUSED) or name: its message may quote the URL. */
function networkErrorCode(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code ?? e?.name;
  return typeof code === 'string' ? code : 'Error';
}

/** A token is handed out again until this long before it expires (MSAL's own refresh margin). */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;
/** Scope sets a credential serves at once (one: Graph's); beyond this the remembered tokens start over. */
const MAX_TOKEN_SCOPES = 8;

/**
 * Hands out a credential's access token again until shortly before it expires. @azure/identity asks MSAL's cache on
 * every call, which cost 0.14 ms of CPU for every Graph request (docs/bench.md, "Load"); a token lasts an hour. A
 * request with claims (a Conditional Access challenge) always goes to the credential.
 */
export class ReusedTokenCredential implements TokenCredential {
  private readonly tokens = new Map<string, AccessToken>();

  constructor(
    private readonly inner: TokenCredential,
    private readonly clock: () => number = Date.now,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const key = Array.isArray(scopes) ? scopes.join(' ') : scopes;
    const reusable = !options?.claims;
    const now = this.clock();
    const cached = reusable ? this.tokens.get(key) : undefined;
    if (cached && cached.expiresOnTimestamp - now > TOKEN_REFRESH_MARGIN_MS && !(cached.refreshAfterTimestamp !== undefined && cached.refreshAfterTimestamp <= now)) return cached;
    const token = await this.inner.getToken(scopes, options);
    if (token && reusable) {
      if (!this.tokens.has(key) && this.tokens.size >= MAX_TOKEN_SCOPES) this.tokens.clear();
      this.tokens.set(key, token);
    }
    return token;
  }
}

/**
 * The access token for the SDK's AuthenticationHandler, from a credential, as the SDK's
 * TokenCredentialAuthenticationProvider gives it. That one builds a GraphClientError, and so captures a stack, on
 * every request in case it fails: 5-7 µs of CPU a Graph request against 0.3 (docs/bench.md, "Session 8").
 */
export class CredentialAuthenticationProvider implements AuthenticationProvider {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[],
  ) {}

  async getAccessToken(): Promise<string> {
    const response = await this.credential.getToken(this.scopes);
    if (response) return response.token;
    const error = new GraphClientError('Cannot retrieve accessToken from the Token Credential object');
    error.name = 'Access token is undefined';
    throw error;
  }
}

/** A Graph client; with `logger`, each request outside a turn is logged there too (a turn's go to its own logger). */
export function createGraphClient(config: GraphConfig, credential: TokenCredential = createGraphCredential(config), logger?: Logger): Client {
  const graphHost = new URL(config.baseUrl).hostname;
  const authProvider = new CredentialAuthenticationProvider(new ReusedTokenCredential(credential), [`${new URL(config.baseUrl).origin}/.default`]);
  const chain: Middleware[] = [
    new AuthenticationHandler(authProvider),
    // Graph throttles with 429 (and 503/504): the SDK's handler honours Retry-After, else backs off exponentially. A
    // Retry-After longer than a turn can wait is not waited for: the answer says so (src/graph/unavailable.ts).
    new RetryHandler(new RetryHandlerOptions(1, 3, (_delay, _attempt, _request, _options, response) => (retryAfterSeconds(response.headers.get('Retry-After')) ?? 0) <= MAX_RETRY_AFTER_SECONDS)),
    new RequestRecorder(logger),
    new UndiciHttpHandler(graphDispatcher(config.caFile)),
  ];
  for (let i = 0; i < chain.length - 1; i++) chain[i].setNext?.(chain[i + 1]);
  return Client.initWithMiddleware({
    baseUrl: config.baseUrl,
    middleware: chain[0],
    customHosts: graphHost === 'graph.microsoft.com' ? undefined : new Set([graphHost]),
    defaultVersion: 'v1.0',
  });
}

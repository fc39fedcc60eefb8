/**
 * What tests need to run against the local Entra, this package's and the bot's alike (`@entra-assistant/local-entra/testing`):
 * the hand-made mini tenant, extra app registrations, plain HTTPS calls that trust its certificate, and helpers to
 * compare responses. Only tests load it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Agent, fetch } from 'undici';
import { LOCAL_BOT_CLIENT } from './demo/constants';
import { defaultClients, startLocalEntra } from './index';
import type { LocalEntra, LocalEntraOptions } from './types';
import { packageRoot } from './paths';

/** The hand-made mini tenant (this package's tests/fixtures/tenants/mini) and its capture time. */
export const MINI_TENANT_DIR = path.join(packageRoot(), 'tests', 'fixtures', 'tenants', 'mini');
export const MINI_CAPTURED_AT = new Date('2026-11-20T12:00:00Z');

/** A second app registration with a single permission, to see refusals. */
export const LIMITED_CLIENT = {
  clientId: '7a7a7a7a-1111-4222-8333-000000000001',
  clientSecret: 'limited-secret',
  displayName: 'Limited reader',
  applicationPermissions: ['User.Read.All', 'AuditLog.Read.All'],
  delegatedScopes: ['User.Read', 'AuditLog.Read.All', 'IdentityRiskyUser.Read.All'],
};

/** An app registration that may read users but holds no reports permission. */
export const DIRECTORY_ONLY_CLIENT = {
  clientId: '7a7a7a7a-1111-4222-8333-000000000002',
  clientSecret: 'directory-only-secret',
  displayName: 'Directory reader',
  applicationPermissions: ['User.Read.All'],
};

/** Starts the local Entra on the mini tenant with the clock pinned at capture time (dates as in the files). */
export function startMini(options: LocalEntraOptions = {}): Promise<LocalEntra> {
  return startLocalEntra({ tenantDir: MINI_TENANT_DIR, now: MINI_CAPTURED_AT, clients: [...defaultClients(), LIMITED_CLIENT, DIRECTORY_ONLY_CLIENT], ...options });
}

/** One object of a Graph response as a test reads it: its fields are checked by the test's assertions. */
export type GraphItem = Record<string, unknown>;

/**
 * A Graph response body as tests read it: a page (`value`), an error (`error`), or one object (its fields). `value`
 * and `error` are typed as present so a test can read them; where they are absent the test's assertion fails.
 */
export interface GraphBody {
  value: GraphItem[];
  error: { code: string; message: string; innerError?: GraphItem; details?: GraphItem[] };
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  [field: string]: unknown;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: GraphBody;
}

/** The body read as the shape the test expects of it (a batch, a token response…); its assertions check the shape. */
export function bodyAs<T>(response: RawResponse): T {
  return response.body as unknown as T;
}

/** Plain HTTPS calls that trust the local Entra's certificate (no SDK in between). */
export class RawCaller {
  private readonly dispatcher: Agent;

  constructor(private readonly entra: LocalEntra) {
    this.dispatcher = new Agent({ connect: { ca: entra.caCertPem } });
  }

  async request(method: string, pathAndQuery: string, options: { token?: string; headers?: Record<string, string>; body?: unknown; form?: URLSearchParams } = {}): Promise<RawResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.form) {
      body = options.form.toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${this.entra.url}${pathAndQuery}`, { method, headers, body, dispatcher: this.dispatcher });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed as GraphBody };
  }

  /** An app-only Graph token straight from the token endpoint. */
  async appToken(client: { clientId: string; clientSecret: string } = LOCAL_BOT_CLIENT): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'https://graph.microsoft.com/.default' });
    const response = await this.request('POST', `/${this.entra.tenantId}/oauth2/v2.0/token`, { form });
    if (response.status !== 200) throw new Error(`token endpoint: ${JSON.stringify(response.body)}`);
    return bodyAs<{ access_token: string }>(response).access_token;
  }

  /** A delegated Graph token for a user, by the on-behalf-of grant as the bot gets it. */
  async userToken(userId: string, client: { clientId: string; clientSecret: string } = LOCAL_BOT_CLIENT): Promise<string> {
    const assertion = await this.entra.issueUserAssertion(userId, `api://botid-${client.clientId}`);
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      assertion,
      scope: 'https://graph.microsoft.com/.default',
    });
    const response = await this.request('POST', `/${this.entra.tenantId}/oauth2/v2.0/token`, { form });
    if (response.status !== 200) throw new Error(`token endpoint: ${JSON.stringify(response.body)}`);
    return bodyAs<{ access_token: string }>(response).access_token;
  }

  get(pathAndQuery: string, token: string, headers?: Record<string, string>): Promise<RawResponse> {
    return this.request('GET', pathAndQuery, { token, headers });
  }

  post(pathAndQuery: string, token: string, body?: unknown): Promise<RawResponse> {
    return this.request('POST', pathAndQuery, { token, body });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

/** Temporary folders of one test file: `tempDir(prefix)` makes one, `removeAll()` (in an `after`) removes them all. */
export function temporaryFolders(): { tempDir: (prefix: string) => string; removeAll: () => void } {
  const made: string[] = [];
  return {
    tempDir: (prefix) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll: () => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * A response as the same answer from two servers compares: their origins made alike, an error by its code and message
 * (request ids differ), and skip tokens left out unless kept (they hold positions in what a server scans).
 */
export function comparableResponse(response: RawResponse, origin: string, keepSkipTokens = false): { status: number; body: GraphBody } {
  const body = response.body?.error ? { error: { code: response.body.error.code, message: response.body.error.message } } : response.body;
  let text = JSON.stringify(body ?? null)
    .split(origin)
    .join('https://local-entra');
  if (!keepSkipTokens) text = text.replace(/\$skiptoken=[^"&]+/g, '$skiptoken=…');
  return { status: response.status, body: JSON.parse(text) as GraphBody };
}

/** Every page of a query (at most `limit`), following the server's own nextLinks, each as `comparableResponse` gives it. */
export async function comparablePages(
  raw: RawCaller,
  entra: LocalEntra,
  token: string,
  first: string,
  options: { limit?: number; keepSkipTokens?: boolean } = {},
): Promise<Array<{ status: number; body: GraphBody }>> {
  const pages: Array<{ status: number; body: GraphBody }> = [];
  let next: string | undefined = first;
  for (let page = 0; next && page < (options.limit ?? 12); page++) {
    const response = await raw.get(next, token);
    pages.push(comparableResponse(response, entra.url, options.keepSkipTokens));
    const link = response.body?.['@odata.nextLink'];
    next = link ? link.slice(entra.url.length) : undefined;
  }
  return pages;
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

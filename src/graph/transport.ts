/**
 * The HTTP under the Graph client: the last middleware of the chain `client.ts` builds for
 * `Client.initWithMiddleware`, in place of the SDK's HTTPMessageHandler (which calls the global fetch()). It sends
 * each request with undici's `request()` and hands the SDK a small Response of the bytes read. Everything above it
 * is the SDK's own: the request building, authentication, RetryHandler (429/503/504, Retry-After), the response
 * and error handling, `$batch`. fetch() builds WHATWG Request, Headers and stream objects around every request and
 * response: for one Graph read it cost 1.04 ms of CPU where request() costs 0.22 ms (docs/bench.md, "Load").
 */
import { STATUS_CODES } from 'node:http';
import type { Context, FetchOptions, Middleware } from '@microsoft/microsoft-graph-client';
import { type Dispatcher, getGlobalDispatcher, request } from 'undici';

/** fetch()'s own limit on redirects followed. */
const MAX_REDIRECTIONS = 20;

/**
 * The transport failed before any HTTP status arrived (refused, reset, timed out, TLS). Its `code` is the socket's
 * (ECONNRESET, UND_ERR_SOCKET…); the SDK wraps it in a GraphError whose `code` is this error's name.
 */
export class GraphNetworkError extends Error {
  override readonly name = 'GraphNetworkError';
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`Microsoft Graph could not be reached (${code})`, options);
  }
}

/** The headers of a response, read-only, looked up case-insensitively as the Fetch API's Headers are. */
export class ResponseHeaders {
  private readonly byName = new Map<string, string>();

  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.byName.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.byName) callback(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.byName.entries();
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  values(): IterableIterator<string> {
    return this.byName.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.byName.entries();
  }
}

/**
 * What the SDK reads of a fetch Response (status, ok, headers, json/text/arrayBuffer/blob, body), over a body
 * already read in full: Graph's answers are JSON documents of a few KB, and a body read at once leaves the
 * connection free for the next request even when nobody reads it (a retried 429, a 204).
 */
export class GraphHttpResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly redirected = false;
  readonly type = 'basic';
  bodyUsed = false;

  constructor(
    readonly status: number,
    readonly headers: ResponseHeaders,
    private readonly bytes: Buffer,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
  }

  /** The body as a web stream (the SDK returns it for content types it does not parse). */
  get body(): ReadableStream<Uint8Array> | null {
    return this.bytes.length ? new Blob([this.bytes]).stream() : null;
  }

  text(): Promise<string> {
    this.bodyUsed = true;
    return Promise.resolve(this.bytes.toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return Promise.resolve(new Uint8Array(this.bytes).buffer);
  }

  blob(): Promise<Blob> {
    this.bodyUsed = true;
    return Promise.resolve(new Blob([this.bytes], { type: this.headers.get('content-type') ?? '' }));
  }

  clone(): GraphHttpResponse {
    return new GraphHttpResponse(this.status, this.headers, this.bytes, this.url);
  }
}

/** Request headers as the SDK may hand them over (an object, a list of pairs, or a Headers), as a plain object. */
function plainHeaders(headers: FetchOptions['headers']): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers as Array<[string, string]>);
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    const plain: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => (plain[name] = value));
    return plain;
  }
  return headers as Record<string, string>;
}

/** The socket's error code (ECONNREFUSED, UND_ERR_SOCKET…) or the error's name. */
function networkCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  return typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
}

/** The last middleware of the Graph client: sends the request with undici and sets `context.response`. */
export class UndiciHttpHandler implements Middleware {
  constructor(private readonly dispatcher: Dispatcher = getGlobalDispatcher()) {}

  async execute(context: Context): Promise<void> {
    // The SDK's GraphRequest sends URL strings; only its RedirectHandler, not in this chain, would make a Request object.
    if (typeof context.request !== 'string') throw new TypeError('The Graph transport sends requests given as a URL and options, not as a Request object');
    const options = context.options ?? {};
    const body = options.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError('Graph request bodies are strings or bytes here (the SDK serialises JSON to a string)');
    }
    let response: Dispatcher.ResponseData;
    let bytes: Buffer;
    try {
      response = await request(context.request, {
        method: (options.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
        headers: plainHeaders(options.headers),
        body: body ?? undefined,
        dispatcher: this.dispatcher,
        signal: options.signal ?? undefined,
        maxRedirections: options.redirect === 'manual' || options.redirect === 'error' ? 0 : MAX_REDIRECTIONS,
      });
      bytes = Buffer.from(await response.body.arrayBuffer());
    } catch (err) {
      if ((err as { name?: unknown })?.name === 'AbortError') throw err;
      throw new GraphNetworkError(networkCode(err), { cause: err });
    }
    context.response = new GraphHttpResponse(response.statusCode, new ResponseHeaders(response.headers), bytes, context.request) as unknown as Response;
  }
}

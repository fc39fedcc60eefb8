/**
 * A local OpenAI-compatible chat completions server for tests, scripted per test: Azure OpenAI's route
 * (POST /openai/deployments/{deployment}/chat/completions?api-version=…) and the plain one (POST /v1/chat/completions),
 * tools, no streaming. Each request takes the next scripted step (a tool call, text, an HTTP error with headers, a
 * delay); unscripted requests are answered with `fallbackStep`. Tokens are counted roughly, one per four characters
 * of the request's messages and tools (prompt) and of the reply (completion), the way the README's costs were measured.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { kind: 'tool'; name: string; args: unknown; delayMs?: number }
  | { kind: 'text'; content: string; delayMs?: number }
  | { kind: 'error'; status: number; headers?: Record<string, string>; delayMs?: number }
  | { kind: 'raw'; body: unknown; delayMs?: number };

export interface ReceivedRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: { model?: string; messages: Array<{ role: string; content: string }>; tools?: Array<{ function: { name: string } }>; stream?: boolean; tool_choice?: unknown };
  promptTokens: number;
  completionTokens: number;
  status: number;
}

/** restify, loaded in the same process by the bot, patches ServerResponse so that writeHead does not chain. */
function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

export const tokensOf = (text: string) => Math.ceil(text.length / 4);

const AZURE_ROUTE = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

export class ModelServer {
  private server?: http.Server;
  private script: Step[] = [];
  readonly requests: ReceivedRequest[] = [];
  /** What unscripted requests get (the DemoStack's warm-up questions, for instance). */
  fallbackStep: Step = { kind: 'tool', name: 'not_a_tenant_question', args: { reason: 'unscripted' } };

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The next requests' answers, in order. */
  next(...steps: Step[]): this {
    this.script.push(...steps);
    return this;
  }

  reset(): void {
    this.script = [];
    this.requests.length = 0;
  }

  /** Steps not used yet (a test that scripted more than the bot asked for). */
  get pending(): number {
    return this.script.length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const azure = AZURE_ROUTE.exec(url.pathname);
    if (req.method !== 'POST' || (!azure && url.pathname !== '/v1/chat/completions')) {
      send(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ error: { message: `no route ${req.method} ${url.pathname}` } }));
      return;
    }
    if (azure && !url.searchParams.get('api-version')) {
      send(res, 400, { 'content-type': 'application/json' }, JSON.stringify({ error: { code: 'BadRequest', message: 'api-version is missing' } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedRequest['body'];
    const promptTokens = tokensOf(JSON.stringify(body.messages) + JSON.stringify(body.tools ?? []));
    const step = this.script.shift() ?? this.fallbackStep;
    const record: ReceivedRequest = { path: url.pathname, query: url.searchParams, headers: req.headers, body, promptTokens, completionTokens: 0, status: 200 };
    this.requests.push(record);
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (res.destroyed || req.socket.destroyed) return;
    if (body.stream) {
      record.status = 400;
      send(res, 400, { 'content-type': 'application/json' }, JSON.stringify({ error: { message: 'this test server does not stream' } }));
      return;
    }
    if (step.kind === 'error') {
      record.status = step.status;
      send(res, step.status, { 'content-type': 'application/json', ...(step.headers ?? {}) }, JSON.stringify({ error: { code: String(step.status), message: `scripted ${step.status}` } }));
      return;
    }
    const message =
      step.kind === 'tool'
        ? { role: 'assistant', content: null, tool_calls: [{ id: `call_${this.requests.length}`, type: 'function', function: { name: step.name, arguments: typeof step.args === 'string' ? step.args : JSON.stringify(step.args) } }] }
        : step.kind === 'text'
          ? { role: 'assistant', content: step.content }
          : undefined;
    const completionText = message ? JSON.stringify(message.tool_calls ?? message.content) : JSON.stringify(step.kind === 'raw' ? step.body : '');
    record.completionTokens = tokensOf(completionText);
    const reply =
      step.kind === 'raw'
        ? step.body
        : {
            id: `chatcmpl-${this.requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: body.model ?? (azure ? azure[1] : 'local'),
            choices: [{ index: 0, message, finish_reason: step.kind === 'tool' ? 'tool_calls' : 'stop' }],
            usage: { prompt_tokens: promptTokens, completion_tokens: record.completionTokens, total_tokens: promptTokens + record.completionTokens },
          };
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(reply));
  }
}

/** The environment that points the bot at this server as an Azure OpenAI deployment. */
export function azureModelEnv(server: ModelServer, extra: Record<string, string> = {}): Record<string, string> {
  return { AZURE_OPENAI_ENDPOINT: server.url, AZURE_OPENAI_DEPLOYMENT: 'plans', AZURE_OPENAI_API_KEY: 'test-key', ...extra };
}

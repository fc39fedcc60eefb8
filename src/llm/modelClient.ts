/**
 * The only code that talks to the language model: the `openai` package's AzureOpenAI client (Microsoft's guidance
 * for @azure/openai v2), or its OpenAI client for any OpenAI-compatible server. One call has one deadline for the
 * whole of it: 429 and 5xx answers are retried with backoff, honouring retry-after (and retry-after-ms) only while the
 * wait still fits before the deadline. The package's own retries are off because they would wait out any
 * retry-after, however long, past the turn's deadline.
 */
import { getBearerTokenProvider } from '@azure/identity';
import { APIConnectionTimeoutError, APIError, APIUserAbortError, AzureOpenAI, OpenAI } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
// @azure/openai v2 is the companion of the openai package: its types add Azure OpenAI's content-filter results to the
// completion (a deep path, as this project's Node module resolution does not read the package's "./types" export).
import type {} from '@azure/openai/dist/commonjs/types/index';
import type { ModelConfig } from '../config';
import { storageCredential } from '../storage/storageCredential';

export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** Why a model call gave no answer; each one sends the turn to the offline understanding. */
export type ModelFailureKind = 'timeout' | 'throttled' | 'unavailable' | 'refused' | 'unreachable';

export class ModelFailure extends Error {
  constructor(
    readonly kind: ModelFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelFailure';
  }
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ModelAnswer {
  completion: ChatCompletion;
  usage: Usage;
  /** Attempts made, the first included. */
  attempts: number;
}

/** The part of a chat completion request the bot chooses; the model or deployment comes from the configuration. */
export type ChatRequest = Omit<ChatCompletionCreateParamsNonStreaming, 'model' | 'stream'>;

export interface ChatModel {
  /** `timeoutMs`: a shorter deadline than the configured one (a summary, after the turn's other work). */
  complete(request: ChatRequest, options?: { timeoutMs?: number }): Promise<ModelAnswer>;
}

function openClient(config: ModelConfig): { client: OpenAI; model: string } {
  const endpoint = config.endpoint;
  if (endpoint.kind === 'openai-compatible') {
    // Local servers usually ignore the key; the client insists on one.
    return { client: new OpenAI({ baseURL: endpoint.baseUrl, apiKey: endpoint.apiKey ?? 'not-needed', maxRetries: 0 }), model: endpoint.model };
  }
  const auth =
    endpoint.auth.kind === 'key'
      ? { apiKey: endpoint.auth.apiKey }
      : { azureADTokenProvider: getBearerTokenProvider(storageCredential(endpoint.auth.identity), COGNITIVE_SERVICES_SCOPE) };
  // baseURL rather than `endpoint`: the client would otherwise also read OPENAI_BASE_URL from the environment.
  const client = new AzureOpenAI({ baseURL: `${endpoint.endpoint}/openai`, deployment: endpoint.deployment, apiVersion: endpoint.apiVersion, maxRetries: 0, ...auth });
  return { client, model: endpoint.deployment };
}

/** How long the server asked us to wait, in ms, if it said. */
function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OpenAIChatModel implements ChatModel {
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(
    private readonly config: ModelConfig,
    private readonly now: () => number = Date.now,
  ) {
    ({ client: this.client, model: this.model } = openClient(config));
  }

  /**
   * One attempt, bounded as a whole: the request's own timeout covers only the HTTP exchange, not the Entra token the
   * client may fetch first, so the attempt is also raced against the deadline and aborted when it passes.
   */
  private async attempt(request: ChatRequest, left: number): Promise<ChatCompletion> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new APIConnectionTimeoutError());
      }, left);
    });
    try {
      return await Promise.race([this.client.chat.completions.create({ ...request, model: this.model, stream: false }, { timeout: left, maxRetries: 0, signal: controller.signal }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async complete(request: ChatRequest, options: { timeoutMs?: number } = {}): Promise<ModelAnswer> {
    const timeoutMs = Math.min(options.timeoutMs ?? this.config.timeoutMs, this.config.timeoutMs);
    const deadline = this.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const left = deadline - this.now();
      if (left <= 0) throw new ModelFailure('timeout', `no answer within ${timeoutMs} ms`);
      try {
        const completion = await this.attempt(request, left);
        const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
        // Azure OpenAI's content filter held the answer back: nothing to read, the offline understanding answers.
        const filtered = contentFiltered(completion);
        if (filtered) throw new ModelFailure('refused', `Azure OpenAI's content filter held the answer back (${filtered})`);
        return { completion, usage, attempts: attempt };
      } catch (err) {
        if (err instanceof ModelFailure) throw err;
        if (err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError) throw new ModelFailure('timeout', `no answer within ${timeoutMs} ms`);
        if (!(err instanceof APIError) || typeof err.status !== 'number') throw new ModelFailure('unreachable', (err as Error).message);
        // The package's error generics resolve to any through its .d.mts re-exports: typed here.
        const status: number = err.status;
        const headers = err.headers as Headers | undefined;
        const retryable = status === 429 || status >= 500;
        const kind: ModelFailureKind = status === 429 ? 'throttled' : status >= 500 ? 'unavailable' : 'refused';
        if (!retryable || attempt > this.config.maxRetries) throw new ModelFailure(kind, `HTTP ${status} after ${attempt} attempt(s)`, status);
        // Exponential backoff with jitter (0.5 s, 1 s, 2 s …) unless the server said how long.
        const wait = retryAfterMs(headers, this.now()) ?? 500 * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.25);
        if (this.now() + wait >= deadline) throw new ModelFailure(kind, `HTTP ${status}: retry-after ${Math.round(wait)} ms does not fit the ${timeoutMs} ms deadline`, status);
        await sleep(wait);
      }
    }
  }
}

/** What Azure OpenAI's content filter stopped, if anything: the finish reason, or a filtered category of the prompt or answer. */
export function contentFiltered(completion: ChatCompletion): string | undefined {
  const choice = completion.choices[0];
  if (choice?.finish_reason === 'content_filter') return 'finish_reason content_filter';
  const flagged = (results: object | undefined) => Object.entries(results ?? {}).find(([, r]) => typeof r === 'object' && r !== null && (r as { filtered?: unknown }).filtered === true)?.[0];
  const answer = flagged(choice?.content_filter_results);
  if (answer) return `answer: ${answer}`;
  for (const prompt of completion.prompt_filter_results ?? []) {
    const category = flagged(prompt.content_filter_results);
    if (category) return `prompt: ${category}`;
  }
  return undefined;
}

/**
 * The language model's part in a turn: it fills the same question plan (or names the same rich intent) the offline
 * understanding would, from the admin's words, the conversation so far and the tenant names it may link; the reply
 * is checked (src/llm/readReply.ts) before anything is read. Every failure (timeout, throttling, an error, an
 * invalid or declined reply, a spent token budget) leaves the offline understanding to answer, and the card says so.
 * It never acts: a mitigation it names becomes the same confirmation card, behind the same role check.
 */
import type { ModelConfig } from '../config';
import type { Logger } from '../logger';
import type { AdaptiveCard } from '../cards/render';
import type { LanguageModel, ModelAsker, ModelFallback, ModelSummary, ModelTurn } from '../bot/languageModel';
import type { Directory } from '../understanding/directory';
import type { RecognitionContext, Understanding } from '../understanding/types';
import { linkedNames } from './linkedNames';
import { ModelFailure, OpenAIChatModel, type ChatModel, type Usage } from './modelClient';
import { plannerMessages, summaryMessages } from './prompt';
import { InvalidReply, readReply } from './readReply';
import { cardRows, cleanSummary, ungroundedNumbers } from './summary';
import { TokenBudget, type BudgetVerdict } from './tokenBudget';
import { modelTools } from './tools';

export interface ModelUnderstandingOptions {
  config: ModelConfig;
  logger: Logger;
  directory?: Directory;
  /** The model; default: the configured Azure OpenAI deployment or OpenAI-compatible server. */
  model?: ChatModel;
  /** Wall-clock milliseconds for the token budget. */
  now?: () => number;
}

/** A summary comes after the turn's understanding and Graph reads: it may take at most this long (Teams gives a turn about 15 s). */
const SUMMARY_TIMEOUT_MS = 4000;

const MODEL_NOTE = 'Understood by the language model; the facts are read from Microsoft Graph.';

const FALLBACK_WORDS: Record<Exclude<ModelFallback, 'budget'>, string> = {
  timeout: 'the language model did not answer in time',
  throttled: 'the language model is busy (throttled)',
  unavailable: 'the language model is unavailable',
  refused: 'the language model refused the request',
  unreachable: 'the language model could not be reached',
  invalid: 'the language model’s plan did not pass the checks',
  declined: 'the language model found no tenant question in it',
};

function budgetWords(verdict: Extract<BudgetVerdict, { allowed: false }>): string {
  const who = verdict.scope === 'user' ? 'your' : 'this tenant’s';
  const at = verdict.renewsAt.toISOString().slice(11, 16);
  return `${who} language-model budget for this hour (${verdict.limit.toLocaleString('en-US')} tokens) is spent; it renews at ${at} UTC`;
}

const total = (usage: Usage) => usage.promptTokens + usage.completionTokens;

export class ModelUnderstanding implements LanguageModel {
  private readonly model: ChatModel;
  private readonly budget: TokenBudget;
  private readonly tools = modelTools();
  readonly summarize?: (question: string, card: AdaptiveCard, asker: ModelAsker) => Promise<ModelSummary>;

  constructor(private readonly options: ModelUnderstandingOptions) {
    this.model = options.model ?? new OpenAIChatModel(options.config);
    this.budget = new TokenBudget(options.config, options.now);
    if (options.config.summaries) this.summarize = (question, card, asker) => this.writeSummary(question, card, asker);
  }

  private offline(offline: Understanding, fallback: ModelFallback, why: string, tokens: number): ModelTurn {
    return { understanding: offline, understoodBy: 'offline', fallback, tokens, note: `Understood by the built-in rules: ${why}.` };
  }

  async understand(text: string, context: RecognitionContext, asker: ModelAsker, offline: Understanding): Promise<ModelTurn> {
    const log = this.options.logger;
    const started = Date.now();
    const verdict = this.budget.check(asker.userId, asker.tenantId);
    if (!verdict.allowed) {
      log.info({ understoodBy: 'offline', fallback: 'budget', scope: verdict.scope }, 'language model: token budget spent');
      return this.offline(offline, 'budget', budgetWords(verdict), 0);
    }
    const names = linkedNames(offline, context.conversation);
    let tokens = 0;
    try {
      const answer = await this.model.complete({ messages: plannerMessages({ question: text, now: context.now, names, conversation: context.conversation }), tools: this.tools, tool_choice: 'required', temperature: 0 });
      tokens = total(answer.usage);
      this.budget.spend(asker.userId, asker.tenantId, tokens);
      const reply = await readReply(answer.completion.choices[0]?.message, { question: text, now: context.now, names, conversation: context.conversation, directory: this.options.directory });
      const usage = { promptTokens: answer.usage.promptTokens, completionTokens: answer.usage.completionTokens, attempts: answer.attempts, ms: Date.now() - started };
      if (reply.kind === 'declined') {
        log.info({ understoodBy: 'offline', fallback: 'declined', ...usage }, 'language model: no tenant question');
        return this.offline(offline, 'declined', FALLBACK_WORDS.declined, tokens);
      }
      log.info({ understoodBy: 'model', tool: reply.tool, intent: reply.understanding.intent, ...usage }, 'language model: understood');
      return { understanding: reply.understanding, understoodBy: 'model', tokens, note: MODEL_NOTE };
    } catch (err) {
      if (err instanceof ModelFailure) {
        log.warn({ understoodBy: 'offline', fallback: err.kind, status: err.status, ms: Date.now() - started, tokens }, 'language model failed: the built-in rules answer');
        return this.offline(offline, err.kind, FALLBACK_WORDS[err.kind], tokens);
      }
      if (err instanceof InvalidReply) {
        // The reason can quote tenant names: kept out of info logs.
        log.info({ understoodBy: 'offline', fallback: 'invalid', tokens, ms: Date.now() - started }, 'language model: plan refused, the built-in rules answer');
        log.debug({ reason: err.message }, 'language model: why the plan was refused');
        return this.offline(offline, 'invalid', FALLBACK_WORDS.invalid, tokens);
      }
      throw err;
    }
  }

  private async writeSummary(question: string, card: AdaptiveCard, asker: ModelAsker): Promise<ModelSummary> {
    const log = this.options.logger;
    if (!this.budget.check(asker.userId, asker.tenantId).allowed) return { tokens: 0, dropped: 'budget' };
    const rows = cardRows(card);
    if (!rows.length) return { tokens: 0, dropped: 'no rows' };
    try {
      const answer = await this.model.complete({ messages: summaryMessages(question, rows), temperature: 0, max_tokens: 120 }, { timeoutMs: SUMMARY_TIMEOUT_MS });
      const tokens = total(answer.usage);
      this.budget.spend(asker.userId, asker.tenantId, tokens);
      const text = cleanSummary(answer.completion.choices[0]?.message?.content);
      if (!text) return { tokens, dropped: 'empty or too long' };
      const ungrounded = ungroundedNumbers(text, rows);
      if (ungrounded.length) {
        log.info({ tokens, ungrounded: ungrounded.length }, 'language model: summary dropped, a number it states is not in the card');
        return { tokens, dropped: 'a number not in the card' };
      }
      log.info({ tokens, promptTokens: answer.usage.promptTokens, completionTokens: answer.usage.completionTokens }, 'language model: summary written');
      return { text, tokens };
    } catch (err) {
      if (!(err instanceof ModelFailure)) throw err;
      log.warn({ fallback: err.kind, status: err.status }, 'language model failed: the card goes without a summary');
      return { tokens: 0, dropped: err.kind };
    }
  }
}

import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

export interface TypingSettings {
  /** How long an answer may take before Teams shows "typing…" (TYPING_DELAY_MS); 0 sends it at once. */
  delayMs: number;
  /** How often it is sent again while the answer is still not ready (Teams hides it after a few seconds). */
  periodMs: number;
}

/** botbuilder's ShowTypingMiddleware defaults: the first after half a second, then every two seconds. */
export const DEFAULT_TYPING: TypingSettings = { delayMs: 500, periodMs: 2000 };

/**
 * Teams' typing indicator for one answer that is not ready quickly. An answer sent within the delay goes out alone:
 * one POST to the channel for the turn instead of two (the typing activity cost as much CPU as the rest of a short
 * answer, docs/bench.md "Load"), and a "typing…" that flickers for a few milliseconds tells the asker nothing.
 * A failed typing activity is logged and never fails the answer.
 */
export class TypingIndicator {
  private timer?: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly context: TurnContext,
    private readonly settings: TypingSettings,
    private readonly log: Logger,
  ) {}

  /** Starts the indicator for this turn; with no delay, the first typing activity has gone when this resolves. */
  static async start(context: TurnContext, settings: TypingSettings, log: Logger): Promise<TypingIndicator> {
    const indicator = new TypingIndicator(context, settings, log);
    if (settings.delayMs <= 0) {
      indicator.send();
      await indicator.sending;
      indicator.schedule(settings.periodMs);
    } else {
      indicator.schedule(settings.delayMs);
    }
    return indicator;
  }

  /** No more typing; resolves once one already on its way has been sent, so that the answer comes after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sending;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.send();
      this.schedule(this.settings.periodMs);
    }, ms);
    this.timer.unref();
  }

  private send(): void {
    this.sending = this.sending
      .then(async () => {
        if (!this.stopped) await this.context.sendActivity({ type: 'typing' });
      })
      .catch((err: unknown) => this.log.warn({ err }, 'typing indicator not sent'));
  }
}

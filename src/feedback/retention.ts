/**
 * How long unrated answers are kept (ANSWER_RETENTION_DAYS): an answer is stored so that a 👍/👎 can say what it
 * rates; once nobody rated it within the retention time it has no further use, and the question and card it holds are
 * tenant data. Rated answers and mitigation records are kept. A sweep runs at start-up and then once a day.
 */
import type { Logger } from '../logger';
import type { FeedbackStore } from './types';

const DAY_MS = 24 * 60 * 60_000;

export interface RetentionOptions {
  store: FeedbackStore;
  days: number;
  clock: () => Date;
  logger: Logger;
  /** Time between sweeps (default one day). */
  intervalMs?: number;
}

export class AnswerRetention {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: RetentionOptions) {}

  /** Sweeps now and then every interval; the promise settles when the first sweep is over (it never rejects). */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? DAY_MS);
    this.timer.unref();
    return this.sweep();
  }

  /** No sweep starts after this; resolves once a sweep in progress has finished, so the store can be closed. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<void> {
    this.running = this.running.then(() => this.sweepOnce());
    return this.running;
  }

  private async sweepOnce(): Promise<void> {
    const { store, days, clock, logger } = this.options;
    const cutoff = new Date(clock().getTime() - days * DAY_MS).toISOString();
    try {
      const deleted = await store.deleteUnratedBefore(cutoff);
      logger.info({ deleted, cutoff, retentionDays: days }, 'unrated answers past retention deleted');
    } catch (err) {
      logger.warn({ err, cutoff }, 'unrated answers could not be deleted this time: the next sweep tries again');
    }
  }
}

import type { Logger } from '../logger';

/**
 * Work that outlives the turn that started it (Teams gives an invoke five seconds, so a diagnosis started by a message
 * action is posted afterwards). Failures are logged, never thrown at nobody; `idle()` lets shutdown wait for it.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  start(what: string, work: () => Promise<void>): void {
    const done: Promise<void> = work()
      .catch((err: unknown) => this.logger.error({ err, what }, 'background work failed'))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

import type { IntentClassifier } from './types';

/**
 * The fallback intent classifier, trained in the background a moment after the bot starts listening rather than
 * during start-up: training parses every labelled question (about a second of CPU on a busy machine), which would
 * otherwise delay the first answer. Until it is ready the grammar answers alone, as it always did while training ran.
 */
export class FallbackTraining {
  private classifier?: IntentClassifier;
  private timer?: NodeJS.Timeout;
  private settle!: () => void;
  private started = false;
  /** Settles when the classifier is trained, failed to train, or training was cancelled. */
  readonly ready: Promise<void>;

  constructor(
    private readonly train: () => Promise<IntentClassifier>,
    private readonly onError: (err: unknown) => void,
  ) {
    this.ready = new Promise((resolve) => (this.settle = resolve));
  }

  /** The trained classifier, once there is one. */
  get current(): IntentClassifier | undefined {
    return this.classifier;
  }

  /** Trains after `delayMs`; the timer never keeps a stopping process alive. Only the first call counts. */
  startAfter(delayMs: number): void {
    if (this.started) return;
    this.started = true;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.train()
        .then((classifier) => {
          this.classifier = classifier;
        })
        .catch((err: unknown) => this.onError(err))
        .finally(() => this.settle());
    }, delayMs);
    this.timer.unref();
  }

  /** Training that has not begun never will (the bot is stopping); `ready` settles. */
  cancel(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.settle();
  }
}

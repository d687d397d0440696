// What a receiver that stores each event before processing it keeps track of: the processing under
// way (to wait for it at a stop, or in a test), and the retry of stored events that could not be
// processed yet (the database away): 1 s after, doubling up to a minute, until they go through.
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private stopped = false;

  /** `resume`: processes the stored events again (a receiver's catch-up). */
  constructor(private readonly resume: () => Promise<unknown>) {}

  track(p: Promise<unknown>): void {
    const q = p.catch(() => undefined).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  /** Waits until every event taken so far has been processed. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** An event went through: the next failure waits 1 s again. */
  succeeded(): void {
    this.retries = 0;
  }

  /** Stored events that could not be processed are tried again, 1 s after, doubling up to a minute. */
  retrySoon(): void {
    if (this.retry || this.stopped) return;
    const wait = Math.min(1000 * 2 ** this.retries++, 60_000);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.idle()
        .then(() => this.resume())
        .catch(() => this.retrySoon());
    }, wait);
    this.retry.unref?.();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }
}

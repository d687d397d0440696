// What a receiver that stores each callback before processing it does with the stored frames
// (WeCom's long connection, DingTalk's stream): one at a time in arrival order, each handed to the
// core as an Incoming and marked processed; a malformed frame recorded as failed and never retried;
// a frame the database could not take kept and tried again soon; those stored before a stop or
// crash worked through at the next start.
import type { Logger } from 'pino';
import type { Incoming } from '../chat/messages.js';
import type { Clock } from '../schedule/clock.js';
import type { Db } from '../store/db.js';
import { markInboxFailed, markInboxProcessed, unprocessedInbox } from '../store/platform-inbox.js';
import { PendingWork } from './pending-work.js';
import type { Inbound } from './platform.js';

export interface StoredFrame<F> {
  /** the platform inbox key: `<platform>:<message id>` */
  key: string;
  frame: F;
  arrived: Date;
}

export interface InboxQueueOptions<F> {
  platform: string;
  db: Db;
  clock: Clock;
  log: Logger;
  inbound: Inbound;
  /** the frame as the core's Incoming (files fetched), or undefined for one that is not a message */
  incomingOf(item: StoredFrame<F>): Promise<Incoming | undefined>;
  /** an error that retrying cannot mend (the frame itself is wrong) */
  isMalformed(err: unknown): boolean;
}

export class InboxQueue<F> {
  private readonly queue: Array<StoredFrame<F>> = [];
  private draining: Promise<void> | undefined;
  private readonly work = new PendingWork(() => this.resume());

  constructor(private readonly o: InboxQueueOptions<F>) {}

  /** Work under way that `idle` waits for (storing a frame, a flush after a reconnect). */
  track(p: Promise<unknown>): void {
    this.work.track(p);
  }

  enqueue(item: StoredFrame<F>): void {
    this.queue.push(item);
    if (this.draining) return;
    this.draining = (async () => {
      try {
        for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.process(next);
      } finally {
        this.draining = undefined;
      }
    })();
    this.work.track(this.draining);
  }

  private async process(item: StoredFrame<F>): Promise<void> {
    const { db, clock, log, platform } = this.o;
    try {
      const incoming = await this.o.incomingOf(item);
      if (incoming && (await this.o.inbound.receive(incoming)).unavailable) throw new Error('database unavailable');
      await markInboxProcessed(db, item.key, clock.now());
      this.work.succeeded();
    } catch (err) {
      const reason = String((err as Error)?.message ?? err).slice(0, 200);
      if (!this.o.isMalformed(err)) {
        log.error({ platform, event: item.key, error: reason }, 'callback processing failed; kept, tried again soon');
        this.work.retrySoon();
        return;
      }
      log.error({ platform, event: item.key, error: reason }, 'callback is malformed; recorded as failed');
      await markInboxFailed(db, item.key, reason, clock.now()).catch(() => undefined);
    }
  }

  /** Waits until every frame taken so far has been processed (tests, shutdown). */
  async idle(): Promise<void> {
    await this.work.idle();
  }

  /** Frames stored but not processed before a stop or crash. */
  async resume(): Promise<number> {
    const rows = await unprocessedInbox(this.o.db, this.o.platform);
    for (const r of rows) this.enqueue({ key: r.key, frame: JSON.parse(r.payload) as F, arrived: r.receivedAt });
    await this.idle();
    return rows.length;
  }

  stop(): void {
    this.work.stop();
  }
}

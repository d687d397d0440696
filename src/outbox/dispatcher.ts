// Sends outbox rows: per-chat order kept, rate limits per platform, retries with
// exponential backoff, an idempotency key per message.
import type { Logger } from 'pino';
import { type PlatformAdapter, SendError } from '../chat/adapter.js';
import type { Outgoing } from '../chat/messages.js';
import { quietly } from '../log.js';
import type { Clock } from '../schedule/clock.js';
import type { Db } from '../store/db.js';
import { FILE_REF, storedFile } from '../store/files.js';
import { holdRow, markAttempt, markFailed, markSentMany, recentSends, sendable } from '../store/outbox.js';
import { type Combiner, combineNotices } from './combine.js';
import { type Leadership, SOLE_SENDER } from './leader.js';
import { RateLimiter } from './rate-limit.js';

export const MAX_ATTEMPTS = 10;

/** 5 s, 10 s, 20 s … at most 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  adapters: PlatformAdapter[];
  log: Logger;
  /** waits for a rate limit; with the simulated clock it returns at once */
  sleep?: (ms: number) => Promise<void>;
  /** where stored files are (LIANDONG_FILES_DIR) */
  filesDir?: string;
  /** several processes on one database: each platform's sender, elected (src/outbox/leader.ts) */
  leadership?: (platform: string) => Leadership;
  /** many notices to one group go as one message (src/outbox/combine.ts) */
  combiner?: Combiner;
}

/** What one pass over the outbox gathers: sent marks to write together, chats that failed, the count sent. */
interface Pass {
  marks: Array<{ id: string; platformMessageId: string; at: Date }>;
  failedChats: Set<string>;
  sent: number;
}

/** A row to send; a combined message stands for several rows, all marked sent with it. */
type OutboxRow = Awaited<ReturnType<typeof sendable>>[number] & { merged?: string[] };

const idsOf = (row: OutboxRow) => row.merged ?? [row.id];

export class Dispatcher {
  private readonly adapters = new Map<string, PlatformAdapter>();
  private readonly limiters = new Map<string, RateLimiter>();
  private running: Promise<number> | undefined;
  private again = false;

  /** per platform: may this process send (one sender per platform across processes) */
  private readonly leaders = new Map<string, Leadership>();
  /** another process may have sent: each send is recorded before it goes (see pass) */
  private readonly shared: boolean;

  constructor(private readonly opts: DispatcherOptions) {
    this.shared = Boolean(opts.leadership);
    const quiet = quietly(opts.log);
    for (const a of opts.adapters) {
      this.adapters.set(a.platform, a);
      this.limiters.set(a.platform, new RateLimiter(a.limits));
      const leader = opts.leadership?.(a.platform) ?? SOLE_SENDER;
      this.leaders.set(a.platform, leader);
      leader.onTurn((won) => {
        if (won)
          this.seeded = this.seedLimits(a.platform).catch((err) =>
            opts.log.warn(
              { error: String((err as Error)?.message ?? err).slice(0, 200) },
              'could not read the last minute of sends',
            ),
          );
        void this.flush().catch((err) =>
          quiet(
            'error',
            { error: String((err as Error)?.message ?? err).slice(0, 200) },
            'dispatch after taking over failed',
          ),
        );
      });
    }
  }

  private seeded: Promise<void> = Promise.resolve();

  /**
   * A new sender starts from what the last one sent in the past minute (every send is
   * recorded before it goes, so a send the dead process made is known even when its
   * platform id never was): the rate limits hold across the change of sender.
   */
  private async seedLimits(platform: string): Promise<void> {
    const since = new Date(this.opts.clock.now().getTime() - 61_000);
    const limiter = this.limiters.get(platform)!;
    for (const r of await recentSends(this.opts.db, platform, since))
      limiter.record(r.chatKey.slice(platform.length + 1), r.sentAt.getTime());
  }

  /** Platforms this process sends now (an adapter that is logged out waits; another process may be the platform's sender). */
  platforms(): string[] {
    return [...this.adapters.values()]
      .filter((a) => (a.ready?.() ?? true) && this.leaders.get(a.platform)!.held)
      .map((a) => a.platform);
  }

  /** Sends everything sendable now. Concurrent calls share one run (then one more). */
  async flush(): Promise<number> {
    // several processes: only the one holding a platform's sender lock sends for it; the others tell it
    let sender = false;
    for (const leader of this.leaders.values()) {
      if (await leader.acquire()) sender = true;
      else await leader.nudge();
    }
    if (!sender) return 0;
    await this.seeded;
    return this.flushAsSender();
  }

  private flushAsSender(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      try {
        do {
          this.again = false;
          sent += await this.pass();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return sent;
    })();
    return this.running;
  }

  /** A stored file (file:<id>) to send gets its local path; adapters upload from there. */
  private async resolveFiles(message: Outgoing): Promise<void> {
    for (const a of [message.file, message.image]) {
      if (!a || a.path || !a.ref.startsWith(FILE_REF) || !this.opts.filesDir) continue;
      const f = await storedFile(this.opts.db, this.opts.filesDir, a.ref);
      if (!f) throw new SendError(`附件 ${a.name} 已不在文件库中`, false);
      a.path = f.absolutePath;
    }
  }

  private async pass(): Promise<number> {
    const { db, clock } = this.opts;
    await clock.sync?.();
    const ready = this.platforms();
    if (ready.length === 0) return 0;
    const due = await sendable(db, clock.now(), ready);
    const rows: OutboxRow[] = this.opts.combiner ? await combineNotices(db, clock.now(), due, this.opts.combiner) : due;
    for (const [platform, adapter] of this.adapters) {
      const batch = rows.filter((r) => r.platform === platform).map((r) => r.message);
      if (batch.length && adapter.beforeBatch) adapter.beforeBatch(batch);
    }
    const pass: Pass = { marks: [], failedChats: new Set(), sent: 0 };
    const batched = await this.sendBatches(rows, pass);
    for (const row of rows) {
      if (batched.has(row.platform)) continue;
      // the lock was lost (its connection broke): another process sends from here on
      if (!this.leaders.get(row.platform)!.held) continue;
      await this.sendOne(row, pass);
    }
    await this.markAll(pass);
    return pass.sent;
  }

  /** Sent marks gathered in a pass are written together. */
  private async markAll(pass: Pass): Promise<void> {
    if (pass.marks.length) await markSentMany(this.opts.db, pass.marks.splice(0));
  }

  /** A platform that takes a whole batch at once (the sandbox: rows in its own table), where nothing is paced. */
  private async sendBatches(rows: OutboxRow[], pass: Pass): Promise<Set<string>> {
    const { clock, log } = this.opts;
    const batched = new Set<string>();
    for (const [platform, adapter] of this.adapters) {
      const mine = rows.filter((r) => r.platform === platform);
      if (!adapter.sendBatch || mine.length < 2 || Number.isFinite(adapter.limits.perChatPerSecond)) continue;
      try {
        const ids = await adapter.sendBatch(mine.map((r) => ({ message: r.message, key: r.key })));
        for (const [i, r] of mine.entries())
          for (const id of idsOf(r)) pass.marks.push({ id, platformMessageId: ids[i]!, at: clock.now() });
        pass.sent += mine.length;
        batched.add(platform);
      } catch (err) {
        log.warn(
          { platform, error: String((err as Error)?.message ?? err).slice(0, 200) },
          'batch send failed; sending one by one',
        );
      }
    }
    return batched;
  }

  /** Sends one row within its chat's rate limit; a failure holds back the rest of that chat's rows. */
  private async sendOne(row: OutboxRow, pass: Pass): Promise<void> {
    const { db, clock } = this.opts;
    const adapter = this.adapters.get(row.platform)!;
    const chat = row.message.to.chatId ?? `user:${row.message.to.userId}`;
    if (pass.failedChats.has(chat)) return; // keep a chat's messages in order
    const limiter = this.limiters.get(row.platform)!;
    const wait = limiter.delayFor(chat, clock.now().getTime());
    if (wait > 0 && this.opts.sleep) await this.opts.sleep(wait);
    try {
      await this.resolveFiles(row.message);
      // recorded before it goes: a sender taking over after a crash counts it in its limits
      if (this.shared) await markAttempt(db, row.id, clock.now());
      let messageId: string;
      try {
        ({ messageId } = await adapter.send(row.message, row.key));
      } finally {
        // counted when the send ended: a slow send never lets the next ones crowd the window
        limiter.record(chat, clock.now().getTime());
      }
      if (adapter.idempotent && !this.shared) {
        for (const id of idsOf(row)) pass.marks.push({ id, platformMessageId: messageId, at: clock.now() });
        if (pass.marks.length >= 50) await this.markAll(pass);
      } else
        await markSentMany(
          db,
          idsOf(row).map((id) => ({ id, platformMessageId: messageId, at: clock.now() })),
        );
      pass.sent++;
    } catch (err) {
      pass.failedChats.add(chat);
      await this.failed(row, err);
    }
  }

  /** A send that failed: held (the platform asked to wait), retried with backoff, or given up. */
  private async failed(row: OutboxRow, err: unknown): Promise<void> {
    const { db, clock, log } = this.opts;
    if (err instanceof SendError && err.hold) {
      await holdRow(db, row.id, err.message, new Date(clock.now().getTime() + (err.retryAfterMs ?? 60_000)));
      return;
    }
    const retryable = !(err instanceof SendError) || err.retryable;
    const attempts = row.attempts + 1;
    const giveUp = !retryable || attempts >= MAX_ATTEMPTS;
    const delay = err instanceof SendError && err.retryAfterMs !== undefined ? err.retryAfterMs : backoffMs(attempts);
    await markFailed(
      db,
      row.id,
      String((err as Error).message ?? err),
      giveUp ? null : new Date(clock.now().getTime() + delay),
    );
    log[giveUp ? 'error' : 'warn'](
      {
        outbox: row.id,
        platform: row.platform,
        attempts,
        giveUp,
        error: String((err as Error).message ?? err).slice(0, 200),
      },
      giveUp ? 'message could not be sent; given up' : 'message send failed; will retry',
    );
  }
}

// Sends outbox rows: per-chat order kept, rate limits per platform, retries with
// exponential backoff, an idempotency key per message.
import type { Logger } from 'pino';
import { type PlatformAdapter, SendError } from '../chat/adapter.js';
import type { Outgoing } from '../chat/messages.js';
import type { Clock } from '../schedule/clock.js';
import type { Db } from '../store/db.js';
import { FILE_REF, storedFile } from '../store/files.js';
import { holdRow, markAttempt, markFailed, markSent, markSentMany, recentSends, sendable } from '../store/outbox.js';
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
}

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
          opts.log.error(
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
    const { db, clock, log } = this.opts;
    await clock.sync?.();
    const ready = this.platforms();
    if (ready.length === 0) return 0;
    const rows = await sendable(db, clock.now(), ready);
    for (const [platform, adapter] of this.adapters) {
      const batch = rows.filter((r) => r.platform === platform).map((r) => r.message);
      if (batch.length && adapter.beforeBatch) adapter.beforeBatch(batch);
    }
    const failedChats = new Set<string>();
    let sent = 0;
    const marks: Array<{ id: string; platformMessageId: string; at: Date }> = [];
    const markAll = async () => {
      if (marks.length) await markSentMany(db, marks.splice(0));
    };
    // a platform that takes a whole batch at once (the sandbox: rows in its own table)
    const batched = new Set<string>();
    for (const [platform, adapter] of this.adapters) {
      const mine = rows.filter((r) => r.platform === platform);
      // a whole batch at once only where nothing is paced
      if (!adapter.sendBatch || mine.length < 2 || Number.isFinite(adapter.limits.perChatPerSecond)) continue;
      try {
        const ids = await adapter.sendBatch(mine.map((r) => ({ message: r.message, key: r.key })));
        for (const [i, r] of mine.entries()) marks.push({ id: r.id, platformMessageId: ids[i]!, at: clock.now() });
        sent += mine.length;
        batched.add(platform);
      } catch (err) {
        log.warn(
          { platform, error: String((err as Error)?.message ?? err).slice(0, 200) },
          'batch send failed; sending one by one',
        );
      }
    }
    for (const row of rows) {
      if (batched.has(row.platform)) continue;
      // the lock was lost (its connection broke): another process sends from here on
      if (!this.leaders.get(row.platform)!.held) continue;
      const adapter = this.adapters.get(row.platform)!;
      const chat = row.message.to.chatId ?? `user:${row.message.to.userId}`;
      if (failedChats.has(chat)) continue; // keep a chat's messages in order
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
          marks.push({ id: row.id, platformMessageId: messageId, at: clock.now() });
          if (marks.length >= 50) await markAll();
        } else await markSent(db, row.id, messageId, clock.now());
        sent++;
      } catch (err) {
        failedChats.add(chat);
        if (err instanceof SendError && err.hold) {
          await holdRow(db, row.id, err.message, new Date(clock.now().getTime() + (err.retryAfterMs ?? 60_000)));
          continue;
        }
        const retryable = !(err instanceof SendError) || err.retryable;
        const attempts = row.attempts + 1;
        const giveUp = !retryable || attempts >= MAX_ATTEMPTS;
        const delay =
          err instanceof SendError && err.retryAfterMs !== undefined ? err.retryAfterMs : backoffMs(attempts);
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
    await markAll();
    return sent;
  }
}

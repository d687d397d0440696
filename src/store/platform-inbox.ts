// Events a platform pushed, stored before they are acknowledged, processed after.

import { raw } from './lane.js';
import { DataKeyError, open, sealIfKeyed } from './sealed.js';
import { placeholders, sqlTime } from './sql.js';
import type { Tx } from './tx.js';

/**
 * Stores events as they arrive with a group commit: requests that arrive while a write
 * is under way are written together by the next one (one statement for many), and each
 * request is answered once its row is stored. Under a burst of 1,000 requests a second
 * this is what keeps every answer inside Feishu's 3 seconds (one statement each is not).
 */
export class InboxWriter {
  private pending: Array<{
    key: string;
    platform: string;
    payload: string;
    at: Date;
    done: (fresh: boolean) => void;
    fail: (err: unknown) => void;
  }> = [];
  private writing = false;

  constructor(private readonly db: Tx) {}

  /** Stores the event; resolves false when it was stored before (a platform retry). */
  store(platform: string, eventId: string, payload: unknown, at: Date): Promise<boolean> {
    return new Promise((done, fail) => {
      // sealed when a data key is configured: a direct message may carry a restricted clue's text
      const text = sealIfKeyed(JSON.stringify(payload));
      this.pending.push({ key: `${platform}:${eventId}`, platform, payload: text, at, done, fail });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, 500);
        try {
          // ahead of the queued transactions: Feishu gives up after 3 seconds
          const inserted = await raw(this.db, { ahead: true }).all<{ key: string }>(
            `INSERT INTO "PlatformInbox" ("key","platform","payload","receivedAt") VALUES ${placeholders(batch.length, 4)} ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
            ...batch.flatMap((e) => [e.key, e.platform, e.payload, sqlTime(e.at)]),
          );
          const fresh = new Set(inserted.map((r) => r.key));
          for (const e of batch) {
            // the same event twice in one batch: only the first is fresh
            e.done(fresh.delete(e.key));
          }
        } catch (err) {
          for (const e of batch) e.fail(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

/** The events stored but not processed, their payload opened (one that cannot be opened here reads as '{}'). */
export async function unprocessedInbox(db: Tx, platform: string) {
  const rows = await db.platformInbox.findMany({
    where: { platform, processedAt: null },
    orderBy: { receivedAt: 'asc' },
  });
  return rows.map((r) => {
    try {
      return { ...r, payload: open(r.payload) };
    } catch (e) {
      if (e instanceof DataKeyError) return { ...r, payload: '{}' };
      throw e;
    }
  });
}

export async function markInboxProcessed(db: Tx, key: string, at: Date): Promise<void> {
  await db.platformInbox.update({ where: { key }, data: { processedAt: at } });
}

/** A stored event that cannot be processed: kept with the reason, never retried. */
export async function markInboxFailed(db: Tx, key: string, error: string, at: Date): Promise<void> {
  await db.platformInbox.update({ where: { key }, data: { processedAt: at, error } });
}

export async function pruneInboxBefore(db: Tx, before: Date): Promise<number> {
  return (await db.platformInbox.deleteMany({ where: { receivedAt: { lt: before }, processedAt: { not: null } } }))
    .count;
}

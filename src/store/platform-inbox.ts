// Events a platform pushed, stored before they are acknowledged, processed after.
import type { Tx } from './tx.js';
import { ahead } from './serial-adapter.js';
import { sqlTime } from './sql.js';

/**
 * Stores the event; false when it was stored before (a platform retry). One raw
 * statement, ahead of queued work: it stands between a webhook request and its answer.
 */
export async function storeInbox(db: Tx, platform: string, eventId: string, payload: unknown, at: Date): Promise<boolean> {
  const added = await ahead(() =>
    db.$executeRawUnsafe(
      `INSERT INTO "PlatformInbox" ("key","platform","payload","receivedAt") VALUES (?,?,?,?) ON CONFLICT ("key") DO NOTHING`,
      `${platform}:${eventId}`,
      platform,
      JSON.stringify(payload),
      sqlTime(at),
    ),
  );
  return added === 1;
}

export async function unprocessedInbox(db: Tx, platform: string) {
  return db.platformInbox.findMany({ where: { platform, processedAt: null }, orderBy: { receivedAt: 'asc' } });
}

export async function markInboxProcessed(db: Tx, key: string, at: Date): Promise<void> {
  await db.platformInbox.update({ where: { key }, data: { processedAt: at } });
}

/** A stored event that cannot be processed: kept with the reason, never retried. */
export async function markInboxFailed(db: Tx, key: string, error: string, at: Date): Promise<void> {
  await db.platformInbox.update({ where: { key }, data: { processedAt: at, error } });
}

export async function pruneInboxBefore(db: Tx, before: Date): Promise<number> {
  return (await db.platformInbox.deleteMany({ where: { receivedAt: { lt: before }, processedAt: { not: null } } })).count;
}

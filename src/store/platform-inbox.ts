// Events a platform pushed, stored before they are acknowledged, processed after.
import type { Tx } from './tx.js';
import { isUniqueViolation } from './tx.js';

/** Stores the event; false when it was stored before (a platform retry). */
export async function storeInbox(db: Tx, platform: string, eventId: string, payload: unknown, at: Date): Promise<boolean> {
  try {
    await db.platformInbox.create({ data: { key: `${platform}:${eventId}`, platform, payload: JSON.stringify(payload), receivedAt: at } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
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

// De-duplication of inbound platform events (platform retries, reconnect bursts).
import type { Tx } from './tx.js';
import { isUniqueViolation } from './tx.js';

/** Records the event; false when it was seen before. */
export async function firstSeen(db: Tx, platform: string, eventId: string, at: Date): Promise<boolean> {
  try {
    await db.inboundEvent.create({ data: { key: `${platform}:${eventId}`, receivedAt: at } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Forgets events older than `before` (kept at least 8 hours: Feishu retries for about 7). */
export async function pruneInbound(db: Tx, before: Date): Promise<number> {
  return (await db.inboundEvent.deleteMany({ where: { receivedAt: { lt: before } } })).count;
}

// De-duplication of inbound platform events (platform retries, reconnect bursts).
import { raw } from './lane.js';
import { sqlTime } from './sql.js';
import type { Tx } from './tx.js';

/** Records the event; false when it was seen before. One statement. */
export async function firstSeen(db: Tx, platform: string, eventId: string, at: Date): Promise<boolean> {
  return (
    (await raw(db).run(
      `INSERT INTO "InboundEvent" ("key","receivedAt") VALUES (?,?) ON CONFLICT ("key") DO NOTHING`,
      `${platform}:${eventId}`,
      sqlTime(at),
    )) === 1
  );
}

/** Forgets events older than `before` (kept at least 8 hours: Feishu retries for about 7). */
export async function pruneInbound(db: Tx, before: Date): Promise<number> {
  return (await db.inboundEvent.deleteMany({ where: { receivedAt: { lt: before } } })).count;
}

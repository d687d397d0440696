// Used cards: the first completing action on a card closes it (CardUse), once.
import type { Tx } from './tx.js';
import { isUniqueViolation } from './tx.js';

const key = (platform: string, messageId: string) => `${platform}:${messageId}`;

export async function findCardUse(db: Tx, platform: string, messageId: string) {
  return db.cardUse.findUnique({ where: { key: key(platform, messageId) } });
}

/** Records the use; false when the card was used already. */
export async function recordCardUse(
  db: Tx,
  platform: string,
  messageId: string,
  use: { action: string; actorId?: string | null; actorName: string; at: Date },
): Promise<boolean> {
  try {
    await db.cardUse.create({
      data: {
        key: key(platform, messageId),
        action: use.action,
        actorId: use.actorId ?? null,
        actorName: use.actorName,
        at: use.at,
      },
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

// Outbox: messages are written in the same transaction as the change that causes
// them, and sent later by the dispatcher (src/outbox/dispatcher.ts).
import type { Outgoing } from '../chat/messages.js';
import { raw } from './lane.js';
import { DataKeyError, LOCKED_TEXT, open, sealIfKeyed } from './sealed.js';
import { chunks, orderedId, placeholders, sqlTime, timePlaceholder } from './sql.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

/**
 * The stored payload: sealed (SM4) whenever a data key is configured, since a direct message may
 * carry a restricted clue's content (src/store/sealed.ts); one that cannot be opened here reads as
 * a message saying so, never a crash.
 */
function readPayload<T extends Outgoing | undefined>(payload: string, fallback: T): T {
  try {
    return parseJson<T>(open(payload), fallback);
  } catch (e) {
    if (e instanceof DataKeyError) return { ...(fallback ?? {}), text: LOCKED_TEXT } as T;
    throw e;
  }
}

export interface OutboxInput {
  key: string;
  message: Outgoing;
  at: Date;
}

/** The queue a message waits in: one per chat (or per person, for a direct message). */
export function chatKeyOf(message: Outgoing): string {
  return `${message.platform}:${message.to.chatId ?? `user:${message.to.userId}`}`;
}

/**
 * Adds messages in one statement; a key already present is skipped (the same message
 * is never queued twice). Rows of one call keep their order (ordered ids).
 */
export async function enqueue(db: Tx, items: OutboxInput[]): Promise<void> {
  const columns = [
    'id',
    'idempotencyKey',
    'platform',
    'chatId',
    'userId',
    'payload',
    'matterId',
    'state',
    'attempts',
    'nextAttemptAt',
    'chatKey',
    'noticeKind',
    'createdAt',
  ];
  for (const part of chunks(items, columns.length)) {
    const values = part.flatMap(({ key, message, at }) => [
      orderedId(),
      key,
      message.platform,
      message.to.chatId ?? null,
      message.to.userId ?? null,
      sealIfKeyed(JSON.stringify(message)),
      message.matterId ?? null,
      'pending',
      0,
      sqlTime(at),
      chatKeyOf(message),
      message.notice?.kind ?? null,
      sqlTime(at),
    ]);
    await raw(db).run(
      `INSERT INTO "OutboxMessage" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(part.length, columns.length)} ON CONFLICT ("idempotencyKey") DO NOTHING`,
      ...values,
    );
  }
}

export interface OutboxRow {
  id: string;
  key: string;
  platform: string;
  message: Outgoing;
  attempts: number;
  chatKey: string;
}

/** The rows that may be sent now, in order (plain SQL: the dispatcher runs it at every pass). */
export async function sendable(db: Tx, now: Date, platforms: string[], limit = 500): Promise<OutboxRow[]> {
  if (platforms.length === 0) return [];
  const rows = await raw(db).all<{
    id: string;
    idempotencyKey: string;
    platform: string;
    payload: string;
    attempts: number | bigint;
    chatKey: string;
    nextAttemptAt: string | Date;
  }>(
    `SELECT "id","idempotencyKey","platform","payload","attempts","chatKey","nextAttemptAt" FROM "OutboxMessage"
     WHERE "state" = 'pending' AND "platform" IN (${platforms.map(() => '?').join(',')}) ORDER BY "createdAt", "id" LIMIT ?`,
    ...platforms,
    limit,
  );
  // Rows waiting for a retry hold back later rows of the same chat (order is kept).
  const blocked = new Set<string>();
  const out: OutboxRow[] = [];
  for (const r of rows) {
    const chat = r.chatKey;
    if (blocked.has(chat)) continue;
    if (new Date(r.nextAttemptAt) > now) {
      blocked.add(chat);
      continue;
    }
    out.push({
      id: r.id,
      key: r.idempotencyKey,
      platform: r.platform,
      message: readPayload<Outgoing>(r.payload, {} as Outgoing),
      attempts: Number(r.attempts),
      chatKey: r.chatKey,
    });
  }
  return out;
}

/** Every notice waiting for one chat (of the kinds given, or all), oldest first: they go as one message. */
export async function pendingNotices(db: Tx, chatKey: string, kinds?: string[]): Promise<OutboxRow[]> {
  const rows = await db.outboxMessage.findMany({
    where: { state: 'pending', chatKey, noticeKind: kinds ? { in: kinds } : { not: null } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, idempotencyKey: true, platform: true, payload: true, attempts: true, chatKey: true },
  });
  return rows.map((r) => ({
    id: r.id,
    key: r.idempotencyKey,
    platform: r.platform,
    message: readPayload<Outgoing>(r.payload, {} as Outgoing),
    attempts: r.attempts,
    chatKey: r.chatKey,
  }));
}

/** How many notice messages a chat was sent since `since` (a combined message counted once). One statement, by the index (chatKey, sentAt). */
export async function noticesSentSince(db: Tx, chatKey: string, since: Date): Promise<number> {
  const rows = await raw(db).all<{ n: number | bigint }>(
    `SELECT COUNT(DISTINCT "platformMessageId") AS n FROM "OutboxMessage"
     WHERE "chatKey" = ? AND "sentAt" >= ? AND "noticeKind" IS NOT NULL AND "state" = 'sent'`,
    chatKey,
    sqlTime(since),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Marks rows sent, in one statement (each with its platform message id). */
export async function markSentMany(
  db: Tx,
  rows: Array<{ id: string; platformMessageId: string; at: Date }>,
): Promise<void> {
  for (const part of chunks(rows, 5)) {
    const cases = part.map(() => 'WHEN ? THEN ?').join(' ');
    const sentCases = part.map(() => `WHEN ? THEN ${timePlaceholder(db)}`).join(' ');
    await raw(db).run(
      `UPDATE "OutboxMessage" SET "state" = 'sent', "attempts" = "attempts" + 1, "lastError" = NULL,
       "platformMessageId" = CASE "id" ${cases} END, "sentAt" = CASE "id" ${sentCases} END
       WHERE "id" IN (${part.map(() => '?').join(',')})`,
      ...part.flatMap((r) => [r.id, r.platformMessageId]),
      ...part.flatMap((r) => [r.id, sqlTime(r.at)]),
      ...part.map((r) => r.id),
    );
  }
}

/** Notes when a send began (several processes: a later sender counts it in its rate limits). */
export async function markAttempt(db: Tx, id: string, at: Date): Promise<void> {
  await db.outboxMessage.update({ where: { id }, data: { sentAt: at } });
}

/** Sends begun since `since` (sent, or begun by a process that died before it could mark them). */
export async function recentSends(
  db: Tx,
  platform: string,
  since: Date,
): Promise<Array<{ chatKey: string; sentAt: Date }>> {
  const rows = await db.outboxMessage.findMany({
    where: { platform, sentAt: { gte: since } },
    select: { chatKey: true, sentAt: true },
    orderBy: { sentAt: 'asc' },
  });
  return rows.map((r) => ({ chatKey: r.chatKey, sentAt: r.sentAt! }));
}

export async function markFailed(db: Tx, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db.outboxMessage.update({
    where: { id },
    data: retryAt
      ? { attempts: { increment: 1 }, lastError: error.slice(0, 500), nextAttemptAt: retryAt }
      : { attempts: { increment: 1 }, lastError: error.slice(0, 500), state: 'dead' },
  });
}

/** Puts a row back to wait, without counting an attempt (its chat cannot be reached yet). */
export async function holdRow(db: Tx, id: string, reason: string, until: Date): Promise<void> {
  await db.outboxMessage.update({ where: { id }, data: { lastError: reason.slice(0, 500), nextAttemptAt: until } });
}

/** Moves waiting messages to a chat's new id (a WeChat room re-resolved after a login). */
export async function retargetPending(db: Tx, platform: string, fromChatId: string, toChatId: string): Promise<number> {
  const rows = await db.outboxMessage.findMany({ where: { platform, chatId: fromChatId, state: 'pending' } });
  for (const r of rows) {
    const message = readPayload<Outgoing>(r.payload, {} as Outgoing);
    message.to = { chatId: toChatId };
    await db.outboxMessage.update({
      where: { id: r.id },
      data: { chatId: toChatId, chatKey: chatKeyOf(message), payload: sealIfKeyed(JSON.stringify(message)) },
    });
  }
  return rows.length;
}

/**
 * When the next message may go: the earliest retry time among the head rows of the
 * chats (each chat's oldest pending row; later ones wait behind it, whatever their own
 * time). One statement, by the index (state, chatKey, createdAt, id).
 */
export async function nextRetryAt(db: Tx, platforms: string[]): Promise<Date | undefined> {
  if (platforms.length === 0) return undefined;
  const rows = await raw(db).all<{ t: string | Date | null }>(
    `SELECT MIN(o."nextAttemptAt") AS t FROM "OutboxMessage" o
     WHERE o."state" = 'pending' AND o."platform" IN (${platforms.map(() => '?').join(',')})
     AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" p WHERE p."state" = 'pending' AND p."chatKey" = o."chatKey"
       AND (p."createdAt" < o."createdAt" OR (p."createdAt" = o."createdAt" AND p."id" < o."id")))`,
    ...platforms,
  );
  const t = rows[0]?.t;
  return t ? new Date(t) : undefined;
}

/** A bot message as it was sent (its matter, its card, where it went), found by the platform's id of that message. */
export async function sentMessage(db: Tx, platform: string, platformMessageId: string): Promise<Outgoing | undefined> {
  const r = await db.outboxMessage.findFirst({ where: { platform, platformMessageId }, select: { payload: true } });
  return r ? readPayload<Outgoing | undefined>(r.payload, undefined) : undefined;
}

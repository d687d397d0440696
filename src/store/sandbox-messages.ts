// Storage of the local sandbox chat's messages (both people's and the bot's).
import type { Attachment, Card } from '../chat/messages.js';
import { raw } from './lane.js';
import { openOr, sealIfKeyed } from './sealed.js';
import { chunks, placeholders, sqlTime } from './sql.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

export interface SandboxMessageRow {
  id: string;
  cursor: number;
  chatId: string;
  senderId: string;
  fromBot: boolean;
  text: string;
  card?: Card;
  attachments: Attachment[];
  quoteId?: string;
  /** on an update row: the message whose card it replaces */
  updates?: string;
  createdAt: string;
}

// With a data key configured the sandbox's history is sealed too (text, card, attachments): a
// direct chat may carry a restricted clue's content (src/store/sealed.ts). Read back opened.
const sealText = (text: string) => sealIfKeyed(text);
const sealJson = (v: unknown) => (Array.isArray(v) && v.length === 0 ? '[]' : sealIfKeyed(JSON.stringify(v)));
const openJson = <T>(text: string | null, fallback: T): T => (text ? parseJson<T>(openOr(text), fallback) : fallback);

export async function addSandboxMessage(
  db: Tx,
  m: {
    id: string;
    chatId: string;
    senderId: string;
    fromBot: boolean;
    text: string;
    card?: Card;
    attachments?: Attachment[];
    quoteId?: string;
    updatesId?: string;
    idempotencyKey?: string;
    at: Date;
  },
): Promise<{ id: string; cursor: number; duplicate: boolean }> {
  const [r] = await raw(db).all<{ seq: number | bigint }>(
    `INSERT INTO "SandboxMessage" ("id","chatId","senderId","fromBot","text","card","attachments","quoteId","updatesId","idempotencyKey","createdAt") VALUES ${placeholders(1, 11)} RETURNING "seq"`,
    m.id,
    m.chatId,
    m.senderId,
    m.fromBot,
    sealText(m.text),
    m.card ? sealJson(m.card) : null,
    sealJson(m.attachments ?? []),
    m.quoteId ?? null,
    m.updatesId ?? null,
    m.idempotencyKey ?? null,
    sqlTime(m.at),
  );
  return { id: m.id, cursor: Number(r!.seq), duplicate: false };
}

/**
 * The bot's messages, many in one statement, in order; a key already stored (a retried
 * send) is not stored again, and its earlier message's id is returned.
 */
export async function addBotMessages(
  db: Tx,
  items: Array<{
    id: string;
    chatId: string;
    text: string;
    card?: Card;
    attachments?: Attachment[];
    quoteId?: string;
    updatesId?: string;
    idempotencyKey: string;
  }>,
  at: Date,
): Promise<string[]> {
  const columns = [
    'id',
    'chatId',
    'senderId',
    'fromBot',
    'text',
    'card',
    'attachments',
    'quoteId',
    'updatesId',
    'idempotencyKey',
    'createdAt',
  ];
  let added = 0;
  for (const part of chunks(items, columns.length)) {
    added += await raw(db).run(
      `INSERT INTO "SandboxMessage" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(part.length, columns.length)} ON CONFLICT ("idempotencyKey") DO NOTHING`,
      ...part.flatMap((m) => [
        m.id,
        m.chatId,
        'bot',
        true,
        sealText(m.text),
        m.card ? sealJson(m.card) : null,
        sealJson(m.attachments ?? []),
        m.quoteId ?? null,
        m.updatesId ?? null,
        m.idempotencyKey,
        sqlTime(at),
      ]),
    );
  }
  if (added === items.length) return items.map((m) => m.id);
  const stored = await db.sandboxMessage.findMany({
    where: { idempotencyKey: { in: items.map((m) => m.idempotencyKey) } },
    select: { id: true, idempotencyKey: true },
  });
  const byKey = new Map(stored.map((r) => [r.idempotencyKey, r.id]));
  return items.map((m) => byKey.get(m.idempotencyKey) ?? m.id);
}

export async function sandboxMessages(db: Tx, chatId: string, after = 0, limit = 500): Promise<SandboxMessageRow[]> {
  const rows = await db.sandboxMessage.findMany({
    where: { chatId, seq: { gt: after } },
    orderBy: { seq: 'asc' },
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id,
    cursor: r.seq,
    chatId: r.chatId,
    senderId: r.senderId,
    fromBot: r.fromBot,
    text: openOr(r.text),
    card: openJson<Card | undefined>(r.card, undefined),
    attachments: openJson<Attachment[]>(r.attachments, []),
    quoteId: r.quoteId ?? undefined,
    updates: r.updatesId ?? undefined,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The last cursor of each chat, for unread markers on the page. */
export async function sandboxLastCursors(db: Tx): Promise<Record<string, number>> {
  const rows = await db.sandboxMessage.groupBy({ by: ['chatId'], _max: { seq: true } });
  return Object.fromEntries(rows.map((r) => [r.chatId, r._max.seq ?? 0]));
}

export async function findSandboxMessage(db: Tx, id: string) {
  const r = await db.sandboxMessage.findUnique({ where: { id } });
  if (!r) return r;
  return { ...r, text: openOr(r.text), card: r.card ? openOr(r.card) : r.card, attachments: openOr(r.attachments) };
}

export async function sandboxChatIds(db: Tx): Promise<string[]> {
  return (
    await db.sandboxMessage.findMany({ distinct: ['chatId'], select: { chatId: true }, orderBy: { chatId: 'asc' } })
  ).map((r) => r.chatId);
}

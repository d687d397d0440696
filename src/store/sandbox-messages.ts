// Storage of the local sandbox chat's messages (both people's and the bot's).
import type { Attachment, Card } from '../bot/types.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';
import { sqlTime } from './sql.js';

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

export async function addSandboxMessage(
  db: Tx,
  m: { id: string; chatId: string; senderId: string; fromBot: boolean; text: string; card?: Card; attachments?: Attachment[]; quoteId?: string; updatesId?: string; idempotencyKey?: string; at: Date },
): Promise<{ id: string; cursor: number; duplicate: boolean }> {
  if (m.idempotencyKey) {
    // the bot's messages: one statement; a repeated key (a retried send) inserts nothing
    const added = await db.$executeRawUnsafe(
      `INSERT INTO "SandboxMessage" ("id","chatId","senderId","fromBot","text","card","attachments","quoteId","updatesId","idempotencyKey","createdAt")
       VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT ("idempotencyKey") DO NOTHING`,
      m.id, m.chatId, m.senderId, m.fromBot ? 1 : 0, m.text, m.card ? JSON.stringify(m.card) : null, JSON.stringify(m.attachments ?? []), m.quoteId ?? null, m.updatesId ?? null, m.idempotencyKey, sqlTime(m.at),
    );
    if (added === 1) return { id: m.id, cursor: 0, duplicate: false };
    const existing = await db.sandboxMessage.findUniqueOrThrow({ where: { idempotencyKey: m.idempotencyKey } });
    return { id: existing.id, cursor: existing.seq, duplicate: true };
  }
  const r = await db.sandboxMessage.create({
    data: {
      id: m.id,
      chatId: m.chatId,
      senderId: m.senderId,
      fromBot: m.fromBot,
      text: m.text,
      card: m.card ? JSON.stringify(m.card) : null,
      attachments: JSON.stringify(m.attachments ?? []),
      quoteId: m.quoteId ?? null,
      updatesId: m.updatesId ?? null,
      idempotencyKey: m.idempotencyKey ?? null,
      createdAt: m.at,
    },
  });
  return { id: r.id, cursor: r.seq, duplicate: false };
}

export async function sandboxMessages(db: Tx, chatId: string, after = 0, limit = 500): Promise<SandboxMessageRow[]> {
  const rows = await db.sandboxMessage.findMany({ where: { chatId, seq: { gt: after } }, orderBy: { seq: 'asc' }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    cursor: r.seq,
    chatId: r.chatId,
    senderId: r.senderId,
    fromBot: r.fromBot,
    text: r.text,
    card: r.card ? parseJson<Card>(r.card, undefined as unknown as Card) : undefined,
    attachments: parseJson<Attachment[]>(r.attachments, []),
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
  return db.sandboxMessage.findUnique({ where: { id } });
}

export async function sandboxChatIds(db: Tx): Promise<string[]> {
  return (await db.sandboxMessage.findMany({ distinct: ['chatId'], select: { chatId: true }, orderBy: { chatId: 'asc' } })).map((r) => r.chatId);
}

// 审计日志: append-only. `detail` carries codes and verdicts, never clue text. Every row is a
// link of the audit chain (src/store/audit-chain.ts), written in the transaction of the action.
// The application never deletes a row; only a configured retention (LIANDONG_AUDIT_KEEP_MONTHS,
// not under six months: 网络安全法 第二十一条) removes the oldest, from the chain's start.
import { linkNew, type NewLink } from './audit-chain.js';
import { raw } from './lane.js';
import { chunks, isPostgres, orderedId, placeholders, sqlTime } from './sql.js';
import type { Tx } from './tx.js';

export interface AuditInput {
  actor: string;
  actorId?: string | null;
  action: string;
  subject?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

const COLUMNS = ['id', 'at', 'actorId', 'actor', 'action', 'subject', 'detail', 'chainSeq', 'prevHash', 'hash', 'mac'];
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(',');

/** scripts/audit-bench.ts only: `linked: false` writes rows as before the chain, to time what the chain costs. */
export const auditBench = { linked: true };

/** Appends audit events as the chain's next links: the last step of the transaction (it holds the chain's head). */
export async function appendAudits(db: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const now = events.reduce((a, e) => (e.at > a ? e.at : a), events[0]!.at);
  const rows = events.map((e) => ({
    id: orderedId(),
    at: e.at,
    actorId: e.actorId ?? null,
    actor: e.actor,
    action: e.action,
    subject: e.subject ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  }));
  if (!auditBench.linked)
    return insertRows(
      db,
      rows.map((r) => ({ ...r, seq: null, prevHash: null, hash: null, mac: null })),
    );
  const { links, move } = await linkNew(db, rows, now);
  // PostgreSQL: the head moves in the same statement as the rows go in (one round trip fewer while it is locked)
  if (move && isPostgres(db)) return insertRows(db, links, move);
  await insertRows(db, links);
  if (move) await raw(db).run(move.sql, ...move.args);
}

type Row = NewLink & { seq: number | null; prevHash: string | null; hash: string | null; mac: string | null };

async function insertRows(db: Tx, rows: Row[], withLast?: { sql: string; args: unknown[] }): Promise<void> {
  const parts = chunks(rows, COLUMNS.length);
  for (const [i, part] of parts.entries()) {
    const insert = `INSERT INTO "AuditEvent" (${COLUMN_LIST}) VALUES ${placeholders(part.length, COLUMNS.length)}`;
    const values = part.flatMap((e) => [
      e.id,
      sqlTime(e.at),
      e.actorId,
      e.actor,
      e.action,
      e.subject,
      e.detail,
      e.seq,
      e.prevHash,
      e.hash,
      e.mac,
    ]);
    const last = withLast && i === parts.length - 1;
    if (last) await raw(db).run(`WITH "moved" AS (${withLast.sql}) ${insert}`, ...withLast.args, ...values);
    else await raw(db).run(insert, ...values);
  }
}

export async function auditFor(db: Tx, subject: string) {
  return db.auditEvent.findMany({ where: { subject }, orderBy: { at: 'asc' } });
}

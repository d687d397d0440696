// 审计日志: append-only. `detail` carries codes and verdicts, never clue text.
import { raw } from './lane.js';
import { chunks, orderedId, placeholders, sqlTime } from './sql.js';
import type { Tx } from './tx.js';

export interface AuditInput {
  actor: string;
  actorId?: string | null;
  action: string;
  subject?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

/** Appends audit events, in one statement. */
export async function appendAudits(db: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const columns = ['id', 'at', 'actorId', 'actor', 'action', 'subject', 'detail'];
  for (const part of chunks(events, columns.length))
    await raw(db).run(
      `INSERT INTO "AuditEvent" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(part.length, columns.length)}`,
      ...part.flatMap((e) => [
        orderedId(),
        sqlTime(e.at),
        e.actorId ?? null,
        e.actor,
        e.action,
        e.subject ?? null,
        JSON.stringify(e.detail ?? {}),
      ]),
    );
}

export async function auditFor(db: Tx, subject: string) {
  return db.auditEvent.findMany({ where: { subject }, orderBy: { at: 'asc' } });
}

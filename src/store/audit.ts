// 审计日志: append-only. `detail` carries codes and verdicts, never clue text.
import { orderedId } from './sql.js';
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
  await db.auditEvent.createMany({
    data: events.map((e) => ({ id: orderedId(), actor: e.actor, actorId: e.actorId ?? null, action: e.action, subject: e.subject ?? null, detail: JSON.stringify(e.detail ?? {}), at: e.at })),
  });
}

export async function auditFor(db: Tx, subject: string) {
  return db.auditEvent.findMany({ where: { subject }, orderBy: { at: 'asc' } });
}

// 审计日志: append-only. `detail` carries codes and verdicts, never clue text.
import type { Tx } from './tx.js';

export interface AuditInput {
  actor: string;
  actorId?: string | null;
  action: string;
  subject?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

export async function appendAudit(db: Tx, e: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: { actor: e.actor, actorId: e.actorId ?? null, action: e.action, subject: e.subject ?? null, detail: JSON.stringify(e.detail ?? {}), at: e.at },
  });
}

export async function auditFor(db: Tx, subject: string) {
  return db.auditEvent.findMany({ where: { subject }, orderBy: { at: 'asc' } });
}

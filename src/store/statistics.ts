// The facts the statistics are computed from (src/domain/statistics.ts): every matter with
// its replies, evaluations, extensions, clue stages and escalations. Plain SQL, a handful of
// statements whatever the size: the digest reads 100,000 matters in well under a second.
import { shanghaiDate } from '../domain/civil-date.js';
import type { MatterFacts } from '../domain/statistics.js';
import type { Tx } from './tx.js';

const day = (v: string | Date | null | undefined): string | undefined => (v === null || v === undefined ? undefined : shanghaiDate(v instanceof Date ? v : new Date(v)));

interface MatterSql {
  id: string;
  code: string;
  kind: string;
  title: string;
  responsibleOrgId: string;
  issuingOrgId: string;
  status: string;
  confidentiality: string;
  createdAt: string | Date;
  servedOn: string;
  originalDueOn: string;
  dueOn: string;
  closedAt: string | Date | null;
}

/** Every matter as facts. */
export async function matterFacts(db: Tx): Promise<MatterFacts[]> {
  const [matters, replies, evaluations, extensions, clues, escalations] = await Promise.all([
    db.$queryRawUnsafe<MatterSql[]>(`SELECT "id","code","kind","title","responsibleOrgId","issuingOrgId","status","confidentiality","createdAt","servedOn","originalDueOn","dueOn","closedAt" FROM "Matter"`),
    db.$queryRawUnsafe<Array<{ matterId: string; submittedAt: string | Date }>>(`SELECT "matterId","submittedAt" FROM "Reply" ORDER BY "submittedAt"`),
    db.$queryRawUnsafe<Array<{ matterId: string; verdict: string; createdAt: string | Date; newDueOn: string | null }>>(`SELECT "matterId","verdict","createdAt","newDueOn" FROM "Evaluation" ORDER BY "createdAt"`),
    db.$queryRawUnsafe<Array<{ matterId: string; status: string; decidedAt: string | Date | null; newDueOn: string | null }>>(`SELECT "matterId","status","decidedAt","newDueOn" FROM "ExtensionRequest" ORDER BY "createdAt"`),
    db.$queryRawUnsafe<Array<{ matterId: string; acceptedOn: string | null; acceptDueOn: string | null }>>(`SELECT "matterId","acceptedOn","acceptDueOn" FROM "Clue"`),
    db.$queryRawUnsafe<Array<{ subject: string }>>(`SELECT DISTINCT "subject" FROM "AuditEvent" WHERE "action" IN ('escalation.sent','clue.escalation') AND "subject" IS NOT NULL`),
  ]);
  const group = <T extends { matterId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.matterId, [...(m.get(r.matterId) ?? []), r]);
    return m;
  };
  const R = group(replies);
  const E = group(evaluations);
  const X = group(extensions);
  const C = new Map(clues.map((c) => [c.matterId, c]));
  const escalated = new Set(escalations.map((e) => e.subject));
  return matters.map((m) => {
    const clue = C.get(m.id);
    const f: MatterFacts = {
      code: m.code,
      kind: m.kind,
      title: m.title,
      orgId: m.responsibleOrgId,
      fromOrgId: m.issuingOrgId,
      status: m.status,
      restricted: m.confidentiality === 'restricted',
      createdOn: day(m.createdAt)!,
      servedOn: m.servedOn,
      originalDueOn: m.originalDueOn,
      dueOn: m.dueOn,
      closedOn: day(m.closedAt),
      replies: (R.get(m.id) ?? []).map((r) => day(r.submittedAt)!),
      evaluations: (E.get(m.id) ?? []).map((e) => ({ verdict: e.verdict as 'pass' | 'return', on: day(e.createdAt)!, newDueOn: e.newDueOn ?? undefined })),
      extensions: (X.get(m.id) ?? []).map((x) => ({ status: x.status as 'pending' | 'approved' | 'declined', decidedOn: day(x.decidedAt), newDueOn: x.newDueOn ?? undefined })),
      escalated: escalated.has(m.code),
    };
    if (clue) f.clue = { acceptedOn: clue.acceptedOn ?? undefined, acceptDueOn: clue.acceptDueOn ?? undefined };
    return f;
  });
}


// The facts the statistics are computed from (src/domain/statistics.ts): every matter with
// its replies, evaluations, extensions, clue stages and escalations. Plain SQL, a handful of
// statements whatever the size: the digest reads 100,000 matters in well under a second.
import { shanghaiDate } from '../domain/civil-date.js';
import type { MatterFacts } from '../domain/statistics.js';
import { createRequire } from 'node:module';
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

const QUERIES = [
  `SELECT "id","code","kind","title","responsibleOrgId","issuingOrgId","status","confidentiality","createdAt","servedOn","originalDueOn","dueOn","closedAt" FROM "Matter"`,
  `SELECT "matterId","submittedAt" FROM "Reply" ORDER BY "submittedAt"`,
  `SELECT "matterId","verdict","createdAt","newDueOn" FROM "Evaluation" ORDER BY "createdAt"`,
  `SELECT "matterId","status","decidedAt","newDueOn" FROM "ExtensionRequest" ORDER BY "createdAt"`,
  `SELECT "matterId","acceptedOn","acceptDueOn" FROM "Clue"`,
  `SELECT DISTINCT "subject" FROM "AuditEvent" WHERE "action" IN ('escalation.sent','clue.escalation') AND "subject" IS NOT NULL`,
] as const;

type Rows = [
  MatterSql[],
  Array<{ matterId: string; submittedAt: string | Date }>,
  Array<{ matterId: string; verdict: string; createdAt: string | Date; newDueOn: string | null }>,
  Array<{ matterId: string; status: string; decidedAt: string | Date | null; newDueOn: string | null }>,
  Array<{ matterId: string; acceptedOn: string | null; acceptDueOn: string | null }>,
  Array<{ subject: string }>,
];

/** A read-only connection of its own to the SQLite file, for reads of the whole ledger (WAL: writers go on). */
type Statement = { all(): unknown[]; raw(): { all(): unknown[][] } };
const readers = new Map<string, { prepare(sql: string): Statement }>();
function reader(file: string) {
  let r = readers.get(file);
  if (!r) {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string, o: { readonly: boolean; fileMustExist: boolean }) => { prepare(sql: string): Statement };
    readers.set(file, (r = new Database(file, { readonly: true, fileMustExist: true })));
  }
  return r;
}

/**
 * Every matter as facts. With the SQLite file named, the rows are read on a read-only
 * connection of their own, as plain arrays, without the query engine. `slim` leaves out
 * the titles and the referring units (the digest reads the few it lists afterwards):
 * 100,000 matters are then about half the work.
 */
export async function matterFacts(db: Tx, sqliteFile?: string, opts: { slim?: boolean } = {}): Promise<MatterFacts[]> {
  const columns = ['id', 'code', 'kind', opts.slim ? "''" : 'title', 'responsibleOrgId', opts.slim ? "''" : 'issuingOrgId', 'status', 'confidentiality', 'createdAt', 'servedOn', 'originalDueOn', 'dueOn', 'closedAt'];
  const matterSql = `SELECT ${columns.map((c) => (c.startsWith("'") ? c : `"${c}"`)).join(',')} FROM "Matter"`;
  const queries = [matterSql, ...QUERIES.slice(1)];
  let rows: Rows;
  if (sqliteFile) {
    const r = reader(sqliteFile);
    const [m, ...rest] = queries.map((q, i) => (i === 0 ? r.prepare(q).raw().all() : r.prepare(q).all()));
    const matters = (m as unknown as string[][]).map(
      (a): MatterSql => ({ id: a[0]!, code: a[1]!, kind: a[2]!, title: a[3]!, responsibleOrgId: a[4]!, issuingOrgId: a[5]!, status: a[6]!, confidentiality: a[7]!, createdAt: a[8]!, servedOn: a[9]!, originalDueOn: a[10]!, dueOn: a[11]!, closedAt: a[12] ?? null }),
    );
    rows = [matters, ...rest] as unknown as Rows;
  } else rows = (await Promise.all(queries.map((q) => db.$queryRawUnsafe(q)))) as Rows;
  const [matters, replies, evaluations, extensions, clues, escalations] = rows;
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


// The facts the statistics are computed from (src/domain/statistics.ts): every matter with
// its replies, evaluations, extensions, clue stages and escalations. Plain SQL, a handful of
// statements whatever the size: the digest reads 100,000 matters in well under a second.

import { createRequire } from 'node:module';
import { shanghaiDate } from '../domain/civil-date.js';
import type { MatterFacts } from '../domain/statistics.js';
import type { Tx } from './tx.js';

const day = (v: string | Date | null | undefined): string | undefined =>
  v === null || v === undefined ? undefined : shanghaiDate(v instanceof Date ? v : new Date(v));

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
  /** createdAt and closedAt are civil days already (read by columnarMatters) */
  civil?: boolean;
}

const QUERIES = [
  `SELECT "id","code","kind","title","responsibleOrgId","issuingOrgId","status","confidentiality","createdAt","servedOn","originalDueOn","dueOn","closedAt" FROM "Matter"`,
  `SELECT "matterId","submittedAt","setsDueOn" FROM "Reply" ORDER BY "submittedAt"`,
  `SELECT "matterId","verdict","createdAt","newDueOn" FROM "Evaluation" ORDER BY "createdAt"`,
  `SELECT "matterId","status","decidedAt","newDueOn" FROM "ExtensionRequest" ORDER BY "createdAt"`,
  `SELECT c."matterId",c."acceptedOn",c."acceptDueOn",(SELECT MAX(s."at") FROM "ClueStep" s WHERE s."matterId" = c."matterId" AND s."action" = 'return') AS "bouncedAt" FROM "Clue" c`,
  `SELECT DISTINCT "subject" FROM "AuditEvent" WHERE "action" IN ('escalation.sent','clue.escalation') AND "subject" IS NOT NULL`,
  `SELECT "matterId", COUNT(*) AS "n" FROM "Supervision" GROUP BY "matterId"`,
] as const;

type Rows = [
  MatterSql[],
  Array<{ matterId: string; submittedAt: string | Date; setsDueOn: string | null }>,
  Array<{ matterId: string; verdict: string; createdAt: string | Date; newDueOn: string | null }>,
  Array<{ matterId: string; status: string; decidedAt: string | Date | null; newDueOn: string | null }>,
  Array<{ matterId: string; acceptedOn: string | null; acceptDueOn: string | null; bouncedAt: string | Date | null }>,
  Array<{ subject: string }>,
  Array<{ matterId: string; n: number | bigint }>,
];

/** A read-only connection of its own to the SQLite file, for reads of the whole ledger (WAL: writers go on). */
type Statement = { all(): unknown[]; raw(): { all(): unknown[][] } };
const readers = new Map<string, { prepare(sql: string): Statement }>();
function reader(file: string) {
  let r = readers.get(file);
  if (!r) {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (
      f: string,
      o: { readonly: boolean; fileMustExist: boolean },
    ) => { prepare(sql: string): Statement };
    readers.set(file, (r = new Database(file, { readonly: true, fileMustExist: true })));
  }
  return r;
}

const SEP = '\x1f'; // a control character: refused in every text the bot stores

/**
 * The matters read column by column: SQLite joins each column into one string (C, fast)
 * and the civil days of the instants are computed there too, so 100,000 rows cost a few
 * splits instead of 100,000 row objects and 200,000 date parses.
 */
function columnarMatters(r: { prepare(sql: string): Statement }, slim: boolean): MatterSql[] {
  const cols = [
    '"id"',
    '"code"',
    '"kind"',
    slim ? "''" : '"title"',
    '"responsibleOrgId"',
    slim ? "''" : '"issuingOrgId"',
    '"status"',
    '"confidentiality"',
    `date("createdAt", '+8 hours')`,
    '"servedOn"',
    '"originalDueOn"',
    '"dueOn"',
    `coalesce(date("closedAt", '+8 hours'), '')`,
  ];
  const [row] = r
    .prepare(
      `SELECT count(*), ${cols.map((c) => `group_concat(${c}, char(31))`).join(',')} FROM (SELECT * FROM "Matter" ORDER BY rowid)`,
    )
    .raw()
    .all() as Array<[number, ...Array<string | null>]>;
  const n = row?.[0] ?? 0;
  if (!n) return [];
  const c = (row!.slice(1) as Array<string | null>).map((v) => (v ?? '').split(SEP));
  const out: MatterSql[] = new Array(n);
  for (let i = 0; i < n; i++)
    out[i] = {
      id: c[0]![i]!,
      code: c[1]![i]!,
      kind: c[2]![i]!,
      title: slim ? '' : c[3]![i]!,
      responsibleOrgId: c[4]![i]!,
      issuingOrgId: slim ? '' : c[5]![i]!,
      status: c[6]![i]!,
      confidentiality: c[7]![i]!,
      createdAt: c[8]![i]!,
      servedOn: c[9]![i]!,
      originalDueOn: c[10]![i]!,
      dueOn: c[11]![i]!,
      closedAt: c[12]![i]! || null,
      civil: true,
    };
  return out;
}

/**
 * Every matter as facts. With the SQLite file named, the rows are read on a read-only
 * connection of their own, as plain arrays, without the query engine. `slim` leaves out
 * the titles and the referring units (the digest reads the few it lists afterwards):
 * 100,000 matters are then about half the work.
 */
export async function matterFacts(db: Tx, sqliteFile?: string, opts: { slim?: boolean } = {}): Promise<MatterFacts[]> {
  const columns = [
    'id',
    'code',
    'kind',
    opts.slim ? "''" : 'title',
    'responsibleOrgId',
    opts.slim ? "''" : 'issuingOrgId',
    'status',
    'confidentiality',
    'createdAt',
    'servedOn',
    'originalDueOn',
    'dueOn',
    'closedAt',
  ];
  const matterSql = `SELECT ${columns.map((c) => (c.startsWith("'") ? c : `"${c}"`)).join(',')} FROM "Matter"`;
  const queries = [matterSql, ...QUERIES.slice(1)];
  let rows: Rows;
  if (sqliteFile) {
    const r = reader(sqliteFile);
    const [, ...rest] = queries.map((q, i) => (i === 0 ? [] : r.prepare(q).all()));
    rows = [columnarMatters(r, opts.slim ?? false), ...rest] as unknown as Rows;
  } else rows = (await Promise.all(queries.map((q) => db.$queryRawUnsafe(q)))) as Rows;
  const [matters, replies, evaluations, extensions, clues, escalations, supervisions] = rows;
  const S = new Map(supervisions.map((s) => [s.matterId, Number(s.n)]));
  const group = <T extends { matterId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.matterId);
      if (list) list.push(r);
      else m.set(r.matterId, [r]);
    }
    return m;
  };
  const R = group(replies);
  const E = group(evaluations);
  const X = group(extensions);
  const C = new Map(clues.map((c) => [c.matterId, c]));
  const escalated = new Set(escalations.map((e) => e.subject));
  return matters.map((m) => factsOf(m, { R, E, X, C, S, escalated }));
}

type Grouped = {
  R: Map<string, Rows[1]>;
  E: Map<string, Rows[2]>;
  X: Map<string, Rows[3]>;
  C: Map<string, Rows[4][number]>;
  S: Map<string, number>;
  escalated: Set<string>;
};

/** One matter's facts from its row and the rows beside it (grouped by matter). */
function factsOf(m: MatterSql, { R, E, X, C, S, escalated }: Grouped): MatterFacts {
  const clue = C.get(m.id);
  const f: MatterFacts = {
    code: m.code,
    kind: m.kind,
    title: m.title,
    orgId: m.responsibleOrgId,
    fromOrgId: m.issuingOrgId,
    status: m.status,
    restricted: m.confidentiality === 'restricted',
    createdOn: m.civil ? (m.createdAt as string) : day(m.createdAt)!,
    servedOn: m.servedOn,
    originalDueOn: m.originalDueOn,
    dueOn: m.dueOn,
    closedOn: m.civil ? ((m.closedAt as string | null) ?? undefined) : day(m.closedAt),
    replies: (R.get(m.id) ?? []).map((r) => day(r.submittedAt)!),
    rectifications: (R.get(m.id) ?? [])
      .filter((r) => r.setsDueOn)
      .map((r) => ({ on: day(r.submittedAt)!, dueOn: r.setsDueOn! })),
    evaluations: (E.get(m.id) ?? []).map((e) => ({
      verdict: e.verdict as MatterFacts['evaluations'][number]['verdict'],
      on: day(e.createdAt)!,
      newDueOn: e.newDueOn ?? undefined,
    })),
    extensions: (X.get(m.id) ?? []).map((x) => ({
      status: x.status as 'pending' | 'approved' | 'declined',
      decidedOn: day(x.decidedAt),
      newDueOn: x.newDueOn ?? undefined,
    })),
    escalated: escalated.has(m.code),
    supervisions: S.get(m.id) ?? 0,
  };
  if (clue)
    f.clue = {
      acceptedOn: clue.acceptedOn ?? undefined,
      acceptDueOn: clue.acceptDueOn ?? undefined,
      // accepted: the matter's due date is the closing limit of its stage
      closeDueOn: clue.acceptedOn ? m.dueOn : undefined,
      bouncedOn: day(clue.bouncedAt),
    };
  return f;
}

/** The meetings proposed or planned between two days (inclusive), earliest first: the digest's 近期会议. */
export async function meetingsAhead(db: Tx, from: string, to: string, take: number) {
  return db.meeting.findMany({
    where: { status: { in: ['proposed', 'planned'] }, heldOn: { gte: from, lte: to } },
    orderBy: { heldOn: 'asc' },
    take,
  });
}

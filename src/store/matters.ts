// 事项: matters with their human codes, replies, evaluations and extension requests.
import { isOpenStatus, OWING_STATUSES } from '../domain/matter-state.js';
import { MATTER_CODE_PREFIX, type MatterKind } from '../domain/vocabulary.js';
import type { Matter } from '../generated/prisma/client.ts';
import { raw } from './lane.js';
import { chunks, orderedId, placeholders, sqlValue } from './sql.js';
import type { Tx } from './tx.js';

/** The next human code for a kind and year: JY-2026-001, JY-2026-002 … */
export async function nextMatterCode(db: Tx, kind: MatterKind, year: number): Promise<string> {
  return nextCode(db, MATTER_CODE_PREFIX[kind], year);
}

/** A code taken as it is (an imported ledger): later codes of its prefix and year come after it. */
export async function keepCodeSequence(db: Tx, code: string): Promise<void> {
  const m = /^([A-Z]+-\d{4})-(\d+)$/.exec(code);
  if (!m) return;
  const n = Number(m[2]);
  await raw(db).run(
    `INSERT INTO "CodeSequence" ("key","last") VALUES (?,?) ON CONFLICT ("key") DO UPDATE SET "last" = CASE WHEN excluded."last" > "CodeSequence"."last" THEN excluded."last" ELSE "CodeSequence"."last" END`,
    m[1],
    n,
  );
}

export type NewMatter = Pick<
  Matter,
  | 'code'
  | 'kind'
  | 'title'
  | 'issuingOrgId'
  | 'responsibleOrgId'
  | 'servedOn'
  | 'periodRule'
  | 'dueOn'
  | 'originalDueOn'
  | 'dueBasis'
  | 'createdAt'
> &
  Partial<
    Pick<
      Matter,
      | 'summary'
      | 'confidentiality'
      | 'urgent'
      | 'dueProvisional'
      | 'status'
      | 'meetingId'
      | 'createdById'
      | 'relatedMatterId'
      | 'docNumber'
      | 'documents'
    >
  >;

/** Adds a matter, in one statement (the registration's hot path); the row as stored. */
export async function insertMatter(db: Tx, data: NewMatter): Promise<Matter> {
  return (await insertMatters(db, [data]))[0]!;
}

/** Adds matters, many rows a statement (an imported ledger); the rows as stored, in order. */
export async function insertMatters(db: Tx, list: NewMatter[]): Promise<Matter[]> {
  const rows = list.map((data): Matter => {
    const status = data.status ?? 'registered';
    return {
      id: orderedId(),
      summary: '',
      confidentiality: 'internal',
      urgent: false,
      dueProvisional: false,
      meetingId: null,
      relatedMatterId: null,
      docNumber: null,
      documents: '[]',
      createdById: null,
      ...data,
      status,
      isOpen: isOpenStatus(status),
      updatedAt: data.createdAt,
      closedAt: null,
    };
  });
  if (!rows.length) return rows;
  const columns = Object.keys(rows[0]!) as Array<keyof Matter>;
  for (const part of chunks(rows, columns.length))
    await raw(db).run(
      `INSERT INTO "Matter" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(part.length, columns.length)}`,
      ...part.flatMap((m) => columns.map((c) => sqlValue(m[c]))),
    );
  return rows;
}

/** The next code for a prefix and year: HY-2026-001 (meetings) … */
export async function nextCode(db: Tx, prefix: string, year: number): Promise<string> {
  const key = `${prefix}-${year}`;
  const [row] = await raw(db).all<{ last: number | bigint }>(
    `INSERT INTO "CodeSequence" ("key","last") VALUES (?,1) ON CONFLICT ("key") DO UPDATE SET "last" = "CodeSequence"."last" + 1 RETURNING "last"`,
    key,
  );
  return `${key}-${String(Number(row!.last)).padStart(3, '0')}`;
}

/** `n` new codes of a prefix and year at once, in order (an imported ledger's rows without one). */
export async function reserveCodes(db: Tx, prefix: string, year: number, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const key = `${prefix}-${year}`;
  const [row] = await raw(db).all<{ last: number | bigint }>(
    `INSERT INTO "CodeSequence" ("key","last") VALUES (?,?) ON CONFLICT ("key") DO UPDATE SET "last" = "CodeSequence"."last" + ? RETURNING "last"`,
    key,
    n,
    n,
  );
  const last = Number(row!.last);
  return Array.from({ length: n }, (_, i) => `${key}-${String(last - n + 1 + i).padStart(3, '0')}`);
}

export const matterInclude = { responsibleOrg: true, issuingOrg: true } as const;

/** The matters a 文号 names (an office may write the same 文号 on two by mistake: all of them). */
export async function findMattersByDocNumber(db: Tx, docNumber: string) {
  return db.matter.findMany({ where: { docNumber }, include: matterInclude, take: 5 });
}

export async function findMatterByCode(db: Tx, code: string) {
  return db.matter.findUnique({ where: { code: code.toUpperCase() }, include: matterInclude });
}

export async function findMatterById(db: Tx, id: string) {
  return db.matter.findUnique({ where: { id }, include: matterInclude });
}

/** Several matters with their orgs, read together (a batch of due jobs). */
export async function findMattersByIds(db: Tx, ids: string[]): Promise<Map<string, MatterWithOrgs>> {
  if (ids.length === 0) return new Map();
  const rows = await db.matter.findMany({ where: { id: { in: ids } }, include: matterInclude });
  return new Map(rows.map((m) => [m.id, m]));
}

/** A matter of this unit and title that this person registered since `since` (a double send). */
export async function recentTwin(
  db: Tx,
  q: { orgId: string; title: string; createdById: string | null; since: Date },
): Promise<{ code: string } | null> {
  return db.matter.findFirst({
    where: { responsibleOrgId: q.orgId, title: q.title, createdById: q.createdById, createdAt: { gte: q.since } },
    select: { code: true },
    orderBy: { createdAt: 'desc' },
  });
}

/** The due dates and states of matters, by id (an import's reminders are planned from them). */
export async function dueDatesOf(db: Tx, ids: string[]): Promise<Array<{ id: string; dueOn: string; status: string }>> {
  return db.matter.findMany({ where: { id: { in: ids } }, select: { id: true, dueOn: true, status: true } });
}

export type MatterWithOrgs = NonNullable<Awaited<ReturnType<typeof findMatterById>>>;

const openWhere = (responsibleOrgId?: string) => ({ isOpen: true, ...(responsibleOrgId ? { responsibleOrgId } : {}) });

/** The ledger's figures: open matters by status, and how many are overdue (awaiting an answer past their date). */
export async function ledgerCounts(db: Tx, responsibleOrgId: string | undefined, today: string) {
  const byStatus = await db.matter.groupBy({
    by: ['status'],
    where: openWhere(responsibleOrgId),
    _count: { _all: true },
  });
  const overdue = await db.matter.count({
    where: {
      status: { in: [...OWING_STATUSES] },
      dueOn: { lt: today },
      ...(responsibleOrgId ? { responsibleOrgId } : {}),
    },
  });
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r._count._all])) as Record<string, number>;
  return { total: Object.values(counts).reduce((a, b) => a + b, 0), byStatus: counts, overdue };
}

/** One page of open matters in due order (index (isOpen, responsibleOrgId, dueOn, code)). */
export async function openMattersPage(db: Tx, responsibleOrgId: string | undefined, page: number, size: number) {
  return db.matter.findMany({
    where: { isOpen: true, ...(responsibleOrgId ? { responsibleOrgId } : {}) },
    include: matterInclude,
    orderBy: [{ dueOn: 'asc' }, { code: 'asc' }],
    skip: (page - 1) * size,
    take: size,
  });
}

/** Every open matter in due order, a chunk at a time (the complete ledger file, without holding it all). */
export async function* openMattersInChunks(db: Tx, responsibleOrgId: string | undefined, chunk = 2000) {
  for (let skip = 0; ; skip += chunk) {
    const rows = await db.matter.findMany({
      where: { isOpen: true, ...(responsibleOrgId ? { responsibleOrgId } : {}) },
      select: {
        code: true,
        docNumber: true,
        kind: true,
        title: true,
        servedOn: true,
        dueOn: true,
        dueProvisional: true,
        status: true,
        responsibleOrg: { select: { name: true } },
      },
      orderBy: [{ dueOn: 'asc' }, { code: 'asc' }],
      skip,
      take: chunk,
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < chunk) return;
  }
}

export async function matterHistory(db: Tx, matterId: string) {
  const [replies, evaluations, extensions] = await Promise.all([
    db.reply.findMany({ where: { matterId }, orderBy: { version: 'asc' } }),
    db.evaluation.findMany({ where: { matterId }, orderBy: { createdAt: 'asc' } }),
    db.extensionRequest.findMany({ where: { matterId }, orderBy: { createdAt: 'asc' } }),
  ]);
  return { replies, evaluations, extensions };
}

export async function latestReply(db: Tx, matterId: string) {
  return db.reply.findFirst({ where: { matterId }, orderBy: { version: 'desc' } });
}

export async function pendingExtension(db: Tx, matterId: string) {
  return db.extensionRequest.findFirst({ where: { matterId, status: 'pending' }, orderBy: { createdAt: 'desc' } });
}

/** What may change on a matter after registration; a new status keeps its open/closed flag with it. */
export type MatterChange = Partial<
  Pick<
    Matter,
    | 'status'
    | 'dueOn'
    | 'periodRule'
    | 'dueProvisional'
    | 'dueBasis'
    | 'responsibleOrgId'
    | 'servedOn'
    | 'closedAt'
    | 'updatedAt'
    | 'title'
    | 'originalDueOn'
    | 'docNumber'
    | 'documents'
  >
>;

export async function updateMatter(db: Tx, id: string, change: MatterChange): Promise<void> {
  const data = change.status ? { ...change, isOpen: isOpenStatus(change.status) } : change;
  await db.matter.update({ where: { id }, data });
}

/** The open tasks (重点任务), of one unit when given, in due order. */
export async function openTasks(db: Tx, opts: { orgId?: string; take?: number } = {}) {
  return db.matter.findMany({
    where: { kind: 'task', isOpen: true, ...(opts.orgId ? { responsibleOrgId: opts.orgId } : {}) },
    orderBy: [{ dueOn: 'asc' }, { code: 'asc' }],
    take: opts.take,
    include: { responsibleOrg: true },
  });
}

/** The titles of the matters with these codes (code → title). */
export async function titlesByCode(db: Tx, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.matter.findMany({ where: { code: { in: codes } }, select: { code: true, title: true } });
  return new Map(rows.map((r) => [r.code, r.title]));
}

/** Every matter code in the ledger (an import must not take one twice). */
export async function allMatterCodes(db: Tx): Promise<Set<string>> {
  return new Set((await db.matter.findMany({ select: { code: true } })).map((m) => m.code));
}

/** What the ledger workbook shows beside the figures: period, summary, meeting and clue of each code. */
export async function ledgerDetails(db: Tx, codes: string[]) {
  const rows = await db.matter.findMany({
    where: { code: { in: codes } },
    select: {
      id: true,
      code: true,
      docNumber: true,
      periodRule: true,
      summary: true,
      meeting: { select: { code: true, title: true } },
      clue: true,
    },
  });
  return new Map(rows.map((m) => [m.code, m]));
}

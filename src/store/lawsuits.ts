// 行政应诉 (YS-…): the Lawsuit row beside its Matter (kind lawsuit), and the queries the figures
// and the procuratorate's list read. Only this module touches the Lawsuit table.
import { type LawsuitFacts, lawsuitFigures, type UnitLawsuitFigures } from '../domain/lawsuit-figures.js';
import type { Lawsuit, Prisma } from '../generated/prisma/client.ts';
import { matterInclude } from './matters.js';
import type { Tx } from './tx.js';

/** A lawsuit as stored (the family reads it through these functions). */
export type LawsuitRow = Lawsuit;
export type NewLawsuit = Omit<Prisma.LawsuitUncheckedCreateInput, 'id'>;
export type LawsuitChange = Partial<Omit<Lawsuit, 'id' | 'matterId' | 'createdAt'>>;

export async function insertLawsuit(db: Tx, data: NewLawsuit): Promise<Lawsuit> {
  return db.lawsuit.create({ data });
}

export async function updateLawsuit(db: Tx, id: string, change: LawsuitChange): Promise<void> {
  await db.lawsuit.update({ where: { id }, data: change });
}

export async function lawsuitOfMatter(db: Tx, matterId: string): Promise<Lawsuit | null> {
  return db.lawsuit.findUnique({ where: { matterId } });
}

/** A case already registered under the same 案号 for the same unit (registered twice by mistake). */
export async function lawsuitByCaseNumber(db: Tx, caseNumber: string, orgId: string) {
  const rows = await db.lawsuit.findMany({ where: { caseNumber } });
  if (!rows.length) return undefined;
  const matters = await db.matter.findMany({
    where: { id: { in: rows.map((r) => r.matterId) }, responsibleOrgId: orgId },
    select: { code: true },
  });
  return matters[0]?.code;
}

/** Cases with their matters, in code order: all, or those the filter names. */
async function casesWith(db: Tx, where: Prisma.LawsuitWhereInput) {
  const rows = await db.lawsuit.findMany({ where });
  const matters = await db.matter.findMany({
    where: { id: { in: rows.map((r) => r.matterId) } },
    include: matterInclude,
  });
  const byId = new Map(matters.map((m) => [m.id, m]));
  return rows
    .map((l) => ({ lawsuit: l, matter: byId.get(l.matterId)! }))
    .filter((x) => x.matter)
    .sort((a, b) => a.matter.code.localeCompare(b.matter.code));
}

/**
 * The cases where the head should have appeared and did not (负责人应出庭而未出庭): entrusted staff
 * although required, or the hearing day passed with no receipt. For the procuratorate (Luoyang:
 * 重点监督行政机关负责人出庭应诉等规定是否落到实处).
 */
export async function headAbsences(db: Tx, today: string) {
  const cases = await casesWith(db, {
    headRequired: true,
    OR: [{ appearance: 'entrusted' }, { appearance: null, hearingOn: { lt: today } }],
  });
  return cases;
}

/** The unit's cases, or every unit's, newest first (at most `take`). */
export async function lawsuitsOf(db: Tx, orgId: string | undefined, take = 30) {
  const cases = await casesWith(db, {});
  return cases
    .filter((c) => !orgId || c.matter.responsibleOrgId === orgId)
    .reverse()
    .slice(0, take);
}

/** What the figures count of each case received in `year` (see domain/lawsuit-figures.ts). */
export async function lawsuitFactsOfYear(db: Tx, year: number): Promise<LawsuitFacts[]> {
  const cases = await casesWith(db, { copyReceivedOn: { gte: `${year}-01-01`, lte: `${year}-12-31` } });
  const taskIds = cases.map((c) => c.lawsuit.complianceMatterId).filter((id): id is string => Boolean(id));
  const tasks = await db.matter.findMany({ where: { id: { in: taskIds } }, select: { id: true, status: true } });
  const closed = new Set(tasks.filter((t) => t.status === 'closed').map((t) => t.id));
  return cases.map(({ lawsuit: l, matter: m }) => ({
    code: m.code,
    orgId: m.responsibleOrgId,
    orgName: m.responsibleOrg.name,
    copyReceivedOn: l.copyReceivedOn,
    dueOn: m.dueOn,
    defendedOn: l.defendedOn,
    headRequired: l.headRequired,
    appearance: (l.appearance as LawsuitFacts['appearance']) ?? null,
    finalOn: l.finalOn,
    complianceDue: Boolean(l.complianceMatterId),
    complied: Boolean(l.complianceMatterId && closed.has(l.complianceMatterId)),
  }));
}

/**
 * Per unit, for the yearly assessment (考核) and /应诉 统计: cases, 负责人出庭率, 答辩举证按期率 and
 * 生效裁判履行率, each as numerator / denominator with the codes behind it, as of `asOf` (default: the
 * year's last day).
 */
export async function lawsuitFiguresOfYear(
  db: Tx,
  year: number,
  asOf = `${year}-12-31`,
): Promise<UnitLawsuitFigures[]> {
  return lawsuitFigures(await lawsuitFactsOfYear(db, year), year, asOf);
}

// 线索: the clue beside its matter, and its chain of steps between units.
import type { Tx } from './tx.js';

export type ClueRow = NonNullable<Awaited<ReturnType<Tx['clue']['findUnique']>>>;
export type ClueStepRow = Awaited<ReturnType<Tx['clueStep']['findMany']>>[number];

export interface ClueStepInput {
  matterId: string;
  /** register | refer | accept | progress | close | return | forward */
  action: string;
  fromOrgId?: string | null;
  toOrgId?: string | null;
  actorId?: string | null;
  actorName: string;
  note?: string;
  at: Date;
}

export async function findClue(db: Tx, matterId: string): Promise<ClueRow | undefined> {
  return (await db.clue.findUnique({ where: { matterId } })) ?? undefined;
}

/** Appends a step to the clue's chain (its number is the next one). */
export async function addClueStep(db: Tx, step: ClueStepInput): Promise<void> {
  const last = await db.clueStep.findFirst({
    where: { matterId: step.matterId },
    orderBy: { seq: 'desc' },
    select: { seq: true },
  });
  await db.clueStep.create({ data: { ...step, note: step.note ?? '', seq: (last?.seq ?? 0) + 1 } });
}

export async function clueSteps(db: Tx, matterId: string): Promise<ClueStepRow[]> {
  return db.clueStep.findMany({ where: { matterId }, orderBy: { seq: 'asc' } });
}

/** Whether a unit took part in the clue's chain (referred, received, forwarded). */
export async function unitInChain(db: Tx, matterId: string, orgId: string): Promise<boolean> {
  return (await db.clueStep.count({ where: { matterId, OR: [{ fromOrgId: orgId }, { toOrgId: orgId }] } })) > 0;
}

/** Clues a unit referred or holds (all units when orgId is undefined), in due order. */
export async function listClues(db: Tx, opts: { orgId?: string; statuses: string[]; take: number }) {
  return db.matter.findMany({
    where: {
      kind: 'clue',
      status: { in: opts.statuses },
      ...(opts.orgId ? { OR: [{ issuingOrgId: opts.orgId }, { responsibleOrgId: opts.orgId }] } : {}),
    },
    include: { responsibleOrg: true, issuingOrg: true, clue: true },
    orderBy: [{ dueOn: 'asc' }, { code: 'asc' }],
    take: opts.take + 1,
  });
}

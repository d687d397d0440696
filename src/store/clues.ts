// 线索: the clue beside its matter, and its chain of steps between units.
// A restricted clue's content — the persons or units involved, the result's explanation, every
// step's note (and its matter's summary, sealed by the clue family before it is written) — is
// kept sealed with SM4 when a data key is configured (src/store/sealed.ts), and opened here as it
// is read; who may then see it is decided by readsRestricted (src/domain/clue.ts).
import { openOr, sealIfKeyed, sealingOn } from './sealed.js';
import type { Tx } from './tx.js';

export type ClueRow = NonNullable<Awaited<ReturnType<Tx['clue']['findUnique']>>>;
export type ClueStepRow = Awaited<ReturnType<Tx['clueStep']['findMany']>>[number];

export interface ClueStepInput {
  matterId: string;
  /** register | refer | accept | handler (a self-handled clue's 承办人, named after) | progress | close | return | forward */
  action: string;
  fromOrgId?: string | null;
  toOrgId?: string | null;
  actorId?: string | null;
  actorName: string;
  note?: string;
  at: Date;
}

/** The clue's own fields, written beside its matter at registration (accepted then when its own unit handles it). */
export type NewClue = Pick<
  ClueRow,
  | 'matterId'
  | 'category'
  | 'source'
  | 'involved'
  | 'restricted'
  | 'referrerId'
  | 'lastActivityAt'
  | 'acceptDueOn'
  | 'acceptedOn'
>;
/** What changes on a clue as it moves: its handler, acceptance, result, and the sleeping clock. */
export type ClueChange = Partial<
  Pick<ClueRow, 'handlerName' | 'handlerId' | 'acceptedOn' | 'acceptDueOn' | 'result' | 'resultNote' | 'lastActivityAt'>
>;

/** Sealed when the clue is restricted and a key is configured. */
const sealFor = (restricted: boolean, text: string): string => (restricted && text ? sealIfKeyed(text) : text);

async function isRestricted(db: Tx, matterId: string): Promise<boolean> {
  return (await db.clue.findUnique({ where: { matterId }, select: { restricted: true } }))?.restricted ?? false;
}

export async function addClue(db: Tx, clue: NewClue): Promise<void> {
  await db.clue.create({ data: { ...clue, involved: sealFor(clue.restricted, clue.involved) } });
}

export async function updateClue(db: Tx, matterId: string, change: ClueChange): Promise<void> {
  const data = { ...change };
  if (data.resultNote && sealingOn() && (await isRestricted(db, matterId)))
    data.resultNote = sealFor(true, data.resultNote);
  await db.clue.update({ where: { matterId }, data });
}

/** Referred on (移送, 转办): one more referral, with the new acceptance limit and no handler yet. */
export async function referClueOn(db: Tx, matterId: string, acceptDueOn: string, at: Date): Promise<void> {
  await db.clue.update({
    where: { matterId },
    data: {
      referrals: { increment: 1 },
      handlerName: null,
      handlerId: null,
      acceptedOn: null,
      acceptDueOn,
      lastActivityAt: at,
    },
  });
}

export async function findClue(db: Tx, matterId: string): Promise<ClueRow | undefined> {
  const r = await db.clue.findUnique({ where: { matterId } });
  if (!r) return undefined;
  return { ...r, involved: openOr(r.involved), resultNote: r.resultNote ? openOr(r.resultNote) : r.resultNote };
}

/** Appends a step to the clue's chain (its number is the next one). */
export async function addClueStep(db: Tx, step: ClueStepInput): Promise<void> {
  const last = await db.clueStep.findFirst({
    where: { matterId: step.matterId },
    orderBy: { seq: 'desc' },
    select: { seq: true },
  });
  const note = step.note && sealingOn() ? sealFor(await isRestricted(db, step.matterId), step.note) : (step.note ?? '');
  await db.clueStep.create({ data: { ...step, note, seq: (last?.seq ?? 0) + 1 } });
}

export async function clueSteps(db: Tx, matterId: string): Promise<ClueStepRow[]> {
  const rows = await db.clueStep.findMany({ where: { matterId }, orderBy: { seq: 'asc' } });
  return rows.map((r) => (r.note ? { ...r, note: openOr(r.note) } : r));
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

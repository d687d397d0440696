// 事项: matters with their human codes, replies, evaluations and extension requests.
import { MATTER_CODE_PREFIX, type MatterKind } from '../domain/vocabulary.js';
import type { Tx } from './tx.js';

/** The next human code for a kind and year: JY-2026-001, JY-2026-002 … */
export async function nextMatterCode(db: Tx, kind: MatterKind, year: number): Promise<string> {
  const key = `${MATTER_CODE_PREFIX[kind]}-${year}`;
  const row = await db.codeSequence.upsert({ where: { key }, create: { key, last: 1 }, update: { last: { increment: 1 } } });
  return `${key}-${String(row.last).padStart(3, '0')}`;
}

export const matterInclude = { responsibleOrg: true, issuingOrg: true } as const;

export async function findMatterByCode(db: Tx, code: string) {
  return db.matter.findUnique({ where: { code: code.toUpperCase() }, include: matterInclude });
}

export async function findMatterById(db: Tx, id: string) {
  return db.matter.findUnique({ where: { id }, include: matterInclude });
}

export type MatterWithOrgs = NonNullable<Awaited<ReturnType<typeof findMatterById>>>;

export async function openMatters(db: Tx, responsibleOrgId?: string) {
  return db.matter.findMany({
    where: { status: { in: ['registered', 'replied', 'returned'] }, ...(responsibleOrgId ? { responsibleOrgId } : {}) },
    include: matterInclude,
    orderBy: [{ dueOn: 'asc' }, { code: 'asc' }],
  });
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

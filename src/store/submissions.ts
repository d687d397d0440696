// 报送: a collection from units by a deadline (BS-2026-001) and each unit's part of it.
import type { Submission, SubmissionReturn } from '../generated/prisma/client.ts';
import type { Tx } from './tx.js';

export type SubmissionRow = Submission;
export type ReturnRow = SubmissionReturn;
export type SubmissionWithReturns = Submission & { returns: SubmissionReturn[] };

export type NewSubmission = Pick<
  Submission,
  'code' | 'title' | 'content' | 'items' | 'dueOn' | 'collectorOrgId' | 'collectorId' | 'createdAt'
>;

/** A 报送 with a part (not sent yet) for each unit asked. */
export async function addSubmission(db: Tx, data: NewSubmission, orgIds: string[]): Promise<SubmissionWithReturns> {
  return db.submission.create({
    data: { ...data, returns: { create: orgIds.map((orgId) => ({ orgId })) } },
    include: { returns: true },
  });
}

export async function submissionByCode(db: Tx, code: string): Promise<SubmissionWithReturns | undefined> {
  return (await db.submission.findUnique({ where: { code }, include: { returns: true } })) ?? undefined;
}

export async function submissionById(db: Tx, id: string): Promise<SubmissionWithReturns | undefined> {
  return (await db.submission.findUnique({ where: { id }, include: { returns: true } })) ?? undefined;
}

/** A unit's sending: its content, the day; the first day kept (on time is judged on it). */
export async function saveReturn(
  db: Tx,
  r: ReturnRow,
  data: { content: string; on: string; at: Date; memberId: string | null },
): Promise<ReturnRow> {
  return db.submissionReturn.update({
    where: { id: r.id },
    data: {
      content: data.content,
      receivedOn: data.on,
      firstOn: r.firstOn ?? data.on,
      receivedAt: data.at,
      memberId: data.memberId,
    },
  });
}

export async function markCollected(db: Tx, id: string, at: Date): Promise<void> {
  await db.submission.update({ where: { id }, data: { status: 'collected', collectedAt: at } });
}

/** The 报送 still open or collected recently, newest deadline first (the list). */
export async function recentSubmissions(db: Tx, take = 20): Promise<SubmissionWithReturns[]> {
  return db.submission.findMany({ orderBy: [{ dueOn: 'desc' }, { code: 'desc' }], take, include: { returns: true } });
}

/** Every unit's part of every 报送 whose deadline falls in a year (the assessment's facts). */
export async function submissionFactsOfYear(db: Tx, year: number) {
  const rows = await db.submission.findMany({
    where: { dueOn: { gte: `${year}-01-01`, lte: `${year}-12-31` } },
    include: { returns: true },
    orderBy: { code: 'asc' },
  });
  return rows.flatMap((s) =>
    s.returns.map((r) => ({
      code: s.code,
      content: s.content,
      dueOn: s.dueOn,
      orgId: r.orgId,
      firstOn: r.firstOn ?? undefined,
    })),
  );
}

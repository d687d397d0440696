// 案卷评查: review plans (PC-…), the agencies' uploaded lists with their checksums and draws, the
// sampled files with their reviewers and results, and the 整改 tasks made from their problems.
import type { ReviewedFile, ReviewResult } from '../domain/review-rules.js';
import type { CaseReview, CaseReviewFile, CaseReviewList } from '../generated/prisma/client.ts';
import { parseJson, type Tx } from './tx.js';

export type ReviewRow = CaseReview;
export type ReviewListRow = CaseReviewList;
export type ReviewFileRow = CaseReviewFile;

export type NewReview = Pick<
  CaseReview,
  | 'code'
  | 'quarter'
  | 'ratio'
  | 'scope'
  | 'periodFrom'
  | 'periodTo'
  | 'listDueOn'
  | 'resultDueOn'
  | 'reviewerOrgIds'
  | 'agencyOrgIds'
  | 'createdById'
  | 'createdAt'
>;

export async function addReview(db: Tx, data: NewReview): Promise<ReviewRow> {
  return db.caseReview.create({ data });
}

export async function reviewByCode(db: Tx, code: string): Promise<ReviewRow | undefined> {
  return (await db.caseReview.findUnique({ where: { code } })) ?? undefined;
}

export async function reviewById(db: Tx, id: string): Promise<ReviewRow | undefined> {
  return (await db.caseReview.findUnique({ where: { id } })) ?? undefined;
}

/** The plans of a year (for /统计 and the yearly workbook), by code. */
export async function reviewsOfYear(db: Tx, year: number): Promise<ReviewRow[]> {
  return db.caseReview.findMany({ where: { quarter: { startsWith: `${year}Q` } }, orderBy: { code: 'asc' } });
}

export async function setKeyCases(db: Tx, id: string, keyCases: Array<{ orgId: string; caseNo: string }>) {
  await db.caseReview.update({ where: { id }, data: { keyCases: JSON.stringify(keyCases) } });
}

export async function markDrawn(db: Tx, id: string, at: Date): Promise<void> {
  await db.caseReview.update({ where: { id }, data: { status: 'drawn', drawnAt: at } });
}

export async function markReported(db: Tx, id: string, at: Date): Promise<void> {
  await db.caseReview.update({ where: { id }, data: { reportedAt: at } });
}

// ---- lists ----

export async function listsOf(db: Tx, reviewId: string): Promise<ReviewListRow[]> {
  return db.caseReviewList.findMany({ where: { reviewId }, orderBy: { receivedAt: 'asc' } });
}

export async function listOf(db: Tx, reviewId: string, orgId: string): Promise<ReviewListRow | undefined> {
  return (await db.caseReviewList.findUnique({ where: { reviewId_orgId: { reviewId, orgId } } })) ?? undefined;
}

export type NewList = Pick<
  CaseReviewList,
  'reviewId' | 'orgId' | 'fileRef' | 'checksum' | 'rows' | 'count' | 'late' | 'memberId' | 'receivedAt'
>;

/** Saves a unit's list: a list not drawn yet is replaced by the newer one. */
export async function saveList(db: Tx, data: NewList): Promise<ReviewListRow> {
  return db.caseReviewList.upsert({
    where: { reviewId_orgId: { reviewId: data.reviewId, orgId: data.orgId } },
    create: data,
    update: data,
  });
}

export async function markListDrawn(db: Tx, id: string, seed: string, at: Date): Promise<void> {
  await db.caseReviewList.update({ where: { id }, data: { seed, drawnAt: at } });
}

// ---- sampled files ----

export type NewFile = Pick<
  CaseReviewFile,
  | 'reviewId'
  | 'listId'
  | 'orgId'
  | 'caseNo'
  | 'caseName'
  | 'category'
  | 'closedOn'
  | 'handler'
  | 'reason'
  | 'position'
  | 'reviewerOrgId'
>;

export async function addFiles(db: Tx, files: NewFile[]): Promise<void> {
  for (const data of files) await db.caseReviewFile.create({ data });
}

export async function filesOf(db: Tx, reviewId: string): Promise<ReviewFileRow[]> {
  return db.caseReviewFile.findMany({ where: { reviewId }, orderBy: [{ orgId: 'asc' }, { position: 'asc' }] });
}

export async function filesOfReviews(db: Tx, reviewIds: string[]): Promise<ReviewFileRow[]> {
  return db.caseReviewFile.findMany({ where: { reviewId: { in: reviewIds } } });
}

export async function countFiles(db: Tx, reviewId: string): Promise<number> {
  return db.caseReviewFile.count({ where: { reviewId } });
}

/** The sampled files with a case number (one unit's, when named): several units may use the same 案号. */
export async function filesByCaseNo(db: Tx, reviewId: string, caseNo: string, orgId?: string) {
  return db.caseReviewFile.findMany({ where: { reviewId, caseNo, ...(orgId ? { orgId } : {}) } });
}

export async function fileById(db: Tx, id: string): Promise<ReviewFileRow | undefined> {
  return (await db.caseReviewFile.findUnique({ where: { id } })) ?? undefined;
}

export async function setReviewer(db: Tx, id: string, reviewerOrgId: string): Promise<void> {
  await db.caseReviewFile.update({ where: { id }, data: { reviewerOrgId } });
}

export interface FileResult {
  result: string;
  problems: string[];
  note: string;
  attachments: unknown[];
  resultById: string | null;
  resultAt: Date;
}

export async function saveResult(db: Tx, id: string, r: FileResult): Promise<void> {
  await db.caseReviewFile.update({
    where: { id },
    data: {
      result: r.result,
      problems: JSON.stringify(r.problems),
      note: r.note,
      attachments: JSON.stringify(r.attachments),
      resultById: r.resultById,
      resultAt: r.resultAt,
    },
  });
}

export async function setFileTask(db: Tx, id: string, taskId: string): Promise<void> {
  await db.caseReviewFile.update({ where: { id }, data: { taskId } });
}

/** The status of the tasks made from files (closed: rectified), by task id. */
export async function taskStatuses(db: Tx, taskIds: string[]): Promise<Map<string, string>> {
  const rows = await db.matter.findMany({ where: { id: { in: taskIds } }, select: { id: true, status: true } });
  return new Map(rows.map((r) => [r.id, r.status]));
}

export const problemsOf = (f: ReviewFileRow): string[] => parseJson<string[]>(f.problems, []);

/** A list's rows as stored (the files it named). */
export const listRowsOf = (l: ReviewListRow): unknown[] => parseJson<unknown[]>(l.rows, []);

/** The units' names, by id (for the command line, which has no roster in memory). */
export async function orgNamesOf(db: Tx): Promise<Map<string, string>> {
  return new Map((await db.org.findMany({ select: { id: true, name: true } })).map((o) => [o.id, o.name]));
}

/** Sampled files as the figures read them (the 通报, /统计): a file's 整改 task closed is a problem rectified. */
export async function reviewedOf(db: Tx, files: ReviewFileRow[]): Promise<ReviewedFile[]> {
  const tasks = await taskStatuses(
    db,
    files.flatMap((f) => (f.taskId ? [f.taskId] : [])),
  );
  return files.map((f) => ({
    orgId: f.orgId,
    result: (f.result as ReviewResult | null) ?? null,
    problems: problemsOf(f),
    hasTask: Boolean(f.taskId),
    rectified: Boolean(f.taskId && tasks.get(f.taskId) === 'closed'),
  }));
}

/** The sampled files of a year's review plans (/统计), as the figures read them. */
export async function reviewedFilesOfYear(db: Tx, year: number): Promise<ReviewedFile[]> {
  const plans = await reviewsOfYear(db, year);
  return reviewedOf(
    db,
    await filesOfReviews(
      db,
      plans.map((p) => p.id),
    ),
  );
}

// An agency's list of closed case files for a review: asked for by /评查 名单 (or the call's button),
// read within the bounds of every import and checked whole (columns, 案号 once, dates in the period),
// its SHA-256 recorded and shown at once — before any draw. A list may be replaced until it is drawn;
// one that arrives after the draw is drawn on its own when it comes; after its draw a unit's list is final.
import { readFileSync } from 'node:fs';
import type { Attachment } from '../../chat/messages.js';
import { LIST_LIMITS, readReviewList } from '../../documents/review-list.js';
import { type ListedFile, listChecksum } from '../../domain/review-draw.js';
import { checkListRows, LIST_COLUMNS, type RowProblem } from '../../domain/review-rules.js';
import { storedFile } from '../../store/files.js';
import { listOf, saveList } from '../../store/review.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import type { ParsedCommand } from '../core/parse.js';
import { drawAndPublish } from './draw.js';
import { AGENCY, agencyIds, contextReview, type ReviewRow, requireReview } from './service.js';

const MAX_SHOWN = 20;

/** A unit asked for a list may send one while its list is not drawn. */
async function assertMaySend(ctx: Ctx, r: ReviewRow): Promise<void> {
  const orgId = ctx.member!.orgId;
  if (!agencyIds(r).includes(orgId))
    throw new UserError('review.error.not_asked', { code: r.code, unit: ctx.member!.orgName });
  const list = await listOf(ctx.tx, r.id, orgId);
  if (list?.drawnAt)
    throw new UserError('review.error.already_drawn', { code: r.code, unit: ctx.member!.orgName, count: list.count });
}

export async function listCommand(ctx: Ctx, cmd: ParsedCommand, forms: FormEngine): Promise<void> {
  const r = await requireReview(ctx, cmd.positional[1], 'review.usage.list');
  await assertMaySend(ctx, r);
  await forms.start(ctx, 'review_list', { reviewId: r.id, code: r.code });
}

function problemText(ctx: Ctx, p: RowProblem): string {
  if (p.problem === 'missing')
    return t(ctx, 'review.list_error.missing', { line: p.line, column: LIST_COLUMNS[p.column][0]! });
  if (p.problem === 'duplicate')
    return t(ctx, 'review.list_error.duplicate', { line: p.line, caseNo: p.caseNo, first: p.first });
  return t(ctx, `review.list_error.${p.problem}`, { line: p.line, value: p.value });
}

/** The list's rows, checked; a refusal names every problem (at most 20, and how many more). */
async function checkedList(ctx: Ctx, r: ReviewRow, bytes: Buffer): Promise<ListedFile[]> {
  const read = await readReviewList(bytes, t(ctx, 'review.workbook.list_sheet'));
  if ('refused' in read)
    throw new UserError(`review.list_error.${read.refused}`, {
      ...LIST_LIMITS,
      rows: LIST_LIMITS.rows.toLocaleString('en-US'),
    });
  if ('missing' in read)
    throw new UserError('review.list_error.columns', {
      line: read.headerLine,
      columns: read.missing.map((k) => LIST_COLUMNS[k][0]!).join('、'),
    });
  const { files, problems } = checkListRows(read.rows, { from: r.periodFrom, to: r.periodTo });
  const errors = [
    ...read.cells.map((c) =>
      t(ctx, 'review.list_error.cell', {
        line: c.line,
        column: LIST_COLUMNS[c.column][0]!,
        problem: t(ctx, `review.cell.${c.problem}`, { max: LIST_LIMITS.cellChars }),
      }),
    ),
    ...problems.map((p) => problemText(ctx, p)),
  ];
  if (errors.length) {
    const more =
      errors.length > MAX_SHOWN ? `\n${t(ctx, 'review.list_error.more', { n: errors.length - MAX_SHOWN })}` : '';
    throw new UserError('review.list_error.refused', {
      count: errors.length,
      from: r.periodFrom,
      to: r.periodTo,
      errors: errors.slice(0, MAX_SHOWN).join('\n') + more,
    });
  }
  return files;
}

async function uploaded(ctx: Ctx, answers: Record<string, unknown>): Promise<{ bytes: Buffer; ref: string }> {
  const file = ((answers.file as Attachment[] | null) ?? [])[0];
  const stored = file ? await storedFile(ctx.tx, ctx.services.config.filesDir, file.ref) : undefined;
  if (!stored) throw new UserError('review.list_error.no_file');
  return { bytes: readFileSync(stored.absolutePath), ref: file!.ref };
}

export const listForm: FormHandler = {
  form: 'review_list',
  ...AGENCY,
  async review(ctx, answers, context) {
    const r = await contextReview(ctx, context);
    const { bytes } = await uploaded(ctx, answers);
    const files = await checkedList(ctx, r, bytes);
    return [t(ctx, 'review.list_review', { count: files.length, checksum: listChecksum(bytes).slice(0, 16) })];
  },
  async submit(ctx, answers, context) {
    const r = await contextReview(ctx, context);
    await assertMaySend(ctx, r);
    const { bytes, ref } = await uploaded(ctx, answers);
    const files = await checkedList(ctx, r, bytes);
    // after the deadline: marked 补报; drawn at once when the plan's draw is done, else with the others at the draw
    const drawnAlready = r.status === 'drawn';
    const late = drawnAlready || ctx.today > r.listDueOn;
    const checksum = listChecksum(bytes);
    const list = await saveList(ctx.tx, {
      reviewId: r.id,
      orgId: ctx.member!.orgId,
      fileRef: ref,
      checksum,
      rows: JSON.stringify(files),
      count: files.length,
      late,
      memberId: ctx.member!.id,
      receivedAt: ctx.now,
    });
    audit(ctx, 'review.list', r.code, { unit: ctx.member!.orgName, count: files.length, checksum, late });
    reply(ctx, drawnAlready ? 'review.list_saved_late' : 'review.list_saved', {
      code: r.code,
      unit: ctx.member!.orgName,
      count: files.length,
      checksum,
      due: r.listDueOn,
    });
    // after the plan's draw a list is drawn when it comes, on its own
    if (drawnAlready) await drawAndPublish(ctx, r, [list]);
  },
};

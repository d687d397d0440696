// The draw (抽取): each list received is drawn with its own seed (the plan's code and the list's
// checksum, src/domain/review-draw.ts), its files assigned to the reviewing units in turn, and the
// result published — to the joint group with the seeds, to each agency which of its files, to each
// reviewing unit its files. The plan's draw runs the working day after the list deadline; a list that
// comes later is drawn on its own when it comes.
import { assignRoundRobin, type DrawnFile, drawSample, drawSeed, type ListedFile } from '../../domain/review-draw.js';
import {
  addFiles,
  countFiles,
  listsOf,
  markDrawn,
  markListDrawn,
  type ReviewListRow,
  reviewById,
} from '../../store/review.js';
import { parseJson } from '../../store/tx.js';
import { audit, type Ctx, t } from '../core/context.js';
import { notify, notifyUnit } from '../core/notify.js';
import { agencyIds, keyCasesOf, orgNames, type ReviewRow, reviewerIds } from './service.js';

type Assigned = DrawnFile & { reviewer: string };

/** Draws one list (once: a list drawn already is left as it is) and records its files. */
export async function drawList(ctx: Ctx, r: ReviewRow, list: ReviewListRow): Promise<Assigned[]> {
  const seed = drawSeed(r.code, list.checksum);
  const keyNos = keyCasesOf(r)
    .filter((k) => k.orgId === list.orgId)
    .map((k) => k.caseNo);
  const drawn = drawSample(parseJson<ListedFile[]>(list.rows, []), { seed, ratioPercent: r.ratio, keyCaseNos: keyNos });
  const assigned = assignRoundRobin(drawn, reviewerIds(r), await countFiles(ctx.tx, r.id));
  await addFiles(
    ctx.tx,
    assigned.map((f) => ({
      reviewId: r.id,
      listId: list.id,
      orgId: list.orgId,
      caseNo: f.caseNo,
      caseName: f.name,
      category: f.category,
      closedOn: f.closedOn,
      handler: f.handler,
      reason: f.reason,
      position: f.position,
      reviewerOrgId: f.reviewer,
    })),
  );
  await markListDrawn(ctx.tx, list.id, seed, ctx.now);
  audit(ctx, 'review.draw', r.code, { orgId: list.orgId, seed, count: assigned.length, late: list.late });
  return assigned;
}

const fileLine = (ctx: Ctx, f: Assigned, names: Map<string, string>) =>
  t(ctx, 'review.drawn_line', {
    caseNo: f.caseNo,
    name: f.name,
    reason: t(ctx, `review.reason.${f.reason}`),
    reviewer: names.get(f.reviewer) ?? f.reviewer,
  });

/** Draws the lists given and says what was drawn, to whom it concerns. */
export async function drawAndPublish(ctx: Ctx, r: ReviewRow, lists: ReviewListRow[]): Promise<void> {
  const names = await orgNames(ctx);
  const byReviewer = new Map<string, Assigned[]>();
  const parts: string[] = [];
  for (const list of lists.filter((l) => !l.drawnAt)) {
    const files = await drawList(ctx, r, list);
    const unit = names.get(list.orgId) ?? list.orgId;
    const fields = {
      code: r.code,
      unit,
      count: list.count,
      drawn: files.length,
      ratio: r.ratio,
      seed: drawSeed(r.code, list.checksum),
      checksum: list.checksum,
      lines: files.map((f) => fileLine(ctx, f, names)).join('\n') || t(ctx, 'review.none_drawn'),
    };
    parts.push(t(ctx, list.late ? 'review.drawn_unit_late' : 'review.drawn_unit', fields));
    if (files.length) await notifyUnit(ctx, list.orgId, 'review.drawn_agency', fields);
    for (const f of files) byReviewer.set(f.reviewer, [...(byReviewer.get(f.reviewer) ?? []), f]);
  }
  if (!parts.length) return;
  await notify(ctx, 'joint', undefined, 'review.drawn', { code: r.code, units: parts.join('\n\n') });
  for (const [orgId, files] of byReviewer)
    await notifyUnit(ctx, orgId, 'review.assigned', {
      code: r.code,
      count: files.length,
      due: r.resultDueOn,
      lines: files.map((f) => fileLine(ctx, f, names)).join('\n'),
    });
}

/** The names of the agencies asked that have sent no list. */
export async function missingUnits(ctx: Ctx, r: ReviewRow): Promise<string[]> {
  const sent = new Set((await listsOf(ctx.tx, r.id)).map((l) => l.orgId));
  const names = await orgNames(ctx);
  return agencyIds(r)
    .filter((id) => !sent.has(id))
    .map((id) => names.get(id) ?? id);
}

/** The job at the list deadline: every list received is drawn; the units without one are named. */
export async function drawJob(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const r = await reviewById(ctx.tx, String(payload.reviewId));
  if (r?.status !== 'collecting') return;
  await markDrawn(ctx.tx, r.id, ctx.now);
  await drawAndPublish(ctx, { ...r, status: 'drawn' }, await listsOf(ctx.tx, r.id));
  const missing = await missingUnits(ctx, r);
  if (missing.length)
    await notify(ctx, 'joint', undefined, 'review.missing_at_draw', { code: r.code, units: missing.join('、') });
}

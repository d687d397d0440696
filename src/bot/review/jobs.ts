// The review's reminders: before the list deadline each agency that has sent nothing is reminded in its
// group, and the joint group gets the list of who has not sent; before the results are due each
// reviewing unit is reminded of its files without a result; after that day the joint group is told.
import { filesOf, listOf, reviewById } from '../../store/review.js';
import { type Ctx, t } from '../core/context.js';
import { notify, notifyUnit } from '../core/notify.js';
import { missingUnits } from './draw.js';
import { listButtons } from './plan.js';
import { agencyIds, orgNames } from './service.js';

export async function listReminderJob(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const r = await reviewById(ctx.tx, String(payload.reviewId));
  if (r?.status !== 'collecting') return;
  const fields = { code: r.code, quarter: r.quarter, due: r.listDueOn };
  for (const orgId of agencyIds(r))
    if (!(await listOf(ctx.tx, r.id, orgId)))
      await notifyUnit(ctx, orgId, 'review.list_reminder', fields, {
        card: {
          title: t(ctx, 'review.card.reminder', fields),
          tone: 'warning',
          fields: [],
          buttons: listButtons(ctx, r.code),
        },
      });
  const missing = await missingUnits(ctx, r);
  await notify(ctx, 'joint', undefined, missing.length ? 'review.missing' : 'review.all_sent', {
    ...fields,
    count: missing.length,
    units: missing.join('、'),
  });
}

/** Files without a result, by reviewing unit. */
async function pendingByReviewer(ctx: Ctx, reviewId: string) {
  const by = new Map<string, string[]>();
  for (const f of await filesOf(ctx.tx, reviewId))
    if (!f.result) by.set(f.reviewerOrgId, [...(by.get(f.reviewerOrgId) ?? []), f.caseNo]);
  return by;
}

export async function resultReminderJob(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const r = await reviewById(ctx.tx, String(payload.reviewId));
  if (!r) return;
  for (const [orgId, cases] of await pendingByReviewer(ctx, r.id))
    await notifyUnit(ctx, orgId, 'review.result_reminder', {
      code: r.code,
      due: r.resultDueOn,
      count: cases.length,
      cases: cases.join('、'),
    });
}

export async function resultDueJob(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const r = await reviewById(ctx.tx, String(payload.reviewId));
  if (!r) return;
  const names = await orgNames(ctx);
  const pending = [...(await pendingByReviewer(ctx, r.id))];
  if (!pending.length) return;
  await notify(ctx, 'joint', undefined, 'review.results_missing', {
    code: r.code,
    due: r.resultDueOn,
    lines: pending
      .map(([orgId, cases]) =>
        t(ctx, 'review.pending_line', {
          unit: names.get(orgId) ?? orgId,
          count: cases.length,
          cases: cases.join('、'),
        }),
      )
      .join('\n'),
  });
}

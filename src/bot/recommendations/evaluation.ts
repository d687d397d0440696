// The liaison's evaluation of a reply: 通过 closes the matter; 退回 gives a new period counted
// from today, with new reminders. Either way the agency is told. Runs inside the caller's
// transaction and only queues messages.

import { canApply } from '../../domain/matter-state.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import { findMatterById, latestReply, type MatterWithOrgs, updateMatter } from '../../store/matters.js';
import { recordEvaluation } from '../../store/recommendations.js';
import { assertNotClosed } from '../core/args.js';
import { agencyButtons, matterCard } from '../core/cards.js';
import { audit, type Ctx, forKind, reply, t, UserError } from '../core/context.js';
import { sendCopies } from '../core/copies.js';
import { assertEvaluator, evaluatorName } from '../core/evaluator.js';
import { deadlineFor, explanation, MATTER_JOB_KINDS, moveDeadline } from '../core/matters.js';
import { notify } from '../core/notify.js';

/** Records the verdict on a matter's latest reply (nobody evaluates their own). */
export async function evaluate(
  ctx: Ctx,
  m: MatterWithOrgs,
  verdict: 'pass' | 'return',
  comment: string,
  periodText?: string,
): Promise<void> {
  assertNotClosed(m);
  if (!canApply(m.status, verdict))
    throw new UserError('error.cannot_evaluate', { code: m.code, status: t(ctx, `status.${m.status}`) });
  assertEvaluator(ctx, m);
  const last = await latestReply(ctx.tx, m.id);
  // nobody evaluates their own reply (one person may hold two roles)
  if (last?.submittedById && last.submittedById === ctx.member!.id)
    throw new UserError('error.self_evaluate', { code: m.code });
  ctx.completed = { action: t(ctx, verdict === 'pass' ? 'card.used.pass' : 'card.used.return') };
  if (verdict === 'pass') {
    await recordEvaluation(ctx.tx, {
      matterId: m.id,
      replyId: last?.id,
      verdict,
      comment,
      evaluatorId: ctx.member!.id,
      createdAt: ctx.now,
    });
    await updateMatter(ctx.tx, m.id, { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
    await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
    audit(ctx, 'matter.pass', m.code, {});
    const fields = {
      code: m.code,
      title: m.title,
      comment: comment || t(ctx, 'common.none'),
      evaluator: evaluatorName(ctx, m),
    };
    reply(ctx, 'evaluate.passed', fields);
    // the copy's card shows the matter as it stands now: 已办结
    const closed = (await findMatterById(ctx.tx, m.id))!;
    await sendCopies(ctx, closed, 'evaluate.copy_passed', { ...fields, org: m.responsibleOrg.name });
    await notify(ctx, 'agency', m.responsibleOrgId, forKind(ctx, 'evaluate.passed_notice', m.kind), fields, {
      matterId: m.id,
    });
    return;
  }
  // 退回: a new period counted from today, new reminders
  const { deadline, period } = deadlineFor(ctx, ctx.today, periodText ?? m.periodRule);
  await recordEvaluation(ctx.tx, {
    matterId: m.id,
    replyId: last?.id,
    verdict,
    comment,
    newPeriod: period,
    newDueOn: deadline.due,
    evaluatorId: ctx.member!.id,
    createdAt: ctx.now,
  });
  await moveDeadline(ctx, m.id, deadline, { status: 'returned' });
  audit(ctx, 'matter.return', m.code, { newDueOn: deadline.due });
  const fields = {
    code: m.code,
    title: m.title,
    comment: comment || t(ctx, 'common.none'),
    due: deadline.due,
    period: deadline.period,
    evaluator: evaluatorName(ctx, m),
  };
  reply(ctx, 'evaluate.returned', { ...fields, explanation: explanation(ctx, deadline) });
  const updated = (await findMatterById(ctx.tx, m.id))!;
  await sendCopies(ctx, updated, 'evaluate.copy_returned', { ...fields, org: m.responsibleOrg.name });
  await notify(ctx, 'agency', m.responsibleOrgId, forKind(ctx, 'evaluate.returned_notice', m.kind), fields, {
    matterId: m.id,
    card: matterCard(
      ctx,
      updated,
      'card.title.returned',
      'warning',
      agencyButtons(ctx, m.code, m.kind),
      comment || undefined,
    ),
  });
}

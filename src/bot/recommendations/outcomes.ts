// After a 不予采纳 reply (or a rectification that is not enough) the liaison chooses the road on:
// 跟进监督 (a new period: the 退回 of evaluation.ts), 提请督办 (a new period and the road's next step at
// once), and for a 诉前检察建议 the closing outcomes 提起诉讼 (两高公益诉讼解释 第二十一条: 行政机关不依法
// 履行职责的，人民检察院依法提起行政公益诉讼) or 终结案件. Each outcome is an Evaluation row with its date.
import { canApply } from '../../domain/matter-state.js';
import { type RoadStep, withOverdueNotice } from '../../domain/road.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import { auditFor } from '../../store/audit.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import { findMatterById, latestReply, type MatterWithOrgs, updateMatter } from '../../store/matters.js';
import { recordEvaluation } from '../../store/recommendations.js';
import { assertNotClosed } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { sendCopies } from '../core/copies.js';
import { assertEvaluator, evaluatorName } from '../core/evaluator.js';
import { MATTER_JOB_KINDS } from '../core/matters.js';
import { notify } from '../core/notify.js';
import { roadOf } from '../core/road.js';
import { evaluate } from './evaluation.js';
import { pressEscalation } from './road.js';

export type Outcome = 'litigate' | 'terminate';

/**
 * The road's step 提请督办 presses: the one after the last pressed for this matter (the first after the
 * overdue notice when none was), or the last again when the road has gone to its end.
 */
async function nextStep(ctx: Ctx, code: string, road: RoadStep[]): Promise<number | undefined> {
  const first = withOverdueNotice(road).next;
  if (first === undefined) return undefined;
  const pressed = (await auditFor(ctx.tx, code))
    .filter((a) => a.action === 'escalation.sent')
    .flatMap((a) => (JSON.parse(a.detail) as { steps?: number[] }).steps ?? []);
  if (!pressed.length) return first;
  return Math.min(Math.max(...pressed) + 1, road.length - 1);
}

/** 提请督办: returned with a new period, and the road's next step pressed now. */
export async function escalateNow(ctx: Ctx, m: MatterWithOrgs, comment: string, periodText?: string): Promise<void> {
  const last = await latestReply(ctx.tx, m.id);
  await evaluate(ctx, m, 'return', comment, periodText);
  ctx.completed = { action: t(ctx, 'card.used.escalate') };
  const road = await roadOf(ctx);
  const step = await nextStep(ctx, m.code, road);
  const updated = (await findMatterById(ctx.tx, m.id))!;
  const why = last?.rectStatus === 'impossible' ? 'road.late_not_accepted' : 'road.late_not_rectified';
  const base = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    kind: MATTER_KIND_LABEL[m.kind as MatterKind],
    late: t(ctx, why, { evaluator: evaluatorName(ctx, m), due: updated.dueOn }),
  };
  const { bodies, steps } =
    step === undefined
      ? { bodies: [] as string[], steps: [] as number[] }
      : await pressEscalation(ctx, updated, base, step, 'evaluation');
  audit(ctx, 'escalation.sent', m.code, { by: 'evaluation', steps, bodies });
  reply(ctx, bodies.length ? 'evaluate.escalated' : 'evaluate.escalated_nowhere', {
    code: m.code,
    bodies: bodies.join('、'),
    due: updated.dueOn,
  });
}

/** 提起诉讼 / 终结案件: a 诉前检察建议 closed with that outcome; the agency and the copy groups told. */
export async function closeWithOutcome(ctx: Ctx, m: MatterWithOrgs, outcome: Outcome, comment: string): Promise<void> {
  assertEvaluator(ctx, m);
  assertNotClosed(m);
  if (m.kind !== 'pil_recommendation') throw new UserError('evaluate.outcome_pil_only', { code: m.code });
  if (!canApply(m.status, 'conclude'))
    throw new UserError('error.cannot_evaluate', { code: m.code, status: t(ctx, `status.${m.status}`) });
  await recordEvaluation(ctx.tx, {
    matterId: m.id,
    verdict: outcome,
    comment,
    evaluatorId: ctx.member!.id,
    createdAt: ctx.now,
  });
  await updateMatter(ctx.tx, m.id, { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  audit(ctx, `matter.${outcome}`, m.code, {});
  ctx.completed = { action: t(ctx, `evaluate.used_${outcome}`) };
  const fields = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    comment: comment || t(ctx, 'common.none'),
    evaluator: evaluatorName(ctx, m),
  };
  reply(ctx, `evaluate.${outcome}`, fields);
  await notify(ctx, 'agency', m.responsibleOrgId, `evaluate.${outcome}_notice`, fields, { matterId: m.id });
  await sendCopies(ctx, (await findMatterById(ctx.tx, m.id))!, `evaluate.copy_${outcome}`, fields);
}

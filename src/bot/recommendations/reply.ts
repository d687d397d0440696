// The agency's rectification reply (the /反馈 form submitted): recorded as the next version,
// the reminders stopped, and the joint group told, with a card to evaluate it. Runs inside
// the caller's transaction and only queues messages.

import type { Attachment, CardButton } from '../../chat/messages.js';
import { daysBetween } from '../../domain/civil-date.js';
import { afterReply, nextStatus } from '../../domain/matter-state.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import { findMatterById, latestReply, type MatterWithOrgs, updateMatter } from '../../store/matters.js';
import { recordReply } from '../../store/recommendations.js';
import { matterCard, rectStatusText, replyContent } from '../core/cards.js';
import { audit, type Ctx, forKind, reply, t, UserError } from '../core/context.js';
import { evaluatorName, notifyEvaluator } from '../core/evaluator.js';
import { deadlineFor, MATTER_JOB_KINDS, moveDeadline } from '../core/matters.js';
import { assertResponsible } from './access.js';
import { planEvaluationDue } from './evaluation-due.js';

/** Records the reply to matter `matterId` from the form's answers, and tells the joint group. */
export async function submitReply(ctx: Ctx, matterId: string, answers: Record<string, unknown>): Promise<void> {
  const m = (await findMatterById(ctx.tx, matterId))!;
  assertResponsible(ctx, m);
  const status = nextStatus(m.status, 'reply');
  if (!status) throw new UserError('error.cannot_reply', { code: m.code, status: t(ctx, `status.${m.status}`) });
  const version = ((await latestReply(ctx.tx, m.id))?.version ?? 0) + 1;
  const attachments = (answers.attachments as Attachment[] | null) ?? [];
  // the reply as recorded, and as the joint group's card shows it
  const written = {
    version,
    measures: String(answers.measures),
    rectStatus: String(answers.rectStatus),
    expectedOn: (answers.expectedOn as string | null) ?? null,
    reason: (answers.reason as string | null) ?? null,
    attachments: JSON.stringify(attachments),
  };
  const after = afterReply(written.rectStatus, written.expectedOn);
  // 正在整改: still owed, by the expected date — reminders, overdue notice and escalation on it
  const rectification =
    after === 'rectifying'
      ? deadlineFor(ctx, ctx.today, `${Math.max(1, daysBetween(ctx.today, written.expectedOn!))}日`).deadline
      : undefined;
  await recordReply(ctx.tx, {
    ...written,
    setsDueOn: rectification?.due ?? null,
    matterId: m.id,
    submittedById: ctx.member!.id,
    submittedAt: ctx.now,
  });
  if (rectification) {
    await moveDeadline(ctx, m.id, rectification, { status: after });
  } else {
    await updateMatter(ctx.tx, m.id, { status, updatedAt: ctx.now });
    await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
    await planEvaluationDue(ctx, m.id, version);
  }
  audit(ctx, 'matter.reply', m.code, { version, rectStatus: answers.rectStatus, attachments: attachments.length });
  const fields = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    version,
    rectStatus: rectStatusText(ctx, String(answers.rectStatus), m.kind),
    by: ctx.member!.name,
    evaluator: evaluatorName(ctx, m),
  };
  const received = forKind(ctx, after === 'rectifying' ? 'reply.received_rectifying' : 'reply.received', m.kind);
  reply(ctx, received, { ...fields, expected: written.expectedOn }, { matterId: m.id });
  ctx.completed = { action: t(ctx, forKind(ctx, 'card.used.reply', m.kind), { version }) };
  const updated = (await findMatterById(ctx.tx, m.id))!;
  const content = replyContent(ctx, written, m.kind);
  const notAccepted = written.rectStatus === 'impossible';
  const card = matterCard(
    ctx,
    updated,
    forKind(ctx, after === 'rectifying' ? 'card.title.replied_rectifying' : 'card.title.replied', m.kind),
    notAccepted ? 'warning' : 'success',
    [
      ...evaluationButtons(ctx, m, notAccepted),
      { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
      ...(attachments.length ? [{ label: t(ctx, 'card.button.attachments'), command: `/附件 ${m.code}` }] : []),
    ],
    content.body,
    content.fields,
  );
  const key = forKind(ctx, notAccepted ? 'reply.notice_not_accepted' : 'reply.notice_joint', m.kind);
  const pil = m.kind === 'pil_recommendation' ? t(ctx, 'reply.pil_outcomes', { code: m.code }) : '';
  await notifyEvaluator(ctx, m, key, { ...fields, content: content.text, pil }, { matterId: m.id, card });
}

/**
 * The evaluator's choices: 整改到位 (通过) or 跟进监督 (退回); after 不予采纳, 跟进监督 or 提请督办, and for
 * a 诉前检察建议 提起诉讼 or 终结案件.
 */
function evaluationButtons(ctx: Ctx, m: MatterWithOrgs, notAccepted: boolean): CardButton[] {
  const b = (label: string, verdict: string, style?: CardButton['style']): CardButton => ({
    label: t(ctx, `card.button.${label}`),
    command: `/评估 ${m.code} ${verdict}`,
    ...(style ? { style } : {}),
  });
  if (!notAccepted) return [b('pass', '通过', 'primary'), b('return', '退回', 'danger')];
  return [
    b('follow_up', '跟进监督', 'primary'),
    b('escalate', '提请督办', 'danger'),
    ...(m.kind === 'pil_recommendation' ? [b('litigate', '提起诉讼'), b('terminate', '终结案件')] : []),
  ];
}

// A recommendation's life after registration: the agency's rectification reply, the liaison's
// evaluation, extension requests and their decision, and its reminders, overdue notices and
// escalations falling due. Every function runs inside the caller's transaction and only queues messages.

import type { Attachment } from '../../chat/messages.js';
import { awaitingReply, canApply, nextStatus } from '../../domain/matter-state.js';
import { escalationKey } from '../../domain/reminder-plan.js';
import { MATTER_KIND_LABEL, type MatterKind, RECT_STATUS_LABEL, type RectStatus } from '../../domain/vocabulary.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import {
  findMatterById,
  latestReply,
  type MatterWithOrgs,
  pendingExtension,
  updateMatter,
} from '../../store/matters.js';
import {
  decideExtensionRequest,
  recordEvaluation,
  recordExtensionRequest,
  recordReply,
} from '../../store/recommendations.js';
import { assertNotClosed } from '../core/args.js';
import { agencyButtons, dueText, matterCard, replyContent, timeLeftText } from '../core/cards.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { deadlineFor, explanation, MATTER_JOB_KINDS, moveEscalation, planMatterJobs } from '../core/matters.js';
import { notify } from '../core/notify.js';

/** Only the responsible agency's people (or an admin) may reply or ask for more time. */
export function assertResponsible(ctx: Ctx, m: MatterWithOrgs): void {
  const member = ctx.member!;
  if (member.orgId !== m.responsibleOrgId && !member.roles.includes('admin'))
    throw new UserError('error.not_responsible', { code: m.code, org: m.responsibleOrg.name });
}

export async function submitReply(ctx: Ctx, matterId: string, answers: Record<string, unknown>): Promise<void> {
  const m = (await findMatterById(ctx.tx, matterId))!;
  assertResponsible(ctx, m);
  const status = nextStatus(m.status, 'reply');
  if (!status) throw new UserError('error.cannot_reply', { code: m.code, status: t(ctx, `status.${m.status}`) });
  const version = ((await latestReply(ctx.tx, m.id))?.version ?? 0) + 1;
  const attachments = (answers.attachments as Attachment[] | null) ?? [];
  await recordReply(ctx.tx, {
    matterId: m.id,
    version,
    measures: String(answers.measures),
    rectStatus: String(answers.rectStatus),
    expectedOn: (answers.expectedOn as string | null) ?? null,
    reason: (answers.reason as string | null) ?? null,
    attachments: JSON.stringify(attachments),
    submittedById: ctx.member!.id,
    submittedAt: ctx.now,
  });
  await updateMatter(ctx.tx, m.id, { status, updatedAt: ctx.now });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  audit(ctx, 'matter.reply', m.code, { version, rectStatus: answers.rectStatus, attachments: attachments.length });
  const fields = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    version,
    rectStatus: RECT_STATUS_LABEL[answers.rectStatus as RectStatus],
    by: ctx.member!.name,
  };
  reply(ctx, 'reply.received', fields, { matterId: m.id });
  ctx.completed = { action: t(ctx, 'card.used.reply', { version }) };
  const updated = (await findMatterById(ctx.tx, m.id))!;
  const content = replyContent(ctx, {
    version,
    measures: String(answers.measures),
    rectStatus: String(answers.rectStatus),
    expectedOn: (answers.expectedOn as string | null) ?? null,
    reason: (answers.reason as string | null) ?? null,
    attachments: JSON.stringify(attachments),
  });
  await notify(
    ctx,
    'joint',
    undefined,
    'reply.notice_joint',
    { ...fields, content: content.text },
    {
      matterId: m.id,
      card: matterCard(
        ctx,
        updated,
        'card.title.replied',
        'success',
        [
          { label: t(ctx, 'card.button.pass'), command: `/评估 ${m.code} 通过`, style: 'primary' },
          { label: t(ctx, 'card.button.return'), command: `/评估 ${m.code} 退回`, style: 'danger' },
          { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
          ...(attachments.length ? [{ label: t(ctx, 'card.button.attachments'), command: `/附件 ${m.code}` }] : []),
        ],
        content.body,
        content.fields,
      ),
    },
  );
}

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
    const fields = { code: m.code, title: m.title, comment: comment || t(ctx, 'common.none') };
    reply(ctx, 'evaluate.passed', fields);
    await notify(ctx, 'agency', m.responsibleOrgId, 'evaluate.passed_notice', fields, { matterId: m.id });
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
  await updateMatter(ctx.tx, m.id, {
    status: 'returned',
    dueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    updatedAt: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  await planMatterJobs(ctx, m.id, deadline.due);
  audit(ctx, 'matter.return', m.code, { newDueOn: deadline.due });
  const fields = {
    code: m.code,
    title: m.title,
    comment: comment || t(ctx, 'common.none'),
    due: deadline.due,
    period: deadline.period,
  };
  reply(ctx, 'evaluate.returned', { ...fields, explanation: explanation(ctx, deadline) });
  const updated = (await findMatterById(ctx.tx, m.id))!;
  await notify(ctx, 'agency', m.responsibleOrgId, 'evaluate.returned_notice', fields, {
    matterId: m.id,
    card: matterCard(ctx, updated, 'card.title.returned', 'warning', agencyButtons(ctx, m.code), comment || undefined),
  });
}

export async function requestExtension(ctx: Ctx, matterId: string, periodText: string, reason: string): Promise<void> {
  const m = (await findMatterById(ctx.tx, matterId))!;
  assertResponsible(ctx, m);
  if (!canApply(m.status, 'request_extension'))
    throw new UserError('error.cannot_extend', { code: m.code, status: t(ctx, `status.${m.status}`) });
  if (await pendingExtension(ctx.tx, m.id)) throw new UserError('error.extension_pending', { code: m.code });
  const { deadline, period } = deadlineFor(ctx, m.dueOn, periodText);
  await recordExtensionRequest(ctx.tx, {
    matterId: m.id,
    periodRule: period,
    reason,
    previousDueOn: m.dueOn,
    newDueOn: deadline.due,
    requestedById: ctx.member!.id,
    createdAt: ctx.now,
  });
  audit(ctx, 'matter.extension_request', m.code, { period, newDueOn: deadline.due });
  ctx.completed = { action: t(ctx, 'card.used.extension_request') };
  const fields = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    period: deadline.period,
    previous: m.dueOn,
    due: deadline.due,
    reason,
    by: ctx.member!.name,
  };
  reply(ctx, 'extension.requested', fields);
  await notify(ctx, 'joint', undefined, 'extension.request_notice', fields, {
    matterId: m.id,
    card: matterCard(
      ctx,
      m,
      'card.title.extension',
      'warning',
      [
        { label: t(ctx, 'card.button.approve'), command: `/延期 ${m.code} 批准`, style: 'primary' },
        { label: t(ctx, 'card.button.decline'), command: `/延期 ${m.code} 驳回`, style: 'danger' },
      ],
      t(ctx, 'extension.card_body', fields),
    ),
  });
}

export async function decideExtension(ctx: Ctx, m: MatterWithOrgs, approve: boolean, comment: string): Promise<void> {
  const req = await pendingExtension(ctx.tx, m.id);
  if (!req) throw new UserError('error.no_pending_extension', { code: m.code });
  // nobody decides their own request
  if (req.requestedById && req.requestedById === ctx.member!.id)
    throw new UserError('error.self_approve', { code: m.code });
  ctx.completed = { action: t(ctx, approve ? 'card.used.approve' : 'card.used.decline') };
  const fields = {
    code: m.code,
    title: m.title,
    previous: req.previousDueOn,
    due: req.newDueOn ?? '',
    comment: comment || t(ctx, 'common.none'),
  };
  if (!approve) {
    await decideExtensionRequest(ctx.tx, req.id, {
      status: 'declined',
      decidedById: ctx.member!.id,
      decidedAt: ctx.now,
      decisionNote: comment,
    });
    audit(ctx, 'matter.extension_decline', m.code, {});
    reply(ctx, 'extension.declined', fields);
    await notify(ctx, 'agency', m.responsibleOrgId, 'extension.declined_notice', fields, { matterId: m.id });
    return;
  }
  if (!canApply(m.status, 'extend'))
    throw new UserError('error.cannot_extend', { code: m.code, status: t(ctx, `status.${m.status}`) });
  // the new due date is counted from the due date in force when it is decided
  const { deadline } = deadlineFor(ctx, m.dueOn, req.periodRule);
  await decideExtensionRequest(ctx.tx, req.id, {
    status: 'approved',
    decidedById: ctx.member!.id,
    decidedAt: ctx.now,
    decisionNote: comment,
    previousDueOn: m.dueOn,
    newDueOn: deadline.due,
  });
  await updateMatter(ctx.tx, m.id, {
    dueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    updatedAt: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  await planMatterJobs(ctx, m.id, deadline.due);
  audit(ctx, 'matter.extension_approve', m.code, { previous: m.dueOn, newDueOn: deadline.due });
  const approved = { ...fields, previous: m.dueOn, due: deadline.due };
  reply(ctx, 'extension.approved', { ...approved, explanation: explanation(ctx, deadline) });
  await notify(ctx, 'agency', m.responsibleOrgId, 'extension.approved_notice', approved, { matterId: m.id });
}

/** A reminder, overdue notice or escalation falling due. Returns false when it no longer applies. */
export async function fireMatterJob(
  ctx: Ctx,
  kind: string,
  m: MatterWithOrgs | undefined,
  payload: { dueOn?: string; workdaysLeft?: number | null },
): Promise<boolean> {
  if (!m || !awaitingReply(m.status) || (payload.dueOn && payload.dueOn !== m.dueOn)) return false;
  const base = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    due: dueText(ctx, m),
    kind: MATTER_KIND_LABEL[m.kind as MatterKind],
    state: timeLeftText(ctx, m.dueOn),
  };
  if (kind === 'reminder') {
    const left = payload.workdaysLeft ?? 0;
    const key = left === 0 ? 'remind.due_today' : 'remind.before';
    await notify(
      ctx,
      'agency',
      m.responsibleOrgId,
      key,
      { ...base, left },
      {
        matterId: m.id,
        card: matterCard(
          ctx,
          m,
          left === 0 ? 'card.title.due_today' : 'card.title.reminder',
          left <= 1 ? 'warning' : 'info',
          agencyButtons(ctx, m.code),
        ),
      },
    );
    audit(ctx, 'remind.sent', m.code, { workdaysLeft: left });
  } else if (kind === 'overdue') {
    const card = matterCard(ctx, m, 'card.title.overdue', 'danger', agencyButtons(ctx, m.code));
    await notify(ctx, 'agency', m.responsibleOrgId, 'overdue.agency', base, { matterId: m.id, card });
    const sup = await notify(ctx, 'supervisor', undefined, 'overdue.supervisor', base, {
      matterId: m.id,
      card: matterCard(ctx, m, 'card.title.overdue_supervisor', 'danger', [
        { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
      ]),
    });
    await notify(ctx, 'joint', undefined, 'overdue.joint', base, {
      matterId: m.id,
      card: matterCard(ctx, m, 'card.title.overdue_joint', 'danger', [
        { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
      ]),
    });
    // the escalation follows the ladder from this notice: N working days after today
    await moveEscalation(ctx, escalationKey(m.id, m.dueOn));
    audit(ctx, 'overdue.sent', m.code, { supervisorGroups: sup });
  } else if (kind === 'escalation') {
    const n = await notify(
      ctx,
      'leaders',
      undefined,
      'escalation.leaders',
      { ...base, days: ctx.services.config.escalationAfterWorkdays },
      {
        matterId: m.id,
        card: matterCard(ctx, m, 'card.title.escalation', 'danger', [
          { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
        ]),
      },
    );
    await notify(
      ctx,
      'supervisor',
      undefined,
      'escalation.supervisor',
      { ...base, days: ctx.services.config.escalationAfterWorkdays },
      { matterId: m.id },
    );
    audit(ctx, 'escalation.sent', m.code, { leaderGroups: n });
  }
  return true;
}

// A request for more time (the /延期 form or command): recorded and put to the joint group
// with buttons; the liaison's decision: 批准 moves the due date (counted from the one in
// force) and plans new reminders, 驳回 leaves it. Runs inside the caller's transaction.

import { canApply } from '../../domain/matter-state.js';
import { findMatterById, type MatterWithOrgs, pendingExtension } from '../../store/matters.js';
import { decideExtensionRequest, recordExtensionRequest } from '../../store/recommendations.js';
import { matterCard } from '../core/cards.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { evaluatorName, notifyEvaluator } from '../core/evaluator.js';
import { deadlineFor, explanation, moveDeadline } from '../core/matters.js';
import { notify } from '../core/notify.js';
import { assertResponsible } from './access.js';

/** The responsible unit asks for `periodText` more; one request at a time. */
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
    evaluator: evaluatorName(ctx, m),
  };
  reply(ctx, 'extension.requested', fields);
  await notifyEvaluator(ctx, m, 'extension.request_notice', fields, {
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

/** The liaison approves or declines the pending request (nobody decides their own). */
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
  await moveDeadline(ctx, m.id, deadline);
  audit(ctx, 'matter.extension_approve', m.code, { previous: m.dueOn, newDueOn: deadline.due });
  const approved = { ...fields, previous: m.dueOn, due: deadline.due };
  reply(ctx, 'extension.approved', { ...approved, explanation: explanation(ctx, deadline) });
  await notify(ctx, 'agency', m.responsibleOrgId, 'extension.approved_notice', approved, { matterId: m.id });
}

// A recommendation's deadline notices falling due (matter jobs): the reminders before the due
// date, the overdue notice to the agency, the supervisor and the joint group, and the
// escalation to the leaders. Runs inside the job's transaction and only queues messages.

import { awaitingReply } from '../../domain/matter-state.js';
import { escalationKey } from '../../domain/reminder-plan.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { agencyButtons, dueText, matterCard, timeLeftText } from '../core/cards.js';
import { audit, type Ctx, t } from '../core/context.js';
import { moveEscalation } from '../core/matters.js';
import { notify } from '../core/notify.js';
import type { MatterJobHandler } from '../core/spec.js';

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
  // 整改中: the date is the agency's own expected date of the end of its rectification
  const r = m.status === 'rectifying' ? 'rectifying_' : '';
  if (kind === 'reminder') {
    const left = payload.workdaysLeft ?? 0;
    const key = left === 0 ? `remind.${r}due_today` : `remind.${r}before`;
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
    await notify(ctx, 'agency', m.responsibleOrgId, `overdue.${r}agency`, base, { matterId: m.id, card });
    const sup = await notify(ctx, 'supervisor', undefined, `overdue.${r}supervisor`, base, {
      matterId: m.id,
      card: matterCard(ctx, m, 'card.title.overdue_supervisor', 'danger', [
        { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
      ]),
    });
    await notify(ctx, 'joint', undefined, `overdue.${r}joint`, base, {
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

export const deadlineJob: MatterJobHandler = (ctx, kind, m, payload) => fireMatterJob(ctx, kind, m, payload);

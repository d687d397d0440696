// A recommendation's deadline notices falling due (matter jobs): the reminders before the due
// date, the overdue notice to the agency, the supervisor and the joint group, and the
// escalation to the leaders. Runs inside the job's transaction and only queues messages.

import { awaitingReply } from '../../domain/matter-state.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { agencyButtons, dueText, matterCard, timeLeftText } from '../core/cards.js';
import { audit, type Ctx, forKind, t } from '../core/context.js';
import { notify } from '../core/notify.js';
import type { MatterJobHandler } from '../core/spec.js';
import { pressEscalation, pressWithOverdueNotice } from './road.js';

/** A reminder, overdue notice or escalation falling due. Returns false when it no longer applies. */
export async function fireMatterJob(
  ctx: Ctx,
  kind: string,
  m: MatterWithOrgs | undefined,
  payload: { dueOn?: string; workdaysLeft?: number | null; step?: number | null },
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
      forKind(ctx, key, m.kind),
      { ...base, left },
      {
        matterId: m.id,
        card: matterCard(
          ctx,
          m,
          left === 0 ? 'card.title.due_today' : 'card.title.reminder',
          left <= 1 ? 'warning' : 'info',
          agencyButtons(ctx, m.code, m.kind),
        ),
      },
    );
    audit(ctx, 'remind.sent', m.code, { workdaysLeft: left });
  } else if (kind === 'overdue') {
    // the 督办路径's first steps (the 督办群 by default) hear it with the agency and the joint group
    const bodies = await pressWithOverdueNotice(ctx, m, base);
    const reported = bodies.length ? t(ctx, 'overdue.reported', { bodies: bodies.join('、') }) : '';
    const card = matterCard(ctx, m, 'card.title.overdue', 'danger', agencyButtons(ctx, m.code, m.kind));
    await notify(
      ctx,
      'agency',
      m.responsibleOrgId,
      forKind(ctx, `overdue.${r}agency`, m.kind),
      { ...base, reported },
      { matterId: m.id, card },
    );
    await notify(
      ctx,
      'joint',
      undefined,
      forKind(ctx, `overdue.${r}joint`, m.kind),
      { ...base, reported },
      {
        matterId: m.id,
        card: matterCard(ctx, m, 'card.title.overdue_joint', 'danger', [
          { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
        ]),
      },
    );
    audit(ctx, 'overdue.sent', m.code, { bodies: bodies.length });
  } else if (kind === 'escalation') {
    const { bodies, groups, steps } = await pressEscalation(ctx, m, base, payload.step ?? undefined);
    if (bodies.length === 0) return false;
    // the steps and bodies (names of units, never content): /状态 says to whom, 提请督办 goes on from here
    audit(ctx, 'escalation.sent', m.code, { steps, bodies, groups });
  }
  return true;
}

export const deadlineJob: MatterJobHandler = (ctx, kind, m, payload) => fireMatterJob(ctx, kind, m, payload);

// The deadline and sleeping jobs of a clue: the current stage's reminder, overdue notice (督办) and
// escalation to the leaders (受理 while referred, 办结 while handled), planned as job rows, and the
// 休眠提醒 when nothing has been noted for K working days; and what each does when it comes due.
import { shanghaiDate } from '../../domain/civil-date.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { atOfficeStart, escalationKey, type PlannedKind } from '../../domain/reminder-plan.js';
import { planJobs } from '../../store/jobs.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { audit, type Ctx, t } from '../core/context.js';
import { moveEscalation, planMatterJobs } from '../core/matters.js';
import { notify, notifyUnit, tell } from '../core/notify.js';
import { clueCard, handlerButtons, outlineFields, receiverButtons } from './cards.js';
import { type ClueMatter, limitOf, loadClue } from './service.js';

/** The keys of a stage's jobs start with its referral and stage (clue2a: acceptance after the second referral), so no stage meets another's. */
const stagePrefix = (c: ClueMatter, stage: 'accept' | 'close') =>
  `clue${c.clue.referrals}${stage === 'close' ? 'c' : 'a'}:`;

/** Plans the current stage's deadline jobs: acceptance while referred, closing while handled. */
export async function planStage(ctx: Ctx, c: ClueMatter): Promise<void> {
  const stage = c.status === 'handling' ? 'close' : 'accept';
  await planMatterJobs(ctx, c.id, c.dueOn, {
    jobKind: (k: PlannedKind) => `clue_${k}`,
    keyPrefix: stagePrefix(c, stage),
    // acceptance: one reminder the working day before; closing: the usual plan
    reminderOffsets: stage === 'accept' ? [1] : undefined,
    // a clue escalates to the leaders on its own ladder, not along the recommendations' 督办路径
    escalationAfter: ctx.services.config.escalationAfterWorkdays,
    payload: { stage, referral: c.clue.referrals },
  });
}

/** The sleeping nudge: K working days after the last acceptance or progress note (休眠提醒). */
export async function planSleep(ctx: Ctx, c: ClueMatter, since: Date, n: number, from: Date = since): Promise<void> {
  const { config, calendar } = ctx.services;
  const day = shiftWorkingDays(shanghaiDate(from), limitOf(ctx, c.clue.category).sleepWorkdays, calendar);
  const key = `clue_sleep:${c.id}:${since.toISOString()}:${n}`;
  const at = atOfficeStart(day, config.officeStart);
  await planJobs(
    ctx.tx,
    [{ kind: 'clue_sleep', key, dueAt: at, matterId: c.id, payload: { since: since.toISOString(), n } }],
    ctx.now,
  );
  ctx.scheduled = true;
}

/**
 * A clue's deadline job (受理 or 办结 reminder, overdue notice, escalation) or sleeping
 * nudge. Returns false when it no longer applies: the clue moved on since.
 */
export async function fireClueJob(
  ctx: Ctx,
  kind: string,
  m: MatterWithOrgs | undefined,
  payload: Record<string, unknown>,
): Promise<boolean> {
  if (m?.kind !== 'clue') return false;
  const c = await loadClue(ctx, m);
  if (kind === 'clue_sleep') return sleepNudge(ctx, c, payload);
  const stage = payload.stage === 'close' ? 'close' : 'accept';
  if (
    c.status !== (stage === 'close' ? 'handling' : 'referred') ||
    payload.dueOn !== c.dueOn ||
    payload.referral !== c.clue.referrals
  )
    return false;
  const fields = {
    ...outlineFields(ctx, c),
    days: ctx.services.config.escalationAfterWorkdays,
    left: Number(payload.workdaysLeft ?? 0),
  };
  const details = [{ label: t(ctx, 'clue.button.show'), command: `/线索 查看 ${c.code}` }];
  if (kind === 'clue_reminder') {
    await notifyUnit(ctx, c.responsibleOrgId, `clue.remind.${stage}`, fields, {
      matterId: c.id,
      card: clueCard(
        ctx,
        c,
        `clue.card.remind_${stage}`,
        'warning',
        stage === 'accept' ? receiverButtons(ctx, c.code) : handlerButtons(ctx, c.code),
        false,
      ),
    });
    if (stage === 'close' && c.clue.handlerId)
      await tell(ctx, [c.clue.handlerId], `clue.remind.${stage}`, fields, { matterId: c.id });
    audit(ctx, 'clue.remind', c.code, { stage });
  } else if (kind === 'clue_overdue') {
    await notifyUnit(ctx, c.responsibleOrgId, `clue.overdue.${stage}`, fields, {
      matterId: c.id,
      card: clueCard(
        ctx,
        c,
        `clue.card.overdue_${stage}`,
        'danger',
        stage === 'accept' ? receiverButtons(ctx, c.code) : handlerButtons(ctx, c.code),
        false,
      ),
    });
    // 督办: the government chases a unit that does not accept or close in time
    const n = await notify(ctx, 'supervisor', undefined, `clue.overdue.supervisor_${stage}`, fields, {
      matterId: c.id,
      card: clueCard(ctx, c, `clue.card.overdue_${stage}`, 'danger', details, false),
    });
    await notifyUnit(ctx, c.issuingOrgId, `clue.overdue.referrer_${stage}`, fields, { matterId: c.id });
    await moveEscalation(ctx, escalationKey(c.id, c.dueOn, stagePrefix(c, stage)));
    audit(ctx, 'clue.overdue', c.code, { stage, supervisorGroups: n });
  } else if (kind === 'clue_escalation') {
    const n = await notify(ctx, 'leaders', undefined, `clue.escalation.leaders_${stage}`, fields, {
      matterId: c.id,
      card: clueCard(ctx, c, 'clue.card.escalation', 'danger', details, false),
    });
    await notify(ctx, 'supervisor', undefined, `clue.escalation.supervisor_${stage}`, fields, { matterId: c.id });
    audit(ctx, 'clue.escalation', c.code, { stage, leaderGroups: n });
  } else return false;
  return true;
}

/** 休眠提醒: nothing noted for K working days. The next one is planned K working days on. */
async function sleepNudge(ctx: Ctx, c: ClueMatter, payload: Record<string, unknown>): Promise<boolean> {
  if ((c.status !== 'handling' && c.status !== 'bounced') || payload.since !== c.clue.lastActivityAt.toISOString())
    return false;
  const n = Number(payload.n ?? 1);
  const limit = limitOf(ctx, c.clue.category);
  const fields = {
    ...outlineFields(ctx, c),
    days: limit.sleepWorkdays * n,
    since: shanghaiDate(c.clue.lastActivityAt),
    handler: c.clue.handlerName ?? t(ctx, 'common.none'),
  };
  if (c.status === 'handling') {
    await notifyUnit(ctx, c.responsibleOrgId, 'clue.sleeping', fields, {
      matterId: c.id,
      card: clueCard(ctx, c, 'clue.card.sleeping', 'warning', handlerButtons(ctx, c.code), false),
    });
    if (c.clue.handlerId) await tell(ctx, [c.clue.handlerId], 'clue.sleeping_handler', fields, { matterId: c.id });
  } else {
    await notifyUnit(ctx, c.responsibleOrgId, 'clue.sleeping_returned', fields, { matterId: c.id });
    if (c.clue.referrerId) await tell(ctx, [c.clue.referrerId], 'clue.sleeping_returned', fields, { matterId: c.id });
  }
  audit(ctx, 'clue.sleeping', c.code, { n, status: c.status });
  await planSleep(ctx, c, c.clue.lastActivityAt, n + 1, ctx.now);
  return true;
}

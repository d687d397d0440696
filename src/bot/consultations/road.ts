// A consultation's time limit falling due: reminders to the unit asked, the overdue notice to it and
// to the asker's unit, and the 督办路径 (core/road.ts) — its first steps with the notice, the next N
// working days later (core/deadline-jobs.ts). A restricted one is named by its code only (控制知悉范围).
import { escalationKey } from '../../domain/reminder-plan.js';
import { type RoadStep, withOverdueNotice } from '../../domain/road.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { dueText, timeLeftText } from '../core/cards.js';
import { audit, type Ctx } from '../core/context.js';
import { type DeadlinePlan, moveEscalation } from '../core/deadline-jobs.js';
import { notify, notifyUnit } from '../core/notify.js';
import type { Fields } from '../core/prompts.js';
import { roadOf } from '../core/road.js';
import type { MatterJobHandler } from '../core/spec.js';

export const CONSULTATION_KEY_PREFIX = 'zq:';
export const CONSULTATION_PLAN: DeadlinePlan = {
  jobKind: (k) => `consultation_${k}`,
  keyPrefix: CONSULTATION_KEY_PREFIX,
};
export const CONSULTATION_JOB_KINDS = ['consultation_reminder', 'consultation_overdue', 'consultation_escalation'];

async function pressStep(ctx: Ctx, step: RoadStep, stage: string, fields: Fields, matterId: string): Promise<void> {
  if ('purpose' in step.to) {
    await notify(ctx, step.to.purpose, undefined, `consultation.road.${stage}_${step.to.purpose}`, fields, {
      matterId,
    });
    return;
  }
  const name = step.to.org;
  const org = (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.name === name);
  if (org)
    await notifyUnit(ctx, org.id, `consultation.road.${stage}_body`, { ...fields, body: org.name }, { matterId });
}

async function overdue(ctx: Ctx, m: MatterWithOrgs, fields: Fields): Promise<void> {
  await notifyUnit(ctx, m.responsibleOrgId, 'consultation.overdue.asked', fields, { matterId: m.id });
  await notifyUnit(ctx, m.issuingOrgId, 'consultation.overdue.asker', fields, { matterId: m.id });
  const road = await roadOf(ctx);
  const { steps, next } = withOverdueNotice(road);
  for (const i of steps) await pressStep(ctx, road[i]!, 'overdue', fields, m.id);
  if (next !== undefined)
    await moveEscalation(ctx, escalationKey(m.id, m.dueOn, CONSULTATION_KEY_PREFIX), road[next]!.after);
  audit(ctx, 'consultation.overdue', m.code, { steps: steps.length });
}

/** A reminder, the overdue notice or the escalation; false once answered. */
export const consultationJob: MatterJobHandler = async (ctx, kind, m, payload) => {
  if (m?.status !== 'registered' || (payload.dueOn && payload.dueOn !== m.dueOn)) return false;
  const fields = {
    code: m.code,
    title: m.title,
    asker: m.issuingOrg.name,
    org: m.responsibleOrg.name,
    due: dueText(ctx, m),
    state: timeLeftText(ctx, m.dueOn),
    left: Number(payload.workdaysLeft ?? 0),
  };
  if (kind === 'consultation_reminder') {
    const key = fields.left === 0 ? 'consultation.remind.due_today' : 'consultation.remind.before';
    await notifyUnit(ctx, m.responsibleOrgId, key, fields, { matterId: m.id });
    audit(ctx, 'consultation.reminded', m.code, { workdaysLeft: fields.left });
  } else if (kind === 'consultation_overdue') await overdue(ctx, m, fields);
  else {
    const road = await roadOf(ctx);
    const next = withOverdueNotice(road).next;
    if (next === undefined) return false;
    await pressStep(ctx, road[next]!, 'escalation', fields, m.id);
    audit(ctx, 'consultation.escalated', m.code, { step: next });
  }
  return true;
};

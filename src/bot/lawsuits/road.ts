// A lawsuit's 答辩举证 deadline (行政诉讼法 第六十七条) falling due: the reminders before it, the overdue
// notice to the agency, the 司法局 and the joint group, and the 督办路径 (core/road.ts) — its first steps
// with the notice, the next one N working days later (core/deadline-jobs.ts plans it).
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
import { judicialOrg } from './access.js';

export const DEFENCE_KEY_PREFIX = 'ys:';
export const DEFENCE_JOB_KINDS = ['lawsuit_reminder', 'lawsuit_overdue', 'lawsuit_escalation'];

/** The deadline jobs of the 答辩举证 period: lawsuit_reminder, lawsuit_overdue, lawsuit_escalation. */
export const DEFENCE_PLAN: DeadlinePlan = { jobKind: (k) => `lawsuit_${k}`, keyPrefix: DEFENCE_KEY_PREFIX };

/** Tells one body of the road: the supervisor group, the leaders group, or a unit named on it. */
async function pressStep(ctx: Ctx, step: RoadStep, stage: string, fields: Fields, matterId: string): Promise<void> {
  if ('purpose' in step.to) {
    await notify(ctx, step.to.purpose, undefined, `lawsuit.road.${stage}_${step.to.purpose}`, fields, { matterId });
    return;
  }
  const name = step.to.org;
  const org = (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.name === name);
  if (org) await notifyUnit(ctx, org.id, `lawsuit.road.${stage}_body`, { ...fields, body: org.name }, { matterId });
}

async function overdue(ctx: Ctx, m: MatterWithOrgs, fields: Fields): Promise<void> {
  await notify(ctx, 'agency', m.responsibleOrgId, 'lawsuit.overdue.agency', fields, { matterId: m.id });
  const judicial = await judicialOrg(ctx);
  if (judicial) await notifyUnit(ctx, judicial.id, 'lawsuit.overdue.judicial', fields, { matterId: m.id });
  await notify(ctx, 'joint', undefined, 'lawsuit.overdue.joint', fields, { matterId: m.id });
  const road = await roadOf(ctx);
  const { steps, next } = withOverdueNotice(road);
  for (const i of steps) await pressStep(ctx, road[i]!, 'overdue', fields, m.id);
  if (next !== undefined)
    await moveEscalation(ctx, escalationKey(m.id, m.dueOn, DEFENCE_KEY_PREFIX), road[next]!.after);
  audit(ctx, 'lawsuit.overdue', m.code, { steps: steps.length });
}

/** A 答辩举证 reminder, overdue notice or escalation; false when the defence was filed since. */
export const defenceJob: MatterJobHandler = async (ctx, kind, m, payload) => {
  if (m?.status !== 'registered' || (payload.dueOn && payload.dueOn !== m.dueOn)) return false;
  const fields = {
    code: m.code,
    caseNumber: m.docNumber ?? '',
    cause: m.title,
    org: m.responsibleOrg.name,
    due: dueText(ctx, m),
    state: timeLeftText(ctx, m.dueOn),
    left: Number(payload.workdaysLeft ?? 0),
  };
  if (kind === 'lawsuit_reminder') {
    const key = fields.left === 0 ? 'lawsuit.remind.due_today' : 'lawsuit.remind.before';
    await notify(ctx, 'agency', m.responsibleOrgId, key, fields, { matterId: m.id });
    audit(ctx, 'lawsuit.reminded', m.code, { workdaysLeft: fields.left });
  } else if (kind === 'lawsuit_overdue') await overdue(ctx, m, fields);
  else {
    const road = await roadOf(ctx);
    const next = withOverdueNotice(road).next;
    if (next === undefined) return false;
    await pressStep(ctx, road[next]!, 'escalation', fields, m.id);
    audit(ctx, 'lawsuit.escalated', m.code, { step: next });
  }
  return true;
};

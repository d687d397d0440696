// Pressing an overdue matter along the 督办路径 (the roster's road, core/road.ts): each step's body
// hears it in its own groups — the supervisor group (督办群), the leaders group, or a unit such as the
// 司法局 (which may issue a 《行政执法监督通知书》 from the card) — and the next step is planned.

import type { CardButton } from '../../chat/messages.js';
import { escalationKey } from '../../domain/reminder-plan.js';
import { type RoadStep, stepKey, stepsFrom, withOverdueNotice } from '../../domain/road.js';
import { planJob } from '../../store/jobs.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { matterCard } from '../core/cards.js';
import { type Ctx, t } from '../core/context.js';
import { escalationAfter, moveEscalation } from '../core/matters.js';
import { notify, notifyUnit } from '../core/notify.js';
import type { Fields } from '../core/prompts.js';
import { bodyName, roadOf } from '../core/road.js';

/** with the overdue notice, an escalation falling due, or asked for by the evaluating liaison (提请督办) */
type Stage = 'overdue' | 'escalation' | 'requested';

const details = (ctx: Ctx, code: string): CardButton => ({
  label: t(ctx, 'card.button.details'),
  command: `/状态 ${code}`,
});

/** The buttons of a step's card: the supervisor presses (督办), a leader instructs (批示), the 司法局 issues a notice. */
async function stepButtons(ctx: Ctx, m: MatterWithOrgs, step: RoadStep): Promise<CardButton[]> {
  const b: CardButton[] = [];
  if ('purpose' in step.to && step.to.purpose === 'supervisor')
    b.push({ label: t(ctx, 'card.button.supervise'), command: `/督办 ${m.code}` });
  if ('purpose' in step.to && step.to.purpose === 'leaders')
    b.push({ label: t(ctx, 'card.button.instruct'), command: `/批示 ${m.code}` });
  if ('org' in step.to && m.kind !== 'task' && (await orgOf(ctx, step.to.org))?.kind === 'judicial')
    b.push({ label: t(ctx, 'card.button.issue_notice'), command: `/监督通知书 新建 关联=${m.code}` });
  return [...b, details(ctx, m.code)];
}

const orgOf = async (ctx: Ctx, name: string) => (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.name === name);

/** One step's notice to its body; returns how many groups it reached. */
async function pressStep(ctx: Ctx, m: MatterWithOrgs, step: RoadStep, stage: Stage, fields: Fields) {
  const card = matterCard(ctx, m, `card.title.road_${stage}`, 'danger', await stepButtons(ctx, m, step));
  const extra = { matterId: m.id, card };
  if ('org' in step.to) {
    const org = await orgOf(ctx, step.to.org);
    if (!org) return 0;
    const judicial = org.kind === 'judicial' && m.kind !== 'task';
    const hint = judicial ? t(ctx, 'road.notice_hint', { code: m.code }) : '';
    return notifyUnit(ctx, org.id, `road.${stage}_body`, { ...fields, body: org.name, hint }, extra);
  }
  const key = step.to.purpose === 'leaders' ? `road.${stage}_leaders` : `road.${stage}_supervisor`;
  return notify(ctx, step.to.purpose, undefined, key, fields, extra);
}

/** The fields every step's notice shares: what is late (the reply, or the end of rectification). */
function stepFields(ctx: Ctx, m: MatterWithOrgs, base: Fields, days: number): Fields {
  const late = t(ctx, m.status === 'rectifying' ? 'road.late_rectifying' : 'road.late_reply', base);
  return { ...base, late, days };
}

/**
 * With the overdue notice: the steps at the road's start (the 督办群 by default) hear it, and the first
 * later step is planned N working days from today. Returns the bodies told, by name.
 */
export async function pressWithOverdueNotice(ctx: Ctx, m: MatterWithOrgs, base: Fields): Promise<string[]> {
  const road = await roadOf(ctx);
  const { steps, next } = withOverdueNotice(road);
  for (const i of steps) await pressStep(ctx, m, road[i]!, 'overdue', stepFields(ctx, m, base, 0));
  if (next !== undefined) await moveEscalation(ctx, escalationKey(m.id, m.dueOn), road[next]!.after);
  return Promise.all(steps.map((i) => bodyName(ctx, road[i]!.to)));
}

/**
 * An escalation falling due: the step it stands for (the first planned one when the job does not say)
 * and those with it hear it, the supervisor group is told who was pressed, and the next step is planned.
 * Asked for by the evaluating liaison (提请督办, `cause: 'evaluation'`), the step is pressed now and
 * nothing more is planned: the new period has its own reminders and road.
 */
export async function pressEscalation(
  ctx: Ctx,
  m: MatterWithOrgs,
  base: Fields,
  step?: number,
  cause: 'overdue' | 'evaluation' = 'overdue',
) {
  const road = await roadOf(ctx);
  const first = withOverdueNotice(road).next;
  const from = step ?? first;
  if (from === undefined || first === undefined || from >= road.length) return { bodies: [], groups: 0, steps: [] };
  const { steps, next } = stepsFrom(road, from);
  const days = road.slice(first, from + 1).reduce((n, s) => n + s.after, 0);
  const stage: Stage = cause === 'evaluation' ? 'requested' : 'escalation';
  const fields = cause === 'evaluation' ? { ...base, days } : stepFields(ctx, m, base, days);
  let groups = 0;
  for (const i of steps) groups += await pressStep(ctx, m, road[i]!, stage, fields);
  const bodies = await Promise.all(steps.map((i) => bodyName(ctx, road[i]!.to)));
  const supervisorPressed = steps.some((i) => 'purpose' in road[i]!.to && road[i]!.to.purpose === 'supervisor');
  if (!supervisorPressed) {
    const told = { ...fields, bodies: bodies.join('、') };
    await notify(ctx, 'supervisor', undefined, `road.${stage}_told_supervisor`, told, { matterId: m.id });
  }
  if (next !== undefined && cause === 'overdue') {
    const key = stepKey(escalationKey(m.id, m.dueOn), next, first);
    const dueAt = escalationAfter(ctx, ctx.now, road[next]!.after);
    const job = { kind: 'escalation', key, dueAt, matterId: m.id, payload: { dueOn: m.dueOn, step: next } };
    await planJob(ctx.tx, job, ctx.now);
    ctx.scheduled = true;
  }
  return { bodies, groups, steps };
}

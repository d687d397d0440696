// A matter's deadline jobs: the reminders, the overdue notice and the escalation planned for its due
// date (recommendations, tasks: along the 督办路径; a clue: its stage's own), and moving the escalation
// once the overdue notice went out.
import { shanghaiDate } from '../../domain/civil-date.js';
import { nextOfficeMoment, shiftWorkingDays } from '../../domain/office-hours.js';
import { atOfficeStart, type PlannedKind, planActions } from '../../domain/reminder-plan.js';
import { type JobInput, planJobs, postponeJob } from '../../store/jobs.js';
import type { Ctx } from './context.js';
import { firstEscalationDelay } from './road.js';

export const MATTER_JOB_KINDS = ['reminder', 'overdue', 'escalation'];

/** How a family plans its deadline jobs: recommendations use the defaults, a clue its stage's own. */
export interface DeadlinePlan {
  /** the job kind for reminder | overdue | escalation (a clue: clue_reminder …) */
  jobKind?: (k: PlannedKind) => string;
  /** before every key, e.g. the clue's stage `clue2:` */
  keyPrefix?: string;
  reminderOffsets?: number[];
  /** working days from the overdue notice to the escalation (default ESCALATION_AFTER_WORKDAYS); null: none */
  escalationAfter?: number | null;
  /** more in every job's payload */
  payload?: Record<string, unknown>;
}

/** Plans reminders, the overdue notice and the escalation for the matter's current due date. */
export async function planMatterJobs(
  ctx: Ctx,
  matterId: string,
  dueOn: string,
  plan: DeadlinePlan = {},
): Promise<void> {
  await planJobs(ctx.tx, matterJobs(ctx, matterId, dueOn, await withRoad(ctx, plan)), ctx.now);
  ctx.scheduled = true;
}

/**
 * A plan that does not set its escalation follows the 督办路径 (recommendations, tasks, notices); a clue
 * sets its own (ESCALATION_AFTER_WORKDAYS to its leaders).
 */
export async function withRoad(ctx: Ctx, plan: DeadlinePlan = {}): Promise<DeadlinePlan> {
  if (plan.escalationAfter !== undefined) return plan;
  return { ...plan, escalationAfter: (await firstEscalationDelay(ctx)) ?? null };
}

/** The job rows of a matter's reminders, overdue notice and escalation for one due date (nothing written). */
export function matterJobs(ctx: Ctx, matterId: string, dueOn: string, plan: DeadlinePlan = {}): JobInput[] {
  const { config, calendar } = ctx.services;
  const hours = { start: config.officeStart, end: config.officeEnd };
  const earliest = nextOfficeMoment(ctx.now, hours, calendar);
  let overdueAt: Date | undefined;
  const jobs: JobInput[] = [];
  const reminderOffsets = plan.reminderOffsets ?? config.reminderOffsets;
  const escalationAfterWorkdays = plan.escalationAfter ?? config.escalationAfterWorkdays;
  for (const a of planActions({
    matterId,
    dueOn,
    calendar,
    hours,
    reminderOffsets,
    escalationAfterWorkdays,
    keyPrefix: plan.keyPrefix,
  })) {
    if (a.kind === 'reminder' && a.at < ctx.now) continue; // a reminder for a day already past is pointless
    if (a.kind === 'escalation' && plan.escalationAfter === null) continue; // the road ends with the notice
    let at = a.at < ctx.now ? earliest : a.at; // an overdue notice already due goes at the next office moment
    if (a.kind === 'overdue') overdueAt = at;
    // the escalation counts its working days from the overdue notice actually sent
    if (a.kind === 'escalation' && overdueAt)
      at = new Date(Math.max(at.getTime(), escalationAfter(ctx, overdueAt, escalationAfterWorkdays).getTime()));
    jobs.push({
      kind: plan.jobKind?.(a.kind) ?? a.kind,
      key: a.key,
      dueAt: at,
      matterId,
      payload: { ...plan.payload, dueOn, on: a.on, workdaysLeft: a.workdaysLeft ?? null },
    });
  }
  return jobs;
}

/**
 * After an overdue notice went out: the escalation waits N working days from that day
 * (the ladder counts from the notice actually sent, not from the plan).
 */
export async function moveEscalation(
  ctx: Ctx,
  key: string,
  workdays = ctx.services.config.escalationAfterWorkdays,
): Promise<void> {
  await postponeJob(ctx.tx, key, escalationAfter(ctx, ctx.now, workdays));
  ctx.scheduled = true;
}

/** Office start N working days after the day of `noticeAt`: the escalation ladder's step. */
export function escalationAfter(ctx: Ctx, noticeAt: Date, workdays: number): Date {
  const { config, calendar } = ctx.services;
  const day = shiftWorkingDays(shanghaiDate(noticeAt), workdays, calendar);
  return atOfficeStart(day, config.officeStart);
}

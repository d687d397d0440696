// A meeting's preparation as job rows, planned from its day; a series' next meeting proposed.
import { yearOf } from '../../domain/civil-date.js';
import { nextOccurrence, type PrepStep, prepDays } from '../../domain/meeting.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { cancelPendingByPrefix, type JobInput, planJobs } from '../../store/jobs.js';
import { nextCode } from '../../store/matters.js';
import { addMeeting, type MeetingRow, seriesById, setSeriesNext } from '../../store/meetings.js';
import { parseJson } from '../../store/tx.js';
import type { Ctx } from '../core/context.js';

/** The job of one step: at office start (with jitter) of its day. */
function stepJob(
  ctx: Ctx,
  m: MeetingRow,
  kind: string,
  step: string,
  day: string,
  extra: Record<string, unknown> = {},
): JobInput {
  const key = `meeting:${m.id}:${m.heldOn}:${step}`;
  const at = atOfficeStart(day, ctx.services.config.officeStart);
  return { kind, key, dueAt: at, payload: { meetingId: m.id, heldOn: m.heldOn, ...extra } };
}

/**
 * Plans a meeting's preparation from its day. A step whose day has passed is skipped, except
 * the notice: it goes at once (an update when an earlier notice was sent for another day).
 */
export async function planPreparation(ctx: Ctx, m: MeetingRow): Promise<void> {
  await cancelPendingByPrefix(ctx.tx, `meeting:${m.id}:`);
  const days = prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar);
  const jobs: JobInput[] = [];
  if (m.status === 'proposed') {
    // not confirmed yet: at notice time the liaison is asked again instead of sending it
    jobs.push(stepJob(ctx, m, 'meeting_confirm', 'confirm', days.notice < ctx.today ? ctx.today : days.notice));
  } else {
    for (const step of ['notice', 'close', 'agenda', 'remind', 'day'] as PrepStep[]) {
      // the notice of a moved meeting goes at once: the units must not wait to hear of it
      const day = step === 'notice' && m.noticeSentAt ? ctx.today : days[step];
      if (day < ctx.today && step !== 'notice') continue;
      jobs.push(
        stepJob(
          ctx,
          m,
          `meeting_${step}`,
          step,
          day < ctx.today ? ctx.today : day,
          step === 'notice' ? { update: Boolean(m.noticeSentAt) } : {},
        ),
      );
    }
  }
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
  // a notice due already (a moved meeting's update) goes right after the answer
  if (jobs.some((j) => j.dueAt <= ctx.now)) ctx.dueNow = true;
}

export interface MeetingInput {
  title: string;
  heldOn: string;
  provisional: boolean;
  location: string;
  startMinute: number;
  seriesId?: string;
  status: 'proposed' | 'planned';
}

export async function createMeeting(ctx: Ctx, input: MeetingInput): Promise<MeetingRow> {
  const code = await nextCode(ctx.tx, 'HY', yearOf(input.heldOn));
  const m = await addMeeting(ctx.tx, {
    code,
    title: input.title,
    heldOn: input.heldOn,
    provisional: input.provisional,
    location: input.location,
    startMinute: input.startMinute,
    seriesId: input.seriesId ?? null,
    status: input.status,
    createdById: ctx.member?.id ?? null,
    createdAt: ctx.now,
  });
  await planPreparation(ctx, m);
  return m;
}

/** The series' next meeting after `after`, proposed for the liaison to confirm or move. */
export async function proposeNext(ctx: Ctx, seriesId: string, after: string): Promise<MeetingRow> {
  const series = (await seriesById(ctx.tx, seriesId))!;
  const p = nextOccurrence(parseJson<number[]>(series.months, []), after, ctx.services.calendar);
  const m = await createMeeting(ctx, {
    title: series.title,
    heldOn: p.date,
    provisional: p.provisional,
    location: series.location,
    startMinute: ctx.services.config.meetingStart,
    seriesId,
    status: 'proposed',
  });
  await setSeriesNext(ctx.tx, seriesId, p.date);
  return m;
}

// 联席会议: a series proposes each meeting on a working day; once confirmed (or moved) the
// preparation runs as job rows — the notice with its calendar file and the call for agenda
// items (T-14), the close of the call with a nudge to silent units (T-7), the compiled
// agenda (T-3), reminders with attendance receipts (T-1 and the day). The minutes turn
// resolutions into tasks (Matter kind=task) that live as recommendations do.

import type { CardButton, Outgoing } from '../../chat/messages.js';
import { hhmm, shanghaiInstant, weekdayName, yearOf } from '../../domain/civil-date.js';
import { meetingIcs, nextOccurrence, type PrepStep, prepDays } from '../../domain/meeting.js';
import { jitterSeconds } from '../../domain/reminder-plan.js';
import { keepGenerated } from '../../store/files.js';
import { cancelPendingByPrefix, type JobInput, planJobs } from '../../store/jobs.js';
import { nextCode } from '../../store/matters.js';
import { parseJson } from '../../store/tx.js';
import { type Ctx, t, UserError } from '../core/context.js';
import { notify, notifyUnit, tell } from '../core/notify.js';

export type MeetingRow = NonNullable<Awaited<ReturnType<Ctx['tx']['meeting']['findUnique']>>>;

export const MEETING_JOB_KINDS = [
  'meeting_confirm',
  'meeting_notice',
  'meeting_close',
  'meeting_agenda',
  'meeting_remind',
  'meeting_day',
];
const MEETING_CODE = /^HY-\d{4}-\d{3,}$/;

export async function meetingByCode(ctx: Ctx, raw: string | undefined, usageKey: string): Promise<MeetingRow> {
  if (!raw) throw new UserError('meeting.error.missing_code', { usage: t(ctx, usageKey) });
  const code = raw.toUpperCase();
  if (!MEETING_CODE.test(code)) throw new UserError('meeting.error.bad_code', { value: raw, usage: t(ctx, usageKey) });
  const m = await ctx.tx.meeting.findUnique({ where: { code } });
  if (!m) throw new UserError('meeting.error.unknown_code', { code });
  return m;
}

/** The units that take part: those with a work group of their own (行政机关, 司法局, 纪委监委 …). */
export async function participatingUnits(ctx: Ctx): Promise<Array<{ id: string; name: string }>> {
  const seen = new Map<string, string>();
  for (const b of await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency' }))
    if (b.orgId && !seen.has(b.orgId)) seen.set(b.orgId, b.orgName ?? '');
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** A meeting in words, for every message about it. */
export function fieldsOf(ctx: Ctx, m: MeetingRow) {
  return {
    code: m.code ?? '',
    title: m.title,
    date: m.heldOn,
    weekday: weekdayName(m.heldOn),
    time: hhmm(m.startMinute),
    location: m.location || t(ctx, 'meeting.location_tbd'),
    provisional: m.provisional ? t(ctx, 'meeting.provisional_mark') : '',
    status: t(ctx, `meeting.status.${m.status}`),
  };
}

/** Says something to the joint group(s) and to every participating unit's group. */
async function toAll(
  ctx: Ctx,
  key: string,
  fields: Record<string, string | number>,
  extra: Omit<Outgoing, 'platform' | 'to' | 'text'> = {},
): Promise<void> {
  await notify(ctx, 'joint', undefined, key, fields, extra);
  for (const u of await participatingUnits(ctx)) await notifyUnit(ctx, u.id, key, fields, extra);
}

// ---- planning ----

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
  const at = new Date(shanghaiInstant(day, ctx.services.config.officeStart).getTime() + jitterSeconds(key) * 1000);
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
  const m = await ctx.tx.meeting.create({
    data: {
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
    },
  });
  await planPreparation(ctx, m);
  return m;
}

/** The series' next meeting after `after`, proposed for the liaison to confirm or move. */
export async function proposeNext(ctx: Ctx, seriesId: string, after: string): Promise<MeetingRow> {
  const series = (await ctx.tx.meetingSeries.findUnique({ where: { id: seriesId } }))!;
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
  await ctx.tx.meetingSeries.update({ where: { id: seriesId }, data: { nextOn: p.date } });
  return m;
}

export function confirmButtons(ctx: Ctx, code: string): CardButton[] {
  return [
    { label: t(ctx, 'meeting.button.confirm'), command: `/会议 确认 ${code}`, style: 'primary' },
    { label: t(ctx, 'meeting.button.show'), command: `/会议 查看 ${code}` },
  ];
}

// ---- the calendar file ----

async function icsFile(ctx: Ctx, m: MeetingRow) {
  const text = meetingIcs({
    uid: `${m.id}@liandong`,
    sequence: m.sequence,
    title: m.title,
    location: m.location,
    description: t(ctx, 'meeting.ics_description', { code: m.code ?? '' }),
    date: m.heldOn,
    startMinute: m.startMinute,
    durationMinutes: 120,
    stamp: ctx.now,
  });
  return keepGenerated(ctx.tx, ctx.services.config.filesDir, {
    name: `${m.code}.ics`,
    bytes: Buffer.from(text, 'utf8'),
    at: ctx.now,
  });
}

// ---- the steps ----

export async function agendaState(ctx: Ctx, m: MeetingRow) {
  const [items, units] = await Promise.all([
    ctx.tx.agendaItem.findMany({ where: { meetingId: m.id }, orderBy: { createdAt: 'asc' } }),
    participatingUnits(ctx),
  ]);
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const answered = new Set(items.map((i) => i.orgId));
  return { items, units, orgs, silent: units.filter((u) => !answered.has(u.id)) };
}

export async function receiptState(ctx: Ctx, m: MeetingRow) {
  const [receipts, units] = await Promise.all([
    ctx.tx.attendanceReceipt.findMany({ where: { meetingId: m.id }, orderBy: { createdAt: 'asc' } }),
    participatingUnits(ctx),
  ]);
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const answered = new Set(receipts.map((r) => r.orgId));
  return { receipts, orgs, missing: units.filter((u) => !answered.has(u.id)) };
}

export function agendaText(ctx: Ctx, s: Awaited<ReturnType<typeof agendaState>>): string {
  // by unit, in the roster's order (as units speak at the meeting), then as submitted
  const rank = new Map(s.units.map((u, i) => [u.id, i]));
  const items = s.items
    .filter((i) => !i.none)
    .sort(
      (a, b) => (rank.get(a.orgId) ?? 99) - (rank.get(b.orgId) ?? 99) || a.createdAt.getTime() - b.createdAt.getTime(),
    );
  const lines = items.map((i, n) =>
    t(ctx, 'meeting.agenda_line', { n: n + 1, unit: s.orgs.get(i.orgId) ?? '', title: i.title }),
  );
  const none = [...new Set(s.items.filter((i) => i.none).map((i) => s.orgs.get(i.orgId) ?? ''))];
  return [
    lines.length ? lines.join('\n') : t(ctx, 'meeting.agenda_empty'),
    none.length ? t(ctx, 'meeting.agenda_none_units', { units: none.join('、') }) : '',
    s.silent.length ? t(ctx, 'meeting.agenda_silent_units', { units: s.silent.map((u) => u.name).join('、') }) : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** One preparation step falling due; nothing when the meeting moved or ended since. */
export async function fireMeetingJob(ctx: Ctx, kind: string, payload: Record<string, unknown>): Promise<void> {
  const m = await ctx.tx.meeting.findUnique({ where: { id: String(payload.meetingId) } });
  if (!m || m.heldOn !== payload.heldOn || (m.status !== 'planned' && m.status !== 'proposed')) return;
  const f = fieldsOf(ctx, m);
  const liaison = async (key: string, fields: Record<string, string | number>) => {
    // to the liaison who set it up, or the joint group when nobody did
    if (!m.createdById || !(await tell(ctx, [m.createdById], key, fields)))
      await notify(ctx, 'joint', undefined, key, fields);
  };
  if (kind === 'meeting_confirm') {
    if (m.status === 'proposed')
      await notify(ctx, 'joint', undefined, 'meeting.confirm_nudge', f, {
        card: {
          title: t(ctx, 'meeting.card.proposed', f),
          tone: 'warning',
          fields: [],
          buttons: confirmButtons(ctx, f.code),
        },
      });
    return;
  }
  if (m.status !== 'planned') return;
  const days = prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar);
  const agendaButtons: CardButton[] = [
    { label: t(ctx, 'meeting.button.agenda'), command: `/议题 ${f.code}`, style: 'primary' },
    { label: t(ctx, 'meeting.button.no_agenda'), command: `/无议题 ${f.code}` },
  ];
  if (kind === 'meeting_notice') {
    const file = await icsFile(ctx, m);
    const key = payload.update ? 'meeting.notice_moved' : 'meeting.notice';
    const fields = { ...f, closes: days.close };
    await toAll(ctx, key, fields, {
      card: {
        title: t(ctx, payload.update ? 'meeting.card.moved' : 'meeting.card.notice', f),
        tone: payload.update ? 'warning' : 'info',
        body: t(ctx, key, fields),
        fields: [],
        buttons: agendaButtons,
      },
    });
    // the calendar file as a message of its own: Feishu sends a file alone, without text or card
    await toAll(ctx, 'meeting.ics_file', { ...f, name: file.name, sequence: m.sequence }, { file });
    await ctx.tx.meeting.update({ where: { id: m.id }, data: { noticeSentAt: ctx.now } });
  } else if (kind === 'meeting_close') {
    const s = await agendaState(ctx, m);
    for (const u of s.silent)
      await notifyUnit(
        ctx,
        u.id,
        'meeting.agenda_nudge',
        { ...f, unit: u.name },
        {
          card: { title: t(ctx, 'meeting.card.agenda_nudge', f), tone: 'warning', fields: [], buttons: agendaButtons },
        },
      );
    await liaison('meeting.agenda_silent_report', {
      ...f,
      units: s.silent.map((u) => u.name).join('、') || t(ctx, 'common.none'),
      count: s.silent.length,
    });
  } else if (kind === 'meeting_agenda') {
    await notify(ctx, 'joint', undefined, 'meeting.agenda_compiled', {
      ...f,
      agenda: agendaText(ctx, await agendaState(ctx, m)),
    });
  } else if (kind === 'meeting_remind' || kind === 'meeting_day') {
    const receipt: CardButton[] = [
      { label: t(ctx, 'meeting.button.receipt'), command: `/回执 ${f.code}`, style: 'primary' },
    ];
    const key = kind === 'meeting_day' ? 'meeting.today' : 'meeting.remind';
    await toAll(ctx, key, f, {
      card: {
        title: t(ctx, kind === 'meeting_day' ? 'meeting.card.today' : 'meeting.card.remind', f),
        tone: 'info',
        body: t(ctx, key, f),
        fields: [],
        buttons: receipt,
      },
    });
    const r = await receiptState(ctx, m);
    await liaison('meeting.receipts_report', {
      ...f,
      missing: r.missing.map((u) => u.name).join('、') || t(ctx, 'common.none'),
      count: r.receipts.length,
    });
    // the series goes on: its next meeting is proposed on the day this one is held
    if (kind === 'meeting_day' && m.seriesId) {
      const next = await proposeNext(ctx, m.seriesId, m.heldOn);
      await notify(ctx, 'joint', undefined, 'meeting.next_proposed', fieldsOf(ctx, next), {
        card: {
          title: t(ctx, 'meeting.card.proposed', fieldsOf(ctx, next)),
          tone: 'info',
          fields: [],
          buttons: confirmButtons(ctx, next.code!),
        },
      });
    }
  }
}

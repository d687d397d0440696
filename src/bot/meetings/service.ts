// 联席会议: a series proposes each meeting on a working day; once confirmed (or moved) the
// preparation runs as job rows — the notice with its calendar file and the call for agenda
// items (T-14), the close of the call with a nudge to silent units (T-7), the compiled
// agenda (T-3), reminders with attendance receipts (T-1 and the day). The minutes turn
// resolutions into tasks (Matter kind=task) that live as recommendations do.

import type { Card, CardButton, Outgoing } from '../../chat/messages.js';
import { addDays, hhmm, weekdayName } from '../../domain/civil-date.js';
import { normalizeCode } from '../../domain/codes.js';
import { meetingIcs, prepDays } from '../../domain/meeting.js';
import { keepGenerated } from '../../store/files.js';
import { type MeetingRow, markNoticeSent, meetingByCode, meetingById } from '../../store/meetings.js';
import { type Ctx, t, UserError } from '../core/context.js';
import { notify, notifyUnit, tell } from '../core/notify.js';
import { agendaState, agendaText, participatingUnits, receiptState } from './agenda.js';
import { noticeDocument, sendToMembers } from './documents.js';
import { proposeNext } from './preparation.js';

export type { MeetingRow };

export const MEETING_JOB_KINDS = [
  'meeting_confirm',
  'meeting_notice',
  'meeting_close',
  'meeting_agenda',
  'meeting_remind',
  'meeting_day',
];
const MEETING_CODE = /^HY-\d{4}-\d{3,}$/;

/** The meeting of a code as typed; the usage when it is missing or not a meeting code. */
export async function requireMeeting(ctx: Ctx, raw: string | undefined, usageKey: string): Promise<MeetingRow> {
  if (!raw) throw new UserError('meeting.error.missing_code', { usage: t(ctx, usageKey) });
  const code = normalizeCode(raw);
  if (!MEETING_CODE.test(code)) throw new UserError('meeting.error.bad_code', { value: raw, usage: t(ctx, usageKey) });
  const m = await meetingByCode(ctx.tx, code);
  if (!m) throw new UserError('meeting.error.unknown_code', { code });
  return m;
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

/** To the liaison who set the meeting up, or the joint group when nobody did. */
async function toLiaison(ctx: Ctx, m: MeetingRow, key: string, fields: Record<string, string | number>) {
  if (!m.createdById || !(await tell(ctx, [m.createdById], key, fields)))
    await notify(ctx, 'joint', undefined, key, fields);
}

type Fields = ReturnType<typeof fieldsOf>;

const agendaButtons = (ctx: Ctx, f: Fields): CardButton[] => [
  { label: t(ctx, 'meeting.button.agenda'), command: `/议题 ${f.code}`, style: 'primary' },
  { label: t(ctx, 'meeting.button.no_agenda'), command: `/无议题 ${f.code}` },
];

/** T-14: the notice (or, for a moved meeting, its update) with the call for 议题, then the calendar file. */
async function sendNotice(ctx: Ctx, m: MeetingRow, f: Fields, update: boolean): Promise<void> {
  const days = prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar);
  const file = await icsFile(ctx, m);
  const key = update ? 'meeting.notice_moved' : 'meeting.notice';
  const fields = { ...f, closes: days.close };
  await toAll(ctx, key, fields, {
    card: {
      title: t(ctx, update ? 'meeting.card.moved' : 'meeting.card.notice', f),
      tone: update ? 'warning' : 'info',
      body: t(ctx, key, fields),
      fields: [],
      buttons: agendaButtons(ctx, f),
    },
  });
  // the calendar file as a message of its own: Feishu sends a file alone, without text or card
  await toAll(ctx, 'meeting.ics_file', { ...f, name: file.name, sequence: m.sequence }, { file });
  // and the notice as a document (会议通知-HY-2026-001.docx), naming the calendar file it comes with
  await sendToMembers(ctx, await noticeDocument(ctx, m, { closes: days.close, ics: file.name, moved: update }));
  await markNoticeSent(ctx.tx, m.id, ctx.now);
}

/** T-7: the call for 议题 closes; silent units are nudged and the liaison hears who they are. */
async function closeCall(ctx: Ctx, m: MeetingRow, f: Fields): Promise<void> {
  const s = await agendaState(ctx, m);
  const card: Card = {
    title: t(ctx, 'meeting.card.agenda_nudge', f),
    tone: 'warning',
    fields: [],
    buttons: agendaButtons(ctx, f),
  };
  for (const u of s.silent) await notifyUnit(ctx, u.id, 'meeting.agenda_nudge', { ...f, unit: u.name }, { card });
  await toLiaison(ctx, m, 'meeting.agenda_silent_report', {
    ...f,
    units: s.silent.map((u) => u.name).join('、') || t(ctx, 'common.none'),
    count: s.silent.length,
  });
}

/** T-1 and the day: the reminder asking for receipts, and the liaison told who has not sent one. */
async function remind(ctx: Ctx, m: MeetingRow, facts: Fields, today: boolean): Promise<void> {
  const receipt: CardButton[] = [
    { label: t(ctx, 'meeting.button.receipt'), command: `/回执 ${facts.code}`, style: 'primary' },
  ];
  // 明天 only when it is the next calendar day (the day before is a working day: a Friday for a Monday)
  const tomorrow = !today && addDays(ctx.today, 1) === m.heldOn;
  const key = today ? 'meeting.today' : 'meeting.remind';
  const f = { ...facts, when: tomorrow ? t(ctx, 'meeting.tomorrow') : '' };
  const title = today ? 'meeting.card.today' : tomorrow ? 'meeting.card.remind_tomorrow' : 'meeting.card.remind';
  await toAll(ctx, key, f, {
    card: {
      title: t(ctx, title, f),
      tone: 'info',
      body: t(ctx, key, f),
      fields: [],
      buttons: receipt,
    },
  });
  const r = await receiptState(ctx, m);
  await toLiaison(ctx, m, 'meeting.receipts_report', {
    ...f,
    missing: r.missing.map((u) => u.name).join('、') || t(ctx, 'common.none'),
    count: r.receipts.length,
  });
}

/** The series goes on: its next meeting is proposed on the day this one is held. */
async function proposeFollowing(ctx: Ctx, seriesId: string, after: string): Promise<void> {
  const next = await proposeNext(ctx, seriesId, after);
  await notify(ctx, 'joint', undefined, 'meeting.next_proposed', fieldsOf(ctx, next), {
    card: {
      title: t(ctx, 'meeting.card.proposed', fieldsOf(ctx, next)),
      tone: 'info',
      fields: [],
      buttons: confirmButtons(ctx, next.code!),
    },
  });
}

/** One preparation step falling due; nothing when the meeting moved or ended since. */
export async function fireMeetingJob(ctx: Ctx, kind: string, payload: Record<string, unknown>): Promise<void> {
  const m = await meetingById(ctx.tx, String(payload.meetingId));
  if (!m || m.heldOn !== payload.heldOn || (m.status !== 'planned' && m.status !== 'proposed')) return;
  const f = fieldsOf(ctx, m);
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
  if (kind === 'meeting_notice') await sendNotice(ctx, m, f, Boolean(payload.update));
  else if (kind === 'meeting_close') await closeCall(ctx, m, f);
  else if (kind === 'meeting_agenda')
    await notify(ctx, 'joint', undefined, 'meeting.agenda_compiled', {
      ...f,
      agenda: agendaText(ctx, await agendaState(ctx, m)),
    });
  else if (kind === 'meeting_remind' || kind === 'meeting_day') {
    await remind(ctx, m, f, kind === 'meeting_day');
    if (kind === 'meeting_day' && m.seriesId) await proposeFollowing(ctx, m.seriesId, m.heldOn);
  }
}

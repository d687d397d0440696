// 联席会议: meeting series, the meetings they propose, the units' 议题 and 参会回执, the 纪要
// and the tasks its 议定事项 became.
import type { AgendaItem, AttendanceReceipt, Matter, Meeting, MeetingSeries, Org } from '../generated/prisma/client.ts';
import type { Tx } from './tx.js';

export type MeetingRow = Meeting;
export type SeriesRow = MeetingSeries;

export type NewMeeting = Pick<
  Meeting,
  | 'code'
  | 'title'
  | 'heldOn'
  | 'provisional'
  | 'location'
  | 'startMinute'
  | 'seriesId'
  | 'status'
  | 'createdById'
  | 'createdAt'
>;

export type NewSeries = Pick<
  MeetingSeries,
  'title' | 'recurrence' | 'months' | 'location' | 'createdById' | 'createdAt'
>;

/** Who answers for a unit, and when. */
export interface UnitAnswer {
  meetingId: string;
  orgId: string;
  memberId: string;
  at: Date;
}

// ---- meetings ----

/** The meeting of a code (HY-2026-001). */
export async function meetingByCode(db: Tx, code: string): Promise<MeetingRow | undefined> {
  return (await db.meeting.findUnique({ where: { code } })) ?? undefined;
}

export async function meetingById(db: Tx, id: string): Promise<MeetingRow | undefined> {
  return (await db.meeting.findUnique({ where: { id } })) ?? undefined;
}

export async function addMeeting(db: Tx, data: NewMeeting): Promise<MeetingRow> {
  return db.meeting.create({ data });
}

/** A proposed meeting confirmed by the liaison: planned from now on. */
export async function confirmMeeting(db: Tx, id: string): Promise<MeetingRow> {
  return db.meeting.update({ where: { id }, data: { status: 'planned' } });
}

/** The hour a meeting starts, in minutes after midnight. */
export async function setMeetingStart(db: Tx, id: string, startMinute: number): Promise<MeetingRow> {
  return db.meeting.update({ where: { id }, data: { startMinute } });
}

/**
 * A meeting moved to another day or hour: confirmed by the move, its calendar entry's
 * SEQUENCE raised, and its series' next meeting the new day.
 */
export async function moveMeeting(
  db: Tx,
  id: string,
  to: { heldOn: string; provisional: boolean; startMinute: number },
): Promise<MeetingRow> {
  const moved = await db.meeting.update({
    where: { id },
    data: { ...to, status: 'planned', sequence: { increment: 1 } },
  });
  if (moved.seriesId) await setSeriesNext(db, moved.seriesId, to.heldOn);
  return moved;
}

/** The notice (with its calendar file) went out. */
export async function markNoticeSent(db: Tx, id: string, at: Date): Promise<void> {
  await db.meeting.update({ where: { id }, data: { noticeSentAt: at } });
}

/** The 纪要 of a held meeting, with its resolutions (JSON). */
export async function recordMinutes(
  db: Tx,
  id: string,
  record: { minutes: string; resolutions: string; at: Date },
): Promise<void> {
  await db.meeting.update({
    where: { id },
    data: { status: 'held', minutes: record.minutes, minutesAt: record.at, resolutions: record.resolutions },
  });
}

/** Meetings proposed or planned from `today` on, by day and code. */
export async function upcomingMeetings(db: Tx, today: string, take = 20): Promise<MeetingRow[]> {
  return db.meeting.findMany({
    where: { status: { in: ['proposed', 'planned'] }, heldOn: { gte: today } },
    orderBy: [{ heldOn: 'asc' }, { code: 'asc' }],
    take,
  });
}

// ---- series ----

export async function addSeries(db: Tx, data: NewSeries): Promise<SeriesRow> {
  return db.meetingSeries.create({ data });
}

export async function seriesById(db: Tx, id: string): Promise<SeriesRow | undefined> {
  return (await db.meetingSeries.findUnique({ where: { id } })) ?? undefined;
}

/** The day of the series' next meeting. */
export async function setSeriesNext(db: Tx, id: string, nextOn: string): Promise<void> {
  await db.meetingSeries.update({ where: { id }, data: { nextOn } });
}

/** The series still running, oldest first. */
export async function activeSeries(db: Tx): Promise<SeriesRow[]> {
  return db.meetingSeries.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
}

// ---- 议题 and 参会回执 ----

/** A meeting's agenda items (one unit's when orgId is given), as submitted. */
export async function agendaItems(db: Tx, meetingId: string, orgId?: string): Promise<AgendaItem[]> {
  return db.agendaItem.findMany({
    where: { meetingId, ...(orgId !== undefined ? { orgId } : {}) },
    orderBy: { createdAt: 'asc' },
  });
}

/** A unit's agenda item; it replaces the unit's 无议题, if it sent one. */
export async function addAgendaItem(db: Tx, item: UnitAnswer & { title: string }): Promise<void> {
  const { meetingId, orgId, memberId, title, at } = item;
  await db.agendaItem.create({ data: { meetingId, orgId, memberId, title, createdAt: at } });
  await db.agendaItem.deleteMany({ where: { meetingId, orgId, none: true } });
}

/** A unit's 无议题: it has nothing to bring to the meeting. */
export async function recordNoAgenda(db: Tx, answer: UnitAnswer): Promise<void> {
  const { meetingId, orgId, memberId, at } = answer;
  await db.agendaItem.create({ data: { meetingId, orgId, memberId, none: true, createdAt: at } });
}

/** A meeting's attendance receipts, as first sent. */
export async function receipts(db: Tx, meetingId: string): Promise<AttendanceReceipt[]> {
  return db.attendanceReceipt.findMany({ where: { meetingId }, orderBy: { createdAt: 'asc' } });
}

/** A unit's attendance receipt: who attends for it; a later one replaces it. */
export async function saveReceipt(db: Tx, receipt: UnitAnswer & { attendees: string }): Promise<void> {
  const { meetingId, orgId, memberId, attendees, at } = receipt;
  await db.attendanceReceipt.upsert({
    where: { meetingId_orgId: { meetingId, orgId } },
    create: { meetingId, orgId, attendees, memberId, createdAt: at, updatedAt: at },
    update: { attendees, memberId, updatedAt: at },
  });
}

// ---- tasks ----

/** The tasks a meeting's 纪要 set, by code, with the unit responsible. */
export async function meetingTasks(db: Tx, meetingId: string): Promise<Array<Matter & { responsibleOrg: Org }>> {
  return db.matter.findMany({ where: { meetingId }, orderBy: { code: 'asc' }, include: { responsibleOrg: true } });
}

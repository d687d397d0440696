// 提醒计划与督办阶梯: when each reminder, overdue notice (逾期通知) and escalation (督办升级)
// about a matter is due. Pure: the inputs are the due date, the calendar, office hours
// and the configured offsets; no clock is read here.
import type { WorkCalendar } from './calendar.js';
import { type CivilDate, shanghaiInstant } from './civil-date.js';
import { type OfficeHours, shiftWorkingDays } from './office-hours.js';

export type PlannedKind = 'reminder' | 'overdue' | 'escalation';

export interface PlannedAction {
  kind: PlannedKind;
  /** idempotency key: the same intended message always gets the same key */
  key: string;
  /** the civil date it concerns (the reminder's day, the overdue day …) */
  on: CivilDate;
  at: Date;
  /** reminders: working days left before the due date (0 = the due day) */
  workdaysLeft?: number;
}

export interface PlanInput {
  matterId: string;
  dueOn: CivilDate;
  calendar: WorkCalendar;
  hours: OfficeHours;
  /** working days before the due date, e.g. [7, 3, 1, 0] */
  reminderOffsets: number[];
  /** working days after the overdue notice before escalating */
  escalationAfterWorkdays: number;
  /** put before every key: a clue's stage (`clue2:`) so a new stage never meets an old key */
  keyPrefix?: string;
}

/** The escalation's key for a due date (the overdue notice moves it along the ladder). */
export function escalationKey(matterId: string, dueOn: CivilDate, keyPrefix = ''): string {
  return `${keyPrefix}escalation:${matterId}:${dueOn}`;
}

/**
 * A small jitter of 60–179 seconds after office start, derived from a key (the day) so that
 * re-planning gives the same moment: messages never go out exactly at :00 or :30,
 * when every bot on the platform sends at once.
 */
export function jitterSeconds(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return 60 + ((h >>> 0) % 120);
}

/**
 * The moment a planned message goes out on `day`: at `minute` (office start, the digest's time)
 * in Asia/Shanghai, plus the day's jitter. Every job planned for a day's start is timed here, and
 * all of one day's fall due at one moment: a group's notices of the day are then waiting together
 * and go as one combined message when there are many (src/outbox/combine.ts).
 */
export function atOfficeStart(day: CivilDate, minute: number): Date {
  return new Date(shanghaiInstant(day, minute).getTime() + jitterSeconds(day) * 1000);
}

/** The whole plan for one due date: reminders, then the overdue notice, then the escalation. */
export function planActions(input: PlanInput): PlannedAction[] {
  const { matterId, dueOn, calendar, hours } = input;
  const prefix = input.keyPrefix ?? '';
  const actions: PlannedAction[] = [];
  // The due date itself is a working day by construction (民法典 第203条 moved it);
  // a due date typed by hand may not be, so remind on the working day on or before it.
  const lastWorkingDay = calendar.isWorkingDay(dueOn) ? dueOn : shiftWorkingDays(dueOn, -1, calendar);
  const seen = new Set<CivilDate>();
  for (const n of [...input.reminderOffsets].sort((a, b) => b - a)) {
    const day = n === 0 ? lastWorkingDay : shiftWorkingDays(lastWorkingDay, -n, calendar);
    if (seen.has(day)) continue;
    seen.add(day);
    const key = `${prefix}reminder:${matterId}:${dueOn}:${n}`;
    actions.push({ kind: 'reminder', key, on: day, at: atOfficeStart(day, hours.start), workdaysLeft: n });
  }
  // Overdue: the first working day after the due date with no reply.
  const overdueDay = shiftWorkingDays(dueOn, 1, calendar);
  const overdueKey = `${prefix}overdue:${matterId}:${dueOn}`;
  actions.push({
    kind: 'overdue',
    key: overdueKey,
    on: overdueDay,
    at: atOfficeStart(overdueDay, hours.start),
  });
  const escalationDay = shiftWorkingDays(overdueDay, input.escalationAfterWorkdays, calendar);
  const escKey = escalationKey(matterId, dueOn, prefix);
  actions.push({
    kind: 'escalation',
    key: escKey,
    on: escalationDay,
    at: atOfficeStart(escalationDay, hours.start),
  });
  return actions;
}

// 办公时间: messages to officials go out on working days, in office hours (Asia/Shanghai).
import type { WorkCalendar } from './calendar.js';
import { addDays, type CivilDate, shanghaiDate, shanghaiInstant, shanghaiMinuteOfDay } from './civil-date.js';

export interface OfficeHours {
  /** minutes after midnight, Asia/Shanghai */
  start: number;
  end: number;
}

/** The first working day on or after `date`. */
export function workingDayOnOrAfter(date: CivilDate, calendar: WorkCalendar): CivilDate {
  let d = date;
  while (!calendar.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The working day `n` working days after `date` (n ≥ 1), or before it (n ≤ −1). */
export function shiftWorkingDays(date: CivilDate, n: number, calendar: WorkCalendar): CivilDate {
  let d = date;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (calendar.isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * `instant` itself when it falls in office hours on a working day; otherwise the
 * start of office hours on the next working day (a reminder planned for a night or
 * a holiday moves to the next office-hours start).
 */
export function nextOfficeMoment(instant: Date, hours: OfficeHours, calendar: WorkCalendar): Date {
  const date = shanghaiDate(instant);
  const minute = shanghaiMinuteOfDay(instant);
  if (calendar.isWorkingDay(date)) {
    if (minute < hours.start) return shanghaiInstant(date, hours.start);
    if (minute < hours.end) return instant;
  }
  return shanghaiInstant(workingDayOnOrAfter(addDays(date, 1), calendar), hours.start);
}

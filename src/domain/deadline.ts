// 期限计算: from a start date (送达日) and a period to the due date, with its explanation.
//
// Legal basis (the same rule in each code):
// - 民法典 第201条: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。
// - 民法典 第202条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，为月末日。
// - 民法典 第203条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。
// - 民事诉讼法 第85条: 期间开始的时和日，不计算在期间内；期间届满的最后一日是法定休假日的，
//   以法定休假日后的第一日为期间届满的日期。
//   Rest days inside the period are counted; only the last day moves. Weekly rest
//   days (周六、周日) are treated like statutory holidays for that move, as courts do;
//   a weekend day worked by 调休 follows the calendar's AdjustedWorkdayPolicy.
// Working-day periods ("5个工作日") count working days only, per the calendar.

import type { WorkCalendar } from './calendar.js';
import { addDays, addMonthsClamped, type CivilDate, yearOf } from './civil-date.js';
import { formatPeriod, type Period } from './period.js';

export interface DayNote {
  date: CivilDate;
  reason: string;
}

export interface Deadline {
  /** 起算日: the day the period starts from; it is not counted */
  start: CivilDate;
  /** canonical period text, e.g. 2个月 */
  period: string;
  unit: Period['unit'];
  /** the last day before any moving (for working-day periods, the due date itself) */
  rawEnd: CivilDate;
  /** days the end moved past, in order, with why (e.g. 2026-10-01 国庆节) */
  shifts: DayNote[];
  /** for working-day periods: the rest days inside the period that were not counted */
  skipped: DayNote[];
  due: CivilDate;
  /** why the due day is a working day although it is a weekend day (春节调休上班) */
  dueNote?: string;
  /** true when a year the computation touched has no holiday data (待核) */
  provisional: boolean;
  missingYears: number[];
  /** the legal rules applied */
  basis: BasisCode[];
}

/** The rules applied, by code; their Chinese wording lives in prompts/ (deadline.basis.*). */
export type BasisCode = 'start' | 'month' | 'shift' | 'workday';

export function computeDeadline(start: CivilDate, period: Period, calendar: WorkCalendar): Deadline {
  const basis: BasisCode[] = ['start'];
  const shifts: DayNote[] = [];
  const skipped: DayNote[] = [];
  let rawEnd: CivilDate;
  let due: CivilDate;

  if (period.unit === 'workday') {
    basis.push('workday');
    let day = start;
    let counted = 0;
    while (counted < period.amount) {
      day = addDays(day, 1);
      const kind = calendar.classify(day);
      if (kind.working) counted++;
      else skipped.push({ date: day, reason: kind.reason });
    }
    rawEnd = due = day;
  } else {
    if (period.unit === 'day') rawEnd = addDays(start, period.amount);
    else {
      basis.push('month');
      rawEnd = addMonthsClamped(start, period.unit === 'month' ? period.amount : period.amount * 12);
    }
    due = rawEnd;
    for (let kind = calendar.classify(due); !kind.working; kind = calendar.classify(due)) {
      shifts.push({ date: due, reason: kind.reason });
      due = addDays(due, 1);
    }
    if (shifts.length > 0) basis.push('shift');
  }

  const missingYears: number[] = [];
  for (let y = yearOf(start); y <= yearOf(due); y++) if (!calendar.covers(y)) missingYears.push(y);

  const dueKind = calendar.classify(due);
  return {
    start,
    dueNote: dueKind.working ? dueKind.reason : undefined,
    period: formatPeriod(period),
    unit: period.unit,
    rawEnd,
    shifts,
    skipped,
    due,
    provisional: missingYears.length > 0,
    missingYears,
    basis,
  };
}

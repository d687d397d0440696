// 工作日历: statutory holidays (法定节假日) and adjusted working days (调休上班).
//
// The data comes from the State Council's yearly notice (国务院办公厅关于某年部分节假日
// 安排的通知), as packaged by `chinese-days` and overridable by a local file; loading
// it is I/O and lives outside the domain (src/config/calendar-source.ts). This
// module only answers questions about days, and knows which years it has data for.
import { type CivilDate, weekday, yearOf } from './civil-date.js';
import { STATUTORY_HOLIDAYS } from './statutory-holidays.data.js';

export interface CalendarYear {
  /** date → holiday name, e.g. '2026-10-01' → '国庆节' */
  holidays: Record<CivilDate, string>;
  /** date → reason, e.g. '2026-10-10' → '国庆节调休上班' (a Saturday or Sunday worked) */
  workdays: Record<CivilDate, string>;
}

/**
 * Whether an adjusted working day (调休上班日, a weekend day worked in exchange for a
 * holiday) counts as a working day for periods. No statute or judicial interpretation
 * settles this; the default treats it as a working day because offices are open and
 * a document can be served and answered that day. An office that decides otherwise
 * sets LIANDONG_ADJUSTED_WORKDAY=rest.
 */
export type AdjustedWorkdayPolicy = 'working' | 'rest';

export interface CalendarData {
  years: Record<number, CalendarYear>;
  /** where each year's data came from, e.g. 'chinese-days 1.5.7' or a local file */
  sources?: Record<number, string>;
}

export type DayKind = { working: true; reason?: string } | { working: false; reason: string };

export class WorkCalendar {
  readonly adjustedWorkdayPolicy: AdjustedWorkdayPolicy;
  private readonly data: CalendarData;

  constructor(data: CalendarData, policy: AdjustedWorkdayPolicy = 'working') {
    this.data = data;
    this.adjustedWorkdayPolicy = policy;
  }

  /** Years with holiday data, ascending. */
  coveredYears(): number[] {
    return Object.keys(this.data.years)
      .map(Number)
      .sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.data.years[year] !== undefined;
  }

  sourceOf(year: number): string | undefined {
    return this.data.sources?.[year];
  }

  /**
   * Whether `date` is a working day, and the reason when it is not (国庆节, 周六 …) or
   * when a weekend day is worked (春节调休上班). For a year without the State Council's
   * notice, the statutory holidays themselves are still known from the law and the
   * lunar calendar (全国年节及纪念日放假办法); only the 调休 is not (the result is 待核).
   */
  classify(date: CivilDate): DayKind {
    const year = this.data.years[yearOf(date)];
    const holiday = year ? year.holidays[date] : STATUTORY_HOLIDAYS[yearOf(date)]?.[date];
    if (holiday) return { working: false, reason: year ? holiday : `${holiday}（法定节假日，当年调休安排未公布）` };
    const adjusted = year?.workdays[date];
    const dow = weekday(date);
    const weekend = dow === 0 || dow === 6;
    if (adjusted && weekend) {
      return this.adjustedWorkdayPolicy === 'working'
        ? { working: true, reason: adjusted }
        : { working: false, reason: `${adjusted}（按休息日计）` };
    }
    if (weekend) return { working: false, reason: dow === 6 ? '周六' : '周日' };
    return { working: true };
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.classify(date).working;
  }
}

// 工作日历: statutory holidays (法定节假日) and adjusted working days (调休上班).
//
// The data comes from the State Council's yearly notice (国务院办公厅关于某年部分节假日
// 安排的通知), as packaged by `chinese-days` and overridable by a local file; loading
// it is I/O and lives outside the domain (src/config/calendar-source.ts). This
// module only answers questions about days, and knows which years it has data for.
import { addDays, type CivilDate, weekday, yearOf } from './civil-date.js';
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
  /** a year without data: its statutory holidays and their 补假 days, from the law (computed once) */
  private readonly computed = new Map<number, Record<CivilDate, string>>();

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
   * lunar calendar (全国年节及纪念日放假办法), with the 补假 it gives a holiday on a weekend
   * (lawfulRestDays); only the 调休 is not (the result is 待核).
   */
  classify(date: CivilDate): DayKind {
    const year = this.data.years[yearOf(date)];
    const holiday = year ? year.holidays[date] : this.lawfulRestDays(yearOf(date))[date];
    if (holiday) return { working: false, reason: holiday };
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

  /**
   * The rest days of a year without the State Council's notice, by 《全国年节及纪念日放假办法》
   * (2024年11月10日国务院令第795号修订，2025年1月1日起施行): the holidays of its 第二条
   * (statutory-holidays.data.ts), and by its 第六条 (全体公民放假的假日适逢星期六、星期日的，应当在工作日
   * 补假) one working day off (补假) for each holiday day on a Saturday or Sunday: the first weekday
   * after it that is neither a holiday nor a 补假 day already. A holiday of several days (春节 除夕至初三,
   * 劳动节 5月1日、2日, 国庆节 10月1日至3日) so has its 补假 days right after it, one per weekend day it
   * covers: 国庆节 2027 (Friday to Sunday) rests on Monday 10-04 and Tuesday 10-05 as well. The notice,
   * once loaded, replaces all of it (with its 调休); until then every date it decides is 待核.
   */
  private lawfulRestDays(year: number): Record<CivilDate, string> {
    const known = this.computed.get(year);
    if (known) return known;
    const days: Record<CivilDate, string> = {};
    for (const [date, name] of Object.entries(STATUTORY_HOLIDAYS[year] ?? {}))
      days[date] = `${name}（法定节假日，当年调休安排未公布）`;
    // the holidays whose 补假 may fall in this year: its own, and the year before's when it has no notice either
    const sources = (this.covers(year - 1) ? [year] : [year - 1, year]).flatMap((y) =>
      Object.entries(STATUTORY_HOLIDAYS[y] ?? {}),
    );
    const holiday = (d: CivilDate) => Boolean(STATUTORY_HOLIDAYS[yearOf(d)]?.[d]);
    const taken = new Set<CivilDate>();
    for (const [date, name] of sources.sort(([a], [b]) => a.localeCompare(b))) {
      if (!isWeekend(date)) continue;
      let off = addDays(date, 1);
      while (isWeekend(off) || holiday(off) || taken.has(off)) off = addDays(off, 1);
      taken.add(off);
      if (yearOf(off) === year) days[off] = `${name}补假（假日适逢周六、周日，在工作日补假；当年调休安排未公布）`;
    }
    this.computed.set(year, days);
    return days;
  }
}

function isWeekend(date: CivilDate): boolean {
  const dow = weekday(date);
  return dow === 0 || dow === 6;
}

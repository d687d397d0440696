// 联席会议: how often (每年召开一次 / 每半年组织一次 / 季通报 / 月例会), the working day proposed
// in a target month, the preparation steps counted back in working days, the calendar
// entry (.ics) and the resolutions read from the minutes. Pure: no clock, no I/O.
import type { WorkCalendar } from './calendar.js';
import { type CivilDate, daysInMonth, yearOf } from './civil-date.js';
import { shiftWorkingDays } from './office-hours.js';

export const RECURRENCES = ['yearly', 'half_yearly', 'quarterly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const RECURRENCE_WORDS: Record<string, Recurrence> = {
  每年: 'yearly',
  年度: 'yearly',
  一年一次: 'yearly',
  yearly: 'yearly',
  annual: 'yearly',
  每半年: 'half_yearly',
  半年: 'half_yearly',
  半年度: 'half_yearly',
  half_yearly: 'half_yearly',
  'half-yearly': 'half_yearly',
  每季度: 'quarterly',
  每季: 'quarterly',
  季度: 'quarterly',
  quarterly: 'quarterly',
  每月: 'monthly',
  月度: 'monthly',
  每个月: 'monthly',
  monthly: 'monthly',
};

export function readRecurrence(text: string): Recurrence | undefined {
  return RECURRENCE_WORDS[text.replace(/\s+/g, '').toLowerCase()];
}

/** The months a series meets in when none are given: 年联席 in December, 半年 in June and December … */
export const DEFAULT_MONTHS: Record<Recurrence, number[]> = {
  yearly: [12],
  half_yearly: [6, 12],
  quarterly: [3, 6, 9, 12],
  monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
};

const MONTH_COUNT: Record<Recurrence, number> = { yearly: 1, half_yearly: 2, quarterly: 4, monthly: 12 };

/** 月份=6,12: the months, or the problem in words' key (count, range). */
export function readMonths(text: string, recurrence: Recurrence): { months: number[] } | { error: 'format' | 'count' } {
  const parts = text
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map((p) => p.replace(/月$/, ''));
  const months = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (!parts.length || months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) return { error: 'format' };
  if (months.length !== MONTH_COUNT[recurrence]) return { error: 'count' };
  return { months };
}

export interface Proposal {
  date: CivilDate;
  /** the calendar has no holiday data for that year: the day is 待核 */
  provisional: boolean;
}

/**
 * The day proposed in a month: the first working day on or after the 15th (mid-month,
 * clear of the month-end reports), or the last one before it when the month has none.
 */
export function proposeDay(year: number, month: number, calendar: WorkCalendar): Proposal {
  const mm = String(month).padStart(2, '0');
  const last = daysInMonth(year, month);
  let date: CivilDate | undefined;
  for (let d = 15; d <= last && !date; d++)
    if (calendar.isWorkingDay(`${year}-${mm}-${String(d).padStart(2, '0')}`))
      date = `${year}-${mm}-${String(d).padStart(2, '0')}`;
  for (let d = 14; d >= 1 && !date; d--)
    if (calendar.isWorkingDay(`${year}-${mm}-${String(d).padStart(2, '0')}`))
      date = `${year}-${mm}-${String(d).padStart(2, '0')}`;
  return { date: date!, provisional: !calendar.covers(year) };
}

/** The next occurrence of a series after `after`: the proposal in the first target month whose day is later. */
export function nextOccurrence(months: number[], after: CivilDate, calendar: WorkCalendar): Proposal {
  const year = yearOf(after);
  for (const y of [year, year + 1])
    for (const m of months) {
      const p = proposeDay(y, m, calendar);
      if (p.date > after) return p;
    }
  return proposeDay(year + 2, months[0]!, calendar);
}

/** 会前准备: notice (T-14), agenda closes (T-7), agenda compiled (T-3), reminder (T-1), the day (0), in working days. */
export const PREP_STEPS = ['notice', 'close', 'agenda', 'remind', 'day'] as const;
export type PrepStep = (typeof PREP_STEPS)[number];

export interface PrepOffsets {
  notice: number;
  close: number;
  agenda: number;
  remind: number;
}

export const DEFAULT_PREP: PrepOffsets = { notice: 14, close: 7, agenda: 3, remind: 1 };

/** The day of each preparation step for a meeting held on `heldOn`. */
export function prepDays(heldOn: CivilDate, offsets: PrepOffsets, calendar: WorkCalendar): Record<PrepStep, CivilDate> {
  return {
    notice: shiftWorkingDays(heldOn, -offsets.notice, calendar),
    close: shiftWorkingDays(heldOn, -offsets.close, calendar),
    agenda: shiftWorkingDays(heldOn, -offsets.agenda, calendar),
    remind: shiftWorkingDays(heldOn, -offsets.remind, calendar),
    day: heldOn,
  };
}

// ---- the calendar entry (RFC 5545) ----

export interface IcsEvent {
  /** stable per meeting: a moved meeting updates the same calendar entry */
  uid: string;
  /** raised at each change, so calendar programs replace the entry */
  sequence: number;
  title: string;
  location: string;
  description: string;
  date: CivilDate;
  /** minutes after midnight, Asia/Shanghai */
  startMinute: number;
  durationMinutes: number;
  /** when the file was made (DTSTAMP, UTC) */
  stamp: Date;
}

const escapeText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const local = (date: CivilDate, minute: number) =>
  `${date.replace(/-/g, '')}T${String(Math.floor(minute / 60)).padStart(2, '0')}${String(minute % 60).padStart(2, '0')}00`;

export function meetingIcs(e: IcsEvent): string {
  const end = e.startMinute + e.durationMinutes;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//liandong//joint meeting//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${e.stamp
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')}`,
    `DTSTART;TZID=Asia/Shanghai:${local(e.date, e.startMinute)}`,
    `DTEND;TZID=Asia/Shanghai:${local(e.date, Math.min(end, 24 * 60 - 1))}`,
    `SUMMARY:${escapeText(e.title)}`,
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    `DESCRIPTION:${escapeText(e.description)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

// ---- resolutions (决议) in the minutes ----

export interface ResolutionLine {
  /** 1-based line number, for a refusal that names it */
  line: number;
  text: string;
  /** the unit as written (to be matched against the roster), when the line names one */
  unit?: string;
  /** the period as written, when the line gives one */
  period?: string;
}

/**
 * One resolution per line: `内容｜责任单位｜期限`; a line without a unit and a period is a
 * resolution that needs no task (e.g. 加强信息共享). Leading numbers (1. 一、) are dropped.
 */
export function readResolutions(text: string): ResolutionLine[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ raw: raw.trim().replace(/^(\d+[.、．)）]|[一二三四五六七八九十]+、)\s*/, ''), line: i + 1 }))
    .filter((x) => x.raw)
    .map(({ raw, line }) => {
      const [text, unit, period] = raw.split(/\s*[|｜]\s*/);
      return { line, text: text!.trim(), unit: unit?.trim() || undefined, period: period?.trim() || undefined };
    });
}

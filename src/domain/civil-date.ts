// Civil dates (公历日期) as 'YYYY-MM-DD' strings, and the Asia/Shanghai clock.
//
// A legal period ends on a calendar day, not at an instant; keeping dates as plain
// strings and doing the arithmetic in UTC means the server's own TZ never moves a
// deadline. China has used a fixed UTC+8 offset without daylight saving since 1991,
// so Asia/Shanghai civil time is the instant plus eight hours.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

export type CivilDate = string;

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isCivilDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * The years the bot reasons about. Dates people type outside them are refused: a
 * served date in year 0026 is a typo, and the holiday and lunar tables, the human
 * codes (JY-2026-001) and JavaScript's two-digit-year rules all assume four-digit
 * years of this century.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

export function yearSupported(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * Reads a date typed by a person: 2026-09-01, 2026/9/1, 2026.9.1, 2026年9月1日,
 * with full-width digits allowed. Says why when it cannot: not a real date
 * (2026-02-30, 九月一日), or a year outside MIN_YEAR–MAX_YEAR.
 */
export function readCivilDate(input: string): { date: CivilDate } | { error: 'format' | 'year' } {
  const text = toHalfWidth(input).trim();
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return { error: 'format' };
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (!isCivilDate(date)) return { error: 'format' };
  if (!yearSupported(Number(m[1]))) return { error: 'year' };
  return { date };
}

/** A typed date, or undefined when readCivilDate refuses it. */
export function parseCivilDate(input: string): CivilDate | undefined {
  const r = readCivilDate(input);
  return 'date' in r ? r.date : undefined;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (the hot path of period arithmetic: no parsing library). */
function epochDay(date: CivilDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** Each day's text, made once: period and reminder arithmetic asks for the same few thousand days again and again. */
const DAY_TEXT = new Map<number, CivilDate>();

function fromEpochDay(day: number): CivilDate {
  let text = DAY_TEXT.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    // 2000–2099 is about 36,500 days: the map stays small
    if (DAY_TEXT.size < 100_000) DAY_TEXT.set(day, text);
  }
  return text;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromEpochDay(epochDay(date) + days);
}

/**
 * The corresponding day (对应日) `months` later; when the target month has no such
 * day, its last day. 民法典 第202条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；
 * 没有对应日的，为月末日。
 */
export function addMonthsClamped(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: CivilDate): number {
  return (((epochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The Monday of the week a date is in (weeks run Monday to Sunday, ISO 8601). */
export function mondayOf(date: CivilDate): CivilDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** The ISO 8601 week of a date: 2026-W47 (the week's Thursday decides its year). */
export function isoWeek(date: CivilDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((epochDay(thursday) - epochDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week (2026-W47 → 2026-11-16), or undefined when it is not one. */
export function isoWeekMonday(text: string): CivilDate | undefined {
  const m = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!m) return undefined;
  const jan4 = `${m[1]}-01-04`; // always in week 1
  const monday = addDays(mondayOf(jan4), (Number(m[2]) - 1) * 7);
  return isoWeek(monday) === `${m[1]}-W${m[2]!.padStart(2, '0')}` ? monday : undefined;
}

/** A time of day written HH:MM (09:30), in minutes after midnight; undefined when it is not one. */
export function minutesOf(text: string): number | undefined {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(toHalfWidth(text).trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

/** Minutes after midnight as HH:MM. */
export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant written with its zone — 2026-11-02T10:00:00+08:00 (seconds optional, Z
 * allowed). Without a zone it would be read in the server's own TZ: refused, as is a day
 * the month lacks (which Date.parse would roll into the next month).
 */
export function parseZonedInstant(text: string): Date | undefined {
  const m = INSTANT_RE.exec(text);
  if (!m || !isCivilDate(m[1]!)) return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? new Date(t) : undefined;
}

/** The Asia/Shanghai civil date of an instant. */
export function shanghaiDate(instant: Date): CivilDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Asia/Shanghai wall-clock minutes since midnight of an instant. */
export function shanghaiMinuteOfDay(instant: Date): number {
  const local = new Date(instant.getTime() + OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** The instant of a Shanghai wall-clock time on a civil date. */
export function shanghaiInstant(date: CivilDate, minuteOfDay = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + minuteOfDay * 60_000);
}

/** 2026-11-22 09:03 (Asia/Shanghai) */
export function formatShanghai(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export function weekdayName(date: CivilDate): string {
  return WEEKDAY_NAMES[weekday(date)]!;
}

/** Full-width digits, letters and punctuation (０-９, ＝, ：) to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

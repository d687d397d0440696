// 期间: how a period is written, and how we read it.
import { toHalfWidth } from './civil-date.js';

export type PeriodUnit = 'day' | 'workday' | 'month' | 'year';

export interface Period {
  amount: number;
  unit: PeriodUnit;
}

export const PERIOD_FORMS_HINT = '15日、15天、15d、2个月、2m、1年、1y、5个工作日、5wd';

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九 written in Chinese numerals, or undefined. */
function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return undefined;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]] : undefined;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0);
}

const UNITS: Array<[RegExp, PeriodUnit]> = [
  [/^(?:个?工作日|wd|workdays?)$/i, 'workday'],
  [/^(?:日|天|d|days?)$/i, 'day'],
  [/^(?:个月|月|m|months?)$/i, 'month'],
  [/^(?:年|y|years?)$/i, 'year'],
];

/**
 * The longest period accepted, per unit: five years. No reply, rectification or
 * clue period in the local rules comes near it; anything longer is a typo
 * (期限=3650年), and would run past the years the calendar reasons about.
 */
export const MAX_PERIOD: Record<PeriodUnit, number> = { day: 1826, workday: 1250, month: 60, year: 5 };
export const MAX_PERIOD_HINT = '5年（60个月、1826日、1250个工作日）';

export type PeriodProblem = 'format' | 'not_positive' | 'too_long';

/**
 * Reads a period: 15日 / 15天 / 15d, 2个月 / 2m, 1年 / 1y, 5个工作日 / 5wd, with
 * full-width digits and Chinese numerals (十五日, 两个月) accepted. Says why when it
 * cannot: unreadable, zero or negative, or longer than MAX_PERIOD.
 */
export function readPeriod(input: string): { period: Period } | { error: PeriodProblem } {
  const text = toHalfWidth(input)
    .replace(/\s+/g, '')
    .replace(/^[−–—]/, '-');
  const m = /^(-?)(\d+|[零〇一二两三四五六七八九十]+)(.+)$/.exec(text);
  if (!m) return { error: 'format' };
  const unit = UNITS.find(([re]) => re.test(m[3]!))?.[1];
  const amount = chineseNumber(m[2]!);
  if (!unit || amount === undefined) return { error: 'format' };
  if (m[1] === '-' || amount < 1) return { error: 'not_positive' };
  if (amount > MAX_PERIOD[unit]) return { error: 'too_long' };
  return { period: { amount, unit } };
}

/** A period, or undefined when readPeriod refuses it. */
export function parsePeriod(input: string): Period | undefined {
  const r = readPeriod(input);
  return 'period' in r ? r.period : undefined;
}

/** The canonical Chinese form: 15日, 2个月, 1年, 5个工作日. */
export function formatPeriod(p: Period): string {
  switch (p.unit) {
    case 'day':
      return `${p.amount}日`;
    case 'workday':
      return `${p.amount}个工作日`;
    case 'month':
      return `${p.amount}个月`;
    case 'year':
      return `${p.amount}年`;
  }
}

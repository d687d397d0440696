// 联席会议: the day proposed in a month (first working day on or after the 15th, else the last
// before it), the next occurrence of a series, and the preparation days counted back in working
// days. 2026 facts used: 春节 02-15~23 (02-14 Saturday worked); 中秋 09-25~27 (09-20 Sunday worked);
// 国庆 10-01~07 (10-10 Saturday worked). 2027 has no State Council notice in the data (待核).
import { describe, expect, it } from 'vitest';
import { packageCalendarData } from '../../src/config/calendar-source.js';
import { type CalendarData, WorkCalendar } from '../../src/domain/calendar.js';
import {
  DEFAULT_PREP,
  nextOccurrence,
  prepDays,
  proposeDay,
  type Recurrence,
  readMonths,
} from '../../src/domain/meeting.js';

const data = packageCalendarData();
const working = new WorkCalendar(data, 'working');
const rest = new WorkCalendar(data, 'rest');

/** 2030-MM-from … 2030-MM-to as holidays. */
function range(from: number, to: number, month: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let d = from; d <= to; d++) out[`2030-${month}-${String(d).padStart(2, '0')}`] = '测试假期';
  return out;
}
/** A made-up 2030 whose March and April are holiday from the 15th on; 2030-03-14 is a Thursday. */
const synthetic: CalendarData = {
  years: { 2030: { holidays: { ...range(15, 31, '03'), ...range(15, 30, '04') }, workdays: {} } },
};
const lateMonth = new WorkCalendar(synthetic);

/** 2026 with one extra worked Saturday: 2026-08-15. */
const withWorkedSaturday = (policy: 'working' | 'rest') =>
  new WorkCalendar(
    { years: { ...data.years, 2026: { ...data.years[2026]!, workdays: { '2026-08-15': '测试调休上班' } } } },
    policy,
  );

describe('proposeDay', () => {
  it.each([
    // [year, month, expected, why]
    [2026, 1, '2026-01-15', 'the 15th is a Thursday'],
    [2026, 2, '2026-02-24', '春节 02-15~23'],
    [2026, 3, '2026-03-16', 'the 15th is a Sunday'],
    [2026, 4, '2026-04-15', 'a Wednesday'],
    [2026, 6, '2026-06-15', 'a Monday, before 端午'],
    [2026, 7, '2026-07-15', 'a Wednesday'],
    [2026, 8, '2026-08-17', 'the 15th is a Saturday'],
    [2026, 9, '2026-09-15', 'a Tuesday'],
    [2026, 10, '2026-10-15', 'a Thursday, after 国庆'],
    [2026, 11, '2026-11-16', 'the 15th is a Sunday'],
    [2026, 12, '2026-12-15', 'a Tuesday'],
    [2025, 12, '2025-12-15', 'a Monday'],
  ])('%i-%i → %s (%s)', (year, month, expected) => {
    expect(proposeDay(year, month, working)).toEqual({ date: expected, provisional: false });
  });

  it.each([
    [2027, 3, '2027-03-15'],
    [2027, 6, '2027-06-15'],
    [2027, 10, '2027-10-15'],
    [2027, 12, '2027-12-15'],
  ])('%i-%i → %s, 待核 (no notice for the year)', (year, month, expected) => {
    expect(proposeDay(year, month, working)).toEqual({ date: expected, provisional: true });
  });

  it.each([
    [3, '2030-03-14', 'the 14th is a Thursday'],
    [4, '2030-04-12', 'the 14th and 13th are a weekend'],
  ])('no working day from the 15th: 2030-%i → %s (%s)', (month, expected) => {
    expect(proposeDay(2030, month, lateMonth)).toEqual({ date: expected, provisional: false });
  });

  it.each([
    ['working', '2026-08-15'],
    ['rest', '2026-08-17'],
  ] as const)('a worked Saturday on the 15th (%s policy) → %s', (policy, expected) => {
    expect(proposeDay(2026, 8, withWorkedSaturday(policy)).date).toBe(expected);
  });
});

describe('nextOccurrence', () => {
  it.each([
    // [months, after, expected date, provisional]
    [[6, 12], '2026-03-01', '2026-06-15', false],
    [[6, 12], '2026-06-14', '2026-06-15', false],
    [[6, 12], '2026-06-15', '2026-12-15', false], // the proposal must be later than `after`
    [[6, 12], '2026-12-14', '2026-12-15', false],
    [[6, 12], '2026-12-15', '2027-06-15', true], // into a year without a notice
    [[12], '2026-12-20', '2027-12-15', true],
    [[12], '2025-12-31', '2026-12-15', false],
    [[2], '2026-01-10', '2026-02-24', false],
    [[2], '2026-02-20', '2026-02-24', false], // asked during 春节
    [[2], '2026-02-24', '2027-02-15', true],
    [[3, 6, 9, 12], '2026-09-15', '2026-12-15', false],
    [[3, 6, 9, 12], '2026-03-15', '2026-03-16', false], // the 15th is a Sunday
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '2026-08-16', '2026-08-17', false],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '2026-10-01', '2026-10-15', false],
  ] as [number[], string, string, boolean][])('%j after %s → %s', (months, after, date, provisional) => {
    expect(nextOccurrence(months, after, working)).toEqual({ date, provisional });
  });
});

describe('prepDays', () => {
  it.each([
    // [held on, policy, notice T-14, close T-7, agenda T-3, remind T-1]
    ['2026-12-15', 'working', '2026-11-25', '2026-12-04', '2026-12-10', '2026-12-14'],
    ['2026-10-15', 'working', '2026-09-20', '2026-09-30', '2026-10-12', '2026-10-14'], // over 国庆, two worked days
    ['2026-10-15', 'rest', '2026-09-17', '2026-09-29', '2026-10-12', '2026-10-14'],
    ['2026-02-24', 'working', '2026-01-28', '2026-02-06', '2026-02-12', '2026-02-14'], // over 春节
    ['2026-03-02', 'working', '2026-02-04', '2026-02-13', '2026-02-26', '2026-02-28'], // remind on a worked Saturday
  ] as const)('held %s (%s)', (heldOn, policy, notice, close, agenda, remind) => {
    const calendar = policy === 'working' ? working : rest;
    expect(prepDays(heldOn, DEFAULT_PREP, calendar)).toEqual({ notice, close, agenda, remind, day: heldOn });
  });

  it('uses the offsets it is given', () => {
    expect(prepDays('2026-02-24', { notice: 5, close: 3, agenda: 2, remind: 1 }, working)).toEqual({
      notice: '2026-02-10',
      close: '2026-02-12',
      agenda: '2026-02-13',
      remind: '2026-02-14',
      day: '2026-02-24',
    });
  });
});

describe('readMonths', () => {
  it.each([
    ['6,12', 'half_yearly', { months: [6, 12] }],
    ['12，6', 'half_yearly', { months: [6, 12] }],
    ['6月、12月', 'half_yearly', { months: [6, 12] }],
    ['3 6 9 12', 'quarterly', { months: [3, 6, 9, 12] }],
    ['12', 'yearly', { months: [12] }],
    ['6', 'half_yearly', { error: 'count' }],
    ['6,6', 'half_yearly', { error: 'count' }], // a repeated month is one month
    ['6,12', 'yearly', { error: 'count' }],
    ['13,6', 'half_yearly', { error: 'format' }],
    ['0,6', 'half_yearly', { error: 'format' }],
    ['六月,十二月', 'half_yearly', { error: 'format' }],
    ['', 'yearly', { error: 'format' }],
  ] as [string, Recurrence, unknown][])('%j (%s) → %j', (text, recurrence, expected) => {
    expect(readMonths(text, recurrence)).toEqual(expected);
  });
});

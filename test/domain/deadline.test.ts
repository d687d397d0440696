import { describe, expect, it } from 'vitest';
import { explainDeadline as explainWith } from '../../src/bot/core/deadline-text.js';
import { loadPrompts } from '../../src/bot/core/prompts.js';
import { HolidayFileError, packageCalendarData, parseHolidayFile } from '../../src/config/calendar-source.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { readCivilDate } from '../../src/domain/civil-date.js';
import { computeDeadline } from '../../src/domain/deadline.js';
import { parsePeriod, readPeriod } from '../../src/domain/period.js';
import * as statutory from '../../src/domain/statutory-holidays.data.js';

const data = packageCalendarData();
const working = new WorkCalendar(data, 'working');
const rest = new WorkCalendar(data, 'rest');
const prompts = loadPrompts();
const explainDeadline = (d: Parameters<typeof explainWith>[1]) => explainWith(prompts, d);

function due(from: string, period: string, calendar = working) {
  const p = parsePeriod(period);
  if (!p) throw new Error(`bad period ${period}`);
  return computeDeadline(from, p, calendar);
}

describe('calendar data', () => {
  it('covers 2025 and 2026 but not 2027', () => {
    expect(working.covers(2025)).toBe(true);
    expect(working.covers(2026)).toBe(true);
    expect(working.covers(2027)).toBe(false);
  });

  it.each([
    ['2025-01-28', false, '春节'],
    ['2025-01-26', true, '春节调休上班'],
    ['2025-02-08', true, '春节调休上班'],
    ['2025-10-08', false, '国庆节'],
    ['2025-10-11', true, '国庆节调休上班'],
    ['2026-02-14', true, '春节调休上班'],
    ['2026-02-28', true, '春节调休上班'],
    ['2026-10-10', true, '国庆节调休上班'],
    ['2026-09-20', true, '调休上班'],
    ['2026-10-07', false, '国庆节'],
    ['2026-11-21', false, '周六'],
    ['2026-11-22', false, '周日'],
  ])('%s working=%s (%s)', (date, isWorking, reason) => {
    const kind = working.classify(date);
    expect(kind.working).toBe(isWorking);
    expect(kind.reason).toContain(reason);
  });
});

describe('computeDeadline: day, month and year periods (民法典 第201–203条)', () => {
  it.each([
    // [from, period, due, shifted past]
    ['2026-09-01', '2个月', '2026-11-02', ['2026-11-01']], // 对应日 is a Sunday
    ['2026-08-31', '1个月', '2026-09-30', []], // no 31st in September: month end
    ['2025-01-31', '1个月', '2025-02-28', []], // no 31st in February
    ['2024-01-31', '1m', '2024-02-29', []], // leap year
    ['2024-02-29', '1y', '2025-02-28', []], // leap day + 1 year
    ['2026-01-31', '1个月', '2026-02-28', []], // Saturday, but 春节调休上班
    [
      '2026-09-16',
      '15日',
      '2026-10-08',
      ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    ],
    [
      '2026-02-05',
      '10天',
      '2026-02-24',
      [
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
        '2026-02-23',
      ],
    ],
    [
      '2025-01-18',
      '10d',
      '2025-02-05',
      ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'],
    ],
    ['2026-03-20', '15日', '2026-04-07', ['2026-04-04', '2026-04-05', '2026-04-06']], // 清明
    ['2025-03-21', '15日', '2025-04-07', ['2025-04-05', '2025-04-06']], // 清明
    ['2025-04-16', '15日', '2025-05-06', ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05']], // 劳动节
    ['2026-04-01', '1个月', '2026-05-06', ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']],
    ['2025-05-16', '15日', '2025-06-03', ['2025-05-31', '2025-06-01', '2025-06-02']], // 端午
    ['2026-06-04', '15日', '2026-06-22', ['2026-06-19', '2026-06-20', '2026-06-21']], // 端午
    ['2026-09-10', '15日', '2026-09-28', ['2026-09-25', '2026-09-26', '2026-09-27']], // 中秋
    [
      '2025-09-01',
      '1个月',
      '2025-10-09',
      ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'],
    ], // 国庆+中秋
    ['2026-09-05', '15日', '2026-09-20', []], // adjusted working Sunday
    ['2026-09-25', '15日', '2026-10-10', []], // adjusted working Saturday
    ['2025-01-11', '15日', '2025-01-26', []], // adjusted working Sunday
    ['2025-02-28', '1年', '2026-02-28', []],
    ['2026-11-06', '十五日', '2026-11-23', ['2026-11-21', '2026-11-22']], // rest days inside are counted, only the end moves
  ])('%s + %s → %s', (from, period, expected, shifted) => {
    const d = due(from, period);
    expect(d.due).toBe(expected);
    expect(d.shifts.map((s) => s.date)).toEqual(shifted);
    expect(d.provisional).toBe(false);
  });

  it('names the holiday each day was moved past', () => {
    const d = due('2026-09-16', '15日');
    expect(d.rawEnd).toBe('2026-10-01');
    expect(d.shifts[0]).toEqual({ date: '2026-10-01', reason: '国庆节' });
    expect(explainDeadline(d)).toContain('顺延：2026-10-01 国庆节');
    expect(explainDeadline(d).at(-1)).toBe('期限届满：2026-10-08（周四）');
  });

  it('with the rest policy, an adjusted working day moves the end like a weekend', () => {
    expect(due('2026-01-31', '1个月', rest).due).toBe('2026-03-02');
    expect(due('2026-09-05', '15日', rest).due).toBe('2026-09-21');
  });
});

describe('computeDeadline: working-day periods', () => {
  it.each([
    ['2026-09-30', '5个工作日', '2026-10-13'], // Golden Week skipped, 10-10 Saturday worked
    ['2025-09-30', '3wd', '2025-10-11'], // 10-11 Saturday worked
    ['2026-02-13', '1个工作日', '2026-02-14'], // Saturday worked before 春节
    ['2026-11-20', '５个工作日', '2026-11-27'],
  ])('%s + %s → %s', (from, period, expected) => {
    expect(due(from, period).due).toBe(expected);
  });

  it('skips adjusted Saturdays too under the rest policy', () => {
    expect(due('2026-09-30', '5wd', rest).due).toBe('2026-10-14');
  });

  it('lists the holidays it skipped', () => {
    const d = due('2026-09-30', '5wd');
    expect(d.skipped.map((s) => s.date)).toContain('2026-10-01');
    expect(explainDeadline(d).join('\n')).toContain('2026-10-01 国庆节');
  });
});

describe('a year without holiday data', () => {
  it('knows the statutory holidays from the law, and stays provisional (待核)', () => {
    const d = due('2027-04-01', '1个月');
    expect(d.rawEnd).toBe('2027-05-01');
    // 劳动节 05-01 (Sat) and 05-02 (Sun), and their 补假 on Monday and Tuesday (放假办法 第六条)
    expect(d.due).toBe('2027-05-05');
    expect(d.shifts.map((s) => s.reason)).toEqual([
      '劳动节（法定节假日，当年调休安排未公布）',
      '劳动节（法定节假日，当年调休安排未公布）',
      '劳动节补假（假日适逢周六、周日，在工作日补假；当年调休安排未公布）',
      '劳动节补假（假日适逢周六、周日，在工作日补假；当年调休安排未公布）',
    ]);
    expect(d.provisional).toBe(true);
    expect(d.missingYears).toEqual([2027]);
    expect(explainDeadline(d).join('\n')).toContain('待核');
  });

  it.each([
    // 元旦 2027-01-01 is a Friday: never shown as an ordinary working day
    ['2026-12-01', '1个月', '2027-01-04', '元旦'],
    // 春节 2027: 除夕 02-05 (Fri) to 初三 02-08 (Mon), by the lunar calendar; 初一 and 初二 on the
    // weekend are made up on 02-09 and 02-10 (补假)
    ['2027-01-05', '1个月', '2027-02-11', '春节'],
    // 清明 2027-04-05 (Mon), the solar term
    ['2027-03-05', '1个月', '2027-04-06', '清明节'],
    // 端午 2027-06-09 (Wed), 中秋 2027-09-15 (Wed), 国庆 10-01..03
    ['2027-05-09', '1个月', '2027-06-10', '端午节'],
    ['2027-08-15', '1个月', '2027-09-16', '中秋节'],
    // 国庆 10-01 (Fri) to 10-03 (Sun): 10-02 and 10-03 made up on 10-04 and 10-05
    ['2027-09-01', '1个月', '2027-10-06', '国庆节'],
  ])('%s + %s → %s (over %s)', (from, period, expected, holiday) => {
    const d = due(from, period);
    expect(d.due).toBe(expected);
    expect(d.provisional).toBe(true);
    expect(d.shifts.some((s) => s.reason.startsWith(holiday))).toBe(true);
  });

  it('has statutory dates that are holidays in every year the package covers under the 2025 rules', () => {
    for (const year of [2025, 2026]) {
      const { STATUTORY_HOLIDAYS } = statutory;
      for (const date of Object.keys(STATUTORY_HOLIDAYS[year]!))
        expect(working.classify(date).working, `${date}`).toBe(false);
    }
  });

  it('says why a due date on a weekend is a working day (调休上班)', () => {
    const d = due('2026-01-28', '1个月');
    expect(d.due).toBe('2026-02-28');
    expect(d.dueNote).toBe('春节调休上班');
    expect(explainDeadline(d).join('\n')).toContain('期限届满：2026-02-28（周六，春节调休上班）');
  });

  it('is provisional when the period only ends in the uncovered year', () => {
    const d = due('2026-12-15', '1个月');
    expect(d.due).toBe('2027-01-15');
    expect(d.provisional).toBe(true);
  });

  it('is certain once a local file supplies the year', () => {
    const local = parseHolidayFile(
      JSON.stringify({
        years: {
          2027: { holidays: { '2027-05-01~2027-05-05': '劳动节' }, workdays: { '2027-04-25': '劳动节调休上班' } },
        },
      }),
      'holidays.local.json',
    );
    const calendar = new WorkCalendar({ years: { ...data.years, ...local.years } });
    const d = computeDeadline('2027-04-01', parsePeriod('1个月')!, calendar);
    expect(d.provisional).toBe(false);
    expect(d.due).toBe('2027-05-06');
    expect(calendar.isWorkingDay('2027-04-25')).toBe(true);
  });
});

describe('补假 in a year without holiday data (《全国年节及纪念日放假办法》第六条)', () => {
  // checked by hand: 2027-01-01 is a Friday, so 2027-05-01 and 2027-10-02 are Saturdays, 2028-01-01 a Saturday
  it.each([
    // 元旦 2028 on a Saturday: Monday 01-03 off, Tuesday back at work
    ['2028-01-03', '元旦补假', '2028-01-04'],
    // 劳动节 2027 on Saturday and Sunday: two days made up, Monday and Tuesday
    ['2027-05-03', '劳动节补假', '2027-05-05'],
    ['2027-05-04', '劳动节补假', '2027-05-05'],
    // 国庆节 2027 Friday to Sunday: the two weekend days made up after 10-03
    ['2027-10-04', '国庆节补假', '2027-10-06'],
    ['2027-10-05', '国庆节补假', '2027-10-06'],
    // 春节 2027: 除夕 Friday, 初一 Saturday, 初二 Sunday, 初三 Monday (a holiday): made up after 初三
    ['2027-02-09', '春节补假', '2027-02-11'],
    ['2027-02-10', '春节补假', '2027-02-11'],
  ])('%s is a rest day (%s); %s is a working day again', (date, reason, back) => {
    const day = working.classify(date);
    expect(day.working).toBe(false);
    expect(day.working ? '' : day.reason).toBe(`${reason}（假日适逢周六、周日，在工作日补假；当年调休安排未公布）`);
    expect(working.isWorkingDay(back)).toBe(true);
  });

  it('gives a holiday on a weekday no 补假, and leaves the weekend days themselves as they were', () => {
    // 元旦 2027 and 劳动节 2028 fall on weekdays: the next days are ordinary working days
    expect(working.isWorkingDay('2027-01-04')).toBe(true);
    expect(working.isWorkingDay('2028-05-03')).toBe(true);
    expect(working.classify('2028-01-01')).toEqual({
      working: false,
      reason: '元旦（法定节假日，当年调休安排未公布）',
    });
    expect(working.classify('2028-01-02')).toEqual({ working: false, reason: '周日' });
  });

  it('moves a deadline past the 补假 day, and the deadline stays 待核', () => {
    const d = due('2027-12-03', '1个月');
    expect(d.rawEnd).toBe('2028-01-03');
    expect(d.due).toBe('2028-01-04');
    expect(d.provisional).toBe(true);
    expect(d.missingYears).toContain(2028);
    expect(explainDeadline(d).join('\n')).toContain('元旦补假');
    // working days skip it too
    expect(due('2027-04-30', '1个工作日').due).toBe('2027-05-05');
  });

  it('is not applied to a year with the State Council notice: the notice decides (package or local file)', () => {
    // 2026 is covered: 元旦 2026-01-01 (Thu) — no made-up day computed on top of the notice
    expect(working.covers(2026)).toBe(true);
    const local = parseHolidayFile(
      JSON.stringify({ years: { 2027: { holidays: { '2027-05-01~2027-05-05': '劳动节' }, workdays: {} } } }),
      'holidays.local.json',
    );
    const calendar = new WorkCalendar({ years: { ...data.years, ...local.years } });
    // the file names no 国庆节 at all: nothing computed for the covered year
    expect(calendar.isWorkingDay('2027-10-04')).toBe(true);
    expect(calendar.isWorkingDay('2027-05-05')).toBe(false);
    expect(calendar.isWorkingDay('2027-05-06')).toBe(true);
  });
});

describe('parseHolidayFile', () => {
  it.each([
    ['not json', '不是有效的 JSON'],
    ['{}', '缺少 "years"'],
    ['{"years":{"27":{}}}', '四位数字'],
    ['{"years":{"2027":{"holidays":{"2027-02-30":"春节"}}}}', 'YYYY-MM-DD'],
    ['{"years":{"2027":{"holidays":{"2028-01-01":"元旦"}}}}', '不属于 2027 年'],
    ['{"years":{"2027":{"holidays":{"2027-01-01":""}}}}', '缺少名称'],
  ])('rejects %s', (text, message) => {
    expect(() => parseHolidayFile(text, 'f.json')).toThrow(HolidayFileError);
    expect(() => parseHolidayFile(text, 'f.json')).toThrow(message);
  });
});

describe('what people type', () => {
  it.each([
    ['0026-09-01', 'year'],
    ['1999-12-31', 'year'],
    ['2100-01-01', 'year'],
    ['0050-01-01', 'year'],
    ['2026-02-30', 'format'],
  ])('refuses the date %s (%s)', (text, error) => {
    expect(readCivilDate(text)).toEqual({ error });
  });

  it('accepts the edges of the supported years', () => {
    expect(readCivilDate('2000-01-01')).toEqual({ date: '2000-01-01' });
    expect(readCivilDate('2099年12月31日')).toEqual({ date: '2099-12-31' });
  });

  it.each([
    ['3650年', 'too_long'],
    ['999年', 'too_long'],
    ['61个月', 'too_long'],
    ['1827日', 'too_long'],
    ['-3日', 'not_positive'],
    ['0日', 'not_positive'],
    ['3周', 'format'],
  ])('refuses the period %s (%s)', (text, error) => {
    expect(readPeriod(text)).toEqual({ error });
  });

  it('accepts up to five years', () => {
    expect(readPeriod('5年')).toEqual({ period: { amount: 5, unit: 'year' } });
    expect(readPeriod('60个月')).toEqual({ period: { amount: 60, unit: 'month' } });
  });
});

import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  parseCivilDate,
  shanghaiDate,
  shanghaiInstant,
  shanghaiMinuteOfDay,
} from '../../src/domain/civil-date.js';
import { formatPeriod, parsePeriod } from '../../src/domain/period.js';

describe('parsePeriod', () => {
  it.each([
    ['15日', 15, 'day'],
    ['15天', 15, 'day'],
    ['15d', 15, 'day'],
    ['１５日', 15, 'day'],
    ['十五日', 15, 'day'],
    ['2个月', 2, 'month'],
    ['两个月', 2, 'month'],
    ['2m', 2, 'month'],
    ['2 months', 2, 'month'],
    ['1年', 1, 'year'],
    ['1y', 1, 'year'],
    ['5个工作日', 5, 'workday'],
    ['5wd', 5, 'workday'],
    ['５ＷＤ', 5, 'workday'],
    ['二十个工作日', 20, 'workday'],
  ])('%s', (text, amount, unit) => {
    expect(parsePeriod(text)).toEqual({ amount, unit });
  });

  it.each(['2x', '', '0日', '个月', 'm2', '-3d', '15', '1.5m', '十十日'])('rejects %j', (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });

  it('formats canonically', () => {
    expect(formatPeriod(parsePeriod('5wd')!)).toBe('5个工作日');
    expect(formatPeriod(parsePeriod('2m')!)).toBe('2个月');
  });
});

describe('civil dates', () => {
  it.each([
    ['2026-09-01', '2026-09-01'],
    ['2026/9/1', '2026-09-01'],
    ['2026年9月1日', '2026-09-01'],
    ['２０２６－０９－０１', '2026-09-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s', (text, date) => expect(parseCivilDate(text)).toBe(date));

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '明天', '2026-9'])('rejects %s', (text) =>
    expect(parseCivilDate(text)).toBeUndefined(),
  );

  it('clamps to the month end', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('reads Shanghai civil time from an instant whatever process.env.TZ says', () => {
    // 2026-09-30T16:30Z is 2026-10-01 00:30 in Shanghai
    expect(shanghaiDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(shanghaiMinuteOfDay(new Date('2026-09-30T16:30:00Z'))).toBe(30);
    expect(shanghaiInstant('2026-10-08', 9 * 60).toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });
});

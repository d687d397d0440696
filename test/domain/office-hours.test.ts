// 办公时间: the next moment a message may go out (Asia/Shanghai office hours on working days),
// and working-day stepping over weekends, statutory holidays and 调休 working days.
// 2026 facts (国务院办公厅 notice, chinese-days): 元旦 01-01~03 (01-04 Sun worked); 春节 02-15~23
// (02-14 Sat, 02-28 Sat worked); 清明 04-04~06; 劳动节 05-01~05 (05-09 Sat worked); 端午 06-19~21;
// 中秋 09-25~27 (09-20 Sun worked); 国庆 10-01~07 (10-10 Sat worked). 2027 has no notice: 元旦 2027-01-01.
import { describe, expect, it } from 'vitest';
import { packageCalendarData } from '../../src/config/calendar-source.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import {
  nextOfficeMoment,
  type OfficeHours,
  shiftWorkingDays,
  workingDayOnOrAfter,
} from '../../src/domain/office-hours.js';

const data = packageCalendarData();
const working = new WorkCalendar(data, 'working');
const rest = new WorkCalendar(data, 'rest');
const calendars = { working, rest };
const hours: OfficeHours = { start: 9 * 60, end: 17 * 60 + 30 }; // 09:00–17:30

describe('workingDayOnOrAfter', () => {
  it.each([
    ['2026-11-18', 'working', '2026-11-18'], // Wednesday
    ['2026-11-21', 'working', '2026-11-23'], // Saturday → Monday
    ['2026-11-22', 'working', '2026-11-23'], // Sunday → Monday
    ['2026-01-01', 'working', '2026-01-04'], // 元旦 01-01~03, Sunday 01-04 worked
    ['2026-02-14', 'working', '2026-02-14'], // 春节调休 Saturday
    ['2026-02-15', 'working', '2026-02-24'], // 春节 02-15~23
    ['2026-02-28', 'working', '2026-02-28'], // 春节调休 Saturday
    ['2026-04-04', 'working', '2026-04-07'], // 清明 04-04~06
    ['2026-05-01', 'working', '2026-05-06'], // 劳动节 05-01~05
    ['2026-06-19', 'working', '2026-06-22'], // 端午 06-19~21
    ['2026-09-19', 'working', '2026-09-20'], // Saturday, then the worked Sunday
    ['2026-09-25', 'working', '2026-09-28'], // 中秋 09-25~27
    ['2026-10-01', 'working', '2026-10-08'], // 国庆 10-01~07
    ['2026-10-10', 'working', '2026-10-10'], // 国庆调休 Saturday
    ['2026-10-10', 'rest', '2026-10-12'], // … not worked under the rest policy
    ['2026-02-14', 'rest', '2026-02-24'], // rest policy: Saturday, then 春节
    ['2026-01-01', 'rest', '2026-01-05'], // rest policy: 01-04 Sunday not worked
    ['2027-01-01', 'working', '2027-01-04'], // no notice for 2027: 元旦 (Fri) from the law, then the weekend
  ] as const)('%s (%s) → %s', (date, policy, expected) => {
    expect(workingDayOnOrAfter(date, calendars[policy])).toBe(expected);
  });
});

describe('shiftWorkingDays', () => {
  it.each([
    ['2026-11-20', 1, 'working', '2026-11-23'], // Friday + 1 → Monday
    ['2026-11-20', 5, 'working', '2026-11-27'],
    ['2026-11-23', -1, 'working', '2026-11-20'], // Monday − 1 → Friday
    ['2026-11-21', 1, 'working', '2026-11-23'], // from a Saturday
    ['2026-11-22', -1, 'working', '2026-11-20'], // from a Sunday, backwards
    ['2026-09-30', 1, 'working', '2026-10-08'], // over 国庆
    ['2026-10-08', -1, 'working', '2026-09-30'],
    ['2026-10-09', 1, 'working', '2026-10-10'], // Friday + 1 → the worked Saturday
    ['2026-10-09', 1, 'rest', '2026-10-12'],
    ['2026-10-12', -1, 'working', '2026-10-10'],
    ['2026-10-12', -1, 'rest', '2026-10-09'],
    ['2026-02-13', 1, 'working', '2026-02-14'],
    ['2026-02-14', 1, 'working', '2026-02-24'], // over 春节 02-15~23
    ['2026-02-24', -2, 'working', '2026-02-13'], // 02-14 (1), 02-13 (2)
    ['2026-02-24', -2, 'rest', '2026-02-12'],
    ['2026-09-18', 1, 'working', '2026-09-20'], // Friday + 1 → the worked Sunday
    ['2026-09-24', 1, 'working', '2026-09-28'], // over 中秋
    ['2026-05-08', 1, 'working', '2026-05-09'], // Friday + 1 → 劳动节调休 Saturday
    ['2026-01-05', -1, 'working', '2026-01-04'],
    ['2026-01-04', -1, 'working', '2025-12-31'], // back over 元旦 into 2025
    ['2026-12-31', 1, 'working', '2027-01-04'], // into 2027: 元旦 Friday, then the weekend
  ] as const)('%s shifted by %i (%s) → %s', (date, n, policy, expected) => {
    expect(shiftWorkingDays(date, n, calendars[policy])).toBe(expected);
  });
});

describe('nextOfficeMoment (09:00–17:30 Asia/Shanghai)', () => {
  it.each([
    // [instant, policy, expected, why]
    ['2026-11-18T10:00:00+08:00', 'working', '2026-11-18T10:00:00+08:00', 'Wednesday, in office hours'],
    ['2026-11-18T09:00:00+08:00', 'working', '2026-11-18T09:00:00+08:00', 'exactly at office start'],
    ['2026-11-18T09:00:30+08:00', 'working', '2026-11-18T09:00:30+08:00', 'half a minute into office hours'],
    ['2026-11-18T08:59:59+08:00', 'working', '2026-11-18T09:00:00+08:00', 'a second before office start'],
    ['2026-11-18T00:00:00+08:00', 'working', '2026-11-18T09:00:00+08:00', 'midnight of a working day'],
    ['2026-11-18T17:29:59+08:00', 'working', '2026-11-18T17:29:59+08:00', 'the last second of office hours'],
    ['2026-11-18T17:30:00+08:00', 'working', '2026-11-19T09:00:00+08:00', 'exactly at office end'],
    ['2026-11-18T23:00:00+08:00', 'working', '2026-11-19T09:00:00+08:00', 'a working night'],
    ['2026-11-20T23:59:00+08:00', 'working', '2026-11-23T09:00:00+08:00', '23:59 on a Friday'],
    ['2026-11-21T11:00:00+08:00', 'working', '2026-11-23T09:00:00+08:00', 'a Saturday'],
    ['2026-11-22T20:00:00+08:00', 'working', '2026-11-23T09:00:00+08:00', 'a Sunday night'],
    ['2026-10-10T10:00:00+08:00', 'working', '2026-10-10T10:00:00+08:00', '国庆调休 Saturday, in hours'],
    ['2026-10-10T07:00:00+08:00', 'working', '2026-10-10T09:00:00+08:00', '国庆调休 Saturday, early'],
    ['2026-10-09T18:00:00+08:00', 'working', '2026-10-10T09:00:00+08:00', 'Friday night before a worked Saturday'],
    ['2026-10-09T18:00:00+08:00', 'rest', '2026-10-12T09:00:00+08:00', 'same, 调休 counted as rest'],
    ['2026-10-10T10:00:00+08:00', 'rest', '2026-10-12T09:00:00+08:00', 'worked Saturday counted as rest'],
    ['2026-09-30T17:30:00+08:00', 'working', '2026-10-08T09:00:00+08:00', 'the eve of 国庆 at office end'],
    ['2026-10-03T10:00:00+08:00', 'working', '2026-10-08T09:00:00+08:00', 'inside 国庆'],
    ['2026-09-19T12:00:00+08:00', 'working', '2026-09-20T09:00:00+08:00', 'Saturday before the worked Sunday'],
    ['2026-02-13T18:00:00+08:00', 'working', '2026-02-14T09:00:00+08:00', 'before the 春节调休 Saturday'],
    ['2026-02-14T17:30:00+08:00', 'working', '2026-02-24T09:00:00+08:00', 'end of the worked Saturday, then 春节'],
    ['2026-01-03T12:00:00+08:00', 'working', '2026-01-04T09:00:00+08:00', '元旦, then the worked Sunday'],
    ['2026-12-31T18:00:00+08:00', 'working', '2027-01-04T09:00:00+08:00', "new year's eve, 2027 元旦 from the law"],
    // given in UTC: the Shanghai day and hour decide, not the UTC ones
    ['2026-11-18T02:00:00Z', 'working', '2026-11-18T02:00:00Z', 'UTC 02:00 is 10:00 in Shanghai'],
    ['2026-11-18T09:45:00Z', 'working', '2026-11-19T01:00:00Z', 'UTC 09:45 is 17:45 in Shanghai'],
    ['2026-11-20T17:00:00Z', 'working', '2026-11-23T01:00:00Z', 'UTC Friday 17:00 is Saturday 01:00'],
    ['2026-09-30T16:00:00Z', 'working', '2026-10-08T01:00:00Z', 'UTC 09-30 16:00 is 国庆 10-01 00:00'],
    ['2026-10-09T16:30:00Z', 'working', '2026-10-10T01:00:00Z', 'UTC Friday 16:30 is the worked Saturday'],
    ['2026-11-22T23:30:00Z', 'working', '2026-11-23T01:00:00Z', 'UTC Sunday 23:30 is Monday 07:30'],
  ] as const)('%s (%s) → %s: %s', (instant, policy, expected, _why) => {
    const got = nextOfficeMoment(new Date(instant), hours, calendars[policy]);
    expect(got.toISOString()).toBe(new Date(expected).toISOString());
  });

  it('keeps the seconds and milliseconds of an instant in office hours', () => {
    const at = new Date('2026-11-18T10:15:42.123+08:00');
    expect(nextOfficeMoment(at, hours, working).toISOString()).toBe('2026-11-18T02:15:42.123Z');
  });

  it.each([
    ['2026-11-18T08:29:00+08:00', '2026-11-18T08:30:00+08:00'],
    ['2026-11-18T08:45:00+08:00', '2026-11-18T08:45:00+08:00'],
    ['2026-11-18T16:59:00+08:00', '2026-11-18T16:59:00+08:00'],
    ['2026-11-18T17:00:00+08:00', '2026-11-19T08:30:00+08:00'],
    ['2026-11-18T17:15:00+08:00', '2026-11-19T08:30:00+08:00'], // in 09:00–17:30, not in 08:30–17:00
  ])('with hours 08:30–17:00: %s → %s', (instant, expected) => {
    const got = nextOfficeMoment(new Date(instant), { start: 8 * 60 + 30, end: 17 * 60 }, working);
    expect(got.toISOString()).toBe(new Date(expected).toISOString());
  });
});

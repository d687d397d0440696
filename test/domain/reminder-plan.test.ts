// 提醒计划与督办阶梯: reminders counted back in working days from the due date, the overdue notice
// on the first working day after it, the escalation a number of working days after that, each at
// office start plus a small jitter. 2026 facts used: 春节 02-15~23 (02-14, 02-28 Saturdays worked);
// 中秋 09-25~27 (09-20 Sunday worked); 国庆 10-01~07 (10-10 Saturday worked); 2027 元旦 01-01 (Fri).
import { describe, expect, it } from 'vitest';
import { packageCalendarData } from '../../src/config/calendar-source.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import type { OfficeHours } from '../../src/domain/office-hours.js';
import { escalationKey, jitterSeconds, type PlanInput, planActions } from '../../src/domain/reminder-plan.js';

const data = packageCalendarData();
const working = new WorkCalendar(data, 'working');
const rest = new WorkCalendar(data, 'rest');
const hours: OfficeHours = { start: 9 * 60, end: 17 * 60 + 30 };

function plan(over: Partial<PlanInput> = {}) {
  return planActions({
    matterId: 'm1',
    dueOn: '2026-11-30',
    calendar: working,
    hours,
    reminderOffsets: [7, 3, 1, 0],
    escalationAfterWorkdays: 3,
    ...over,
  });
}

/** `kind on` (plus `/n` working days left for a reminder), the plan in a line a person can check */
const days = (over: Partial<PlanInput> = {}) =>
  plan(over).map((a) => `${a.kind} ${a.on}${a.workdaysLeft === undefined ? '' : `/${a.workdaysLeft}`}`);

describe('planActions: the days', () => {
  it.each([
    [
      'an ordinary Monday due date',
      { dueOn: '2026-11-30' },
      [
        'reminder 2026-11-19/7',
        'reminder 2026-11-25/3',
        'reminder 2026-11-27/1',
        'reminder 2026-11-30/0',
        'overdue 2026-12-01',
        'escalation 2026-12-04',
      ],
    ],
    [
      'due right after 国庆: counted back over the holiday, escalation over the worked Saturday',
      { dueOn: '2026-10-08' },
      [
        'reminder 2026-09-21/7',
        'reminder 2026-09-28/3',
        'reminder 2026-09-30/1',
        'reminder 2026-10-08/0',
        'overdue 2026-10-09',
        'escalation 2026-10-13',
      ],
    ],
    [
      'the same with 调休 counted as rest: the escalation moves a day',
      { dueOn: '2026-10-08', calendar: rest },
      [
        'reminder 2026-09-21/7',
        'reminder 2026-09-28/3',
        'reminder 2026-09-30/1',
        'reminder 2026-10-08/0',
        'overdue 2026-10-09',
        'escalation 2026-10-14',
      ],
    ],
    [
      'a due date typed on a holiday: reminders end on the working day before it',
      { dueOn: '2026-10-03' },
      [
        'reminder 2026-09-20/7',
        'reminder 2026-09-24/3',
        'reminder 2026-09-29/1',
        'reminder 2026-09-30/0',
        'overdue 2026-10-08',
        'escalation 2026-10-12',
      ],
    ],
    [
      'a due date typed on a plain Saturday',
      { dueOn: '2026-11-21', reminderOffsets: [1, 0], escalationAfterWorkdays: 2 },
      ['reminder 2026-11-19/1', 'reminder 2026-11-20/0', 'overdue 2026-11-23', 'escalation 2026-11-25'],
    ],
    [
      'due after 春节: the day before is the worked Saturday 02-14',
      { dueOn: '2026-02-24' },
      [
        'reminder 2026-02-06/7',
        'reminder 2026-02-12/3',
        'reminder 2026-02-14/1',
        'reminder 2026-02-24/0',
        'overdue 2026-02-25',
        'escalation 2026-02-28',
      ],
    ],
    [
      'the same with 调休 counted as rest',
      { dueOn: '2026-02-24', calendar: rest },
      [
        'reminder 2026-02-05/7',
        'reminder 2026-02-11/3',
        'reminder 2026-02-13/1',
        'reminder 2026-02-24/0',
        'overdue 2026-02-25',
        'escalation 2026-03-02',
      ],
    ],
    [
      "due on new year's eve: overdue and escalation in 2027, past 元旦 and the weekend",
      { dueOn: '2026-12-31', reminderOffsets: [0] },
      ['reminder 2026-12-31/0', 'overdue 2027-01-04', 'escalation 2027-01-07'],
    ],
    [
      'offsets in any order are planned latest-first; a repeated offset once',
      { reminderOffsets: [0, 3, 1, 3] },
      [
        'reminder 2026-11-25/3',
        'reminder 2026-11-27/1',
        'reminder 2026-11-30/0',
        'overdue 2026-12-01',
        'escalation 2026-12-04',
      ],
    ],
    ['no reminders configured', { reminderOffsets: [] }, ['overdue 2026-12-01', 'escalation 2026-12-04']],
    [
      'escalation after 0 working days: the day of the overdue notice',
      { escalationAfterWorkdays: 0, reminderOffsets: [] },
      ['overdue 2026-12-01', 'escalation 2026-12-01'],
    ],
    [
      'escalation after 1 working day from a Friday overdue notice',
      { dueOn: '2026-11-26', escalationAfterWorkdays: 1, reminderOffsets: [] },
      ['overdue 2026-11-27', 'escalation 2026-11-30'],
    ],
  ] as [string, Partial<PlanInput>, string[]][])('%s', (_why, over, expected) => {
    expect(days(over)).toEqual(expected);
  });

  it('puts every action of every 2026 due date on a working day, in order around the due date', () => {
    for (const policy of [working, rest]) {
      for (let d = Date.UTC(2026, 0, 1); d <= Date.UTC(2026, 11, 31); d += 86_400_000) {
        const dueOn = new Date(d).toISOString().slice(0, 10);
        const actions = plan({ dueOn, calendar: policy });
        for (const a of actions) expect(policy.isWorkingDay(a.on), `${dueOn} ${a.key}`).toBe(true);
        const [overdue, escalation] = actions.slice(-2);
        for (const r of actions.slice(0, -2)) expect(r.on <= dueOn).toBe(true);
        expect(overdue!.on > dueOn).toBe(true);
        expect(escalation!.on > overdue!.on).toBe(true);
      }
    }
  });

  it('does not reorder the offsets it was given', () => {
    const reminderOffsets = [0, 7, 1];
    plan({ reminderOffsets });
    expect(reminderOffsets).toEqual([0, 7, 1]);
  });
});

describe('planActions: keys', () => {
  it('names every action by matter, due date and offset', () => {
    expect(plan().map((a) => a.key)).toEqual([
      'reminder:m1:2026-11-30:7',
      'reminder:m1:2026-11-30:3',
      'reminder:m1:2026-11-30:1',
      'reminder:m1:2026-11-30:0',
      'overdue:m1:2026-11-30',
      'escalation:m1:2026-11-30',
    ]);
  });

  it('keys a hand-typed holiday due date by that date, not by the day reminded on', () => {
    expect(plan({ dueOn: '2026-10-03', reminderOffsets: [0] }).map((a) => a.key)).toEqual([
      'reminder:m1:2026-10-03:0',
      'overdue:m1:2026-10-03',
      'escalation:m1:2026-10-03',
    ]);
  });

  it('puts the stage prefix before every key', () => {
    expect(plan({ keyPrefix: 'clue2:', reminderOffsets: [1] }).map((a) => a.key)).toEqual([
      'clue2:reminder:m1:2026-11-30:1',
      'clue2:overdue:m1:2026-11-30',
      'clue2:escalation:m1:2026-11-30',
    ]);
  });

  it.each([
    ['m1', '2026-11-30', undefined, 'escalation:m1:2026-11-30'],
    ['m1', '2026-11-30', '', 'escalation:m1:2026-11-30'],
    ['m1', '2026-11-30', 'clue2:', 'clue2:escalation:m1:2026-11-30'],
    ['XS-2026-007', '2027-01-04', 'clue3:', 'clue3:escalation:XS-2026-007:2027-01-04'],
  ])('escalationKey(%s, %s, %s) = %s', (id, dueOn, prefix, expected) => {
    expect(escalationKey(id, dueOn, prefix)).toBe(expected);
  });

  it('gives the planned escalation the key escalationKey names, so the ladder can find it', () => {
    const esc = plan({ keyPrefix: 'clue2:' }).find((a) => a.kind === 'escalation');
    expect(esc?.key).toBe(escalationKey('m1', '2026-11-30', 'clue2:'));
  });
});

describe('jitterSeconds', () => {
  // 60 + FNV-1a-32(key) mod 120; hashes from the FNV reference vectors
  it.each([
    ['', 121], // offset basis 2166136261 = 0x811c9dc5, mod 120 = 61
    ['a', 160], // 0xe40c292c = 3826002220, mod 120 = 100
    ['foobar', 100], // 0xbf9cf968 = 3214735720, mod 120 = 40
  ])('%j → %i', (key, expected) => {
    expect(jitterSeconds(key)).toBe(expected);
  });

  it('stays within 60–179 seconds and repeats for the same key', () => {
    for (let i = 0; i < 500; i++) {
      const key = `reminder:m${i}:2026-11-30:${i % 8}`;
      const s = jitterSeconds(key);
      expect(s).toBeGreaterThanOrEqual(60);
      expect(s).toBeLessThanOrEqual(179);
      expect(Number.isInteger(s)).toBe(true);
      expect(jitterSeconds(key)).toBe(s);
    }
  });
});

describe('planActions: the moments', () => {
  it.each([
    ['09:00', hours],
    ['08:30', { start: 8 * 60 + 30, end: 17 * 60 }],
  ] as const)('each action goes out at %s Shanghai on its day plus the day’s jitter', (start, h) => {
    for (const a of plan({ dueOn: '2026-10-08', hours: h })) {
      const officeStart = Date.parse(`${a.on}T${start}:00+08:00`);
      expect(a.at.getTime() - officeStart).toBe(jitterSeconds(a.on) * 1000);
    }
  });

  it('never sends at the office start itself, nor three minutes after', () => {
    const [first] = plan({ reminderOffsets: [7] });
    expect(first!.at.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-19T09:01:00+08:00'));
    expect(first!.at.getTime()).toBeLessThan(Date.parse('2026-11-19T09:03:00+08:00'));
  });

  it('plans the same moments when planned again', () => {
    const a = plan({ dueOn: '2026-02-24' }).map((x) => x.at.toISOString());
    const b = plan({ dueOn: '2026-02-24' }).map((x) => x.at.toISOString());
    expect(b).toEqual(a);
  });

  it('plans a worked Saturday at 09:0x Shanghai, which is 01:0x UTC that day', () => {
    const oct10 = plan({ dueOn: '2026-10-09', reminderOffsets: [] }).find((a) => a.kind === 'overdue');
    expect(oct10!.on).toBe('2026-10-10');
    expect(oct10!.at.toISOString().slice(0, 15)).toBe('2026-10-10T01:0');
  });
});

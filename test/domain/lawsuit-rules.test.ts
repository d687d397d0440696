// 行政应诉 rules and figures, against dates and numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { packageCalendarData } from '../../src/config/calendar-source.js';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { type LawsuitFacts, lawsuitFigures, shareText } from '../../src/domain/lawsuit-figures.js';
import { appealDeadline, defenceDeadline, finalOn, headCaseOf } from '../../src/domain/lawsuit-rules.js';

const calendar = new WorkCalendar(packageCalendarData(), 'working');

describe('行政应诉 deadlines', () => {
  it('counts 15 days from the complaint copy and moves a last day on a holiday (第六十七条)', () => {
    // 09-16 + 15 = 10-01 (国庆节, 10-01…10-07): the next working day is Thursday 10-08
    expect(defenceDeadline('2026-09-16', calendar).due).toBe('2026-10-08');
    // 03-02 + 15 = Tuesday 03-17: a working day, kept
    expect(defenceDeadline('2026-03-02', calendar).due).toBe('2026-03-17');
  });

  it('gives 15 days to appeal a judgment and 10 a ruling, from service (第八十五条)', () => {
    // 11-20 + 15 = Saturday 12-05 → Monday 12-07
    expect(appealDeadline('2026-11-20', 'judgment', calendar).due).toBe('2026-12-07');
    // 11-20 + 10 = Monday 11-30
    expect(appealDeadline('2026-11-20', 'ruling', calendar).due).toBe('2026-11-30');
  });

  it('makes a judgment final the day after the appeal period, on service in second instance, never while appealed', () => {
    expect(finalOn({ servedOn: '2026-11-20', secondInstance: false, appealDueOn: '2026-12-07' })).toBe('2026-12-08');
    expect(finalOn({ servedOn: '2026-11-20', secondInstance: true, appealDueOn: '' })).toBe('2026-11-20');
    expect(
      finalOn({ servedOn: '2026-11-20', secondInstance: false, appealDueOn: '2026-12-07', appealedOn: '2026-12-01' }),
    ).toBeUndefined();
  });

  it('reads the case types of the 2020 provisions from the 案由', () => {
    expect(headCaseOf('食品安全行政处罚')).toBe('public_interest');
    expect(headCaseOf('房屋征收补偿决定')).toBe('major_rights');
    expect(headCaseOf('pil')).toBe('pil');
    expect(headCaseOf('政府信息公开')).toBeUndefined();
  });
});

const base = { headRequired: false, appearance: null, finalOn: null, complianceDue: false, complied: false };
const A = { orgId: 'a', orgName: '示例县市场监督管理局' };
const B = { orgId: 'b', orgName: '示例县自然资源局' };
const cases: LawsuitFacts[] = [
  // A: on time, head appeared, final and complied
  {
    ...base,
    ...A,
    code: 'YS-2026-001',
    copyReceivedOn: '2026-03-02',
    dueOn: '2026-03-17',
    defendedOn: '2026-03-16',
    headRequired: true,
    appearance: 'appeared',
    finalOn: '2026-06-10',
    complianceDue: true,
    complied: true,
  },
  // A: late defence, head required but entrusted
  {
    ...base,
    ...A,
    code: 'YS-2026-002',
    copyReceivedOn: '2026-05-06',
    dueOn: '2026-05-21',
    defendedOn: '2026-05-25',
    headRequired: true,
    appearance: 'entrusted',
  },
  // A: the period has not ended on 12-01 and nothing is filed: not counted for the defence
  { ...base, ...A, code: 'YS-2026-005', copyReceivedOn: '2026-11-20', dueOn: '2026-12-07', defendedOn: null },
  // A: received in 2025: another year
  {
    ...base,
    ...A,
    code: 'YS-2025-009',
    copyReceivedOn: '2025-12-20',
    dueOn: '2026-01-05',
    defendedOn: '2026-01-04',
    appearance: 'appeared',
  },
  // B: no defence after the period; entrusted though not required; final, task open
  {
    ...base,
    ...B,
    code: 'YS-2026-003',
    copyReceivedOn: '2026-02-02',
    dueOn: '2026-02-24',
    defendedOn: null,
    appearance: 'entrusted',
    finalOn: '2026-09-01',
    complianceDue: true,
  },
  // B: on time; final with nothing to carry out (not counted for compliance)
  {
    ...base,
    ...B,
    code: 'YS-2026-004',
    copyReceivedOn: '2026-04-01',
    dueOn: '2026-04-16',
    defendedOn: '2026-04-10',
    finalOn: '2026-08-01',
  },
];

describe('行政应诉 figures (口径)', () => {
  it('agrees with the table worked out by hand', () => {
    const units = lawsuitFigures(cases, 2026, '2026-12-01');
    const row = (u: (typeof units)[number]) => ({
      org: u.orgName,
      cases: u.cases.count,
      head: [u.headRate.numerator, u.headRate.denominator],
      defence: [u.defenceRate.numerator, u.defenceRate.denominator],
      complied: [u.complianceRate.numerator, u.complianceRate.denominator],
      absent: u.headAbsent,
    });
    // A: 3 cases; head 1 of 2 hearings; defence 1 on time of 2 counted; complied 1 of 1; absent YS-2026-002
    // B: 2 cases; head 0 of 1; defence 1 of 2; complied 0 of 1; nobody required and absent
    expect(units.map(row).sort((x, y) => x.org.localeCompare(y.org))).toEqual(
      [
        {
          org: '示例县市场监督管理局',
          cases: 3,
          head: [1, 2],
          defence: [1, 2],
          complied: [1, 1],
          absent: ['YS-2026-002'],
        },
        { org: '示例县自然资源局', cases: 2, head: [0, 1], defence: [1, 2], complied: [0, 1], absent: [] },
      ].sort((x, y) => x.org.localeCompare(y.org)),
    );
    const a = units.find((u) => u.orgId === 'a')!;
    expect(a.defenceRate.codes).toEqual(['YS-2026-001']);
    expect(a.defenceRate.counted).toEqual(['YS-2026-001', 'YS-2026-002']);
    expect(shareText(a.headRate)).toBe('1/2（50.0%）');
    expect(shareText({ numerator: 0, denominator: 0 })).toBe('—');
  });
});

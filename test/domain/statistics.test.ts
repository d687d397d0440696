// 统计: on-time and late replies across extensions and returns, and the yearly and weekly figures.
import { describe, expect, it } from 'vitest';
import {
  dueInForce,
  isOverdue,
  type MatterFacts,
  repliedOnTime,
  unitTable,
  weekCounts,
  yearFigures,
} from '../../src/domain/statistics.js';
import { rec } from '../support/facts.js';

describe('replied on time', () => {
  const cases: Array<[string, Partial<MatterFacts>, string, boolean | undefined]> = [
    ['a reply before the due date', { replies: ['2026-04-20'], status: 'replied' }, '2026-06-01', true],
    ['a reply on the due date itself', { replies: ['2026-05-04'], status: 'replied' }, '2026-06-01', true],
    ['a reply the day after', { replies: ['2026-05-05'], status: 'replied' }, '2026-06-01', false],
    ['no reply, due date not yet passed', {}, '2026-05-04', undefined],
    ['no reply, due date passed', {}, '2026-05-05', false],
    [
      'late, but after an extension approved before the reply',
      {
        replies: ['2026-05-10'],
        extensions: [{ status: 'approved', decidedOn: '2026-04-28', newDueOn: '2026-05-19' }],
        status: 'replied',
      },
      '2026-06-01',
      true,
    ],
    [
      'late, the extension approved only after the reply',
      {
        replies: ['2026-05-10'],
        extensions: [{ status: 'approved', decidedOn: '2026-05-12', newDueOn: '2026-05-19' }],
        status: 'replied',
      },
      '2026-06-01',
      false,
    ],
    [
      'late, the extension declined',
      { replies: ['2026-05-10'], extensions: [{ status: 'declined', decidedOn: '2026-04-28' }], status: 'replied' },
      '2026-06-01',
      false,
    ],
    [
      'late, the extension still pending',
      { replies: ['2026-05-10'], extensions: [{ status: 'pending' }], status: 'replied' },
      '2026-06-01',
      false,
    ],
    [
      'on time, returned, the second reply within the new period',
      {
        replies: ['2026-04-20', '2026-05-15'],
        evaluations: [{ verdict: 'return', on: '2026-05-06', newDueOn: '2026-05-21' }],
        status: 'replied',
      },
      '2026-06-01',
      true,
    ],
    // 口径: 按期反馈 judges the first reply; a return is about the rectification, not the reply's timeliness
    // (the lateness after a return is 逾期 on those days: see "overdue on a day" below)
    [
      'on time, returned, the second reply after the new period',
      {
        replies: ['2026-04-20', '2026-05-25'],
        evaluations: [{ verdict: 'return', on: '2026-05-06', newDueOn: '2026-05-21' }],
        status: 'replied',
      },
      '2026-06-01',
      true,
    ],
    [
      'on time, returned, no second reply yet, new period running',
      {
        replies: ['2026-04-20'],
        evaluations: [{ verdict: 'return', on: '2026-05-06', newDueOn: '2026-05-21' }],
        status: 'returned',
      },
      '2026-05-20',
      true,
    ],
    [
      'on time, returned, no second reply, new period over',
      {
        replies: ['2026-04-20'],
        evaluations: [{ verdict: 'return', on: '2026-05-06', newDueOn: '2026-05-21' }],
        status: 'returned',
      },
      '2026-05-22',
      true,
    ],
  ];
  it.each(cases)('%s', (_, over, asOf, expected) => {
    expect(repliedOnTime(rec(over), asOf)).toBe(expected);
  });

  it('takes the latest change in force on a day', () => {
    const m = rec({
      extensions: [{ status: 'approved', decidedOn: '2026-04-28', newDueOn: '2026-05-19' }],
      evaluations: [{ verdict: 'return', on: '2026-05-20', newDueOn: '2026-06-04' }],
    });
    expect([dueInForce(m, '2026-04-27'), dueInForce(m, '2026-04-28'), dueInForce(m, '2026-05-20')]).toEqual([
      '2026-05-04',
      '2026-05-19',
      '2026-06-04',
    ]);
  });
});

describe('the yearly figures of a unit', () => {
  it('counts received, on time, rectified, overdue, escalated, extensions, clues and tasks', () => {
    const matters: MatterFacts[] = [
      rec({
        code: 'a',
        replies: ['2026-04-20'],
        evaluations: [{ verdict: 'pass', on: '2026-04-25' }],
        status: 'closed',
        closedOn: '2026-04-25',
      }),
      rec({
        code: 'b',
        replies: ['2026-05-10'],
        extensions: [{ status: 'approved', decidedOn: '2026-04-28', newDueOn: '2026-05-19' }],
        status: 'replied',
        dueOn: '2026-05-19',
      }),
      rec({ code: 'c', escalated: true, supervisions: 2 }), // never answered: late, overdue; pressed twice
      rec({ code: 'j', kind: 'supervision_notice', supervisions: 1 }), // the 司法局's notice about it, pressed once
      rec({ code: 'd', servedOn: '2025-12-01', createdOn: '2025-12-01' }), // last year's: not counted
      rec({ code: 'e', orgId: 'zjj', replies: ['2026-05-08'], status: 'replied' }),
      {
        ...rec({ code: 'f', kind: 'clue', status: 'closed', closedOn: '2026-04-01', dueOn: '2026-04-02' }),
        clue: { acceptedOn: '2026-03-05', acceptDueOn: '2026-03-09' },
      },
      {
        ...rec({ code: 'g', kind: 'clue', status: 'handling', dueOn: '2026-04-30' }),
        clue: { acceptedOn: '2026-03-12', acceptDueOn: '2026-03-09' },
      },
      rec({ code: 'h', kind: 'task', status: 'closed', closedOn: '2026-05-04' }),
      rec({ code: 'i', kind: 'task', status: 'closed', closedOn: '2026-05-06' }),
    ];
    const [scj, zjj] = yearFigures(matters, 2026, '2026-06-01');
    expect(scj).toEqual({
      orgId: 'scj',
      received: 3,
      repliedOnTime: 2,
      repliedLate: 1,
      onTimeRate: 66.7,
      rectified: 1,
      rectifiedRate: 33.3,
      overdue: 1,
      escalated: 1,
      supervised: 3,
      notices: 1,
      extensions: 1,
      cluesReferred: 2,
      cluesAcceptedInTime: 1,
      cluesClosedInTime: 1,
      tasks: 2,
      tasksDoneOnTime: 1,
    });
    expect(zjj).toMatchObject({ received: 1, repliedLate: 1, onTimeRate: 0, rectifiedRate: 0, overdue: 0 });
  });
});

describe('the weekly digest counts', () => {
  const matters: MatterFacts[] = [
    rec({
      code: 'new-this-week',
      createdOn: '2026-05-12',
      servedOn: '2026-05-12',
      originalDueOn: '2026-07-13',
      dueOn: '2026-07-13',
    }),
    rec({ code: 'replied-this-week', replies: ['2026-05-13'], status: 'replied' }),
    rec({
      code: 'closed-this-week',
      replies: ['2026-04-01'],
      evaluations: [{ verdict: 'pass', on: '2026-05-14' }],
      status: 'closed',
      closedOn: '2026-05-14',
    }),
    rec({ code: 'overdue-open' }),
  ];
  it('counts the week and the week before', () => {
    expect(weekCounts(matters, 'recommendation', '2026-05-11', '2026-05-17')).toEqual({
      kind: 'recommendation',
      created: 1,
      replied: 1,
      closed: 1,
      open: 3,
      overdue: 1,
    });
    expect(weekCounts(matters, 'recommendation', '2026-05-04', '2026-05-10')).toEqual({
      kind: 'recommendation',
      created: 0,
      replied: 0,
      closed: 0,
      open: 3,
      overdue: 2,
    });
  });
  it('tables the units: open, overdue, on-time rate', () => {
    expect(isOverdue(matters[3]!, '2026-05-17')).toBe(true);
    // judged: closed-this-week on time; replied-this-week and overdue-open late; new-this-week not yet due → 1 of 3
    expect(unitTable(matters, 2026, '2026-05-17')).toEqual([{ orgId: 'scj', open: 3, overdue: 1, onTimeRate: 33.3 }]);
  });
});

describe('tasks by unit', () => {
  it('counts open, overdue, done and done on time', async () => {
    const { taskFiguresByUnit } = await import('../../src/domain/statistics.js');
    const task = (over: Partial<MatterFacts>) => rec({ kind: 'task', ...over });
    const facts = [
      task({ orgId: 'a', originalDueOn: '2026-05-01', dueOn: '2026-05-01' }), // open, overdue on 05-10
      task({ orgId: 'a', originalDueOn: '2026-06-01', dueOn: '2026-06-01' }), // open, on schedule
      // answered: not overdue
      task({
        orgId: 'a',
        status: 'replied',
        originalDueOn: '2026-05-01',
        dueOn: '2026-05-01',
        replies: ['2026-04-28'],
      }),
      task({ orgId: 'b', status: 'closed', originalDueOn: '2026-05-01', dueOn: '2026-05-01', closedOn: '2026-04-30' }),
      task({ orgId: 'b', status: 'closed', originalDueOn: '2026-05-01', dueOn: '2026-05-01', closedOn: '2026-05-02' }),
      rec({ orgId: 'b' }), // a recommendation: not a task
    ];
    expect(taskFiguresByUnit(facts, '2026-05-10')).toEqual([
      { orgId: 'a', open: 3, overdue: 1, done: 0, onTime: 0 },
      { orgId: 'b', open: 0, overdue: 0, done: 2, onTime: 1 },
    ]);
  });
});

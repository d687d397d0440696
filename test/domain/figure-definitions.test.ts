// 口径, one matter on one day, from its dated history: each expectation computed by hand from the
// history written beside it (the README's「统计口径」says the same in words).
import { describe, expect, it } from 'vitest';
import {
  closedOnTime,
  dueInForce,
  isOverdue,
  type MatterFacts,
  owesOn,
  rectified,
  repliedOnTime,
} from '../../src/domain/figure-definitions.js';
import { weekCounts } from '../../src/domain/statistics.js';
import { rec } from '../support/facts.js';

// answered on time (04-20), returned 05-06 with a new period to 05-21, answered again 05-25
const returnedLate = rec({
  replies: ['2026-04-20', '2026-05-25'],
  evaluations: [{ verdict: 'return', on: '2026-05-06', newDueOn: '2026-05-21' }],
  status: 'replied',
  dueOn: '2026-05-21',
});
// 正在整改 reply 10-09 with its 整改期限 11-20; 已整改到位 11-25
const rectifying = rec({
  servedOn: '2026-09-01',
  createdOn: '2026-09-01',
  originalDueOn: '2026-11-02',
  replies: ['2026-10-09', '2026-11-25'],
  rectifications: [{ on: '2026-10-09', dueOn: '2026-11-20' }],
  status: 'replied',
  dueOn: '2026-11-20',
});
// a clue referred 03-02 (accept by 03-09), accepted late on 03-12, closing limit 04-30, still handled
const clueLate: MatterFacts = {
  ...rec({ kind: 'clue', status: 'handling', originalDueOn: '2026-03-09', dueOn: '2026-04-30' }),
  clue: { acceptedOn: '2026-03-12', acceptDueOn: '2026-03-09', closeDueOn: '2026-04-30' },
};
// a clue returned to its referrer on 03-05
const bounced: MatterFacts = {
  ...rec({ kind: 'clue', status: 'bounced', originalDueOn: '2026-03-09', dueOn: '2026-03-09' }),
  clue: { acceptDueOn: '2026-03-09', bouncedOn: '2026-03-05' },
};

describe('overdue on a day, from the history up to that day', () => {
  it.each([
    ['returned: within the new period', returnedLate, '2026-05-20', false],
    ['returned: the new period passed, no second reply yet', returnedLate, '2026-05-22', true],
    ['returned: answered again', returnedLate, '2026-05-26', false],
    ['正在整改: before its 整改期限', rectifying, '2026-11-20', false],
    ['正在整改: after it, no 已整改到位 reply yet', rectifying, '2026-11-23', true],
    ['正在整改: after the 已整改到位 reply', rectifying, '2026-11-26', false],
    ['正在整改: the reply deadline (11-02) is not the one in force', rectifying, '2026-11-03', false],
    ['clue: acceptance limit passed, not yet accepted', clueLate, '2026-03-10', true],
    ['clue: accepted late, closing limit not passed', clueLate, '2026-03-20', false],
    ['clue: closing limit passed', clueLate, '2026-05-01', true],
    ['clue returned to its referrer: owed before', bounced, '2026-03-04', false],
    ['clue returned to its referrer: nobody owes it after', bounced, '2026-03-10', false],
  ])('%s', (_, m, on, expected) => {
    expect(isOverdue(m, on)).toBe(expected);
  });

  it('keeps a past day as it was: a reply after the day does not change it', () => {
    const unanswered = rec({ originalDueOn: '2026-05-04' });
    const answeredLater = rec({ replies: ['2026-05-12'], status: 'replied' });
    expect(isOverdue(unanswered, '2026-05-08')).toBe(true);
    expect(isOverdue(answeredLater, '2026-05-08')).toBe(true);
    expect(isOverdue(answeredLater, '2026-05-12')).toBe(false);
  });

  it('reads who owes from the history, not from today’s status', () => {
    expect(owesOn(bounced, '2026-03-04')).toBe(true);
    expect(owesOn(bounced, '2026-03-05')).toBe(false);
    expect(owesOn(rec({ createdOn: '2026-03-10' }), '2026-03-09')).toBe(false);
    expect(owesOn(rec({ status: 'closed', closedOn: '2026-04-25', replies: ['2026-04-20'] }), '2026-04-24')).toBe(
      false,
    );
  });
});

describe('the other figures of a matter', () => {
  it('按期反馈 judges the first reply, against the due date in force that day', () => {
    expect(repliedOnTime(returnedLate, '2026-06-01')).toBe(true);
    expect(repliedOnTime(rec({ replies: ['2026-05-06'] }), '2026-06-01')).toBe(false);
    expect(repliedOnTime(rectifying, '2026-12-01')).toBe(true);
    // answered 8 days late (11-10, due 11-02) and returned the same day with a new period to 2027-01-11
    const lateThenReturned = rec({
      originalDueOn: '2026-11-02',
      replies: ['2026-11-10'],
      evaluations: [{ verdict: 'return', on: '2026-11-10', newDueOn: '2027-01-11' }],
      status: 'returned',
    });
    expect(repliedOnTime(lateThenReturned, '2026-11-17')).toBe(false);
  });

  it('整改到位 only when closed after a passing evaluation; 按期办结 against the due date then in force', () => {
    const passed = rec({
      status: 'closed',
      closedOn: '2026-04-25',
      evaluations: [{ verdict: 'pass', on: '2026-04-25' }],
    });
    const sued = rec({
      status: 'closed',
      closedOn: '2026-06-01',
      evaluations: [{ verdict: 'litigate', on: '2026-06-01' }],
    });
    expect([rectified(passed, '2026-04-25'), rectified(passed, '2026-04-24'), rectified(sued, '2026-07-01')]).toEqual([
      true,
      false,
      false,
    ]);
    const extendedTask = rec({
      kind: 'task',
      status: 'closed',
      closedOn: '2026-05-10',
      extensions: [{ status: 'approved', decidedOn: '2026-04-30', newDueOn: '2026-05-15' }],
    });
    expect(closedOnTime(extendedTask)).toBe(true);
    expect(closedOnTime(rec({ kind: 'task', status: 'closed', closedOn: '2026-05-10' }))).toBe(false);
    expect(dueInForce(rectifying, '2026-10-08')).toBe('2026-11-02');
  });
});

describe('the digest’s week line for clues', () => {
  it('counts a clue accepted late but within its closing limit as not overdue (5, not 6)', () => {
    const onTime = (code: string): MatterFacts => ({
      ...rec({ code, kind: 'clue', status: 'handling', originalDueOn: '2026-03-09', dueOn: '2026-04-30' }),
      clue: { acceptedOn: '2026-03-06', acceptDueOn: '2026-03-09', closeDueOn: '2026-04-30' },
    });
    const neverAccepted = (code: string): MatterFacts => ({
      ...rec({ code, kind: 'clue', status: 'referred', originalDueOn: '2026-03-09', dueOn: '2026-03-09' }),
      clue: { acceptDueOn: '2026-03-09' },
    });
    const facts = [
      clueLate, // accepted late, not overdue on 03-22
      ...['a', 'b', 'c', 'd', 'e'].map(neverAccepted), // overdue
      onTime('f'),
    ];
    const week = weekCounts(facts, 'clue', '2026-03-16', '2026-03-22');
    expect(week).toEqual({ kind: 'clue', created: 0, replied: 0, closed: 0, open: 7, overdue: 5 });
  });
});

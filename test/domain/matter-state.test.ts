// 事项状态: which events each status allows and where they lead; which statuses are open, owe an
// action by the due date, or still wait for a reply. Expected values from the rules in words:
// 整改反馈 on a first reply, a staged reply or after a return; 评估 (通过/退回) only of a reply;
// 延期 only while a reply is awaited or the rectification still runs (整改中); a reply that says
// 正在整改 with an expected date leads to 整改中, any other to 已反馈待评估; closed and withdrawn are final;
// the clue statuses (referred, handling, bounced) take none of these recommendation events.
import { describe, expect, it } from 'vitest';
import {
  afterReply,
  awaitingReply,
  canApply,
  isOpenStatus,
  type MatterEvent,
  nextStatus,
  OWING_STATUSES,
  owesAction,
} from '../../src/domain/matter-state.js';
import { MATTER_STATUSES } from '../../src/domain/vocabulary.js';

const EVENTS: MatterEvent[] = ['reply', 'pass', 'return', 'extend', 'request_extension'];

// status → the status each event leads to, in the order of EVENTS
// (reply, pass, return, extend, request_extension); '-' where the event is refused
const TABLE: Record<string, string[]> = {
  registered: ['replied', '-', '-', 'registered', 'registered'],
  replied: ['replied', 'closed', 'returned', '-', '-'],
  rectifying: ['replied', 'closed', 'returned', 'rectifying', 'rectifying'],
  returned: ['replied', '-', '-', 'returned', 'returned'],
  closed: ['-', '-', '-', '-', '-'],
  withdrawn: ['-', '-', '-', '-', '-'],
  referred: ['-', '-', '-', '-', '-'],
  handling: ['-', '-', '-', '-', '-'],
  bounced: ['-', '-', '-', '-', '-'],
};

const rows = Object.entries(TABLE).flatMap(([status, to]) =>
  EVENTS.map((event, i) => [status, event, to[i] === '-' ? undefined : to[i]] as const),
);

describe('matter state machine', () => {
  it('the table names every status of the vocabulary', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...MATTER_STATUSES].sort());
  });

  it.each(rows)('%s + %s → %s', (status, event, expected) => {
    expect(nextStatus(status, event)).toBe(expected);
    expect(canApply(status, event)).toBe(expected !== undefined);
  });

  it.each([
    ['', 'reply'],
    ['Registered', 'reply'], // statuses are lower-case identifiers
    [' registered', 'reply'],
    ['pending', 'extend'],
    ['已反馈待评估', 'pass'], // the label is not the status
  ] as [string, MatterEvent][])('refuses %j + %s (not a status)', (status, event) => {
    expect(canApply(status, event)).toBe(false);
    expect(nextStatus(status, event)).toBeUndefined();
  });

  it.each([
    // [events in order, the status after each; '-' where refused (the status stays)]
    [
      ['reply', 'pass'],
      ['replied', 'closed'],
    ],
    [
      ['reply', 'return', 'reply', 'pass'],
      ['replied', 'returned', 'replied', 'closed'],
    ],
    [
      ['reply', 'reply', 'reply'],
      ['replied', 'replied', 'replied'],
    ], // 分阶段整改
    [
      ['request_extension', 'extend', 'reply'],
      ['registered', 'registered', 'replied'],
    ],
    [
      ['reply', 'return', 'extend', 'reply'],
      ['replied', 'returned', 'returned', 'replied'],
    ],
    [
      ['pass', 'return', 'reply'],
      ['-', '-', 'replied'],
    ], // nothing to evaluate before a reply
    [
      ['reply', 'extend'],
      ['replied', '-'],
    ], // no extension once replied
    [
      ['reply', 'pass', 'reply', 'return'],
      ['replied', 'closed', '-', '-'],
    ], // a closed matter is final
    [
      ['reply', 'return', 'return', 'pass'],
      ['replied', 'returned', '-', '-'],
    ],
  ] as [MatterEvent[], string[]][])('from registered: %j → %j', (events, expected) => {
    let status = 'registered';
    const seen: string[] = [];
    for (const e of events) {
      const next = nextStatus(status, e);
      seen.push(next ?? '-');
      if (next) status = next;
    }
    expect(seen).toEqual(expected);
  });
});

describe('status predicates', () => {
  it.each([
    // [status, open, owes an action, awaits a reply]
    ['registered', true, true, true],
    ['replied', true, false, false],
    ['returned', true, true, true],
    ['closed', false, false, false],
    ['withdrawn', false, false, false],
    ['referred', true, true, false],
    ['handling', true, true, false],
    ['bounced', true, false, false],
  ])('%s: open=%s owes=%s awaiting=%s', (status, open, owes, awaiting) => {
    expect(isOpenStatus(status)).toBe(open);
    expect(owesAction(status)).toBe(owes);
    expect(awaitingReply(status)).toBe(awaiting);
  });

  it('OWING_STATUSES are exactly the statuses that owe an action', () => {
    expect([...OWING_STATUSES].sort()).toEqual(['handling', 'rectifying', 'referred', 'registered', 'returned']);
    expect(MATTER_STATUSES.filter(owesAction).sort()).toEqual([...OWING_STATUSES].sort());
  });

  it('a status awaiting a reply owes one and is open; a closed or withdrawn one owes nothing', () => {
    for (const s of MATTER_STATUSES) {
      if (awaitingReply(s)) expect([s, owesAction(s), isOpenStatus(s)]).toEqual([s, true, true]);
      if (!isOpenStatus(s)) expect([s, owesAction(s)]).toEqual([s, false]);
    }
  });

  it('an event allowed only while a reply is awaited (延期) is allowed exactly there', () => {
    for (const s of MATTER_STATUSES) {
      expect([s, canApply(s, 'extend')]).toEqual([s, awaitingReply(s)]);
      expect([s, canApply(s, 'request_extension')]).toEqual([s, awaitingReply(s)]);
    }
  });

  it.each([
    ['in_progress', '2026-11-20', 'rectifying'], // 正在整改, with its date: still owed, by that date
    ['in_progress', null, 'replied'], // no date to follow: waits for the evaluation
    ['done', null, 'replied'],
    ['done', '2026-11-20', 'replied'],
    ['impossible', null, 'replied'],
  ] as const)('a reply %s (expected %s) leads to %s', (rectStatus, expectedOn, expected) => {
    expect(afterReply(rectStatus, expectedOn)).toBe(expected);
  });

  it('no event leaves a closed or withdrawn matter', () => {
    for (const s of ['closed', 'withdrawn']) {
      for (const e of EVENTS) expect([s, e, canApply(s, e)]).toEqual([s, e, false]);
    }
  });
});

// Which waiting notices of one group are gathered into one message (src/outbox/combine.ts).
import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/chat/messages.js';
import { gatherFor, groupsOf } from '../../src/outbox/combine.js';
import type { OutboxRow } from '../../src/store/outbox.js';

const row = (id: string, kind?: string): OutboxRow => ({
  id,
  key: id,
  platform: 'sandbox',
  chatKey: 'sandbox:c-scj',
  attempts: 0,
  message: {
    platform: 'sandbox',
    to: { chatId: 'c-scj' },
    text: '',
    ...(kind ? { notice: { kind, line: id } } : {}),
  } as Outgoing,
});
const rows = (spec: string) => [...spec].map((k, i) => row(`r${i}`, k === '.' ? undefined : `【${k}】`));
const rules = { atLeast: 4, perDay: 20 };

describe('gatherFor', () => {
  it.each([
    ['three of a kind: none', 'AAA', 0, undefined],
    ['four of a kind: that kind', 'AAAA', 0, ['【A】']],
    ['four and three: only the four', 'AAAABBB', 0, ['【A】']],
    ['two kinds of four', 'AAAABBBB', 0, ['【A】', '【B】']],
    ['answers to people do not count', '....AAA', 0, undefined],
    ['18 sent, 3 single: past 20, all', 'ABC', 18, 'all'],
    ['17 sent, 3 single: exactly 20, none', 'ABC', 17, undefined],
    ['19 sent, one combined message: 20, that kind', 'AAAA', 19, ['【A】']],
    ['20 sent, one combined message: past 20, all', 'AAAA', 20, 'all'],
    ['past the number with nothing but answers: none', '...', 30, undefined],
  ])('%s', (_name, spec, sentToday, expected) => {
    expect(gatherFor(rows(spec), sentToday, rules)).toEqual(expected);
  });
});

describe('groupsOf', () => {
  it('makes one group of everything past the daily number, else one per kind in order', () => {
    const gathered = rows('ABAB');
    expect(groupsOf(gathered, 'all').map((g) => g.map((r) => r.id))).toEqual([['r0', 'r1', 'r2', 'r3']]);
    expect(groupsOf(gathered, ['【B】', '【A】']).map((g) => g.map((r) => r.id))).toEqual([
      ['r1', 'r3'],
      ['r0', 'r2'],
    ]);
  });
});

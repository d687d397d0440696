import { describe, expect, it } from 'vitest';
import { defaultRoad, type RoadStep, stepKey, stepsFrom, withOverdueNotice } from '../../src/domain/road.js';

const S = (after: number): RoadStep => ({ to: { purpose: 'supervisor' }, after });
const L = (after: number): RoadStep => ({ to: { purpose: 'leaders' }, after });
const O = (after: number): RoadStep => ({ to: { org: '司法局' }, after });

describe('the 督办路径', () => {
  it.each([
    ['default', defaultRoad(5), { steps: [0], next: 1 }],
    ['Jiashan', [S(0), O(5), L(5)], { steps: [0], next: 1 }],
    ['two with the notice', [S(0), O(0), L(3)], { steps: [0, 1], next: 2 }],
    ['nothing with the notice', [O(2), L(3)], { steps: [], next: 0 }],
    ["Xiang'an (ends with the notice)", [S(0)], { steps: [0] }],
    ['empty', [], { steps: [] }],
  ])('%s: steps with the overdue notice', (_, road, expected) => {
    expect(withOverdueNotice(road)).toEqual(expected);
  });

  it.each([
    [[S(0), O(5), L(5)], 1, { steps: [1], next: 2 }],
    [[S(0), O(5), L(5)], 2, { steps: [2] }],
    [[S(0), O(5), L(0)], 1, { steps: [1, 2] }],
    [[O(2), L(0), S(4)], 0, { steps: [0, 1], next: 2 }],
  ])('steps taken together from a planned step', (road, from, expected) => {
    expect(stepsFrom(road, from)).toEqual(expected);
  });

  it('keeps the key escalations always had for the first planned step', () => {
    expect(stepKey('escalation:m1:2026-11-02', 1, 1)).toBe('escalation:m1:2026-11-02');
    expect(stepKey('escalation:m1:2026-11-02', 2, 1)).toBe('escalation:m1:2026-11-02:2');
  });
});

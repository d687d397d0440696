// The review's draw against the algorithm as the README states it, written again here from the text
// (SHA-256 seed, SHA-256 counter-mode numbers with rejection, a partial Fisher–Yates over the files in
// case-number order): the same sample for many lists and seeds. Sizes, key files, order independence,
// rough uniformity, verification that catches a changed sample, and the plan's rules.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignRoundRobin, drawSample, drawSeed, type ListedFile, sampleSize } from '../../src/domain/review-draw.js';
import { checkListRows, problemsByType, readQuarter, readRatio, reviewFigures } from '../../src/domain/review-rules.js';
import { verifyDraw } from '../../src/domain/review-verify.js';

const file = (caseNo: string): ListedFile => ({
  caseNo,
  name: caseNo,
  category: '',
  closedOn: '2026-10-01',
  handler: '',
});
const list = (n: number, prefix = 'A') =>
  Array.from({ length: n }, (_, i) => file(`${prefix}-${String(i).padStart(3, '0')}`));

/** The README's algorithm, from its words. */
function readmeDraw(planCode: string, checksum: string, caseNos: string[], ratio: number): string[] {
  const seed = createHash('sha256').update(`liandong-review-draw-v1|${planCode}|${checksum}`).digest('hex');
  let k = 0;
  const below = (m: number) => {
    const limit = Math.floor(2 ** 32 / m) * m;
    for (;;) {
      const x = createHash('sha256').update(`${seed}:${k++}`).digest().readUInt32BE(0);
      if (x < limit) return x % m;
    }
  };
  const pool = [...caseNos].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const want = pool.length ? Math.max(1, Math.ceil((ratio * pool.length) / 100)) : 0;
  for (let i = 0; i < want; i++) {
    const j = i + below(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, want);
}

describe('the sample draw', () => {
  it('takes ceil(ratio × n), at least one of a list that is not empty', () => {
    // by hand: 10% of 25 = 2.5 → 3; of 8 = 0.8 → 1; of 10 = 1; of 11 = 1.1 → 2; 15% of 20 = 3; 100% of 5 = 5
    expect([sampleSize(10, 25), sampleSize(10, 8), sampleSize(10, 10), sampleSize(10, 11)]).toEqual([3, 1, 1, 2]);
    expect([sampleSize(15, 20), sampleSize(100, 5), sampleSize(1, 1), sampleSize(10, 0)]).toEqual([3, 5, 1, 0]);
    // 7% of 300 = 21 exactly (no floating-point 21.000000000000004 → 22)
    expect(sampleSize(7, 300)).toBe(21);
  });

  it('is the algorithm the README describes, for many lists and seeds', () => {
    for (let n = 0; n < 60; n += 7)
      for (const ratio of [1, 10, 33, 100]) {
        const checksum = createHash('sha256').update(`list-${n}-${ratio}`).digest('hex');
        const files = list(n);
        const got = drawSample(files, { seed: drawSeed('PC-2026-001', checksum), ratioPercent: ratio }).map(
          (f) => f.caseNo,
        );
        expect(got).toEqual(
          readmeDraw(
            'PC-2026-001',
            checksum,
            files.map((f) => f.caseNo),
            ratio,
          ),
        );
      }
  });

  it('does not depend on the order of the list, and changes with the checksum', () => {
    const files = list(40);
    const seed = drawSeed('PC-2026-001', 'a'.repeat(64));
    const a = drawSample(files, { seed, ratioPercent: 10 });
    const b = drawSample([...files].reverse(), { seed, ratioPercent: 10 });
    expect(b).toEqual(a);
    expect(drawSeed('PC-2026-001', 'b'.repeat(64))).not.toBe(seed);
    expect(drawSeed('PC-2026-002', 'a'.repeat(64))).not.toBe(seed);
  });

  it('adds the files named for 重点检查 to the random ones, and skips a key file not on the list', () => {
    const files = list(20);
    const drawn = drawSample(files, { seed: 'x', ratioPercent: 10, keyCaseNos: ['A-005', 'A-017', 'NOT-THERE'] });
    expect(drawn.slice(0, 2).map((f) => [f.caseNo, f.reason])).toEqual([
      ['A-005', 'key'],
      ['A-017', 'key'],
    ]);
    // 10% of 20 = 2 at random, from the 18 others
    expect(drawn.filter((f) => f.reason === 'random')).toHaveLength(2);
    expect(drawn.filter((f) => f.reason === 'random').some((f) => ['A-005', 'A-017'].includes(f.caseNo))).toBe(false);
    expect(drawn.map((f) => f.position)).toEqual([0, 1, 2, 3]);
  });

  it('gives each file about the same chance', () => {
    const counts = new Map<string, number>();
    const files = list(10);
    for (let s = 0; s < 2000; s++)
      for (const f of drawSample(files, { seed: `seed-${s}`, ratioPercent: 10 }))
        counts.set(f.caseNo, (counts.get(f.caseNo) ?? 0) + 1);
    // 2000 draws of 1 in 10: 200 each expected; 5 standard deviations (≈ 67) either way
    for (const f of files) expect(Math.abs((counts.get(f.caseNo) ?? 0) - 200)).toBeLessThan(70);
  });

  it('assigns reviewers in turn across the lists of a plan', () => {
    expect(assignRoundRobin([1, 2, 3], ['检', '司'], 0).map((x) => x.reviewer)).toEqual(['检', '司', '检']);
    expect(assignRoundRobin([4], ['检', '司'], 3).map((x) => x.reviewer)).toEqual(['司']);
  });

  it('verifies a recorded sample, and catches one changed', () => {
    const files = list(30);
    const checksum = 'c'.repeat(64);
    const seed = drawSeed('PC-2026-003', checksum);
    const drawn = drawSample(files, { seed, ratioPercent: 10 });
    const ok = verifyDraw('PC-2026-003', 10, { checksum, rows: files, keyCaseNos: [] }, { seed, files: drawn });
    expect([ok.seedMatches, ok.sampleMatches]).toEqual([true, true]);
    const swapped = drawn.map((f, i) =>
      i === 0 ? { ...f, caseNo: files.find((x) => !drawn.some((d) => d.caseNo === x.caseNo))!.caseNo } : f,
    );
    expect(
      verifyDraw('PC-2026-003', 10, { checksum, rows: files, keyCaseNos: [] }, { seed, files: swapped }).sampleMatches,
    ).toBe(false);
    expect(
      verifyDraw('PC-2026-003', 10, { checksum: 'd'.repeat(64), rows: files, keyCaseNos: [] }, { seed, files: drawn })
        .seedMatches,
    ).toBe(false);
  });
});

describe('the plan and the list', () => {
  it('reads a quarter and a ratio, refusing what is not one', () => {
    expect(readQuarter('2026Q4', 'quarter')).toEqual({
      quarter: '2026Q4',
      starts: '2026-10-01',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(readQuarter('2026年第一季度', 'year')).toEqual({
      quarter: '2026Q1',
      starts: '2026-01-01',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(readQuarter('2026Q3', 'year')?.from).toBe('2026-01-01');
    expect(readQuarter('2026Q5', 'quarter')).toBeUndefined();
    expect([readRatio('10%'), readRatio('10'), readRatio('100%'), readRatio('1％')]).toEqual([10, 10, 100, 1]);
    expect([readRatio('0%'), readRatio('101%'), readRatio('10.5%'), readRatio('-5%'), readRatio('十')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('names every problem of a list: a missing cell, a 案号 twice, a date not a date or outside the period', () => {
    const period = { from: '2026-10-01', to: '2026-12-31' };
    const { problems } = checkListRows(
      [
        { line: 2, values: { caseNo: 'A1', name: 'x', closedOn: '2026-10-02' } },
        { line: 3, values: { caseNo: 'A1', name: 'y', closedOn: '2026-10-03' } },
        { line: 4, values: { caseNo: 'A2', closedOn: '2026-10-03' } },
        { line: 5, values: { caseNo: 'A3', name: 'z', closedOn: '十月' } },
        { line: 6, values: { caseNo: 'A4', name: 'w', closedOn: '2026-09-30' } },
      ],
      period,
    );
    expect(problems).toEqual([
      { line: 3, problem: 'duplicate', caseNo: 'A1', first: 2 },
      { line: 4, problem: 'missing', column: 'name' },
      { line: 5, problem: 'date', value: '十月' },
      { line: 6, problem: 'outside', value: '2026-09-30' },
    ]);
  });

  it('counts the figures per unit as the circular prints them', () => {
    const f = (
      orgId: string,
      result: 'pass' | 'basic' | 'fail' | null,
      problems: string[] = [],
      rectified = false,
    ) => ({
      orgId,
      result,
      problems,
      rectified,
      hasTask: rectified,
    });
    const figures = reviewFigures([
      f('a', 'pass'),
      f('a', 'fail', ['证据不充分', '程序不规范'], true),
      f('a', 'basic', ['证据不充分']),
      f('a', null),
      f('b', 'pass'),
    ]);
    // a: 4 sampled, 3 reviewed, 1 不合格 of 3 = 33.3%, 2 files with problems, 1 rectified
    expect(figures).toEqual([
      { orgId: 'a', sampled: 4, reviewed: 3, pass: 1, basic: 1, fail: 1, failRate: 33.3, problems: 2, rectified: 1 },
      { orgId: 'b', sampled: 1, reviewed: 1, pass: 1, basic: 0, fail: 0, failRate: 0, problems: 0, rectified: 0 },
    ]);
    expect(problemsByType([f('a', 'fail', ['证据不充分', '程序不规范']), f('a', 'basic', ['证据不充分'])])).toEqual([
      { type: '证据不充分', count: 2 },
      { type: '程序不规范', count: 1 },
    ]);
  });
});

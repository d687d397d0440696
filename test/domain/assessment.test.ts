// The rubric's checks and the scorer's arithmetic, each expected value worked out by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { scoreItem, scoreUnits, type UnitFigures, unitFigures } from '../../src/domain/assessment.js';
import { type Rubric, readRubric } from '../../src/domain/assessment-rubric.js';
import { readFigures, readItems, submissionFigures } from '../../src/domain/submission.js';

const rubricOf = (parsed: unknown): Rubric => {
  const r = readRubric(parsed);
  if (!('rubric' in r)) throw new Error(JSON.stringify(r.problems));
  return r.rubric;
};
const share = (n: number, d: number) => ({ numerator: n, denominator: d, codes: [], counted: [] });
const count = (n: number) => ({ numerator: n, codes: [], counted: [] });

describe('the rubric', () => {
  it('reads the shipped example, whose weights add up to 100', () => {
    const r = rubricOf(YAML.parse(readFileSync('config/assessment.example.yaml', 'utf8')));
    expect(r.full).toBe(100);
    expect(r.items.map((i) => i.figure)).toEqual([
      '按期反馈率',
      '整改到位率',
      '督办次数',
      '监督通知书',
      '报送按期率',
      '培训参加',
      '负责人出庭率',
      '答辩举证按期率',
      '评查不合格率',
    ]);
  });

  it('names every problem: an unknown figure, a bad weight, a scale that does not fit, a missing 每次', () => {
    const r = readRubric({
      项目: [
        { 名称: '甲', 口径: '按时反馈率', 权重: 50 },
        { 名称: '乙', 口径: '整改到位率', 权重: -5 },
        { 名称: '丙', 口径: '督办次数', 权重: 10, 计分: '比率' },
        { 名称: '丁', 口径: '监督通知书', 权重: 10, 计分: '扣分' },
        { 名称: '丁', 口径: '报送按期率', 权重: 10 },
      ],
    });
    expect('problems' in r && r.problems.map((p) => p.problem)).toEqual([
      'unknown_figure',
      'bad_weight',
      'scale_kind',
      'bad_per',
      'item_twice',
    ]);
  });

  it('refuses weights that do not add up to 满分, to a hundredth', () => {
    const items = (ws: number[]) => ws.map((w, i) => ({ 名称: `项${i}`, 口径: '按期反馈率', 权重: w }));
    const bad = readRubric({ 满分: 100, 项目: items([60, 30]) });
    expect('problems' in bad && bad.problems).toEqual([{ problem: 'weights_sum', fields: { sum: 90, full: 100 } }]);
    expect('rubric' in readRubric({ 项目: items([33.33, 33.33, 33.34]) })).toBe(true);
    expect('problems' in readRubric({ 满分: 100 })).toBe(true);
    expect('problems' in readRubric('满分: 100')).toBe(true);
  });
});

describe('the scorer', () => {
  const rubric = rubricOf({
    满分: 100,
    项目: [
      { 名称: '反馈', 口径: '按期反馈率', 权重: 40 },
      { 名称: '督办', 口径: '督办次数', 权重: 20, 每次: 3 },
      { 名称: '评查', 口径: '评查不合格率', 权重: 20, 计分: '反比率' },
      { 名称: '出庭', 口径: '负责人出庭率', 权重: 20, 无数据: '满分' },
    ],
  });

  it('scores a share, a count (not below 0), an inverse share and a 无数据 rule', () => {
    const figures = new Map<string, UnitFigures>([
      // 反馈 2/3 → 40 × 2/3 = 26.666… → 26.67; 督办 8 → 20 − 24 < 0 → 0; 评查 1/4 不合格 → 20 × 0.75 = 15;
      // 出庭 无数据, 满分 → 20. All counted: 26.67 + 0 + 15 + 20 = 61.67
      ['a', { on_time_reply: share(2, 3), supervised: count(8), review_fail: share(1, 4) }],
      // 反馈 0/0 无数据 不计; 督办 1 → 17; 评查 0/2 → 20; 出庭 1/2 → 10: earned 47 of 60 counted → 47/60×100 = 78.33
      [
        'b',
        { on_time_reply: share(0, 0), supervised: count(1), review_fail: share(0, 2), head_appearance: share(1, 2) },
      ],
    ]);
    const [first, second] = scoreUnits(rubric, figures);
    expect(first!.orgId).toBe('b');
    expect(first!.items.map((i) => i.score)).toEqual([null, 17, 20, 10]);
    expect([first!.counted, first!.total]).toEqual([60, 78.33]);
    expect(second!.items.map((i) => i.score)).toEqual([26.67, 0, 15, 20]);
    expect([second!.counted, second!.total]).toEqual([100, 61.67]);
  });

  it('gives 零分 for 无数据 when the rubric says so, and no total when nothing can be scored', () => {
    const item = {
      name: 'x',
      figure: '报送按期率' as const,
      weight: 10,
      scale: 'rate' as const,
      missing: 'zero' as const,
    };
    expect(scoreItem(item, undefined)).toMatchObject({ score: 0, missing: true });
    const only = rubricOf({ 项目: [{ 名称: '报送', 口径: '报送按期率', 权重: 100 }] });
    expect(scoreUnits(only, new Map([['c', {}]]))[0]!.total).toBeNull();
  });
});

describe("the other families' figures", () => {
  it('takes 负责人出庭率 and 答辩举证按期率 from the lawsuits family as given, with their codes; none is 无数据', () => {
    const f = unitFigures(
      {
        matters: [],
        submissions: [],
        headAppearance: [
          { orgId: 'a', numerator: 1, denominator: 2, codes: ['YS-2026-001'], counted: ['YS-2026-001', 'YS-2026-002'] },
        ],
        defenceOnTime: [],
      },
      ['a', 'b'],
      2026,
      '2026-12-31',
    );
    expect(f.get('a')!.head_appearance).toEqual({
      numerator: 1,
      denominator: 2,
      codes: ['YS-2026-001'],
      counted: ['YS-2026-001', 'YS-2026-002'],
    });
    expect(f.get('b')!.head_appearance).toBeUndefined();
    expect(f.get('a')!.review_fail).toBeUndefined();
  });
});

describe('the 报送 rules', () => {
  it('reads figures as typed, and says what is wrong', () => {
    expect(readFigures('案件数=12，人数：3人', ['案件数', '人数'])).toEqual({ values: { 案件数: 12, 人数: 3 } });
    expect(readFigures('案件数=12', ['案件数', '人数'])).toEqual({ problem: 'missing', items: ['人数'] });
    expect(readFigures('案件数=-1', ['案件数'])).toMatchObject({ problem: 'not_number' });
    expect(readItems('甲,甲')).toEqual({ problem: 'twice' });
  });

  it('counts on time by the deadline day, a late and a missing one against, a running one not at all', () => {
    const f = (code: string, dueOn: string, firstOn?: string) => ({
      code,
      content: 'file' as const,
      dueOn,
      orgId: 'u',
      firstOn,
    });
    const [u] = submissionFigures(
      [
        f('BS-1', '2026-06-05', '2026-06-05'),
        f('BS-2', '2026-06-05', '2026-06-06'),
        f('BS-3', '2026-06-05'),
        f('BS-4', '2026-07-31'),
      ],
      2026,
      '2026-07-01',
    );
    expect([u!.asked, u!.onTime, u!.late, u!.missing]).toEqual([3, 1, 1, 1]);
  });
});

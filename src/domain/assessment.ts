// 年度考核: each unit's figures for the year from the shared definitions (口径), and the score a rubric
// (assessment-rubric.ts) gives them. Pure: facts in, a table out, each item's matters named.
//
// The figures, per unit, for the matters served (报送: due; 应诉: complaint copy received) in the year:
// - 按期反馈率: recommendations (incl. 诉前) whose reply is judged by asOf (repliedOnTime of
//   figure-definitions.ts): replied on time ÷ judged — the rate of /统计.
// - 整改到位率: rectified (closed after a passed evaluation) ÷ recommendations received — /统计's.
// - 督办次数: the supervisor office's own 督办 actions (Supervision rows) on the unit's matters.
// - 监督通知书: 《行政执法监督通知书》 issued to the unit.
// - 报送按期率: 报送 sent on or before the deadline day ÷ 报送 asked whose deadline has passed (a missing
//   one counts against); 培训参加: trainings the unit reported attending ÷ trainings it was asked to.
// - 负责人出庭率, 答辩举证按期率: the lawsuits family's (src/domain/lawsuit-figures.ts); 评查不合格率: the
//   review family's (reviewFigures, src/domain/review-rules.ts: 不合格 ÷ files with a result), read by the
//   store (src/store/assessment.ts). A family that gives nothing for a unit leaves the item 无数据.
//
// Scoring: 比率 = weight × share, 反比率 = weight × (1 − share), 扣分 = max(0, weight − 每次 × count); each
// item's score rounded to two decimals. An item with nothing to count (a share whose denominator is 0, or
// a family that gives no figures) is 无数据 and follows its rule: 满分 (the full weight), 零分, or 不计 (the
// default: the item leaves the table for that unit, and the total is rescaled — earned ÷ weights counted ×
// 满分 — so a unit without lawsuits is not marked down for having none). Totals rounded to two decimals.

import { FIGURES, type FigureKey, type Rubric, type RubricItem } from './assessment-rubric.js';
import type { CivilDate } from './civil-date.js';
import { type MatterFacts, rectified, repliedOnTime } from './figure-definitions.js';
import { type SubmissionFact, submissionFigures } from './submission.js';

/** One figure of one unit: a share (numerator of denominator) or a count, with the codes behind it. */
export interface FigureValue {
  numerator: number;
  /** for a share; undefined for a count */
  denominator?: number;
  /** the codes counted in the numerator (a count: each matter once per time, JY-2026-001×2) */
  codes: string[];
  /** the codes in the denominator (a share) */
  counted: string[];
}

export type UnitFigures = Partial<Record<FigureKey, FigureValue>>;

/** A share supplied by another family (负责人出庭率 …), per unit. */
export interface ShareByUnit {
  orgId: string;
  numerator: number;
  denominator: number;
  codes: string[];
  counted: string[];
}

export interface AssessmentFacts {
  matters: MatterFacts[];
  submissions: SubmissionFact[];
  /** undefined: the family gives no figures (无数据) */
  headAppearance?: ShareByUnit[];
  defenceOnTime?: ShareByUnit[];
  reviewFail?: ShareByUnit[];
}

const RECOMMENDATION = ['recommendation', 'pil_recommendation'];
const share = (): FigureValue => ({ numerator: 0, denominator: 0, codes: [], counted: [] });
const count = (): FigureValue => ({ numerator: 0, codes: [], counted: [] });

function tally(v: FigureValue, code: string, yes: boolean): void {
  v.denominator = (v.denominator ?? 0) + 1;
  v.counted.push(code);
  if (yes) {
    v.numerator++;
    v.codes.push(code);
  }
}

/** The figures of each unit in `units` for `year`, as of `asOf`. */
export function unitFigures(
  facts: AssessmentFacts,
  units: string[],
  year: number,
  asOf: CivilDate,
): Map<string, UnitFigures> {
  const by = new Map<string, UnitFigures>(
    units.map((u) => [u, { on_time_reply: share(), rectified: share(), supervised: count(), notices: count() }]),
  );
  for (const m of facts.matters) {
    const f = by.get(m.orgId);
    if (!f || Number(m.servedOn.slice(0, 4)) !== year) continue;
    if (m.supervisions) {
      f.supervised!.numerator += m.supervisions;
      f.supervised!.codes.push(m.supervisions > 1 ? `${m.code}×${m.supervisions}` : m.code);
    }
    if (m.kind === 'supervision_notice') {
      f.notices!.numerator++;
      f.notices!.codes.push(m.code);
    }
    if (!RECOMMENDATION.includes(m.kind)) continue;
    const r = repliedOnTime(m, asOf);
    if (r !== undefined) tally(f.on_time_reply!, m.code, r);
    tally(f.rectified!, m.code, rectified(m, asOf));
  }
  for (const u of submissionFigures(facts.submissions, year, asOf)) {
    const f = by.get(u.orgId);
    if (!f) continue;
    if (u.asked)
      f.submissions_on_time = {
        numerator: u.onTime,
        denominator: u.asked,
        codes: u.codes.onTime,
        counted: [...u.codes.onTime, ...u.codes.late, ...u.codes.missing].sort(),
      };
    if (u.trainings)
      f.training = {
        numerator: u.attended,
        denominator: u.trainings,
        codes: u.codes.attended,
        counted: [...u.codes.attended, ...u.codes.absent].sort(),
      };
  }
  const shares: Array<[FigureKey, ShareByUnit[] | undefined]> = [
    ['head_appearance', facts.headAppearance],
    ['defence_on_time', facts.defenceOnTime],
    ['review_fail', facts.reviewFail],
  ];
  for (const [key, list] of shares)
    for (const s of list ?? []) {
      const f = by.get(s.orgId);
      if (f) f[key] = { numerator: s.numerator, denominator: s.denominator, codes: s.codes, counted: s.counted };
    }
  return by;
}

export interface ItemScore {
  item: RubricItem;
  /** the figure as a number: a share (0–1) or a count; null when 无数据 */
  value: number | null;
  figure?: FigureValue;
  /** the points; null when 无数据 and 不计 */
  score: number | null;
  /** 无数据, and which rule gave the score */
  missing: boolean;
}

export interface UnitScore {
  orgId: string;
  items: ItemScore[];
  /** null when no item could be scored */
  total: number | null;
  /** the weights the total is out of before rescaling (满分 when nothing was 不计) */
  counted: number;
}

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** A figure's value: a share with something to count, or a count; null (无数据) otherwise. */
function figureNumber(item: RubricItem, f: FigureValue | undefined): number | null {
  if (!f) return null;
  if (FIGURES[item.figure].kind === 'count') return f.numerator;
  return f.denominator ? f.numerator / f.denominator : null;
}

export function scoreItem(item: RubricItem, f: FigureValue | undefined): ItemScore {
  const value = figureNumber(item, f);
  if (value === null) {
    const score = item.missing === 'full' ? item.weight : item.missing === 'zero' ? 0 : null;
    return { item, value, figure: f, score, missing: true };
  }
  const raw =
    item.scale === 'rate'
      ? item.weight * value
      : item.scale === 'inverse'
        ? item.weight * (1 - value)
        : Math.max(0, item.weight - (item.per ?? 0) * value);
  return { item, value, figure: f, score: round2(raw), missing: false };
}

/** Every unit's score under the rubric, highest total first (无数据 last), then by orgId for a stable order. */
export function scoreUnits(rubric: Rubric, figures: Map<string, UnitFigures>): UnitScore[] {
  const out: UnitScore[] = [];
  for (const [orgId, f] of figures) {
    const items = rubric.items.map((item) => scoreItem(item, f[FIGURES[item.figure].key]));
    const scored = items.filter((i) => i.score !== null);
    const counted = scored.reduce((s, i) => s + i.item.weight, 0);
    const earned = scored.reduce((s, i) => s + i.score!, 0);
    const total = !scored.length
      ? null
      : counted === rubric.full
        ? round2(earned)
        : round2((earned / counted) * rubric.full);
    out.push({ orgId, items, total, counted: round2(counted) });
  }
  return out.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || (a.orgId < b.orgId ? -1 : 1));
}

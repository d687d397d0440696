// 考核细则: the rubric an office writes (config/assessment.example.yaml, LIANDONG_ASSESSMENT), read from
// its parsed YAML and checked whole — every problem named with the item it is in, nothing half-used.
// Daocheng, Luoyang and Jiashan put the mechanism's results into each unit's yearly 法治政府建设 /
// 依法治县 assessment (纳入年度考核); which figures count and how much is the office's decision: the
// example file is an example, not a rule.

/** The figures a rubric item may be computed from (口径, src/domain/figure-definitions.ts and the families'). */
export const FIGURES = {
  按期反馈率: { key: 'on_time_reply', kind: 'rate' },
  整改到位率: { key: 'rectified', kind: 'rate' },
  督办次数: { key: 'supervised', kind: 'count' },
  监督通知书: { key: 'notices', kind: 'count' },
  报送按期率: { key: 'submissions_on_time', kind: 'rate' },
  培训参加: { key: 'training', kind: 'rate' },
  负责人出庭率: { key: 'head_appearance', kind: 'rate' },
  答辩举证按期率: { key: 'defence_on_time', kind: 'rate' },
  评查不合格率: { key: 'review_fail', kind: 'rate' },
} as const;
export type FigureName = keyof typeof FIGURES;
export type FigureKey = (typeof FIGURES)[FigureName]['key'];

/** 比率: weight × share; 反比率: weight × (1 − share); 扣分: weight − 每次 × count, not below 0. */
export const SCALES = { 比率: 'rate', 反比率: 'inverse', 扣分: 'deduct' } as const;
export type Scale = (typeof SCALES)[keyof typeof SCALES];
/** 无数据 (nothing to count: no recommendation due, no lawsuit, no review): 不计 (the default), 满分, 零分 */
export const MISSING = { 不计: 'exclude', 满分: 'full', 零分: 'zero' } as const;
export type Missing = (typeof MISSING)[keyof typeof MISSING];

export interface RubricItem {
  name: string;
  figure: FigureName;
  weight: number;
  scale: Scale;
  /** points taken off per count (扣分) */
  per?: number;
  missing: Missing;
}

export interface Rubric {
  title: string;
  full: number;
  items: RubricItem[];
}

export interface RubricProblem {
  /** assessment.rubric.<problem> in prompts/assessment.yaml */
  problem:
    | 'not_object'
    | 'no_items'
    | 'item_not_object'
    | 'item_name'
    | 'item_twice'
    | 'unknown_figure'
    | 'bad_weight'
    | 'unknown_scale'
    | 'scale_kind'
    | 'bad_per'
    | 'unknown_missing'
    | 'bad_full'
    | 'weights_sum';
  fields: Record<string, string | number>;
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
const words = (o: object) => Object.keys(o).join('、');

/** One item read, or why not (n: its place, from 1). */
function readItem(x: unknown, n: number, seen: Set<string>): RubricItem | RubricProblem {
  if (!isObject(x)) return { problem: 'item_not_object', fields: { n } };
  const name = typeof x.名称 === 'string' ? x.名称.trim() : '';
  if (!name) return { problem: 'item_name', fields: { n } };
  if (seen.has(name)) return { problem: 'item_twice', fields: { n, name } };
  seen.add(name);
  const figure = String(x.口径 ?? '');
  if (!(figure in FIGURES))
    return { problem: 'unknown_figure', fields: { n, name, value: figure, known: words(FIGURES) } };
  if (!positive(x.权重)) return { problem: 'bad_weight', fields: { n, name, value: String(x.权重 ?? '') } };
  const scaleWord = String(x.计分 ?? (FIGURES[figure as FigureName].kind === 'count' ? '扣分' : '比率'));
  if (!(scaleWord in SCALES))
    return { problem: 'unknown_scale', fields: { n, name, value: scaleWord, known: words(SCALES) } };
  const scale = SCALES[scaleWord as keyof typeof SCALES];
  const kind = FIGURES[figure as FigureName].kind;
  if ((kind === 'count') !== (scale === 'deduct'))
    return { problem: 'scale_kind', fields: { n, name, figure, scale: scaleWord } };
  if (scale === 'deduct' && !positive(x.每次))
    return { problem: 'bad_per', fields: { n, name, value: String(x.每次 ?? '') } };
  const missingWord = String(x.无数据 ?? '不计');
  if (!(missingWord in MISSING))
    return { problem: 'unknown_missing', fields: { n, name, value: missingWord, known: words(MISSING) } };
  return {
    name,
    figure: figure as FigureName,
    weight: x.权重,
    scale,
    ...(scale === 'deduct' ? { per: x.每次 as number } : {}),
    missing: MISSING[missingWord as keyof typeof MISSING],
  };
}

/**
 * The rubric, or every problem found in it. The weights must add up to 满分 (default 100) exactly
 * (to a hundredth: 33.33 + 33.33 + 33.34 is 100), so that no office's table silently scores out of 97.
 */
export function readRubric(parsed: unknown): { rubric: Rubric } | { problems: RubricProblem[] } {
  if (!isObject(parsed)) return { problems: [{ problem: 'not_object', fields: {} }] };
  const problems: RubricProblem[] = [];
  const full = parsed.满分 ?? 100;
  if (!positive(full)) problems.push({ problem: 'bad_full', fields: { value: String(full) } });
  const list = parsed.项目;
  if (!Array.isArray(list) || !list.length) return { problems: [...problems, { problem: 'no_items', fields: {} }] };
  const seen = new Set<string>();
  const items: RubricItem[] = [];
  list.forEach((x, i) => {
    const r = readItem(x, i + 1, seen);
    if ('problem' in r) problems.push(r);
    else items.push(r);
  });
  if (!problems.length && positive(full)) {
    const sum = Math.round(items.reduce((s, i) => s + i.weight, 0) * 100) / 100;
    if (sum !== full) problems.push({ problem: 'weights_sum', fields: { sum, full } });
  }
  if (problems.length) return { problems };
  const title = typeof parsed.名称 === 'string' && parsed.名称.trim() ? parsed.名称.trim() : '';
  return { rubric: { title, full: full as number, items } };
}

// The rules of a case-file review plan (案卷评查): the quarter and its period, the ratio, the list's
// rows checked, the results and the figures. Daocheng: 「按照每季度不低于10%的比例，对各执法部门当年已办结的
// 行政执法案卷进行案卷评查」 — the quarter's files by default, 范围=当年 for the year's to the quarter's end.
import { daysInMonth, readCivilDate } from './civil-date.js';
import type { ListedFile } from './review-draw.js';

export const REVIEW_RESULTS = ['pass', 'basic', 'fail'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

export interface ReviewPeriod {
  quarter: string;
  from: string;
  to: string;
  /** the quarter's first day: a plan for a quarter not begun is refused */
  starts: string;
}

/** 2026Q4 / 2026年第四季度 / 2026-4 → the quarter and its period; undefined when not a quarter. */
export function readQuarter(text: string, scope: 'quarter' | 'year'): ReviewPeriod | undefined {
  const m = /^(\d{4})\s*(?:[Qq]|-|年第?)\s*([1-4一二三四])\s*(?:季度)?$/.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const q = '一二三四'.includes(m[2]!) ? '一二三四'.indexOf(m[2]!) + 1 : Number(m[2]);
  const first = (q - 1) * 3 + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const starts = `${year}-${pad(first)}-01`;
  const to = `${year}-${pad(first + 2)}-${pad(daysInMonth(year, first + 2))}`;
  return { quarter: `${year}Q${q}`, starts, from: scope === 'year' ? `${year}-01-01` : starts, to };
}

/** 10% / 10 / 百分之十 is not read: a whole number of per cent from 1 to 100, or undefined. */
export function readRatio(text: string): number | undefined {
  const m = /^(\d{1,3})(?:\.0+)?\s*[%％]?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= 100 ? n : undefined;
}

/** The columns of a list (the template's header words first, then other names clerks use). */
export const LIST_COLUMNS: Record<keyof ListedFile, string[]> = {
  caseNo: ['案号', '案件编号', '文书号', '处罚决定书文号'],
  name: ['案件名称', '案由', '名称'],
  category: ['执法类别', '案件类别', '执法类型', '类别'],
  closedOn: ['办结日期', '结案日期', '办结时间'],
  handler: ['承办人', '办案人员', '执法人员'],
};
export const REQUIRED_COLUMNS: Array<keyof ListedFile> = ['caseNo', 'name', 'closedOn'];

export type RowProblem =
  | { line: number; problem: 'missing'; column: keyof ListedFile }
  | { line: number; problem: 'duplicate'; caseNo: string; first: number }
  | { line: number; problem: 'date'; value: string }
  | { line: number; problem: 'outside'; value: string };

/**
 * A list's rows, checked: every file has its 案号, 案件名称 and 办结日期, a 案号 once, a date that is a
 * date and within the review's period. Every problem is returned, so the clerk mends them all at once.
 */
export function checkListRows(
  rows: Array<{ line: number; values: Partial<Record<keyof ListedFile, string>> }>,
  period: { from: string; to: string },
): { files: ListedFile[]; problems: RowProblem[] } {
  const files: ListedFile[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const missing = REQUIRED_COLUMNS.find((c) => !values[c]);
    if (missing) {
      problems.push({ line, problem: 'missing', column: missing });
      continue;
    }
    const caseNo = values.caseNo!;
    const first = seen.get(caseNo);
    if (first !== undefined) problems.push({ line, problem: 'duplicate', caseNo, first });
    else seen.set(caseNo, line);
    const date = readCivilDate(values.closedOn!);
    if ('error' in date) problems.push({ line, problem: 'date', value: values.closedOn! });
    else if (date.date < period.from || date.date > period.to)
      problems.push({ line, problem: 'outside', value: date.date });
    files.push({
      caseNo,
      name: values.name!,
      category: values.category ?? '',
      closedOn: 'error' in date ? values.closedOn! : date.date,
      handler: values.handler ?? '',
    });
  }
  return { files, problems };
}

export interface ReviewedFile {
  orgId: string;
  result: ReviewResult | null;
  problems: string[];
  /** the 整改 task made from it was closed (整改到位) */
  rectified: boolean;
  hasTask: boolean;
}

export interface UnitReview {
  orgId: string;
  sampled: number;
  reviewed: number;
  pass: number;
  basic: number;
  fail: number;
  /** 不合格率: fail ÷ reviewed, null when none was reviewed */
  failRate: number | null;
  /** files with at least one problem type (基本合格 or 不合格 with problems) */
  problems: number;
  rectified: number;
}

/** The figures of reviewed files per unit (the 评查通报's table and /统计's columns): one definition. */
export function reviewFigures(files: ReviewedFile[]): UnitReview[] {
  const by = new Map<string, UnitReview>();
  for (const f of files) {
    const u = by.get(f.orgId) ?? {
      orgId: f.orgId,
      sampled: 0,
      reviewed: 0,
      pass: 0,
      basic: 0,
      fail: 0,
      failRate: null,
      problems: 0,
      rectified: 0,
    };
    u.sampled++;
    if (f.result) {
      u.reviewed++;
      u[f.result]++;
    }
    if (f.result && f.result !== 'pass' && f.problems.length) u.problems++;
    if (f.rectified) u.rectified++;
    u.failRate = u.reviewed ? Math.round((u.fail / u.reviewed) * 1000) / 10 : null;
    by.set(f.orgId, u);
  }
  return [...by.values()];
}

/** Problems by type over the files (a file with two types counts once for each). */
export function problemsByType(files: ReviewedFile[]): Array<{ type: string; count: number }> {
  const by = new Map<string, number>();
  for (const f of files)
    if (f.result && f.result !== 'pass') for (const p of f.problems) by.set(p, (by.get(p) ?? 0) + 1);
  return [...by.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count);
}

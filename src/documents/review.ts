// 案卷评查通报: a quarter's case-file review in a document — files reviewed per agency with their results,
// the problems by type, the files not up to standard — and the same figures as a workbook (one sheet per
// table, the header words from prompts). The figures come from src/domain/review-rules.ts: none is counted here.
import ExcelJS from 'exceljs';
import type { UnitReview } from '../domain/review-rules.js';
import type { Block } from './model.js';
import { type Composed, dateText, rateOf, type Words } from './words.js';

export interface ReviewFacts {
  code: string;
  quarter: string;
  ratio: number;
  today: string;
  lead: string;
  units: Array<UnitReview & { unit: string }>;
  types: Array<{ type: string; count: number }>;
  /** the files found 不合格 or 基本合格, with their problems */
  findings: Array<{ unit: string; caseNo: string; caseName: string; result: string; problems: string; note: string }>;
}

const UNIT_COLUMNS = [
  'unit',
  'sampled',
  'reviewed',
  'pass',
  'basic',
  'fail',
  'failRate',
  'problems',
  'rectified',
] as const;
const FINDING_COLUMNS = ['unit', 'caseNo', 'caseName', 'result', 'problems', 'note'] as const;

function unitRows(t: Words, f: ReviewFacts): string[][] {
  return f.units.map((u) =>
    UNIT_COLUMNS.map((c) => (c === 'unit' ? u.unit : c === 'failRate' ? rateOf(t, u.failRate) : String(u[c]))),
  );
}

export function reviewCircular(t: Words, f: ReviewFacts): Composed {
  const [year, q] = f.quarter.split('Q');
  const at = { code: f.code, year: year!, quarter: q! };
  const sum = (k: 'sampled' | 'reviewed' | 'fail' | 'basic' | 'pass') => f.units.reduce((a, u) => a + u[k], 0);
  const body: Block[] = [
    { kind: 'paragraph', text: t('review.doc.opening', { ...at, ratio: f.ratio }) },
    { kind: 'heading', level: 1, text: t('review.doc.h_overall') },
    {
      kind: 'paragraph',
      text: t('review.doc.overall', {
        units: f.units.length,
        sampled: sum('sampled'),
        reviewed: sum('reviewed'),
        pass: sum('pass'),
        basic: sum('basic'),
        fail: sum('fail'),
      }),
    },
    { kind: 'table', header: UNIT_COLUMNS.map((c) => t(`review.col.${c}`)), rows: unitRows(t, f) },
    { kind: 'heading', level: 1, text: t('review.doc.h_types') },
    f.types.length
      ? {
          kind: 'table',
          header: [t('review.col.type'), t('review.col.count')],
          rows: f.types.map((x) => [x.type, String(x.count)]),
        }
      : { kind: 'paragraph', text: t('review.doc.no_problems') },
    { kind: 'heading', level: 1, text: t('review.doc.h_findings') },
    f.findings.length
      ? {
          kind: 'table',
          header: FINDING_COLUMNS.map((c) => t(`review.col.${c}`)),
          rows: f.findings.map((x) => FINDING_COLUMNS.map((c) => x[c])),
        }
      : { kind: 'paragraph', text: t('review.doc.no_findings') },
    { kind: 'heading', level: 1, text: t('review.doc.h_requests') },
    { kind: 'paragraph', text: t('review.doc.requests') },
  ];
  return {
    label: t('review.doc.label'),
    name: t('review.doc.file', at),
    doc: {
      title: t('review.doc.title', at),
      number: t('review.doc.number', at),
      addressee: t('review.doc.to'),
      body,
      signature: f.lead,
      date: dateText(t, f.today),
    },
  };
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Array<Array<string | number>>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 24 : 14;
  });
}

/** The 通报's figures as a workbook: 各单位评查情况, 问题类型, 问题案卷. */
export async function reviewWorkbook(t: Words, f: ReviewFacts): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const numbers = f.units.map((u) =>
    UNIT_COLUMNS.map((c) => (c === 'unit' ? u.unit : c === 'failRate' ? rateOf(t, u.failRate) : u[c])),
  );
  sheet(
    wb,
    t('review.workbook.units_sheet'),
    UNIT_COLUMNS.map((c) => t(`review.col.${c}`)),
    numbers,
  );
  sheet(
    wb,
    t('review.workbook.types_sheet'),
    [t('review.col.type'), t('review.col.count')],
    f.types.map((x) => [x.type, x.count]),
  );
  sheet(
    wb,
    t('review.workbook.findings_sheet'),
    FINDING_COLUMNS.map((c) => t(`review.col.${c}`)),
    f.findings.map((x) => FINDING_COLUMNS.map((c) => x[c])),
  );
  const [year, q] = f.quarter.split('Q');
  return {
    name: t('review.workbook.file', { code: f.code, year: year!, quarter: q! }),
    bytes: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** The list template an agency fills: 案号, 案件名称, 执法类别, 办结日期, 承办人. */
export async function listTemplate(t: Words): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const header = ['caseNo', 'name', 'category', 'closedOn', 'handler'].map((c) => t(`review.template.${c}`));
  sheet(wb, t('review.workbook.list_sheet'), header, []);
  return { name: t('review.template.file'), bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

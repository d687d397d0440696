// The one writer of the ledger workbooks — /导出 and `liandong export` (export.ts) and /台账's complete
// list (ledger.ts). Each sheet is the one an office files: a title row (示例县府检联动检察建议台账（2026年）)
// above the header, 序号, the header words from prompts (workbook.col.*), widths, dates as dates, long
// text wrapped, title and header frozen, a filter, overdue rows filled; printed on A4 landscape, fit to
// the page's width, the title and header repeated on every page, page numbers in the footer. Streamed:
// each row is written out as it is added, so a sheet of 40,000 rows never sits in memory.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { type Ctx, t } from '../core/context.js';

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** How a column is laid out: its width in characters, and what its cells hold. */
interface Column {
  width: number;
  /** civil dates (2026-11-17), written as dates */
  date?: true;
  /** long text, wrapped within the width */
  wrap?: true;
  /** a share (0.5), shown as 50.0% */
  percent?: true;
}

const date = (width = 12): Column => ({ width, date: true });
const wrap = (width: number): Column => ({ width, wrap: true });

/** The columns of the ledger's sheets, by key; their header words are workbook.col.<key>. */
const LEDGER_COLUMNS: Record<string, Column> = {
  seq: { width: 6 },
  code: { width: 14 },
  docNumber: wrap(20),
  kind: { width: 12 },
  org: wrap(22),
  unit: wrap(22),
  from: wrap(20),
  receiver: wrap(20),
  title: wrap(36),
  content: wrap(36),
  summary: wrap(36),
  category: wrap(14),
  source: wrap(12),
  meeting: wrap(20),
  served: date(),
  given: date(),
  referred: date(),
  period: { width: 10 },
  due: date(),
  deadline: date(),
  acceptDue: date(),
  accepted: date(),
  closeDue: date(),
  history: wrap(40),
  status: wrap(12),
  stage: wrap(12),
  state: { width: 12 },
  overdue: { width: 6 },
  replied: date(),
  measures: wrap(36),
  progress: wrap(36),
  rectStatus: { width: 12 },
  opinion: wrap(24),
  supervisions: wrap(32),
  instructions: wrap(28),
  handler: { width: 10 },
  result: wrap(18),
  closed: date(),
  onTime: { width: 8 },
  rectified: { width: 8 },
  closedOnTime: { width: 8 },
  doneOnTime: { width: 8 },
};

/** The columns of the figures' sheet (workbook.sum.<key>): the unit, counts, two rates. */
const FIGURE_COLUMNS: Record<string, Column> = {
  unit: wrap(26),
  onTimeRate: { width: 10, percent: true },
  rectifiedRate: { width: 10, percent: true },
};

const list = (words: string): readonly string[] => words.split(' ');

/** Each sheet's columns, in order: what a clerk files for each kind, /台账's open list, the figures. */
export const SHEETS = {
  recommendation: list(
    'seq code docNumber kind org title served period due history status overdue replied measures rectStatus opinion supervisions instructions closed onTime rectified',
  ),
  clue: list(
    'seq code category from receiver source summary referred stage acceptDue accepted handler closeDue result closed closedOnTime overdue',
  ),
  task: list(
    'seq code unit content meeting given deadline history status overdue replied progress supervisions instructions closed doneOnTime',
  ),
  /** /台账's complete list: the open matters of every kind, in due order */
  open: list('seq code docNumber kind title unit served due state status'),
  /** the year's figures per unit (yearFigures in src/domain/statistics.ts) */
  summary: list(
    'unit received repliedOnTime repliedLate onTimeRate rectified rectifiedRate overdue escalated supervised notices extensions cluesReferred cluesAcceptedInTime cluesClosedInTime tasks tasksDoneOnTime',
  ),
};

export const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };

/** A4 (paper size 9) landscape, one page wide and as many long as it takes, title and header on each. */
export const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:2',
  margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

export interface SheetSpec {
  name: string;
  /** the title row's words */
  title: string;
  columns: readonly string[];
  /** the figures' sheet: header words workbook.sum.*, its own widths */
  figures?: boolean;
}

export interface LedgerSheet {
  /** Writes a row: values by column key (civil dates as text; 序号 is counted here); an overdue row is filled. */
  add(values: Record<string, unknown>, overdue?: boolean): void;
  /** the rows written */
  readonly count: number;
  commit(): Promise<void>;
}

function columnOf(spec: SheetSpec, key: string): Column {
  return (spec.figures ? FIGURE_COLUMNS[key] : LEDGER_COLUMNS[key]) ?? { width: spec.figures ? 12 : 14 };
}

/** A column's cell style: only what its cells need (every style a cell carries costs on a 40,000-row sheet). */
function styleOf(c: Column): Partial<ExcelJS.Style> {
  if (c.date) return { numFmt: 'yyyy-mm-dd' };
  if (c.percent) return { numFmt: '0.0%' };
  if (c.wrap) return { alignment: { vertical: 'top', wrapText: true } };
  return {};
}

/** A cell's value: a civil date as an Excel date (midnight UTC: Excel has no time zone, the day is what counts). */
function cellValue(c: Column, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  return c.date && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v;
}

/** A sheet with its title row and header row written; rows follow with add(). */
export function ledgerSheet(ctx: Ctx, wb: Writer, spec: SheetSpec): LedgerSheet {
  const keys = spec.columns;
  const columns = keys.map((k) => columnOf(spec, k));
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: PAGE_SETUP,
    headerFooter: { oddFooter: `&C${t(ctx, 'workbook.footer')}` },
  });
  ws.columns = keys.map((k, i) => ({ key: k, width: columns[i]!.width, style: styleOf(columns[i]!) }));
  const title = ws.addRow([spec.title]);
  ws.mergeCells(1, 1, 1, keys.length);
  title.height = 28;
  title.getCell(1).style = {
    font: { bold: true, size: 16 },
    alignment: { horizontal: 'center', vertical: 'middle' },
  };
  title.commit();
  const header = ws.addRow(keys.map((k) => t(ctx, `workbook.${spec.figures ? 'sum' : 'col'}.${k}`)));
  for (let i = 1; i <= keys.length; i++)
    header.getCell(i).style = {
      font: { bold: true },
      fill: HEADER_FILL,
      border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    };
  header.commit();
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: keys.length } };
  let count = 0;
  return {
    add(values, overdue = false) {
      count++;
      const row = ws.addRow(keys.map((k, i) => cellValue(columns[i]!, k === 'seq' ? count : values[k])));
      if (overdue) for (let i = 1; i <= keys.length; i++) row.getCell(i).fill = OVERDUE_FILL;
      row.commit();
    },
    get count() {
      return count;
    },
    commit: async () => ws.commit(),
  };
}

/** exceljs, loaded with the first workbook rather than at every start. */
async function writer(options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>): Promise<Writer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ ...options, useStyles: true, useSharedStrings: false });
  wb.creator = 'liandong';
  return wb;
}

/** A workbook written to a file, its sheets by `write`. */
export async function workbookFile(filename: string, write: (wb: Writer) => Promise<void>): Promise<void> {
  const wb = await writer({ filename });
  await write(wb);
  await wb.commit();
}

/** A workbook as bytes (the export, which `liandong export` writes where it is told), its sheets by `write`. */
export async function workbookBytes(write: (wb: Writer) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve, reject) => stream.once('end', resolve).once('error', reject));
  const wb = await writer({ stream });
  await write(wb);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * The county a title names, from the roster: the procuratorate's name without 人民检察院 (示例县人民检察院 →
 * 示例县), or the government's without 人民政府; nothing when neither is on the roster.
 */
export function countyOf(orgs: ReadonlyArray<{ kind: string; name: string }>): string {
  for (const [kind, suffix] of [
    ['procuratorate', /(人民检察院|检察院)$/u],
    ['government', /(人民政府|政府)$/u],
  ] as const) {
    const name = orgs.find((o) => o.kind === kind)?.name;
    const county = name?.replace(suffix, '');
    if (county && county !== name) return county;
  }
  return '';
}

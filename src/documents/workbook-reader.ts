// Reading an imported workbook within bounds, as a stream: the file's size is checked first, rows
// come one at a time (a file whose only cell is A1048576 is one row, refused at once, not a million
// rows in memory), empty rows — trailing ones included — are passed over, and a sheet with more
// rows or columns than a ledger has, or a cell longer than a cell of a ledger, is refused. The header is
// found among the first rows: a title row above it (示例县府检联动检察建议台账（2026年）) is passed over.
import type ExcelJS from 'exceljs';
import { cellText } from '../xlsx-cells.js';
import { CentralDirectoryReader, InflatedTooLarge } from './workbook-zip.js';

/** The bounds of an imported ledger (README「导入台账的模板」). */
export const IMPORT_LIMITS = {
  megabytes: 20,
  inflatedMegabytes: 400,
  rows: 20_000,
  columns: 50,
  cellChars: 2000,
} as const;

/** A cell that cannot be read as the value a person typed. */
export type CellProblem = 'formula' | 'error_value' | 'too_long';

export interface SheetRow {
  line: number;
  /** the text of each column that has a header, by column number */
  cells: Map<number, string>;
  /** the columns whose cell is a formula, an error value or too long */
  problems: Map<number, CellProblem>;
}

export type SheetRead =
  | { header: Map<number, string>; headerLine: number; rows: SheetRow[] }
  | { refused: 'too_large' | 'not_xlsx' | 'empty' | 'too_many_rows' | 'too_many_columns' };

type CellValue = ExcelJS.CellValue;

/** Whether a row is the sheet's header, by its cells' text. */
export type HeaderTest = (cells: Map<number, string>) => boolean;

/** Rows a ledger may have above its header (a title, a line of who filed it, a blank): the header is among these. */
const HEADER_SEARCH = 5;

/** By default the header is the first row with more than one cell: a title is one (merged) cell. */
const MORE_THAN_ONE: HeaderTest = (cells) => cells.size > 1;

function problemOf(v: CellValue): CellProblem | undefined {
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) return 'formula';
  if (v && typeof v === 'object' && 'error' in v) return 'error_value';
  return undefined;
}

/** One row's cells as text, with the problems of the cells that cannot be read as typed. */
function readRow(values: CellValue[], line: number): SheetRow | 'too_many_columns' {
  const row: SheetRow = { line, cells: new Map(), problems: new Map() };
  for (let n = 1; n < values.length; n++) {
    const v = values[n];
    if (v === undefined || v === null || v === '') continue;
    if (n > IMPORT_LIMITS.columns) return 'too_many_columns';
    const problem = problemOf(v);
    const text = problem ? '' : cellText(v).trim();
    if (problem) row.problems.set(n, problem);
    else if ([...text].length > IMPORT_LIMITS.cellChars) row.problems.set(n, 'too_long');
    if (text || problem) row.cells.set(n, problem || [...text].length > IMPORT_LIMITS.cellChars ? '' : text);
  }
  return row;
}

/**
 * The rows of the ledger's sheet: the one named `preferred` (our own export's 检察建议 sheet) when the
 * workbook has one, or else the first. The header is the first of the first rows that `isHeader` takes
 * (or, when none does, the first row); the rows above it are passed over, the rows below are the
 * ledger's; rows with no text in any cell left out.
 */
export async function readSheet(bytes: Buffer, preferred: string, isHeader = MORE_THAN_ONE): Promise<SheetRead> {
  if (bytes.length > IMPORT_LIMITS.megabytes * 1048576) return { refused: 'too_large' };
  const reader = new CentralDirectoryReader(
    bytes,
    {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache', // a date cell is told from a number by its format
      worksheets: 'emit',
      entries: 'ignore',
    },
    IMPORT_LIMITS.inflatedMegabytes * 1048576,
  );
  try {
    let first = true;
    for await (const sheet of reader) {
      const wanted =
        (sheet as unknown as { name?: string }).name === preferred ||
        (first && !reader.sheetNames().includes(preferred));
      first = false;
      const read = await readRows(sheet as unknown as AsyncIterable<ExcelJS.Row>, wanted, isHeader);
      if (wanted || ('refused' in read && read.refused !== 'empty')) return read;
    }
    return { refused: 'empty' };
  } catch (e) {
    return { refused: e instanceof InflatedTooLarge ? 'too_large' : 'not_xlsx' };
  }
}

/** A sheet's rows within the bounds, below its header; a sheet not wanted is only counted. */
async function readRows(sheet: AsyncIterable<ExcelJS.Row>, keep: boolean, isHeader: HeaderTest): Promise<SheetRead> {
  let header: SheetRow | undefined;
  /** the first rows, while the header is not found among them */
  const above: SheetRow[] = [];
  const rows: SheetRow[] = [];
  for await (const r of sheet) {
    const values = (r.values as CellValue[]) ?? [];
    if (!values.some((v) => v !== undefined && v !== null && v !== '')) continue;
    // the bound counts the rows below the header (before it is found: below the rows it may be in)
    if (r.number > IMPORT_LIMITS.rows + (header?.line ?? HEADER_SEARCH)) return { refused: 'too_many_rows' };
    if (!keep) continue;
    const row = readRow(values, r.number);
    if (row === 'too_many_columns') return { refused: 'too_many_columns' };
    if (header) rows.push(row);
    else if (isHeader(row.cells)) header = row;
    else if (above.push(row) === HEADER_SEARCH) header = firstAsHeader(above, rows);
  }
  if (!header && above.length) header = firstAsHeader(above, rows);
  return header ? { header: header.cells, headerLine: header.line, rows } : { refused: 'empty' };
}

/** No row was taken for the header: the first one is, as before, and the others are the ledger's rows. */
function firstAsHeader(above: SheetRow[], rows: SheetRow[]): SheetRow {
  rows.push(...above.slice(1));
  return above[0]!;
}

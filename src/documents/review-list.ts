// An agency's list of closed case files for a review (案卷评查), read from its workbook within the
// bounds of every import — through the ledger's reader (a streamed read, the file's size and the
// inflated size checked first, rows and columns bounded), the header found among the first rows.

import type { ListedFile } from '../domain/review-draw.js';
import { LIST_COLUMNS, REQUIRED_COLUMNS } from '../domain/review-rules.js';
import { IMPORT_LIMITS, readSheet } from './workbook-reader.js';

/** the bounds of a list: those of every import */
export const LIST_LIMITS = IMPORT_LIMITS;

export type ListRead =
  | { refused: 'too_large' | 'not_xlsx' | 'empty' | 'too_many_rows' | 'too_many_columns' }
  | { missing: Array<keyof ListedFile>; headerLine: number }
  | {
      rows: Array<{ line: number; values: Partial<Record<keyof ListedFile, string>> }>;
      cells: Array<{ line: number; column: keyof ListedFile; problem: string }>;
    };

const names = (k: keyof ListedFile) => LIST_COLUMNS[k].map((n) => n.replace(/\s/g, ''));

function columnsOf(header: Map<number, string>): Partial<Record<keyof ListedFile, number>> {
  const col: Partial<Record<keyof ListedFile, number>> = {};
  for (const key of Object.keys(LIST_COLUMNS) as Array<keyof ListedFile>)
    for (const [n, text] of header)
      if (col[key] === undefined && names(key).includes(text.replace(/\s/g, ''))) col[key] = n;
  return col;
}

/** The rows of a list workbook (sheet 案卷名单, or the first), or why it cannot be read. */
export async function readReviewList(bytes: Buffer, sheetName: string): Promise<ListRead> {
  const sheet = await readSheet(bytes, sheetName, (cells) =>
    [...cells.values()].some((v) => names('caseNo').includes(v.replace(/\s/g, ''))),
  );
  if ('refused' in sheet) return sheet.refused === 'empty' ? { missing: [...REQUIRED_COLUMNS], headerLine: 1 } : sheet;
  const col = columnsOf(sheet.header);
  const missing = REQUIRED_COLUMNS.filter((k) => col[k] === undefined);
  if (missing.length) return { missing, headerLine: sheet.headerLine };
  const cells: Array<{ line: number; column: keyof ListedFile; problem: string }> = [];
  const rows = sheet.rows.map((r) => {
    const values: Partial<Record<keyof ListedFile, string>> = {};
    for (const [key, n] of Object.entries(col) as Array<[keyof ListedFile, number]>) {
      const problem = r.problems.get(n);
      if (problem) cells.push({ line: r.line, column: key, problem });
      const v = r.cells.get(n);
      if (v) values[key] = v;
    }
    return { line: r.line, values };
  });
  return { rows, cells };
}

// A workbook cell's value as the text a person typed (dates as YYYY-MM-DD, rich text
// joined, a formula's result): how both the ledger import and the roster workbook read cells.
import type ExcelJS from 'exceljs';

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
    return 'result' in v ? cellText(v.result as ExcelJS.CellValue) : '';
  if (typeof v === 'object' && 'error' in v) return String(v.error);
  if (typeof v === 'object') return '';
  return String(v);
}

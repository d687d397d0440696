// A small workbook of whole tables, laid out as the ledger's (src/bot/ledger/workbook-writer.ts, which
// streams 40,000 rows): a title row above the header, the header frozen and filtered, dates as dates,
// A4 landscape one page wide with title and header on every page, page numbers, and marked rows filled
// (a late or missing 报送, an item with 无数据). Used by the 报送 collector's workbook and the 考核 table.
import type ExcelJS from 'exceljs';

export interface Table {
  name: string;
  title: string;
  header: string[];
  /** a cell: text, a number, or a civil date written as { date: '2026-12-25' } */
  rows: Array<Array<string | number | { date: string } | undefined>>;
  /** rows to fill (late, missing, 无数据) */
  marked?: boolean[];
  widths?: number[];
  footer: string;
}

const FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };

/** A workbook of the tables, one sheet each, as bytes. */
export async function tablesWorkbook(tables: Table[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'liandong';
  for (const tb of tables) {
    const ws = wb.addWorksheet(tb.name, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:2',
      },
      headerFooter: { oddFooter: `&C${tb.footer}` },
    });
    ws.columns = tb.header.map((_, i) => ({ width: tb.widths?.[i] ?? 14 }));
    ws.addRow([tb.title]);
    ws.mergeCells(1, 1, 1, tb.header.length);
    ws.getRow(1).height = 28;
    ws.getCell(1, 1).style = {
      font: { bold: true, size: 16 },
      alignment: { horizontal: 'center', vertical: 'middle' },
    };
    const head = ws.addRow(tb.header);
    head.eachCell((c) => {
      c.style = {
        font: { bold: true },
        fill: HEAD,
        border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      };
    });
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: tb.header.length } };
    tb.rows.forEach((cells, r) => {
      const row = ws.addRow(
        cells.map((v) =>
          v && typeof v === 'object' ? new Date(`${v.date}T00:00:00Z`) : v === '' ? null : (v ?? null),
        ),
      );
      cells.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        if (v && typeof v === 'object') cell.numFmt = 'yyyy-mm-dd';
        else cell.alignment = { vertical: 'top', wrapText: true };
        if (tb.marked?.[r]) cell.fill = FILL;
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// The imported workbook is read by its zip's central directory (exceljs issue #3064): exceljs's own
// streaming reader lost xl/workbook.xml, the last part of every workbook exceljs writes, about one
// read in sixty, and the import said 这个文件不是 Excel 工作簿 of the bot's own export (seen in CI).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../../src/documents/workbook-reader.js';
import { CentralDirectoryReader, InflatedTooLarge } from '../../src/documents/workbook-zip.js';

/** Three sheets as a clerk's own ledger may have them: the 检察建议 sheet second, dates and numbers. */
async function ledger(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const name of ['线索', '检察建议', '任务']) {
    const ws = wb.addWorksheet(name);
    ws.columns = [
      { header: '编号', key: 'code' },
      { header: '送达日期', key: 'served', style: { numFmt: 'yyyy-mm-dd' } },
      { header: '期限（日）', key: 'days' },
    ];
    ws.addRow({ code: `${name}-1`, served: new Date('2026-02-16T00:00:00Z'), days: 60 });
    ws.addRow({ code: `${name}-2`, served: new Date('2026-03-02T00:00:00Z'), days: 15 });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a workbook by its central directory', () => {
  it('reads the named sheet, its dates and numbers, every time of 200', async () => {
    const bytes = await ledger();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const read = await readSheet(bytes, '检察建议');
      seen.add('refused' in read ? read.refused : JSON.stringify(read.rows.map((r) => [...r.cells.values()])));
    }
    expect([...seen]).toEqual([
      JSON.stringify([
        ['检察建议-1', '2026-02-16', '60'],
        ['检察建议-2', '2026-03-02', '15'],
      ]),
    ]);
  });

  it('gives the sheets in the order the workbook lists them, with their names', async () => {
    const reader = new CentralDirectoryReader(await ledger(), {}, 10_000_000);
    const names: string[] = [];
    for await (const sheet of reader) names.push((sheet as unknown as { name: string }).name);
    expect(names).toEqual(['线索', '检察建议', '任务']);
    expect(reader.sheetNames()).toEqual(['线索', '检察建议', '任务']);
  });

  it('refuses, before inflating anything, a zip whose parts would inflate beyond the bound', async () => {
    const reader = new CentralDirectoryReader(await ledger(), {}, 1_000);
    await expect(async () => {
      for await (const _ of reader) void _;
    }).rejects.toBeInstanceOf(InflatedTooLarge);
  });

  it('says a zip that is not a workbook is not one', async () => {
    const wb = await ledger();
    const broken = Buffer.from(wb.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbooq.xml'), 'latin1');
    expect(await readSheet(broken, '检察建议')).toEqual({ refused: 'not_xlsx' });
    expect(await readSheet(Buffer.from('PK not really'), '检察建议')).toEqual({ refused: 'not_xlsx' });
  });
});

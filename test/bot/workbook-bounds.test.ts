// An imported workbook is read within bounds, as a stream (issue 20, item 2): a 6.5 KB file whose
// only cell is A1048576 once took 49.9 s and 1.8 GB while every other chat waited; formula and error
// cells became the title "[object Object]". Each hostile shape is refused at once with what to do.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, readSheet } from '../../src/documents/workbook-reader.js';

const HEADER = ['编号', '被建议单位', '标题', '送达日期', '回复期限'];

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检察建议');
  ws.addRow(HEADER);
  fill(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

describe('reading an imported workbook within bounds', () => {
  it('refuses a file whose only far cell is A1048576 in well under a second', async () => {
    const bytes = await workbook((ws) => {
      ws.getCell('A1048576').value = '某';
    });
    expect(bytes.length).toBeLessThan(20_000);
    const { value, ms } = await timed(() => readSheet(bytes, '检察建议'));
    expect(value).toEqual({ refused: 'too_many_rows' });
    expect(ms).toBeLessThan(1000);
  });

  it('passes over empty rows, trailing ones included, and keeps the rows with text', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['JY-2026-001', '县市场监管局', '关于甲的检察建议', '2026-09-01', '2个月']);
      ws.addRow([]);
      ws.addRow(['', '县住建局', '关于乙的检察建议', '2026-09-02', '']);
      ws.getCell('A1048576').style = { font: { bold: true } }; // formatted, empty: not a row of the ledger
    });
    const read = await readSheet(bytes, '检察建议');
    if ('refused' in read) throw new Error(read.refused);
    expect(read.rows.map((r) => [r.line, r.cells.get(3)])).toEqual([
      [2, '关于甲的检察建议'],
      [4, '关于乙的检察建议'],
    ]);
  });

  it(`refuses more than ${IMPORT_LIMITS.rows} rows and more than ${IMPORT_LIMITS.columns} columns`, async () => {
    const many = await workbook((ws) => {
      for (let i = 0; i <= IMPORT_LIMITS.rows; i++) ws.addRow(['', '县市场监管局', `第${i}件`, '2026-09-01']);
    });
    const { value, ms } = await timed(() => readSheet(many, '检察建议'));
    expect(value).toEqual({ refused: 'too_many_rows' });
    expect(ms).toBeLessThan(5000);
    const wide = await workbook((ws) => {
      ws.addRow(['', '县市场监管局', '关于甲的检察建议', '2026-09-01']);
      ws.getCell(2, IMPORT_LIMITS.columns + 1).value = '多出来的一列';
    });
    expect(await readSheet(wide, '检察建议')).toEqual({ refused: 'too_many_columns' });
  }, 30_000);

  it('names formula, error and overlong cells instead of reading them as text', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['', '县市场监管局', { formula: 'CONCAT("关于","甲")', result: '关于甲' }, { formula: 'TODAY()' }]);
      ws.addRow(['', { error: '#REF!' }, '关于乙的检察建议', '2026-09-01']);
      ws.addRow(['', '县市场监管局', '长'.repeat(IMPORT_LIMITS.cellChars + 1), '2026-09-01']);
    });
    const read = await readSheet(bytes, '检察建议');
    if ('refused' in read) throw new Error(read.refused);
    expect(read.rows.map((r) => [r.line, Object.fromEntries(r.problems)])).toEqual([
      [2, { 3: 'formula', 4: 'formula' }],
      [3, { 2: 'error_value' }],
      [4, { 3: 'too_long' }],
    ]);
    // no "[object Object]" anywhere
    for (const r of read.rows) for (const text of r.cells.values()) expect(text).not.toContain('[object');
  });

  it('refuses a file over the size limit without opening it, and a file that is not a workbook', async () => {
    const { value, ms } = await timed(() =>
      readSheet(Buffer.alloc((IMPORT_LIMITS.megabytes + 1) * 1048576), '检察建议'),
    );
    expect(value).toEqual({ refused: 'too_large' });
    expect(ms).toBeLessThan(100);
    expect(await readSheet(Buffer.from('这不是 Excel 文件'), '检察建议')).toEqual({ refused: 'not_xlsx' });
  });
});

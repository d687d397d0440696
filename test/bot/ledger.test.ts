// /台账 stays small whatever the ledger holds: the figures, one page of rows in due
// order with 下一页, and the complete list as a file (40,000 open matters once made
// one 6.6 MB message).

import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ start: '2026-10-12T10:00:00+08:00' });
  const org = await bot.rt.db.org.findFirstOrThrow({ where: { name: '示例县市场监督管理局' } });
  const other = await bot.rt.db.org.findFirstOrThrow({ where: { name: '示例县应急管理局' } });
  const proc = await bot.rt.db.org.findFirstOrThrow({ where: { kind: 'procuratorate' } });
  const rows = Array.from({ length: 47 }, (_, i) => ({
    code: `JY-2026-${String(i + 1).padStart(3, '0')}`,
    kind: 'recommendation',
    title: i === 3 ? '关于"冷链",追溯的检察建议' : `关于第${i + 1}号问题的检察建议`,
    issuingOrgId: proc.id,
    responsibleOrgId: i < 45 ? org.id : other.id,
    servedOn: '2026-08-01',
    periodRule: '2个月',
    dueOn: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
    originalDueOn: '2026-10-01',
    dueBasis: '{}',
    status: i === 44 ? 'closed' : i % 5 === 0 ? 'replied' : 'registered',
    isOpen: i !== 44,
  }));
  await bot.rt.db.matter.createMany({ data: rows });
});
afterAll(() => bot.stop());

describe('/台账', () => {
  it('gives the figures, the first page in due order, 下一页, and the whole list as a file', async () => {
    const cur = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '/台账');
    // the page answers at once; the file is made behind it (a job row), then sent
    let said = await bot.botSays('c-scj', cur);
    for (let i = 0; i < 100 && said.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      said = await bot.botSays('c-scj', cur);
    }
    const [page, file] = said;
    expect(page!.text).toContain('完整台账随后以文件发送');
    expect(page!.text).toContain(
      '台账（示例县市场监督管理局，截至 2026-10-12）：未办结 44 件（待反馈 35、已反馈待评估 9），其中逾期',
    );
    expect(page!.text).toContain('第 1/3 页');
    const lines = page!.text.split('\n').filter((l) => l.startsWith('· '));
    expect(lines).toHaveLength(20);
    expect(lines[0]).toContain('届满 2026-10-01');
    expect(page!.card!.buttons.map((b) => b.command)).toEqual(['/台账 2']);
    expect(page!.text.length).toBeLessThan(3000);

    expect(file!.text).toContain('完整台账（44 件）');
    const stored = await bot.rt.db.storedFile.findFirstOrThrow({ where: { platform: 'bot' } });
    expect(stored.name).toBe('台账-示例县市场监督管理局-2026-10-12.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(bot.rt.app['opts'].config.filesDir, stored.path));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('未办结事项');
    // the title row and the header, frozen; the header's words, widths and date formats are the export's
    expect(ws.getCell('A1').value).toBe('示例县府检联动未办结事项台账（示例县市场监督管理局，截至 2026-10-12）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
    });
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => void (n > 1 && rows.push((r.values as unknown[]).slice(1))));
    expect(rows[0]).toEqual([
      '序号',
      '编号',
      '文号',
      '类别',
      '标题',
      '责任单位',
      '送达日期',
      '期限届满',
      '期限状态',
      '状态',
    ]);
    expect(rows).toHaveLength(45); // header + 44 open matters of this agency, no closed one
    // the export's column definitions: 标题 and 编号 as wide as in /导出's sheets
    expect([ws.getColumn(2).width, ws.getColumn(5).width]).toEqual([14, 36]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 44 }, (_, i) => i + 1)); // 序号
    expect(rows.some((r) => r[4] === '关于"冷链",追溯的检察建议')).toBe(true);
    expect(rows[1]![6]).toBeInstanceOf(Date); // dates as dates
    expect(rows[1]![7]).toBeInstanceOf(Date);
    const codes = rows.map((r) => r[1]);
    expect(codes).not.toContain('JY-2026-045'); // closed
    expect(codes).not.toContain('JY-2026-046'); // another agency's
    // an overdue row still owed an answer is filled; others are not
    const fill = (i: number) => ws.getRow(i + 2).getCell(2).fill as { pattern?: string; fgColor?: { argb?: string } };
    const owed = rows.findIndex((r) => String(r[8]).startsWith('已逾期') && String(r[9]).includes('待反馈'));
    expect(owed).toBeGreaterThan(0);
    expect(fill(owed)).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } });
    const notLate = rows.findIndex((r, i) => i > 0 && !String(r[8]).startsWith('已逾期'));
    expect(notLate).toBeGreaterThan(0);
    expect(fill(notLate)?.pattern).not.toBe('solid');
  });

  it('turns pages, and clamps a page past the end', async () => {
    const cur = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '/台账 3');
    const [last] = await bot.botSays('c-scj', cur);
    expect(last!.text).toContain('第 3/3 页');
    expect(last!.text.split('\n').filter((l) => l.startsWith('· '))).toHaveLength(4);
    expect(last!.card!.buttons.map((b) => b.command)).toEqual(['/台账 2']);
    expect(await bot.answer('c-scj', 'u-scj', '/台账 99')).toContain('第 3/3 页');
    expect(await bot.answer('c-scj', 'u-scj', '/台账 abc')).toContain('命令格式不对');
  });

  it('shows every agency in the joint group', async () => {
    expect(await bot.answer('c-joint', 'u-liaison', '/台账')).toContain('未办结 46 件');
  });
});

// 台账 in Excel: exported from a seeded ledger, imported into an empty database, exported
// again — the same rows (the title row above the header passed over by the import); a clerk's
// workbook without a title row imports too; a workbook with three bad rows refused with three
// precise messages and nothing written.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
});

async function download(bot: TestBot, chat: string): Promise<Buffer> {
  const m = (await bot.botSays(chat)).filter((x) => x.attachments?.some((a) => a.name.endsWith('.xlsx'))).at(-1)!;
  return Buffer.from(
    await (await fetch(`${bot.base}/files/${m.attachments![0]!.ref.replace('file:', '')}`)).arrayBuffer(),
  );
}

async function rowsOf(bytes: Buffer, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const out: unknown[][] = [];
  ws.eachRow((r) =>
    out.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))),
  );
  return out;
}

async function upload(bot: TestBot, chat: string, who: string, name: string, bytes: Buffer): Promise<string> {
  const cur = await bot.lastCursor(chat);
  await bot.say(chat, who, '', { attachments: [{ name, data: bytes.toString('base64') }] });
  return (await bot.botSays(chat, cur)).map((m) => m.text).join('\n');
}

describe('the ledger workbook', () => {
  it('round-trips: export, import into an empty database, export again — the same rows', async () => {
    const a = await startBot({ start: '2026-02-16T10:00:00+08:00' });
    bots.push(a);
    await a.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-02-16 文号=示检行建〔2026〕3号',
    );
    await a.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=住建局 标题="关于燃气安全的检察建议" 送达=2026-02-10 期限=15日',
    );
    await a.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=应急局 标题="关于危化品仓储的检察建议" 送达=2026-02-13 期限=1个月',
    );
    expect(await a.answer('c-joint', 'u-liaison', '/导出 2026')).toContain('台账（2026）已私聊发送给您');
    const first = await download(a, 'dm:u-liaison');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('检察建议')!;
    // the title row, then the header: both frozen, the filter on the header
    expect(ws.getCell('A1').value).toBe('示例县府检联动检察建议台账（2026年）');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:U2'); // the header's 21 columns
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['序号', '编号', '文号', '类别']);
    expect(ws.getRow(3).getCell(header.indexOf('送达日期') + 1).value).toBeInstanceOf(Date);
    expect(ws.getRow(3).getCell(3).value).toBe('示检行建〔2026〕3号'); // 文号, read back into its own field
    expect(wb.worksheets.map((w) => w.name)).toEqual(['检察建议', '线索', '任务', '2026年统计']);

    const b = await startBot({ start: '2026-02-16T11:00:00+08:00' });
    bots.push(b);
    expect(await b.answer('dm:u-admin', 'u-admin', '/导入')).toContain('请发送台账 Excel 文件');
    expect(await upload(b, 'dm:u-admin', 'u-admin', '台账.xlsx', first)).toContain(
      '共 3 条，全部核对无误（JY-2026-001 … JY-2026-003）',
    );
    expect(await b.answer('dm:u-admin', 'u-admin', '确认')).toContain(
      '已导入 3 件检察建议：JY-2026-001、JY-2026-002、JY-2026-003',
    );
    // no notice went to the agencies; the reminders are planned
    expect((await b.botSays('c-scj')).length).toBe(0);
    expect(await b.rt.db.scheduledJob.count({ where: { kind: 'reminder', state: 'pending' } })).toBeGreaterThan(0);
    await b.answer('dm:u-admin', 'u-admin', '/导出 2026');
    const second = await download(b, 'dm:u-admin');
    expect(await rowsOf(second, '检察建议')).toEqual(await rowsOf(first, '检察建议'));
    expect((await b.rt.db.matter.findUniqueOrThrow({ where: { code: 'JY-2026-001' } })).docNumber).toBe(
      '示检行建〔2026〕3号',
    );
    // a new registration after the import does not reuse an imported code
    expect(
      await b.answer('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题="关于计量的检察建议" 送达=2026-02-16'),
    ).toContain('JY-2026-004');
  });

  it('imports a clerk’s workbook without a title row, 状态 read before 整改状态 whatever their order', async () => {
    const bot = await startBot({ start: '2026-02-16T10:00:00+08:00' });
    bots.push(bot);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('原台账');
    ws.addRow([
      '建议编号',
      '整改状态',
      '责任单位',
      '建议标题',
      '发文字号',
      '送达日期',
      '答复期限',
      '整改期限',
      '办理状态',
    ]);
    // 整改状态 first and saying 正在整改 (a reply's status): 办理状态 is the one read
    ws.addRow([
      'JY-2025-031',
      '正在整改',
      '市场监管局',
      '关于计量的检察建议',
      '示检行建〔2025〕31号',
      '2026-01-05',
      '2个月',
      '2026-12-31',
      '待反馈',
    ]);
    await bot.answer('dm:u-admin', 'u-admin', '/导入');
    const review = await upload(bot, 'dm:u-admin', 'u-admin', '原台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(review).toContain('共 1 条，全部核对无误（JY-2025-031 … JY-2025-031）');
    expect(await bot.answer('dm:u-admin', 'u-admin', '确认')).toContain('已导入 1 件检察建议：JY-2025-031');
    const m = await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'JY-2025-031' } });
    // 发文字号 is the 文号; the period is 答复期限's 2个月, not 整改期限's date: due 2026-03-05
    expect([m.docNumber, m.periodRule, m.dueOn]).toEqual(['示检行建〔2025〕31号', '2个月', '2026-03-05']);
  });

  it('refuses a workbook with three bad rows with three precise messages, and writes nothing', async () => {
    const bot = await startBot({ start: '2026-02-16T10:00:00+08:00' });
    bots.push(bot);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('原台账');
    ws.addRow(['编号', '责任单位', '建议标题', '送达日期', '期限', '办理状态']);
    ws.addRow(['JY-2025-031', '市场监管局', '关于计量的检察建议', new Date('2026-01-05T00:00:00Z'), '2个月', '待反馈']);
    ws.addRow(['JY-2025-032', '水务局', '关于供水的检察建议', '2026-01-06', '2个月', '']);
    ws.addRow(['JY-2025-033', '住建局', '关于燃气的检察建议', '2026-13-01', '2个月', '']);
    ws.addRow(['JY-2025-031', '应急局', '关于仓储的检察建议', '2026-01-08', '1个月', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await bot.answer('dm:u-admin', 'u-admin', '/导入');
    const before = await bot.rt.db.matter.count();
    const refused = await upload(bot, 'dm:u-admin', 'u-admin', '原台账.xlsx', bytes);
    expect(refused).toContain('台账有 3 处问题，未导入任何一行');
    expect(refused).toContain('第 3 行「被建议单位」：名册中没有“水务局”');
    expect(refused).toContain('第 4 行「送达日期」：“2026-13-01”不是日期');
    expect(refused).toContain('第 5 行「编号」：JY-2025-031 与第 2 行重复');
    expect(refused.split('\n').filter((l) => l.startsWith('第 '))).toHaveLength(3);
    expect(await bot.rt.db.matter.count()).toBe(before);
  });
});

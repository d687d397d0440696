// An imported ledger's reminders are planned after the answer, a thousand matters a step, each its
// own transaction (issue 20, item 2): the import's one transaction no longer plans 60,000 jobs while
// every other chat waits. The end is the same — each matter's four reminders, its overdue notice and
// its escalation — and a restart in the middle of the steps loses none and doubles none.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const N = 2_500;

async function ledger(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检察建议');
  ws.addRow(['编号', '被建议单位', '标题', '送达日期', '回复期限']);
  for (let i = 0; i < N; i++)
    ws.addRow([
      '',
      '示例县市场监督管理局',
      `关于第 ${i + 1} 号问题的检察建议`,
      new Date('2026-02-16T00:00:00Z'),
      '2个月',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function jobsByKind(b: TestBot): Promise<Record<string, number>> {
  const rows = await b.rt.db.scheduledJob.groupBy({ by: ['kind', 'state'], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [`${r.kind}:${r.state}`, r._count._all]));
}

describe('an imported ledger’s reminders', () => {
  it('are planned after the answer in steps, and a restart among the steps loses and doubles none', async () => {
    bot = await startBot({ start: '2026-02-16T10:00:00+08:00' });
    expect(await bot.answer('dm:u-admin', 'u-admin', '/导入')).toContain('请发送台账 Excel 文件');
    const cur = await bot.lastCursor('dm:u-admin');
    await bot.say('dm:u-admin', 'u-admin', '', {
      attachments: [{ name: '台账.xlsx', data: (await ledger()).toString('base64') }],
    });
    expect((await bot.botSays('dm:u-admin', cur)).map((m) => m.text).join('\n')).toContain(`共 ${N} 条，全部核对无误`);
    expect(await bot.answer('dm:u-admin', 'u-admin', '确认')).toContain(`已导入 ${N} 件检察建议`);
    // stopped at once: the steps left are jobs in the database, taken up again after the restart
    bot = await bot.restart();
    await expect
      .poll(async () => (await jobsByKind(bot!))['import_reminders:pending'] ?? 0, { timeout: 20_000 })
      .toBe(0);
    // served 2026-02-16 with two months: due 2026-04-16; 7, 3, 1 and 0 working days before it, the
    // overdue notice and the escalation — six jobs for each of the 2,500 matters, all still ahead
    expect(await jobsByKind(bot)).toMatchObject({
      'import_reminders:done': 3,
      'reminder:pending': 4 * N,
      'overdue:pending': N,
      'escalation:pending': N,
    });
    // and the other chats were answered meanwhile as ever
    expect(await bot.answer('c-joint', 'u-liaison', '/帮助')).toContain('可用命令');
  }, 60_000);
});

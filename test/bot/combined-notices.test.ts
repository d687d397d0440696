// Many notices to one group go as one message (issue 20, item 4): a reminder wave for 30
// recommendations to one agency is one message listing 20 and a workbook of all 30; past the
// group's daily number, the notices still go — in one message — and none is dropped or held back.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
});

async function register(bot: TestBot, n: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 1; i <= n; i++) {
    const said = await bot.answer(
      'c-joint',
      'u-liaison',
      `/建议 新建 单位=市场监管局 标题="关于第${i}个农贸市场计量的检察建议" 送达=2026-02-16`,
    );
    codes.push(/JY-2026-\d{3}/.exec(said)![0]);
  }
  return codes;
}

async function fileRows(bot: TestBot, ref: string): Promise<unknown[][]> {
  const bytes = await (await fetch(`${bot.base}/files/${ref.replace('file:', '')}`)).arrayBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('notices to one group', () => {
  it('go as one message when 30 of one kind fall due together: 20 listed, all 30 in its workbook', async () => {
    const bot = await startBot({ start: '2026-02-16T10:00:00+08:00' });
    bots.push(bot);
    const codes = await register(bot, 30);
    const cur = await bot.lastCursor('c-scj');
    expect((await bot.advance({ to: '2026-04-08T10:00:00+08:00' })).status).toBe(200);
    const said = await bot.botSays('c-scj', cur);
    expect(said).toHaveLength(1);
    const text = said[0]!.text;
    expect(text.split('\n')[0]).toBe('【到期提醒】以下 30 件合并为一条发送：');
    expect(text).toContain(`1. 检察建议 ${codes[0]}《关于第1个农贸市场计量的检察建议》将于`);
    expect(text).toContain(`20. 检察建议 ${codes[19]}`);
    expect(text).not.toContain(`21. `);
    expect(text).toContain('另有 10 件未列出，完整清单见附件《提醒清单-2026-04-07-30件.xlsx》');
    const rows = await fileRows(bot, said[0]!.attachments![0]!.ref);
    expect(rows[0]).toEqual(['序号', '类别', '内容']);
    expect(rows).toHaveLength(31);
    for (const [i, code] of codes.entries()) expect(String(rows[i + 1]![2])).toContain(code);
    // every reminder row is accounted for: sent with that one message
    const pending = await bot.rt.db.outboxMessage.count({ where: { state: 'pending' } });
    expect(pending).toBe(0);
  });

  it('go one by one when only three of a kind fall due, with their cards', async () => {
    const bot = await startBot({ start: '2026-02-16T10:00:00+08:00' });
    bots.push(bot);
    const codes = await register(bot, 3);
    const cur = await bot.lastCursor('c-scj');
    await bot.advance({ to: '2026-04-08T10:00:00+08:00' });
    const said = await bot.botSays('c-scj', cur);
    expect(said.map((m) => /JY-2026-\d{3}/.exec(m.text)?.[0])).toEqual(codes);
    expect(
      said.every((m) => m.card?.buttons.some((b) => b.command === `/反馈 ${/JY-2026-\d{3}/.exec(m.text)![0]}`)),
    ).toBe(true);
  });

  it('past the daily number, still go — the rest of the day’s in one message', async () => {
    const bot = await startBot({ start: '2026-02-16T10:00:00+08:00', env: { GROUP_NOTICES_PER_DAY: '2' } });
    bots.push(bot);
    const codes = await register(bot, 3);
    const cur = await bot.lastCursor('c-scj');
    await bot.advance({ to: '2026-04-08T10:00:00+08:00' });
    const said = await bot.botSays('c-scj', cur);
    expect(said).toHaveLength(1);
    expect(said[0]!.text.split('\n')).toEqual([
      '【提醒汇总】为免刷屏，本群每日提醒不超过 2 条，以下 3 条提醒合并为一条发送：',
      ...codes.map((c, i) => expect.stringMatching(new RegExp(`^${i + 1}\\. 【到期提醒】检察建议 ${c}《`))),
      '逐件办理请写明编号：查看 /状态 编号，报送整改反馈或任务进展情况 /反馈 编号。',
    ]);
  });
});

// 文号 (issue 23, item 4): the office's own document number, written at registration, shown beside
// the code, found by /状态, corrected by /建议 更正, read from and written to the 台账 workbook.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('文号', () => {
  it('is written at registration, shown beside the code, and names the matter in /状态', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const said = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题=关于农贸市场计量的检察建议 送达=2026-09-01 文号=示检行建〔2026〕3号',
    );
    expect(said).toContain('已登记检察建议 JY-2026-001（示检行建〔2026〕3号）');
    const [notice] = await bot.botSays('c-scj');
    expect(notice!.card!.fields).toContainEqual({ label: '文号', value: '示检行建〔2026〕3号' });
    const status = await bot.answer('c-joint', 'u-liaison', '/状态 示检行建〔2026〕3号');
    expect(status).toContain('【检察建议】JY-2026-001（示检行建〔2026〕3号）《关于农贸市场计量的检察建议》');
    expect(await bot.answer('c-joint', 'u-liaison', '/建议 更正 JY-2026-001 文号=示检行建〔2026〕4号')).toContain(
      '· 文号：由 示检行建〔2026〕3号 更正为 示检行建〔2026〕4号',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 示检行建〔2026〕4号')).toContain(
      'JY-2026-001（示检行建〔2026〕4号）',
    );
    expect((await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'JY-2026-001' } })).docNumber).toBe(
      '示检行建〔2026〕4号',
    );
  });
});

// A reply is not the end (issue 22, item 1, first part): a reply waiting for evaluation reminds the
// joint group after 5 working days and every 5 after, until evaluated; 通过 on a reply that says
// 正在整改 asks for a confirmation first, and closes nothing until it is given.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-09-01';

/** The agency's reply by the form: measures, 正在整改 with an expected date, no file. */
async function replyInProgress(b: TestBot): Promise<string> {
  await b.answer('c-scj', 'u-scj', '/反馈 JY-2026-001');
  await b.answer('c-scj', 'u-scj', '已对 6 个农贸市场的计量器具开展检定');
  await b.answer('c-scj', 'u-scj', '正在整改');
  await b.answer('c-scj', 'u-scj', '2026-10-30');
  await b.answer('c-scj', 'u-scj', '/跳过');
  return b.answer('c-scj', 'u-scj', '确认');
}

const waiting = async (b: TestBot) =>
  (await b.botSays('c-joint')).map((m) => m.text).filter((t) => t.startsWith('【待评估】'));

describe('a reply waiting for evaluation', () => {
  it('reminds the joint group after 5 working days and every 5 after, until it is evaluated', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    expect(await replyInProgress(bot)).toContain('第 1 次整改反馈（正在整改）');
    await bot.advance({ to: '2026-09-07T17:00:00+08:00' }); // four working days: nothing yet
    expect(await waiting(bot)).toEqual([]);
    await bot.advance({ to: '2026-09-08T10:00:00+08:00' });
    expect(await waiting(bot)).toEqual([
      '【待评估】示例县市场监督管理局于 2026-09-01 报送的检察建议 JY-2026-001《关于农贸市场计量的检察建议》第 1 次整改反馈（正在整改），已 5 个工作日未评估。\n请评估：/评估 JY-2026-001 通过 意见=…，或 /评估 JY-2026-001 退回 意见=…',
    ]);
    await bot.advance({ to: '2026-09-15T10:00:00+08:00' });
    expect((await waiting(bot)).at(-1)).toContain('已 10 个工作日未评估');
    await bot.answer('c-joint', 'u-liaison', '/评估 JY-2026-001 退回 意见=请报送检定证书');
    await bot.advance({ to: '2026-09-30T10:00:00+08:00' });
    expect(await waiting(bot)).toHaveLength(2);
  });

  it('is passed when it says 正在整改 only after a confirmation', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    await replyInProgress(bot);
    const asked = await bot.answer('c-joint', 'u-liaison', '/评估 JY-2026-001 通过 意见=基本到位');
    expect(asked).toContain('JY-2026-001 最近一次整改反馈为“正在整改”，尚未报告整改到位。确定评估通过并办结吗？');
    expect((await bot.rt.db.matter.findFirstOrThrow()).status).toBe('replied');
    expect(await bot.answer('c-joint', 'u-liaison', '是')).toContain('已评估通过 JY-2026-001');
    expect((await bot.rt.db.matter.findFirstOrThrow()).status).toBe('closed');
  });

  it('warns at the review when 通过 is given by the card’s form', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    await replyInProgress(bot);
    await bot.answer('c-joint', 'u-liaison', '/评估 JY-2026-001 通过');
    const review = await bot.answer('c-joint', 'u-liaison', '基本到位');
    expect(review).toContain('注意：最近一次整改反馈为“正在整改”，尚未报告整改到位；确认后仍将办结。');
  });
});

// A reply is not the end (issue 22, items 1 and 2, first parts): a reply that says 正在整改 keeps the
// matter owed by its expected date (整改中) — reminded, overdue and extensible as a reply deadline is;
// a reply waiting for evaluation reminds the joint group after 5 working days and every 5 after, until
// evaluated; 通过 while 正在整改 asks for a confirmation first, and closes nothing until it is given.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-09-01';

/** The agency's reply by the form, its answers in order, no file, then 确认. */
async function replyBy(b: TestBot, ...answers: string[]): Promise<string> {
  for (const text of ['/反馈 JY-2026-001', ...answers, '/跳过']) await b.answer('c-scj', 'u-scj', text);
  return b.answer('c-scj', 'u-scj', '确认');
}

/** 正在整改 with an expected date. */
const replyInProgress = (b: TestBot) => replyBy(b, '已对 6 个农贸市场的计量器具开展检定', '正在整改', '2026-10-30');
/** 已整改. */
const replyDone = (b: TestBot) => replyBy(b, '已对 6 个农贸市场的计量器具全部完成检定', '已整改');

const waiting = async (b: TestBot) =>
  (await b.botSays('c-joint')).map((m) => m.text).filter((t) => t.startsWith('【待评估】'));

describe('a reply waiting for evaluation', () => {
  it('reminds the joint group after 5 working days and every 5 after, until it is evaluated', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    expect(await replyDone(bot)).toContain('第 1 次整改反馈（已整改到位）');
    await bot.advance({ to: '2026-09-07T17:00:00+08:00' }); // four working days: nothing yet
    expect(await waiting(bot)).toEqual([]);
    await bot.advance({ to: '2026-09-08T10:00:00+08:00' });
    expect(await waiting(bot)).toEqual([
      '【待评估】示例县市场监督管理局于 2026-09-01 报送的检察建议 JY-2026-001《关于农贸市场计量的检察建议》第 1 次整改反馈（已整改到位），已 5 个工作日未评估。\n请评估：/评估 JY-2026-001 通过 意见=…；整改不到位的，/评估 JY-2026-001 跟进监督 意见=…',
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
    expect((await bot.rt.db.matter.findFirstOrThrow()).status).toBe('rectifying');
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

describe('a reply that says 正在整改', () => {
  it('keeps the matter owed by its expected date: reminded before it, overdue after it, extensible', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    expect(await replyInProgress(bot)).toContain(
      '第 1 次整改反馈（正在整改），已转检察院联络员。整改期限为预计完成日期 2026-10-30，期间照常提醒',
    );
    const m = await bot.rt.db.matter.findFirstOrThrow();
    expect([m.status, m.dueOn, m.originalDueOn]).toEqual(['rectifying', '2026-10-30', '2026-11-02']);
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001')).toContain('正在整改');
    // the agency may ask for more time while rectifying
    expect(await bot.answer('c-scj', 'u-scj', '/延期 JY-2026-001 期限=15日 理由=检定机构排期')).toContain(
      '已提交 JY-2026-001 的延期申请（延长 15日，期限将由 2026-10-30 延至',
    );
    await bot.answer('c-joint', 'u-liaison', '/延期 JY-2026-001 驳回 意见=请按期完成');
    const cur = await bot.lastCursor('c-scj');
    await bot.advance({ to: '2026-10-30T10:00:00+08:00' });
    const before = (await bot.botSays('c-scj', cur)).map((x) => x.text.split('\n')[0]!);
    expect(before.filter((t) => t.startsWith('【整改期限提醒】'))).toHaveLength(3); // 7, 3 and 1 working days before
    expect(before.filter((t) => t.startsWith('【到期提醒】'))).toEqual([]);
    expect(before.at(-1)).toBe(
      '【整改期限今日届满】检察建议 JY-2026-001《关于农贸市场计量的检察建议》贵单位报告的预计完成日期是今天（2026-10-30），尚未报告整改到位。',
    );
    await bot.advance({ to: '2026-11-03T10:00:00+08:00' });
    const after = (await bot.botSays('c-scj', cur)).map((x) => x.text.split('\n')[0]!);
    expect(after.filter((t) => t.startsWith('【整改逾期】'))).toHaveLength(1);
    const supervisor = (await bot.botSays('c-supervisor')).map((x) => x.text.split('\n')[0]!);
    expect(supervisor.at(-1)).toContain('报告预计 2026-10-30 完成整改，至今未报告整改到位');
    // the final reply (已整改) stops the chase and waits for the evaluation
    await replyDone(bot);
    expect((await bot.rt.db.matter.findFirstOrThrow()).status).toBe('replied');
  });
});

describe('a reply on one line', () => {
  it('is read by the form’s own rules: the form asks only what is missing', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    // a word officials use for the status, and a date: only the attachments are asked, then the review
    const asked = await bot.answer(
      'c-scj',
      'u-scj',
      '/反馈 JY-2026-001 措施=已约谈 6 个市场开办方 状态=整改中 预计=2026-10-30',
    );
    expect(asked).toContain('请直接发送文件或图片');
    const review = await bot.answer('c-scj', 'u-scj', '/跳过');
    expect(review).toContain('· 整改状态：正在整改');
    expect(review).toContain('· 预计完成日期：2026-10-30');
    await bot.answer('c-scj', 'u-scj', '确认');
    expect((await bot.rt.db.matter.findFirstOrThrow()).status).toBe('rectifying');
  });

  it('names the field and what to write when a value is wrong, and starts nothing', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', REGISTER);
    const said = await bot.answer('c-scj', 'u-scj', '/反馈 JY-2026-001 状态=差不多了');
    expect(said).toContain('「整改状态」写得不对：可写 已整改到位、正在整改、不予采纳。');
    expect(await bot.rt.db.formSession.count()).toBe(0);
    expect(await bot.answer('c-scj', 'u-scj', '/反馈 JY-2026-001 状态=正在整改 预计=2026-08-01')).toContain(
      '「预计完成日期」写得不对：',
    );
  });
});

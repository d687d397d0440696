// The whole life of a procuratorial recommendation, through the sandbox's JSON API,
// with the simulated clock, on a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于加强校园食品安全监管的检察建议" 送达=2026-09-01 期限=2个月';

describe('a recommendation nobody answers', () => {
  it('is registered, reminded at office hours, then overdue and escalated — each exactly once, across a restart', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const r = await bot.say('c-joint', 'u-liaison', REGISTER);
    expect(r.status).toBe(202);
    const [answer] = await bot.botSays('c-joint');
    expect(answer!.text).toContain('已登记检察建议 JY-2026-001');
    expect(answer!.text).toContain('期限届满日：2026-11-02');
    expect(answer!.text).toContain('顺延：2026-11-01 周日');

    const [notice] = await bot.botSays('c-scj');
    expect(notice!.text).toContain('JY-2026-001');
    expect(notice!.card?.buttons.map((b) => b.label)).toEqual(['填写整改反馈', '申请延期', '查看详情']);

    // to the morning before the due date's week: T-7 (10-22), T-3 (10-28) …
    expect((await bot.advance({ days: 57 })).status).toBe(200); // 2026-10-28 10:00
    let reminders = (await bot.botSays('c-scj')).filter((m) => m.text.startsWith('【到期提醒】'));
    expect(reminders.map((m) => shanghai(m.createdAt).slice(0, 10))).toEqual(['2026-10-22', '2026-10-28']);
    for (const m of reminders) expect(shanghai(m.createdAt).slice(11)).toMatch(/^09:0[12]$/);
    expect(reminders[0]!.text).toContain('还剩 7 个工作日');

    // restart in the middle: nothing repeats
    bot = await bot.restart();
    reminders = (await bot.botSays('c-scj')).filter((m) => m.text.startsWith('【到期提醒】'));
    expect(reminders).toHaveLength(2);

    await bot.advance({ days: 20 });
    const scj = await bot.botSays('c-scj');
    expect(scj.filter((m) => m.text.startsWith('【到期提醒】')).map((m) => shanghai(m.createdAt).slice(0, 10))).toEqual(
      ['2026-10-22', '2026-10-28', '2026-10-30'],
    );
    expect(scj.filter((m) => m.text.startsWith('【今日到期】')).map((m) => shanghai(m.createdAt).slice(0, 10))).toEqual(
      ['2026-11-02'],
    );
    const overdue = scj.filter((m) => m.text.startsWith('【逾期通知】'));
    expect(overdue.map((m) => shanghai(m.createdAt).slice(0, 10))).toEqual(['2026-11-03']);
    const sup = await bot.botSays('c-supervisor');
    expect(sup.filter((m) => m.text.startsWith('【督办】'))).toHaveLength(1);
    expect(sup[0]!.text).toContain('示例县市场监督管理局');
    // the leaders group also has its weekly digests: the escalations are what this test counts
    const leaders = (await bot.botSays('c-leaders')).filter(
      (m) => !m.text.startsWith('【府检联动周报】') && !m.text.includes('周报图表'),
    );
    expect(leaders.map((m) => shanghai(m.createdAt).slice(0, 10))).toEqual(['2026-11-10']); // 5 working days after 11-03
    expect(leaders[0]!.text).toContain('【提级督办】');

    // a clock jump and another restart send nothing again
    bot = await bot.restart();
    await bot.advance({ days: 60 });
    expect((await bot.botSays('c-scj')).length).toBe(scj.length);
    expect((await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提级督办】')).length).toBe(1);

    // the ledger shows it overdue
    const before = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '/台账');
    const [ledger] = await bot.botSays('c-scj', before);
    expect(ledger!.text).toContain('JY-2026-001');
    expect(ledger!.text).toMatch(/已逾期 \d+ 天/);
  });
});

describe('a recommendation answered, returned, extended and closed', () => {
  it('goes through the whole life', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);

    // the agency opens the reply form from the notice's button
    const [notice] = await bot.botSays('c-scj');
    const click = await bot.act(notice!.id, 'u-scj', '/反馈 JY-2026-001');
    expect(click.status).toBe(200);
    expect(click.body.replies.map((m: { text: string }) => m.text).join('\n')).toContain('开始填写《整改反馈》');

    let cur = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '已开展专项检查 12 家，责令 3 家限期整改');
    await bot.say('c-scj', 'u-zrzy', '大家好，我是来打招呼的'); // someone else chatting does not disturb the form
    await bot.say('c-scj', 'u-scj', '2');
    let says = (await bot.botSays('c-scj', cur)).map((m) => m.text);
    expect(says.at(-1)).toContain('预计完成日期');
    expect(says.join('\n')).not.toContain('打招呼');

    bot = await bot.restart(); // the form survives a restart
    cur = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '2026-12-31');
    await bot.say('c-scj', 'u-scj', '', { attachments: [{ name: '整改报告.pdf' }] });
    says = (await bot.botSays('c-scj', cur)).map((m) => m.text);
    expect(says.at(-1)).toContain('请核对《整改反馈》');
    expect(says.at(-1)).toContain('整改状态：正在整改');
    expect(says.at(-1)).toContain('预计完成日期：2026-12-31');
    expect(says.at(-1)).toContain('附件：整改报告.pdf');
    await bot.say('c-scj', 'u-scj', '确认');
    says = (await bot.botSays('c-scj', cur)).map((m) => m.text);
    expect(says.at(-1)).toContain('第 1 次整改反馈（正在整改）');
    const joint = await bot.botSays('c-joint');
    expect(joint.at(-1)!.text).toContain('【整改反馈】');

    // no reminders once replied
    await bot.advance({ days: 70 });
    expect((await bot.botSays('c-scj')).filter((m) => /【(到期提醒|今日到期|逾期通知)】/.test(m.text))).toHaveLength(0);

    // 退回 with a new period of 15 days from today (2026-11-10)
    cur = await bot.lastCursor('c-joint');
    await bot.say('c-joint', 'u-liaison', '/评估 JY-2026-001 退回 意见=整改措施不具体 期限=15日');
    expect((await bot.botSays('c-joint', cur)).at(-1)!.text).toContain('届满日 2026-11-25');
    const returned = (await bot.botSays('c-scj')).at(-1)!;
    expect(returned.text).toContain('【跟进监督】');

    // the agency asks for 15 more days; the liaison approves; reminders follow the new date
    cur = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '/延期 JY-2026-001 期限=15日 理由="需等待第三方检测结果"');
    expect((await bot.botSays('c-scj', cur)).at(-1)!.text).toContain('由 2026-11-25 延至 2026-12-10');
    await bot.say('c-joint', 'u-liaison', '/延期 JY-2026-001 批准');
    expect((await bot.botSays('c-scj')).at(-1)!.text).toContain('【同意延期】');

    cur = await bot.lastCursor('c-scj');
    await bot.advance({ days: 25 }); // to 2026-12-05
    const remindersAfter = (await bot.botSays('c-scj', cur)).filter((m) => m.text.startsWith('【到期提醒】'));
    expect(remindersAfter.length).toBeGreaterThan(0);
    for (const m of remindersAfter) expect(m.text).toContain('将于 2026-12-10 到期');

    // a staged second reply, then 通过 closes it
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001');
    await bot.say('c-scj', 'u-scj', '三家单位均已整改完毕');
    await bot.say('c-scj', 'u-scj', '已整改');
    await bot.say('c-scj', 'u-scj', '/跳过');
    await bot.say('c-scj', 'u-scj', '确认');
    expect((await bot.botSays('c-scj')).at(-1)!.text).toContain('第 2 次整改反馈（已整改到位）');
    await bot.say('c-joint', 'u-liaison', '/评估 JY-2026-001 通过 意见=整改到位');
    expect((await bot.botSays('c-joint')).at(-1)!.text).toContain('已评估通过 JY-2026-001');

    cur = await bot.lastCursor('c-joint');
    await bot.say('c-joint', 'u-liaison', '/状态 JY-2026-001');
    const status = (await bot.botSays('c-joint', cur)).at(-1)!.text;
    expect(status).toContain('当前状态：已办结');
    expect(status).toContain('原定期限 2026-11-02');
    expect(status).toContain('同意延期，期限由 2026-11-25 延至 2026-12-10');
    expect(status).toContain('收到第 2 次整改反馈');

    cur = await bot.lastCursor('c-joint');
    await bot.say('c-joint', 'u-liaison', '/台账');
    expect((await bot.botSays('c-joint', cur)).at(-1)!.text).toContain('目前没有未办结事项');
  });
});

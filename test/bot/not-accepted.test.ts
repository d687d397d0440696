// 不予采纳: the agency does not accept the recommendation; the liaison chooses the road on — 跟进监督,
// 提请督办 (the road's next step at once), and for a 诉前检察建议 提起诉讼 or 终结案件, each recorded
// with its date (issue 22, item 1).
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';
import { JIASHAN_ROAD, rosterFile } from '../support/roster.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SQ = '/建议 新建 类型=诉前 单位=生态环境局 标题="关于督促整治饮用水水源地污染的诉前检察建议" 送达=2026-09-01';

async function notAccepted(b: TestBot, reason: string): Promise<void> {
  await b.say('c-sthj', 'u-sthj', `/反馈 SQ-2026-001 措施=已组织调查 状态=不予采纳 理由=${reason}`);
  await b.say('c-sthj', 'u-sthj', '/跳过');
  await b.say('c-sthj', 'u-sthj', '确认');
}

describe('a 不予采纳 reply', () => {
  it('offers 跟进监督, 提请督办, 提起诉讼 and 终结案件; 提请督办 presses the road’s next step now; 提起诉讼 closes it', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    expect(await bot.answer('c-joint', 'u-liaison', SQ)).toContain('SQ-2026-001');
    await bot.advance({ to: '2026-09-10T10:00:00+08:00' });
    await notAccepted(bot, '水源地属上级部门管辖');
    const card = (await bot.botSays('c-joint')).filter((m) => m.text.startsWith('【整改反馈】')).at(-1)!;
    expect(card.text).toContain('第 1 次整改反馈：不予采纳');
    expect(card.text).toContain('不予采纳的理由：水源地属上级部门管辖');
    expect(card.card!.buttons.map((b) => b.label)).toEqual([
      '跟进监督',
      '提请督办',
      '提起诉讼',
      '终结案件',
      '查看详情',
    ]);

    // 提请督办: a new period and, on the default road, the leaders at once (the step after the overdue notice)
    expect(await bot.answer('c-joint', 'u-liaison', '/评估 SQ-2026-001 提请督办 意见=理由不成立 期限=15日')).toContain(
      '已就 SQ-2026-001 提请督办：按督办路径报领导；同时要求重新整改，新的期限届满日 2026-09-28。',
    );
    const leaders = (await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提请督办】'));
    expect(leaders.map((m) => m.text.split('\n')[0])).toEqual([
      '【提请督办】示例县生态环境分局办理的诉前检察建议 SQ-2026-001《关于督促整治饮用水水源地污染的诉前检察建议》的整改反馈为不予采纳，经检察院评估理由不成立，提请督办（重新整改期限 2026-09-28），特此报告。',
    ]);
    expect(leaders[0]!.card!.buttons.map((b) => b.label)).toEqual(['批示', '查看详情']);
    expect((await bot.botSays('c-supervisor')).filter((m) => m.text.startsWith('【提请督办】'))).toHaveLength(1);
    const returned = await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'SQ-2026-001' } });
    expect([returned.status, returned.dueOn]).toEqual(['returned', '2026-09-28']); // 09-10 + 15 days is 09-25, 中秋节: the next working day

    // not accepted again: 提起诉讼 closes it, the agency and the copy groups hear the outcome
    await notAccepted(bot, '仍属上级部门管辖');
    expect(
      await bot.answer('c-joint', 'u-liaison', '/评估 SQ-2026-001 提起诉讼 意见=行政机关未依法履行职责'),
    ).toContain(
      '已就诉前检察建议 SQ-2026-001《关于督促整治饮用水水源地污染的诉前检察建议》作出提起诉讼的评估结论，事项办结。',
    );
    expect((await bot.botSays('c-sthj')).filter((m) => m.text.startsWith('【评估结论】')).map((m) => m.text)).toEqual([
      '【评估结论】诉前检察建议 SQ-2026-001《关于督促整治饮用水水源地污染的诉前检察建议》经检察院评估，行政机关未依法履行职责，将依法提起行政公益诉讼，本事项办结。意见：行政机关未依法履行职责',
    ]);
    expect((await bot.botSays('c-sfj')).filter((m) => m.text.includes('将依法提起行政公益诉讼'))).toHaveLength(1);
    const evaluations = await bot.rt.db.evaluation.findMany({ orderBy: { createdAt: 'asc' } });
    expect(evaluations.map((e) => e.verdict)).toEqual(['return', 'litigate']);
    expect((await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'SQ-2026-001' } })).status).toBe('closed');
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 SQ-2026-001')).toContain(
      '评估结论：提起行政公益诉讼，办结。意见：行政机关未依法履行职责',
    );
  });

  it('keeps 提起诉讼 and 终结案件 to 诉前检察建议, and 终结案件 from the card asks for the opinion', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', SQ);
    await bot.say(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-09-01',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/评估 JY-2026-001 提起诉讼 意见=X')).toContain(
      'JY-2026-001 不是诉前检察建议',
    );
    await notAccepted(bot, '缺乏执法依据');
    const card = (await bot.botSays('c-joint')).filter((m) => m.text.startsWith('【整改反馈】')).at(-1)!;
    const end = card.card!.buttons.find((b) => b.label === '终结案件')!;
    expect(end.command).toBe('/评估 SQ-2026-001 终结案件');
    await bot.act(card.id, 'u-liaison', end.command);
    await bot.say('c-joint', 'u-liaison', '污染已由上级部门整治完毕');
    const cursor = await bot.lastCursor('c-sthj');
    await bot.say('c-joint', 'u-liaison', '确认');
    expect((await bot.botSays('c-sthj', cursor)).map((m) => m.text)).toEqual([
      '【评估结论】诉前检察建议 SQ-2026-001《关于督促整治饮用水水源地污染的诉前检察建议》经检察院评估，终结案件，本事项办结。意见：污染已由上级部门整治完毕',
    ]);
  });
});

describe('提请督办 on the Jiashan road', () => {
  it('goes to the road’s next step after the last pressed (the leaders, the 司法局 having been pressed), by the form', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00', env: { LIANDONG_ROSTER: rosterFile(JIASHAN_ROAD) } });
    await bot.say(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-09-01',
    );
    await bot.advance({ to: '2026-11-10T10:00:00+08:00' }); // overdue 11-03, the 司法局 pressed 11-10
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001 措施=已组织调查 状态=不予采纳 理由=缺乏执法依据');
    await bot.say('c-scj', 'u-scj', '/跳过');
    await bot.say('c-scj', 'u-scj', '确认');
    const card = (await bot.botSays('c-joint')).filter((m) => m.text.startsWith('【整改反馈】')).at(-1)!;
    const escalate = card.card!.buttons.find((b) => b.label === '提请督办')!;
    await bot.act(card.id, 'u-liaison', escalate.command);
    await bot.say('c-joint', 'u-liaison', '不予采纳的理由不成立');
    expect(await bot.answer('c-joint', 'u-liaison', '15日')).toContain('期限届满：2026-11-25'); // the review shows it
    await bot.say('c-joint', 'u-liaison', '确认');
    expect((await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提请督办】'))).toHaveLength(1);
    expect((await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【提请督办】'))).toHaveLength(0);
    const status = await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001');
    expect(status).toContain('逾期未反馈，按督办路径提级督办，报示例县司法局');
    expect(status).toContain('评估后提请督办，按督办路径报领导');
    // the evaluator's card is closed saying what was done
    const closed = (await bot.cardUpdates('c-joint')).at(-1)!;
    expect(closed.card!.closedNote).toContain('提请督办');
  });
});

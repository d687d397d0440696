// The road's later steps as people take them (issue 22, items 5–7): the 司法局 issues a
// 《行政执法监督通知书》 that the agency answers and the 司法局 evaluates; copies (抄送) go to the
// legal office and the supervisor group; the supervisor presses (督办) with a limit and a leader
// instructs (批示) — each reaching the agency group once, each in the history and the figures.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai, startBot, type TestBot } from '../support/bot.js';
import { JIASHAN_ROAD, rosterFile } from '../support/roster.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const jiashanRoster = () => rosterFile(JIASHAN_ROAD);

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于加强校园食品安全监管的检察建议" 送达=2026-09-01 期限=2个月';
const starting = (prefix: string) => (m: { text: string }) => m.text.startsWith(prefix);
const day = (m: { createdAt: string }) => shanghai(m.createdAt).slice(0, 10);

describe('the 司法局’s 《行政执法监督通知书》 on the Jiashan road', () => {
  it('reaches the 司法局, which issues TZ-2026-001; the agency answers it and the 司法局 evaluates it', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00', env: { LIANDONG_ROSTER: jiashanRoster() } });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    // 抄送 at issuance: the 司法局's work group (no 法制 group is bound) and the supervisor group
    for (const chat of ['c-sfj', 'c-supervisor'])
      expect((await bot.botSays(chat)).filter(starting('【抄送】')).map((m) => m.text)).toEqual([
        '【抄送】示例县人民检察院向示例县市场监督管理局制发的检察建议 JY-2026-001《关于加强校园食品安全监管的检察建议》已于 2026-09-01 送达，限2个月内书面回复，期限届满日 2026-11-02。',
      ]);
    await bot.advance({ to: '2026-11-10T10:00:00+08:00' }); // the road reached the 司法局 this morning
    const pressed = (await bot.botSays('c-sfj')).find(starting('【提级督办】'))!;
    const issue = pressed.card!.buttons.find((b) => b.label === '制发监督通知书')!;
    // the button opens the form: the matter to correct, the limit (15日 by default), then 确认
    let cursor = await bot.lastCursor('c-sfj');
    await bot.act(pressed.id, 'u-sfj', issue.command);
    expect((await bot.botSays('c-sfj', cursor)).map((m) => m.text).join('\n')).toContain('请写明责令纠正的事项');
    await bot.say('c-sfj', 'u-sfj', '责令限期整改校园食品安全监管问题');
    await bot.say('c-sfj', 'u-sfj', '15日');
    cursor = await bot.lastCursor('c-sfj');
    await bot.say('c-sfj', 'u-sfj', '确认');
    const issued = (await bot.botSays('c-sfj', cursor)).map((m) => m.text).join('\n');
    expect(issued).toContain('已登记行政执法监督通知书 TZ-2026-001');
    expect(issued).toContain('期限届满日：2026-11-25'); // 11-10 + 15 days, a Wednesday
    const served = (await bot.botSays('c-scj')).filter((m) => m.text.startsWith('【行政执法监督通知书】'));
    // the notice names the 司法局 and the recommendation it follows
    expect(served.map((m) => m.text.split('\n'))).toEqual([
      [
        '【行政执法监督通知书】示例县司法局就检察建议 JY-2026-001《关于加强校园食品安全监管的检察建议》向贵单位制发《行政执法监督通知书》TZ-2026-001：责令限期整改校园食品安全监管问题。',
        '请于 2026-11-25 前纠正并书面回复（送达日期 2026-11-10，限15日）。办理方法：发送 /反馈 TZ-2026-001，或引用本消息回复。',
      ],
    ]);
    expect((await bot.botSays('c-joint')).find((m) => m.text.startsWith('【监督通知书】'))!.text).toContain(
      '示例县司法局已就 JY-2026-001《关于加强校园食品安全监管的检察建议》向示例县市场监督管理局制发《行政执法监督通知书》TZ-2026-001，责令于 2026-11-25 前纠正并书面回复。',
    );
    // copied to the supervisor group, not back to the 司法局 that issued it
    expect(
      (await bot.botSays('c-supervisor')).filter((m) => starting('【抄送】')(m) && m.text.includes('TZ-')),
    ).toHaveLength(1);
    expect((await bot.botSays('c-sfj')).filter((m) => starting('【抄送】')(m) && m.text.includes('TZ-'))).toHaveLength(
      0,
    );

    // the agency answers the notice; the reply goes to the 司法局 to evaluate
    await bot.say('c-scj', 'u-scj', '/反馈 TZ-2026-001 措施=已对全县学校食堂开展专项检查并整改 状态=已整改到位');
    await bot.say('c-scj', 'u-scj', '/跳过'); // no attachments
    await bot.say('c-scj', 'u-scj', '确认');
    const toEvaluate = (await bot.botSays('c-sfj')).filter(starting('【整改反馈】'));
    expect(toEvaluate.map((m) => m.card!.buttons[0]!.command)).toEqual(['/评估 TZ-2026-001 通过']);
    expect(
      (await bot.botSays('c-joint')).filter((m) => m.text.includes('TZ-2026-001') && m.text.startsWith('【整改反馈】')),
    ).toEqual([]);
    expect(await bot.answer('c-joint', 'u-liaison', '/评估 TZ-2026-001 通过 意见=同意')).toBe(
      'TZ-2026-001 由示例县司法局评估和答复延期申请，只有示例县司法局的联络员可以办理。',
    );
    expect(await bot.answer('c-sfj', 'u-sfj', '/评估 TZ-2026-001 通过 意见=已纠正')).toContain(
      '已评估通过 TZ-2026-001',
    );
    expect((await bot.botSays('c-scj')).find(starting('【评估通过】'))!.text).toContain('经示例县司法局评估通过');
    expect(
      (await bot.botSays('c-supervisor'))
        .filter(starting('【抄送】'))
        .map((m) => m.text)
        .at(-1),
    ).toContain('经示例县司法局评估，整改到位，事项办结');
    // the recommendation's history names the notice; the year's figures count it
    const status = await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001');
    expect(status).toContain('示例县司法局制发《行政执法监督通知书》TZ-2026-001，期限届满 2026-11-25（已办结）');
    expect(await bot.answer('c-joint', 'u-liaison', '/统计 2026 市场监管局')).toContain('监督通知书 1 件');
  });

  it('refuses a notice from anyone but the 司法局, about a closed or unknown recommendation, or without 关联=', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    expect(await bot.answer('c-joint', 'u-liaison', '/监督通知书 新建 关联=JY-2026-001 事项=X')).toContain(
      '您没有权限使用 /监督通知书',
    );
    expect(await bot.answer('c-sfj', 'u-sfj', '/监督通知书 新建 事项=X')).toContain('请写明关联的检察建议编号');
    expect(await bot.answer('c-sfj', 'u-sfj', '/监督通知书 新建 关联=JY-2026-009 事项=X')).toContain('JY-2026-009');
    expect(await bot.rt.db.matter.count({ where: { kind: 'supervision_notice' } })).toBe(0);
  });
});

describe('督办 and 批示', () => {
  it('the supervisor presses with a limit and a leader instructs: each reaches the agency group once, and stays', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.advance({ to: '2026-11-03T10:00:00+08:00' }); // overdue this morning
    const card = (await bot.botSays('c-supervisor')).find(starting('【督办】'))!;
    expect(card.card!.buttons.map((b) => b.command)).toEqual(['/督办 JY-2026-001', '/状态 JY-2026-001']);
    // the button opens the short form: the opinion, the limit (5个工作日 by default)
    await bot.act(card.id, 'u-supervisor', card.card!.buttons[0]!.command);
    await bot.say('c-supervisor', 'u-supervisor', '请于限期内书面回复整改情况');
    await bot.say('c-supervisor', 'u-supervisor', '/跳过');
    const cursor = await bot.lastCursor('c-supervisor');
    await bot.say('c-supervisor', 'u-supervisor', '确认');
    expect((await bot.botSays('c-supervisor', cursor)).map((m) => m.text).join('\n')).toContain(
      '已督办 JY-2026-001《关于加强校园食品安全监管的检察建议》：示例县市场监督管理局须于 2026-11-10 前报告办理情况',
    );
    // a second click on the used card does nothing more
    await bot.act(card.id, 'u-supervisor', card.card!.buttons[0]!.command);
    const pressed = (await bot.botSays('c-scj')).filter(starting('【督办】'));
    expect(pressed.map((m) => m.text.split('\n')[0])).toEqual([
      '【督办】示例县人民政府督查室（赵刚）督办检察建议 JY-2026-001《关于加强校园食品安全监管的检察建议》：请于限期内书面回复整改情况',
    ]);
    expect(await bot.answer('c-scj', 'u-scj', '/督办 JY-2026-001 意见=快')).toContain('您没有权限使用 /督办');

    // a leader instructs from the leaders group
    expect(await bot.answer('c-leaders', 'u-leader', '/批示 JY-2026-001 内容=请抓紧整改到位，按期报告')).toContain(
      '已将对 JY-2026-001',
    );
    expect((await bot.botSays('c-scj')).filter(starting('【领导批示】')).map((m) => m.text.split('\n')[0])).toEqual([
      '【领导批示】陈县长（示例县人民政府）对检察建议 JY-2026-001《关于加强校园食品安全监管的检察建议》批示：请抓紧整改到位，按期报告',
    ]);
    expect((await bot.botSays('c-joint')).filter(starting('【领导批示】'))).toHaveLength(1);

    // the 督办's limit comes with no reply: the agency and the supervisor group hear it, once
    await bot.advance({ to: '2026-11-12T10:00:00+08:00' });
    expect((await bot.botSays('c-scj')).filter(starting('【督办到期】')).map(day)).toEqual(['2026-11-10']);
    expect((await bot.botSays('c-supervisor')).filter(starting('【督办到期】')).map(day)).toEqual(['2026-11-10']);
    bot = await bot.restart();
    await bot.advance({ days: 7 });
    expect((await bot.botSays('c-scj')).filter(starting('【督办到期】'))).toHaveLength(1);

    const status = await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001');
    expect(status).toContain('示例县人民政府督查室（赵刚）督办：请于限期内书面回复整改情况（限 2026-11-10 前报告）');
    expect(status).toContain('陈县长批示：请抓紧整改到位，按期报告');
    // counted apart from the automatic 提级督办
    expect(await bot.answer('c-joint', 'u-liaison', '/统计 2026 市场监管局')).toContain('提级督办 1，督办 1 次');
  });
});

describe('a 督办 answered', () => {
  it('sends no 督办到期 when the agency replied after the 督办, even when the matter was returned since', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.advance({ to: '2026-11-03T10:00:00+08:00' });
    await bot.say('c-supervisor', 'u-supervisor', '/督办 JY-2026-001 意见=请于限期内书面回复');
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001 措施=已开展检查 状态=已整改到位');
    await bot.say('c-scj', 'u-scj', '/跳过');
    await bot.say('c-scj', 'u-scj', '确认');
    await bot.say('c-joint', 'u-liaison', '/评估 JY-2026-001 退回 意见=检查不全面 期限=1个月');
    await bot.advance({ to: '2026-11-12T10:00:00+08:00' });
    expect((await bot.botSays('c-scj')).filter(starting('【督办到期】'))).toEqual([]);
    expect((await bot.botSays('c-supervisor')).filter(starting('【督办到期】'))).toEqual([]);
  });
});

describe('抄送', () => {
  it('goes to a group bound with the word 法制 instead of the 司法局’s, and only where COPY_TO says', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00', env: { COPY_TO: '法制' } });
    expect(await bot.answer('c-legal', 'u-admin', '/绑定 示例县人民政府 法制')).toContain('法制群');
    await bot.say('c-joint', 'u-liaison', REGISTER);
    expect((await bot.botSays('c-legal')).filter(starting('【抄送】'))).toHaveLength(1);
    expect((await bot.botSays('c-sfj')).filter(starting('【抄送】'))).toHaveLength(0);
    expect((await bot.botSays('c-supervisor')).filter(starting('【抄送】'))).toHaveLength(0);
    // the evaluation is copied too
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001 措施=已开展专项检查 状态=已整改到位');
    await bot.say('c-scj', 'u-scj', '/跳过');
    await bot.say('c-scj', 'u-scj', '确认');
    await bot.say('c-joint', 'u-liaison', '/评估 JY-2026-001 退回 意见=检查覆盖面不足 期限=15日');
    expect((await bot.botSays('c-legal')).filter(starting('【抄送】')).at(-1)!.text).toContain(
      '整改反馈经检察院评估，整改不到位，跟进监督',
    );
  });
});

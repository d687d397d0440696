// The conversation form engine, driven through the sandbox as people would use it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterChanged } from '../../src/store/roster.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ start: '2026-09-10T10:00:00+08:00' });
  await bot.say('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
  await bot.say('c-joint', 'u-liaison', '/建议 新建 单位=应急局 标题=关于消防通道的检察建议 送达=2026-09-01');
});
afterAll(() => bot.stop());

const answer: TestBot['answer'] = (...args) => bot.answer(...args);

describe('conversation forms', () => {
  it('treats words like 帮助 as answers; only a leading / is a command', async () => {
    expect(await answer('c-scj', 'u-scj', '/反馈 JY-2026-001')).toContain('请填写已采取或将要采取的整改措施');
    expect(await answer('c-scj', 'u-scj', '帮助')).toContain('请选择整改状态');
    expect(await answer('c-scj', 'u-scj', '/取消')).toContain('已取消《整改反馈》');
    expect(await bot.rt.db.reply.count()).toBe(0);
  });

  it('goes back with /上一步, refuses /跳过 on a required field, and accepts a choice by its words', async () => {
    await answer('c-scj', 'u-scj', '/反馈 JY-2026-001');
    expect(await answer('c-scj', 'u-scj', '/上一步')).toContain('已经是第一项');
    expect(await answer('c-scj', 'u-scj', '/跳过')).toContain('“整改措施”为必填项');
    await answer('c-scj', 'u-scj', '第一稿措施');
    expect(await answer('c-scj', 'u-scj', '/上一步')).toContain('整改措施');
    await answer('c-scj', 'u-scj', '第二稿措施');
    expect(await answer('c-scj', 'u-scj', '无法整改')).toContain('请说明不予采纳的理由');
    await answer('c-scj', 'u-scj', '涉及上级部门职权');
    const summary = await answer('c-scj', 'u-scj', '/跳过');
    expect(summary).toContain('整改措施：第二稿措施');
    expect(summary).toContain('不予采纳的理由：涉及上级部门职权');
    expect(summary).not.toContain('预计完成日期');
    expect(await answer('c-scj', 'u-scj', '好的')).toContain('请回复“确认”提交');
    expect(await answer('c-scj', 'u-scj', '确认')).toContain('第 1 次整改反馈（不予采纳）');
    const reply = await bot.rt.db.reply.findFirst();
    expect(reply).toMatchObject({
      measures: '第二稿措施',
      rectStatus: 'impossible',
      reason: '涉及上级部门职权',
      expectedOn: null,
    });
  });

  it('ends a form after three failed answers to one field, explaining why', async () => {
    await answer('c-yjj', 'u-yjj', '/反馈 JY-2026-002');
    await answer('c-yjj', 'u-yjj', '已清理消防通道');
    expect(await answer('c-yjj', 'u-yjj', '7')).toContain(
      '请回复序号或选项文字：1. 已整改到位  2. 正在整改  3. 不予采纳',
    );
    await answer('c-yjj', 'u-yjj', '差不多吧');
    const end = await answer('c-yjj', 'u-yjj', '不知道');
    expect(end).toContain('“整改状态”连续 3 次未能识别');
    expect(end).toContain('/反馈 JY-2026-002');
    expect(await answer('c-yjj', 'u-yjj', '1')).toBe(''); // the form is gone: group chatter is ignored
  });

  it('rejects an expected date in the past', async () => {
    await answer('c-yjj', 'u-yjj', '/反馈 JY-2026-002');
    await answer('c-yjj', 'u-yjj', '措施');
    await answer('c-yjj', 'u-yjj', '2');
    expect(await answer('c-yjj', 'u-yjj', '2026-09-01')).toContain('日期不能早于今天（2026-09-10）');
    await answer('c-yjj', 'u-yjj', '/取消');
  });

  it('ends an idle form after 30 minutes with a message, and restarts cleanly', async () => {
    await answer('c-yjj', 'u-yjj', '/反馈 JY-2026-002');
    await bot.advance({ minutes: 20 });
    await answer('c-yjj', 'u-yjj', '清理了通道'); // an answer resets the idle time
    let cur = await bot.lastCursor('c-yjj');
    await bot.advance({ minutes: 29 });
    expect(await bot.botSays('c-yjj', cur)).toHaveLength(0);
    await bot.advance({ minutes: 2 });
    const says = await bot.botSays('c-yjj', cur);
    expect(says).toHaveLength(1);
    expect(says[0]!.text).toContain('已超过 30 分钟未回复');
    cur = await bot.lastCursor('c-yjj');
    expect(await answer('c-yjj', 'u-yjj', '1')).toBe('');
    expect(await answer('c-yjj', 'u-yjj', '/反馈 JY-2026-002')).toContain('开始填写《整改反馈》');
    await answer('c-yjj', 'u-yjj', '/取消');
  });

  it('starts the reply form when an officer quotes a reminder', async () => {
    const [notice] = await bot.botSays('c-scj');
    const text = await answer('c-scj', 'u-scj', '我们来反馈', { quoteMessageId: notice!.id });
    expect(text).toContain('开始填写《整改反馈》');
    await answer('c-scj', 'u-scj', '/取消');
  });

  it('validates a card-form submit on the server, and saves a valid one', async () => {
    const cur = await bot.lastCursor('c-scj');
    await answer('c-scj', 'u-scj', '/反馈 JY-2026-001');
    const card = (await bot.botSays('c-scj', cur)).find((m) => m.card?.form)!;
    expect(card.card!.form!.fields.map((f) => f.key)).toEqual([
      'measures',
      'rectStatus',
      'expectedOn',
      'reason',
      'attachments',
    ]);
    let r = await bot.act(card.id, 'u-scj', 'submit', {
      measures: '',
      rectStatus: 'in_progress',
      expectedOn: '2026-02-30',
    });
    expect(r.status).toBe(200);
    const errors = r.body.replies.map((m: { text: string }) => m.text).join('\n');
    expect(errors).toContain('“整改措施”未填写');
    expect(errors).toContain('“预计完成日期”：日期无法识别');
    expect(await bot.rt.db.reply.count()).toBe(1);
    r = await bot.act(card.id, 'u-scj', 'submit', {
      measures: '第二阶段整改',
      rectStatus: 'in_progress',
      expectedOn: '2026-12-31',
      attachments: [{ name: '照片.jpg', kind: 'image', ref: 'x' }],
    });
    expect(r.body.replies.map((m: { text: string }) => m.text).join('\n')).toContain('第 2 次整改反馈（正在整改）');
    const saved = await bot.rt.db.reply.findFirst({ where: { version: 2 } });
    expect(saved).toMatchObject({ measures: '第二阶段整改', expectedOn: '2026-12-31' });
    expect(JSON.parse(saved!.attachments)).toHaveLength(1);
    // the text form opened with the card is gone
    expect(await answer('c-scj', 'u-scj', '确认')).toBe('');
  });
  it('asks for a missing reason with the extension form, undisturbed by others', async () => {
    await answer('c-yjj', 'u-yjj', '/延期 JY-2026-002');
    await answer('c-yjj', 'u-admin', '/绑定 应急局'); // someone else's command does not touch the form
    expect(await answer('c-yjj', 'u-yjj', '十五日')).toContain('请说明申请延期的理由');
    expect(await answer('c-yjj', 'u-yjj', '需要协调物业')).toContain('申请延长期限：15日');
    expect(await answer('c-yjj', 'u-yjj', '确认')).toContain('已提交 JY-2026-002 的延期申请');
  });

  it('keeps two people’s forms in one group apart', async () => {
    const memberId = (await bot.rt.db.memberIdentity.findFirst({ where: { platformUserId: 'u-scj' } }))!.memberId;
    await bot.rt.db.memberIdentity.create({ data: { platform: 'sandbox', platformUserId: 'u-scj-2', memberId } });
    rosterChanged(); // edited behind the bot's back: it reads the roster again
    await answer('c-scj', 'u-scj', '/反馈 JY-2026-001');
    await answer('c-scj', 'u-scj-2', '/反馈 JY-2026-001');
    await answer('c-scj', 'u-scj', '甲的措施');
    await answer('c-scj', 'u-scj-2', '乙的措施');
    await answer('c-scj', 'u-scj', '1');
    expect(await answer('c-scj', 'u-scj-2', '/取消')).toContain('已取消');
    expect(await answer('c-scj', 'u-scj', '/跳过')).toContain('整改措施：甲的措施');
    expect(await answer('c-scj', 'u-scj', '确认')).toContain('第 3 次整改反馈（已整改到位）');
    expect((await bot.rt.db.reply.findFirst({ where: { version: 3 } }))?.measures).toBe('甲的措施');
  });
});

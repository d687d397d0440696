// The in-process helper drives the same bot as the sandbox page: a registration, a refusal
// that says what to type, a form that moves to the direct chat, and the reminders a simulated
// week brings — each checked against what a clerk would see.
import { describe, expect, it } from 'vitest';
import { inProcessBot } from '../support/exec.js';

describe('the bot in-process (bot.exec)', () => {
  it('registers a recommendation and answers in the chat it was asked in', async () => {
    const bot = await inProcessBot({ start: '2026-09-01T10:00:00+08:00' });
    const answer = await bot.exec('/建议 新建 单位=县市场监管局 标题="关于规范涉企检查的检察建议" 送达=2026-09-01');
    expect(answer).toContain('已登记检察建议 JY-2026-001');
    // 2 months from 09-01 is 11-01, a Sunday: the period ends on Monday 11-02 (民事诉讼法 第八十五条)
    expect(answer).toContain('2026-11-02');
    expect((await bot.botSays('c-scj')).map((m) => m.text).join('\n')).toContain('JY-2026-001');
  });

  it('refuses a bad date with the form to write, and registers nothing', async () => {
    const bot = await inProcessBot();
    const answer = await bot.exec('/建议 新建 单位=县市场监管局 标题="关于某事的检察建议" 送达=2026-13-40');
    expect(answer).toMatch(/2026-13-40/);
    expect(await bot.rt.db.matter.count()).toBe(0);
  });

  it('moves a clue form to the direct chat and keeps the group free of its content', async () => {
    const bot = await inProcessBot();
    expect(await bot.exec('/线索 新建 类别=违纪')).toContain('已转到您与机器人的私聊中填写');
    expect((await bot.botSays('dm:u-liaison')).map((m) => m.text).join('\n')).toContain('请填写接收单位');
    // inside a form a word like 帮助 is an answer (here: not a unit on the roster), not a command
    expect(await bot.exec('帮助', { chat: 'dm:u-liaison' })).toContain('名册中没有“帮助”这个单位');
  });
});

// 更正 and 撤回 of a registered recommendation (issue 23, item 5): set right or withdrawn by the
// liaison who registered it, the deadline recomputed, the agency told, the record kept.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于加强校园食品安全监管的检查建议" 送达=2026-09-01';

describe('更正 and 撤回', () => {
  it('corrects a typo and the served date, recomputing the deadline; refuses another liaison', async () => {
    bot = await startBot({ start: '2026-09-03T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER); // due 11-02 (11-01 a Sunday)
    expect(await bot.answer('c-joint', 'u-admin', '/建议 更正 JY-2026-001 送达=2026-09-02')).toContain('已更正'); // an admin may
    const said = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 更正 JY-2026-001 标题="关于加强校园食品安全监管的检察建议" 送达=2026-09-03',
    );
    expect(said).toContain(
      '· 标题：由《关于加强校园食品安全监管的检查建议》更正为《关于加强校园食品安全监管的检察建议》',
    );
    expect(said).toContain('· 送达日期：由 2026-09-02 更正为 2026-09-03');
    expect(said).toContain('期限届满日由 2026-11-02 改为 2026-11-03'); // 09-03 + 2 months = 11-03, a Tuesday
    const m = await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'JY-2026-001' } });
    expect([m.title, m.servedOn, m.dueOn, m.originalDueOn]).toEqual([
      '关于加强校园食品安全监管的检察建议',
      '2026-09-03',
      '2026-11-03',
      '2026-11-03',
    ]);
    const notices = (await bot.botSays('c-scj')).filter((x) => x.text.startsWith('【更正】'));
    expect(notices).toHaveLength(2);
    expect(notices[1]!.text).toContain('· 送达日期：由 2026-09-02 更正为 2026-09-03');
    // the reminders follow the new date: none planned for the old one
    const keys = (await bot.rt.db.scheduledJob.findMany({ where: { state: 'pending', kind: 'reminder' } })).map(
      (j) => j.idempotencyKey,
    );
    expect(keys.every((k) => k.includes('2026-11-03'))).toBe(true);
    expect(await bot.answer('c-sfj', 'u-sfj', '/建议 更正 JY-2026-001 标题=X')).toContain('您没有权限');
    expect(await bot.answer('c-joint', 'u-liaison', '/建议 更正 JY-2026-001')).toContain('请写明要更正的项目');
  });

  it('withdraws with a reason: reminders cancelled, the agency told, kept in the ledger as 已撤回', async () => {
    bot = await startBot({ start: '2026-09-03T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    expect(await bot.answer('c-joint', 'u-liaison', '/建议 撤回 JY-2026-001')).toContain('请写明撤回的理由');
    expect(await bot.answer('c-joint', 'u-liaison', '/建议 撤回 JY-2026-001 理由=建议内容另行制发')).toContain(
      '已撤回 JY-2026-001',
    );
    expect((await bot.botSays('c-scj')).at(-1)!.text).toBe(
      '【撤回】JY-2026-001《关于加强校园食品安全监管的检查建议》已由检察院撤回，无需再报送整改反馈。理由：建议内容另行制发',
    );
    expect(await bot.rt.db.scheduledJob.count({ where: { state: 'pending', matterId: { not: null } } })).toBe(0);
    await bot.advance({ days: 90 });
    expect((await bot.botSays('c-scj')).filter((x) => x.text.startsWith('【到期提醒】'))).toEqual([]);
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001')).toContain('已撤回');
    expect(await bot.answer('c-joint', 'u-liaison', '/建议 撤回 JY-2026-001 理由=再撤')).toContain('已撤回');
  });
});

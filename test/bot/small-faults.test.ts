// The smaller faults of the attack round (issue 20, item 11), each as a clerk met it.
import { describe, expect, it } from 'vitest';
import { inProcessBot } from '../support/exec.js';

describe('smaller faults', () => {
  it('asks to withdraw a restricted clue’s result or reason typed in a group, as for a progress note', async () => {
    const bot = await inProcessBot({ start: '2026-06-01T10:00:00+08:00' });
    await bot.exec('/线索 新建 类别=违纪 来源=群众举报 摘要=甲事 限制=是');
    await bot.exec('/线索 新建 类别=违纪 来源=群众举报 摘要=乙事 限制=是');
    await bot.exec('/线索 受理 XS-2026-001 承办人=韩雪', { chat: 'c-jw', as: 'u-jw' });
    const closed = await bot.exec('/线索 办结 XS-2026-001 结果=已立案 说明=立案编号丙', { chat: 'c-jw', as: 'u-jw' });
    expect(closed).toContain('XS-2026-001 为控制知悉范围的线索，请撤回您在群内发送的含线索内容的消息');
    expect(closed).not.toContain('立案编号丙');
    const returned = await bot.exec('/线索 退回 XS-2026-002 理由=不属本委管辖丁', { chat: 'c-jw', as: 'u-jw' });
    expect(returned).toContain('XS-2026-002 为控制知悉范围的线索，请撤回您在群内发送的含线索内容的消息');
    expect(returned).not.toContain('不属本委管辖丁');
  });

  it('answers /附件 about a clue as /线索 would, without saying whether it has files', async () => {
    const bot = await inProcessBot({ start: '2026-06-01T10:00:00+08:00' });
    await bot.exec('/线索 新建 类别=违纪 来源=群众举报 摘要=甲事 限制=是');
    const asked = await bot.exec('/附件 XS-2026-001', { chat: 'c-scj', as: 'u-scj' });
    expect(asked).toContain('XS-2026-001 是线索，/附件 不适用');
    expect(asked).not.toContain('没有附件');
  });

  it('reads JY-2026-0002 as JY-2026-002, wherever a code is typed', async () => {
    const bot = await inProcessBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.exec('/建议 新建 单位=县市场监管局 标题="关于甲的检察建议" 送达=2026-09-01');
    await bot.exec('/建议 新建 单位=县市场监管局 标题="关于乙的检察建议" 送达=2026-09-01');
    for (const typed of ['JY-2026-0002', 'jy-2026-2', 'ＪＹ－２０２６－００２'])
      expect(await bot.exec(`/状态 ${typed}`)).toContain('JY-2026-002');
    expect(await bot.exec('/状态 JY-2026-0002')).toContain('关于乙的检察建议');
  });
});

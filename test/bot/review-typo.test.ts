// /评查 is one character from /评估: a typo between them (/评差, /评) is never turned into either — the
// person is told there is no such command — and each typed right runs its own. A typo near only one of
// them is still corrected (/评查查 → /评查), and an officer typing /评估 is refused, not sent to /评查.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ start: '2026-10-12T10:00:00+08:00' });
});
afterAll(async () => {
  await bot.stop();
});

describe('the typo suggestion between /评查 and /评估', () => {
  it('offers neither for a typo as near to both', async () => {
    for (const typo of ['/评差', '/评']) {
      const said = await bot.answer('c-joint', 'u-liaison', typo);
      expect(said).toBe(`没有“${typo}”这个命令。发送 /帮助 查看可用命令。`);
      // and 是 runs nothing
      expect(await bot.answer('c-joint', 'u-liaison', '是')).not.toMatch(/评估|评查/);
    }
  });

  it('runs each when typed right, and corrects a typo near only one', async () => {
    expect(await bot.answer('c-joint', 'u-liaison', '/评查')).toContain('/评查 计划 季度=2026Q4');
    expect(await bot.answer('c-joint', 'u-liaison', '/评估')).not.toContain('/评查');
    expect(await bot.answer('c-joint', 'u-liaison', '/评查查')).toContain('您是不是要 /评查？');
    expect(await bot.answer('c-joint', 'u-liaison', '/评估估')).toContain('您是不是要 /评估？');
  });

  it('refuses /评估 to an officer, never turning it into the /评查 he may use', async () => {
    const said = await bot.answer('c-scj', 'u-scj', '/评估 JY-2026-001 通过');
    expect(said).toContain('您没有权限使用 /评估');
    expect(said).not.toContain('评查');
    expect(await bot.answer('c-scj', 'u-scj', '/评差')).toBe('没有“/评差”这个命令。发送 /帮助 查看可用命令。');
  });
});

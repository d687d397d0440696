// How much database work one message costs (issue 9: a registration took 38.6 SQL
// statements and 6 commits). Counted on the real connection, not timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementStats } from '../../src/store/serial-adapter.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ start: '2026-09-10T10:00:00+08:00' });
  await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题=预热 送达=2026-09-01'); // the roster is read once
});
afterAll(() => bot.stop());

async function cost(text: string) {
  const inc = await bot.rt.sandbox!.adapter.accept({ chatId: 'c-joint', senderId: 'u-liaison', text });
  statementStats.statements = 0;
  statementStats.transactions = 0;
  await bot.rt.app.receive(inc);
  return { statements: statementStats.statements, transactions: statementStats.transactions };
}

describe('statements per message', () => {
  it('registers a recommendation, with its jobs, messages and audit, sent, in at most 12 statements and one transaction', async () => {
    const c = await cost('/建议 新建 单位=应急局 标题=关于危化品仓储的检察建议 送达=2026-09-01');
    expect(c.transactions).toBe(1);
    expect(c.statements).toBeLessThanOrEqual(12);
    expect(await bot.rt.db.matter.count()).toBe(2);
    expect((await bot.botSays('c-yjj')).some((m) => m.text.includes('JY-2026-002'))).toBe(true);
  });

  it('answers /帮助 in a handful of statements', async () => {
    expect((await cost('/帮助')).statements).toBeLessThanOrEqual(8);
  });
});

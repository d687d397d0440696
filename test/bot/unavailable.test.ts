// A message the database cannot take (another writer holds the SQLite file past the wait: as when
// the database is down or out of connections) is answered 503 with what happened in Chinese — never
// 202 and then dropped — and sent again once the database is free, it is processed once.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/store/unavailable.js';
import { startBot, type TestBot } from '../support/bot.js';

/** the SQLite driver the store uses, opened as a second writer */
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
) => { exec(sql: string): void; close(): void };

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('a message the database cannot take', () => {
  it('is refused with 503 and 数据库暂时不可用, and processed when sent again', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const line = '/建议 新建 单位=县市场监管局 标题="关于某事的检察建议" 送达=2026-09-01';
    const holder = new Database(bot.file);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const refused = await bot.say('c-joint', 'u-liaison', line);
      expect(refused.status).toBe(503);
      expect(refused.body.error).toContain('数据库暂时不可用');
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    expect(await bot.rt.db.matter.count()).toBe(0);
    expect(await bot.answer('c-joint', 'u-liaison', line)).toContain('已登记检察建议 JY-2026-001');
    expect(await bot.rt.db.matter.count()).toBe(1);
  }, 30_000);

  it('stops a clock advance it cannot finish, says where, and finishes it by itself once the database is back', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=县市场监管局 标题="关于某事的检察建议" 送达=2026-09-01');
    const before = (await bot.botSays('c-scj')).length;
    const holder = new Database(bot.file);
    holder.exec('BEGIN EXCLUSIVE');
    let refused: { status: number; body: { error: string } };
    try {
      refused = await bot.advance({ to: '2026-11-20T10:00:00+08:00' });
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatch(
      /^数据库暂时不可用，快进停在 2026-09-01 10:00（此前到期的已处理），尚未到 2026-11-20 10:00。数据库恢复后会自动走完/,
    );
    // it goes on by itself: the clock reaches the target, and each reminder on the way went once
    let now = '';
    for (let i = 0; i < 100 && now !== '2026-11-20T02:00:00.000Z'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = (await bot.request('GET', '/api/clock')).body.now;
    }
    expect(now).toBe('2026-11-20T02:00:00.000Z');
    const reminders = (await bot.botSays('c-scj')).slice(before).map((m) => m.text.split('\n')[0] ?? '');
    expect(reminders.filter((t) => t.startsWith('【到期提醒】'))).toHaveLength(3);
    expect(reminders.filter((t) => t.startsWith('【今日到期】'))).toHaveLength(1);
    expect(reminders.filter((t) => t.startsWith('【逾期通知】'))).toHaveLength(1);
  }, 30_000);

  it('tells an outage from a statement refused', () => {
    expect(isDatabaseUnavailable(new Error('SQLITE_BUSY: database is locked'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'P1001' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Timed out fetching a new connection from the connection pool'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('wrapped', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5432') })),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});

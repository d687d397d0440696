// Faults in the middle of things: a roster that fails half-way loads nothing, and a
// clock advance the database refused does not move the clock. The failure is made real
// with a SQLite trigger that aborts the write, as a full disk would.
import { afterEach, describe, expect, it } from 'vitest';
import { migrationFailure, openDb } from '../../src/store/db.js';
import { startBot, type TestBot } from '../support/bot.js';
import { freshDbFile } from '../support/db.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function sql(file: string, statement: string) {
  const db = await openDb(`file:${file}`);
  await db.$executeRawUnsafe(statement);
  await db.$disconnect();
}

describe('faults half-way', () => {
  it('loads the demo roster whole or not at all', async () => {
    const file = freshDbFile();
    await sql(
      file,
      "CREATE TRIGGER full_disk BEFORE INSERT ON ChatBinding BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    );
    await expect(startBot({ file })).rejects.toThrow();
    const db = await openDb(`file:${file}`);
    expect(await db.org.count()).toBe(0);
    expect(await db.member.count()).toBe(0);
    await db.$disconnect();
    await sql(file, 'DROP TRIGGER full_disk');
    bot = await startBot({ file });
    expect(await bot.rt.db.chatBinding.count()).toBeGreaterThan(5);
    expect(await bot.answer('c-joint', 'u-liaison', '/帮助')).toContain('您好，李明');
  });

  it('does not move the clock when the database refused to record the move', async () => {
    const file = freshDbFile();
    bot = await startBot({ file });
    const before = (await bot.request('GET', '/api/clock')).body.now;
    await sql(
      file,
      "CREATE TRIGGER full_disk BEFORE UPDATE ON Setting BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    );
    const r = await bot.advance({ days: 3 });
    expect(r.status).toBe(500);
    expect((await bot.request('GET', '/api/clock')).body.now).toBe(before);
    await sql(file, 'DROP TRIGGER full_disk');
    expect((await bot.advance({ days: 1 })).status).toBe(200);
    expect(Date.parse((await bot.request('GET', '/api/clock')).body.now) - Date.parse(before)).toBe(86_400_000);
  });

  it('moves the clock to a moment given with its zone, never back, and refuses one without a zone', async () => {
    bot = await startBot({ file: freshDbFile(), start: '2026-10-26T10:00:00+08:00' });
    expect((await bot.advance({ to: '2026-10-27T00:30+08:00' })).body.now).toBe('2026-10-26T16:30:00.000Z');
    const to = await bot.advance({ to: '2026-10-28T09:00:00+08:00' });
    expect(to.status).toBe(200);
    expect(to.body.now).toBe('2026-10-28T01:00:00.000Z');
    const past = await bot.advance({ to: '2026-10-27T09:00:00+08:00' });
    expect(past.status).toBe(200);
    expect(past.body.now).toBe('2026-10-28T01:00:00.000Z');
    for (const bad of ['2026-10-29 09:00', '2026-10-29T09:00:00', '2026-11-31T09:00:00+08:00', 'tomorrow', 20261029]) {
      const r = await bot.advance({ to: bad as string });
      expect(r.status, String(bad)).toBe(400);
      expect(r.body.error, String(bad)).toContain('2026-11-02T10:00:00+08:00');
    }
    expect((await bot.request('GET', '/api/clock')).body.now).toBe('2026-10-28T01:00:00.000Z');
  });

  it.each([
    ['Error: SQLITE_READONLY: attempt to write a readonly database', '不可写'],
    ['Error: database or disk is full (SQLITE_FULL)', '磁盘空间不足'],
    ['Error: database is locked', '正被其他程序占用'],
    ['', '迁移工具没有输出'],
  ])('explains a failed migration: %s', (output, hint) => {
    const line = migrationFailure(
      1,
      `Loaded Prisma config from prisma.config.ts.\n${output}`,
      '/srv/liandong/data/liandong.db',
    );
    expect(line).toMatch(/^数据库迁移失败（prisma migrate deploy 退出码 1）：/);
    expect(line).toContain(hint);
    expect(line).not.toMatch(/：$/);
  });
});

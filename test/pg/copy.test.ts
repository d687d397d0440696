// `liandong db copy --to postgresql://…`: a county's SQLite ledger moved into an empty
// PostgreSQL database, every table's rows counted, and the bot going on there.
import { createRequire } from 'node:module';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startBot, type TestBot } from '../support/bot.js';
import { emptyPostgresUrl, freshDbFile } from '../support/db.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  f: string,
  o: { readonly: boolean },
) => { prepare(sql: string): { all(): unknown[]; get(): unknown }; close(): void };

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('liandong db copy', () => {
  it('copies every row of a SQLite ledger into an empty PostgreSQL database, and the bot goes on there', async () => {
    const file = freshDbFile();
    bot = await startBot({ file, start: '2026-09-01T10:00:00+08:00' });
    await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01',
    );
    await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=应急局 标题=关于危化品仓储的检察建议 送达=2026-09-01');
    await bot.advance({ days: 40 }); // reminders (the first on 10-09)
    await bot.stop();
    bot = undefined;

    const sqlite = new Database(file, { readonly: true });
    const tables = (
      sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
        )
        .all() as Array<{ name: string }>
    ).map((r) => r.name);
    const counts = Object.fromEntries(
      tables.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
    );
    sqlite.close();
    expect(counts.Matter).toBe(2);
    expect(counts.SandboxMessage).toBeGreaterThan(10);

    const url = await emptyPostgresUrl();
    const run = io();
    expect(await main(['db', 'copy', '--to', url, '--from', `file:${file}`], run.io)).toBe(0);
    expect(run.out.join('\n')).toContain('逐表核对行数一致');

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const t of tables)
        expect(Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n), t).toBe(counts[t]);
    } finally {
      await client.end();
    }

    // into a database that is not empty: refused, nothing written
    const again = io();
    expect(await main(['db', 'copy', '--to', url, '--from', `file:${file}`], again.io)).toBe(1);
    expect(again.err.join('\n')).toContain('目标数据库不是空的');

    // the bot on PostgreSQL: the ledger is there, codes and message numbers go on after the copied ones
    bot = await startBot({ url });
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-002')).toContain('关于危化品仓储的检察建议');
    expect(
      await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=住建局 标题=关于燃气管道的检察建议 送达=2026-10-09'),
    ).toContain('JY-2026-003');
    const cursors = (await bot.messages('c-joint')).map((m) => m.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('says what is wrong with the target or the source, and writes nothing', async () => {
    const bad = io();
    expect(await main(['db', 'copy', '--to', 'mysql://x@127.0.0.1/db'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('postgresql://');
    const missing = io();
    expect(
      await main(
        ['db', 'copy', '--to', await emptyPostgresUrl(), '--from', 'file:/nonexistent/liandong.db'],
        missing.io,
      ),
    ).toBe(2);
    expect(missing.err.join('\n')).toContain('源数据库文件不存在');
  });
});

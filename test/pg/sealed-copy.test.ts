// `db copy` takes restricted content as it is stored: sealed. A restricted clue handled on
// SQLite with a data key, copied to PostgreSQL: the target's rows (every table, every column)
// hold no word of it, its sealed values are byte for byte the source's, and the bot on the
// target, with the same key, reads it whole.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import { writeKeyRingFile } from '../../src/store/sealed.js';
import { startBot, type TestBot } from '../support/bot.js';
import { emptyPostgresUrl, freshDbFile } from '../support/db.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  f: string,
  o: { readonly: boolean },
) => { prepare(sql: string): { all(): unknown[] }; close(): void };

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SECRET = ['钱塘巷七号收受购物卡甲', '副局长丁某某乙', '已约谈当事人丙丁'];

describe('db copy of sealed content', () => {
  it('copies the ciphertext as it is, and the target reads it with the key', async () => {
    const file = freshDbFile();
    const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-key-')), 'k.json');
    writeKeyRingFile(keyFile, { current: 'k1', keys: new Map([['k1', newDataKey()]]) });
    const env = { LIANDONG_DATA_KEY_FILE: keyFile };
    bot = await startBot({ file, start: '2026-06-01T10:00:00+08:00', env });
    await bot.answer(
      'dm:u-liaison',
      'u-liaison',
      `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET[0]} 涉及单位=${SECRET[1]}`,
    );
    await bot.answer('c-jw', 'u-jw', '/线索 受理 XS-2026-001 承办人=韩雪');
    await bot.answer('dm:u-jw', 'u-jw', `/线索 进展 XS-2026-001 内容=${SECRET[2]}`);
    await bot.stop();
    bot = undefined;
    const sqlite = new Database(file, { readonly: true });
    const [source] = sqlite.prepare(`SELECT "summary" FROM "Matter" WHERE "code" = 'XS-2026-001'`).all() as Array<{
      summary: string;
    }>;
    sqlite.close();
    expect(source!.summary.startsWith('sm4:v1:k1:')).toBe(true);

    const target = await emptyPostgresUrl();
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main(['db', 'copy', '--to', target, '--from', `file:${file}`], io)).toBe(0);

    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const tables = (
        await client.query(
          `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      ).rows.map((r) => r.t as string);
      let all = '';
      for (const t of tables)
        all += (await client.query(`SELECT row_to_json(x)::text AS j FROM "${t}" x`)).rows.map((r) => r.j).join('\n');
      expect(all).toContain('XS-2026-001');
      for (const s of SECRET) expect(all.includes(s)).toBe(false);
      const copied = await client.query(`SELECT "summary" FROM "Matter" WHERE "code" = 'XS-2026-001'`);
      expect(copied.rows[0].summary).toBe(source!.summary);
    } finally {
      await client.end();
    }

    bot = await startBot({ url: target, start: '2026-06-03T10:00:00+08:00', env });
    const read = await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001');
    for (const s of SECRET) expect(read).toContain(s);
  });
});

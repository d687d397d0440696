// `liandong crypto rotate` beside the running bot (the real processes): killed with SIGKILL
// (kill -9) twice — once just after it switched the key file, once in the middle of its batches —
// and the bot killed too, a clue registered meanwhile; run again, it finishes. Nothing is lost:
// every restricted clue reads whole, every sealed value is under the new key, and the old key
// has left the key file. A rotation without a key file is refused in plain words.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import { openDb } from '../../src/store/db.js';
import { writeKeyRingFile } from '../../src/store/sealed.js';
import { sealedCounts } from '../../src/store/sealed-rows.js';
import { type ChildBot, npmStart, startChild } from '../support/child.js';
import { freshDbFile } from '../support/db.js';

let bot: ChildBot | undefined;
afterEach(() => {
  bot?.stop();
  bot = undefined;
});

const secret = (i: number) => `第${i}号线索收受礼金某某甲`;

/** `liandong crypto …` as a process of its own; `killOn`: SIGKILL as soon as a line matching it is printed. */
function cli(
  args: string[],
  env: Record<string, string>,
  killOn?: RegExp,
): Promise<{ code: number | null; killed: boolean; out: string }> {
  const { options, args: bin } = npmStart();
  const child: ChildProcess = spawn(process.execPath, [...options, bin[0]!, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LIANDONG_HOLIDAYS_FILE: '/nonexistent/h.json', ...env },
    cwd: mkdtempSync(path.join(os.tmpdir(), 'liandong-cwd-')),
  });
  let out = '';
  let killed = false;
  const take = (chunk: Buffer) => {
    out += String(chunk);
    if (killOn && !killed && killOn.test(out)) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, killed, out })));
}

describe('liandong crypto rotate', () => {
  it('loses nothing when it and the bot are killed with kill -9 half-way', async () => {
    const file = freshDbFile();
    const keyFile = path.join(path.dirname(file), 'data-key.json');
    writeKeyRingFile(keyFile, { current: 'k1', keys: new Map([['k1', newDataKey()]]) });
    const env = { DATABASE_URL: `file:${file}`, LIANDONG_DATA_KEY_FILE: keyFile };
    bot = await startChild(file, '2026-06-01T10:00:00+08:00', { LIANDONG_DATA_KEY_FILE: keyFile });
    for (let i = 1; i <= 6; i++) {
      const said = await bot.answer(
        'dm:u-liaison',
        'u-liaison',
        `/线索 新建 类别=违纪 来源=群众举报 摘要=${secret(i)}`,
      );
      expect(said).toContain(`已登记线索 XS-2026-00${i}（控制知悉范围）`);
    }
    const db = await openDb(`file:${file}`);
    try {
      const before = await sealedCounts(db);
      expect(Object.keys(before.byKey)).toEqual(['k1']);
      expect(before.byKey.k1).toBeGreaterThan(30);

      // 1. killed right after the key file names the new key (k2) current and k1 retiring
      const first = await cli(['crypto', 'rotate', '--key-id', 'k2', '--grace', '0'], env, /新密钥 k2 已写入/);
      expect(first.killed).toBe(true);
      const ring = JSON.parse(readFileSync(keyFile, 'utf8'));
      expect(ring.current).toBe('k2');
      expect(ring.retiring).toEqual(['k1']);
      expect(Object.keys(ring.keys).sort()).toEqual(['k1', 'k2']);

      // the bot, killed and started again, seals under k2 and still opens k1
      await bot.kill9();
      expect(
        await bot.answer('dm:u-liaison', 'u-liaison', `/线索 新建 类别=违纪 来源=群众举报 摘要=${secret(7)}`),
      ).toContain(secret(7));
      expect(await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001')).toContain(secret(1));

      // 2. killed in the middle of its batches (after the first one committed)
      const second = await cli(['crypto', 'rotate', '--grace', '0'], env, /：\d+ 项/);
      expect(second.out).toContain('继续上次未完成的轮换');
      const mixed = await sealedCounts(db);
      expect(second.killed).toBe(true);
      expect(mixed.byKey.k2).toBeGreaterThan(0);

      // 3. once more, to the end
      const third = await cli(['crypto', 'rotate', '--grace', '1'], env);
      expect(third.out).toContain('轮换完成');
      expect(third.code).toBe(0);
      const after = await sealedCounts(db);
      expect(Object.keys(after.byKey)).toEqual(['k2']);
      expect(after.plain).toBe(0);
      expect(after.byKey.k2).toBeGreaterThanOrEqual(before.byKey.k1!);
      const final = JSON.parse(readFileSync(keyFile, 'utf8'));
      expect(final).toEqual({ current: 'k2', keys: { k2: expect.any(String) } });
      expect(final.keys.k2).toBe(ring.keys.k2); // the key the bot already used

      // every clue reads whole, from the running bot (which read the file again) and after its restart
      for (let i = 1; i <= 7; i++)
        expect(await bot.answer('dm:u-jw', 'u-jw', `/线索 查看 XS-2026-00${i}`)).toContain(secret(i));
      await bot.kill9();
      expect(await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-003')).toContain(secret(3));
      const status = await cli(['crypto', 'status'], env);
      expect(status.out).toContain('当前密钥 k2；共 1 把');
      expect(status.out).toContain('仍为明文的控制知悉内容：0 项');
    } finally {
      await db.$disconnect();
    }
  }, 120_000);

  it('is refused without a key file, in plain words', async () => {
    const file = freshDbFile();
    const r = await cli(['crypto', 'rotate'], {
      DATABASE_URL: `file:${file}`,
      LIANDONG_DATA_KEY: `k1:${newDataKey().toString('base64')}`,
    });
    expect(r.code).toBe(2);
    expect(r.out).toContain('未配置密钥文件：请在 .env 中设置 LIANDONG_DATA_KEY_FILE');
  }, 60_000);
});

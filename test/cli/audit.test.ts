// liandong audit verify | export (issue 29): the chain walked from the command line — exit 0 when
// sound, exit 1 naming the first row changed, removed or inserted — and the export read back with
// exceljs: the verification on its first sheet, codes and actions only, never restricted content.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/cli/doctor.js';
import { main } from '../../src/cli/main.js';
import { raw } from '../../src/store/lane.js';
import { startBot, type TestBot } from '../support/bot.js';
import { startChild } from '../support/child.js';
import { freshDbFile } from '../support/db.js';

const SECRET = '西街粮站账外资金壬';
const KEY = 'cd'.repeat(32);
let bot: TestBot | undefined;
const saved = { ...process.env };
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  process.env = { ...saved };
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every cell of every sheet, as text, sheet by sheet. */
async function cells(file: string): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    out[ws.name] = rows;
  });
  return out;
}

async function history(): Promise<TestBot> {
  const b = await startBot({ start: '2026-06-01T10:00:00+08:00', env: { LIANDONG_AUDIT_KEY: KEY } });
  await b.answer('dm:u-liaison', 'u-liaison', `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET}`);
  await b.answer('c-jw', 'u-jw', '/线索 受理 XS-2026-001 承办人=韩雪');
  await b.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001');
  await b.answer(
    'c-joint',
    'u-liaison',
    '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-06-01 期限=2个月',
  );
  process.env.DATABASE_URL = b.url;
  process.env.LIANDONG_AUDIT_KEY = KEY;
  return b;
}

describe('liandong audit', () => {
  it('verifies a sound chain, and names the first removed row with exit code 1', async () => {
    bot = await history();
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    const total = await bot.rt.db.auditEvent.count();
    expect(ok.out).toContain(`审计链完好：第 1–${total} 条共 ${total} 条逐条核对无误`);
    await raw(bot.rt.db).run(`DELETE FROM "AuditEvent" WHERE "chainSeq" = 2`);
    const bad = await cli('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('审计链在第 2–2 条处断开：这些记录被删除了（下一条是 第 3 条）');
    // a wrong key: every MAC fails from the first row on
    process.env.LIANDONG_AUDIT_KEY = 'ef'.repeat(32);
    const wrong = await cli('audit', 'verify', '--quick');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('配置的审计密钥与写入链头时的不同');
  });

  it('exports a period as a workbook with the verification first, and no restricted content', async () => {
    bot = await history();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
    const file = path.join(dir, '审计.xlsx');
    const r = await cli(
      'audit',
      'export',
      '--from',
      '2026-06-01',
      '--to',
      '2026-06-01',
      '--matter',
      'xs-2026-001',
      '--out',
      file,
    );
    expect(r.code).toBe(0);
    const book = await cells(file);
    expect(Object.keys(book)).toEqual(['校验结果', '审计记录']);
    const result = Object.fromEntries(book['校验结果']!.map(([a, b]) => [a, b]));
    expect(result['结论']).toBe('通过');
    expect(result['审计链校验']).toMatch(/^审计链完好/);
    expect(result['导出范围']).toBe('2026-06-01 至 2026-06-01，事项 XS-2026-001');
    const rows = book['审计记录']!.slice(1);
    // the clue's rows only: registered, accepted (handler), read — counted from the script above
    expect(rows.map((x) => x[4])).toEqual(expect.arrayContaining(['clue.register', 'clue.accept', 'clue.read']));
    expect(rows.every((x) => x[5] === 'XS-2026-001')).toBe(true);
    expect(rows.find((x) => x[4] === 'clue.read')?.[2]).toBe('韩雪（示例县纪委监委）');
    expect(JSON.stringify(book)).not.toContain(SECRET);
    expect(Number(result['导出条数'])).toBe(rows.length);
    // the export is itself audited
    expect(await bot.rt.db.auditEvent.count({ where: { action: 'audit.export' } })).toBe(1);

    // after a row is changed, the first sheet says so
    await raw(bot.rt.db).run(`UPDATE "AuditEvent" SET "subject" = 'XS-2026-009' WHERE "chainSeq" = 1`);
    await cli('audit', 'export', '--out', file);
    const again = Object.fromEntries((await cells(file))['校验结果']!.map(([a, b]) => [a, b]));
    expect(again['结论']).toBe('不通过：审计记录被改动、删除或插入过');
    expect(again['审计链校验']).toContain('第 1 条');
  });

  it('has doctor check the latest rows, and fail when one of them was changed', async () => {
    bot = await history();
    const env = { ...process.env, LIANDONG_AUDIT_KEY: KEY, DATABASE_URL: bot.url };
    const checks = await runChecks(env);
    expect(checks.find((c) => c.label === '审计链')).toMatchObject({ level: 'ok' });
    expect(checks.find((c) => c.label === '审计链')?.detail).toMatch(/^最近 \d+ 条审计记录（第 1–\d+ 条）核对无误/);
    const last = await bot.rt.db.auditEvent.count();
    await raw(bot.rt.db).run(`UPDATE "AuditEvent" SET "actor" = '某人' WHERE "chainSeq" = ?`, last);
    const after = (await runChecks(env)).find((c) => c.label === '审计链');
    expect(after?.level).toBe('fail');
    expect(after?.detail).toContain(`第 ${last} 条`);
  });

  it('keeps the chain whole across a kill -9 in the middle of registrations (the real process, SQLite)', async () => {
    const file = freshDbFile();
    const child = await startChild(file, '2026-09-01T10:00:00+08:00', { LIANDONG_AUDIT_KEY: KEY });
    try {
      const say = (i: number) =>
        child
          .api('POST', '/api/chats/c-joint/messages', {
            senderId: 'u-liaison',
            text: `/建议 新建 单位=市场监管局 标题=第${i}号检察建议 送达=2026-09-01 期限=2个月`,
          })
          .catch(() => undefined);
      for (let i = 0; i < 5; i++) await say(i);
      // five more in flight when the process is killed
      const inFlight = Array.from({ length: 5 }, (_, i) => say(5 + i));
      await child.kill9();
      await Promise.all(inFlight);
      for (let i = 10; i < 15; i++) await say(i);
    } finally {
      child.stop();
    }
    process.env.DATABASE_URL = `file:${file}`;
    process.env.LIANDONG_AUDIT_KEY = KEY;
    const r = await cli('audit', 'verify');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^审计链完好：第 1–\d+ 条共 \d+ 条逐条核对无误/);
    // at least the ten registrations before and after the kill are in it (each writes audit rows)
    expect(Number(/共 (\d+) 条/.exec(r.out)![1])).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('refuses a wrongly written date with exit code 2', async () => {
    const r = await cli('audit', 'export', '--from', '2026-13-01', '--out', 'x.xlsx');
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain('--from 应写成 YYYY-MM-DD');
  });
});

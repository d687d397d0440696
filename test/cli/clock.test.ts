// The command line beside a sandbox on the simulated clock: `liandong export`, `digest` and `import`
// work at the database's time (the simulated clock kept in the Setting table), not the machine's —
// an item due 12-01 is not 逾期 while the sandbox stands at 11-16. Run in-process, through main().
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readDatabaseClock } from '../../src/cli/clock.js';
import { main } from '../../src/cli/main.js';
import { readConfig } from '../../src/config/env.js';
import { startBot } from '../support/bot.js';
import { freshDb } from '../support/db.js';

const SANDBOX_NOW = '2026-11-16T10:00:00+08:00';
/** the machine's clock, well past the item's due date: what the commands used to count by */
const MACHINE_NOW = new Date('2027-01-11T02:00:00Z');

let dbUrl: string;

beforeAll(async () => {
  // a sandbox on the simulated clock at 2026-11-16: a recommendation due 2026-12-01 (15日, Tuesday)
  const bot = await startBot({ start: SANDBOX_NOW });
  const answer = await bot.answer(
    'c-joint',
    'u-liaison',
    '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-11-16 期限=15日',
  );
  expect(answer).toContain('2026-12-01');
  await bot.stop();
  dbUrl = bot.url;
});

const saved = { ...process.env };
afterEach(() => {
  vi.useRealTimers();
  process.env = { ...saved };
});

/** `liandong …args` in this process, with the machine's clock at MACHINE_NOW. */
async function liandong(args: string[], env: Record<string, string | undefined> = {}) {
  process.env = { ...saved, DATABASE_URL: dbUrl, LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json', ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  vi.useFakeTimers({ toFake: ['Date'], now: MACHINE_NOW });
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
  vi.useRealTimers();
  return { code, out, err };
}

async function overdueColumn(file: string): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('检察建议')!;
  // row 1 is the 台账's title, row 2 its header
  const header = (ws.getRow(2).values as unknown[]).indexOf('逾期');
  const col: unknown[] = [];
  ws.eachRow((r, n) => void (n > 2 && col.push((r.values as unknown[])[header])));
  return col;
}

describe('the command line on a database with a simulated clock', () => {
  it('liandong export: an item due 2026-12-01 is not overdue at 2026-11-16', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-clock-')), '台账.xlsx');
    // configured for the simulated clock, as the sandbox is: no note
    const r = await liandong(['export', '--out', file, '--year', '2026'], { LIANDONG_CLOCK: 'simulated' });
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(await overdueColumn(file)).toEqual(['否']);
  });

  it('says on stderr that it counted by the simulated time when this configuration says the real clock', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-clock-')), '台账.xlsx');
    const r = await liandong(['export', '--out', file], { LIANDONG_CLOCK: undefined });
    expect(r.code).toBe(0);
    expect(r.err).toEqual([
      '提示：按数据库中的模拟时钟计算，当前时间 2026-11-16 10:00（北京时间）；本机配置为真实时钟（LIANDONG_CLOCK=real）。',
    ]);
    // no --year: the database's year, not the machine's 2027
    expect(r.out[0]).toContain('检察建议 1 件');
    expect(await overdueColumn(file)).toEqual(['否']);
  });

  it('liandong digest: the last complete week before the database’s today (2026-W46), not the machine’s', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-clock-'));
    const r = await liandong(['digest', '--out', dir], { LIANDONG_CLOCK: 'simulated' });
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(readdirSync(dir).sort()).toEqual(['周报-2026-W46.png', '周报-2026-W46.txt']);
    // a week after the database's today has not begun
    const later = await liandong(['digest', '--week', '2026-W48', '--out', dir], { LIANDONG_CLOCK: 'simulated' });
    expect(later.code).toBe(2);
    expect(later.err.join('\n')).toContain('2026-W48 还没有开始（今天是 2026-11-16）');
  });

  it('liandong import: a served date after the database’s today is refused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-clock-'));
    const file = path.join(dir, '导入.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('检察建议');
    ws.addRow(['编号', '被建议单位', '标题', '送达日期', '回复期限']);
    ws.addRow(['', '示例县市场监督管理局', '关于规范涉企检查的检察建议', new Date('2026-11-20T00:00:00Z'), '2个月']);
    await wb.xlsx.writeFile(file);
    const r = await liandong(['import', '--file', file, '--dry-run'], { LIANDONG_CLOCK: 'simulated' });
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('送达日期 2026-11-20 晚于今天（2026-11-16）');
  });
});

describe('liandong doctor on that database', () => {
  it('checks the holiday data of the database’s year and the next (2026, 2027), and names the clock', async () => {
    const r = await liandong(['doctor'], { LIANDONG_CLOCK: 'simulated' });
    expect(r.out).toContain('✔ 时钟：模拟时钟，数据库中的时间 2026-11-16 10:00（北京时间）');
    const years = r.out.filter((l) => l.includes('节假日数据 20')).map((l) => /节假日数据 (\d{4})/.exec(l)![1]);
    expect(years).toEqual(['2026', '2027']);
  });
});

describe('the database’s clock', () => {
  it('is now for a database that keeps no simulated time (a real-clock deployment)', async () => {
    const { db } = await freshDb();
    try {
      const real = new Date('2026-12-02T01:00:00Z');
      const config = readConfig({ DATABASE_URL: 'file:/unused.db' });
      expect(await readDatabaseClock(config, db, () => real)).toEqual({ now: real, simulated: false });
      // configured simulated, nothing stored yet: the configured start, as the bot would begin
      const start = readConfig({ LIANDONG_CLOCK: 'simulated', LIANDONG_CLOCK_START: SANDBOX_NOW });
      expect(await readDatabaseClock(start, db, () => real)).toEqual({ now: new Date(SANDBOX_NOW), simulated: true });
    } finally {
      await db.$disconnect();
    }
  });
});

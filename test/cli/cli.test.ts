// Runs the real `liandong` command as a user would, in child processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { startBot } from '../support/bot.js';
import { npmStart } from '../support/child.js';
import { freshDbFile } from '../support/db.js';

const BIN = path.resolve('bin/liandong.mjs');

function run(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'liandong-cli-'));
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${path.join(cwd, 'cli.db')}`, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd };
}

describe('liandong deadline', () => {
  it.each(['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
    'gives the same due date with TZ=%s',
    (tz) => {
      const r = run(['deadline', '--from', '2026-09-16', '--period', '15日'], { TZ: tz });
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('2026-10-08');
      expect(r.stdout).toContain('顺延：2026-10-01 国庆节');
      expect(r.stderr).toBe('');
    },
  );

  it('prints one JSON object with --json', () => {
    const r = run(['deadline', '--from', '2026-01-31', '--period', '1m', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ due: '2026-02-28', provisional: false, rawEnd: '2026-02-28', period: '1个月' });
    expect(json.steps).toBeInstanceOf(Array);
  });

  it('warns on stderr when the result is provisional', () => {
    const r = run(['deadline', '--from', '2026-12-20', '--period', '2个月']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('2027-02-22');
    expect(r.stdout).toContain('【待核】');
    expect(r.stderr).toMatch(/^警告：待核期限。2027年/);
  });

  it('uses a local holiday file for a year the package lacks', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-hol-'));
    const file = path.join(dir, 'holidays.json');
    writeFileSync(
      file,
      JSON.stringify({ years: { 2027: { holidays: { '2027-02-06~2027-02-14': '春节' }, workdays: {} } } }),
    );
    const r = run(['deadline', '--from', '2027-01-25', '--period', '15日'], { LIANDONG_HOLIDAYS_FILE: file });
    expect(r.stdout.split('\n')[0]).toBe('2027-02-15');
    expect(r.stderr).toBe('');
  });

  it.each([
    [['deadline', '--from', '2026-02-30', '--period', '2m'], 'YYYY-MM-DD'],
    [['deadline', '--from', '2026-09-01', '--period', '2x'], '15日、15天、15d、2个月'],
    [['deadline', '--period', '2m'], '--from'],
    [['deadline', '--from', '2026-09-01', '--perod', '2m'], '未知选项 --perod'],
    [['deadline', '--from'], '缺少取值'],
    [['frobnicate'], '未知命令'],
    [['db', 'drop'], 'db migrate'],
    [['deadline', '--from', '2026-09-01', '--period', '-3日'], '--period "-3日" 应为正数的期限'],
    [['deadline', '--from', '2026-09-01', '--period', '3650年'], '过长：最长 5年'],
    [['deadline', '--from', '0026-09-01', '--period', '1日'], '年份超出范围：只支持 2000–2099 年'],
    [['deadline', '--from', '2026-09-01', '--from', '2026-09-02', '--period', '1日'], '选项 --from 重复出现'],
  ])('%j → one Chinese line, exit 2', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('liandong digest', () => {
  it('writes the week’s digest as text and a PNG chart', () => {
    const file = freshDbFile();
    const out = mkdtempSync(path.join(os.tmpdir(), 'liandong-digest-'));
    const r = run(['digest', '--week', '2026-W29', '--out', out], { DATABASE_URL: `file:${file}` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const txt = readFileSync(path.join(out, '周报-2026-W29.txt'), 'utf8');
    expect(txt).toContain('【府检联动周报】2026-W29（2026-07-13 至 2026-07-19）');
    const png = readFileSync(path.join(out, '周报-2026-W29.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('refuses a week that is not one, in one line', () => {
    const r = run(['digest', '--week', '2026-W60']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--week 应写成 ISO 周，如 2026-W47');
  });
});

describe('liandong export and import', () => {
  it('exports a workbook, and refuses to import one with nothing to import, exit 1', () => {
    const file = freshDbFile();
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-xlsx-')), '台账.xlsx');
    const r = run(['export', '--out', out, '--year', 'all'], { DATABASE_URL: `file:${file}` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('检察建议 0 件、线索 0 件、任务 0 件');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const i = run(['import', '--file', out, '--dry-run'], { DATABASE_URL: `file:${file}` });
    expect(i.code).toBe(1);
    expect(i.stderr).toContain('工作簿中没有可导入的行');
  });
});

describe('liandong roster', () => {
  it('reads its own export back every time (exceljs lost the workbook part now and then)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-rx-'));
    const env = { DATABASE_URL: `file:${path.join(dir, 'x.db')}` };
    expect(run(['db', 'migrate'], env).code).toBe(0);
    const out = path.join(dir, '台账.xlsx');
    expect(run(['export', '--out', out], env).code).toBe(0);
    const bytes = readFileSync(out);
    const { readSheet } = await import('../../src/documents/workbook-reader.js');
    const results = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const read = await readSheet(bytes, '检察建议');
      results.add('refused' in read ? read.refused : `rows:${read.rows.length}`);
    }
    expect([...results]).toEqual(['rows:0']);
  });

  it('imports a roster workbook into the database and exports the same roster', async () => {
    const { parseRoster } = await import('../../src/config/roster.js');
    const { rosterToWorkbook, rosterFromWorkbook } = await import('../../src/config/roster-workbook.js');
    const example = parseRoster(readFileSync(path.resolve('config/roster.example.yaml'), 'utf8'), 'example');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-roster-'));
    writeFileSync(path.join(dir, 'in.xlsx'), await rosterToWorkbook(example));
    const file = freshDbFile();
    const dry = run(['roster', 'import', '--file', path.join(dir, 'in.xlsx'), '--dry-run'], {
      DATABASE_URL: `file:${file}`,
    });
    expect(dry.stdout).toContain('核对无误');
    const r = run(['roster', 'import', '--file', path.join(dir, 'in.xlsx')], { DATABASE_URL: `file:${file}` });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      `已导入名册：单位 ${example.orgs.length} 个、人员 ${example.members.length} 名、群聊 ${example.chats.length} 个`,
    );
    const e = run(['roster', 'export', '--out', path.join(dir, 'out.xlsx')], { DATABASE_URL: `file:${file}` });
    expect(e.code).toBe(0);
    const back = await rosterFromWorkbook(readFileSync(path.join(dir, 'out.xlsx')), 'out.xlsx');
    expect(back.members.map((m) => [m.name, m.org, m.roles, m.ids])).toEqual(
      example.members.map((m) => [m.name, m.org, m.roles, m.ids]),
    );
    expect(back.chats).toEqual(example.chats);
  });
});

describe('help and version', () => {
  it.each([['deadline'], ['doctor'], ['start'], ['db']])(
    'liandong %s --help describes the command and exits 0',
    (cmd) => {
      for (const flag of ['--help', '-h']) {
        const r = run([cmd, flag]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`用法：liandong ${cmd}`);
        expect(r.stderr).toBe('');
      }
    },
  );

  it('prints the version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^liandong \d+\.\d+\.\d+$/);
  });
});

describe('liandong import', () => {
  it('imports a ledger into the demo database: each row a matter issued by the procuratorate', async () => {
    // the database as npm start leaves it: migrated, the demo roster loaded
    const bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.stop();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-imp-'));
    const file = path.join(dir, '台账.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('检察建议');
    ws.addRow(['编号', '被建议单位', '标题', '送达日期', '回复期限']);
    ws.addRow([
      'JY-2026-017',
      '示例县市场监督管理局',
      '关于规范涉企检查的检察建议',
      new Date('2026-08-03T00:00:00Z'),
      '2个月',
    ]);
    ws.addRow(['', '县住建局', '关于城市排水管网整改的检察建议', new Date('2026-08-10T00:00:00Z'), '']);
    await wb.xlsx.writeFile(file);
    // configured as that bot was: the simulated clock (the commands work at its time)
    const env = { DATABASE_URL: `file:${bot.file}`, LIANDONG_CLOCK: 'simulated' };

    const checked = run(['import', '--file', file, '--dry-run'], env);
    expect(checked.stdout).toContain('核对无误，共 2 条');
    const r = run(['import', '--file', file], env);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('已导入 2 件：JY-2026-017、JY-2026-018');

    // a formula or an error value is named cell by cell, and nothing is imported
    const hostile = new ExcelJS.Workbook();
    const hs = hostile.addWorksheet('检察建议');
    hs.addRow(['编号', '被建议单位', '标题', '送达日期']);
    hs.addRow([
      'JY-2026-030',
      '示例县市场监督管理局',
      { formula: 'A1&"建议"', result: '编号建议' },
      { formula: 'TODAY()' },
    ]);
    hs.addRow(['JY-2026-031', { error: '#REF!' }, '关于某事的检察建议', new Date('2026-08-10T00:00:00Z')]);
    const hostileFile = path.join(dir, '公式.xlsx');
    await hostile.xlsx.writeFile(hostileFile);
    const refused = run(['import', '--file', hostileFile], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('第 2 行「标题」：是公式，请复制后“选择性粘贴 → 数值”再导入');
    expect(refused.stderr).toContain('第 2 行「送达日期」：是公式');
    expect(refused.stderr).toContain('第 3 行「被建议单位」：是错误值（如 #REF!、#N/A），请改为实际内容');
    expect(refused.stderr).not.toContain('[object Object]');

    const again = await startBot({ file: bot.file, start: '2026-09-01T10:00:00+08:00' });
    const matters = await again.rt.db.matter.findMany({ orderBy: { code: 'asc' }, include: { issuingOrg: true } });
    expect(matters.map((m) => [m.code, m.issuingOrg.name, m.dueOn, m.createdById])).toEqual([
      // 2 months from 08-03 end on 10-03, inside 国庆 (10-01–10-07): the next working day, Thursday 10-08
      ['JY-2026-017', '示例县人民检察院', '2026-10-08', null],
      // the default 2 months from 08-10 end on Saturday 10-10, a 调休 working day: the period ends that day
      ['JY-2026-018', '示例县人民检察院', '2026-10-10', null],
    ]);
    await again.stop();
  });
});

describe('liandong db migrate and doctor', () => {
  it('says what failed and what to do when the database cannot be written', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-ro-'));
    writeFileSync(path.join(dir, 'not-a-dir'), 'x');
    const r = run(['db', 'migrate'], { DATABASE_URL: `file:${path.join(dir, 'not-a-dir', 'x.db')}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误：无法打开数据库文件 .*not-a-dir\/x\.db（(ENOTDIR|EEXIST)）。请检查 DATABASE_URL。/);
  });

  it('migrates a new database, then doctor reports it up to date', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-mig-')), 'x.db');
    const env = { DATABASE_URL: `file:${file}` };
    const before = run(['doctor'], env);
    expect(before.stdout).toContain('未应用');
    const m = run(['db', 'migrate'], env);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain(file);
    const after = run(['doctor'], env);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('✔ 数据库迁移：已是最新');
    expect(after.stdout).toMatch(/节假日数据 \d{4}/);
    expect(after.stdout).toContain('启用：sandbox');
  });

  it('doctor says why the database cannot be opened, and what to check', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-doc-'));
    writeFileSync(path.join(dir, 'not-a-dir'), 'x');
    const r = run(['doctor'], { DATABASE_URL: `file:${path.join(dir, 'not-a-dir', 'x.db')}` });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ 数据库：无法打开 .*x\.db：\S.*。请检查 DATABASE_URL 所指的目录是否存在、是否可写/);
  });

  it('says why PostgreSQL cannot be reached, with every secret of the URL hidden', () => {
    const url = 'postgresql://liandong:pw-in-user@127.0.0.1:1/liandong?password=pw-in-query&connect_timeout=2';
    for (const args of [['db', 'migrate'], ['doctor'], ['start']]) {
      const r = run(args, { DATABASE_URL: url, SANDBOX_PORT: '0' });
      const said = r.stdout + r.stderr;
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(said).not.toContain('pw-in-');
      // the driver's own reason, not an empty line after the colon
      expect(said).toMatch(/Can't reach database server|ECONNREFUSED/);
      if (args[0] !== 'db')
        expect(said).toMatch(/无法连接 PostgreSQL（postgresql:\/\/liandong:\*\*\*@[^）]+password=\*\*\*[^）]*）：\S/);
    }
  });

  it('doctor names a bad variable and fails', () => {
    const r = run(['doctor'], {
      DATABASE_URL: `file:${freshDbFile()}`,
      LIANDONG_CLOCK: 'fast',
      PERIOD_RECOMMENDATION: '2x',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('LIANDONG_CLOCK 只能是 real 或 simulated');
    expect(r.stdout).toContain('PERIOD_RECOMMENDATION 不是有效期限');
  });
});

describe('the liandong command run directly', () => {
  it('starts node with the same options as npm start (small process: young generation, V8 helper threads)', () => {
    const shebang = readFileSync(BIN, 'utf8').split('\n')[0]!;
    const { options } = npmStart();
    expect(options.length).toBeGreaterThan(0);
    expect(shebang).toBe(`#!/usr/bin/env -S node ${options.join(' ')}`);
  });
});

// `liandong doc …` beside a sandbox on the simulated clock: each of the six documents written from the
// database, named as in the chat, dated by the database's clock (the sandbox stands at 2026-11-03
// while the machine is in 2027); wrong input is one Chinese line and exit 2. Run in-process, via main().
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDocx, tableRows } from '../documents/docx.js';
import { startBot } from '../support/bot.js';

const MACHINE_NOW = new Date('2027-01-11T02:00:00Z');
let dbUrl: string;

beforeAll(async () => {
  const bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
  await bot.say(
    'c-joint',
    'u-liaison',
    '/建议 新建 单位=市场监管局 标题="关于加强校园食品安全监管的检察建议" 送达=2026-09-01 期限=2个月',
  );
  await bot.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-09-15 主题=府检联动联席会议 地点=县检察院三楼会议室');
  await bot.answer('c-scj', 'u-scj', '/回执 HY-2026-001 参会人=张敏 副局长');
  await bot.advance({ to: '2026-09-16T10:00:00+08:00' });
  await bot.answer('c-joint', 'u-liaison', '/纪要 HY-2026-001');
  await bot.answer('c-joint', 'u-liaison', '研究了农贸市场计量监管。');
  await bot.answer('c-joint', 'u-liaison', '清理涉企收费文件｜市场监管局｜1个月');
  await bot.answer('c-joint', 'u-liaison', '确认');
  await bot.advance({ to: '2026-11-03T10:00:00+08:00' });
  await bot.answer('c-supervisor', 'u-supervisor', '/督办 JY-2026-001 意见=请于限期内书面回复整改情况');
  await bot.answer('c-sfj', 'u-sfj', '/监督通知书 新建 关联=JY-2026-001 事项=责令限期整改 期限=15日');
  await bot.stop();
  dbUrl = bot.url;
}, 120_000);

const saved = { ...process.env };
afterEach(() => {
  vi.useRealTimers();
  process.env = { ...saved };
});

async function liandong(args: string[]) {
  // as beside the sandbox: the same configuration, the simulated clock kept in the database
  process.env = {
    ...saved,
    DATABASE_URL: dbUrl,
    LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json',
    LIANDONG_CLOCK: 'simulated',
  };
  vi.useFakeTimers({ toFake: ['Date'], now: MACHINE_NOW });
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
  vi.useRealTimers();
  return { code, out, err };
}

async function written(args: string[], name: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-doc-'));
  const r = await liandong(['doc', ...args, '--out', dir]);
  expect(r.err).toEqual([]);
  expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: [path.join(dir, name)] });
  expect(readdirSync(dir)).toEqual([name]);
  return openDocx(readFileSync(path.join(dir, name)));
}

describe('liandong doc', () => {
  it('writes the 督办通知书 of the latest 督办 and the 行政执法监督通知书', async () => {
    const s = await written(['督办通知书', 'jy-2026-1'], '督办通知书-JY-2026-001.docx');
    expect(s.text).toContain('截至2026年11月3日，该事项办理状态为“待反馈”，已超过期限1日。');
    expect(s.text).toContain('于2026年11月10日前（5个工作日内）将办理情况书面报告示例县人民政府督查室');
    const tz = await written(['监督通知书', 'TZ-2026-001'], '行政执法监督通知书-TZ-2026-001.docx');
    expect(tz.text).toContain('监督事项：责令限期整改');
    expect(tz.text).toContain('请你单位自收到本通知书之日起15日内（2026年11月18日前）予以纠正');
  });

  it('writes the meeting’s 会议通知 and 会议纪要', async () => {
    const n = await written(['会议通知', 'HY-2026-001'], '会议通知-HY-2026-001.docx');
    expect(n.paragraphs[0]!.text).toBe('关于召开府检联动联席会议的通知');
    expect(n.text).toContain('（一）请各单位于2026年9月4日前提交需提请会议研究的议题');
    const m = await written(['会议纪要', 'HY-2026-001'], '会议纪要-HY-2026-001.docx');
    expect(m.text).toContain('示例县市场监督管理局：张敏 副局长');
    expect(tableRows(m)[1]).toEqual(['1', '清理涉企收费文件', '示例县市场监督管理局', '2026年10月16日', 'RW-2026-001']);
    expect(m.text).toContain('2026年9月16日'); // the day the minutes were taken
  });

  it('dates the 季度通报 and the 统计表 by the database’s clock, not the machine’s', async () => {
    const c = await written(['季度通报', '2026-Q3'], '季度通报-2026Q3.docx');
    expect(c.text).toContain(
      '截至2026年11月3日，各单位共有重点任务1项，已完成0项，其中按期完成0项；未完成1项，其中逾期1项。',
    );
    const s = await written(['统计表', '2026'], '年度统计表-2026.docx');
    expect(s.text).toContain('统计范围：全部单位；统计截至2026年11月3日。');
    expect(tableRows(s)[1]!.slice(0, 2)).toEqual(['示例县市场监督管理局', '1']);
    // the machine is in 2027, the database on 2026-11-03: 2027's first quarter has not begun
    const r = await liandong(['doc', '季度通报', '2027Q1']);
    expect({ code: r.code, err: r.err }).toEqual({
      code: 2,
      err: ['错误：2027年第1季度还没有开始（今天是 2026-11-03）'],
    });
  });

  it.each([
    [['doc', '公函', 'JY-2026-001'], '错误：未知的公文 "公函"'],
    [['doc', '督办通知书'], '错误：请写明编号'],
    [['doc', '督办通知书', 'JY-2026-009'], '错误：没有编号为 JY-2026-009 的事项'],
    [['doc', '监督通知书', 'JY-2026-001'], '错误：没有编号为 JY-2026-001 的行政执法监督通知书'],
    [['doc', '会议纪要', 'HY-2026-002'], '错误：没有编号为 HY-2026-002 的会议'],
    [['doc', '季度通报', '2026Q5'], '错误：季度应写成 2026Q3'],
    [['doc', '统计表', '26'], '错误：统计表的年份应为 2000–2099 的四位数字'],
    [['doc', '统计表', '2026', '--outt', 'x'], '错误：未知选项 --outt'],
  ])('%j → one Chinese line, exit 2', async (args, message) => {
    const r = await liandong(args);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(message);
  });

  it('explains itself with --help', async () => {
    const r = await liandong(['doc', '--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('用法：liandong doc 督办通知书|监督通知书|会议通知|会议纪要|季度通报|统计表');
  });
});

// /导出 [年份|全部] reads its words strictly: a year /统计 refuses (1999) is refused here too, with the
// range, and words it does not use (/导出 2026 2025) are refused with the usage — never a workbook
// of something else. `liandong export --year` keeps to the same years.
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const workbooksSent = async (b: TestBot) =>
  (await b.botSays('dm:u-liaison')).filter((m) => m.attachments?.some((a) => a.name.endsWith('.xlsx'))).length;

describe('/导出 arguments', () => {
  it('refuses a year outside what /统计 accepts, and extra words, sending no workbook', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    for (const year of ['1999', '2100', '0000']) {
      expect(await bot.answer('c-joint', 'u-liaison', `/统计 ${year}`)).toContain(`年份“${year}”超出范围`);
      expect(await bot.answer('c-joint', 'u-liaison', `/导出 ${year}`)).toBe(
        `年份“${year}”超出范围，请写 2000–2099 之间的四位年份，如 /导出 2026。`,
      );
    }
    const usage = '无法识别。请写年份或“全部”，如 /导出 2026、/导出 全部。';
    expect(await bot.answer('c-joint', 'u-liaison', '/导出 2026 2025')).toBe(`“2026 2025”${usage}`);
    expect(await bot.answer('c-joint', 'u-liaison', '/导出 全部 2026')).toBe(`“全部 2026”${usage}`);
    expect(await bot.answer('c-joint', 'u-liaison', '/导出 年份=2026')).toBe(`“年份=2026”${usage}`);
    expect(await bot.answer('c-joint', 'u-liaison', '/导出 标题=台账')).toBe(`“标题=台账”${usage}`);
    expect(await bot.answer('c-joint', 'u-liaison', '/导出 去年')).toBe(`“去年”${usage}`);
    expect(await workbooksSent(bot)).toBe(0);
    // what it accepts still works: a year of the range, 全部, nothing
    for (const w of ['2000', '2026', '全部', '']) await bot.answer('c-joint', 'u-liaison', `/导出 ${w}`.trim());
    expect(await workbooksSent(bot)).toBe(4);
  });

  it('liandong export --year refuses the same years, before it opens the database', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => void err.push(l) };
    expect(await main(['export', '--out', '/nonexistent/台账.xlsx', '--year', '1999'], io)).toBe(2);
    expect(err).toEqual(['错误：--year 超出范围：只支持 2000–2099 年，收到 "1999"']);
  });
});

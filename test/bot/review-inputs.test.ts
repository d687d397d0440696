// Bad input to /评查, each answered with what was wrong and what to type, and nothing written: a ratio
// outside 1–100%, a quarter not begun (the current one is allowed), a list with a column missing, a 案号
// twice or a date outside the period, a file that is not a workbook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';
import { cases, HEADER, listBook, sendList } from './review-support.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ start: '2026-10-12T10:00:00+08:00' });
});
afterAll(async () => {
  await bot.stop();
});

const plans = () => bot.rt.db.caseReview.count();
const lists = () => bot.rt.db.caseReviewList.count();

describe('bad input to /评查', () => {
  it.each([
    ['比例=0%', '抽查比例“0%”无效，应为 1%–100% 之间的整数百分比'],
    ['比例=101%', '抽查比例“101%”无效'],
    ['比例=12.5%', '抽查比例“12.5%”无效'],
  ])('refuses %s', async (ratio, said) => {
    expect(await bot.answer('c-joint', 'u-liaison', `/评查 计划 季度=2026Q4 ${ratio}`)).toContain(said);
    expect(await plans()).toBe(0);
  });

  it('refuses a quarter not begun, an unknown quarter, a plan by an officer; takes the current quarter', async () => {
    expect(await bot.answer('c-joint', 'u-liaison', '/评查 计划 季度=2027Q1 比例=10%')).toContain(
      '2027Q1 尚未开始（2027-01-01 起），不能制定该季度的评查计划',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/评查 计划 季度=2026Q9 比例=10%')).toContain(
      '季度“2026Q9”无法识别',
    );
    expect(await bot.answer('c-scj', 'u-scj', '/评查 计划 季度=2026Q4 比例=10%')).toContain(
      '没有使用这项评查操作的权限',
    );
    expect(await plans()).toBe(0);
    expect(await bot.answer('c-joint', 'u-liaison', '/评查 计划 季度=2026Q4 比例=10% 截止=2026-10-23')).toContain(
      '已制定案卷评查计划 PC-2026-001（2026Q4）',
    );
    expect(await plans()).toBe(1);
  });

  it('refuses a list with a column missing, a 案号 twice, a date outside the quarter, a file not a workbook', async () => {
    const noDate = await listBook(
      cases('市监罚', 3).map((r) => r.slice(0, 3)),
      HEADER.slice(0, 3),
    );
    expect(await sendList(bot, 'c-scj', 'u-scj', 'PC-2026-001', noDate)).toContain(
      '名单的表头（第 1 行）缺少以下列：办结日期',
    );
    await bot.say('c-scj', 'u-scj', '/取消');
    const rows = cases('市监罚', 4);
    rows[3]![0] = rows[1]![0]!;
    rows[2]![3] = '2026-09-30';
    const refused = await sendList(bot, 'c-scj', 'u-scj', 'PC-2026-001', await listBook(rows));
    expect(refused).toContain('名单有 2 处问题，未报送。本次评查 2026-10-01 至 2026-12-31 办结的案卷');
    expect(refused).toContain('第 5 行：案号 市监罚〔2026〕102号 与第 3 行重复');
    expect(refused).toContain('第 4 行「办结日期」：2026-09-30 不在本次评查的期间内');
    await bot.say('c-scj', 'u-scj', '/取消');
    const notXlsx = await (async () => {
      const cur = await bot.lastCursor('c-scj');
      await bot.say('c-scj', 'u-scj', '/评查 名单 PC-2026-001');
      await bot.say('c-scj', 'u-scj', '', {
        attachments: [{ name: '名单.xlsx', data: Buffer.from('not a zip').toString('base64') }],
      });
      return (await bot.botSays('c-scj', cur)).map((m) => m.text).join('\n');
    })();
    expect(notXlsx).toContain('这个文件不是 Excel 工作簿（.xlsx）');
    await bot.say('c-scj', 'u-scj', '/取消');
    expect(await lists()).toBe(0);
    // 司法局 was not asked for a list
    expect(await bot.answer('c-sfj', 'u-sfj', '/评查 名单 PC-2026-001')).toContain('没有向示例县司法局征集案卷名单');
  });

  it('reads 范围=当年, draws the files named for 重点检查 with the random ones, and reassigns a file', async () => {
    expect(await bot.answer('c-joint', 'u-liaison', '/评查 计划 季度=2026Q3 比例=10% 范围=当年 单位=住建局')).toContain(
      '评查 2026-01-01 至 2026-09-30 办结的行政执法案卷',
    );
    expect(
      await bot.answer('c-joint', 'u-liaison', '/评查 重点 PC-2026-001 单位=市场监管局 案号=市监罚〔2026〕103号'),
    ).toContain('已将示例县市场监督管理局的 市监罚〔2026〕103号 列为 PC-2026-001 的重点检查案卷');
    expect(await sendList(bot, 'c-scj', 'u-scj', 'PC-2026-001', await listBook(cases('市监罚', 5)))).toContain('5 卷');
    await bot.advance({ to: '2026-10-26T12:00:00+08:00' });
    const drawn = (await bot.botSays('c-joint'))
      .map((m) => m.text)
      .find((x) => x.startsWith('【案卷评查抽取结果】PC-2026-001'))!;
    // the key file, and ceil(10% × 5) = 1 at random from the other four
    expect(drawn).toContain('示例县市场监督管理局：名单 5 卷，抽取 2 卷');
    expect(drawn).toContain('· 市监罚〔2026〕103号《第3起行政处罚案》（重点检查，评查单位：示例县人民检察院）');
    expect((drawn.match(/（随机抽查，评查单位：示例县司法局）/g) ?? []).length).toBe(1);
    expect(
      await bot.answer('c-joint', 'u-liaison', '/评查 重点 PC-2026-001 单位=市场监管局 案号=市监罚〔2026〕104号'),
    ).toContain('名单已经抽取，不能再指定重点检查案卷');
    expect(
      await bot.answer('c-joint', 'u-liaison', '/评查 指派 PC-2026-001 案号=市监罚〔2026〕103号 评查单位=住建局'),
    ).toContain('示例县住房和城乡建设局不是 PC-2026-001 的评查单位');
    expect(
      await bot.answer('c-joint', 'u-liaison', '/评查 指派 PC-2026-001 案号=市监罚〔2026〕103号 评查单位=司法局'),
    ).toContain('已将 PC-2026-001 的案卷 市监罚〔2026〕103号 改由示例县司法局评查');
    const shown = await bot.answer('c-scj', 'u-scj', '/评查 查看 PC-2026-001');
    expect(shown).toContain('案卷评查 PC-2026-001（2026Q4，已抽取）');
    expect(shown).toContain('· 示例县市场监督管理局：5 卷');
    expect(shown).toContain(
      '未报送：示例县自然资源局、示例县生态环境分局、示例县住房和城乡建设局、示例县农业农村局、示例县应急管理局',
    );
    expect(shown).toContain('· 示例县市场监督管理局 市监罚〔2026〕103号：评查单位 示例县司法局，未评查');
    expect(await bot.answer('c-joint', 'u-liaison', '/评查 结果 PC-2026-001 案号=市监罚〔2026〕103号')).toContain(
      '分配给示例县司法局评查',
    );
  });
});

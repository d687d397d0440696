// A quarter's case-file review (案卷评查) in chat, on the simulated clock: the plan asks three agencies for
// their lists; one sends 25 files, one an empty list, one nothing — it is reminded, named as missing, and
// its list, sent after the draw, is drawn on its own; a second list after the draw is refused. The
// reviewers record results, the 评查通报 goes out as text, Word and workbook with figures computed here by
// hand, and a problem becomes a 整改 task that is reminded and then overdue.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDocx, tableRows } from '../documents/docx.js';
import { startBot, type TestBot } from '../support/bot.js';
import { cases, download, listBook, sendList } from './review-support.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const texts = async (b: TestBot, chat: string, after = 0) => (await b.botSays(chat, after)).map((m) => m.text);

describe('a quarter of case-file review', () => {
  it('plans, collects, draws, reviews, reports and turns a problem into a task', async () => {
    bot = await startBot({ start: '2026-10-12T10:00:00+08:00' });
    const planned = await bot.answer(
      'c-joint',
      'u-liaison',
      '/评查 计划 季度=2026Q4 比例=10% 单位=市场监管局,住建局,应急局 截止=2026-10-23 评查期限=2026-11-20',
    );
    expect(planned).toContain('已制定案卷评查计划 PC-2026-001（2026Q4）');
    expect(planned).toContain('评查单位：示例县人民检察院、示例县司法局');
    const request = (await bot.botSays('c-scj')).at(-1)!;
    expect(request.text).toContain('请于 2026-10-23 前报送');
    expect(request.card!.buttons.map((b) => b.command)).toEqual(['/评查 名单 PC-2026-001', '/评查 模板']);

    // the template, then 25 files from 市场监管局 and an empty list from 住建局
    expect(await bot.answer('c-scj', 'u-scj', '/评查 模板')).toContain('案卷名单模板.xlsx');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await download(bot, 'c-scj', '.xlsx')) as unknown as ArrayBuffer);
    expect((template.getWorksheet('案卷名单')!.getRow(1).values as unknown[]).slice(1)).toEqual([
      '案号',
      '案件名称',
      '执法类别',
      '办结日期',
      '承办人',
    ]);
    const scj = await sendList(bot, 'c-scj', 'u-scj', 'PC-2026-001', await listBook(cases('市监罚', 25)));
    expect(scj).toContain('已收到示例县市场监督管理局报送的 PC-2026-001 案卷名单：25 卷');
    const zjj = await sendList(bot, 'c-zjj', 'u-zjj', 'PC-2026-001', await listBook([]));
    expect(zjj).toContain('案卷名单：0 卷');

    // reminders before the deadline: only 应急局 (nothing sent); the joint group has who has not sent
    const joint0 = await bot.lastCursor('c-joint');
    await bot.advance({ to: '2026-10-20T12:00:00+08:00' });
    expect((await texts(bot, 'c-yjj')).some((x) => x.includes('【案卷评查提醒】PC-2026-001'))).toBe(true);
    expect((await texts(bot, 'c-scj')).some((x) => x.includes('【案卷评查提醒】'))).toBe(false);
    expect(await texts(bot, 'c-joint', joint0)).toContain(
      '【案卷评查】PC-2026-001（2026Q4）名单 2026-10-23 截止，尚有 1 个单位未报送：示例县应急管理局',
    );

    // the draw, the next working day (Monday 10-26): ceil(10% × 25) = 3 files; none from the empty list
    await bot.advance({ to: '2026-10-26T12:00:00+08:00' });
    const drawn = (await texts(bot, 'c-joint', joint0)).find((x) => x.startsWith('【案卷评查抽取结果】'))!;
    expect(drawn).toContain('示例县市场监督管理局：名单 25 卷，抽取 3 卷（比例 10%）');
    expect(drawn).toContain('示例县住房和城乡建设局：名单 0 卷，抽取 0 卷');
    const scjFiles = [...drawn.matchAll(/· (市监罚〔2026〕\d+号)/g)].map((m) => m[1]!);
    expect(scjFiles).toHaveLength(3);
    expect(
      (await texts(bot, 'c-joint', joint0)).some((x) => x.includes('名单截止时以下单位未报送：示例县应急管理局')),
    ).toBe(true);

    // 应急局 late: drawn on its own, ceil(10% × 8) = 1; a second list refused
    const late = await sendList(bot, 'c-yjj', 'u-yjj', 'PC-2026-001', await listBook(cases('应急罚', 8)));
    expect(late).toContain('补报的 PC-2026-001 案卷名单：8 卷');
    const lateDraw = (await texts(bot, 'c-joint')).at(-1)!;
    expect(lateDraw).toContain('示例县应急管理局（补报名单，单独抽取）：名单 8 卷，抽取 1 卷');
    const yjjFile = /· (应急罚〔2026〕\d+号)/.exec(lateDraw)![1]!;
    expect(await bot.answer('c-yjj', 'u-yjj', '/评查 名单 PC-2026-001')).toContain(
      '示例县应急管理局的 PC-2026-001 案卷名单（8 卷）已经抽取，不再接受新的名单',
    );
    expect(await bot.answer('c-scj', 'u-scj', '/评查 名单 PC-2026-001')).toContain('已经抽取');

    // round robin: 市场监管局's three files → 检察院, 司法局, 检察院; 应急局's → 司法局
    expect(drawn).toContain(`${scjFiles[0]}《`);
    const [a, b, c] = scjFiles;
    expect(drawn).toMatch(new RegExp(`${esc(a!)}《[^》]+》（随机抽查，评查单位：示例县人民检察院）`));
    expect(drawn).toMatch(new RegExp(`${esc(b!)}《[^》]+》（随机抽查，评查单位：示例县司法局）`));
    expect(lateDraw).toContain('评查单位：示例县司法局');

    // results: not in the sample refused; the wrong reviewer refused
    expect(await bot.answer('c-joint', 'u-liaison', '/评查 结果 PC-2026-001 案号=不存在〔2026〕1号')).toContain(
      '案号 不存在〔2026〕1号 不在 PC-2026-001 抽取的案卷中',
    );
    expect(await bot.answer('c-joint', 'u-liaison', `/评查 结果 PC-2026-001 案号=${b}`)).toContain(
      `案卷 ${b} 分配给示例县司法局评查`,
    );
    await result(bot, 'c-joint', 'u-liaison', a!, ['合格', '/跳过', '/跳过', '/跳过']);
    const failed = await result(bot, 'c-joint', 'u-liaison', c!, [
      '不合格',
      '证据不充分、程序不规范',
      '处罚决定缺少证据',
      '/跳过',
    ]);
    expect(failed).toContain(
      `已记录 PC-2026-001 案卷 ${c}（示例县市场监督管理局）的评查结果：不合格；问题类型：证据不充分、程序不规范。`,
    );
    await result(bot, 'c-sfj', 'u-sfj', b!, ['基本合格', '文书不好看', '文书制作不规范', '文书格式不规范', '/跳过']);
    await result(bot, 'c-sfj', 'u-sfj', yjjFile, ['合格', '/跳过', '/跳过', '/跳过']);

    // the circular: by hand — 市场监管局 3 sampled, 1 合格 1 基本合格 1 不合格, 不合格率 1/3 = 33.3%, problems in 2 files;
    // 应急局 1 sampled, 1 合格, 0.0%; problem types: 证据不充分 1, 程序不规范 1, 文书制作不规范 1
    const before = await bot.lastCursor('c-joint');
    await bot.say('c-joint', 'u-liaison', '/评查 通报 PC-2026-001');
    const report = (await texts(bot, 'c-joint', before)).find((x) => x.startsWith('【评查通报】'))!;
    expect(report).toContain(
      '· 示例县市场监督管理局：抽取 3 卷，已评查 3 卷，合格 1、基本合格 1、不合格 1，不合格率 33.3%；发现问题 2 卷，已整改 0 卷',
    );
    expect(report).toContain('· 示例县应急管理局：抽取 1 卷，已评查 1 卷，合格 1、基本合格 0、不合格 0，不合格率 0%');
    expect(report).toMatch(
      /问题类型：(证据不充分 1|程序不规范 1|文书制作不规范 1)(、(证据不充分 1|程序不规范 1|文书制作不规范 1)){2}$/,
    );
    const doc = await openDocx(await download(bot, 'c-joint', '.docx'));
    expect(doc.text).toContain('关于2026年第4季度行政执法案卷评查情况的通报');
    expect(doc.text).toContain(
      '本次共评查 2 个单位，抽取案卷 4 卷，已评查 4 卷，其中合格 2 卷、基本合格 1 卷、不合格 1 卷。',
    );
    const rows = tableRows(doc);
    expect(rows).toContainEqual(['示例县市场监督管理局', '3', '3', '1', '1', '1', '33.3%', '2', '0']);
    expect(rows).toContainEqual(['示例县应急管理局', '1', '1', '1', '0', '0', '0%', '0', '0']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(bot, 'c-joint', '.xlsx')) as unknown as ArrayBuffer);
    expect((book.getWorksheet('各单位评查情况')!.getRow(2).values as unknown[]).slice(1, 7)).toEqual([
      '示例县市场监督管理局',
      3,
      3,
      1,
      1,
      1,
    ]);

    // the problem → a task by the result card's button; reminded, then overdue (1 month: due 2026-11-26)
    const card = (await bot.botSays('c-joint')).find((m) => m.card?.title === `评查发现问题 PC-2026-001：${c}`)!;
    const cur = await bot.lastCursor('c-joint');
    await bot.act(card.id, 'u-liaison', card.card!.buttons[0]!.command);
    expect((await texts(bot, 'c-joint', cur)).join('\n')).toContain('RW-2026-001');
    expect((await texts(bot, 'c-scj')).join('\n')).toContain(`案卷评查 PC-2026-001 发现问题整改：${c}`);
    expect(await bot.answer('c-joint', 'u-liaison', `/评查 整改 PC-2026-001 案号=${c}`)).toContain('已转为整改任务');
    // /统计: the same figures per unit, beside the matters' own
    const stats = await bot.answer('c-joint', 'u-liaison', '/统计 2026');
    expect(stats).toContain(
      '· 示例县市场监督管理局：抽查案卷 3 卷，已评查 3 卷，不合格 1（不合格率 33.3%），发现问题 2 卷，已整改 0 卷',
    );
    expect(stats).toContain('· 示例县应急管理局：抽查案卷 1 卷，已评查 1 卷，不合格 0（不合格率 0%）');
    // a problem may become a 检察建议 instead — the procuratorate's only
    expect(await bot.answer('c-sfj', 'u-sfj', `/评查 整改 PC-2026-001 案号=${b} 类型=检察建议`)).toContain(
      '检察建议由检察院的联络员制发',
    );
    expect(await bot.answer('c-joint', 'u-liaison', `/评查 整改 PC-2026-001 案号=${b} 类型=检察建议`)).toContain(
      'JY-2026-001',
    );
    const scj0 = await bot.lastCursor('c-scj');
    await bot.advance({ to: '2026-11-25T12:00:00+08:00' });
    expect((await texts(bot, 'c-scj', scj0)).join('\n')).toContain('RW-2026-001');
    const scj1 = await bot.lastCursor('c-scj');
    await bot.advance({ to: '2026-11-27T12:00:00+08:00' });
    expect((await texts(bot, 'c-scj', scj1)).join('\n')).toMatch(/RW-2026-001[\s\S]*逾期/);
  });
});

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** /评查 结果 and the form's answers, then 确认: what the bot said. */
async function result(bot: TestBot, chat: string, who: string, caseNo: string, answers: string[]): Promise<string> {
  const cur = await bot.lastCursor(chat);
  await bot.say(chat, who, `/评查 结果 PC-2026-001 案号=${caseNo}`);
  for (const a of answers) await bot.say(chat, who, a);
  await bot.say(chat, who, '确认');
  return (await texts(bot, chat, cur)).join('\n');
}

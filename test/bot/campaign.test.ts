// A joint patrol (联合巡查) from self-inspection to closing report, on the simulated clock: three units are
// asked to self-inspect, two return (40 cases / 3 with problems, 25 / 0), the third is reminded and named
// as missing; two on-site inspections sample 12 and 6 files; two findings become a task (rectified and
// evaluated) and a 监督通知书 (a 检察建议 from the 司法局 refused); the report's counts, in the chat, the
// Word file and the workbook, are the ones computed here by hand.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDocx } from '../documents/docx.js';
import { startBot, type TestBot } from '../support/bot.js';
import { cases, download, listBook, sendList } from './review-support.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const texts = async (b: TestBot, chat: string, after = 0) => (await b.botSays(chat, after)).map((m) => m.text);

async function selfReturn(b: TestBot, chat: string, who: string, answers: string[]): Promise<string> {
  const cur = await b.lastCursor(chat);
  await b.say(chat, who, '/专项 自查 ZX-2026-001');
  for (const a of answers) await b.say(chat, who, a);
  await b.say(chat, who, '确认');
  return (await texts(b, chat, cur)).join('\n');
}

describe('a joint patrol', () => {
  it('goes from self-inspection to the closing report with the counts computed by hand', async () => {
    bot = await startBot({ start: '2026-11-02T10:00:00+08:00' });
    const b = bot;
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/专项 新建 主题=行政处罚案件联合巡查 单位=市场监管局,住建局,应急局 自查截止=2026-11-13 类型=联合巡查',
      ),
    ).toContain('已建立联合巡查 ZX-2026-001《行政处罚案件联合巡查》：向 3 个单位部署自查');
    expect((await texts(b, 'c-scj')).at(-1)).toContain('于 2026-11-13 前报送自查情况');
    expect(await b.answer('c-joint', 'u-liaison', '/专项 新建 主题=X 单位=全部 自查截止=2026-10-01')).toContain(
      '自查截止日 2026-10-01 早于今天',
    );
    expect(await b.rt.db.campaign.count()).toBe(1);

    expect(await selfReturn(b, 'c-scj', 'u-scj', ['40', '41', '3', '市监罚〔2026〕5号 未按期送达'])).toContain(
      '已收到示例县市场监督管理局的 ZX-2026-001 自查情况：自查案件 40 件，发现问题 3 件。',
    );
    expect(await selfReturn(b, 'c-zjj', 'u-zjj', ['25', '0', '/跳过'])).toContain('自查案件 25 件，发现问题 0 件');
    expect(await b.answer('c-sfj', 'u-sfj', '/专项 自查 ZX-2026-001')).toContain(
      '示例县司法局不是 ZX-2026-001 的参加单位',
    );

    const joint0 = await b.lastCursor('c-joint');
    await b.advance({ to: '2026-11-16T12:00:00+08:00' });
    expect((await texts(b, 'c-yjj')).some((x) => x.startsWith('【自查提醒】ZX-2026-001'))).toBe(true);
    expect((await texts(b, 'c-scj')).some((x) => x.startsWith('【自查提醒】'))).toBe(false);
    const joint = await texts(b, 'c-joint', joint0);
    expect(joint).toContain(
      '【专项】ZX-2026-001《行政处罚案件联合巡查》自查 2026-11-13 截止，尚有 1 个单位未报送：示例县应急管理局',
    );
    expect(joint).toContain(
      '【专项】ZX-2026-001《行政处罚案件联合巡查》自查已于 2026-11-13 截止，以下 1 个单位未报送：示例县应急管理局',
    );

    // on-site: 12 + 6 files, at three units
    expect(
      await b.answer('c-joint', 'u-liaison', '/专项 检查 ZX-2026-001 日期=2026-11-16 单位=市场监管局,住建局 抽查=12'),
    ).toContain(
      '已记录 ZX-2026-001 现场检查：2026-11-16，检查单位 示例县市场监督管理局、示例县住房和城乡建设局，抽查案卷 12 卷。',
    );
    await b.answer('c-sfj', 'u-sfj', '/专项 检查 ZX-2026-001 日期=2026-11-16 单位=应急局 抽查=6');
    expect(
      await b.answer('c-joint', 'u-liaison', '/专项 检查 ZX-2026-001 日期=2026-12-01 单位=应急局 抽查=1'),
    ).toContain('晚于今天');

    // findings: one → a task by button, one → a 监督通知书 by the 司法局
    const cur = await b.lastCursor('c-joint');
    await b.say('c-joint', 'u-liaison', '/专项 问题 ZX-2026-001 单位=市场监管局 内容=处罚决定未载明救济途径');
    const card = (await b.botSays('c-joint', cur)).find((m) => m.card?.title === '检查发现问题 ZX-2026-001 第 1 项')!;
    await b.act(card.id, 'u-liaison', card.card!.buttons[0]!.command);
    expect((await texts(b, 'c-scj')).join('\n')).toContain(
      '行政处罚案件联合巡查（ZX-2026-001）发现问题整改：处罚决定未载明救济途径',
    );
    await b.answer('c-sfj', 'u-sfj', '/专项 问题 ZX-2026-001 单位=住建局 内容=超期作出处罚决定');
    expect(await b.answer('c-sfj', 'u-sfj', '/专项 转 ZX-2026-001 序号=2 类型=检察建议')).toContain(
      '检察建议由检察院的联络员制发',
    );
    expect(await b.answer('c-sfj', 'u-sfj', '/专项 转 ZX-2026-001 序号=2 类型=监督通知书')).toContain('TZ-2026-001');
    expect(await b.answer('c-sfj', 'u-sfj', '/专项 转 ZX-2026-001 序号=2 类型=监督通知书')).toContain(
      '已经交办，不再重复',
    );

    // the task rectified: reported done and evaluated by the unit that issued it
    await b.say('c-scj', 'u-scj', '/反馈 RW-2026-001 措施=已补正全部处罚决定书 状态=已完成');
    await b.say('c-scj', 'u-scj', '/跳过');
    await b.say('c-scj', 'u-scj', '确认');
    expect(await b.answer('c-joint', 'u-liaison', '/评估 RW-2026-001 通过 意见=已整改')).toContain('RW-2026-001');

    // by hand: 3 units, 2 returned (40 + 25 = 65 cases, 3 + 0 = 3 with problems); 2 inspections, 3 units, 12 + 6 = 18 files;
    // 2 found: 1 task, 1 notice, 0 recommendations; 1 rectified (the task closed)
    const before = await b.lastCursor('c-joint');
    await b.say('c-joint', 'u-liaison', '/专项 总结 ZX-2026-001');
    const report = (await texts(b, 'c-joint', before)).find((x) => x.startsWith('【联合巡查总结】'))!;
    expect(report).toContain('参加单位 3 个，报送自查 2 个（自查案件 65 件，自查发现问题 3 件）');
    expect(report).toContain('现场检查 2 次，检查单位 3 个，抽查案卷 18 卷');
    expect(report).toContain(
      '发现问题 2 个：交办整改任务 1 项，制发行政执法监督通知书 1 份、检察建议书 0 份；已整改 1 个。',
    );
    const doc = await openDocx(await download(b, 'c-joint', '.docx'));
    expect(doc.text).toContain('关于《行政处罚案件联合巡查》联合巡查情况的报告');
    expect(doc.text).toContain('抽查案卷 18 卷；发现问题 2 个');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(b, 'c-joint', '.xlsx')) as unknown as ArrayBuffer);
    const counts = new Map<string, unknown>();
    book.getWorksheet('总体情况')!.eachRow((r, n) => {
      if (n > 1) counts.set(String(r.getCell(1).value), r.getCell(2).value);
    });
    expect([
      counts.get('抽查案卷数'),
      counts.get('发现问题'),
      counts.get('已整改问题'),
      counts.get('行政执法监督通知书'),
    ]).toEqual([18, 2, 1, 1]);
    expect(await b.answer('c-joint', 'u-liaison', '/专项 问题 ZX-2026-001 单位=住建局 内容=X')).toContain(
      'ZX-2026-001 已经总结',
    );
  });

  it("takes an on-site sample from a case-file review's published draw", async () => {
    bot = await startBot({ start: '2026-10-12T10:00:00+08:00' });
    const b = bot;
    await b.answer('c-joint', 'u-liaison', '/评查 计划 季度=2026Q4 比例=10% 单位=市场监管局,住建局 截止=2026-10-23');
    await sendList(b, 'c-scj', 'u-scj', 'PC-2026-001', await listBook(cases('市监罚', 15)));
    await sendList(b, 'c-zjj', 'u-zjj', 'PC-2026-001', await listBook(cases('住建罚', 30)));
    await b.advance({ to: '2026-10-26T12:00:00+08:00' });
    await b.answer('c-joint', 'u-liaison', '/专项 新建 主题=联合检查 单位=市场监管局,住建局 自查截止=2026-10-30');
    // ceil(10% × 15) = 2 drawn from 市场监管局: the inspection there samples those 2
    expect(
      await b.answer('c-joint', 'u-liaison', '/专项 检查 ZX-2026-001 日期=2026-10-26 单位=市场监管局 评查=PC-2026-001'),
    ).toContain('抽查案卷 2 卷');
    // both units: 2 + ceil(10% × 30) = 3 → 5
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/专项 检查 ZX-2026-001 日期=2026-10-26 单位=市场监管局,住建局 评查=PC-2026-001',
      ),
    ).toContain('抽查案卷 5 卷');
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/专项 检查 ZX-2026-001 日期=2026-10-26 单位=住建局 评查=PC-2026-001 抽查=3',
      ),
    ).toContain('二者写一个');
  });
});

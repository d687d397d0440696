// 来源 on a clue is descriptive: `来源=行政执法` is taken as written (one line, 50 characters, visible
// text), the usual sources stay as the form offers them (12345 → 12345 热线), and the form offers
// them as choices with “其他” written out. A restricted clue keeps to the usual sources: the ledger
// workbook shows every clue's source to every reader.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const START = '2026-06-01T10:00:00+08:00';
const sources = async (b: TestBot) =>
  (await b.rt.db.clue.findMany({ include: { matter: true }, orderBy: { matter: { code: 'asc' } } })).map((c) => [
    c.matter.code,
    c.source,
  ]);

describe('a clue’s 来源', () => {
  it('takes words of one’s own on the command line, and keeps the usual sources as they are', async () => {
    bot = await startBot({ start: START });
    const own = await bot.answer(
      'c-joint',
      'u-liaison',
      '/线索 新建 类别=公益诉讼 来源=行政执法 摘要="河道倾倒建筑垃圾" 接收=住建局',
    );
    expect(own).toContain('已登记线索 XS-2026-001');
    expect(own).toContain('来源：行政执法');
    await bot.answer('c-joint', 'u-liaison', '/线索 新建 类别=职责不清 来源=12345 摘要="小区违建投诉多个部门互相推诿"');
    expect(await sources(bot)).toEqual([
      ['XS-2026-001', '行政执法'],
      ['XS-2026-002', '12345 热线'],
    ]);
  });

  it('refuses a source that is too long or not one line of visible text, writing nothing', async () => {
    bot = await startBot({ start: START });
    const cases: Array<[string, string]> = [
      [`来源=${'甲'.repeat(51)}`, '“来源”过长（51 字），请控制在 50 字以内'],
      ['来源="行政\u0007执法"', '“来源”含有控制字符或换行，请只写一行可见的文字'],
      ['来源="\u200b\u200b"', '“来源”只有看不见的字符'],
    ];
    for (const [option, expected] of cases)
      expect(await bot.answer('c-joint', 'u-liaison', `/线索 新建 类别=公益诉讼 ${option} 摘要=x`)).toContain(expected);
    expect(await bot.rt.db.matter.count()).toBe(0);
  });

  it('is offered as choices in the form, “其他” written out', async () => {
    bot = await startBot({ start: START });
    const dm = (text: string) => bot!.answer('dm:u-liaison', 'u-liaison', text);
    await dm('/线索 新建 类别=职责不清');
    const ask = await dm('/跳过'); // the receiving unit by category
    expect(ask).toContain('请选择线索来源（回复序号；不在所列之中的，选“其他”后写明）');
    expect(ask).toContain('1. 12345 热线\n  2. 执法检查\n  3. 案件办理\n  4. 群众举报\n  5. 联合巡查\n  6. 其他');
    expect(await dm('6')).toContain('请写明线索来源');
    await dm('人大代表建议');
    await dm('小区违建投诉多个部门互相推诿');
    await dm('/跳过');
    const review = await dm('/跳过');
    expect(review).toContain('人大代表建议');
    expect(await dm('确认')).toContain('已登记线索 XS-2026-001');
    // 其他 without words stays 其他; a usual source chosen by its number as before
    await dm('/线索 新建 类别=职责不清 摘要=甲');
    for (const a of ['/跳过', '6', '/跳过', '/跳过', '/跳过']) await dm(a);
    await dm('确认');
    await dm('/线索 新建 类别=职责不清 摘要=乙');
    for (const a of ['/跳过', '2', '/跳过', '/跳过']) await dm(a);
    await dm('确认');
    expect(await sources(bot)).toEqual([
      ['XS-2026-001', '人大代表建议'],
      ['XS-2026-002', '其他'],
      ['XS-2026-003', '执法检查'],
    ]);
  });

  it('keeps a restricted clue to the usual sources, on the command line and in the form', async () => {
    bot = await startBot({ start: START });
    const direct = await bot.answer(
      'dm:u-liaison',
      'u-liaison',
      '/线索 新建 类别=违纪 来源=纪委转办 摘要="某副局长收受工程款"',
    );
    expect(direct).toContain(
      '控制知悉范围的线索，来源只能写：12345 热线、执法检查、案件办理、群众举报、联合巡查、其他（台账中列出来源）',
    );
    expect(direct).not.toContain('撤回');
    // typed in a group: the person is asked to withdraw the message too
    const group = await bot.answer('c-joint', 'u-liaison', '/线索 新建 类别=公益诉讼 来源=王某实名举报 摘要=x 限制=是');
    expect(group).toContain('控制知悉范围的线索，来源只能写');
    expect(group).toContain('请先撤回您在群内发送的这条消息');
    // an unreadable 限制= beside a source of one's own in a group: withdraw it, as beside a summary
    expect(await bot.answer('c-joint', 'u-liaison', '/线索 新建 类别=违纪 来源=王某实名举报 限制=保密')).toContain(
      '请先撤回您在群内发送的这条消息',
    );
    expect(await bot.rt.db.matter.count()).toBe(0);

    // the form: the words are asked again, and /跳过 records 其他
    const dm = (text: string) => bot!.answer('dm:u-liaison', 'u-liaison', text);
    await dm('/线索 新建 类别=违纪');
    await dm('/跳过');
    await dm('6');
    expect(await dm('王某实名举报')).toContain('控制知悉范围的线索，来源只能从以下选择');
    for (const a of ['/跳过', '某副局长收受工程款', '/跳过', '/跳过']) await dm(a);
    expect(await dm('确认')).toContain('已登记线索 XS-2026-001');
    // a usual source on the command line registers as before
    expect(
      await bot.answer('dm:u-liaison', 'u-liaison', '/线索 新建 类别=违纪 来源=群众举报 摘要="某科长收受礼金"'),
    ).toContain('已登记线索 XS-2026-002');
    expect(await sources(bot)).toEqual([
      ['XS-2026-001', '其他'],
      ['XS-2026-002', '群众举报'],
    ]);
  });
});

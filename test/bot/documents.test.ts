// Word documents (issue 23, item 3) as people receive them: each event sends its document as a file
// in the chats where it happens — once each, nowhere else — and the file, opened, says what it must:
// the 督办通知书 of a 督办, the 司法局's 行政执法监督通知书, the 会议通知 with its calendar file, the
// 会议纪要 with attendees and 议定事项, the 季度通报, the 年度统计表 of /统计 (figures only: a restricted
// clue's content never in it).
import { afterEach, describe, expect, it } from 'vitest';
import { type Docx, openDocx, tableRows } from '../documents/docx.js';
import { type Msg, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于加强校园食品安全监管的检察建议" 送达=2026-09-01 期限=2个月';
const UNIT_GROUPS = ['c-sfj', 'c-jw', 'c-scj', 'c-zrzy', 'c-sthj', 'c-zjj', 'c-nyj', 'c-yjj'];
const ALL_CHATS = ['c-joint', 'c-supervisor', 'c-leaders', ...UNIT_GROUPS];

/** the bot's messages in a chat that carry a Word document, with the document's name */
async function documentsIn(b: TestBot, chat: string): Promise<Array<Msg & { name: string }>> {
  return (await b.botSays(chat)).flatMap((m) =>
    (m.attachments ?? []).filter((a) => a.name.endsWith('.docx')).map((a) => ({ ...m, name: a.name })),
  );
}

/** which chats got a document of that name, and how many times */
async function whereSent(b: TestBot, name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const chat of ALL_CHATS) {
    const n = (await documentsIn(b, chat)).filter((m) => m.name === name).length;
    if (n) out[chat] = n;
  }
  return out;
}

async function opened(b: TestBot, chat: string, name: string): Promise<Docx> {
  const m = (await documentsIn(b, chat)).find((x) => x.name === name)!;
  const ref = m.attachments!.find((a) => a.name === name)!.ref;
  const r = await fetch(`${b.base}/files/${ref.replace('file:', '')}`);
  expect(r.status).toBe(200);
  return openDocx(Buffer.from(await r.arrayBuffer()));
}

const lines = (doc: Docx) => doc.paragraphs.filter((p) => !p.inTable && p.text).map((p) => p.text);

describe('the supervision documents', () => {
  it('a 督办 sends its 督办通知书 to the agency (主送), the procuratorate (抄送) and the supervisor’s chat, once each', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.advance({ to: '2026-11-03T10:00:00+08:00' }); // due 11-02: one day overdue
    expect(
      await bot.answer('c-supervisor', 'u-supervisor', '/督办 JY-2026-001 意见=请于限期内书面回复整改情况'),
    ).toContain('已督办 JY-2026-001');
    const name = '督办通知书-JY-2026-001.docx';
    expect(await whereSent(bot, name)).toEqual({ 'c-scj': 1, 'c-joint': 1, 'c-supervisor': 1 });
    const [sent] = await documentsIn(bot, 'c-scj');
    expect(sent!.text).toBe('【公文】督办通知书：督办通知书-JY-2026-001.docx（Word 文档，可下载打印）');
    const doc = await opened(bot, 'c-scj', name);
    expect(lines(doc)).toEqual([
      '督办通知书',
      '示例县市场监督管理局：',
      '示例县人民检察院于2026年9月1日向你单位制发检察建议JY-2026-001《关于加强校园食品安全监管的检察建议》，要求于2026年11月2日前书面回复整改落实情况。',
      '截至2026年11月3日，该事项办理状态为“待反馈”，已超过期限1日。',
      '督办意见：请于限期内书面回复整改情况',
      '请你单位高度重视，认真研究落实，于2026年11月10日前（5个工作日内）将办理情况书面报告示例县人民政府督查室。逾期未报告的，将按府检联动工作机制进一步督办。',
      '特此通知。',
      '示例县人民政府督查室',
      '2026年11月3日',
      '抄送：示例县人民检察院。',
    ]);
  });

  it('a 《行政执法监督通知书》 goes to the agency (主送), the procuratorate (抄送) and the 司法局, once each', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.advance({ to: '2026-11-10T10:00:00+08:00' });
    const issued = await bot.answer(
      'c-sfj',
      'u-sfj',
      '/监督通知书 新建 关联=JY-2026-001 事项=责令限期整改校园食品安全监管问题 期限=15日',
    );
    expect(issued).toContain('TZ-2026-001');
    const name = '行政执法监督通知书-TZ-2026-001.docx';
    expect(await whereSent(bot, name)).toEqual({ 'c-joint': 1, 'c-sfj': 1, 'c-scj': 1 });
    expect(lines(await opened(bot, 'c-scj', name))).toEqual([
      '行政执法监督通知书',
      '编号：TZ-2026-001',
      '示例县市场监督管理局：',
      '示例县人民检察院于2026年9月1日向你单位制发检察建议JY-2026-001《关于加强校园食品安全监管的检察建议》，要求于2026年11月2日前书面回复整改落实情况。截至2026年11月10日，该检察建议办理状态为“待反馈”，尚未整改到位。',
      '依据行政执法监督有关规定，现责令你单位对下列事项限期纠正：',
      '监督事项：责令限期整改校园食品安全监管问题',
      '请你单位自收到本通知书之日起15日内（2026年11月25日前）予以纠正，并将纠正情况书面回复示例县司法局。逾期未纠正的，将依照有关规定进一步处理。',
      '特此通知。',
      '示例县司法局',
      '2026年11月10日',
      '抄送：示例县人民检察院。',
    ]);
  });
});

describe('the meeting documents', () => {
  it('sends the 会议通知 with the calendar file, and the 会议纪要 with attendees and 议定事项, to every member', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer(
      'c-joint',
      'u-liaison',
      '/会议 新建 日期=2026-09-15 主题=府检联动联席会议 地点=县检察院三楼会议室',
    );
    await bot.advance({ minutes: 5 }); // the notice day (T-14) has passed: it goes at once
    const notice = '会议通知-HY-2026-001.docx';
    expect(await whereSent(bot, notice)).toEqual(Object.fromEntries(['c-joint', ...UNIT_GROUPS].map((c) => [c, 1])));
    // beside the calendar file it names
    expect((await bot.botSays('c-scj')).some((m) => m.attachments?.some((a) => a.name === 'HY-2026-001.ics'))).toBe(
      true,
    );
    const doc = await opened(bot, 'c-zjj', notice);
    expect(lines(doc).slice(0, 3)).toEqual([
      '关于召开府检联动联席会议的通知',
      '示例县司法局、示例县纪委监委、示例县市场监督管理局、示例县自然资源局、示例县生态环境分局、示例县住房和城乡建设局、示例县农业农村局、示例县应急管理局：',
      '经研究，定于2026年9月15日（周二）09:30在县检察院三楼会议室召开府检联动联席会议。现将有关事项通知如下：',
    ]);
    expect(doc.text).toContain('（一）请各单位于2026年9月4日前提交需提请会议研究的议题；没有议题的，请回复无议题。');
    expect(doc.text).toContain('（三）本通知随附会议日历文件（HY-2026-001.ics）');
    expect(lines(doc).slice(-2)).toEqual(['示例县人民检察院', '2026年9月1日']);

    await bot.answer('c-scj', 'u-scj', '/回执 HY-2026-001 参会人=张敏 副局长');
    await bot.answer('c-sfj', 'u-sfj', '/回执 HY-2026-001 参会人=冯涛 科长');
    await bot.advance({ to: '2026-09-16T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', '/纪要 HY-2026-001');
    await bot.answer('c-joint', 'u-liaison', '会议通报了上半年府检联动工作情况，研究了农贸市场计量监管等议题。');
    await bot.answer('c-joint', 'u-liaison', '清理涉企收费文件｜市场监管局｜1个月\n加强信息共享');
    expect(await bot.answer('c-joint', 'u-liaison', '确认')).toContain('RW-2026-001');
    const minutes = '会议纪要-HY-2026-001.docx';
    expect(await whereSent(bot, minutes)).toEqual(Object.fromEntries(['c-joint', ...UNIT_GROUPS].map((c) => [c, 1])));
    const m = await opened(bot, 'c-joint', minutes);
    expect(lines(m)).toEqual([
      '府检联动联席会议纪要',
      // the units in the roster's order, whoever answered first
      '2026年9月15日（周二），示例县人民检察院在县检察院三楼会议室召开府检联动联席会议。示例县司法局、示例县市场监督管理局参加会议。现将会议议定事项纪要如下：',
      '一、会议情况',
      '会议通报了上半年府检联动工作情况，研究了农贸市场计量监管等议题。',
      '二、议定事项',
      '三、出席人员',
      '示例县司法局：冯涛 科长',
      '示例县市场监督管理局：张敏 副局长',
      '示例县人民检察院',
      '2026年9月16日',
    ]);
    expect(tableRows(m)).toEqual([
      ['序号', '议定事项', '责任单位', '完成期限', '任务编号'],
      ['1', '清理涉企收费文件', '示例县市场监督管理局', '2026年10月16日', 'RW-2026-001'],
      ['2', '加强信息共享', '', '', ''],
    ]);
  });
});

describe('the documents of figures', () => {
  it('the quarterly circular comes with its 季度通报 in the joint group, once', async () => {
    bot = await startBot({ start: '2026-07-06T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', '/任务 新建 单位=住建局 内容=排查燃气管道隐患 期限=15日');
    await bot.answer('c-joint', 'u-liaison', '/任务 新建 单位=市场监管局 内容=建立计量监管台账 期限=6个月');
    await bot.advance({ to: '2026-10-09T10:00:00+08:00' }); // the circular went on 10-08, after 国庆节
    const name = '季度通报-2026Q3.docx';
    expect(await whereSent(bot, name)).toEqual({ 'c-joint': 1 });
    const doc = await opened(bot, 'c-joint', name);
    expect(lines(doc)).toContain(
      '截至2026年10月8日，各单位共有重点任务2项，已完成0项，其中按期完成0项；未完成2项，其中逾期1项。',
    );
    expect(lines(doc)).toContain('示例县住房和城乡建设局（逾期1项）有逾期未完成的任务，请加快落实。');
    expect(lines(doc)).toContain('2026年以来暂无检察建议。');
    expect(tableRows(doc)).toEqual([
      ['单位', '未完成', '其中逾期', '已完成', '其中按期'],
      ['示例县住房和城乡建设局', '1', '1', '0', '0'],
      ['示例县市场监督管理局', '1', '0', '0', '0'],
    ]);
    expect(lines(doc).slice(-2)).toEqual(['示例县人民检察院', '2026年10月8日']);
  });

  it('/统计 answers with the 年度统计表 in the same chat, without a restricted clue’s content', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const SECRET = '某企业向河道偷排含重金属废水';
    await bot.say('c-joint', 'u-liaison', REGISTER);
    expect(
      await bot.answer(
        'dm:u-liaison',
        'u-liaison',
        `/线索 新建 类别=公益诉讼 来源=联合巡查 接收=住建局 限制=是 摘要=${SECRET}`,
      ),
    ).toContain('XS-2026-001');
    await bot.answer('c-joint', 'u-liaison', '/统计 2026');
    expect(await whereSent(bot, '年度统计表-2026.docx')).toEqual({ 'c-joint': 1 });
    const doc = await opened(bot, 'c-joint', '年度统计表-2026.docx');
    expect(doc.document).not.toContain('偷排');
    expect(lines(doc).slice(0, 2)).toEqual([
      '2026年度府检联动工作统计表',
      '统计范围：全部单位；统计截至2026年9月1日。',
    ]);
    const rows = tableRows(doc).slice(1);
    expect(rows.map((r) => [r[0], r[1], r[12]])).toEqual([
      ['示例县市场监督管理局', '1', '0'],
      ['示例县住房和城乡建设局', '0', '1'],
      ['合计', '1', '1'],
    ]);
    // one unit's table, asked in its own group
    await bot.answer('c-scj', 'u-scj', '/统计 2026 市场监管局');
    const own = await opened(bot, 'c-scj', '年度统计表-2026-示例县市场监督管理局.docx');
    expect(lines(own)[1]).toBe('统计范围：示例县市场监督管理局；统计截至2026年9月1日。');
    expect(
      tableRows(own)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['示例县市场监督管理局']);
    expect(await whereSent(bot, '年度统计表-2026-示例县市场监督管理局.docx')).toEqual({ 'c-scj': 1 });
  });
});

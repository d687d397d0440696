// The 台账 a clerk files (issue 23, item 2), from a scripted history read back with exceljs: each sheet's
// title row and own headers, 序号, 文号, the latest reply's measures and status, the evaluation's opinion,
// every deadline with what set it, the 督办 and 批示, the closing date and whether on time; A4 landscape,
// fit to width, title and header repeated; the figures' sheet the same numbers as yearFigures; a
// restricted clue's content only for a reader who may see it.
//
// The history (November 2026 has no holidays; 2026-12-05 is a Saturday):
//   JY-001 市场监管局 served 11-02, 15日 → due 11-17. Extension asked 11-05 for 10日, approved 11-06 → 11-27.
//          Replied 11-10 正在整改, expected 11-20 (整改期限 11-20). 督办 11-12 with 5个工作日 → 11-19. 批示 11-13.
//          Replied 11-19 已整改到位; returned 11-20 with 15日 → 12-05, a Saturday → 12-07. Replied 12-01 已整改到位;
//          passed 12-02: closed, first reply on time (11-10 ≤ 11-27), 整改到位.
//   JY-002 住建局 served 11-02, 15日 → due 11-17. Never answered: late, overdue, escalated (11-25).
//   XS-001 职责不清 → 司法局, referred 11-02: accept by 11-09; accepted 11-10 by 冯涛; closing limit 1个月 → 12-10.
//   XS-002 违纪 → 纪委监委, 限制知悉, referred 11-02, not accepted.
//   RW-001 住建局 task given 11-02, 15日 → due 11-17. Never answered: overdue.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearFigures } from '../../src/domain/statistics.js';
import { matterFacts } from '../../src/store/statistics.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
let workbook: ExcelJS.Workbook;

const to = (day: string) => bot.advance({ to: `${day}T10:00:00+08:00` });
const joint = (text: string) => bot.say('c-joint', 'u-liaison', text);

async function replyBy(line: string): Promise<void> {
  for (const text of [line, '/跳过', '确认']) await bot.say('c-scj', 'u-scj', text);
}

/** The latest workbook sent to a person by direct message, opened. */
async function download(user: string): Promise<ExcelJS.Workbook> {
  const m = (await bot.botSays(`dm:${user}`))
    .filter((x) => x.attachments?.some((a) => a.name.endsWith('.xlsx')))
    .at(-1)!;
  const url = `${bot.base}/files/${m.attachments![0]!.ref.replace('file:', '')}`;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await fetch(url)).arrayBuffer());
  return wb;
}

/** A sheet's rows from the header on (row 2), dates as civil dates, empty cells as ''. */
function rowsOf(wb: ExcelJS.Workbook, sheet: string): unknown[][] {
  const ws = wb.getWorksheet(sheet)!;
  const out: unknown[][] = [];
  const width = ws.getRow(2).cellCount;
  ws.eachRow((r, n) => {
    if (n < 2) return;
    out.push(
      Array.from({ length: width }, (_, i) => {
        const v = r.getCell(i + 1).value;
        return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '');
      }),
    );
  });
  return out;
}

/** A row as { header: value }. */
const named = (rows: unknown[][], i: number) => Object.fromEntries(rows[0]!.map((h, k) => [h, rows[i]![k]]));

beforeAll(async () => {
  bot = await startBot({ start: '2026-11-02T10:00:00+08:00' });
  await joint(
    '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-11-02 期限=15日 文号=示检行建〔2026〕5号',
  );
  await joint('/建议 新建 单位=住建局 标题="关于燃气安全的检察建议" 送达=2026-11-02 期限=15日');
  await joint('/线索 新建 类别=职责不清 来源=12345 摘要="两个部门互相推诿"');
  await joint('/线索 新建 类别=违纪 来源=群众举报 摘要="某副局长收受工程款" 限制=是');
  await joint('/任务 新建 单位=住建局 内容=排查燃气管道隐患 期限=15日');
  await to('2026-11-05');
  await bot.say('c-scj', 'u-scj', '/延期 JY-2026-001 期限=10日 理由=需等待检测结果');
  await to('2026-11-06');
  await joint('/延期 JY-2026-001 批准');
  await to('2026-11-10');
  await replyBy('/反馈 JY-2026-001 措施=已对 6 个农贸市场的计量器具开展检定 状态=正在整改 预计=2026-11-20');
  await bot.say('c-sfj', 'u-sfj', '/线索 受理 XS-2026-001 承办人=冯涛');
  await to('2026-11-12');
  await bot.say('c-supervisor', 'u-supervisor', '/督办 JY-2026-001 意见=请按期整改到位 期限=5个工作日');
  await to('2026-11-13');
  await bot.say('c-leaders', 'u-leader', '/批示 JY-2026-001 内容=请抓紧整改到位，按期报告');
  await to('2026-11-19');
  await replyBy('/反馈 JY-2026-001 措施=已完成全部计量器具检定 状态=已整改到位');
  await to('2026-11-20');
  await joint('/评估 JY-2026-001 退回 意见=请补充检定证书 期限=15日');
  await to('2026-12-01');
  await replyBy('/反馈 JY-2026-001 措施=已补充报送检定证书 状态=已整改到位');
  await to('2026-12-02');
  await joint('/评估 JY-2026-001 通过 意见=整改到位，同意办结');
  expect(await bot.answer('c-joint', 'u-liaison', '/导出 2026')).toContain('台账（2026）已私聊发送给您');
  workbook = await download('u-liaison');
}, 60_000);
afterAll(() => bot.stop());

describe('the exported 台账', () => {
  it('has a title row and its own headers on each sheet, set up to print on A4 landscape', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['检察建议', '线索', '任务', '2026年统计']);
    expect(workbook.worksheets.map((w) => w.getCell('A1').value)).toEqual([
      '示例县府检联动检察建议台账（2026年）',
      '示例县府检联动线索移送台账（2026年）',
      '示例县府检联动重点任务台账（2026年）',
      '示例县府检联动统计表（2026年）',
    ]);
    expect(rowsOf(workbook, '检察建议')[0]).toEqual(
      '序号 编号 文号 类别 被建议单位 标题 送达日期 回复期限 期限届满 期限及变更 状态 逾期 最近反馈 整改措施 整改状态 评估意见 督办 批示 办结日期 按期反馈 整改到位'.split(
        ' ',
      ),
    );
    expect(rowsOf(workbook, '线索')[0]).toEqual(
      '序号 编号 类别 移送单位 接收单位 来源 线索内容 移送日期 阶段 受理期限 受理日期 承办人 办结期限 办理结果 办结日期 按期办结 逾期'.split(
        ' ',
      ),
    );
    expect(rowsOf(workbook, '任务')[0]).toEqual(
      '序号 编号 责任单位 任务内容 来源会议 交办日期 完成期限 期限及变更 状态 逾期 最近反馈 完成情况 督办 批示 办结日期 按期完成'.split(
        ' ',
      ),
    );
    for (const ws of workbook.worksheets) {
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:2', // the title and the header on every page
      });
      expect(ws.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.6 });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.getCell('A1').isMerged).toBe(true);
    }
    expect([2, 6].map((n) => workbook.getWorksheet('检察建议')!.getColumn(n).width)).toEqual([14, 36]); // 编号, 标题: as in /台账's file
  });

  it('lists each recommendation with its replies, opinion, deadlines, 督办, 批示, closing and on-time', () => {
    const rows = rowsOf(workbook, '检察建议');
    expect(rows).toHaveLength(3);
    expect(named(rows, 1)).toEqual({
      序号: 1,
      编号: 'JY-2026-001',
      文号: '示检行建〔2026〕5号',
      类别: '检察建议',
      被建议单位: '示例县市场监督管理局',
      标题: '关于农贸市场计量的检察建议',
      送达日期: '2026-11-02',
      回复期限: '15日',
      期限届满: '2026-12-07',
      期限及变更:
        '原期限 2026-11-17；2026-11-06 同意延期至 2026-11-27；2026-11-10 反馈正在整改，整改期限 2026-11-20；2026-11-20 整改不到位，跟进监督，新期限 2026-12-07',
      状态: '已办结',
      逾期: '否',
      最近反馈: '2026-12-01',
      整改措施: '已补充报送检定证书',
      整改状态: '已整改到位',
      评估意见: '整改到位，同意办结',
      督办: '2026-11-12 示例县人民政府督查室（赵刚）：请按期整改到位（限 2026-11-19 前报告）',
      批示: '2026-11-13 陈县长：请抓紧整改到位，按期报告',
      办结日期: '2026-12-02',
      按期反馈: '是',
      整改到位: '是',
    });
    expect(named(rows, 2)).toMatchObject({
      序号: 2,
      编号: 'JY-2026-002',
      文号: '',
      期限届满: '2026-11-17',
      期限及变更: '原期限 2026-11-17',
      状态: '待反馈',
      逾期: '是',
      最近反馈: '',
      整改措施: '',
      督办: '', // the automatic 提级督办 is not a 督办 by the supervisor
      办结日期: '',
      按期反馈: '否',
      整改到位: '',
    });
    // the overdue row is filled, the closed one is not
    const ws = workbook.getWorksheet('检察建议')!;
    expect(ws.getRow(4).getCell(1).fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } });
    expect((ws.getRow(3).getCell(1).fill as { pattern?: string } | undefined)?.pattern).not.toBe('solid');
    expect(ws.getRow(3).getCell(7).value).toBeInstanceOf(Date); // 送达日期 as a date
  });

  it('lists each clue with its receiving unit, limits and handler; restricted content for those who may read it', async () => {
    const rows = rowsOf(workbook, '线索');
    expect(rows).toHaveLength(3);
    expect(named(rows, 1)).toEqual({
      序号: 1,
      编号: 'XS-2026-001',
      类别: '职责不清或推诿扯皮',
      移送单位: '示例县人民检察院',
      接收单位: '示例县司法局',
      来源: '12345 热线', // the source as the bot names it
      线索内容: '两个部门互相推诿',
      移送日期: '2026-11-02',
      阶段: '办理中',
      受理期限: '2026-11-09',
      受理日期: '2026-11-10',
      承办人: '冯涛',
      办结期限: '2026-12-10',
      办理结果: '',
      办结日期: '',
      按期办结: '',
      逾期: '否',
    });
    // the liaison who referred it reads the restricted clue; the supervisor does not
    expect(named(rows, 2)).toMatchObject({
      编号: 'XS-2026-002',
      接收单位: '示例县纪委监委',
      线索内容: '某副局长收受工程款',
    });
    await bot.answer('c-supervisor', 'u-supervisor', '/导出 2026');
    const theirs = rowsOf(await download('u-supervisor'), '线索');
    expect(named(theirs, 2)).toMatchObject({
      编号: 'XS-2026-002',
      来源: '（控制知悉范围）',
      线索内容: '（控制知悉范围）',
      承办人: '（控制知悉范围）',
    });
    expect(named(theirs, 1)).toMatchObject({ 线索内容: '两个部门互相推诿' });
  });

  it('lists each task with its unit, content, deadline and state', () => {
    const rows = rowsOf(workbook, '任务');
    expect(rows).toHaveLength(2);
    expect(named(rows, 1)).toEqual({
      序号: 1,
      编号: 'RW-2026-001',
      责任单位: '示例县住房和城乡建设局',
      任务内容: '排查燃气管道隐患',
      来源会议: '',
      交办日期: '2026-11-02',
      完成期限: '2026-11-17',
      期限及变更: '原期限 2026-11-17',
      状态: '待反馈',
      逾期: '是',
      最近反馈: '',
      完成情况: '',
      督办: '',
      批示: '',
      办结日期: '',
      按期完成: '',
    });
  });

  it('counts the year by the same definitions as yearFigures', async () => {
    const rows = rowsOf(workbook, '2026年统计');
    expect(rows[0]).toEqual(
      '单位 收到检察建议 按期反馈 逾期反馈 按期率 整改到位 整改率 目前逾期 提级督办 督办次数 监督通知书 延期 接收线索 按期受理 按期办结 任务 按期完成'.split(
        ' ',
      ),
    );
    // by hand: JY-001 on time, rectified, 督办 once, extended once; JY-002 late, overdue, escalated;
    // each clue referred, neither accepted in time; the task not done
    expect(rows.slice(1)).toEqual([
      ['示例县纪委监委', 0, 0, 0, '', 0, '', 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
      ['示例县市场监督管理局', 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0],
      ['示例县司法局', 0, 0, 0, '', 0, '', 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
      ['示例县住房和城乡建设局', 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    ]);
    expect(workbook.getWorksheet('2026年统计')!.getRow(3).getCell(5).numFmt).toBe('0.0%');
    // and those are yearFigures' numbers
    const orgs = new Map((await bot.rt.db.org.findMany()).map((o) => [o.id, o.name]));
    const figures = yearFigures(await matterFacts(bot.rt.db), 2026, '2026-12-02');
    for (const row of rows.slice(1)) {
      const u = figures.find((f) => orgs.get(f.orgId) === row[0])!;
      const rate = (r: number | null) => (r === null ? '' : r / 100);
      expect(row.slice(1)).toEqual([
        u.received,
        u.repliedOnTime,
        u.repliedLate,
        rate(u.onTimeRate),
        u.rectified,
        rate(u.rectifiedRate),
        u.overdue,
        u.escalated,
        u.supervised,
        u.notices,
        u.extensions,
        u.cluesReferred,
        u.cluesAcceptedInTime,
        u.cluesClosedInTime,
        u.tasks,
        u.tasksDoneOnTime,
      ]);
    }
    expect(figures).toHaveLength(4);
  });
});

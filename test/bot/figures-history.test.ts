// Every figure of a scripted history against an independent recomputation by hand (issue 23, "done
// when"): the digest's category and unit lines, /统计, the export's statistics sheet and the quarterly circular — with a return, an
// extension, a staged 正在整改 reply, an unanswered recommendation escalated, and a clue accepted late.
//
// The history (all in November 2026, no holidays in it):
//   JY-001 市场监管局  served 11-02, 15日 → due 11-17. Replied 11-10 (on time, 已整改到位); returned 11-11 with
//                      5日 → 11-16; replied again 11-18 (late for that period: overdue notice 11-17); passed 11-19.
//   JY-002 市场监管局  served 11-02, 10日 → due 11-12. Extension asked 11-05 for 10日 (11-22 a Sunday → 11-23),
//                      approved 11-06. Replied 11-20 正在整改, expected 11-27: owes the end by 11-27; nothing after.
//   JY-003 住建局      served 11-02, 15日 → due 11-17. Never answered: overdue notice 11-18, escalated 11-25.
//   XS-001 司法局      a 职责不清 clue referred 11-02: accept by 11-09 (5 working days); accepted 11-10 (late);
//                      closing limit 1个月 from then: 12-10.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const to = (b: TestBot, day: string) => b.advance({ to: `${day}T10:00:00+08:00` });

async function reply(b: TestBot, chat: string, who: string, line: string) {
  await b.say(chat, who, line);
  await b.say(chat, who, '/跳过'); // no attachments
  await b.say(chat, who, '确认');
}

/** The numbers of a digest kind line: this week and (in brackets) the week before. */
function kindLine(text: string, kind: string): number[] {
  const line = text.split('\n').find((l) => l.startsWith(`· ${kind}：`))!;
  return [...line.matchAll(/(\d+)（(\d+)）/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
}

/** The 2026 statistics sheet of the workbook /导出 sent: unit → { header: value }. */
async function statisticsSheet(b: TestBot): Promise<Map<string, Record<string, unknown>>> {
  const m = (await b.botSays('dm:u-liaison'))
    .filter((x) => x.attachments?.some((a) => a.name.endsWith('.xlsx')))
    .at(-1)!;
  const bytes = await (await fetch(`${b.base}/files/${m.attachments![0]!.ref.replace('file:', '')}`)).arrayBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('2026年统计')!;
  let header: string[] = [];
  const rows = new Map<string, Record<string, unknown>>();
  ws.eachRow((r) => {
    const v = (r.values as unknown[]).slice(1);
    if (v[0] === '单位') header = v.map(String);
    else if (header.length) rows.set(String(v[0]), Object.fromEntries(header.map((h, i) => [h, v[i]])));
  });
  return rows;
}

async function script(b: TestBot): Promise<void> {
  const j = (t: string) => b.say('c-joint', 'u-liaison', t);
  await j('/建议 新建 单位=市场监管局 标题=甲 送达=2026-11-02 期限=15日');
  await j('/建议 新建 单位=市场监管局 标题=乙 送达=2026-11-02 期限=10日');
  await j('/建议 新建 单位=住建局 标题=丙 送达=2026-11-02 期限=15日');
  await j('/线索 新建 类别=职责不清 来源=12345 摘要="两个部门互相推诿"');
  await to(b, '2026-11-05');
  await b.say('c-scj', 'u-scj', '/延期 JY-2026-002 期限=10日 理由=需等待检测结果');
  await to(b, '2026-11-06');
  await j('/延期 JY-2026-002 批准');
  await to(b, '2026-11-10');
  await reply(b, 'c-scj', 'u-scj', '/反馈 JY-2026-001 措施=已开展专项检查 状态=已整改到位');
  await b.say('c-sfj', 'u-sfj', '/线索 受理 XS-2026-001 承办人=冯涛');
  await to(b, '2026-11-11');
  await j('/评估 JY-2026-001 退回 意见=检查不全面 期限=5日');
  await to(b, '2026-11-18');
  await reply(b, 'c-scj', 'u-scj', '/反馈 JY-2026-001 措施=已补充检查 状态=已整改到位');
  await to(b, '2026-11-19');
  await j('/评估 JY-2026-001 通过 意见=整改到位');
  await to(b, '2026-11-20');
  await reply(b, 'c-scj', 'u-scj', '/反馈 JY-2026-002 措施=已送检 状态=正在整改 预计=2026-11-27');
}

describe('the figures of a scripted history', () => {
  it('are the hand-computed ones in the digest, /统计 and the quarterly circular', async () => {
    bot = await startBot({ start: '2026-11-02T10:00:00+08:00' });
    await script(bot);
    const jy = await bot.rt.db.matter.findMany({ where: { kind: 'recommendation' }, orderBy: { code: 'asc' } });
    expect(jy.map((m) => [m.code, m.status, m.dueOn])).toEqual([
      ['JY-2026-001', 'closed', '2026-11-16'],
      ['JY-2026-002', 'rectifying', '2026-11-27'],
      ['JY-2026-003', 'registered', '2026-11-17'],
    ]);

    await to(bot, '2026-11-30'); // Monday: the digest of W48 (11-23…11-29) against W47 (11-16…11-22)
    const digest = await bot.answer('c-joint', 'u-liaison', '/周报');
    // 检察建议: new 0 (0); replied 0 (JY-001 11-18, JY-002 11-20: 2); closed 0 (JY-001: 1); open 2 (2);
    // overdue at 11-29: JY-002 (整改期限 11-27) and JY-003 = 2; at 11-22: JY-003 only = 1
    expect(kindLine(digest, '检察建议')).toEqual([0, 0, 0, 2, 0, 1, 2, 2, 2, 1]);
    // 线索: accepted 11-10 (W46), open both weeks, never overdue: its closing limit 12-10 has not come
    expect(kindLine(digest, '线索')).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    // units: open / overdue / this year's on-time rate (JY-001 and JY-002 first replied on time: 100%)
    expect(digest).toContain('· 示例县市场监督管理局：1 / 1 / 100%');
    expect(digest).toContain('· 示例县住房和城乡建设局：1 / 1 / 0%');

    const stats = await bot.answer('c-joint', 'u-liaison', '/统计 2026');
    const line = (unit: string) => stats.split('\n').find((l) => l.startsWith(`· ${unit}：`))!;
    expect(line('示例县市场监督管理局')).toContain(
      '收到检察建议 2 件，按期反馈 2、逾期 0（按期率 100%），整改到位 1（50%），目前逾期 1，提级督办 0，督办 0 次，监督通知书 0 件，延期 1；接收线索 0 件',
    );
    expect(line('示例县住房和城乡建设局')).toContain(
      '收到检察建议 1 件，按期反馈 0、逾期 1（按期率 0%），整改到位 0（0%），目前逾期 1，提级督办 1，督办 0 次，监督通知书 0 件，延期 0',
    );
    expect(line('示例县司法局')).toContain('接收线索 1 件，按期受理 0、按期办结 0');

    // the export's statistics sheet: the same numbers, by their headers
    await bot.say('c-joint', 'u-liaison', '/导出 2026');
    const sheet = await statisticsSheet(bot);
    expect(sheet.get('示例县市场监督管理局')).toMatchObject({
      收到检察建议: 2,
      按期反馈: 2,
      逾期反馈: 0,
      整改到位: 1,
      目前逾期: 1,
      提级督办: 0,
      延期: 1,
    });
    expect(sheet.get('示例县住房和城乡建设局')).toMatchObject({
      收到检察建议: 1,
      按期反馈: 0,
      逾期反馈: 1,
      提级督办: 1,
    });

    // the Q4 circular goes out on the first working day of 2027 and reports 2026
    await to(bot, '2027-01-05');
    const circular = (await bot.botSays('c-joint')).find((m) => m.text.startsWith('【重点任务季度通报】2026Q4'))!;
    expect(circular.text).toContain('· 示例县市场监督管理局：收到 2 件，按期反馈率 100%，整改到位 1 件，目前逾期 1 件');
    expect(circular.text).toContain('· 示例县住房和城乡建设局：收到 1 件，按期反馈率 0%，整改到位 0 件，目前逾期 1 件');
  });
});

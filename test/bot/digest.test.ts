// 周报: a seeded week on the simulated clock (July 2026, no other test's dates); the text's
// figures against a hand-computed fixture, the chart as a real PNG (size, not blank) whose
// labels the shipped font can draw; once a week across restarts and a clock jump.
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fontHas } from '../../src/bot/digest/chart.js';
import { type Msg, shanghai, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** Width, height and the inflated image data of a PNG, after checking its signature and chunks. */
function readPng(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'IHDR') [width, height] = [buf.readUInt32BE(at + 8), buf.readUInt32BE(at + 12)];
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  return { width, height, pixels: inflateSync(Buffer.concat(idat)) };
}

const day = (m: Msg) => shanghai(m.createdAt).slice(0, 10);

describe('the weekly digest', () => {
  it('gives the week’s figures, the units, the overdue and the coming deadlines, and a chart, to the leaders once a week', async () => {
    bot = await startBot({ start: '2026-07-13T10:00:00+08:00' }); // a Monday
    const say = (chat: string, who: string, text: string) => bot!.answer(chat, who, text);
    // A: served in May, due 07-08, registered late (confirmed at the review): overdue
    await say('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-05-08');
    await say('c-joint', 'u-liaison', '确认');
    // B: due 09-14, replied on 07-15; C: to the housing bureau, due 07-20
    await say('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题="关于校园食品安全的检察建议" 送达=2026-07-13');
    await say('c-joint', 'u-liaison', '/建议 新建 单位=住建局 标题="关于燃气安全的检察建议" 送达=2026-05-18');
    await bot.advance({ days: 1 });
    await say('c-joint', 'u-liaison', '/线索 新建 类别=职责不清 来源=12345 摘要="小区违建投诉推诿"');
    await say('dm:u-liaison', 'u-liaison', '/线索 新建 类别=违纪 来源=群众举报 摘要="机密内容壬癸"');
    await bot.advance({ days: 1 });
    await say('c-scj', 'u-scj', '/反馈 JY-2026-002');
    for (const a of ['已全面检查', '1', '/跳过']) await say('c-scj', 'u-scj', a);
    await say('c-scj', 'u-scj', '确认');

    // Monday 07-20: the digest of 2026-W29 (07-13 – 07-19)
    await bot.advance({ days: 5 });
    // (the leaders group also has JY-2026-001's escalation, five working days after its overdue notice)
    const group = (await bot.botSays('c-leaders')).filter(
      (m) => m.text.startsWith('【府检联动周报】') || m.text.includes('周报图表'),
    );
    const [text, picture] = group;
    expect(group.map(day)).toEqual(['2026-07-20', '2026-07-20']);
    expect(shanghai(text!.createdAt).slice(11)).toMatch(/^09:1[123]$/);
    const t = text!.text;
    expect(t).toContain('【府检联动周报】2026-W29（2026-07-13 至 2026-07-19）');
    expect(t).toContain('· 检察建议：新增 3（0），反馈或受理 1（0），办结 0（0），未办结 3（0），逾期 1（0）');
    expect(t).toContain('· 线索：新增 2（0），反馈或受理 0（0），办结 0（0），未办结 2（0），逾期 0（0）');
    expect(t).toContain('· 示例县市场监督管理局：2 / 1 / 50%');
    expect(t).toContain('· 示例县住房和城乡建设局：1 / 0 / —');
    expect(t).toContain(
      '逾期最久的事项：\n· JY-2026-001《关于农贸市场计量的检察建议》示例县市场监督管理局，期限 2026-07-08（已逾期 12 天）',
    );
    expect(t).toContain(
      '未来 7 天到期：\n· JY-2026-003《关于燃气安全的检察建议》示例县住房和城乡建设局，期限 2026-07-20（剩 0 天）\n· XS-2026-001《小区违建投诉推诿》示例县司法局，期限 2026-07-21（剩 1 天）',
    );
    expect(t).toContain('控制知悉范围的线索 1 件（其中未办结 1 件），不列明细。');
    expect(t).not.toContain('XS-2026-002');
    expect(t).not.toContain('机密内容壬癸');

    // the chart: a real PNG, not blank, every label drawable by the shipped font
    const ref = picture!.attachments![0]!.ref.replace('file:', '');
    const png = Buffer.from(await (await fetch(`${bot.base}/files/${ref}`)).arrayBuffer());
    const { width, height, pixels } = readPng(png);
    expect([width, height]).toEqual([1200, 720]);
    const distinct = new Set<number>();
    for (let i = 0; i < pixels.length; i += 97) distinct.add(pixels[i]!);
    expect(distinct.size).toBeGreaterThan(8);
    for (const label of ['各单位未办结与逾期事项', '示例县市场监督管理局', '示例县住房和城乡建设局', '未办结', '逾期'])
      for (const ch of label) expect({ ch, drawable: fontHas(ch.codePointAt(0)!) }).toEqual({ ch, drawable: true });
    // /统计 gives the same figures for the year
    expect(await bot.answer('c-joint', 'u-liaison', '/统计 2026 市场监管局')).toContain(
      '· 示例县市场监督管理局：收到检察建议 2 件，按期反馈 1、逾期 1（按期率 50%），整改到位 0（0%），目前逾期 1，提级督办 1，督办 0 次，监督通知书 0 件，延期 0；接收线索 0 件',
    ); // JY-2026-001 was escalated that morning
    // the leader who wants it directly has it too
    expect((await bot.botSays('dm:u-leader')).map(day)).toEqual(['2026-07-20', '2026-07-20']);

    // once a week: a restart, two more Mondays, then a jump of a month sends only the week then due
    bot = await bot.restart();
    await bot.advance({ days: 14 });
    bot = await bot.restart();
    expect((await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【府检联动周报】')).map(day)).toEqual([
      '2026-07-20',
      '2026-07-27',
      '2026-08-03',
    ]);
    await bot.advance({ days: 31 }); // simulated time passing: every Monday in between has its digest
    let weeks = (await bot.botSays('c-leaders'))
      .filter((m) => m.text.startsWith('【府检联动周报】'))
      .map((m) => m.text.slice(8, 16));
    expect(weeks).toEqual(['2026-W29', '2026-W30', '2026-W31', '2026-W32', '2026-W33', '2026-W34', '2026-W35']);
    // a jump: the machine was off for a month (the clock moves while nothing runs); on start, one digest, of the latest week
    await bot.rt.db.setting.update({
      where: { key: 'clock.simulated' },
      data: { value: new Date('2026-10-08T10:00:00+08:00').toISOString() },
    });
    bot = await bot.restart();
    weeks = (await bot.botSays('c-leaders'))
      .filter((m) => m.text.startsWith('【府检联动周报】'))
      .map((m) => m.text.slice(8, 16));
    expect(weeks).toEqual([
      '2026-W29',
      '2026-W30',
      '2026-W31',
      '2026-W32',
      '2026-W33',
      '2026-W34',
      '2026-W35',
      '2026-W40',
    ]);
    await bot.advance({ days: 4 }); // and the next Monday (10-12) its own
    expect(
      (await bot.botSays('c-leaders'))
        .filter((m) => m.text.startsWith('【府检联动周报】'))
        .map(day)
        .slice(-2),
    ).toEqual(['2026-10-08', '2026-10-12']);
  });

  it('previews on demand for leaders and liaisons, and refuses others', async () => {
    bot = await startBot({ start: '2026-07-15T10:00:00+08:00' });
    expect(await bot.answer('dm:u-leader', 'u-leader', '/周报')).toContain(
      '【府检联动周报】2026-W28（2026-07-06 至 2026-07-12）',
    );
    expect((await bot.botSays('dm:u-leader')).at(-1)!.attachments![0]!.name).toBe('周报-2026-W28.png');
    expect(await bot.answer('c-scj', 'u-scj', '/周报')).toContain('该命令仅限领导、联络员、管理员使用');
    expect(await bot.answer('c-joint', 'u-liaison', '/统计 2026')).toContain('2026 年度（全部单位）没有可统计的事项');
  });
});

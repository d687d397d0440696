// 报送 on the simulated clock: the lead unit's liaison asks four units for two figures by Friday
// 2026-12-11; two send on time, 住建局 sends on Saturday (late), 应急局 not at all until after the
// collection (late too). The reminders go to the silent units only; on Monday 12-14 the collector gets the
// summary and the workbook, opened here and checked row by row; a files 报送 gives a ZIP with the file.
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { afterEach, describe, expect, it } from 'vitest';
import { type Msg, shanghai, startBot, type TestBot } from '../support/bot.js';
import { rosterFile } from '../support/roster.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const fileOf = async (b: TestBot, ref: string) =>
  Buffer.from(await (await fetch(`${b.base}/files/${ref.replace('file:', '')}`)).arrayBuffer());

/** the unit's form filled: the figures, no attachment, confirmed */
async function sendFigures(b: TestBot, chat: string, user: string, figures: string): Promise<string> {
  await b.say(chat, user, '/报送 填报 BS-2026-001');
  await b.say(chat, user, figures);
  await b.say(chat, user, '/跳过');
  return b.answer(chat, user, '确认');
}

const to = (b: TestBot, day: string) => b.advance({ to: `${day}T10:00:00+08:00` });

describe('a 报送 with two units late', () => {
  it('reminds the silent units, collects at the deadline and gives the collector the workbook', async () => {
    bot = await startBot({ start: '2026-12-01T10:00:00+08:00' });
    const b = bot;
    // bad input: nothing is written, the answer says what to type
    expect(await b.answer('c-scj', 'u-scj', '/报送 新建 主题=x 截止=2026-12-11 单位=全部')).toContain('牵头单位');
    expect(
      await b.answer('c-joint', 'u-liaison', '/报送 新建 主题=年度数据 截止=2026-12-11 单位=全部 内容=数字'),
    ).toContain('项目=');
    expect(await b.answer('c-joint', 'u-liaison', '/报送 新建 主题=年度数据 截止=2026-11-11 单位=全部')).toContain(
      '早于今天',
    );
    expect(
      await b.answer('c-joint', 'u-liaison', '/报送 新建 主题=年度数据 截止=2026-12-11 单位=全部 内容=照片'),
    ).toContain('无法识别');
    expect(await b.answer('c-joint', 'u-liaison', '/报送 列表')).toContain('还没有报送');

    const opened = await b.answer(
      'c-joint',
      'u-liaison',
      '/报送 新建 主题=2026年度行政执法数据 截止=2026-12-11 单位=市场监管局,自然资源局,住建局,应急局 内容=数字 项目=典型案例数,办案数',
    );
    expect(opened).toContain('BS-2026-001');
    expect(opened).toContain('报送单位 4 个');
    const notice = (await b.botSays('c-scj')).at(-1)!;
    expect(notice.card?.buttons.map((x) => x.command)).toEqual(['/报送 填报 BS-2026-001']);
    expect((await b.botSays('c-nyj')).some((m) => m.text.includes('BS-2026-001'))).toBe(false);

    // 市场监管局 on 12-02: a wrong item first is asked again, then the right figures
    await b.say('c-scj', 'u-scj', '/报送 填报 BS-2026-001');
    expect(await b.answer('c-scj', 'u-scj', '案件数=3')).toContain('不是本次要报的数据项');
    expect(await b.answer('c-scj', 'u-scj', '典型案例数=三')).toContain('不是数字');
    await b.say('c-scj', 'u-scj', '典型案例数=3，办案数=12');
    await b.say('c-scj', 'u-scj', '/跳过');
    expect(await b.answer('c-scj', 'u-scj', '确认')).toContain('按期');
    // someone not asked cannot send
    expect(await b.answer('c-nyj', 'u-nyj', '/报送 填报 BS-2026-001')).toContain('没有要求');

    await to(b, '2026-12-07');
    expect(await sendFigures(b, 'c-zrzy', 'u-zrzy', '典型案例数=1\n办案数=40')).toContain('按期');
    const before = { zjj: await b.lastCursor('c-zjj'), scj: await b.lastCursor('c-scj') };
    const dm = await b.lastCursor('dm:u-liaison');
    // Tuesday 12-08 (3 working days before) and Thursday 12-10 (1 before): the silent units only
    await to(b, '2026-12-11');
    const reminders = (await b.botSays('c-zjj', before.zjj)).filter((m) => m.text.includes('【报送提醒】'));
    expect(reminders.map((m) => shanghai(m.createdAt).slice(0, 10))).toEqual(['2026-12-08', '2026-12-10']);
    expect((await b.botSays('c-scj', before.scj)).filter((m) => m.text.includes('【报送提醒】'))).toEqual([]);
    const progress = (await b.botSays('dm:u-liaison', dm)).filter((m) => m.text.includes('【报送进度】'));
    expect(progress).toHaveLength(2);
    expect(progress[0]!.text).toContain('示例县住房和城乡建设局、示例县应急管理局');

    // Saturday 12-12: 住建局 one day late
    await to(b, '2026-12-12');
    expect(await sendFigures(b, 'c-zjj', 'u-zjj', '典型案例数=0，办案数=7')).toContain('逾期 1 天');
    // Monday 12-14: the collection
    const dm2 = await b.lastCursor('dm:u-liaison');
    await to(b, '2026-12-14');
    const said = await b.botSays('dm:u-liaison', dm2);
    const summary = said.find((m) => m.text.includes('【报送汇总】'))!;
    expect(shanghai(summary.createdAt).slice(0, 10)).toBe('2026-12-14');
    expect(summary.text).toContain('应报 4 个单位：按期 2 个，逾期 1 个，未报 1 个');
    expect((await b.botSays('c-yjj')).filter((m) => m.text.includes('【催报】'))).toHaveLength(1);
    const book = said.find((m) => m.attachments?.some((a) => a.name === '报送汇总-BS-2026-001.xlsx'))!;
    expect(book).toBeTruthy();

    // 应急局 after the collection: late, and the collector told
    await to(b, '2026-12-15');
    expect(await sendFigures(b, 'c-yjj', 'u-yjj', '典型案例数=2，办案数=5')).toContain('逾期 4 天');
    const dm3 = await b.lastCursor('dm:u-liaison');
    await b.say('c-joint', 'u-liaison', '/报送 汇总 BS-2026-001');
    const again = await b.botSays('dm:u-liaison', dm3);
    expect(again.find((m) => m.text.includes('【报送汇总】'))!.text).toContain('按期 2 个，逾期 2 个，未报 0 个');
    const ref = again.flatMap((m) => m.attachments ?? []).find((a) => a.name.endsWith('.xlsx'))!.ref;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(b, ref)) as never);
    const ws = wb.getWorksheet('报送情况')!;
    const rows = [] as unknown[][];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(String(rows[0]![0])).toContain('BS-2026-001');
    expect(rows[1]).toEqual(['序号', '单位', '报送情况', '报送日期', '报送人', '典型案例数', '办案数', '说明']);
    const day = (v: unknown) => (v as Date).toISOString().slice(0, 10);
    const body = rows.slice(2).map((r) => [r[1], r[2], day(r[3]), r[4], r[5], r[6]]);
    expect(body).toEqual([
      ['示例县市场监督管理局', '按期报送', '2026-12-01', '张敏', 3, 12],
      ['示例县自然资源局', '按期报送', '2026-12-07', '刘洋', 1, 40],
      ['示例县住房和城乡建设局', '逾期 1 天报送', '2026-12-12', '周强', 0, 7],
      ['示例县应急管理局', '逾期 4 天报送', '2026-12-15', '郑伟', 2, 5],
    ]);
    // the late rows are filled, the on-time ones are not
    expect((ws.getRow(5).getCell(2).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFFDE2E1');
    expect((ws.getRow(3).getCell(2).fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
  });

  it('gives a ZIP of the files the units sent', async () => {
    bot = await startBot({ start: '2026-12-01T10:00:00+08:00' });
    const b = bot;
    await b.say('c-joint', 'u-liaison', '/报送 新建 主题=典型案例 截止=2026-12-04 单位=市场监管局,住建局');
    await b.say('c-scj', 'u-scj', '/报送 填报 BS-2026-001');
    const pdf = Buffer.from('%PDF-1.4 典型案例').toString('base64');
    await b.say('c-scj', 'u-scj', '', { attachments: [{ name: '典型案例.pdf', data: pdf }] });
    await b.say('c-scj', 'u-scj', '/跳过');
    expect(await b.answer('c-scj', 'u-scj', '确认')).toContain('按期');
    await to(b, '2026-12-07');
    const said: Msg[] = await b.botSays('dm:u-liaison');
    expect(said.find((m) => m.text.includes('【报送汇总】'))!.text).toContain('按期 1 个，逾期 0 个，未报 1 个');
    const zipRef = said.flatMap((m) => m.attachments ?? []).find((a) => a.name === '报送材料-BS-2026-001.zip')!.ref;
    const dir = await unzipper.Open.buffer(await fileOf(b, zipRef));
    expect(dir.files.map((f) => f.path)).toEqual(['示例县市场监督管理局/典型案例.pdf']);
    expect((await (dir.files[0] as unknown as { buffer(): Promise<Buffer> }).buffer()).toString()).toBe(
      '%PDF-1.4 典型案例',
    );
  });

  it('is opened by the lead unit named in the roster (司法局牵头), 全部 being the departments, not itself', async () => {
    bot = await startBot({
      start: '2026-12-01T10:00:00+08:00',
      env: { LIANDONG_ROSTER: rosterFile('lead: 示例县司法局') },
    });
    const b = bot;
    expect(await b.answer('c-joint', 'u-liaison', '/报送 新建 主题=工作总结 截止=2026-12-25 单位=全部')).toContain(
      '牵头单位（示例县司法局）',
    );
    expect(await b.answer('c-joint', 'u-liaison', '/报送 列表')).toContain('还没有报送');
    const opened = await b.answer('c-sfj', 'u-sfj', '/报送 新建 主题=工作总结 截止=2026-12-25 单位=全部');
    // the six departments; the 司法局 collects and is not asked
    expect(opened).toContain('报送单位 6 个');
    expect(opened).not.toContain('示例县司法局、');
    expect((await b.botSays('c-sfj')).some((m) => m.text.startsWith('【报送通知】'))).toBe(false);
    expect((await b.botSays('c-yjj')).some((m) => m.text.startsWith('【报送通知】'))).toBe(true);
  });
});

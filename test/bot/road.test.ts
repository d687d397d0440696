// 督办路径 as configuration: the roster's road decides who an overdue recommendation is pressed by,
// in which order and after how many working days; every notice names the real body.
import { afterEach, describe, expect, it } from 'vitest';
import { parseRoster, type RosterError } from '../../src/config/roster.js';
import { rosterFromWorkbook, rosterToWorkbook } from '../../src/config/roster-workbook.js';
import { shanghai, startBot, type TestBot } from '../support/bot.js';
import { EXAMPLE_ROSTER, JIASHAN_ROAD, rosterFile } from '../support/roster.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const REGISTER = '/建议 新建 单位=市场监管局 标题="关于加强校园食品安全监管的检察建议" 送达=2026-09-01 期限=2个月';
const days = (msgs: Array<{ createdAt: string }>) => msgs.map((m) => shanghai(m.createdAt).slice(0, 10));

describe('the 督办路径 of the roster', () => {
  it('presses an unanswered recommendation along the Jiashan road: 督办群, then the 司法局, then the leaders', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00', env: { LIANDONG_ROSTER: rosterFile(JIASHAN_ROAD) } });
    await bot.say('c-joint', 'u-liaison', REGISTER); // due 2026-11-02 (a Monday; 11-01 is a Sunday)
    await bot.advance({ to: '2026-11-30T18:00:00+08:00' });
    const agency = (await bot.botSays('c-scj')).filter((m) => m.text.startsWith('【逾期通知】'));
    expect(days(agency)).toEqual(['2026-11-03']);
    expect(agency[0]!.text).toContain('已通报示例县人民政府督查室');
    expect(agency[0]!.text).not.toContain('政府督查室。\n已通报');

    const sup = await bot.botSays('c-supervisor');
    expect(days(sup.filter((m) => m.text.startsWith('【督办】')))).toEqual(['2026-11-03']);
    expect(sup.find((m) => m.text.startsWith('【督办】'))!.card!.buttons.map((b) => b.label)).toEqual([
      '督办',
      '查看详情',
    ]);
    // the 司法局 hears it 5 working days after the notice (11-03 → 11-10), with the button for its notice
    const sfj = (await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【提级督办】'));
    expect(days(sfj)).toEqual(['2026-11-10']);
    expect(sfj[0]!.text).toContain('按督办路径，提请贵单位（示例县司法局）督办');
    expect(sfj[0]!.text).toContain('逾期通知发出 5 个工作日后');
    expect(sfj[0]!.card!.buttons.map((b) => b.command)).toEqual([
      '/监督通知书 新建 关联=JY-2026-001',
      '/状态 JY-2026-001',
    ]);
    // the supervisor group is told of each step taken after it
    const told = sup.filter((m) => m.text.startsWith('【提级督办】') && m.text.includes('已按督办路径提级督办，报'));
    expect(days(told)).toEqual(['2026-11-10', '2026-11-17']);
    expect(told[0]!.text).toContain('已按督办路径提级督办，报示例县司法局');
    // the leaders 5 working days after the 司法局 (11-10 → 11-17), 10 after the notice
    const leaders = (await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提级督办】'));
    expect(days(leaders)).toEqual(['2026-11-17']);
    expect(leaders[0]!.text).toContain('逾期通知发出 10 个工作日后');
    expect(leaders[0]!.card!.buttons.map((b) => b.label)).toEqual(['批示', '查看详情']);

    // a restart and a jump send none of it again
    bot = await bot.restart();
    await bot.advance({ days: 30 });
    expect((await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【提级督办】'))).toHaveLength(1);
    expect((await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提级督办】'))).toHaveLength(1);
  });

  it("names the Xiang'an 法制办 that owns the supervisor group, and goes no further when the road ends there", async () => {
    const file = rosterFile('road:\n  - { to: 督办群, after: 0 }', [
      [
        '示例县人民政府督查室, short: [督查室, 县政府督查室], kind: supervisor',
        '示例县人民政府法制办公室, short: [法制办], kind: supervisor',
      ],
      ['org: 示例县人民政府督查室, roles', 'org: 示例县人民政府法制办公室, roles'],
      ['purpose: supervisor, org: 示例县人民政府督查室', 'purpose: supervisor, org: 示例县人民政府法制办公室'],
    ]);
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00', env: { LIANDONG_ROSTER: file } });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.advance({ to: '2026-12-01T18:00:00+08:00' });
    const agency = (await bot.botSays('c-scj')).find((m) => m.text.startsWith('【逾期通知】'))!;
    expect(agency.text).toContain('已通报示例县人民政府法制办公室');
    expect(agency.text).not.toContain('督查室');
    const leaders = (await bot.botSays('c-leaders')).filter((m) => !m.text.includes('周报'));
    expect(leaders).toEqual([]);
    expect((await bot.botSays('c-supervisor')).filter((m) => m.text.startsWith('【提级督办】'))).toEqual([]);
  });

  it('is today’s road when the roster has none: 督办群 with the notice, the leaders 5 working days on', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.advance({ to: '2026-11-30T18:00:00+08:00' });
    expect((await bot.botSays('c-scj')).find((m) => m.text.startsWith('【逾期通知】'))!.text).toContain(
      '已通报示例县人民政府督查室',
    );
    expect(days((await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提级督办】')))).toEqual([
      '2026-11-10',
    ]);
    expect((await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【提级督办】'))).toEqual([]);
  });
});

describe('the road as written in the roster', () => {
  it('names every wrong step with its place, and reads short names and the workbook sheet', async () => {
    const bad = `${EXAMPLE_ROSTER}\nroad:\n  - { to: 督办组, after: 0 }\n  - { to: 司法局, after: 两天 }\nlead: 法院\n`;
    let problems: string[] = [];
    try {
      parseRoster(bad, 'r.yaml');
    } catch (e) {
      problems = (e as RosterError).problems;
    }
    expect(problems).toEqual([
      '名册 r.yaml：road[0]：to “督办组” 应为 督办群、领导群 或 orgs 中的单位名称',
      '名册 r.yaml：road[1]：after “两天” 应为 0 到 60 之间的工作日数（0 表示与上一步同时）',
      '名册 r.yaml：lead（牵头单位）“法院” 不在 orgs 中',
    ]);
    const good = parseRoster(`${EXAMPLE_ROSTER}\n${JIASHAN_ROAD}\nlead: 司法局\n`, 'r.yaml');
    expect(good.road).toEqual([
      { to: { purpose: 'supervisor' }, after: 0 },
      { to: { org: '示例县司法局' }, after: 5 },
      { to: { purpose: 'leaders' }, after: 5 },
    ]);
    expect(good.lead).toBe('示例县司法局');
    const again = await rosterFromWorkbook(await rosterToWorkbook(good), '名册.xlsx');
    expect(again.road).toEqual(good.road);
    expect(again.lead).toBe('示例县司法局');
    expect(
      (await rosterFromWorkbook(await rosterToWorkbook({ ...good, road: undefined, lead: undefined }), 'x')).road,
    ).toBeUndefined();
  });
});

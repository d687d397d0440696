// 行政应诉 (issue 27, item 1): a lawsuit from the complaint copy to the final judgment and its compliance
// task, with the head's absence flagged to the procuratorate; every date computed here by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { lawsuitFiguresOfYear } from '../../src/store/lawsuits.js';
import { shanghai, startBot, type TestBot } from '../support/bot.js';
import { rosterFile } from '../support/roster.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const ZHANG = '  - { name: 张敏, org: 示例县市场监督管理局, roles: [officer], ids: { sandbox: u-scj } }';
/** the 市场监管局's head (名册角色 head), told of its hearings by direct message */
const headRoster = () =>
  rosterFile('', [
    [ZHANG, `${ZHANG}\n  - { name: 黄强, org: 示例县市场监督管理局, roles: [head], ids: { sandbox: u-scj-head } }`],
  ]);

const starting = (prefix: string) => (m: { text: string }) => m.text.startsWith(prefix);
const day = (m: { createdAt: string }) => shanghai(m.createdAt).slice(0, 10);

describe('行政应诉', () => {
  it('runs from the complaint copy to the compliance task, and flags the head who did not appear', async () => {
    bot = await startBot({
      start: '2026-09-16T10:00:00+08:00',
      env: { LIANDONG_ROSTER: headRoster() },
    });
    const registered = await bot.answer(
      'c-scj',
      'u-scj',
      '/应诉 新建 案号=（2026）示0101行初12号 被告=市场监管局 案由=食品安全行政处罚 收到副本=2026-09-16 开庭=2026-10-20 时间=09:30 法院=示例县人民法院',
    );
    // 2026-09-16 + 15 days = 2026-10-01, 国庆节 (10-01…10-07): moved to Thursday 2026-10-08 (末日顺延)
    expect(registered).toContain('已登记行政应诉案件 YS-2026-001');
    expect(registered).toContain('答辩举证期限届满日：2026-10-08');
    // 案由 names 食品: a case of 重大公共利益 (法释〔2020〕3号 第四条), the head must appear
    expect(registered).toContain('负责人应当出庭应诉（涉及食品药品安全');
    expect((await bot.botSays('c-sfj')).filter(starting('【应诉抄送】'))).toHaveLength(1);

    // reminders before 10-08: 3 working days before is 09-29 (09-28 Mon, 09-29 Tue, 09-30 Wed, then holidays)
    await bot.advance({ to: '2026-10-08T12:00:00+08:00' });
    const reminders = (await bot.botSays('c-scj')).filter(
      (m) => m.text.includes('答辩举证') && m.text.startsWith('【答辩举证'),
    );
    expect(reminders.map(day)).toContain('2026-10-08');
    expect(reminders.find(starting('【答辩举证今日到期】'))).toBeDefined();
    expect(await bot.answer('c-scj', 'u-scj', '/应诉 答辩 YS-2026-001')).toBe(
      '已记录：YS-2026-001 已于 2026-10-08 提交答辩状和证据，在期限（2026-10-08）内。',
    );

    // the hearing on Tuesday 10-20: 3 working days before is Thursday 10-15, 1 before Monday 10-19
    await bot.advance({ to: '2026-10-20T12:00:00+08:00' });
    const toHead = (await bot.botSays('dm:u-scj-head')).filter((m) => m.text.includes('YS-2026-001'));
    expect(toHead.map(day)).toEqual(['2026-10-15', '2026-10-19', '2026-10-20']);
    expect(toHead[0]!.text).toContain('本案负责人应当出庭应诉');
    // the receipt can wait for the hearing; the request comes the next working day
    await bot.advance({ to: '2026-10-21T10:00:00+08:00' });
    expect((await bot.botSays('c-scj')).filter(starting('【出庭情况】')).map(day)).toEqual(['2026-10-21']);
    expect(await bot.answer('c-scj', 'u-scj', '/出庭 YS-2026-001 委托')).toContain(
      '请写明理由和是否已向法院提交出庭说明',
    );
    expect(
      await bot.answer('c-scj', 'u-scj', '/出庭 YS-2026-001 委托 理由=参加全省食品安全会议 出庭说明=否'),
    ).toContain('委托工作人员出庭');
    const flagged = (await bot.botSays('c-joint')).filter(starting('【负责人未出庭】'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.text).toContain('示例县市场监督管理局的行政应诉案件 YS-2026-001');
    const list = await bot.answer('c-joint', 'u-liaison', '/应诉 未出庭');
    expect(list).toContain('共 1 件');
    expect(list).toContain('YS-2026-001（（2026）示0101行初12号）示例县市场监督管理局｜2026-10-20 开庭｜委托出庭');

    // the judgment served Friday 11-20: +15 days = Saturday 12-05, moved to Monday 12-07; final on 12-08
    await bot.advance({ to: '2026-11-23T10:00:00+08:00' });
    const judged = await bot.answer(
      'c-scj',
      'u-scj',
      '/判决 YS-2026-001 裁判=判决 送达=2026-11-20 结果=撤销部分处罚决定',
    );
    expect(judged).toContain('上诉期限届满日：2026-12-07');
    expect(judged).toContain('2026-12-08 起发生法律效力');
    await bot.advance({ to: '2026-12-07T18:00:00+08:00' });
    expect((await bot.botSays('c-scj')).filter(starting('【裁判生效】'))).toHaveLength(0);
    await bot.advance({ to: '2026-12-08T10:00:00+08:00' });
    const final = (await bot.botSays('c-scj')).filter(starting('【裁判生效】'));
    expect(final).toHaveLength(1);
    expect(final[0]!.text).toContain('已于 2026-12-08 发生法律效力');
    expect(final[0]!.text).toContain('已交办履行任务 RW-2026-001');
    expect((await bot.botSays('c-sfj')).filter(starting('【裁判生效】'))).toHaveLength(1);

    // figures by hand: 1 case; head 0 of 1 hearing; defence 1 of 1 on time; compliance 0 of 1 (task open)
    let units = await lawsuitFiguresOfYear(bot.rt.db, 2026, '2026-12-08');
    expect(
      units.map((u) => [
        u.orgName,
        u.cases.count,
        u.headRate.numerator,
        u.headRate.denominator,
        u.defenceRate.numerator,
        u.defenceRate.denominator,
        u.complianceRate.numerator,
        u.complianceRate.denominator,
        u.headAbsent,
      ]),
    ).toEqual([['示例县市场监督管理局', 1, 0, 1, 1, 1, 0, 1, ['YS-2026-001']]]);
    // the agency carries the judgment out and the 司法局 evaluates the task: complied
    await bot.say('c-scj', 'u-scj', '/反馈 RW-2026-001 措施=已退还部分罚款并公开 状态=已完成');
    await bot.say('c-scj', 'u-scj', '/跳过');
    await bot.say('c-scj', 'u-scj', '确认');
    expect(await bot.answer('c-sfj', 'u-sfj', '/评估 RW-2026-001 通过 意见=已履行')).toContain(
      '已评估通过 RW-2026-001',
    );
    units = await lawsuitFiguresOfYear(bot.rt.db, 2026, '2026-12-08');
    expect([units[0]!.complianceRate.numerator, units[0]!.complianceRate.codes]).toEqual([1, ['YS-2026-001']]);
    const status = await bot.answer('c-scj', 'u-scj', '/状态 YS-2026-001');
    expect(status).toContain('已于 2026-12-08 生效');
    expect(status).toContain('履行任务 RW-2026-001（已办结）');
    expect(await bot.answer('c-joint', 'u-liaison', '/应诉 列表')).toContain(
      '· YS-2026-001（（2026）示0101行初12号）示例县市场监督管理局｜食品安全行政处罚｜裁判已生效',
    );
    expect(await bot.answer('c-zrzy', 'u-zrzy', '/应诉 列表')).toBe('暂无行政应诉案件。');
  });
});

describe('行政应诉, bad input', () => {
  it('answers in Chinese and writes nothing', async () => {
    bot = await startBot({ start: '2026-09-16T10:00:00+08:00', env: { LIANDONG_ROSTER: headRoster() } });
    const ok = '案号=（2026）示0101行初30号 案由=行政处罚 收到副本=2026-09-10';
    const cases: Array<[string, string, string, string]> = [
      ['c-scj', 'u-scj', '/应诉 新建 被告=市场监管局', '请写明案号、被告、案由和收到起诉状副本的日期'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=自然资源局 ${ok}`, '只能登记本单位被诉的案件'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=检察院 ${ok}`, '不是行政机关'],
      ['c-scj', 'u-scj', '/应诉 新建 被告=市场监管局 案号=x 案由=y 收到副本=2026-09-30', '晚于今天'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=市场监管局 ${ok} 开庭=2026-09-01`, '早于收到副本的日期'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=市场监管局 ${ok} 时间=九点`, '请写成 09:30'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=市场监管局 ${ok} 负责人应出庭=也许`, '无法识别'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=市场监管局 ${ok} 情形=很重要`, '可写：涉及食品药品安全'],
      ['c-scj', 'u-scj', `/应诉 新建 被告=市场监管局 ${ok} 颜色=红`, '颜色'],
      ['c-joint', 'u-liaison', `/应诉 新建 被告=市场监管局 ${ok}`, '由被诉单位或司法局的人员登记'],
      ['c-scj', 'u-scj', '/应诉 统计 20x6', '年份“20x6”无法识别'],
      ['c-scj', 'u-scj', '/出庭 YS-2026-009 负责人=黄强 职务=局长', 'YS-2026-009'],
    ];
    for (const [chat, who, text, says] of cases) expect(await bot.answer(chat, who, text)).toContain(says);
    expect(await bot.rt.db.matter.count()).toBe(0);
    expect(await bot.rt.db.lawsuit.count()).toBe(0);

    // registered by the 司法局 for the agency; the head's duty set and reset; twin refused
    expect(await bot.answer('c-sfj', 'u-sfj', `/应诉 新建 被告=市场监管局 ${ok}`)).toContain(
      '负责人可委托工作人员出庭',
    );
    expect(await bot.answer('c-scj', 'u-scj', `/应诉 新建 被告=市场监管局 ${ok}`)).toContain('已登记为 YS-2026-001');
    expect(await bot.answer('c-zrzy', 'u-zrzy', '/应诉 答辩 YS-2026-001')).toContain(
      '只有该单位或司法局的人员可以办理',
    );
    expect(await bot.answer('c-sfj', 'u-sfj', '/应诉 设置 YS-2026-001 负责人应出庭=是 理由=社会关注度高')).toContain(
      '负责人应当出庭应诉（示例县司法局设定）',
    );
    expect(await bot.answer('c-scj', 'u-scj', '/出庭 YS-2026-001 负责人=黄强 职务=局长')).toContain('还没有开庭日期');
    expect(await bot.answer('c-scj', 'u-scj', '/判决 YS-2026-001 裁判=决定 送达=2026-09-15')).toContain('判决或裁定');
    expect(await bot.answer('c-scj', 'u-scj', '/应诉 上诉 YS-2026-001')).toContain('还没有登记一审裁判');
    await bot.say('c-joint', 'u-liaison', '/任务 新建 单位=市场监管局 内容=清理涉企收费文件');
    expect(await bot.answer('c-scj', 'u-scj', '/出庭 RW-2026-001 负责人=黄强 职务=局长')).toContain(
      '“RW-2026-001”不是行政应诉案件',
    );
    expect(await bot.rt.db.lawsuit.count()).toBe(1);
  });
});

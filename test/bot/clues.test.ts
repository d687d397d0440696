// The life of a clue (线索) through the sandbox's JSON API, on the simulated clock, on a real
// SQLite file: referral, acceptance, the sleeping nudge and its reset, closing with the
// result fed back to the referrer; the chain kept through 退回 and 转办; bad input refused
// with nothing written. Dates are June 2026 (端午 2026-06-19 is a holiday), used by no other test.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const START = '2026-06-01T10:00:00+08:00'; // a Monday
const day = (m: { createdAt: string }) => shanghai(m.createdAt).slice(0, 10);

async function rowCounts(b: TestBot) {
  const db = b.rt.db;
  return {
    matters: await db.matter.count(),
    clues: await db.clue.count(),
    steps: await db.clueStep.count(),
    jobs: await db.scheduledJob.count(),
    forms: await db.formSession.count(),
  };
}

describe('a clue from registration to feedback', () => {
  it('is referred, accepted, nudged when it sleeps, reset by a progress note, closed, and the result goes back to the referrer', async () => {
    // a local agreement: accept within 3 working days, close within 1 month, nudge after 5 quiet working days
    bot = await startBot({ start: START, env: { CLUE_LIMITS: 'normative:3/1个月/5' } });
    const registered = await bot.answer(
      'c-joint',
      'u-liaison',
      '/线索 新建 类别=规范性文件 来源=执法检查 摘要="县住建局2025年第3号文件设定的收费项目无上位法依据" 涉及单位=示例县住房和城乡建设局',
    );
    expect(registered).toContain('已登记线索 XS-2026-001，移送示例县司法局');
    expect(registered).toContain('受理期限：2026-06-04'); // 3 working days after 06-01

    // the judicial bureau's group gets the referral with its buttons
    const [referral] = await bot.botSays('c-sfj');
    expect(referral!.text).toContain(
      '示例县人民检察院移送线索 XS-2026-001（规范性文件与上位法相抵触），请在 2026-06-04 前受理',
    );
    expect(referral!.card!.buttons.map((b) => b.label)).toEqual(['受理', '退回（非本单位职责）', '查看详情']);

    // accepted by a click: the handler is asked in the direct chat (default: the person who clicked)
    const sfjBefore = await bot.lastCursor('c-sfj');
    expect((await bot.act(referral!.id, 'u-sfj', referral!.card!.buttons[0]!.command)).status).toBe(200);
    expect((await bot.botSays('c-sfj', sfjBefore)).map((m) => m.text).join('\n')).toContain(
      '已转到您与机器人的私聊中填写',
    );
    const dm = (await bot.botSays('dm:u-sfj')).map((m) => m.text).join('\n');
    expect(dm).toContain('请填写本单位的承办人姓名');
    expect(dm).toContain('冯涛'); // the default
    await bot.say('dm:u-sfj', 'u-sfj', '/跳过');
    const accepted = await bot.answer('dm:u-sfj', 'u-sfj', '确认');
    expect(accepted).toContain('已受理线索 XS-2026-001，承办人：冯涛。办结期限：2026-07-01');
    // the card that was clicked is closed; a second click is refused
    expect((await bot.cardUpdates('c-sfj', sfjBefore)).map((m) => m.updates)).toEqual([referral!.id]);
    await bot.act(referral!.id, 'u-sfj', referral!.card!.buttons[0]!.command);
    expect((await bot.botSays('c-sfj')).at(-1)!.text).toContain('这张卡片已于');
    expect((await bot.botSays('c-joint')).map((m) => m.text).join('\n')).toContain(
      '已由示例县司法局受理，承办人 冯涛，办结期限 2026-07-01',
    );

    // five working days without a progress note: 06-08, once, to the group and the handler
    await bot.advance({ days: 7 }); // 2026-06-08 10:00
    let nudges = (await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【休眠提醒】'));
    expect(nudges.map(day)).toEqual(['2026-06-08']);
    expect(nudges[0]!.text).toContain('已连续 5 个工作日没有进展记录');
    expect((await bot.botSays('dm:u-sfj')).filter((m) => m.text.startsWith('【休眠提醒】')).map(day)).toEqual([
      '2026-06-08',
    ]);

    // a progress note on 06-09 restarts the count: the next nudge is 06-16, not 06-15
    await bot.advance({ days: 1 });
    const noted = await bot.answer('c-sfj', 'u-sfj', '/线索 进展 XS-2026-001 内容="已调取文件原件，约谈起草科室"');
    expect(noted).toContain('下一次休眠提醒顺延至 2026-06-16');
    await bot.advance({ days: 6 }); // 06-15 10:00
    expect((await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【休眠提醒】')).map(day)).toEqual([
      '2026-06-08',
    ]);
    await bot.advance({ days: 1 }); // 06-16 10:00
    nudges = (await bot.botSays('c-sfj')).filter((m) => m.text.startsWith('【休眠提醒】'));
    expect(nudges.map(day)).toEqual(['2026-06-08', '2026-06-16']);

    // closed with a result: the referring unit's group receives the feedback
    const jointBefore = await bot.lastCursor('c-joint');
    const closed = await bot.answer(
      'c-sfj',
      'u-sfj',
      '/线索 办结 XS-2026-001 结果=已责令整改 说明="县住建局已废止该文件第五条"',
    );
    expect(closed).toContain('线索 XS-2026-001 已办结（按期办结）：已责令整改');
    const feedback = (await bot.botSays('c-joint', jointBefore)).map((m) => m.text).join('\n');
    expect(feedback).toContain(
      '【线索办理结果反馈】您单位移送的线索 XS-2026-001（规范性文件与上位法相抵触）已由示例县司法局于 2026-06-16 办结：已责令整改',
    );
    expect(feedback).toContain('县住建局已废止该文件第五条');

    // nothing more is planned: a month later no nudge, no reminder
    const after = (await bot.botSays('c-sfj')).length;
    await bot.advance({ days: 40 });
    expect((await bot.botSays('c-sfj')).length).toBe(after);
    expect(await bot.rt.db.scheduledJob.count({ where: { matterId: { not: null }, state: 'pending' } })).toBe(0);

    // the record: every step with its date
    const shown = await bot.answer('c-joint', 'u-liaison', '/线索 查看 XS-2026-001');
    expect(shown).toContain('阶段：已办结');
    expect(shown).toMatch(
      /2026-06-01 示例县人民检察院 登记并移送示例县司法局（李明）[\s\S]*2026-06-01 示例县司法局 受理（冯涛）：冯涛[\s\S]*2026-06-09 示例县司法局 记录进展（冯涛）：已调取文件原件[\s\S]*2026-06-16 示例县司法局 办结，结果反馈示例县人民检察院（冯涛）：已责令整改/,
    );
    // /状态 shows the same record, and /台账 no longer lists it
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 XS-2026-001')).toContain('流转经过');
  });
});

describe('the chain through 退回 and 转办', () => {
  it('shows every unit the clue passed through, with dates', async () => {
    bot = await startBot({ start: START });
    expect(
      await bot.answer(
        'c-joint',
        'u-liaison',
        '/线索 新建 类别=职责不清 来源=12345 摘要="小区违建投诉多个部门互相推诿"',
      ),
    ).toContain('XS-2026-001，移送示例县司法局');
    await bot.advance({ days: 1 });
    expect(await bot.answer('c-sfj', 'u-sfj', '/线索 退回 XS-2026-001 理由="违建查处属住建部门职责"')).toContain(
      '已将线索 XS-2026-001 退回示例县人民检察院',
    );
    const back = (await bot.botSays('c-joint')).at(-1)!.text;
    expect(back).toContain('被示例县司法局退回：违建查处属住建部门职责');
    // the judicial bureau no longer holds it
    expect(await bot.answer('c-sfj', 'u-sfj', '/线索 受理 XS-2026-001 承办人=冯涛')).toContain(
      '只有示例县人民检察院的联络员或经办人可以受理',
    );

    await bot.advance({ days: 1 });
    expect(await bot.answer('c-joint', 'u-liaison', '/线索 移送 XS-2026-001 接收=住建局')).toContain(
      'XS-2026-001 已重新移送示例县住房和城乡建设局',
    );
    expect((await bot.botSays('c-zjj')).at(-1)!.text).toContain('移送线索 XS-2026-001');
    await bot.advance({ days: 1 });
    expect(await bot.answer('c-zjj', 'u-zjj', '/线索 转办 XS-2026-001 接收=自然资源局')).toContain(
      '已由示例县住房和城乡建设局转办示例县自然资源局',
    );
    expect((await bot.botSays('c-joint')).at(-1)!.text).toContain('已由示例县住房和城乡建设局转办至示例县自然资源局');
    await bot.advance({ days: 1 });
    await bot.answer('c-zrzy', 'u-zrzy', '/线索 受理 XS-2026-001 承办人=刘洋');

    const shown = await bot.answer('c-zrzy', 'u-zrzy', '/线索 查看 XS-2026-001');
    const chain = shown.slice(shown.indexOf('流转经过'));
    expect(chain.split('\n').slice(1)).toEqual([
      '· 2026-06-01 示例县人民检察院 登记并移送示例县司法局（李明）',
      '· 2026-06-02 示例县司法局 退回示例县人民检察院（冯涛）：违建查处属住建部门职责',
      '· 2026-06-03 示例县人民检察院 重新移送示例县住房和城乡建设局（李明）',
      '· 2026-06-04 示例县住房和城乡建设局 转办示例县自然资源局（周强）',
      '· 2026-06-05 示例县自然资源局 受理（刘洋）：刘洋',
    ]);
    // a unit that was in the chain may still read it; one that never was may not
    expect(await bot.answer('c-sfj', 'u-sfj', '/线索 查看 XS-2026-001')).toContain('流转经过');
    expect(await bot.answer('c-yjj', 'u-yjj', '/线索 查看 XS-2026-001')).toContain('与本单位无关');
    // the ledger of the unit that holds it counts the clue by its stage
    const ledger = await bot.answer('c-zrzy', 'u-zrzy', '/台账');
    expect(ledger).toContain('台账（示例县自然资源局，截至 2026-06-05）：未办结 1 件（办理中 1），其中逾期 0 件');
    expect(ledger).toContain('· XS-2026-001《小区违建投诉多个部门互相推诿》示例县自然资源局｜届满 2026-07-06');
    // the list of the unit that holds it
    expect(await bot.answer('c-zrzy', 'u-zrzy', '/线索 列表')).toContain(
      'XS-2026-001 职责不清或推诿扯皮《小区违建投诉多个部门互相推诿》 示例县人民检察院→示例县自然资源局 · 办理中',
    );
  });
});

describe('bad input on /线索', () => {
  it('gets a clear Chinese message naming what to type, and writes nothing', async () => {
    bot = await startBot({ start: START });
    await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题="关于食品安全的检察建议" 送达=2026-06-01',
    );
    await bot.answer(
      'c-joint',
      'u-liaison',
      '/线索 新建 类别=公益诉讼 来源=联合巡查 摘要="河道倾倒建筑垃圾" 接收=纪委监委',
    );
    const before = await rowCounts(bot);
    const cases: Array<[string, string, string, string]> = [
      [
        'c-joint',
        'u-liaison',
        '/线索 新建 类别=扶贫 来源=执法检查 摘要=x',
        '线索类别“扶贫”无法识别。可写：规范性文件与上位法相抵触、职责不清或推诿扯皮、行政违法或不作为、公益诉讼、违纪违法或职务犯罪',
      ],
      [
        'c-joint',
        'u-liaison',
        `/线索 新建 类别=公益诉讼 来源=${'微'.repeat(51)} 摘要=x`,
        '“来源”过长（51 字），请控制在 50 字以内',
      ],
      [
        'c-joint',
        'u-liaison',
        '/线索 新建 类别=公益诉讼 来源=执法检查 摘要=x 接收=水务局',
        '名册中没有“水务局”这个单位',
      ],
      ['c-joint', 'u-liaison', '/线索 受理 JY-2026-001 承办人=李明', 'JY-2026-001 不是线索'],
      ['c-scj', 'u-scj', '/反馈 XS-2026-001', 'XS-2026-001 是线索，/反馈 不适用'],
      ['c-joint', 'u-liaison', '/线索 受理 XS-2026-009 承办人=李明', '没有编号为 XS-2026-009 的事项'],
      [
        'c-sfj',
        'u-sfj',
        '/线索 受理 XS-2026-001 承办人=冯涛',
        'XS-2026-001 目前在示例县纪委监委，只有示例县纪委监委的联络员或经办人可以受理',
      ],
      ['c-jw', 'u-jw', '/线索 办结 XS-2026-001 结果=', '办理结果“”无法识别。可写：已立案、已制发检察建议'],
      ['c-jw', 'u-jw', '/线索 办结 XS-2026-001 说明=已处理', '请写明办理结果：结果=已立案'],
      ['c-jw', 'u-jw', '/线索 办结 XS-2026-001 结果=已立案', 'XS-2026-001 当前阶段为“已移送待受理”，受理后才能办结'],
      ['c-jw', 'u-jw', '/线索 退回 XS-2026-001 理由=""', '“退回理由”不能为空'],
      ['c-jw', 'u-jw', '/线索 查收 XS-2026-001', '命令格式不对。正确写法：/线索 新建'],
      ['c-scj', 'u-scj', '/线索 新建 类别=公益诉讼 来源=执法检查 摘要=x', '该命令仅限联络员使用'],
      ['c-jw', 'u-jw', '/线索 列表 挂起', '状态“挂起”无法识别'],
      ['c-joint', 'u-liaison', '/线 列表', '您是不是要 /线索？'],
      [
        'c-joint',
        'u-liaison',
        '/线索 新建 类别=违法 来源=执法检查 摘要=x',
        '线索类别“违法”可能是：行政违法或不作为、违纪违法或职务犯罪',
      ],
    ];
    for (const [chat, who, text, expected] of cases)
      expect({ text, answer: await bot.answer(chat, who, text) }).toEqual({
        text,
        answer: expect.stringContaining(expected),
      });
    // accepted now, closing needs a reason for a refusal
    await bot.answer('c-jw', 'u-jw', '/线索 受理 XS-2026-001 承办人=韩雪');
    const mid = await rowCounts(bot);
    expect(await bot.answer('c-jw', 'u-jw', '/线索 办结 XS-2026-001 结果=不予立案')).toContain(
      '办理结果为“不予立案并说明理由”时请写明理由：加上 说明=…',
    );
    expect(await rowCounts(bot)).toEqual(mid);
    expect(mid.steps).toBe(before.steps + 1);
    expect({ ...mid, steps: before.steps, jobs: before.jobs }).toEqual(before);
  });
});

describe('the clue form when the answers do not fit together', () => {
  it('asks again for the receiver at once, saying why, when the unit named could not be told', async () => {
    bot = await startBot({ start: START });
    await bot.answer('dm:u-liaison', 'u-liaison', '/线索 新建 类别=公益诉讼');
    const again = await bot.answer('dm:u-liaison', 'u-liaison', '县政府');
    expect(again).toContain('“示例县人民政府”还没有绑定工作群，移送后无法通知。请填写其他接收单位');
    expect(again).toContain('请填写接收单位');
    expect(await bot.answer('dm:u-liaison', 'u-liaison', '住建局')).toContain('请选择线索来源');
    for (const a of ['2', '河道倾倒建筑垃圾', '/跳过', '/跳过']) await bot.answer('dm:u-liaison', 'u-liaison', a);
    expect(await bot.answer('dm:u-liaison', 'u-liaison', '确认')).toContain(
      '已登记线索 XS-2026-001，移送示例县住房和城乡建设局',
    );
  });
});

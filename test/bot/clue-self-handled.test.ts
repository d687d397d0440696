// 本单位自行办理 (issue 22, item 9): the procuratorate's own 公益诉讼 clue is no longer refused
// ("无需移送") and lost to the ledger. It is registered with an XS code, held by the registering
// unit, accepted at once by the registrant that day with its category's closing limit, and its
// 承办人 is asked with the acceptance form; nothing goes to another unit. Restricted, its content
// still never reaches a group. In process, on the simulated clock, from Wednesday 2026-07-01.
import { describe, expect, it } from 'vitest';
import { inProcessBot } from '../support/exec.js';

const START = '2026-07-01T10:00:00+08:00'; // a Wednesday, a working day
// 公益诉讼: closed within 3个月 of acceptance (DEFAULT_CLUE_LIMITS). The start day is not counted and
// a month period ends on the corresponding day: 2026-10-01, 国庆节, a holiday through 10-07; the
// last day moves to the next working day, Thursday 2026-10-08 (民法典 第二百零三条).
const PIL_DUE = '2026-10-08';
// 规范性文件与上位法相抵触: 1个月 → 2026-08-01, a Saturday → Monday 2026-08-03.
const NORMATIVE_DUE = '2026-08-03';

const SUMMARY = '某河段沿岸三家企业长期向河道直排生产污水';
const INVOLVED = '示例县生态环境分局';

type Bot = Awaited<ReturnType<typeof inProcessBot>>;

/**
 * Every chat told anything of a clue: messages about its matter, and any the bot sent naming its
 * code (the quarterly circular and the weekly digest, about no clue in particular, go where they go).
 */
async function chatsTold(bot: Bot, code: string): Promise<string[]> {
  const { id } = await bot.rt.db.matter.findUniqueOrThrow({ where: { code } });
  const about = await bot.rt.db.outboxMessage.findMany({ where: { matterId: id } });
  const naming = await bot.rt.db.sandboxMessage.findMany({ where: { fromBot: true, text: { contains: code } } });
  return [...new Set([...about.map((m) => m.chatId ?? `dm:${m.userId}`), ...naming.map((m) => m.chatId)])].sort();
}

const texts = async (bot: Bot, chat: string) => (await bot.botSays(chat)).map((m) => m.text).join('\n');

describe('a clue the registrant’s own unit handles (本单位自行办理)', () => {
  it('is registered, accepted at once with its closing limit, asks for the 承办人, and tells no other unit', async () => {
    const bot = await inProcessBot({ start: START });
    const procuratorate = await bot.rt.db.org.findFirstOrThrow({ where: { name: '示例县人民检察院' } });

    const answer = await bot.exec(`/线索 新建 类别=公益诉讼 来源=联合巡查 摘要="${SUMMARY}" 涉及单位=${INVOLVED}`);
    expect(answer).not.toContain('无需移送');
    expect(answer).toContain('已登记线索 XS-2026-001，本单位自行办理：由示例县人民检察院于 2026-07-01 受理');
    expect(answer).toContain(`办结期限：${PIL_DUE}`);
    expect(answer).toContain(SUMMARY); // not restricted: the registrant's group may read it
    // the 承办人 is asked as at 受理: in the registrant's direct chat, the registrant by default
    expect(answer).toContain('已转到您与机器人的私聊中填写');
    const dm = await texts(bot, 'dm:u-liaison');
    expect(dm).toContain('请填写本单位的承办人姓名（专人专管）');
    expect(dm).toContain('李明');

    // the record: held by its own unit, handling, accepted today by the registrant
    const matter = await bot.rt.db.matter.findFirstOrThrow({ where: { code: 'XS-2026-001' }, include: { clue: true } });
    expect(matter).toMatchObject({
      kind: 'clue',
      status: 'handling',
      issuingOrgId: procuratorate.id,
      responsibleOrgId: procuratorate.id,
      servedOn: '2026-07-01',
      dueOn: PIL_DUE,
      periodRule: '3个月',
    });
    expect(matter.clue).toMatchObject({ category: 'pil', acceptedOn: '2026-07-01', handlerName: null });
    const steps = await bot.rt.db.clueStep.findMany({ where: { matterId: matter.id }, orderBy: { seq: 'asc' } });
    expect(steps.map((s) => [s.action, s.actorName, s.fromOrgId, s.toOrgId])).toEqual([
      ['register', '李明', procuratorate.id, procuratorate.id],
      ['accept', '李明', procuratorate.id, procuratorate.id],
    ]);
    // only the closing stage is planned: no acceptance reminder for a clue accepted already
    const jobs = await bot.rt.db.scheduledJob.findMany({ where: { matterId: matter.id, state: 'pending' } });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.payload.includes('"stage":"accept"'))).toEqual([]);

    // answering the question names the handler: 王芳, of the same unit, hears of it directly
    expect(await bot.exec('王芳', { chat: 'dm:u-liaison' })).toContain('王芳');
    const named = await bot.exec('确认', { chat: 'dm:u-liaison' });
    expect(named).toContain(`已指定线索 XS-2026-001 的承办人：王芳。办结期限：${PIL_DUE}`);
    const wang = await bot.rt.db.member.findFirstOrThrow({ where: { name: '王芳' } });
    expect(await bot.rt.db.clue.findUniqueOrThrow({ where: { matterId: matter.id } })).toMatchObject({
      handlerName: '王芳',
      handlerId: wang.id,
    });
    expect(await texts(bot, 'dm:u-admin')).toContain('您已被指定为线索 XS-2026-001（公益诉讼）的承办人');
    // the handler is named once: 受理 again is refused as for any clue in hand
    expect(await bot.exec('/线索 受理 XS-2026-001 承办人=李明')).toContain('当前阶段为“办理中”，不能受理');

    // /状态 reads the chain of a clue that never left its unit
    const status = await bot.exec('/状态 XS-2026-001');
    expect(status).toContain('阶段：办理中');
    expect(status).toContain(PIL_DUE);
    expect(status).toContain('承办人：王芳');
    expect(status.slice(status.indexOf('流转经过')).split('\n').slice(1)).toEqual([
      '· 2026-07-01 示例县人民检察院 登记，本单位自行办理（李明）',
      '· 2026-07-01 示例县人民检察院 受理（李明）',
      '· 2026-07-01 示例县人民检察院 指定承办人（李明）：王芳',
    ]);
    // the ledger and the list keep it like any other clue
    const ledger = await bot.exec('/台账');
    expect(ledger).toContain('XS-2026-001');
    expect(ledger).toContain(PIL_DUE);
    expect(await bot.exec('/线索 列表')).toContain('XS-2026-001 公益诉讼《');
    expect(await bot.exec('/线索 列表')).toContain('示例县人民检察院（本单位自行办理） · 办理中');

    // three weeks without a progress note: the sleeping nudge (10 working days) comes to its own unit and
    // handler, never to another unit
    await bot.advance(21 * 24 * 3600 * 1000);
    expect(await texts(bot, 'c-joint')).toContain('【休眠提醒】线索 XS-2026-001');
    // closed: no feedback to a referring unit, since there is none
    const closed = await bot.exec('/线索 办结 XS-2026-001 结果=已立案 说明="已立案审查"');
    expect(closed).toContain('线索 XS-2026-001 已办结（按期办结）：已立案');
    expect(closed).toContain('本线索由本单位自行办理');
    expect(closed).not.toContain('【线索办理结果反馈】');
    expect(await chatsTold(bot, 'XS-2026-001')).toEqual(['c-joint', 'dm:u-admin', 'dm:u-liaison']);
  });

  it('keeps a restricted one’s content out of the group, and tells no other unit', async () => {
    const bot = await inProcessBot({ start: START });
    const answer = await bot.exec(
      `/线索 新建 类别=公益诉讼 来源=群众举报 摘要="${SUMMARY}" 涉及单位=${INVOLVED} 限制=是`,
    );
    expect(answer).toContain(
      `已登记线索 XS-2026-001（控制知悉范围），类别：公益诉讼，本单位自行办理（示例县人民检察院），办结期限 ${PIL_DUE}`,
    );
    expect(answer).toContain('请撤回您在群内发送的含线索内容的消息');
    expect(answer).toContain('已转到您与机器人的私聊中填写');
    const dm = await texts(bot, 'dm:u-liaison');
    expect(dm).toContain(SUMMARY);
    expect(dm).toContain('请填写本单位的承办人姓名');
    expect(await bot.rt.db.matter.findFirstOrThrow()).toMatchObject({ status: 'handling', dueOn: PIL_DUE });

    await bot.exec('王芳', { chat: 'dm:u-liaison' });
    expect(await bot.exec('确认', { chat: 'dm:u-liaison' })).toContain('已指定线索 XS-2026-001 的承办人：王芳');
    expect(await texts(bot, 'dm:u-admin')).toContain(SUMMARY); // the handler may read it

    // /状态 in the group: the outline there, the content by direct message (an audited reading)
    const status = await bot.exec('/状态 XS-2026-001');
    expect(status).toContain('本单位自行办理');
    expect(status).toContain('内容已私聊发送给您');
    expect(await bot.rt.db.auditEvent.count({ where: { action: 'clue.read', subject: 'XS-2026-001' } })).toBe(1);

    await bot.advance(21 * 24 * 3600 * 1000);
    const group = await texts(bot, 'c-joint');
    expect(group).toContain('【休眠提醒】线索 XS-2026-001');
    for (const secret of [SUMMARY.slice(0, 8), INVOLVED]) expect(group).not.toContain(secret);
    expect(await chatsTold(bot, 'XS-2026-001')).toEqual(['c-joint', 'dm:u-admin', 'dm:u-liaison']);
  });

  it('is what 接收= naming one’s own unit means too, for any category', async () => {
    const bot = await inProcessBot({ start: START });
    const answer = await bot.exec('/线索 新建 类别=规范性文件 来源=案件办理 摘要="某乡镇文件增设审批条件" 接收=检察院');
    expect(answer).toContain('已登记线索 XS-2026-001，本单位自行办理');
    expect(answer).toContain(`办结期限：${NORMATIVE_DUE}`);
    // named on the line, the handler needs no question
    expect(await bot.exec('/线索 受理 XS-2026-001 承办人=李明')).toContain('已指定线索 XS-2026-001 的承办人：李明');
    // another unit named: referred as before
    expect(await bot.exec('/线索 新建 类别=公益诉讼 来源=联合巡查 摘要=河道排污 接收=住建局')).toContain(
      '已登记线索 XS-2026-002，移送示例县住房和城乡建设局',
    );
    expect(await chatsTold(bot, 'XS-2026-001')).toEqual(['c-joint']);
    expect(await chatsTold(bot, 'XS-2026-002')).toEqual(['c-joint', 'c-zjj']);
  });

  it('registers through the form in the direct chat, and the 承办人 is named with /线索 受理', async () => {
    const bot = await inProcessBot({ start: START });
    const dm = { chat: 'dm:u-liaison' };
    await bot.exec('/线索 新建 类别=公益诉讼', dm);
    expect(await bot.exec('/跳过', dm)).toContain('请选择线索来源'); // no other unit: its own
    await bot.exec('5', dm); // 联合巡查
    await bot.exec(SUMMARY, dm);
    await bot.exec('/跳过', dm);
    const review = await bot.exec('/跳过', dm);
    expect(review).toContain(`本单位自行办理：由示例县人民检察院办理，登记即受理；办结期限：${PIL_DUE}`);
    const done = await bot.exec('确认', dm);
    expect(done).toContain('已登记线索 XS-2026-001，本单位自行办理');
    expect(done).toContain('请指定线索 XS-2026-001 的承办人（专人专管）：发送 /线索 受理 XS-2026-001');
    expect(await bot.exec('/线索 受理 XS-2026-001', dm)).toContain('请填写本单位的承办人姓名');
    await bot.exec('/跳过', dm);
    expect(await bot.exec('确认', dm)).toContain('已指定线索 XS-2026-001 的承办人：李明');
    expect(await chatsTold(bot, 'XS-2026-001')).toEqual(['dm:u-liaison']);
  });
});

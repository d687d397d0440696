// 限制知悉: restricted clues registered with distinctive text (in a group by mistake, in a
// direct chat, through the form), then handled with notes, a return and a result. Every
// message the bot sent to any group, every outbox row addressed to a group, and every log
// line are scanned: the text appears in none of them, while the handler's and the
// referrer's direct messages carry it, and each reading of the content is in the audit log.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SECRET = {
  summary: '钱塘巷七号收受购物卡甲',
  involved: '副局长丁某某乙',
  summaryDm: '滨河路暗管直排丙',
  progress: '已约谈当事人丁',
  result: '立案审查编号戊',
  reason: '不属本局管辖己',
  summaryForm: '工程款截留庚',
};

describe('a restricted clue', () => {
  it('never shows its content in a group or a log, and gives it by direct message to those who must know', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'trace' },
      new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }),
    );
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00', log });

    // 1. a discipline clue (restricted by default) registered in the joint group, content on the command line
    const inGroup = await bot.answer(
      'c-joint',
      'u-liaison',
      `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET.summary} 涉及单位=${SECRET.involved}`,
    );
    expect(inGroup).toContain('已登记线索 XS-2026-001（控制知悉范围），类别：违纪违法或职务犯罪，移送示例县纪委监委');
    expect(inGroup).toContain('请撤回您在群内发送的含线索内容的消息');
    // 2. any clue can be restricted at registration: in the direct chat
    expect(
      await bot.answer(
        'dm:u-liaison',
        'u-liaison',
        `/线索 新建 类别=公益诉讼 来源=联合巡查 接收=住建局 限制=是 摘要=${SECRET.summaryDm}`,
      ),
    ).toContain(SECRET.summaryDm);
    // 3. a bare command in a group: the form moves to the direct chat
    expect(await bot.answer('c-joint', 'u-liaison', '/线索 新建 类别=违纪')).toContain('已转到您与机器人的私聊中填写');
    for (const answer of ['/跳过', '2', SECRET.summaryForm, '/跳过', '/跳过'])
      await bot.say('dm:u-liaison', 'u-liaison', answer);
    expect(await bot.answer('dm:u-liaison', 'u-liaison', '确认')).toContain('已登记线索 XS-2026-003（控制知悉范围）');

    // the discipline commission accepts, notes progress in its group by mistake, reads it, closes it
    await bot.answer('c-jw', 'u-jw', '/线索 受理 XS-2026-001 承办人=韩雪');
    const noted = await bot.answer('c-jw', 'u-jw', `/线索 进展 XS-2026-001 内容=${SECRET.progress}`);
    expect(noted).toContain('已记录 XS-2026-001（控制知悉范围） 的进展（内容不在群内显示）');
    const shownInGroup = await bot.answer('c-jw', 'u-jw', '/线索 查看 XS-2026-001');
    expect(shownInGroup).toContain('内容已私聊发送给您');
    expect(await bot.answer('dm:u-jw', 'u-jw', `/线索 办结 XS-2026-001 结果=已立案 说明=${SECRET.result}`)).toContain(
      SECRET.result,
    );
    // the housing bureau returns the second one, with a reason, in its group
    expect(await bot.answer('c-zjj', 'u-zjj', `/线索 退回 XS-2026-002 理由=${SECRET.reason}`)).toContain(
      '理由已私聊发送给移送人',
    );
    // a supervisor may follow the clue but not read its content
    const supervisorView = await bot.answer('dm:u-supervisor', 'u-supervisor', '/线索 查看 XS-2026-001');
    expect(supervisorView).toContain('控制知悉范围：线索内容仅移送人、承办人和接收单位联络员可以查看');
    expect(supervisorView).not.toContain(SECRET.summary);
    // the sleeping and deadline machinery runs too, over a month
    await bot.advance({ days: 40 });

    // every group message, every group outbox row, every log line: none carries the content
    const chats = (await bot.request('GET', '/api/chats')).body as Array<{ id: string; purpose: string }>;
    const groups = chats.filter((c) => c.purpose !== 'direct');
    expect(groups.length).toBeGreaterThan(10);
    let scanned = 0;
    for (const g of groups) {
      for (const m of await bot.messages(g.id)) {
        if (!m.fromBot) continue;
        scanned++;
        const text = JSON.stringify(m);
        for (const s of Object.values(SECRET))
          expect({ chat: g.id, leaked: text.includes(s) }).toEqual({ chat: g.id, leaked: false });
      }
    }
    expect(scanned).toBeGreaterThan(15);
    const outbox = (await bot.rt.db.outboxMessage.findMany({ where: { chatId: { not: null } } })).filter(
      (r) => !r.chatId!.startsWith('dm:'),
    );
    expect(outbox.length).toBeGreaterThan(15);
    for (const row of outbox)
      for (const s of Object.values(SECRET))
        expect({ chat: row.chatId, leaked: row.payload.includes(s) ? row.payload : false }).toEqual({
          chat: row.chatId,
          leaked: false,
        });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) for (const s of Object.values(SECRET)) expect(line.includes(s) ? line : '').toBe('');

    // the handler's and the referrer's direct messages carry it
    const direct = async (chat: string) =>
      (await bot!.messages(chat))
        .filter((m) => m.fromBot)
        .map((m) => m.text)
        .join('\n');
    const handler = await direct('dm:u-jw');
    expect(handler).toContain(SECRET.summary);
    expect(handler).toContain(SECRET.involved);
    expect(handler).toContain(SECRET.progress); // the record read from the group came here
    const referrer = await direct('dm:u-liaison');
    for (const s of [SECRET.summary, SECRET.result, SECRET.reason, SECRET.summaryForm]) expect(referrer).toContain(s);
    expect(await direct('dm:u-zjj')).toContain(SECRET.summaryDm); // the receiving unit's contact

    // every reading of restricted content is on the record; the supervisor's outline is not a reading
    const reads = await bot.rt.db.auditEvent.findMany({ where: { action: 'clue.read' } });
    expect(reads.map((r) => [r.subject, r.actor])).toEqual([['XS-2026-001', '韩雪（示例县纪委监委）']]);
    const audit = await bot.rt.db.auditEvent.findMany();
    for (const row of audit)
      for (const s of Object.values(SECRET))
        expect(JSON.stringify(row).includes(s) ? JSON.stringify(row) : '').toBe('');
  });
});

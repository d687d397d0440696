// 咨询 / 征求意见 (issue 27, item 2): a question answered late after its overdue notice; a restricted one
// kept to direct messages with its reading audited; a hearing invitation and its receipt; a question asked
// again offered to the lead unit as a topic meeting by button. Dates computed here by hand.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import { writeKeyRingFile } from '../../src/store/sealed.js';
import { shanghai, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function keyFile(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-key-')), 'data-key.json');
  writeKeyRingFile(file, { current: 'k1', keys: new Map([['k1', newDataKey()]]) });
  return file;
}

const starting = (prefix: string) => (m: { text: string }) => m.text.startsWith(prefix);
const day = (m: { createdAt: string }) => shanghai(m.createdAt).slice(0, 10);

describe('咨询', () => {
  it('is chased when late, goes on the road, and its late answer reaches the asker by direct message', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    // nothing written on bad input
    expect(await bot.answer('c-scj', 'u-scj', '/咨询 新建 问题=…')).toContain('请写明咨询对象和问题');
    expect(await bot.answer('c-scj', 'u-scj', '/咨询 新建 对象=市场监管局 问题=x')).toContain('是您所在的单位');
    expect(await bot.answer('c-scj', 'u-scj', '/咨询 新建 对象=检察院 问题=x 限制=是')).toContain(
      '请在与机器人的私聊中发送',
    );
    const asked = await bot.answer(
      'c-scj',
      'u-scj',
      '/咨询 新建 对象=检察院 问题=关于食品经营许可证过期后继续经营的定性问题 期限=5个工作日',
    );
    // 5 working days from Tuesday 09-01: 09-02, 03, 04, 07, 08
    expect(asked).toContain('已向示例县人民检察院提出咨询 ZQ-2026-001，答复期限：2026-09-08');
    const notice = (await bot.botSays('c-joint')).find(starting('【咨询】'))!;
    expect(notice.text).toContain('关于食品经营许可证过期后继续经营的定性问题');
    expect(notice.card!.buttons[0]!.command).toBe('/答复 ZQ-2026-001');

    await bot.advance({ to: '2026-09-10T10:00:00+08:00' });
    expect((await bot.botSays('c-joint')).filter(starting('【咨询今日到期】')).map(day)).toEqual(['2026-09-08']);
    expect((await bot.botSays('c-joint')).filter(starting('【咨询逾期】')).map(day)).toEqual(['2026-09-09']);
    expect((await bot.botSays('c-scj')).filter(starting('【咨询逾期】')).map(day)).toEqual(['2026-09-09']);
    expect((await bot.botSays('c-supervisor')).filter(starting('【咨询督办】')).map(day)).toEqual(['2026-09-09']);

    // only the asked unit answers; the form runs in the direct chat
    expect(await bot.answer('c-zrzy', 'u-zrzy', '/答复 ZQ-2026-001')).toContain('只有该单位的联络员、经办人可以答复');
    await bot.say('c-joint', 'u-liaison', '/答复 ZQ-2026-001');
    await bot.say('dm:u-liaison', 'u-liaison', '许可证过期后继续经营的，按未取得许可从事经营活动处理。');
    const pdf = Buffer.from('%PDF-1.4 定性参考').toString('base64');
    await bot.say('dm:u-liaison', 'u-liaison', '', { attachments: [{ name: '定性参考.pdf', data: pdf }] });
    const cursor = await bot.lastCursor('dm:u-liaison');
    await bot.say('dm:u-liaison', 'u-liaison', '确认');
    expect((await bot.botSays('dm:u-liaison', cursor)).map((m) => m.text).join('\n')).toContain('记为逾期答复');
    const toAsker = (await bot.botSays('dm:u-scj')).find(starting('【咨询答复】'))!;
    expect(toAsker.text).toContain('（逾期答复：期限 2026-09-08）');
    expect(toAsker.text).toContain('按未取得许可从事经营活动处理');
    expect(toAsker.text).toContain('附件：定性参考.pdf');
    const file = (await bot.botSays('dm:u-scj')).find(starting('【咨询答复附件】'))!;
    expect(file.attachments?.map((a) => a.name)).toEqual(['定性参考.pdf']);
    expect((await bot.botSays('c-scj')).find(starting('【咨询已答复】'))!.text).not.toContain('未取得许可');
    // answered: nothing more is sent, and it cannot be answered twice
    await bot.advance({ to: '2026-09-25T10:00:00+08:00' });
    expect((await bot.botSays('c-leaders')).filter(starting('【咨询逾期报告】'))).toHaveLength(0);
    expect(await bot.answer('c-joint', 'u-liaison', '/答复 ZQ-2026-001')).toContain('已于 2026-09-10 答复');
  });

  it('keeps a restricted question to direct messages, audits its reading, and counts working days over the holidays', async () => {
    bot = await startBot({ start: '2026-09-24T10:00:00+08:00', env: { LIANDONG_DATA_KEY_FILE: keyFile() } });
    const asked = await bot.answer(
      'dm:u-liaison',
      'u-liaison',
      '/咨询 新建 对象=市场监管局 问题=某企业负责人涉嫌行贿线索的核实口径 限制=是',
    );
    // 10 working days from Thursday 09-24: 中秋 09-25…27 and 国庆 10-01…07 not counted, Saturday 10-10 is a
    // 调休 working day: 09-28, 29, 30, 10-08, 09, 10, 12, 13, 14, 15
    expect(asked).toContain('答复期限：2026-10-15');
    const group = (await bot.botSays('c-scj')).map((m) => m.text).join('\n');
    expect(group).toContain('限制知悉的咨询（ZQ-2026-001）');
    expect(group).not.toContain('行贿');
    expect((await bot.botSays('dm:u-scj')).find(starting('【限制知悉的咨询】'))!.text).toContain('行贿');
    // in a group, the outline; the content goes by direct message, and the reading is audited
    expect(await bot.answer('c-scj', 'u-scj', '/咨询 查看 ZQ-2026-001')).not.toContain('行贿');
    expect((await bot.botSays('dm:u-scj')).at(-1)!.text).toContain('行贿');
    // someone outside: the outline only
    expect(await bot.answer('dm:u-zrzy', 'u-zrzy', '/咨询 查看 ZQ-2026-001')).not.toContain('行贿');
    // sealed at rest (SM4): the stored question is an envelope, not the text
    const [row] = await bot.rt.db.consultation.findMany();
    expect(row!.question.startsWith('sm4:')).toBe(true);
    expect((await bot.rt.db.matter.findFirst())!.title).toBe('限制知悉的咨询');
    const reads = await bot.rt.db.auditEvent.findMany({
      where: { action: 'consultation.read', subject: 'ZQ-2026-001' },
    });
    expect(reads).toHaveLength(1);
    // reminders name the code only
    await bot.advance({ to: '2026-10-15T12:00:00+08:00' });
    const reminders = (await bot.botSays('c-scj')).filter(starting('【咨询'));
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) expect(r.text).not.toContain('行贿');
    // unanswered: the overdue notice on Friday 10-16, the leaders 5 working days on (10-19…10-23), code only
    await bot.advance({ to: '2026-10-26T10:00:00+08:00' });
    expect((await bot.botSays('c-scj')).filter(starting('【咨询逾期】')).map(day)).toEqual(['2026-10-16']);
    const leaders = (await bot.botSays('c-leaders')).filter(starting('【咨询逾期报告】'));
    expect(leaders.map(day)).toEqual(['2026-10-23']);
    expect(leaders[0]!.text).toContain('ZQ-2026-001《限制知悉的咨询》');
    expect(leaders[0]!.text).not.toContain('行贿');
  });

  it('invites the procuratorate to a 行政复议 hearing and takes its receipt; a question asked again offers a topic meeting', async () => {
    bot = await startBot({ start: '2026-10-12T10:00:00+08:00' });
    expect(
      await bot.answer(
        'c-sfj',
        'u-sfj',
        '/咨询 邀请 对象=检察院 事由=某行政处罚复议案 日期=2026-10-20 地点=县司法局听证室 方式=列席',
      ),
    ).toContain('请写 陪议 或 旁听');
    const invited = await bot.answer(
      'c-sfj',
      'u-sfj',
      '/咨询 邀请 对象=检察院 事由=某行政处罚复议案 日期=2026-10-20 时间=14:30 地点=县司法局听证室 方式=陪议',
    );
    // the receipt is due the working day before Tuesday 10-20: Monday 10-19
    expect(invited).toContain('回执期限：2026-10-19');
    expect(await bot.answer('c-joint', 'u-liaison', '/答复 ZQ-2026-001')).toContain('是听证邀请');
    expect(await bot.answer('c-joint', 'u-liaison', '/咨询 回执 ZQ-2026-001 参会人=李明 检察官')).toContain(
      '已回执 ZQ-2026-001：李明 检察官 陪议',
    );
    expect((await bot.botSays('c-sfj')).find(starting('【听证回执】'))!.text).toContain('李明 检察官');

    await bot.say('c-scj', 'u-scj', '/咨询 新建 对象=检察院 问题=食品经营许可证过期后继续经营如何定性');
    expect((await bot.botSays('c-joint')).filter(starting('【反复咨询】'))).toHaveLength(0);
    await bot.say('c-zrzy', 'u-zrzy', '/咨询 新建 对象=检察院 问题=食品经营许可证过期后继续经营应如何定性？');
    const offer = (await bot.botSays('c-joint')).find(starting('【反复咨询】'))!;
    expect(offer.text).toContain('ZQ-2026-003 与此前的 ZQ-2026-002');
    const button = offer.card!.buttons[0]!;
    // 10 working days from Monday 10-12: 10-26
    expect(button.command).toContain('/会议 新建 日期=2026-10-26');
    const r = await bot.act(offer.id, 'u-liaison', button.command);
    expect(r.status).toBeLessThan(300);
    expect((await bot.botSays('c-joint')).map((m) => m.text).join('\n')).toContain('HY-2026-001');
  });
});

// 限制=… is read strictly. An attack round registered a 违纪 clue unrestricted with 限制=保密
// (any unknown word was read as "no"), posting its summary in the joint and 纪委监委 groups.
// Now an unknown word is refused, 限制=否 on a category restricted by default is asked once
// more and, when confirmed, is on the audit record; the same strict reading serves 紧急= and 确认=.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SUMMARY = '某副局长收受工程款甲';
const newClue = (restricted: string) => `/线索 新建 类别=违纪 来源=群众举报 摘要="${SUMMARY}" 限制=${restricted}`;

/** every bot message in the two groups a clue is announced in */
async function groupTexts(b: TestBot): Promise<string> {
  const all = [...(await b.messages('c-joint')), ...(await b.messages('c-jw'))];
  return all
    .filter((m) => m.fromBot)
    .map((m) => JSON.stringify(m))
    .join('\n');
}

describe('限制= on a clue', () => {
  it('refuses a word that is neither yes nor no, and registers nothing', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    for (const value of ['保密', '涉密', '机密', '限制知悉', '也许']) {
      const answer = await bot.answer('c-joint', 'u-liaison', newClue(value));
      expect(answer).toContain(`“限制=${value}”无法识别，请写 是 或 否（如 限制=是）`);
      // typed in a group with the content on the line: the person is asked to withdraw it
      expect(answer).toContain('请先撤回您在群内发送的这条消息');
    }
    // in a direct chat the same word is refused without the withdraw request; an empty value says so
    const direct = await bot.answer('dm:u-liaison', 'u-liaison', newClue('保密'));
    expect(direct).toContain('“限制=保密”无法识别');
    expect(direct).not.toContain('撤回');
    expect(await bot.answer('dm:u-liaison', 'u-liaison', newClue(''))).toContain('“限制=”后面没有写值，请写 是 或 否');
    expect(await bot.rt.db.matter.count()).toBe(0);
    // a stray 是 afterwards registers nothing either: no corrected command was offered
    expect(await bot.answer('c-joint', 'u-liaison', '是')).not.toContain('已登记线索');
    expect(await bot.rt.db.matter.count()).toBe(0);
    expect(await groupTexts(bot)).not.toContain(`${SUMMARY.slice(0, 6)}工程款`);
  });

  it('asks before lifting a 违纪 clue’s restriction, and audits it when confirmed', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    const asked = await bot.answer('c-joint', 'u-liaison', newClue('否'));
    expect(asked).toContain('违纪违法或职务犯罪类线索默认控制知悉范围');
    expect(asked).toContain('确定不控制知悉范围吗？回复 是 确认');
    expect(await bot.rt.db.matter.count()).toBe(0);
    expect(
      (await bot.messages('c-jw'))
        .filter((m) => m.fromBot)
        .map((m) => m.text)
        .join('\n'),
    ).not.toContain(SUMMARY);

    const done = await bot.answer('c-joint', 'u-liaison', '是');
    expect(done).toContain('已登记线索 XS-2026-001');
    expect(done).not.toContain('（控制知悉范围）');
    const clue = await bot.rt.db.clue.findFirstOrThrow();
    expect(clue.restricted).toBe(false);
    const audits = await bot.rt.db.auditEvent.findMany({ where: { subject: 'XS-2026-001' }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['clue.register', 'clue.unrestricted']);
    expect(audits[1]!.actor).toBe('李明（示例县人民检察院）');
    // 确认=是 on the line itself registers at once, and is audited the same way
    expect(await bot.answer('c-joint', 'u-liaison', `${newClue('否')} 确认=是`)).toContain('已登记线索 XS-2026-002');
    expect(await bot.rt.db.auditEvent.count({ where: { action: 'clue.unrestricted' } })).toBe(2);
    // 确认= is read strictly too
    expect(await bot.answer('c-joint', 'u-liaison', `${newClue('否')} 确认=保密`)).toContain('“确认=保密”无法识别');
  });

  it('still restricts with 限制=是 and by category, and lifts a non-default one without a question', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    expect(await bot.answer('c-joint', 'u-liaison', newClue('是'))).toContain('已登记线索 XS-2026-001（控制知悉范围）');
    expect(await bot.answer('c-joint', 'u-liaison', `/线索 新建 类别=违纪 来源=群众举报 摘要="${SUMMARY}"`)).toContain(
      'XS-2026-002（控制知悉范围）',
    );
    expect(
      await bot.answer(
        'c-joint',
        'u-liaison',
        `/线索 新建 类别=公益诉讼 来源=联合巡查 接收=住建局 限制=不 摘要=河道排污`,
      ),
    ).toContain('已登记线索 XS-2026-003，');
    expect(await bot.rt.db.auditEvent.count({ where: { action: 'clue.unrestricted' } })).toBe(0);
    expect(await groupTexts(bot)).not.toContain(SUMMARY);
  });

  it('warns in the form’s review when 限制 is answered 否 for a 违纪 clue, and audits the submission', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    await bot.say('dm:u-liaison', 'u-liaison', '/线索 新建 类别=违纪');
    let last = '';
    for (const answer of ['/跳过', '4', SUMMARY, '/跳过', '2'])
      last = await bot.answer('dm:u-liaison', 'u-liaison', answer);
    expect(last).toContain('控制知悉范围：否');
    expect(last).toContain('注意：违纪违法或职务犯罪类线索默认控制知悉范围，您选择了不控制');
    expect(await bot.answer('dm:u-liaison', 'u-liaison', '确认')).toContain('已登记线索 XS-2026-001');
    expect(await bot.rt.db.auditEvent.count({ where: { action: 'clue.unrestricted', subject: 'XS-2026-001' } })).toBe(
      1,
    );
  });
});

describe('紧急= on a recommendation', () => {
  it('is read strictly: 紧急=紧急 and 紧急=是 are urgent, 紧急=保密 is refused', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    const line = (v: string, n: number) =>
      `/建议 新建 单位=示例县市场监督管理局 标题="关于第${n}号问题的检察建议" 送达=2026-06-01 紧急=${v}`;
    expect(await bot.answer('c-joint', 'u-liaison', line('保密', 1))).toContain('“紧急=保密”无法识别，请写 是 或 否');
    expect(await bot.rt.db.matter.count()).toBe(0);
    expect(await bot.answer('c-joint', 'u-liaison', line('紧急', 2))).toContain('2026-06-16');
    expect(await bot.answer('c-joint', 'u-liaison', line('是', 3))).toContain('2026-06-16');
    const periods = (await bot.rt.db.matter.findMany({ orderBy: { code: 'asc' } })).map((m) => m.periodRule);
    expect(periods).toEqual(['15日', '15日']);
  });
});

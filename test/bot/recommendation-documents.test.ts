// The 检察建议书 of a registered recommendation (issue 23, item 5): sent as files after /建议 附件 编号 (the
// registration answer says how), received by the agency, listed by /附件 with the reply files.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const pdf = (text: string) => Buffer.from(`%PDF-1.4 ${text}`).toString('base64');

describe('the 检察建议书', () => {
  it('reaches the agency as files after /建议 附件, and /附件 lists them', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const registered = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题=关于农贸市场计量的检察建议 送达=2026-09-01',
    );
    expect(registered).toContain(
      '检察建议书可随后补发：发送 /建议 附件 JY-2026-001，再发送文件，将转给示例县市场监督管理局。',
    );
    await bot.say('c-joint', 'u-liaison', '/建议 附件 JY-2026-001');
    await bot.say('c-joint', 'u-liaison', '', { attachments: [{ name: '检察建议书.pdf', data: pdf('正本') }] });
    await bot.say('c-joint', 'u-liaison', '/跳过'); // no more files
    await bot.say('c-joint', 'u-liaison', '确认');
    const sent = (await bot.botSays('c-scj')).filter((m) => m.attachments?.length);
    expect(sent.map((m) => [m.text, m.attachments![0]!.name])).toEqual([
      ['JY-2026-001 的检察建议书：检察建议书.pdf', '检察建议书.pdf'],
    ]);
    const ref = sent[0]!.attachments![0]!.ref.replace('file:', '');
    expect(Buffer.from(await (await fetch(`${bot.base}/files/${ref}`)).arrayBuffer()).toString()).toBe('%PDF-1.4 正本');

    // added later: the agency receives it too
    await bot.say('c-joint', 'u-liaison', '/建议 附件 JY-2026-001');
    await bot.say('c-joint', 'u-liaison', '', { attachments: [{ name: '附件清单.pdf', data: pdf('清单') }] });
    await bot.say('c-joint', 'u-liaison', '/跳过');
    expect(await bot.answer('c-joint', 'u-liaison', '确认')).toContain(
      '已把 1 个文件作为 JY-2026-001 的检察建议书发给示例县市场监督管理局',
    );
    expect((await bot.botSays('c-scj')).filter((m) => m.attachments?.length)).toHaveLength(2);
    const listed = await bot.answer('c-scj', 'u-scj', '/附件 JY-2026-001');
    expect(listed).toContain('1. 检察建议书.pdf（检察建议书）');
    expect(listed).toContain('2. 附件清单.pdf（检察建议书）');
    expect(await bot.answer('c-scj', 'u-scj', '/建议 附件 JY-2026-001')).toContain('您没有权限');
  });
});

// A clue nobody accepts: its acknowledge reminder, its overdue notice to the supervisor
// group and its escalation to the leaders go out exactly once each, with the real
// `liandong start` killed with SIGKILL (kill -9) after each of them and started again.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai } from '../support/bot.js';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbUrl } from '../support/db.js';

let bot: ChildBot | undefined;
afterEach(() => {
  bot?.stop();
  bot = undefined;
});

describe('a clue never accepted, across kill -9', () => {
  it('gets its acknowledge reminder, overdue notice and escalation exactly once each', async () => {
    bot = await startChild(await freshDbUrl(), '2026-06-01T10:00:00+08:00');
    const b = bot;
    // the judicial bureau refers a public-interest clue to the procuratorate (5 working days to accept: 06-08)
    expect(await b.answer('c-sfj', 'u-sfj', '/线索 新建 类别=公益诉讼 来源=执法检查 摘要="化工厂夜间偷排"')).toContain(
      '已登记线索 XS-2026-001，移送示例县人民检察院',
    );
    const botSays = (chat: string) => b.botSays(chat);

    const counts = async () => ({
      reminder: (await botSays('c-joint'))
        .filter((m) => m.text.includes('尚未受理，受理期限 2026-06-08'))
        .map((m) => shanghai(m.createdAt).slice(0, 10)),
      overdue: (await botSays('c-supervisor'))
        .filter((m) => m.text.startsWith('【督办】'))
        .map((m) => shanghai(m.createdAt).slice(0, 10)),
      escalation: (await botSays('c-leaders'))
        .filter((m) => m.text.startsWith('【提级督办】'))
        .map((m) => shanghai(m.createdAt).slice(0, 10)),
    });

    await b.advance(4); // 06-05 10:00: the working day before the limit
    await b.kill9();
    expect(await counts()).toEqual({ reminder: ['2026-06-05'], overdue: [], escalation: [] });

    await b.advance(4); // 06-09 10:00: the first working day after it
    await b.kill9();
    expect(await counts()).toEqual({ reminder: ['2026-06-05'], overdue: ['2026-06-09'], escalation: [] });
    expect((await botSays('c-sfj')).map((m) => m.text).join('\n')).toContain(
      '示例县人民检察院逾期未受理（受理期限 2026-06-08），已报督办群',
    );

    await b.advance(7); // 06-16 10:00: five working days after the notice
    await b.kill9();
    await b.advance(30);
    await b.kill9();
    expect(await counts()).toEqual({ reminder: ['2026-06-05'], overdue: ['2026-06-09'], escalation: ['2026-06-16'] });
    expect((await botSays('c-leaders')).find((m) => m.text.startsWith('【提级督办】'))!.text).toContain(
      '线索 XS-2026-001（公益诉讼）逾期通知发出 5 个工作日后，示例县人民检察院仍未受理',
    );
  }, 120_000);
});

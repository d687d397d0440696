// The reminder the working day before a joint meeting: sent on Friday 11-13 for a meeting on
// Monday 11-16, it must not say 明天/明日 — it names the day. The day before a Friday meeting
// (Thursday), the next calendar day, it says 明天: "将于 明天 2026-11-20（周五）".
import { afterEach, describe, expect, it } from 'vitest';
import { type Msg, shanghai, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const reminders = async (b: TestBot, code: string): Promise<Msg[]> =>
  (await b.botSays('c-scj')).filter((m) => m.text.startsWith('【会议提醒】') && m.text.includes(code));

describe('the reminder the working day before a meeting', () => {
  it('names the day, never 明天, when a weekend lies between (Friday for Monday) and when it does not', async () => {
    bot = await startBot({ start: '2026-11-02T10:00:00+08:00' });
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-11-16 主题=专题会议')).toContain(
      '已安排专题会议 HY-2026-001《专题会议》：2026-11-16（周一）',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-11-20 主题=第二次专题会议')).toContain(
      '已安排专题会议 HY-2026-002《第二次专题会议》：2026-11-20（周五）',
    );
    await bot.advance({ to: '2026-11-13T12:00:00+08:00' });
    const [friday] = await reminders(bot, 'HY-2026-001');
    expect(shanghai(friday!.createdAt).slice(0, 10)).toBe('2026-11-13');
    expect(friday!.text).toContain('联席会议 HY-2026-001《专题会议》将于 2026-11-16（周一）09:30 召开');
    expect(friday!.text).not.toMatch(/明天|明日/);
    expect(friday!.card!.title).toBe('联席会议即将召开 HY-2026-001（2026-11-16）');

    await bot.advance({ to: '2026-11-19T12:00:00+08:00' });
    const [thursday] = await reminders(bot, 'HY-2026-002');
    expect(shanghai(thursday!.createdAt).slice(0, 10)).toBe('2026-11-19');
    // the next calendar day: 明天
    expect(thursday!.text).toContain('将于 明天 2026-11-20（周五）09:30 召开');
    expect(thursday!.card!.title).toBe('联席会议明日召开 HY-2026-002（2026-11-20）');
  });
});

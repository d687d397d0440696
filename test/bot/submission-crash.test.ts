// A 报送 on the real `liandong start`, killed with SIGKILL (kill -9) after each of its jobs and started
// again: the reminders to the unit that has not sent, the collection (summary and workbook to the
// collector) and the nudge each go out exactly once; a sending before a kill is kept.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai } from '../support/bot.js';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbUrl } from '../support/db.js';

let bot: ChildBot | undefined;
afterEach(() => {
  bot?.stop();
  bot = undefined;
});

describe('a 报送 across kill -9', () => {
  it('reminds, collects and nudges exactly once each, and loses no sending', async () => {
    bot = await startChild(await freshDbUrl(), '2026-06-01T10:00:00+08:00');
    const b = bot;
    // due Friday 06-05: reminders 06-02 and 06-04, the collection Monday 06-08
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/报送 新建 主题=典型案例 截止=2026-06-05 单位=市场监管局,住建局 内容=培训',
      ),
    ).toContain('BS-2026-001');
    await b.answer('c-scj', 'u-scj', '/报送 填报 BS-2026-001');
    await b.answer('c-scj', 'u-scj', '张敏 副局长');
    expect(await b.answer('c-scj', 'u-scj', '确认')).toContain('按期');
    await b.kill9();
    const days = async (chat: string, mark: string) =>
      (await b.botSays(chat)).filter((m) => m.text.includes(mark)).map((m) => shanghai(m.createdAt).slice(0, 10));

    await b.advance(1); // 06-02
    await b.kill9();
    await b.advance(2); // 06-04
    await b.kill9();
    expect(await days('c-zjj', '【报送提醒】')).toEqual(['2026-06-02', '2026-06-04']);
    expect(await days('c-scj', '【报送提醒】')).toEqual([]);

    await b.advance(4); // 06-08: the collection
    await b.kill9();
    await b.advance(3);
    await b.kill9();
    expect(await days('dm:u-liaison', '【报送汇总】')).toEqual(['2026-06-08']);
    expect(await days('c-zjj', '【催报】')).toEqual(['2026-06-08']);
    const summary = (await b.botSays('dm:u-liaison')).find((m) => m.text.includes('【报送汇总】'))!;
    expect(summary.text).toContain('应报 2 个单位：按期 1 个，逾期 0 个，未报 1 个');
    expect(
      (await b.botSays('dm:u-liaison')).flatMap((m) => m.attachments ?? []).filter((a) => a.name.endsWith('.xlsx')),
    ).toHaveLength(1);
  }, 120_000);
});

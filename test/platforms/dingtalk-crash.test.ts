// The real `liandong start` on DingTalk (the REAL Stream SDK against test/support/dingtalk-fake.ts),
// killed with SIGKILL: what DingTalk delivered while it was dead arrives on the next connection
// and is answered once; what it had sent before is not sent again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbFile } from '../support/db.js';
import { FakeDingtalk } from '../support/dingtalk-fake.js';

const ROSTER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/roster-dingtalk.yaml');
const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const fake = new FakeDingtalk();
let bot: ChildBot | undefined;
afterAll(async () => {
  bot?.stop();
  await fake.stop();
});

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(fake.sent.map((m) => m.text ?? m.card?.params.title)).slice(0, 600)}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

const say = (chat: string, user: string, text: string, msgId: string) =>
  fake.push(TOPIC_ROBOT, {
    msgId,
    conversationType: '2',
    conversationId: chat,
    senderStaffId: user,
    senderNick: user,
    createAt: Date.now(),
    msgtype: 'text',
    text: { content: ` ${text}` },
  });

describe('DingTalk: kill -9', () => {
  it('answers once what DingTalk delivered while the process was dead, and sends nothing twice', async () => {
    const base = await fake.start();
    bot = await startChild(freshDbFile(), '2026-09-01T10:00:00+08:00', {
      LIANDONG_PLATFORM: 'dingtalk,sandbox',
      LIANDONG_ROSTER: ROSTER,
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_API_URL: base,
      DINGTALK_OAPI_URL: base,
      DINGTALK_CARD_TEMPLATE_ID: 'tpl-liandong.schema',
      DINGTALK_RECONNECT_MS: '20',
    });
    await until('the stream', () => fake.online === 1);
    say('cidJoint==', 'liming01', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01', 'm1');
    await until('the notice card', () => fake.cardsTo('cidScj==').length === 1);
    await until('the answer', () => fake.textsTo('cidJoint==').some((t) => t.includes('已登记检察建议 JY-2026-001')));
    // the last sends are marked in the database (a kill between a send and its mark would send it again)
    await new Promise((r) => setTimeout(r, 500));
    const sentBefore = fake.sent.length;

    await bot.kill9(false);
    await until('the stream to drop', () => fake.online === 0);
    // said while the bot is dead: DingTalk keeps it unacknowledged for the next connection
    say(
      'cidJoint==',
      'liming01',
      '/建议 新建 单位=市场监管局 标题=关于农贸市场计量器具的检察建议 送达=2026-09-01',
      'm2',
    );
    await bot.kill9(true); // started again on the same database
    const second = (t: string) => t.includes('已登记检察建议 JY-2026-002');
    await until('the answer after the restart', () => fake.textsTo('cidJoint==').some(second));
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.unacked.size).toBe(0);
    expect(fake.textsTo('cidJoint==').filter(second)).toHaveLength(1);
    // nothing sent before the kill went again: each notice card once
    expect(fake.cardsTo('cidScj==').map((c) => c.params.title)).toEqual([
      '检察建议送达通知 JY-2026-001',
      '检察建议送达通知 JY-2026-002',
    ]);
    expect(fake.sent.slice(0, sentBefore).every((m) => !JSON.stringify(m).includes('JY-2026-002'))).toBe(true);
    expect(fake.sent.filter((m) => JSON.stringify(m).includes('已登记检察建议 JY-2026-001'))).toHaveLength(1);
  }, 60_000);
});

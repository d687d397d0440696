// Two processes' Apps on one PostgreSQL database receive the same event (a platform's
// retry landing on the other process behind a load balancer), and the same card click:
// each acts once. Two bots in this process, each with its own connection pool.
import { describe, expect, it } from 'vitest';
import type { Incoming } from '../../src/chat/messages.js';
import { openDb } from '../../src/store/db.js';
import { InboxWriter, unprocessedInbox } from '../../src/store/platform-inbox.js';
import { incoming as incomingMessage, twoBots } from '../support/bot.js';
import { freshPostgresUrl } from '../support/db.js';

/** as it comes from the sandbox page, whose cards are forms */
const incoming = (over: Partial<Incoming>) => incomingMessage({ cardForms: true, ...over });

describe('the same event at two processes', () => {
  it('registers once and answers once, and a card clicked once opens one form', async () => {
    const [a, b] = await twoBots({ start: '2026-09-01T10:00:00+08:00' });

    const register = incoming({
      eventId: 'ev-register',
      text: '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01',
    });
    const results = await Promise.all([a.rt.app.receive(register), b.rt.app.receive({ ...register })]);
    expect(results.every((r) => r.ok !== undefined)).toBe(true);
    expect(await a.rt.db.matter.count()).toBe(1);
    await a.rt.app.dispatcher.flush();
    await b.rt.app.dispatcher.flush();
    expect((await a.botSays('c-joint')).filter((m) => m.text.includes('已登记检察建议 JY-2026-001'))).toHaveLength(1);
    expect((await a.botSays('c-scj')).filter((m) => m.text.includes('JY-2026-001'))).toHaveLength(1);

    // the notice card's 填写整改反馈, clicked once, delivered to both
    const [notice] = await a.botSays('c-scj');
    const click = incoming({
      eventId: 'ev-click',
      chatId: 'c-scj',
      senderId: 'u-scj',
      text: notice!.card!.buttons[0]!.command,
      action: { command: notice!.card!.buttons[0]!.command },
      cardMessageId: notice!.id,
    });
    await Promise.all([a.rt.app.receive(click), b.rt.app.receive({ ...click })]);
    expect(await a.rt.db.formSession.count()).toBe(1);
    await a.rt.app.dispatcher.flush();
    await b.rt.app.dispatcher.flush();
    const group = (await a.botSays('c-scj')).map((m) => m.text);
    // one form begun, its first question asked once
    expect(group.filter((t) => t.includes('开始填写《整改反馈》'))).toHaveLength(1);
    expect(group.filter((t) => t.includes('第 1 项'))).toHaveLength(1);
    expect(
      await a.rt.db.inboundEvent.count({ where: { key: { in: ['sandbox:ev-register', 'sandbox:ev-click'] } } }),
    ).toBe(2);
  });

  it('stores a webhook event once when two processes receive its retries at once', async () => {
    const url = await freshPostgresUrl();
    const [a, b] = [await openDb(url), await openDb(url)];
    try {
      const [wa, wb] = [new InboxWriter(a), new InboxWriter(b)];
      const at = new Date('2026-09-01T02:00:00Z');
      const events = Array.from({ length: 50 }, (_, i) => `ev-${i}`);
      // every event reaches both processes at the same moment (Feishu retried it to the other)
      const fresh = await Promise.all(
        events.flatMap((e) => [wa.store('lark', e, { e }, at), wb.store('lark', e, { e }, at)]),
      );
      for (let i = 0; i < events.length; i++)
        expect([fresh[2 * i], fresh[2 * i + 1]].filter(Boolean), events[i]).toHaveLength(1);
      expect(await unprocessedInbox(a, 'lark')).toHaveLength(50);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
    }
  });

  it('answers double clicks that reach two processes as one click each: one form, and a plain word for the second', async () => {
    const [a, b] = await twoBots({ start: '2026-09-01T10:00:00+08:00' });
    const units = [
      ['市场监管局', 'scj'],
      ['自然资源局', 'zrzy'],
      ['生态环境局', 'sthj'],
      ['住建局', 'zjj'],
      ['农业农村局', 'nyj'],
      ['应急局', 'yjj'],
    ] as const;
    for (const [unit] of units)
      await a.answer('c-joint', 'u-liaison', `/建议 新建 单位=${unit} 标题=关于${unit}的检察建议 送达=2026-09-01`);
    await a.rt.app.dispatcher.flush();
    // in each unit's group, its officer clicks 填写整改反馈 twice: two events, one at each process, at once
    const clicks = await Promise.all(
      units.map(async ([, id]) => {
        const [notice] = await a.botSays(`c-${id}`);
        const button = notice!.card!.buttons[0]!.command;
        const click = (eventId: string) =>
          incoming({
            eventId,
            chatId: `c-${id}`,
            senderId: `u-${id}`,
            text: button,
            action: { command: button },
            cardMessageId: notice!.id,
          });
        return Promise.all([a.rt.app.receive(click(`${id}-1`)), b.rt.app.receive(click(`${id}-2`))]);
      }),
    );
    await a.rt.app.dispatcher.flush();
    await b.rt.app.dispatcher.flush();
    expect(clicks.flat().every((r) => r.ok)).toBe(true);
    expect(await a.rt.db.formSession.count()).toBe(units.length);
    for (const [, id] of units) {
      const said = (await a.botSays(`c-${id}`)).map((m) => m.text);
      expect(
        said.filter((t) => t.includes('开始填写《整改反馈》')),
        id,
      ).toHaveLength(1);
      // the second is told the form is open (and shown its question again), not given an apology
      expect(
        said.filter((t) => t.includes('您已在填写《整改反馈》')),
        id,
      ).toHaveLength(1);
    }
  });

  it('asks about a double registration that reaches two processes as two events, instead of registering twice', async () => {
    const [a, b] = await twoBots({ start: '2026-09-01T10:00:00+08:00' });
    const text = '/建议 新建 单位=市场监管局 标题=关于农贸市场计量的检察建议 送达=2026-09-01';
    // a double send: two events, one at each process, at the same moment, from two chats (the joint
    // group and the direct chat): one person's turns run one after another, so the second sees the first
    await Promise.all([
      a.rt.app.receive(incoming({ eventId: 'ev-first', text })),
      b.rt.app.receive(incoming({ eventId: 'ev-second', text, chatId: 'dm:u-liaison', isDirect: true })),
    ]);
    expect(await a.rt.db.matter.count()).toBe(1);
    await a.rt.app.dispatcher.flush();
    await b.rt.app.dispatcher.flush();
    const said = [...(await a.botSays('c-joint')), ...(await a.botSays('dm:u-liaison'))].map((m) => m.text);
    expect(said.filter((t) => t.includes('已登记检察建议 JY-2026-001'))).toHaveLength(1);
    expect(said.filter((t) => t.includes('是否重复登记'))).toHaveLength(1);
  });
});

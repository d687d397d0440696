// The pipeline's guards, the outbox dispatcher and the scheduler, on a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/bot/core/app.js';
import { parseFormDef } from '../../src/bot/core/forms/definition.js';
import { loadFormFiles, loadPrompts } from '../../src/bot/core/prompts.js';
import { FAMILIES } from '../../src/bot/families.js';
import { type PlatformAdapter, SendError } from '../../src/chat/adapter.js';
import type { Outgoing } from '../../src/chat/messages.js';
import { loadCalendar } from '../../src/config/calendar-source.js';
import { readConfig } from '../../src/config/env.js';
import { readRosterFile } from '../../src/config/roster.js';
import { silentLogger } from '../../src/log.js';
import { backoffMs } from '../../src/outbox/dispatcher.js';
import { RateLimiter } from '../../src/outbox/rate-limit.js';
import { DEMO_ROSTER } from '../../src/runtime.js';
import { SimulatedClock } from '../../src/schedule/clock.js';
import { type Db, openDb } from '../../src/store/db.js';
import { planJob } from '../../src/store/jobs.js';
import { enqueue } from '../../src/store/outbox.js';
import { applyRoster } from '../../src/store/roster.js';
import { setSetting } from '../../src/store/settings.js';
import { incoming, shanghai, startBot, type TestBot } from '../support/bot.js';
import { freshDb } from '../support/db.js';
import { recordingScheduler } from '../support/scheduler.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** An adapter that records what it sent and fails on demand. */
class RecordingAdapter implements PlatformAdapter {
  readonly platform = 'sandbox';
  readonly limits = { perChatPerSecond: 4, globalPerSecond: 40, globalPerMinute: 900 };
  sent: Array<{ key: string; message: Outgoing }> = [];
  failuresLeft = 0;
  async send(message: Outgoing, key: string) {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new SendError('rate limited', true);
    }
    this.sent.push({ key, message });
    return { messageId: `msg-${this.sent.length}` };
  }
}

async function makeApp(db: Db, clock: SimulatedClock, adapter: PlatformAdapter, prompts = loadPrompts()) {
  const config = readConfig({ LIANDONG_PLATFORM: 'sandbox', LIANDONG_HOLIDAYS_FILE: '/nonexistent.json' });
  await applyRoster(db, readRosterFile(DEMO_ROSTER));
  return new App({
    db,
    clock,
    config,
    calendar: loadCalendar(),
    prompts,
    forms: loadFormFiles().map(parseFormDef),
    log: silentLogger,
    adapters: [adapter],
    families: FAMILIES,
  });
}

/** A fresh database, a simulated clock at 2026-09-01 10:00 Shanghai, a recording adapter, and the App. */
async function setup(prompts = loadPrompts()) {
  const { db } = await freshDb();
  cleanups.push(() => db.$disconnect());
  const clock = new SimulatedClock(new Date('2026-09-01T02:00:00Z'));
  const adapter = new RecordingAdapter();
  const app = await makeApp(db, clock, adapter, prompts);
  return { db, clock, adapter, app };
}

describe('inbound guards', () => {
  it('handles an event delivered twice once, and drops a message older than 10 minutes', async () => {
    const { adapter, app } = await setup();
    await app.receive(incoming({ eventId: 'ev-1' }));
    await app.receive(incoming({ eventId: 'ev-1' }));
    expect(adapter.sent).toHaveLength(1);
    await app.receive(incoming({ eventId: 'ev-2', sentAt: new Date('2026-09-01T01:49:00Z') }));
    expect(adapter.sent).toHaveLength(1);
    await app.receive(incoming({ eventId: 'ev-3', sentAt: new Date('2026-09-01T01:51:00Z') }));
    expect(adapter.sent).toHaveLength(2);
  });

  it('rolls back a turn that fails half-way and answers with an apology, not a crash', async () => {
    const real = loadPrompts();
    const { db, adapter, app } = await setup(real.withOverrides({ 'matter.registered': '已登记 {code}，{nope}' }));
    await app.receive(incoming({ text: '/建议 新建 单位=市场监管局 标题=X 送达=2026-09-01' }));
    expect(await db.matter.count()).toBe(0);
    expect(await db.scheduledJob.count()).toBe(0);
    expect(adapter.sent.map((s) => s.message.text)).toEqual([real.render('error.internal')]);
  });
});

describe('outbox dispatcher', () => {
  it('retries a failed send with backoff, keeping a chat’s order, and sends each message once', async () => {
    const { db, clock, adapter, app } = await setup();
    const msg = (chatId: string, text: string): Outgoing => ({ platform: 'sandbox', to: { chatId }, text });
    await enqueue(db, [
      { key: 'a1', message: msg('c-a', 'A1'), at: clock.now() },
      { key: 'a2', message: msg('c-a', 'A2'), at: clock.now() },
      { key: 'b1', message: msg('c-b', 'B1'), at: clock.now() },
    ]);
    adapter.failuresLeft = 2;
    await app.dispatcher.flush();
    // A1 failed (A2 waits behind it); B1 failed too
    expect(adapter.sent).toHaveLength(0);
    const row = await db.outboxMessage.findUnique({ where: { idempotencyKey: 'a1' } });
    expect(row!.attempts).toBe(1);
    expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(backoffMs(1));
    await app.scheduler.advanceTo(new Date(clock.now().getTime() + 60_000), clock);
    expect(adapter.sent.map((s) => s.message.text)).toEqual(['A1', 'A2', 'B1']);
    // queuing the same key again sends nothing new
    await enqueue(db, [{ key: 'a1', message: msg('c-a', 'A1 again'), at: clock.now() }]);
    await app.dispatcher.flush();
    expect(adapter.sent).toHaveLength(3);
  });

  it('gives up on a message the platform refuses for good, and says so in the row', async () => {
    const { db, clock, adapter, app } = await setup();
    adapter.send = async () => {
      throw new SendError('chat not found', false);
    };
    await enqueue(db, [
      { key: 'x', message: { platform: 'sandbox', to: { chatId: 'gone' }, text: 'x' }, at: clock.now() },
    ]);
    await app.dispatcher.flush();
    expect(await db.outboxMessage.findUnique({ where: { idempotencyKey: 'x' } })).toMatchObject({
      state: 'dead',
      lastError: 'chat not found',
    });
  });

  it('limits a chat to 4 messages a second and the app to 900 a minute', () => {
    const limiter = new RateLimiter({ perChatPerSecond: 4, globalPerSecond: 40, globalPerMinute: 900 });
    for (let i = 0; i < 4; i++) {
      expect(limiter.delayFor('c', 1000)).toBe(0);
      limiter.record('c', 1000);
    }
    expect(limiter.delayFor('c', 1000)).toBe(1001);
    expect(limiter.delayFor('other', 1000)).toBe(0);
    expect(limiter.delayFor('c', 2000)).toBe(1); // exactly one second later is still inside the window
    expect(limiter.delayFor('c', 2001)).toBe(0);
  });

  it('never lets any closed one-second window hold more than 4 messages to one chat', () => {
    const limiter = new RateLimiter({ perChatPerSecond: 4, globalPerSecond: 45, globalPerMinute: 900 });
    const sent: number[] = [];
    let now = 0;
    for (let i = 0; i < 200; i++) {
      now += limiter.delayFor('c', now);
      now += i % 7; // sends take a little, varying time
      limiter.record('c', now);
      sent.push(now);
    }
    for (let i = 4; i < sent.length; i++) expect(sent[i]! - sent[i - 4]!).toBeGreaterThan(1000);
    // and the pace stays close to the limit: 200 messages in a little over 50 s
    expect(sent.at(-1)!).toBeLessThan(53_000);
  });

  it('the sandbox returns the stored message for a repeated idempotency key', async () => {
    const bot = await startBot();
    cleanups.push(() => bot.stop());
    const out: Outgoing = { platform: 'sandbox', to: { chatId: 'c-joint' }, text: '一次' };
    const first = await bot.rt.sandbox!.adapter.send(out, 'same-key');
    const second = await bot.rt.sandbox!.adapter.send(out, 'same-key');
    expect(second.messageId).toBe(first.messageId);
    expect((await bot.botSays('c-joint')).filter((m) => m.text === '一次')).toHaveLength(1);
  });
});

/** Stops the bot and starts it again as if it had been down until `iso`. */
async function downUntil(bot: TestBot, iso: string): Promise<TestBot> {
  await bot.stop();
  const db = await openDb(bot.url);
  await setSetting(db, 'clock.simulated', new Date(iso).toISOString());
  await db.$disconnect();
  const restarted = await startBot({ url: bot.url });
  cleanups.push(() => restarted.stop());
  return restarted;
}

describe('scheduler', () => {
  it('after downtime fires what fell due once, folding older reminders into the latest', async () => {
    let bot: TestBot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题=X 送达=2026-09-01');
    // the process was down from 09-01 to Friday 10-30 10:00 (T-7 on 10-22, T-3 on 10-28, T-1 on 10-30 09:0x all passed)
    bot = await downUntil(bot, '2026-10-30T10:00:00+08:00');
    const reminders = (await bot.botSays('c-scj')).filter((m) => m.text.startsWith('【到期提醒】'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain('还剩 1 个工作日');
    expect(shanghai(reminders[0]!.createdAt)).toBe('2026-10-30 10:00');
    const jobs = await bot.rt.db.scheduledJob.findMany({ where: { kind: 'reminder' }, orderBy: { dueAt: 'asc' } });
    expect(jobs.map((j) => j.state)).toEqual(['superseded', 'superseded', 'done', 'pending']);
  });

  it('fires a day’s due jobs as a batch, and when one job breaks the batch, the others still go once', async () => {
    const bot: TestBot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    try {
      for (const org of ['市场监管局', '应急局', '住建局'])
        await bot.say('c-joint', 'u-liaison', `/建议 新建 单位=${org} 标题=批量 送达=2026-09-01 期限=15日`);
      // one matter's row is broken behind the bot's back: its jobs throw when fired
      const broken = await bot.rt.db.matter.findFirstOrThrow({
        where: { responsibleOrg: { name: '示例县应急管理局' } },
      });
      await bot.rt.db.$executeRawUnsafe(`UPDATE "Matter" SET "kind" = 'no-such-kind' WHERE "id" = ?`, broken.id);
      await bot.advance({ days: 20 });
      const overdue = async (chat: string) =>
        (await bot.botSays(chat)).filter((m) => m.text.startsWith('【逾期通知】'));
      expect(await overdue('c-scj')).toHaveLength(1);
      expect(await overdue('c-zjj')).toHaveLength(1);
      expect(await overdue('c-yjj')).toHaveLength(0);
      // the broken one is kept and retried, not lost and not marked done
      expect(
        await bot.rt.db.scheduledJob.count({ where: { matterId: broken.id, kind: 'overdue', state: 'pending' } }),
      ).toBe(1);
    } finally {
      await bot.stop();
    }
  });

  it('holds a notice that fell due during downtime until office hours', async () => {
    let bot: TestBot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题=X 送达=2026-09-01 期限=15日');
    // back up at 22:00 on Friday 09-18, after the due date (09-16): the overdue notice waits for
    // the next office-hours start, Sunday 09-20, a day worked by 调休
    bot = await downUntil(bot, '2026-09-18T22:00:00+08:00');
    expect((await bot.botSays('c-scj')).filter((m) => !m.text.startsWith('【检察建议】'))).toHaveLength(0);
    await bot.advance({ days: 3 });
    const overdue = (await bot.botSays('c-scj')).filter((m) => m.text.startsWith('【逾期通知】'));
    expect(overdue.map((m) => shanghai(m.createdAt))).toEqual(['2026-09-20 09:00']);
  });

  it('plans a key once: a sent notice is never planned again, a cancelled one is', async () => {
    const { db } = await setup();
    const dueAt = new Date('2026-09-02T01:01:00Z');
    expect(await planJob(db, { kind: 'reminder', key: 'k-sent', dueAt })).toBe(true);
    expect(await planJob(db, { kind: 'reminder', key: 'k-sent', dueAt })).toBe(false);
    await db.scheduledJob.update({ where: { idempotencyKey: 'k-sent' }, data: { state: 'done' } });
    expect(await planJob(db, { kind: 'reminder', key: 'k-sent', dueAt })).toBe(false);
    await planJob(db, { kind: 'reminder', key: 'k-cancelled', dueAt });
    await db.scheduledJob.update({ where: { idempotencyKey: 'k-cancelled' }, data: { state: 'cancelled' } });
    expect(await planJob(db, { kind: 'reminder', key: 'k-cancelled', dueAt })).toBe(true);
    expect((await db.scheduledJob.findUnique({ where: { idempotencyKey: 'k-cancelled' } }))?.state).toBe('pending');
  });

  it('with the real clock, node-schedule wakes the process at the earliest pending row', async () => {
    const { db } = await freshDb();
    cleanups.push(() => db.$disconnect());
    const fired: string[] = [];
    const scheduler = recordingScheduler(db, fired);
    cleanups.push(async () => scheduler.stop());
    await planJob(db, { kind: 'test', key: 'soon', dueAt: new Date(Date.now() + 150) });
    await planJob(db, { kind: 'test', key: 'later', dueAt: new Date(Date.now() + 3600_000) });
    await scheduler.arm();
    await expect.poll(() => fired, { timeout: 5000, interval: 50 }).toEqual(['soon']);
  });
});

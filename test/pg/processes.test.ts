// Three `liandong start` processes on one PostgreSQL database, in sandbox mode paced as
// Feishu is (SANDBOX_PACE=lark: 4 messages a second to a chat), on the simulated clock
// they share through the database. 200 recommendations are registered through all three,
// their reminders and overdue notices fall due, and the process that is sending is killed
// with SIGKILL in the middle of the overdue wave. Read back from the database: every
// notice once, each chat's messages in order, never more than 4 in a second to a chat,
// and the wave finished by the processes left.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildBot, startChild } from '../support/child.js';
import { freshPostgresUrl } from '../support/db.js';

const UNITS = ['市场监管局', '自然资源局', '生态环境局', '住建局', '农业农村局', '应急局'];
const N = 200;

let bots: ChildBot[] = [];
let client: pg.Client | undefined;
afterAll(async () => {
  for (const b of bots) b.stop();
  await client?.end();
});

async function until(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('three processes on one PostgreSQL database', () => {
  it('send every notice once, in order, paced, and finish the wave after the sender is killed', async () => {
    const url = await freshPostgresUrl();
    client = new pg.Client({ connectionString: url });
    await client.connect();
    const q = async <T extends pg.QueryResultRow>(sql: string, args: unknown[] = []) =>
      (await client!.query<T>(sql, args)).rows;
    // each notice its own message here (not combined: README「工作方式」), to see 200 of them paced and taken over
    const env = { SANDBOX_PACE: 'lark', DATABASE_POOL: '4', NOTICE_COMBINE_AT: '1000', GROUP_NOTICES_PER_DAY: '1000' };
    // the first loads the demo roster; the others start on it
    bots.push(await startChild(url, '2026-10-26T10:00:00+08:00', env));
    bots.push(...(await Promise.all([1, 2].map(() => startChild(url, '2026-10-26T10:00:00+08:00', env)))));

    // 200 registrations, through the three processes at once
    await Promise.all(
      bots.map(async (bot, b) => {
        for (let i = b; i < N; i += 3) {
          const unit = UNITS[i % UNITS.length]!;
          const r = await bot.api('POST', '/api/chats/c-joint/messages', {
            senderId: 'u-liaison',
            text: `/建议 新建 单位=${unit} 标题=第${i + 1}号检察建议 送达=2026-09-01 期限=2个月`,
          });
          expect(r.messageId).toBeTruthy();
        }
      }),
    );
    const matters = await q<{ code: string; chatId: string }>(
      `SELECT m."code", c."chatId" FROM "Matter" m JOIN "ChatBinding" c ON c."orgId" = m."responsibleOrgId" AND c."purpose" = 'agency' ORDER BY m."code"`,
    );
    const codes = matters.map((r) => r.code);
    expect(codes).toHaveLength(N);
    expect(new Set(codes).size).toBe(N);
    expect(codes.at(-1)).toBe('JY-2026-200');

    // the reminders: all three move the shared clock to one moment at once
    await Promise.all(bots.map((b) => b.api('POST', '/api/clock/advance', { to: '2026-11-02T10:00:00+08:00' })));
    const pending = async () =>
      Number((await q<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "state" = 'pending'`))[0]!.n);
    await until('the reminders to be sent', async () => (await pending()) === 0);

    // the overdue wave; the sender is killed in its middle
    const sender = async () => {
      const rows = await q<{ app: string }>(
        `SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND a.application_name LIKE 'liandong-sender-sandbox-%'`,
      );
      return rows[0] ? Number(rows[0].app.split('-').at(-1)) : undefined;
    };
    const supervised = async () =>
      Number(
        (
          await q<{ n: string }>(
            `SELECT count(*) AS n FROM "SandboxMessage" WHERE "chatId" = 'c-supervisor' AND "text" LIKE '【督办】%'`,
          )
        )[0]!.n,
      );
    // the sender is stopped mid-wave, however fast the wave runs: the 31st notice to the 督办群
    // waits (in a trigger) on a lock this test holds, and the sender is killed while it waits
    const HOLD = 31;
    await q(`SELECT pg_advisory_lock(7, ${HOLD})`);
    await q(`CREATE FUNCTION hold_wave() RETURNS trigger AS $$
      BEGIN
        IF NEW."chatId" = 'c-supervisor' AND (SELECT count(*) FROM "SandboxMessage" WHERE "chatId" = 'c-supervisor' AND "text" LIKE '【督办】%') >= ${HOLD - 1}
          THEN PERFORM pg_advisory_xact_lock_shared(7, ${HOLD}); END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await q(`CREATE TRIGGER hold_wave BEFORE INSERT ON "SandboxMessage" FOR EACH ROW EXECUTE FUNCTION hold_wave()`);
    const advancing = bots.map((b) =>
      b.api('POST', '/api/clock/advance', { to: '2026-11-03T10:00:00+08:00' }).catch(() => undefined),
    );
    await until('the overdue wave to reach the hold', async () => (await supervised()) >= HOLD - 1);
    const atKill = await supervised();
    const killedPid = await sender();
    const victim = bots.find((b) => b.pid() === killedPid);
    expect(victim).toBeDefined();
    await victim!.kill9(false);
    // let go before the trigger is dropped (dropping it waits for the insert that waits on the lock)
    await q(`SELECT pg_advisory_unlock(7, ${HOLD})`);
    await q('DROP TRIGGER hold_wave ON "SandboxMessage"');
    expect(atKill).toBe(HOLD - 1);
    bots = bots.filter((b) => b !== victim);
    await Promise.all(advancing);
    // another process takes over the sending, on the same simulated moment (the clock is not moved)
    await until('another process to take over', async () => ((await sender()) ?? killedPid) !== killedPid);
    await until('the wave to go on', async () => (await supervised()) > atKill);
    // what the dead process had claimed is free again: the others fire it at their next look
    await Promise.all(bots.map((b) => b.api('POST', '/api/clock/advance', { minutes: 1 })));
    await until('the wave to finish after the kill', async () => (await pending()) === 0 && (await supervised()) === N);
    const newSender = await sender();
    expect(newSender).not.toBe(killedPid);
    expect(bots.map((b) => b.pid())).toContain(newSender);

    const msgs = await q<{ chatId: string; text: string; createdAt: Date; seq: number; idempotencyKey: string | null }>(
      `SELECT "chatId","text","createdAt","seq","idempotencyKey" FROM "SandboxMessage" WHERE "fromBot" AND "updatesId" IS NULL ORDER BY "seq"`,
    );
    // every notice exactly once: per matter, one overdue notice to its unit, one to the 督办群, one due-day notice
    for (const { code, chatId: chat } of matters) {
      const inUnit = msgs.filter((m) => m.chatId === chat && m.text.includes(code));
      expect(
        inUnit.filter((m) => m.text.startsWith('【逾期通知】')),
        code,
      ).toHaveLength(1);
      expect(
        inUnit.filter((m) => m.text.startsWith('【今日到期】')),
        code,
      ).toHaveLength(1);
      expect(inUnit.filter((m) => m.text.startsWith('【到期提醒】')).length, code).toBeGreaterThanOrEqual(1);
      expect(
        // the 督办 (the 督办群 also has the copy of the recommendation, 【抄送】, from its registration)
        msgs.filter((m) => m.chatId === 'c-supervisor' && m.text.includes(code) && m.text.startsWith('【督办】')),
        code,
      ).toHaveLength(1);
    }
    // each on its day: no process's move of the shared clock pushed another's notices to the next morning
    const day = (m: { createdAt: Date }) => new Date(m.createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(new Set(msgs.filter((m) => m.text.startsWith('【今日到期】')).map(day))).toEqual(new Set(['2026-11-02']));
    expect(
      new Set(msgs.filter((m) => m.text.startsWith('【逾期通知】') || m.text.startsWith('【督办】')).map(day)),
    ).toEqual(new Set(['2026-11-03']));
    // nothing said twice anywhere: no two messages of a chat alike
    const seen = new Set<string>();
    for (const m of msgs) {
      const key = `${m.chatId}\n${m.text}`;
      expect(seen.has(key), m.text.slice(0, 60)).toBe(false);
      seen.add(key);
    }

    // each chat's messages in the order they were queued: for every matter, what was said
    // of it in a chat came in the order the bot decided it (answers to two people's commands
    // in one group may interleave as their transactions commit; a matter's notices never do)
    const queued = new Map(
      (
        await q<{ idempotencyKey: string; createdAt: Date; id: string }>(
          `SELECT "idempotencyKey","createdAt","id" FROM "OutboxMessage"`,
        )
      ).map((r) => [r.idempotencyKey, r]),
    );
    const byChat = new Map<string, typeof msgs>();
    for (const m of msgs) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m]);
    let ordered = 0;
    for (const [chat, list] of byChat) {
      for (const code of codes) {
        const mine = list.filter((m) => m.text.includes(code)).map((m) => queued.get(m.idempotencyKey!)!);
        for (let i = 1; i < mine.length; i++) {
          const [a, b] = [mine[i - 1]!, mine[i]!];
          expect(
            a.createdAt < b.createdAt || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id),
            `${chat} ${code} #${i}`,
          ).toBe(true);
          ordered++;
        }
      }
      // never more than 4 in a second to one chat (closed window: the 5th is more than 1,000 ms after the 1st)
      const times = list.map((m) => m.createdAt.getTime());
      for (let i = 4; i < times.length; i++)
        expect(times[i]! - times[i - 4]!, `${chat} messages ${i - 4}..${i}`).toBeGreaterThan(1000);
    }
    expect(ordered).toBeGreaterThan(3 * N);
    // the wave went on after the kill: the supervisor group heard the rest from another process
    expect(await supervised()).toBe(N);
  }, 600_000);

  it('hand the sending to another process when the sender freezes (SIGSTOP), and the frozen one stops sending when it wakes', async () => {
    const url = await freshPostgresUrl();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const holder = async () => {
        const r = await c.query<{ app: string }>(
          `SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND a.application_name LIKE 'liandong-sender-sandbox-%'`,
        );
        return r.rows[0] ? Number(r.rows[0].app.split('-').at(-1)) : undefined;
      };
      const first = await startChild(url, '2026-10-26T10:00:00+08:00');
      const second = await startChild(url, '2026-10-26T10:00:00+08:00');
      bots.push(first, second);
      await until('a sender', async () => (await holder()) !== undefined);
      const sending = await holder();
      const frozen = [first, second].find((b) => b.pid() === sending)!;
      const live = frozen === first ? second : first;
      process.kill(frozen.pid(), 'SIGSTOP');
      try {
        // the server ends the frozen sender's silent session (idle_session_timeout 15 s); the other takes the lock
        await until('the other process to take over', async () => (await holder()) === live.pid(), 60_000);
        expect(await live.answer('c-joint', 'u-liaison', '/帮助')).toContain('可用命令');
      } finally {
        process.kill(frozen.pid(), 'SIGCONT');
      }
      // awake again, it is not the sender: a command there is answered once, by the live one
      const before = (await live.botSays('c-joint')).length;
      await frozen.api('POST', '/api/chats/c-joint/messages', { senderId: 'u-liaison', text: '/帮助' });
      await until('the answer', async () => (await live.botSays('c-joint')).length === before + 1, 30_000);
      expect(await holder()).toBe(live.pid());
    } finally {
      await c.end();
    }
  }, 120_000);
});

// Two `liandong start` processes on one PostgreSQL database, both configured for WeCom against
// the fake long connection (test/support/wecom-fake.ts), with the REAL SDK in each. WeCom keeps
// one connection per robot: only the process elected as WeCom's sender connects; the other
// stands by. The holder is killed with SIGKILL: the other connects, and what is said after is
// answered once, what was sent before is not sent again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildBot, startChild } from '../support/child.js';
import { freshPostgresUrl } from '../support/db.js';
import { FakeWecom } from '../support/wecom-fake.js';

const ROSTER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/roster-wecom.yaml');
const fake = new FakeWecom();
const bots: ChildBot[] = [];
let client: pg.Client | undefined;
afterAll(async () => {
  for (const b of bots) b.stop();
  await client?.end();
  await fake.stop();
});

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WeCom with two processes on one PostgreSQL database', () => {
  it('connects from the elected sender only, and from the other once the sender is killed', async () => {
    const url = await freshPostgresUrl();
    const wsUrl = await fake.start();
    const env = {
      LIANDONG_PLATFORM: 'wecom,sandbox',
      LIANDONG_ROSTER: ROSTER,
      WECOM_BOT_ID: fake.botId,
      WECOM_BOT_SECRET: fake.secret,
      WECOM_WS_URL: wsUrl,
      WECOM_RECONNECT_MS: '20',
      DATABASE_POOL: '4',
    };
    bots.push(await startChild(url, '2026-09-01T10:00:00+08:00', env));
    bots.push(await startChild(url, '2026-09-01T10:00:00+08:00', env));
    client = new pg.Client({ connectionString: url });
    await client.connect();
    const holder = async () => {
      const rows = (
        await client!.query<{ app: string }>(
          `SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'liandong-sender-wecom-%'`,
        )
      ).rows;
      return rows[0] ? Number(rows[0].app.split('-').at(-1)) : undefined;
    };

    await until('one connection', () => fake.connected === 1);
    // the other process stays off: a second subscription would have WeCom close the first
    await new Promise((r) => setTimeout(r, 3000));
    expect(fake.connected).toBe(1);
    expect(fake.subscribes).toBe(1);

    fake.text({
      chat: 'wr_joint',
      user: 'LiMing',
      text: '@联动机器人 /建议 新建 单位=市场监管局 标题=甲 送达=2026-09-01',
      at: new Date(),
    });
    await until('the notice card', () => fake.cardsTo('wr_scj').length === 1);
    expect(fake.textsTo('wr_joint').join('\n')).toContain('已登记检察建议 JY-2026-001');

    const pid = await holder();
    const sender = bots.find((b) => b.pid() === pid)!;
    expect(sender).toBeDefined();
    await sender.kill9(false);
    await until('the other process to connect', () => fake.connected === 1 && fake.subscribes === 2);
    const other = bots.find((b) => b !== sender)!;
    expect(await holder()).toBe(other.pid());

    fake.text({
      chat: 'wr_joint',
      user: 'LiMing',
      text: '@联动机器人 /建议 新建 单位=市场监管局 标题=乙 送达=2026-09-01',
      at: new Date(),
    });
    await until('the second notice card', () => fake.cardsTo('wr_scj').length === 2);
    await new Promise((r) => setTimeout(r, 1000));
    const titles = fake.cardsTo('wr_scj').map((c) => c.main_title.title);
    expect(titles).toEqual(['检察建议送达通知 JY-2026-001', '检察建议送达通知 JY-2026-002']);
    expect(fake.textsTo('wr_joint').filter((t) => t.includes('已登记检察建议'))).toHaveLength(2);
    expect(fake.subscribes).toBe(2);
  }, 120_000);
});

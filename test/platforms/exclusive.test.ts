// An exclusive platform (WeCom: one long connection per robot) held by its elected sender
// (src/platforms/exclusive.ts): the REAL WeCom platform and SDK against the fake long
// connection, with an election this test turns by hand. A process that is not the sender
// does not connect; elected, it connects and works through what the sender before it stored;
// losing the election, it gives the connection up, and takes it up again when elected again.
import { afterEach, describe, expect, it } from 'vitest';
import { loadPrompts } from '../../src/bot/core/prompts.js';
import type { Incoming } from '../../src/chat/messages.js';
import { readConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import type { Leadership } from '../../src/outbox/leader.js';
import { heldBySender } from '../../src/platforms/exclusive.js';
import type { Inbound, Platform } from '../../src/platforms/platform.js';
import { wecomPlatform } from '../../src/platforms/wecom/index.js';
import { RealClock } from '../../src/schedule/clock.js';
import { InboxWriter } from '../../src/store/platform-inbox.js';
import { freshDb } from '../support/db.js';
import { FakeWecom, wecomEnv } from '../support/wecom-fake.js';

/** An election turned by the test: `win` and `lose` as the PostgreSQL lock would. */
class HandElection implements Leadership {
  held = false;
  private won: Array<(won: boolean) => void> = [];
  private lost: Array<() => void> = [];
  acquire = async () => this.held;
  onTurn = (l: (won: boolean) => void) => void this.won.push(l);
  onLost = (l: () => void) => void this.lost.push(l);
  nudge = async () => undefined;
  stop = async () => undefined;
  win() {
    this.held = true;
    for (const l of this.won) l(true);
  }
  lose() {
    this.held = false;
    for (const l of this.lost) l();
  }
}

const fake = new FakeWecom();
let platform: Platform<unknown> | undefined;
afterEach(async () => {
  await platform?.stop();
  await fake.stop();
});

const wait = async (what: string, check: () => boolean) => {
  await expect.poll(check, { interval: 10, timeout: 5000, message: what }).toBe(true);
};

describe('an exclusive platform with several processes', () => {
  it('connects only while this process is the sender, and catches up on what was stored before', async () => {
    const wsUrl = await fake.start();
    const { db, file } = await freshDb();
    const config = readConfig(wecomEnv({ file, wsUrl, fake }));
    const deps = { db, clock: new RealClock(), log: silentLogger, prompts: loadPrompts(), sleep: async () => {} };
    const got: string[] = [];
    const door: Inbound = {
      receive: async (i: Incoming) => {
        got.push(i.text);
        return { ok: true };
      },
      announce: async () => undefined,
      flush: async () => 0,
    };
    const election = new HandElection();
    platform = heldBySender('wecom', await wecomPlatform.create(config, deps), election, silentLogger);

    await platform.start(door);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.subscribes).toBe(0); // another process is the sender

    // the sender before this one stored a frame and died before processing it
    const stored = {
      cmd: 'aibot_msg_callback',
      headers: { req_id: 'r0' },
      body: fake.textBody({ chat: 'wr_joint', user: 'LiMing', text: '@联动机器人 /帮助 旧', at: new Date() }),
    };
    await new InboxWriter(db).store('wecom', stored.body.msgid, stored, new Date());

    election.win();
    await wait('connected', () => fake.connected === 1);
    await wait('the stored frame processed', () => got.includes('/帮助 旧'));
    fake.text({ chat: 'wr_joint', user: 'LiMing', text: '@联动机器人 /帮助 一', at: new Date() });
    await wait('a new frame processed', () => got.includes('/帮助 一'));

    election.lose();
    await wait('the connection given up', () => fake.connected === 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.subscribes).toBe(1); // and not reconnecting behind the new sender's back

    election.win();
    await wait('connected again', () => fake.connected === 1 && fake.subscribes === 2);
    fake.text({ chat: 'wr_joint', user: 'LiMing', text: '@联动机器人 /帮助 二', at: new Date() });
    await wait('processed after reconnecting', () => got.includes('/帮助 二'));
    expect(got.filter((t) => t.startsWith('/帮助'))).toEqual(['/帮助 旧', '/帮助 一', '/帮助 二']);
    await db.$disconnect();
  });
});

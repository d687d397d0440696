// One connection, one writer: a write issued outside a transaction while an interactive
// transaction is open must never become part of it (issue 9: the inbox row that the
// webhook stores before answering 200 was rolled back with an unrelated failing command).
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { raw, transaction } from '../../src/store/lane.js';
import { InboxWriter } from '../../src/store/platform-inbox.js';
import type { Tx } from '../../src/store/tx.js';
import { freshDb } from '../support/db.js';

let db: Db | undefined;

/** Reads how many settings there are, waits a moment, and adds one named by that count: two at once would collide. */
async function addCounted(tx: Tx, i: number): Promise<void> {
  const n = await tx.setting.count();
  await new Promise((r) => setTimeout(r, 1));
  await tx.setting.create({ data: { key: `k${n}`, value: String(i) } });
}

/** A moment one side waits for and the other announces. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((r) => (fire = r));
  return { fire, fired };
}
afterEach(async () => {
  await db?.$disconnect();
  db = undefined;
});

describe('the single SQLite connection', () => {
  it('keeps a write made outside a transaction that rolls back meanwhile', async () => {
    ({ db } = await freshDb());
    const d = db!;
    const inside = signal();
    const goOn = signal();
    const failing = d
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: 'inside-the-failing-turn', value: '1' } });
        inside.fire();
        await goOn.fired; // an unrelated command is still running…
        throw new Error('the command failed'); // …and rolls back
      })
      .catch((e: Error) => e.message);
    await inside.fired;
    // meanwhile the webhook stores an event and answers 200
    const stored = new InboxWriter(d).store('lark', 'ev-1', { hello: 1 }, new Date());
    setTimeout(goOn.fire, 20);
    expect(await failing).toBe('the command failed');
    expect(await stored).toBe(true);
    expect(await d.platformInbox.count()).toBe(1);
    expect(await d.setting.count({ where: { key: 'inside-the-failing-turn' } })).toBe(0);
  });

  it('runs transactions one after another, each whole', async () => {
    ({ db } = await freshDb());
    const d = db!;
    await Promise.all(Array.from({ length: 20 }, (_, i) => d.$transaction((tx) => addCounted(tx, i))));
    expect(await d.setting.count()).toBe(20); // no two read the same count
  });

  it('stores webhook events by group commit: each once, a retry (even in the same batch) not fresh', async () => {
    ({ db } = await freshDb());
    const inbox = new InboxWriter(db!);
    const at = new Date();
    const results = await Promise.all([
      ...Array.from({ length: 300 }, (_, i) => inbox.store('lark', `e${i}`, { i }, at)),
      inbox.store('lark', 'e7', { again: true }, at), // Feishu's retry while the first is being written
    ]);
    expect(results.filter(Boolean)).toHaveLength(300);
    expect(results.at(-1)).toBe(false);
    expect(await inbox.store('lark', 'e8', {}, at)).toBe(false);
    expect(await db!.platformInbox.count()).toBe(300);
    expect(JSON.parse((await db!.platformInbox.findUniqueOrThrow({ where: { key: 'lark:e7' } })).payload)).toEqual({
      i: 7,
    });
  });

  // the fast lane (src/store/lane.ts): the turn's own BEGIN … COMMIT on the connection
  it('in the fast lane too: a write made outside a transaction that rolls back meanwhile is kept, the transaction’s writes are not', async () => {
    ({ db } = await freshDb());
    const d = db!;
    const inside = signal();
    const goOn = signal();
    const failing = transaction(d, async (tx) => {
      await tx.setting.create({ data: { key: 'by-prisma', value: '1' } });
      await raw(tx).run(`INSERT INTO "Setting" ("key","value","updatedAt") VALUES (?,?,?)`, 'by-raw', '1', new Date());
      inside.fire();
      await goOn.fired;
      throw new Error('the command failed');
    }).catch((e: Error) => e.message);
    await inside.fired;
    const stored = new InboxWriter(d).store('lark', 'ev-1', { hello: 1 }, new Date());
    const outsideRaw = raw(d).run(
      `INSERT INTO "Setting" ("key","value","updatedAt") VALUES (?,?,?)`,
      'outside',
      '1',
      new Date(),
    );
    setTimeout(goOn.fire, 20);
    expect(await failing).toBe('the command failed');
    expect(await stored).toBe(true);
    expect(await outsideRaw).toBe(1);
    expect((await d.setting.findMany()).map((s) => s.key)).toEqual(['outside']);
    expect(await d.platformInbox.count()).toBe(1);
  });

  it('in the fast lane, runs transactions one after another (with Prisma transactions among them), each whole', async () => {
    ({ db } = await freshDb());
    const d = db!;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 ? transaction(d, (tx) => addCounted(tx, i)) : d.$transaction((tx) => addCounted(tx, i)),
      ),
    );
    expect(await d.setting.count()).toBe(30);
  });

  it('in the fast lane, a Prisma write that needs its own transaction is a savepoint, rolled back with the whole', async () => {
    ({ db } = await freshDb());
    const d = db!;
    const failing = transaction(d, async (tx) => {
      // an upsert and a nested create: Prisma runs each in a transaction of its own
      await tx.setting.upsert({ where: { key: 'a' }, create: { key: 'a', value: '1' }, update: { value: '2' } });
      const org = await tx.org.create({
        data: { name: '某局', kind: 'agency', members: { create: { name: '张三', roles: '[]' } } },
      });
      expect(await tx.member.count({ where: { orgId: org.id } })).toBe(1);
      throw new Error('no');
    }).catch((e: Error) => e.message);
    expect(await failing).toBe('no');
    expect(await d.setting.count()).toBe(0);
    expect(await d.org.count()).toBe(0);
    // and one that succeeds keeps both
    await transaction(d, async (tx) => {
      await tx.setting.upsert({ where: { key: 'a' }, create: { key: 'a', value: '1' }, update: { value: '2' } });
      await tx.org.create({
        data: { name: '某局', kind: 'agency', members: { create: { name: '张三', roles: '[]' } } },
      });
    });
    expect(await d.member.count()).toBe(1);
  });

  it('in the fast lane, a transaction past its time limit is rolled back, frees the connection, and its late statements fail', async () => {
    ({ db } = await freshDb());
    const d = db!;
    let late: Promise<unknown> | undefined;
    const slow = transaction(
      d,
      async (tx) => {
        await tx.setting.create({ data: { key: 'slow', value: '1' } });
        await new Promise((r) => setTimeout(r, 200));
        late = tx.setting.create({ data: { key: 'late', value: '1' } }).catch((e: Error) => e.message);
        await late;
      },
      { timeout: 50, maxWait: 50 },
    ).catch((e: Error) => e.message);
    // the next transaction does not wait for the slow one
    await new Promise((r) => setTimeout(r, 80));
    await transaction(d, (tx) => tx.setting.create({ data: { key: 'next', value: '1' } }));
    expect(await slow).toMatch(/longer than 50 ms/);
    expect(String(await late)).toMatch(/has ended/);
    expect((await d.setting.findMany()).map((s) => s.key)).toEqual(['next']);
  });

  it('in the fast lane, the client used inside a transaction instead of the transaction fails at once, not a deadlock', async () => {
    ({ db } = await freshDb());
    const d = db!;
    const r = await transaction(d, async () => raw(d).run(`DELETE FROM "Setting"`)).catch((e: Error) => e.message);
    expect(r).toMatch(/outside the transaction/);
  });
});

// One connection, one writer: a write issued outside a transaction while an interactive
// transaction is open must never become part of it (issue 9: the inbox row that the
// webhook stores before answering 200 was rolled back with an unrelated failing command).
import { afterEach, describe, expect, it } from 'vitest';
import { InboxWriter } from '../../src/store/platform-inbox.js';
import type { Db } from '../../src/store/db.js';
import { freshDb } from '../support/db.js';

let db: Db | undefined;
afterEach(async () => {
  await db?.$disconnect();
  db = undefined;
});

describe('the single SQLite connection', () => {
  it('keeps a write made outside a transaction that rolls back meanwhile', async () => {
    ({ db } = await freshDb());
    const d = db!;
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    let goOn!: () => void;
    const wait = new Promise<void>((r) => (goOn = r));
    const failing = d
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: 'inside-the-failing-turn', value: '1' } });
        inside();
        await wait; // an unrelated command is still running…
        throw new Error('the command failed'); // …and rolls back
      })
      .catch((e: Error) => e.message);
    await opened;
    // meanwhile the webhook stores an event and answers 200
    const stored = new InboxWriter(d).store('lark', 'ev-1', { hello: 1 }, new Date());
    setTimeout(goOn, 20);
    expect(await failing).toBe('the command failed');
    expect(await stored).toBe(true);
    expect(await d.platformInbox.count()).toBe(1);
    expect(await d.setting.count({ where: { key: 'inside-the-failing-turn' } })).toBe(0);
  });

  it('runs transactions one after another, each whole', async () => {
    ({ db } = await freshDb());
    const d = db!;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        d.$transaction(async (tx) => {
          const n = await tx.setting.count();
          await new Promise((r) => setTimeout(r, 1));
          await tx.setting.create({ data: { key: `k${n}`, value: String(i) } });
        }),
      ),
    );
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
    expect(JSON.parse((await db!.platformInbox.findUniqueOrThrow({ where: { key: 'lark:e7' } })).payload)).toEqual({ i: 7 });
  });
});

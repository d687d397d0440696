// The sender changes hands (PostgreSQL advisory lock): the new sender counts what the
// old one sent in the past second, so a chat never gets more than 4 messages a second
// across the change. Two bots in this process on one database, the simulated clock shared.
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/store/outbox.js';
import { twoBots } from '../support/bot.js';

const note = (i: number, at: Date) => ({
  key: `test:${i}`,
  message: { platform: 'sandbox', to: { chatId: 'c-joint' }, text: `第${i}条` },
  at,
});

describe('a change of sender', () => {
  it('keeps the 4-a-second limit of a chat across the change', async () => {
    const [first, second] = await twoBots({ start: '2026-10-26T10:00:00+08:00', env: { SANDBOX_PACE: 'lark' } });
    expect(await first.rt.app.dispatcher.flush()).toBeGreaterThanOrEqual(0); // the first holds the lock

    const t0 = first.rt.clock.now();
    await enqueue(
      first.rt.db,
      [1, 2, 3, 4].map((i) => note(i, t0)),
    );
    expect(await first.rt.app.dispatcher.flush()).toBe(4);
    expect(await second.rt.app.dispatcher.flush()).toBe(0); // not the sender: it only tells the sender

    // the first stops (its lock connection closes); four more wait for the same chat
    await first.stop();
    await enqueue(
      second.rt.db,
      [5, 6, 7, 8].map((i) => note(i, t0)),
    );
    let sent = 0;
    for (let i = 0; i < 100 && sent < 4; i++) {
      sent += await second.rt.app.dispatcher.flush();
      if (sent < 4) await new Promise((r) => setTimeout(r, 100));
    }
    expect(sent).toBe(4);

    const times = (await second.messages('c-joint'))
      .filter((m) => /^第\d条$/.test(m.text))
      .map((m) => ({ n: Number(m.text.slice(1, -1)), t: Date.parse(m.createdAt) }));
    expect(times.map((m) => m.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // the first four at once, the next only once a second has passed since them
    expect(times[3]!.t - times[0]!.t).toBeLessThan(1000);
    expect(times[4]!.t - times[0]!.t).toBeGreaterThan(1000);
  });

  it('shows every process the same simulated time, moved by any of them', async () => {
    const [a, b] = await twoBots({ start: '2026-10-26T10:00:00+08:00' });
    expect((await b.request('GET', '/api/clock')).body.now).toBe('2026-10-26T02:00:00.000Z');
    expect((await a.advance({ days: 1 })).status).toBe(200);
    expect((await b.request('GET', '/api/clock')).body.now).toBe('2026-10-27T02:00:00.000Z');
    // a move from the other process starts from the shared time, not from its own
    expect((await b.advance({ minutes: 1 })).status).toBe(200);
    expect((await a.request('GET', '/api/clock')).body.now).toBe('2026-10-27T02:01:00.000Z');
    // both moving to one moment at once end there, not at the sum of their moves
    const to = '2026-10-30T10:00:00+08:00';
    const moves = await Promise.all([a.advance({ to }), b.advance({ to })]);
    expect(moves.map((r) => r.status)).toEqual([200, 200]);
    expect((await a.request('GET', '/api/clock')).body.now).toBe('2026-10-30T02:00:00.000Z');
    expect((await b.request('GET', '/api/clock')).body.now).toBe('2026-10-30T02:00:00.000Z');
  });
});

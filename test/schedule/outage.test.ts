// The scheduler after a database error, with the real clock: a reminder that falls due while the
// database refuses every statement is sent once the database is back — without a new message or a
// restart — and only once. (The alarm used to go unset after a failed run: nothing fired until
// something new was scheduled or the process restarted.) The outage is an injected error: every
// raw statement the scheduler's store calls make fails while `down` is set.
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { planJob } from '../../src/store/jobs.js';
import { freshDb } from '../support/db.js';
import { recordingScheduler } from '../support/scheduler.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The database, and a switch that makes every raw statement fail as a locked or absent database does. */
function outage(db: Db): { db: Db; down: (on: boolean) => void } {
  let isDown = false;
  const failing = new Proxy(db, {
    get(target, prop, receiver) {
      if (isDown && (prop === '$queryRawUnsafe' || prop === '$executeRawUnsafe'))
        return () => Promise.reject(new Error('SQLITE_BUSY: database is locked'));
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: failing as Db, down: (on) => void (isDown = on) };
}

async function schedulerOn(db: Db, fired: string[]) {
  const scheduler = recordingScheduler(db, fired);
  cleanups.push(() => scheduler.stop());
  return scheduler;
}

describe('the scheduler across a database outage (real clock)', () => {
  it('fires a job that fell due during the outage once the database is back, once', async () => {
    const { db: real } = await freshDb();
    cleanups.push(() => real.$disconnect());
    const { db, down } = outage(real);
    const fired: string[] = [];
    const scheduler = await schedulerOn(db, fired);
    await planJob(real, { kind: 'test', key: 'due-in-outage', dueAt: new Date(Date.now() + 200) });
    await scheduler.arm();
    down(true); // the alarm goes off at +200 ms into a database that refuses everything
    await new Promise((r) => setTimeout(r, 900));
    expect(fired).toEqual([]);
    down(false);
    // the run retries by itself (1 s, then 2 s …): no message, no new job, no restart
    await expect.poll(() => fired, { timeout: 6000, interval: 50 }).toEqual(['due-in-outage']);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fired).toEqual(['due-in-outage']);
    expect((await real.scheduledJob.findFirstOrThrow()).state).toBe('done');
  });

  it('sets its alarm again when the database could not say when the next job is', async () => {
    const { db: real } = await freshDb();
    cleanups.push(() => real.$disconnect());
    const { db, down } = outage(real);
    const fired: string[] = [];
    const scheduler = await schedulerOn(db, fired);
    await planJob(real, { kind: 'test', key: 'after-a-failed-arm', dueAt: new Date(Date.now() + 300) });
    down(true);
    await scheduler.arm(); // never throws: a turn that scheduled something calls it after committing
    down(false);
    await expect.poll(() => fired, { timeout: 6000, interval: 50 }).toEqual(['after-a-failed-arm']);
  });
});

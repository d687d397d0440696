// The scheduler across a PostgreSQL outage, on the real clock (issue 20, item 5): a cluster of this
// test's own (not the shared one other files use) is stopped before a job falls due and started
// again after; the job fires once the server is back — no message, no restart — and only once.
import { afterEach, describe, expect, it } from 'vitest';
import { pauseCluster, resumeCluster, startCluster, stopCluster } from '../../scripts/pg-throwaway.mjs';
import { migrateDeploy, openDb } from '../../src/store/db.js';
import { planJob } from '../../src/store/jobs.js';
import { recordingScheduler } from '../support/scheduler.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the scheduler across a PostgreSQL outage (real clock)', () => {
  it('fires a job that fell due while the server was stopped, once it is back, once', async () => {
    const cluster = startCluster();
    cleanups.push(() => stopCluster(cluster.dir));
    await migrateDeploy(cluster.url);
    const db = await openDb(cluster.url);
    cleanups.push(() => db.$disconnect());
    const fired: string[] = [];
    const scheduler = recordingScheduler(db, fired);
    cleanups.push(() => scheduler.stop());
    await planJob(db, { kind: 'test', key: 'due-in-outage', dueAt: new Date(Date.now() + 1500) });
    await scheduler.arm();
    pauseCluster(cluster.dir); // the alarm goes off into a server that is not there
    await sleep(3000);
    expect(fired).toEqual([]);
    resumeCluster(cluster);
    // the run retries by itself (1 s, then 2 s …, at most a minute)
    await expect.poll(() => fired, { timeout: 40_000, interval: 100 }).toEqual(['due-in-outage']);
    await sleep(1500);
    expect(fired).toEqual(['due-in-outage']);
    expect((await db.scheduledJob.findFirstOrThrow()).state).toBe('done');
  }, 90_000);
});

// A scheduler on the real clock whose jobs only record that they fired (their keys, in order) and
// mark themselves done: for tests of when the scheduler wakes, and of what it does after an outage.
import { silentLogger } from '../../src/log.js';
import { RealClock } from '../../src/schedule/clock.js';
import { type JobRow, Scheduler } from '../../src/schedule/scheduler.js';
import type { Db } from '../../src/store/db.js';

export function recordingScheduler(db: Db, fired: string[]): Scheduler {
  return new Scheduler({
    db,
    clock: new RealClock(),
    log: silentLogger,
    fire: async (job: JobRow) => {
      fired.push(job.idempotencyKey);
      await db.scheduledJob.update({ where: { id: job.id }, data: { state: 'done' } });
      return undefined;
    },
    dispatch: async () => 0,
    platforms: () => [],
  });
}

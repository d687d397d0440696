// The scheduler: the database holds every future action as a row with a due time;
// node-schedule is only the alarm clock that wakes the process at the earliest one.
// After a restart the rows are re-read and what fell due meanwhile fires once, in order.
import schedule from 'node-schedule';
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { countFailedAttempt, dueJobs, finishJobs, nextPendingJob, retryJobAt } from '../store/jobs.js';
import { nextRetryAt } from '../store/outbox.js';
import type { Clock, SimulatedClock } from './clock.js';

export interface JobRow {
  id: string;
  kind: string;
  matterId: string | null;
  dueAt: Date;
  idempotencyKey: string;
  payload: string;
}

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** does what a job says, in one transaction with marking it done; resolves 1 when another process holds it */
  fire: (job: JobRow) => Promise<number | undefined>;
  /**
   * does what a batch of jobs says, in one transaction (each job once); throws to fall
   * back to fire. Resolves with how many of them another process is firing (PostgreSQL).
   */
  fireBatch?: (jobs: JobRow[]) => Promise<number | undefined>;
  /** sends what is in the outbox */
  dispatch: () => Promise<unknown>;
  /** platforms whose outbox retries also wake the scheduler */
  platforms: () => string[];
}

/**
 * Of the jobs due now, those made pointless by a later due job of the same matter:
 * an older reminder when a newer reminder or the overdue notice is also due
 * (after downtime, only the latest word about a matter is sent).
 */
export function supersededJobs(jobs: JobRow[]): Set<string> {
  const out = new Set<string>();
  const latest = new Map<string, JobRow>();
  // reminder | clue_reminder …, and the overdue notices and escalations they lead to
  const isReminder = (kind: string) => kind === 'reminder' || kind.endsWith('_reminder');
  const isLater = (kind: string) => /(^|_)(overdue|escalation)$/.test(kind);
  for (const j of jobs) {
    if (!j.matterId || !isReminder(j.kind)) continue;
    const prev = latest.get(j.matterId);
    if (prev) out.add(prev.id);
    latest.set(j.matterId, j);
  }
  for (const j of jobs) {
    if (j.matterId && isLater(j.kind)) {
      const r = latest.get(j.matterId);
      if (r && r.dueAt <= j.dueAt) out.add(r.id);
    }
  }
  return out;
}

/** A failed job's next try: 1 minute after the first failure, doubling, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export class Scheduler {
  private alarm: schedule.Job | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /** runs in a row that failed, and the timer of the next try */
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: SchedulerOptions) {}

  /** Fires everything due now (in order), sends the outbox, and sets the next alarm. */
  runDue(): Promise<void> {
    const run = this.chain.then(() => this.runDueNow());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * One run; a run that fails (the database down or out of connections) tries again by itself,
   * 1 s after the first failure, doubling up to a minute, so that nothing due waits for the next
   * message or a restart. What fell due meanwhile fires once when the database is back.
   */
  private async runDueNow(): Promise<void> {
    try {
      await this.fireDue();
      await this.opts.dispatch();
      await this.armNow();
      this.failures = 0;
    } catch (err) {
      this.failed(err);
      throw err;
    }
  }

  /** A run or an alarm that failed: logged once per failure, and tried again after a growing wait. */
  private failed(err: unknown): void {
    this.failures++;
    const wait = Math.min(1000 * 2 ** (this.failures - 1), 60_000);
    this.opts.log.error(
      {
        failures: this.failures,
        retryInSeconds: wait / 1000,
        error: String((err as Error)?.message ?? err).slice(0, 200),
      },
      'scheduler run failed; trying again',
    );
    this.retryIn(wait);
  }

  /** A run again after `ms`, whatever the clock (the simulated one too: what is due now is still due). */
  private retryIn(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.runDue().catch(() => undefined), ms);
    this.retry.unref?.();
  }

  /** Fires everything due now, in order, batch after batch. */
  private async fireDue(): Promise<void> {
    const { db, clock, log } = this.opts;
    await clock.sync?.();
    for (;;) {
      const jobs = (await dueJobs(db, clock.now())) as JobRow[];
      if (jobs.length === 0) break;
      const superseded = supersededJobs(jobs);
      if (superseded.size) {
        await finishJobs(db, [...superseded], 'superseded', clock.now());
        log.info({ jobs: superseded.size }, 'reminders folded into later ones');
      }
      const batch = jobs.filter((j) => !superseded.has(j.id));
      let fired = false;
      let heldElsewhere = 0;
      if (this.opts.fireBatch && batch.length > 1) {
        try {
          heldElsewhere = (await this.opts.fireBatch(batch)) ?? 0;
          fired = true;
        } catch (err) {
          log.warn(
            { jobs: batch.length, error: String((err as Error).message).slice(0, 200) },
            'a batch of jobs failed; firing them one by one',
          );
        }
      }
      if (!fired)
        for (const job of batch) {
          try {
            heldElsewhere += (await this.opts.fire(job)) ?? 0;
          } catch (err) {
            // a job that throws is retried later, ever less often: not lost, and not looping hot
            const attempts = await countFailedAttempt(db, job.id);
            const wait = retryDelayMs(attempts);
            log.error(
              {
                job: job.idempotencyKey,
                attempts,
                retryInMinutes: wait / 60_000,
                error: String((err as Error).message).slice(0, 200),
              },
              'job failed; retrying later',
            );
            await retryJobAt(db, job.id, new Date(clock.now().getTime() + wait));
          }
        }
      // every one of them is being fired by another process: it finishes them (the alarm looks again)
      if (heldElsewhere > 0 && heldElsewhere >= batch.length) break;
      if (jobs.length < 100) {
        // a failed job moved a minute ahead; anything still due now was added while firing
        const again = await dueJobs(db, clock.now(), 1);
        if (again.length === 0) break;
      }
    }
  }

  /** The earliest moment anything is due: a job, or an outbox retry. */
  async nextWake(): Promise<Date | undefined> {
    const job = await nextPendingJob(this.opts.db);
    const retry = await nextRetryAt(this.opts.db, this.opts.platforms());
    const times = [job?.dueAt, retry].filter((t): t is Date => t instanceof Date);
    return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined;
  }

  /**
   * Sets the alarm for the next wake (real clock only; the simulated clock is advanced by hand).
   * Never throws: when the database cannot say when that is, a run is tried again shortly.
   */
  async arm(): Promise<void> {
    try {
      await this.armNow();
    } catch (err) {
      this.failed(err);
    }
  }

  private async armNow(): Promise<void> {
    if (this.opts.clock.simulated || this.stopped) return;
    const next = await this.nextWake();
    this.alarm?.cancel();
    this.alarm = undefined;
    if (!next) return;
    const at = new Date(Math.max(next.getTime(), Date.now() + 50));
    this.alarm = schedule.scheduleJob(
      at,
      // a failed run has logged and set its own retry
      () => void this.runDue().catch(() => undefined),
    );
  }

  /**
   * Simulated clock: moves time forward to `to`, firing everything due in between in
   * order, each at its own moment; resolves when all of it is sent.
   */
  async advanceTo(
    to: Date,
    clock: SimulatedClock,
    onStep: (now: Date) => Promise<void> = async () => {},
  ): Promise<void> {
    let stuckAt: number | undefined;
    for (;;) {
      const next = await this.nextWake();
      if (!next || next > to) break;
      // something due now that a run could not move (a platform that cannot send): go on
      if (next <= clock.now()) {
        if (stuckAt === next.getTime()) break;
        stuckAt = next.getTime();
      }
      // persisted first: a step the database refused does not move the clock in memory
      await onStep(next);
      clock.set(next);
      await this.runDue();
    }
    await onStep(to);
    clock.set(to);
    await this.runDue();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.alarm?.cancel();
    this.alarm = undefined;
  }
}

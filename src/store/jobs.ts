// Scheduled jobs: every future action is a row with a due time (DESIGN.md).
import type { Tx } from './tx.js';

export interface JobInput {
  kind: string;
  key: string;
  dueAt: Date;
  matterId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Plans a job once. A key that was done (sent) or superseded is left as it is, so
 * re-planning never sends a notice twice; a key that was cancelled by an earlier
 * change of plan is planned again. Returns true when the job is (again) pending.
 */
export async function planJob(db: Tx, job: JobInput): Promise<boolean> {
  const existing = await db.scheduledJob.findUnique({ where: { idempotencyKey: job.key } });
  if (existing?.state === 'cancelled') {
    await db.scheduledJob.update({ where: { id: existing.id }, data: { state: 'pending', dueAt: job.dueAt, payload: JSON.stringify(job.payload ?? {}) } });
    return true;
  }
  if (existing) return false;
  await db.scheduledJob.create({
    data: { kind: job.kind, idempotencyKey: job.key, dueAt: job.dueAt, matterId: job.matterId ?? null, payload: JSON.stringify(job.payload ?? {}) },
  });
  return true;
}

/** Moves a pending job to a new time (a form's idle timeout after each answer). */
export async function reschedulePending(db: Tx, key: string, dueAt: Date): Promise<void> {
  await db.scheduledJob.updateMany({ where: { idempotencyKey: key, state: 'pending' }, data: { dueAt } });
}

/** Cancels a matter's pending jobs of the given kinds. */
export async function cancelPendingJobs(db: Tx, matterId: string, kinds: string[]): Promise<number> {
  return (await db.scheduledJob.updateMany({ where: { matterId, state: 'pending', kind: { in: kinds } }, data: { state: 'cancelled' } })).count;
}

export async function dueJobs(db: Tx, now: Date, limit = 100) {
  return db.scheduledJob.findMany({ where: { state: 'pending', dueAt: { lte: now } }, orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }], take: limit });
}

export async function nextPendingJob(db: Tx) {
  return db.scheduledJob.findFirst({ where: { state: 'pending' }, orderBy: { dueAt: 'asc' } });
}

/** Marks a pending job finished; false when another worker got there first. */
export async function finishJob(db: Tx, id: string, state: 'done' | 'cancelled' | 'superseded', at: Date): Promise<boolean> {
  return (await db.scheduledJob.updateMany({ where: { id, state: 'pending' }, data: { state, firedAt: at } })).count === 1;
}


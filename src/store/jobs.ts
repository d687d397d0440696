// Scheduled jobs: every future action is a row with a due time (DESIGN.md).

import { raw } from './lane.js';
import { chunks, isPostgres, orderedId, placeholders, sqlTime } from './sql.js';
import type { Tx } from './tx.js';

export interface JobInput {
  kind: string;
  key: string;
  dueAt: Date;
  matterId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Plans jobs, in one statement. A key that was done (sent) or superseded is left as it
 * is, so re-planning never sends a notice twice; a key that was cancelled by an earlier
 * change of plan is planned again (revived) with its new time.
 */
export async function planJobs(db: Tx, jobs: JobInput[], at: Date): Promise<number> {
  let planned = 0;
  const columns = ['id', 'kind', 'matterId', 'dueAt', 'idempotencyKey', 'state', 'payload', 'createdAt'];
  for (const part of chunks(jobs, columns.length)) {
    const values = part.flatMap((j) => [
      orderedId(),
      j.kind,
      j.matterId ?? null,
      sqlTime(j.dueAt),
      j.key,
      'pending',
      JSON.stringify(j.payload ?? {}),
      sqlTime(at),
    ]);
    planned += await raw(db).run(
      `INSERT INTO "ScheduledJob" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${placeholders(part.length, columns.length)}
       ON CONFLICT ("idempotencyKey") DO UPDATE SET "state" = 'pending', "dueAt" = excluded."dueAt", "payload" = excluded."payload"
       WHERE "ScheduledJob"."state" = 'cancelled'`,
      ...values,
    );
  }
  return planned;
}

/** Plans one job (see planJobs); true when it is (again) pending. */
export async function planJob(db: Tx, job: JobInput, at = new Date()): Promise<boolean> {
  return (await planJobs(db, [job], at)) === 1;
}

/** Moves a pending job later, never earlier (one statement; each overdue notice of a sweep runs it). */
export async function postponeJob(db: Tx, key: string, dueAt: Date): Promise<void> {
  await raw(db).run(
    `UPDATE "ScheduledJob" SET "dueAt" = ? WHERE "idempotencyKey" = ? AND "state" = 'pending' AND "dueAt" < ?`,
    sqlTime(dueAt),
    key,
    sqlTime(dueAt),
  );
}

/** Moves a pending job to a new time (a form's idle timeout after each answer). */
export async function reschedulePending(db: Tx, key: string, dueAt: Date): Promise<void> {
  await db.scheduledJob.updateMany({ where: { idempotencyKey: key, state: 'pending' }, data: { dueAt } });
}

/** Cancels a matter's pending jobs of the given kinds. */
export async function cancelPendingJobs(db: Tx, matterId: string, kinds: string[]): Promise<number> {
  return (
    await db.scheduledJob.updateMany({
      where: { matterId, state: 'pending', kind: { in: kinds } },
      data: { state: 'cancelled' },
    })
  ).count;
}

/** Cancels the pending jobs whose keys start with `prefix` (a moved meeting's preparation). */
export async function cancelPendingByPrefix(db: Tx, prefix: string): Promise<number> {
  return (
    await db.scheduledJob.updateMany({
      where: { idempotencyKey: { startsWith: prefix }, state: 'pending' },
      data: { state: 'cancelled' },
    })
  ).count;
}

// The scheduler's own reads and marks run at every wake: plain SQL (no query compile), by index (state, dueAt, createdAt).

interface JobSqlRow {
  id: string;
  kind: string;
  matterId: string | null;
  dueAt: string | Date;
  idempotencyKey: string;
  payload: string;
}
const toJob = (r: JobSqlRow) => ({ ...r, dueAt: new Date(r.dueAt) });
const JOB_COLUMNS = `"id","kind","matterId","dueAt","idempotencyKey","payload"`;

/** Jobs due by `now`, the earliest first. */
export async function dueJobs(db: Tx, now: Date, limit = 100) {
  const rows = await raw(db).all<JobSqlRow>(
    `SELECT ${JOB_COLUMNS} FROM "ScheduledJob" WHERE "state" = 'pending' AND "dueAt" <= ? ORDER BY "dueAt", "createdAt" LIMIT ?`,
    sqlTime(now),
    limit,
  );
  return rows.map(toJob);
}

/**
 * The next pending job (for the alarm). On PostgreSQL a job another process is firing
 * right now (its row locked) is passed over: this process wakes for the next one, and
 * does not take the other's work for its own to wait on.
 */
export async function nextPendingJob(db: Tx) {
  const rows = await raw(db).all<JobSqlRow>(
    `SELECT ${JOB_COLUMNS} FROM "ScheduledJob" WHERE "state" = 'pending' ORDER BY "dueAt" LIMIT 1${isPostgres(db) ? ' FOR UPDATE SKIP LOCKED' : ''}`,
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

/**
 * Of these jobs, those still pending, claimed for the transaction `db` is in (one changed
 * meanwhile is left alone). On PostgreSQL the rows are locked (FOR UPDATE SKIP LOCKED):
 * another process firing at the same moment skips them instead of firing them again,
 * and when this process dies mid-way its connection closes, the transaction rolls back
 * and the rows are free for the next process at once (a frozen one is ended by the
 * server's idle_in_transaction_session_timeout, src/store/pg-adapter.ts). On SQLite one
 * process writes the file and transactions run one at a time: the check is enough.
 */
export async function claimPending(db: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await raw(db).all<{ id: string }>(
    `SELECT "id" FROM "ScheduledJob" WHERE "state" = 'pending' AND "id" IN (${ids.map(() => '?').join(',')})${isPostgres(db) ? ' FOR UPDATE SKIP LOCKED' : ''}`,
    ...ids,
  );
  return rows.map((r) => r.id);
}

/** Of these jobs, how many are still pending (after a claim: those another process holds). */
export async function countPending(db: Tx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await raw(db).all<{ n: number | bigint }>(
    `SELECT count(*) AS n FROM "ScheduledJob" WHERE "state" = 'pending' AND "id" IN (${ids.map(() => '?').join(',')})`,
    ...ids,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Marks pending jobs finished, in one statement. */
export async function finishJobs(
  db: Tx,
  ids: string[],
  state: 'done' | 'cancelled' | 'superseded',
  at: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  return raw(db).run(
    `UPDATE "ScheduledJob" SET "state" = ?, "firedAt" = ? WHERE "state" = 'pending' AND "id" IN (${ids.map(() => '?').join(',')})`,
    state,
    sqlTime(at),
    ...ids,
  );
}

/** Moves pending jobs to a later time (office hours, a form answered since). */
export async function rescheduleJobs(db: Tx, ids: string[], dueAt: Date): Promise<void> {
  await db.scheduledJob.updateMany({ where: { id: { in: ids }, state: 'pending' }, data: { dueAt } });
}

/** A job that threw: one more attempt counted; returns how many it has had. */
export async function countFailedAttempt(db: Tx, id: string): Promise<number> {
  return (await db.scheduledJob.update({ where: { id }, data: { attempts: { increment: 1 } } })).attempts;
}

/** Moves one job to a later moment (a retry after a failure). */
export async function retryJobAt(db: Tx, id: string, dueAt: Date): Promise<void> {
  await db.scheduledJob.update({ where: { id }, data: { dueAt } });
}

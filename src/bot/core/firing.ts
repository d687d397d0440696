// Firing due jobs: what the scheduler hands the App (fire, fireJobs) is done here, a batch in
// one transaction. Each job goes to the handler its family registered, an idle form's timeout
// ends the form, and words to units wait for the next office-hours start.
import type { Outgoing } from '../../chat/messages.js';
import type { Config } from '../../config/env.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import { nextOfficeMoment } from '../../domain/office-hours.js';
import type { Clock } from '../../schedule/clock.js';
import type { JobRow } from '../../schedule/scheduler.js';
import { type AuditInput, appendAudits } from '../../store/audit.js';
import { findFormById } from '../../store/forms.js';
import { claimPending, countPending, finishJobs, rescheduleJobs } from '../../store/jobs.js';
import { findMattersByIds, type MatterWithOrgs } from '../../store/matters.js';
import { enqueue } from '../../store/outbox.js';
import { parseJson, type Tx } from '../../store/tx.js';
import type { Ctx } from './context.js';
import type { FormEngine } from './forms/engine.js';
import type { CommandFamily, MatterJobHandler } from './spec.js';

/** What a batch is fired with: the families' job handlers by kind, the forms, the clock and the office hours. */
export interface Firing {
  jobHandlers: Map<string, NonNullable<CommandFamily['jobs']>[string]>;
  matterJobHandlers: Map<string, MatterJobHandler>;
  /** kinds of family jobs that speak to units and so wait for office hours */
  officeKinds: Set<string>;
  forms: FormEngine;
  clock: Clock;
  config: Config;
  calendar: WorkCalendar;
  /** a fresh context for one job, in the batch's transaction */
  newCtx: (tx: Tx) => Ctx;
}

/** Gathers the families' job handlers by kind (and the kinds that wait for office hours). */
export function firingOf(
  families: CommandFamily[],
  rest: Omit<Firing, 'jobHandlers' | 'matterJobHandlers' | 'officeKinds'>,
): Firing {
  const firing: Firing = { jobHandlers: new Map(), matterJobHandlers: new Map(), officeKinds: new Set(), ...rest };
  for (const f of families) {
    for (const [kind, handler] of Object.entries(f.jobs ?? {})) firing.jobHandlers.set(kind, handler);
    for (const [kind, handler] of Object.entries(f.matterJobs ?? {})) firing.matterJobHandlers.set(kind, handler);
    for (const kind of f.officeHours ?? []) firing.officeKinds.add(kind);
  }
  return firing;
}

/** What came of one due job: done, cancelled (it no longer applies), or to wait until a moment. */
type Fired = 'done' | 'cancelled' | Date;

/** What a batch comes to, written together at its end. */
interface Outcomes {
  done: string[];
  cancelled: string[];
  /** the jobs to fire again later, by the moment (ms) they wait for */
  waits: Map<number, string[]>;
  out: Array<{ key: string; message: Outgoing; at: Date }>;
  audits: AuditInput[];
}

/**
 * Does what a batch of due jobs says, in the caller's transaction: each job's messages and audit
 * are written with marking it done, so each happens once; a job changed meanwhile (a
 * reply cancelled it) is skipped. The matters are read together, the rows written
 * together. Returns how many of the jobs another process holds right now.
 */
export async function fireBatch(tx: Tx, jobs: JobRow[], firing: Firing): Promise<number> {
  const now = firing.clock.now();
  const { live, heldElsewhere } = await claimLive(tx, jobs);
  const matters = await findMattersByIds(tx, [
    ...new Set(live.map((j) => j.matterId).filter((id): id is string => Boolean(id))),
  ]);
  const hours = { start: firing.config.officeStart, end: firing.config.officeEnd };
  const officeMoment = nextOfficeMoment(now, hours, firing.calendar);
  const outcomes: Outcomes = { done: [], cancelled: [], waits: new Map(), out: [], audits: [] };
  for (const job of live) {
    const ctx = firing.newCtx(tx);
    const fired = await fireOne(ctx, job, matters, officeMoment, firing);
    if (fired === 'cancelled') {
      outcomes.cancelled.push(job.id);
      continue;
    }
    if (fired instanceof Date) {
      const waits = outcomes.waits;
      waits.set(fired.getTime(), [...(waits.get(fired.getTime()) ?? []), job.id]);
      continue;
    }
    outcomes.done.push(job.id);
    outcomes.out.push(
      ...ctx.out.map((message, i) => ({
        key: `job:${job.idempotencyKey}:${i}`,
        message: asNotice(message),
        at: ctx.now,
      })),
    );
    outcomes.audits.push(...ctx.audits);
  }
  await writeOutcomes(tx, outcomes, now);
  return heldElsewhere;
}

/** 【到期提醒】… : the label a notice opens with, and the rest of its first line. */
const LABELLED = /^(【[^】\n]{1,12}】)([^\n]+)/;

/**
 * A job's message to a group, marked as a notice when it is one — it opens with a 【label】 and
 * carries no file and replaces no card — so the dispatcher may send many of one kind as one.
 */
function asNotice(message: Outgoing): Outgoing {
  const m = LABELLED.exec(message.text);
  if (!m || !message.to.chatId || message.file || message.image || message.updates) return message;
  return { ...message, notice: { kind: m[1]!, line: m[2]!.trim() } };
}

/** Claims the jobs still pending: those fired meanwhile drop out, those held by another process are counted. */
async function claimLive(tx: Tx, jobs: JobRow[]): Promise<{ live: JobRow[]; heldElsewhere: number }> {
  const pending = new Set(
    await claimPending(
      tx,
      jobs.map((j) => j.id),
    ),
  );
  const live = jobs.filter((j) => pending.has(j.id));
  // on PostgreSQL a job another process is firing right now is skipped, not waited for
  const heldElsewhere =
    live.length < jobs.length
      ? await countPending(
          tx,
          jobs.filter((j) => !pending.has(j.id)).map((j) => j.id),
        )
      : 0;
  return { live, heldElsewhere };
}

/** Does one due job: its family's handler, a form's timeout, or a matter's notice. */
async function fireOne(
  ctx: Ctx,
  job: JobRow,
  matters: Map<string, MatterWithOrgs>,
  officeMoment: Date,
  firing: Firing,
): Promise<Fired> {
  const payload = parseJson<Record<string, unknown>>(job.payload, {});
  const handler = firing.jobHandlers.get(job.kind);
  const matterHandler = job.matterId ? firing.matterJobHandlers.get(job.kind) : undefined;
  if (handler) {
    // words to units go in office hours (see below)
    if (firing.officeKinds.has(job.kind) && officeMoment > ctx.now) return officeMoment;
    await handler(ctx, payload);
  } else if (job.kind === 'form_timeout') {
    const session = await findFormById(ctx.tx, String(payload.sessionId));
    if (session && session.expiresAt > ctx.now) return session.expiresAt; // answered since: wait again
    if (session) await firing.forms.expire(ctx, session);
  } else if (matterHandler) {
    // words to an agency go in office hours: a notice that fell due at night (the
    // process was down, or the clock jumped) waits for the next office-hours start
    if (officeMoment > ctx.now) return officeMoment;
    const applied = await matterHandler(ctx, job.kind, matters.get(job.matterId!), payload);
    if (!applied) return 'cancelled';
  }
  return 'done';
}

/** Marks the batch's jobs done, cancelled or rescheduled, and writes their messages and audit. */
async function writeOutcomes(tx: Tx, outcomes: Outcomes, now: Date): Promise<void> {
  await finishJobs(tx, outcomes.done, 'done', now);
  await finishJobs(tx, outcomes.cancelled, 'cancelled', now);
  for (const [until, ids] of outcomes.waits) await rescheduleJobs(tx, ids, new Date(until));
  if (outcomes.out.length) await enqueue(tx, outcomes.out);
  await appendAudits(tx, outcomes.audits);
}

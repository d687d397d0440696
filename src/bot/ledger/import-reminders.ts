// An imported ledger's reminders, planned right after the import in steps of 1,000 matters, each its
// own short transaction (issue 20, item 2): planned inside the import's one transaction, the 60,000
// reminders of 10,000 rows held every other chat back for 1.3 s. The matters themselves are still
// written all or nothing; the first step is a job written with them, so a restart in between loses
// nothing — it goes on from where it was.
import { awaitingReply } from '../../domain/matter-state.js';
import { planJob, planJobs } from '../../store/jobs.js';
import { dueDatesOf } from '../../store/matters.js';
import type { Ctx } from '../core/context.js';
import { matterJobs, withRoad } from '../core/matters.js';

export const IMPORT_REMINDERS = 'import_reminders';
/** matters whose reminders one step plans */
const STEP = 1000;

/** Plans the step that plans the reminders of these matters, due at once (it runs after the answer). */
export async function planImportReminders(ctx: Ctx, ids: string[], key: string): Promise<void> {
  await planJob(
    ctx.tx,
    { kind: IMPORT_REMINDERS, key: `${key}:0`, dueAt: ctx.now, payload: { ids, key, step: 0 } },
    ctx.now,
  );
  ctx.scheduled = ctx.dueNow = true;
}

/** The reminders of these matters, those still awaiting a reply. */
export async function planRemindersOf(ctx: Ctx, ids: string[]): Promise<void> {
  const matters = (await dueDatesOf(ctx.tx, ids)).filter((m) => awaitingReply(m.status));
  const plan = await withRoad(ctx);
  await planJobs(
    ctx.tx,
    matters.flatMap((m) => matterJobs(ctx, m.id, m.dueOn, plan)),
    ctx.now,
  );
  ctx.scheduled = true;
}

/** One step: the reminders of the next 1,000 matters (those still awaiting a reply), then the next step. */
export async function importReminders(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const ids = (payload.ids as string[] | undefined) ?? [];
  const step = Number(payload.step ?? 0) + 1;
  await planRemindersOf(ctx, ids.slice(0, STEP));
  const rest = ids.slice(STEP);
  if (rest.length) {
    const key = String(payload.key);
    await planJob(
      ctx.tx,
      { kind: IMPORT_REMINDERS, key: `${key}:${step}`, dueAt: ctx.now, payload: { ids: rest, key, step } },
      ctx.now,
    );
  }
  ctx.scheduled = true;
}

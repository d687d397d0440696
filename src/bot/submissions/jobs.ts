// The 报送's job rows: reminders 3 and 1 working days before the deadline (to the units that have not
// sent, and the list of them to the collector), and on the first working day after the deadline day the
// collection: the workbook and the ZIP to the collector with a summary, a nudge to each unit still silent.
import { markCollected, type SubmissionWithReturns, submissionById } from '../../store/submissions.js';
import { type Ctx, t } from '../core/context.js';
import { notifyUnit, tell } from '../core/notify.js';
import { collectionFiles, summaryFields, unitStates } from './collect.js';
import { fieldsOf, unitCard } from './open.js';

/** To the collector directly, or to the collecting unit's groups when no direct chat reaches them. */
async function toCollector(
  ctx: Ctx,
  s: SubmissionWithReturns,
  key: string,
  fields: Record<string, string | number>,
  file?: Parameters<typeof tell>[4],
) {
  if (s.collectorId && (await tell(ctx, [s.collectorId], key, fields, file))) return;
  await notifyUnit(ctx, s.collectorOrgId, key, fields, file);
}

async function collectorName(ctx: Ctx, s: SubmissionWithReturns): Promise<string> {
  return (await ctx.services.roster.org(ctx.tx, s.collectorOrgId))?.name ?? '';
}

export async function fireRemind(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const s = await submissionById(ctx.tx, String(payload.submissionId));
  if (s?.status !== 'open') return;
  const states = await unitStates(ctx, s);
  const silent = states.filter((u) => u.state === 'missing');
  if (!silent.length) return;
  const fields = fieldsOf(ctx, s, await collectorName(ctx, s));
  for (const u of silent)
    await notifyUnit(ctx, u.orgId, 'submission.remind', fields, { card: unitCard(ctx, s, 'remind', fields) });
  await toCollector(ctx, s, 'submission.pending_list', {
    ...fields,
    ...summaryFields(ctx, states),
    sent: states.length - silent.length,
  });
}

/** The collection, once (the row's key is the 报送's): the files and the summary, the nudges. */
export async function fireCollect(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const s = await submissionById(ctx.tx, String(payload.submissionId));
  if (s?.status !== 'open') return;
  await sendCollection(ctx, s, 'submission.collected');
  const fields = fieldsOf(ctx, s, await collectorName(ctx, s));
  for (const u of (await unitStates(ctx, s)).filter((x) => x.state === 'missing'))
    await notifyUnit(ctx, u.orgId, 'submission.nudge', fields, { card: unitCard(ctx, s, 'nudge', fields) });
  await markCollected(ctx.tx, s.id, ctx.now);
}

/**
 * The summary, then the workbook and the ZIP, each its own message: to the collector (the collection),
 * or to the member who asked (/报送 汇总), directly — the units' files never go to a group chat.
 */
export async function sendCollection(ctx: Ctx, s: SubmissionWithReturns, key: string, askedBy?: string): Promise<void> {
  const states = await unitStates(ctx, s);
  const fields = { ...fieldsOf(ctx, s, await collectorName(ctx, s)), ...summaryFields(ctx, states) };
  const files = await collectionFiles(ctx, s, states);
  const noZip = s.content !== 'training' && files.length < 2 ? t(ctx, 'submission.no_files') : '';
  const to = askedBy ? { ...s, collectorId: askedBy } : s;
  await toCollector(ctx, to, key, { ...fields, noZip });
  for (const file of files)
    await toCollector(ctx, to, 'submission.file_sent', { name: file.name, code: s.code }, { file });
}

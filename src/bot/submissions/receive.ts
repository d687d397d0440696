// A unit's sending for a 报送: /报送 填报 编号 (or 填写报送 on its card) opens the form of the 报送's kind —
// files (kept in the attachment store), figures typed as 项目=数字, or a training's attendees; saving it
// records the day (on time: on or before the deadline day, Asia/Shanghai). A unit may send again: the
// last sending is what the collector gets, the first one's day is what counts for on time.
import type { Attachment } from '../../chat/messages.js';
import { daysBetween } from '../../domain/civil-date.js';
import { normalizeCode } from '../../domain/codes.js';
import { readFigures, sentOnTime } from '../../domain/submission.js';
import { type SubmissionWithReturns, saveReturn, submissionByCode, submissionById } from '../../store/submissions.js';
import { parseJson } from '../../store/tx.js';
import { formContext, rejectUnknownKeys } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { notifyUnit, tell } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import type { CommandDeps } from '../core/spec.js';

const CODE = /^BS-\d{4}-\d{3,}$/;
export const FORM_OF: Record<string, string> = {
  file: 'submission_file',
  figures: 'submission_figures',
  training: 'submission_training',
};

/** What a unit sent, as kept in its part (SubmissionReturn.content). */
export interface Sent {
  files?: Array<{ name: string; ref: string }>;
  values?: Record<string, number>;
  attendees?: string;
  note?: string;
}

/** The 报送 a code names; the usage when it is missing or not a 报送 code. */
export async function requireSubmission(ctx: Ctx, raw: string | undefined, usageKey: string) {
  if (!raw) throw new UserError('submission.error.missing_code', { usage: t(ctx, usageKey) });
  const code = normalizeCode(raw);
  if (!CODE.test(code)) throw new UserError('submission.error.bad_code', { value: raw, usage: t(ctx, usageKey) });
  const s = await submissionByCode(ctx.tx, code);
  if (!s) throw new UserError('submission.error.unknown_code', { code });
  return s;
}

/** The member's unit's part: only the units asked may send. */
function partOf(ctx: Ctx, s: SubmissionWithReturns) {
  const me = ctx.member;
  if (!me) throw new UserError('error.guest');
  const part = s.returns.find((r) => r.orgId === me.orgId);
  if (!part) throw new UserError('submission.error.not_asked', { code: s.code, unit: me.orgName });
  return part;
}

/** /报送 填报 编号: the form of the 报送's kind, in this chat. */
export async function startSending(ctx: Ctx, cmd: ParsedCommand, { forms }: CommandDeps): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'submission.usage.send');
  const s = await requireSubmission(ctx, cmd.positional[1], 'submission.usage.send');
  partOf(ctx, s);
  if (s.content === 'figures')
    reply(ctx, 'submission.items_hint', { code: s.code, items: parseJson<string[]>(s.items, []).join('、') });
  // the 报送 rides with the answers too, so that the figures are checked as they are typed (check has no context)
  await forms.start(ctx, FORM_OF[s.content]!, formContext(ctx, { code: s.code, matterId: s.id }), {
    prefill: { submissionId: s.id },
  });
}

/** The answers of the form as kept: files as the store named them, figures checked against the items asked. */
function sentOf(s: SubmissionWithReturns, answers: Record<string, unknown>): Sent {
  const files = ((answers.attachments as Attachment[] | null) ?? [])
    .filter((a) => !a.refused)
    .map((a) => ({ name: a.name, ref: a.ref }));
  if (s.content === 'training') return { attendees: String(answers.attendees) };
  if (s.content === 'file') return { files, note: answers.note ? String(answers.note) : '' };
  const r = readFigures(String(answers.figures), parseJson<string[]>(s.items, []));
  if (!('values' in r)) throw new Error('figures not checked');
  return { values: r.values, files };
}

/** Saves the unit's sending and says so; a late one is told to the collector too. */
async function saveSending(ctx: Ctx, s: SubmissionWithReturns, sent: Sent): Promise<void> {
  const part = partOf(ctx, s);
  const again = !!part.firstOn;
  await saveReturn(ctx.tx, part, {
    content: JSON.stringify(sent),
    on: ctx.today,
    at: ctx.now,
    memberId: ctx.member!.id,
  });
  const first = part.firstOn ?? ctx.today;
  const late = !sentOnTime(first, s.dueOn);
  audit(ctx, 'submission.receive', s.code, { again, late });
  const fields = {
    code: s.code,
    title: s.title,
    unit: ctx.member!.orgName,
    due: s.dueOn,
    date: ctx.today,
    days: late ? daysBetween(s.dueOn, first) : 0,
  };
  reply(ctx, late ? 'submission.received_late' : again ? 'submission.received_again' : 'submission.received', fields);
  ctx.completed = { action: t(ctx, 'submission.used.send') };
  // after the collection, the collector hears of every later sending (迟报), the sheet from /报送 汇总
  if (s.status === 'collected' && s.collectorId)
    if (!(await tell(ctx, [s.collectorId], 'submission.after_collection', fields)))
      await notifyUnit(ctx, s.collectorOrgId, 'submission.after_collection', fields);
}

async function submissionOf(ctx: Ctx, context: Record<string, string>): Promise<SubmissionWithReturns> {
  const s = await submissionById(ctx.tx, context.matterId ?? '');
  if (!s) throw new UserError('submission.error.unknown_code', { code: context.code ?? '' });
  return s;
}

const UNIT = { allow: ['liaison', 'officer'] } as const;

export const submissionForms: FormHandler[] = Object.values(FORM_OF).map((form) => ({
  form,
  allow: [...UNIT.allow],
  async check(ctx, answers) {
    if (form !== 'submission_figures' || answers.figures === undefined) return undefined;
    const s = await submissionById(ctx.tx, String(answers.submissionId ?? ''));
    if (!s) return undefined;
    const r = readFigures(String(answers.figures), parseJson<string[]>(s.items, []));
    if ('values' in r) return undefined;
    return { field: 'figures', key: `submission.error.figures_${r.problem}`, fields: figureFields(r) };
  },
  async review(ctx, answers, context) {
    const s = await submissionOf(ctx, context);
    if (s.content !== 'figures') return [];
    const r = readFigures(String(answers.figures), parseJson<string[]>(s.items, []));
    if (!('values' in r)) throw new UserError(`submission.error.figures_${r.problem}`, figureFields(r));
    return Object.entries(r.values).map(([item, value]) => t(ctx, 'submission.review_value', { item, value }));
  },
  async submit(ctx, answers, context) {
    const s = await submissionOf(ctx, context);
    if (s.content === 'figures') {
      const r = readFigures(String(answers.figures), parseJson<string[]>(s.items, []));
      if (!('values' in r)) throw new UserError(`submission.error.figures_${r.problem}`, figureFields(r));
    }
    await saveSending(ctx, s, sentOf(s, answers));
  },
}));

function figureFields(r: Exclude<ReturnType<typeof readFigures>, { values: unknown }>): Record<string, string> {
  if (r.problem === 'missing') return { items: r.items.join('、') };
  if (r.problem === 'unknown') return { item: r.item };
  return { item: r.item, value: r.value };
}

// /报送 新建 主题=… 截止=… 单位=全部|单位,… [内容=文件|数字|培训] [项目=…]: a liaison of the lead unit
// (牵头单位, 明确专人负责收集) asks units for files, figures or a training's attendance by a deadline.
// Each unit's group gets a card with 填写报送; reminders and the collection are job rows.
import type { Card } from '../../chat/messages.js';
import { yearOf } from '../../domain/civil-date.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { readContent, readItems, type SubmissionContent, submissionDays } from '../../domain/submission.js';
import { type JobInput, planJobs } from '../../store/jobs.js';
import { nextCode } from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { addSubmission, type SubmissionWithReturns } from '../../store/submissions.js';
import { dateOption, orgArg, rejectUnknownKeys, textOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { leadName, leadUnit } from '../core/lead.js';
import { notifyUnit } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';

export const CODE_PREFIX = 'BS';
/** the kinds of unit 单位=全部 asks: the government's departments and the 司法局 */
const ASKED_KINDS = ['agency', 'judicial'];

/** A liaison of the lead unit, or an admin; the refusal names the lead unit. */
export async function assertCollector(ctx: Ctx): Promise<void> {
  const me = ctx.member;
  if (!me) throw new UserError('error.guest');
  if (me.roles.includes('admin')) return;
  const lead = await leadUnit(ctx);
  if (lead && me.roles.includes('liaison') && me.orgId === lead.id) return;
  throw new UserError('submission.error.not_lead', { lead: await leadName(ctx) });
}

/** 单位=全部, or units separated by commas or 、 — each on the roster, none twice. */
async function unitsArg(ctx: Ctx, text: string, collectorOrgId: string): Promise<OrgRow[]> {
  const words = text
    .split(/[,，、;；]+/u)
    .map((s) => s.trim())
    .filter(Boolean);
  if (words.length === 1 && ['全部', '所有', '各单位', 'all'].includes(words[0]!.toLowerCase()))
    return (await ctx.services.roster.orgs(ctx.tx)).filter(
      (o) => ASKED_KINDS.includes(o.kind) && o.id !== collectorOrgId,
    );
  const out: OrgRow[] = [];
  for (const w of words) {
    const o = await orgArg(ctx, w);
    if (out.some((x) => x.id === o.id)) throw new UserError('submission.error.unit_twice', { unit: o.name });
    out.push(o);
  }
  return out;
}

interface Opening {
  title: string;
  dueOn: string;
  content: SubmissionContent;
  items: string[];
  units: OrgRow[];
}

/** The command read and checked; nothing is written before all of it is right. */
async function readOpening(ctx: Ctx, cmd: ParsedCommand, collectorOrgId: string): Promise<Opening> {
  rejectUnknownKeys(ctx, cmd, 'submission.usage.new');
  const usage = t(ctx, 'submission.usage.new');
  const o = cmd.options;
  if (!o.title || !o.deadline || !o.org) throw new UserError('submission.error.missing', { usage });
  const title = textOption(o.title, t(ctx, 'submission.label.title'), 100);
  const dueOn = dateOption(o.deadline, usage);
  if (dueOn < ctx.today) throw new UserError('submission.error.past', { date: dueOn, today: ctx.today });
  const content = o.summary === undefined ? 'file' : readContent(o.summary);
  if (!content) throw new UserError('submission.error.content', { value: o.summary ?? '', usage });
  let items: string[] = [];
  if (content === 'figures') {
    if (!o.items) throw new UserError('submission.error.items_missing', { usage });
    const r = readItems(o.items);
    if ('problem' in r) throw new UserError(`submission.error.items_${r.problem}`, { value: o.items });
    items = r.items;
  } else if (o.items) throw new UserError('submission.error.items_not_figures', { usage });
  const units = await unitsArg(ctx, o.org, collectorOrgId);
  if (!units.length) throw new UserError('submission.error.no_units', { usage });
  return { title, dueOn, content, items, units };
}

/** The card each unit's group gets: what to send, by when, and the button that opens its form. */
export function unitCard(ctx: Ctx, s: SubmissionWithReturns, key: string, fields: Record<string, string>): Card {
  return {
    title: t(ctx, `submission.card.${key}`, fields),
    tone: key === 'nudge' ? 'warning' : 'info',
    body: t(ctx, `submission.${key}`, fields),
    fields: [
      { label: t(ctx, 'submission.label.deadline'), value: s.dueOn },
      { label: t(ctx, 'submission.label.content'), value: contentText(ctx, s) },
    ],
    buttons: [{ label: t(ctx, 'submission.button.send'), command: `/报送 填报 ${s.code}`, style: 'primary' }],
  };
}

/** 文件, 数字（典型案例数、办案数）, 培训参加回执 */
export function contentText(ctx: Ctx, s: { content: string; items: string }): string {
  const items = JSON.parse(s.items) as string[];
  return t(ctx, `submission.content.${s.content}`, { items: items.join('、') });
}

export function fieldsOf(ctx: Ctx, s: SubmissionWithReturns, collector: string): Record<string, string> {
  return { code: s.code, title: s.title, due: s.dueOn, content: contentText(ctx, s), collector };
}

/** Opens the 报送: writes it with a part per unit, plans its reminders and collection, sends the cards. */
export async function openSubmission(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertCollector(ctx);
  const me = ctx.member!;
  const collectorOrgId = (await leadUnit(ctx))?.id ?? me.orgId;
  const o = await readOpening(ctx, cmd, collectorOrgId);
  const code = await nextCode(ctx.tx, CODE_PREFIX, yearOf(o.dueOn));
  const s = await addSubmission(
    ctx.tx,
    {
      code,
      title: o.title,
      content: o.content,
      items: JSON.stringify(o.items),
      dueOn: o.dueOn,
      collectorOrgId,
      collectorId: me.id,
      createdAt: ctx.now,
    },
    o.units.map((u) => u.id),
  );
  await planSubmissionJobs(ctx, s);
  const fields = fieldsOf(ctx, s, me.orgName);
  const unreached: string[] = [];
  for (const u of o.units)
    if (!(await notifyUnit(ctx, u.id, 'submission.notice', fields, { card: unitCard(ctx, s, 'notice', fields) })))
      unreached.push(u.name);
  audit(ctx, 'submission.open', code, { units: o.units.length, content: o.content });
  reply(ctx, 'submission.opened', {
    ...fields,
    count: o.units.length,
    units: o.units.map((u) => u.name).join('、'),
    unreached: unreached.length ? t(ctx, 'submission.unreached', { units: unreached.join('、') }) : '',
  });
}

/** The reminders (3 and 1 working days before) and the collection (first working day after the deadline). */
async function planSubmissionJobs(ctx: Ctx, s: SubmissionWithReturns): Promise<void> {
  const days = submissionDays(s.dueOn, ctx.today, ctx.services.calendar);
  const start = ctx.services.config.officeStart;
  const jobs: JobInput[] = days.remind.map((day) => ({
    kind: 'submission_remind',
    key: `submission:${s.id}:remind:${day}`,
    dueAt: atOfficeStart(day, start),
    payload: { submissionId: s.id },
  }));
  jobs.push({
    kind: 'submission_collect',
    key: `submission:${s.id}:collect`,
    dueAt: atOfficeStart(days.collect, start),
    payload: { submissionId: s.id },
  });
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
}

// /评查 计划: a quarter's review plan (PC-…), the call to each agency for its list of closed case
// files, and the plan's jobs — reminders before the list deadline, the draw the next working day,
// the reminders to the reviewers before the results are due.
import type { CardButton } from '../../chat/messages.js';
import { addDays, yearOf } from '../../domain/civil-date.js';
import { shiftWorkingDays, workingDayOnOrAfter } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { readQuarter, readRatio } from '../../domain/review-rules.js';
import { type JobInput, planJobs } from '../../store/jobs.js';
import { nextCode } from '../../store/matters.js';
import { addReview } from '../../store/review.js';
import type { OrgRow } from '../../store/roster.js';
import { dateOption, orgArg, rejectUnknownKeys } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { notifyUnit } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { assertPlanner, type ReviewRow } from './service.js';

export const REVIEW_JOBS = ['review_list_remind', 'review_draw', 'review_result_remind', 'review_result_due'];
const YEAR_WORDS = ['当年', '本年', '全年', 'year'];
const QUARTER_WORDS = ['本季度', '当季', '季度', 'quarter'];
/** working days before the results are due when the reviewers are reminded */
const RESULT_REMINDER = 3;

const split = (s: string) => s.split(/[,，、;；\s]+/).filter(Boolean);

async function unitsOf(ctx: Ctx, text: string | undefined, fallback: () => Promise<OrgRow[]>): Promise<OrgRow[]> {
  if (!text) return fallback();
  const out: OrgRow[] = [];
  for (const q of split(text)) {
    const o = await orgArg(ctx, q);
    if (!out.some((x) => x.id === o.id)) out.push(o);
  }
  return out;
}

/** What a plan's command line says, read and checked (nothing is written before all of it is right). */
async function readPlan(ctx: Ctx, cmd: ParsedCommand) {
  rejectUnknownKeys(ctx, cmd, 'review.usage.plan');
  const o = cmd.options;
  const usage = t(ctx, 'review.usage.plan');
  const scopeWord = o.scope?.trim();
  if (scopeWord && ![...YEAR_WORDS, ...QUARTER_WORDS].includes(scopeWord))
    throw new UserError('review.error.scope', { value: scopeWord });
  const scope = scopeWord && YEAR_WORDS.includes(scopeWord) ? 'year' : 'quarter';
  if (!o.quarter) throw new UserError('review.error.missing_quarter', { usage });
  const period = readQuarter(o.quarter, scope);
  if (!period) throw new UserError('review.error.quarter', { value: o.quarter, usage });
  if (period.starts > ctx.today)
    throw new UserError('review.error.quarter_not_begun', { quarter: period.quarter, starts: period.starts });
  if (!o.ratio) throw new UserError('review.error.missing_ratio', { usage });
  const ratio = readRatio(o.ratio);
  if (ratio === undefined) throw new UserError('review.error.ratio', { value: o.ratio });
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  const reviewers = await unitsOf(ctx, o.reviewers, async () =>
    orgs.filter((x) => x.kind === 'procuratorate' || x.kind === 'judicial'),
  );
  if (!reviewers.length) throw new UserError('review.error.no_reviewers', { usage });
  const agencies = await unitsOf(ctx, o.org, async () => orgs.filter((x) => x.kind === 'agency'));
  const notAgency = agencies.find((a) => a.kind !== 'agency');
  if (notAgency) throw new UserError('review.error.not_agency', { org: notAgency.name });
  const listDueOn = o.deadline
    ? dateOption(o.deadline, usage)
    : workingDayOnOrAfter(addDays(ctx.today, 10), ctx.services.calendar);
  if (listDueOn < ctx.today) throw new UserError('review.error.deadline_past', { due: listDueOn, today: ctx.today });
  const resultDueOn = o.resultDue
    ? dateOption(o.resultDue, usage)
    : workingDayOnOrAfter(addDays(listDueOn, 20), ctx.services.calendar);
  if (resultDueOn <= listDueOn)
    throw new UserError('review.error.result_due', { due: resultDueOn, listDue: listDueOn });
  return { period, scope, ratio, reviewers, agencies, listDueOn, resultDueOn };
}

/** The plan's jobs, keyed by plan: planned again after a restart they are not doubled. */
export async function planReviewJobs(ctx: Ctx, r: ReviewRow): Promise<void> {
  const { calendar, config } = ctx.services;
  const at = (day: string) => atOfficeStart(day, config.officeStart);
  const jobs: JobInput[] = [];
  for (const n of config.reminderOffsets) {
    const day = shiftWorkingDays(r.listDueOn, -n, calendar);
    if (day < ctx.today) continue;
    jobs.push({
      kind: 'review_list_remind',
      key: `review:${r.id}:list:${n}`,
      dueAt: at(day),
      payload: { reviewId: r.id },
    });
  }
  const drawDay = shiftWorkingDays(r.listDueOn, 1, calendar);
  jobs.push({ kind: 'review_draw', key: `review:${r.id}:draw`, dueAt: at(drawDay), payload: { reviewId: r.id } });
  const remindDay = shiftWorkingDays(r.resultDueOn, -RESULT_REMINDER, calendar);
  if (remindDay > drawDay)
    jobs.push({
      kind: 'review_result_remind',
      key: `review:${r.id}:result`,
      dueAt: at(remindDay),
      payload: { reviewId: r.id },
    });
  jobs.push({
    kind: 'review_result_due',
    key: `review:${r.id}:result_due`,
    dueAt: at(shiftWorkingDays(r.resultDueOn, 1, calendar)),
    payload: { reviewId: r.id },
  });
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
}

export function listButtons(ctx: Ctx, code: string): CardButton[] {
  return [
    { label: t(ctx, 'review.button.list'), command: `/评查 名单 ${code}`, style: 'primary' },
    { label: t(ctx, 'review.button.template'), command: '/评查 模板' },
  ];
}

export async function planCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertPlanner(ctx);
  const p = await readPlan(ctx, cmd);
  const code = await nextCode(ctx.tx, 'PC', yearOf(p.period.starts));
  const r = await addReview(ctx.tx, {
    code,
    quarter: p.period.quarter,
    ratio: p.ratio,
    scope: p.scope,
    periodFrom: p.period.from,
    periodTo: p.period.to,
    listDueOn: p.listDueOn,
    resultDueOn: p.resultDueOn,
    reviewerOrgIds: JSON.stringify(p.reviewers.map((x) => x.id)),
    agencyOrgIds: JSON.stringify(p.agencies.map((x) => x.id)),
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  await planReviewJobs(ctx, r);
  const fields = {
    code,
    quarter: p.period.quarter,
    from: p.period.from,
    to: p.period.to,
    ratio: p.ratio,
    due: p.listDueOn,
    resultDue: p.resultDueOn,
    reviewers: p.reviewers.map((x) => x.name).join('、'),
  };
  for (const a of p.agencies)
    await notifyUnit(ctx, a.id, 'review.request', fields, {
      card: { title: t(ctx, 'review.card.request', fields), tone: 'info', fields: [], buttons: listButtons(ctx, code) },
    });
  audit(ctx, 'review.plan', code, { quarter: p.period.quarter, ratio: p.ratio, agencies: p.agencies.length });
  reply(ctx, 'review.planned', {
    ...fields,
    count: p.agencies.length,
    units: p.agencies.map((a) => a.name).join('、'),
  });
}

// /应诉 新建 案号=… 被告=单位 案由=… 收到副本=YYYY-MM-DD [开庭=… 时间=… 法院=… 负责人应出庭=是 情形=…]:
// the agency (or the 司法局) registers a lawsuit YS-YYYY-NNN. The 答辩举证 deadline is 15 days from the
// day the complaint copy was received (行政诉讼法 第六十七条, domain/lawsuit-rules.ts), with reminders and
// the overdue road; the hearing, when known, is planned with its reminders (hearing.ts).
import { minutesOf, yearOf } from '../../domain/civil-date.js';
import { defenceDeadline, headCaseOf } from '../../domain/lawsuit-rules.js';
import { insertLawsuit, lawsuitByCaseNumber } from '../../store/lawsuits.js';
import { insertMatter, nextMatterCode } from '../../store/matters.js';
import { dateOption, orgArg, rejectUnknownKeys, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { explanation, planMatterJobs } from '../core/matters.js';
import { notify, notifyUnit } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { judicialOrg } from './access.js';
import { planHearing } from './hearing.js';
import { DEFENCE_PLAN } from './road.js';

const USAGE = 'lawsuit.usage.new';

/** 开庭时间=09:30: a time of day, or '' when not written. */
export function timeOption(ctx: Ctx, value: string | undefined): string {
  if (value === undefined) return '';
  if (minutesOf(value) === undefined) throw new UserError('lawsuit.error.bad_time', { value, usage: t(ctx, USAGE) });
  return value.trim();
}

/** Whether the head must appear: written (是/否), else 是 for the case types of the 2020 provisions. */
function headRule(ctx: Ctx, o: Record<string, string>, cause: string): { required: boolean; basis: string } {
  const set = yesNoOption(o.headRequired, t(ctx, 'lawsuit.label.head_required'));
  let type: string | undefined;
  if (o.headCase !== undefined) {
    type = headCaseOf(o.headCase.trim()) ?? labelledCase(ctx, o.headCase.trim());
    if (!type) throw new UserError('lawsuit.error.bad_head_case', { value: o.headCase, cases: caseLabels(ctx) });
  } else type = headCaseOf(cause);
  if (set !== undefined) return { required: set, basis: set === Boolean(type) && type ? type : 'set' };
  return { required: Boolean(type), basis: type ?? '' };
}

const CASE_KEYS = ['public_interest', 'public_attention', 'mass_incident', 'major_rights', 'pil', 'court_notice'];
const caseLabels = (ctx: Ctx) => CASE_KEYS.map((k) => t(ctx, `lawsuit.head_case.${k}`)).join('、');
const labelledCase = (ctx: Ctx, text: string) => CASE_KEYS.find((k) => t(ctx, `lawsuit.head_case.${k}`) === text);

/** The registration's facts, read and checked before anything is written. */
async function readNew(ctx: Ctx, cmd: ParsedCommand) {
  rejectUnknownKeys(ctx, cmd, USAGE);
  const o = cmd.options;
  const usage = t(ctx, USAGE);
  if (!o.caseNo || !o.defendant || !o.cause || !o.copyReceived) throw new UserError('lawsuit.error.missing', { usage });
  const org = await orgArg(ctx, o.defendant);
  if (org.kind !== 'agency') throw new UserError('lawsuit.error.not_agency', { org: org.name });
  const me = ctx.member!;
  if (me.orgKind === 'agency' && me.orgId !== org.id)
    throw new UserError('lawsuit.error.own_unit', { org: me.orgName, defendant: org.name });
  const caseNumber = textOption(o.caseNo, t(ctx, 'lawsuit.label.case_number'), 60);
  const cause = textOption(o.cause, t(ctx, 'lawsuit.label.cause'), 200);
  const copy = dateOption(o.copyReceived, usage);
  if (copy > ctx.today) throw new UserError('lawsuit.error.copy_in_future', { copy, today: ctx.today });
  const hearingOn = o.hearing ? dateOption(o.hearing, usage) : undefined;
  if (hearingOn && hearingOn < copy) throw new UserError('lawsuit.error.hearing_before_copy', { hearingOn, copy });
  const court = o.court ? textOption(o.court, t(ctx, 'lawsuit.label.court'), 60) : '';
  const head = headRule(ctx, o, cause);
  const twin = await lawsuitByCaseNumber(ctx.tx, caseNumber, org.id);
  if (twin) throw new UserError('lawsuit.error.twin', { code: twin, caseNumber });
  if ((await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency', orgId: org.id })).length === 0)
    throw new UserError('error.no_agency_group', { org: org.name });
  return { org, caseNumber, cause, copy, hearingOn, hearingTime: timeOption(ctx, o.time), court, head };
}

export async function registerLawsuit(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const r = await readNew(ctx, cmd);
  const deadline = defenceDeadline(r.copy, ctx.services.calendar);
  const code = await nextMatterCode(ctx.tx, 'lawsuit', yearOf(r.copy));
  const matter = await insertMatter(ctx.tx, {
    code,
    kind: 'lawsuit',
    title: r.cause,
    docNumber: r.caseNumber,
    issuingOrgId: ctx.member!.orgId,
    responsibleOrgId: r.org.id,
    servedOn: r.copy,
    periodRule: deadline.period,
    dueOn: deadline.due,
    originalDueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  await insertLawsuit(ctx.tx, {
    matterId: matter.id,
    caseNumber: r.caseNumber,
    cause: r.cause,
    court: r.court,
    copyReceivedOn: r.copy,
    hearingOn: r.hearingOn ?? null,
    hearingTime: r.hearingTime,
    headRequired: r.head.required,
    headBasis: r.head.basis,
    headSetById: r.head.basis === 'set' ? ctx.member!.id : null,
    createdAt: ctx.now,
  });
  await planMatterJobs(ctx, matter.id, deadline.due, DEFENCE_PLAN);
  if (r.hearingOn) await planHearing(ctx, matter.id, r.hearingOn);
  audit(ctx, 'lawsuit.register', code, { org: r.org.name, dueOn: deadline.due, headRequired: r.head.required });
  const fields = {
    code,
    caseNumber: r.caseNumber,
    cause: r.cause,
    org: r.org.name,
    copy: r.copy,
    due: deadline.due,
    hearing: r.hearingOn
      ? t(ctx, 'lawsuit.hearing_line', {
          on: `${r.hearingOn} ${r.hearingTime}`.trim(),
          court: r.court || t(ctx, 'lawsuit.court_unknown'),
        })
      : t(ctx, 'lawsuit.hearing_unknown'),
    head: headText(ctx, r.head.required, r.head.basis),
  };
  await notify(ctx, 'agency', r.org.id, 'lawsuit.notice_agency', fields, { matterId: matter.id });
  const judicial = await judicialOrg(ctx);
  if (judicial && judicial.id !== ctx.member!.orgId)
    await notifyUnit(ctx, judicial.id, 'lawsuit.copy_judicial', fields, { matterId: matter.id });
  reply(ctx, 'lawsuit.registered', { ...fields, explanation: explanation(ctx, deadline) }, { matterId: matter.id });
  if (deadline.due < ctx.today) reply(ctx, 'lawsuit.registered_overdue', { code, due: deadline.due });
}

/** 负责人应当出庭（涉及重大公共利益 …）, or 可委托工作人员出庭. */
export function headText(ctx: Ctx, required: boolean, basis: string): string {
  if (!required) return t(ctx, 'lawsuit.head.not_required');
  const why = basis && basis !== 'set' ? t(ctx, `lawsuit.head_case.${basis}`) : t(ctx, 'lawsuit.head.set');
  return t(ctx, 'lawsuit.head.required', { why });
}

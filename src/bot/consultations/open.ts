// Opening a consultation: /咨询 新建 对象=单位 问题=… [期限=10个工作日] [限制=是] — a question from any unit
// to another (检察院 ↔ 政府工作部门, 司法局; 双向咨询) — and /咨询 邀请 对象=… 事由=… 日期=… 地点=… 方式=陪议|旁听
// — an agency or the 司法局 inviting the procuratorate to a 行政复议 hearing (Luoyang). A restricted one
// must be written in a direct chat: its question goes to the asked unit's contacts by direct message.
import { yearOf } from '../../domain/civil-date.js';
import { DEFAULT_CONSULTATION_PERIOD, invitationReceiptDue, recurring } from '../../domain/consultation-rules.js';
import { computeDeadline, type Deadline } from '../../domain/deadline.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { earlierQuestionsTo, insertConsultation } from '../../store/consultations.js';
import { insertMatter, nextMatterCode } from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { dateOption, orgArg, periodOption, rejectUnknownKeys, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { leadUnit } from '../core/lead.js';
import { deadlineFor, explanation, planMatterJobs } from '../core/matters.js';
import { notifyUnit, tell } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { contactsOf, inGroup } from './access.js';
import { CONSULTATION_PLAN } from './road.js';

interface Opening {
  target: OrgRow;
  question: string;
  restricted: boolean;
  variant: 'consultation' | 'invitation';
  deadline: Deadline;
  hearing?: { on: string; time: string; location: string; mode: string };
}

async function targetOf(ctx: Ctx, raw: string): Promise<OrgRow> {
  const target = await orgArg(ctx, raw);
  if (target.id === ctx.member!.orgId) throw new UserError('consultation.error.own_unit', { org: target.name });
  const groups = await ctx.services.roster.bindings(ctx.tx, { orgId: target.id });
  if (!groups.some((b) => b.purpose === 'agency' || b.purpose === 'joint'))
    throw new UserError('error.no_agency_group', { org: target.name });
  return target;
}

export async function newConsultation(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'consultation.usage.new');
  const o = cmd.options;
  if (!o.target || !o.question)
    throw new UserError('consultation.error.missing', { usage: t(ctx, 'consultation.usage.new') });
  const restricted = yesNoOption(o.restricted, t(ctx, 'consultation.label.restricted')) ?? false;
  if (restricted && inGroup(ctx)) throw new UserError('consultation.error.restricted_in_group');
  const target = await targetOf(ctx, o.target);
  const question = textOption(o.question, t(ctx, 'consultation.label.question'), 1000, false);
  const period = o.period ? periodOption(o.period) : DEFAULT_CONSULTATION_PERIOD;
  const { deadline } = deadlineFor(ctx, ctx.today, period);
  await open(ctx, { target, question, restricted, variant: 'consultation', deadline });
}

const MODES = ['陪议', '旁听'];

export async function newInvitation(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const usage = t(ctx, 'consultation.usage.invite');
  rejectUnknownKeys(ctx, cmd, 'consultation.usage.invite');
  const o = cmd.options;
  if (!o.target || !o.question || !o.on || !o.location || !o.attendMode)
    throw new UserError('consultation.error.invite_missing', { usage });
  if (!['agency', 'judicial', 'government'].includes(ctx.member!.orgKind))
    throw new UserError('consultation.error.invite_units');
  const mode = o.attendMode.trim();
  if (!MODES.includes(mode)) throw new UserError('consultation.error.bad_mode', { value: mode, usage });
  const target = await targetOf(ctx, o.target);
  const on = dateOption(o.on, usage);
  const { calendar } = ctx.services;
  const due = invitationReceiptDue(on, calendar);
  if (due <= ctx.today) throw new UserError('consultation.error.hearing_too_soon', { on, today: ctx.today });
  let n = 1;
  while (shiftWorkingDays(ctx.today, n, calendar) < due) n++;
  const deadline = computeDeadline(ctx.today, { amount: n, unit: 'workday' }, calendar);
  const time = o.time?.trim() ?? '';
  const location = textOption(o.location, t(ctx, 'consultation.label.location'), 100);
  const question = textOption(o.question, t(ctx, 'consultation.label.matter'), 300);
  await open(ctx, {
    target,
    question,
    restricted: false,
    variant: 'invitation',
    deadline,
    hearing: { on, time, location, mode },
  });
}

async function open(ctx: Ctx, x: Opening): Promise<void> {
  const me = ctx.member!;
  const code = await nextMatterCode(ctx.tx, 'consultation', yearOf(ctx.today));
  const title = x.restricted ? t(ctx, 'consultation.restricted_title') : [...x.question].slice(0, 60).join('');
  const m = await insertMatter(ctx.tx, {
    code,
    kind: 'consultation',
    title,
    confidentiality: x.restricted ? 'restricted' : 'internal',
    issuingOrgId: me.orgId,
    responsibleOrgId: x.target.id,
    servedOn: ctx.today,
    periodRule: x.deadline.period,
    dueOn: x.deadline.due,
    originalDueOn: x.deadline.due,
    dueProvisional: x.deadline.provisional,
    dueBasis: JSON.stringify(x.deadline),
    createdById: me.id,
    createdAt: ctx.now,
  });
  await insertConsultation(ctx.tx, {
    matterId: m.id,
    variant: x.variant,
    askerId: me.id,
    question: x.question,
    restricted: x.restricted,
    hearingOn: x.hearing?.on ?? null,
    hearingTime: x.hearing?.time ?? '',
    location: x.hearing?.location ?? '',
    attendMode: x.hearing?.mode ?? '',
    createdAt: ctx.now,
  });
  await planMatterJobs(ctx, m.id, x.deadline.due, CONSULTATION_PLAN);
  audit(ctx, x.variant === 'invitation' ? 'consultation.invite' : 'consultation.ask', code, {
    org: x.target.name,
    restricted: x.restricted,
    dueOn: x.deadline.due,
  });
  await tellOpened(ctx, m.id, code, x);
}

/** The unit asked hears of it (a restricted one: the outline in its group, the question to its contacts directly). */
async function tellOpened(ctx: Ctx, matterId: string, code: string, x: Opening): Promise<void> {
  const me = ctx.member!;
  const fields = {
    code,
    asker: me.orgName,
    name: me.name,
    org: x.target.name,
    question: x.question,
    due: x.deadline.due,
    on: x.hearing ? `${x.hearing.on} ${x.hearing.time}`.trim() : '',
    location: x.hearing?.location ?? '',
    mode: x.hearing?.mode ?? '',
  };
  const invitation = x.variant === 'invitation';
  const button = {
    label: t(ctx, invitation ? 'consultation.button.receipt' : 'consultation.button.answer'),
    command: invitation ? `/咨询 回执 ${code}` : `/答复 ${code}`,
  };
  const card = {
    title: t(ctx, 'consultation.card_title', { code }),
    tone: 'info' as const,
    fields: [],
    buttons: [button],
  };
  const extra = { card, matterId };
  if (invitation) {
    await notifyUnit(ctx, x.target.id, 'consultation.invitation_notice', fields, extra);
    reply(ctx, 'consultation.invited', fields, { matterId });
    return;
  }
  if (x.restricted) {
    await notifyUnit(ctx, x.target.id, 'consultation.notice_restricted', fields, extra);
    const contacts = (await contactsOf(ctx, x.target.id)).map((c) => c.id);
    await tell(ctx, contacts, 'consultation.notice_direct', fields, { matterId });
  } else await notifyUnit(ctx, x.target.id, 'consultation.notice', fields, extra);
  reply(ctx, 'consultation.asked', { ...fields, explanation: explanation(ctx, x.deadline) }, { matterId });
  if (!x.restricted) await offerTopic(ctx, matterId, code, x);
}

/** A question put to the unit before: the lead unit is offered a topic meeting (专题会议) by button. */
async function offerTopic(ctx: Ctx, matterId: string, code: string, x: Opening): Promise<void> {
  const earlier = recurring(x.question, await earlierQuestionsTo(ctx.tx, x.target.id, matterId));
  const lead = await leadUnit(ctx);
  if (!earlier.length || !lead) return;
  const on = shiftWorkingDays(ctx.today, 10, ctx.services.calendar);
  const topic = t(ctx, 'consultation.topic_title', { question: [...x.question].slice(0, 30).join('') });
  const fields = { code, codes: earlier.join('、'), count: earlier.length + 1, org: x.target.name, topic, on };
  await notifyUnit(ctx, lead.id, 'consultation.recurring', fields, {
    matterId,
    card: {
      title: t(ctx, 'consultation.recurring_title', { code }),
      tone: 'info',
      fields: [],
      buttons: [{ label: t(ctx, 'consultation.button.topic'), command: `/会议 新建 日期=${on} 主题="${topic}"` }],
    },
  });
  audit(ctx, 'consultation.recurring', code, { earlier });
}

// The life of a matter (检察建议 first): register, plan its reminders, take replies,
// evaluations and extensions, and fire its reminders, overdue notices and escalations.
// Every function runs inside the caller's transaction and only queues messages.
import { computeDeadline, type Deadline } from '../../domain/deadline.js';
import { explainDeadline } from '../deadline-text.js';
import { nextOfficeMoment } from '../../domain/office-hours.js';
import { formatPeriod, readPeriod } from '../../domain/period.js';
import { periodProblem } from '../commands/common.js';
import { shanghaiDate } from '../../domain/civil-date.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { jitterSeconds } from '../../domain/reminder-plan.js';
import { shanghaiInstant } from '../../domain/civil-date.js';
import { escalationKey, planActions, type PlannedKind } from '../../domain/reminder-plan.js';
import { awaitingReply, canApply, isOpenStatus, nextStatus } from '../../domain/matter-state.js';
import { MATTER_KIND_LABEL, RECT_STATUS_LABEL, type MatterKind, type RectStatus } from '../../domain/vocabulary.js';
import { cancelPendingJobs, type JobInput, planJobs, postponeJob } from '../../store/jobs.js';
import { findMatterById, insertMatter, keepCodeSequence, latestReply, nextMatterCode, pendingExtension, type MatterWithOrgs } from '../../store/matters.js';
import { yearOf } from '../../domain/civil-date.js';
import { agencyButtons, dueText, matterCard, replyContent, timeLeftText } from '../cards.js';
import { audit, type Ctx, reply, t, UserError } from '../context.js';
import type { Attachment } from '../../chat/messages.js';
import { notify } from './notify.js';

const MATTER_JOB_KINDS = ['reminder', 'overdue', 'escalation'];

export function deadlineFor(ctx: Ctx, from: string, periodText: string): { deadline: Deadline; period: string } {
  const read = readPeriod(periodText);
  if ('error' in read) {
    const p = periodProblem(periodText, read.error);
    throw new UserError(p.key, p.fields);
  }
  return { deadline: computeDeadline(from, read.period, ctx.services.calendar), period: formatPeriod(read.period) };
}

function explanation(ctx: Ctx, d: Deadline): string {
  return explainDeadline(ctx.services.prompts, d).join('\n');
}

/** How a family plans its deadline jobs: recommendations use the defaults, a clue its stage's own. */
export interface DeadlinePlan {
  /** the job kind for reminder | overdue | escalation (a clue: clue_reminder …) */
  jobKind?: (k: PlannedKind) => string;
  /** before every key, e.g. the clue's stage `clue2:` */
  keyPrefix?: string;
  reminderOffsets?: number[];
  /** more in every job's payload */
  payload?: Record<string, unknown>;
}

/** Plans reminders, the overdue notice and the escalation for the matter's current due date. */
export async function planMatterJobs(ctx: Ctx, matterId: string, dueOn: string, plan: DeadlinePlan = {}): Promise<void> {
  const { config, calendar } = ctx.services;
  const hours = { start: config.officeStart, end: config.officeEnd };
  const earliest = nextOfficeMoment(ctx.now, hours, calendar);
  let overdueAt: Date | undefined;
  const jobs: JobInput[] = [];
  const reminderOffsets = plan.reminderOffsets ?? config.reminderOffsets;
  for (const a of planActions({ matterId, dueOn, calendar, hours, reminderOffsets, escalationAfterWorkdays: config.escalationAfterWorkdays, keyPrefix: plan.keyPrefix })) {
    if (a.kind === 'reminder' && a.at < ctx.now) continue; // a reminder for a day already past is pointless
    let at = a.at < ctx.now ? earliest : a.at; // an overdue notice already due goes at the next office moment
    if (a.kind === 'overdue') overdueAt = at;
    // the escalation counts its working days from the overdue notice actually sent
    if (a.kind === 'escalation' && overdueAt) at = new Date(Math.max(at.getTime(), escalationAfter(ctx, overdueAt, a.key).getTime()));
    jobs.push({ kind: plan.jobKind?.(a.kind) ?? a.kind, key: a.key, dueAt: at, matterId, payload: { ...plan.payload, dueOn, on: a.on, workdaysLeft: a.workdaysLeft ?? null } });
  }
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
}

/**
 * After an overdue notice went out: the escalation waits N working days from that day
 * (the ladder counts from the notice actually sent, not from the plan).
 */
export async function moveEscalation(ctx: Ctx, key: string): Promise<void> {
  await postponeJob(ctx.tx, key, escalationAfter(ctx, ctx.now, key));
  ctx.scheduled = true;
}

/** Office start (with the key's jitter) N working days after the day of `noticeAt`: the escalation ladder's step. */
function escalationAfter(ctx: Ctx, noticeAt: Date, key: string): Date {
  const { config, calendar } = ctx.services;
  const day = shiftWorkingDays(shanghaiDate(noticeAt), config.escalationAfterWorkdays, calendar);
  return new Date(shanghaiInstant(day, config.officeStart).getTime() + jitterSeconds(key) * 1000);
}

export interface RegisterInput {
  /** a clue is registered by the clue room (bot/clues) */
  kind: Exclude<MatterKind, 'clue'>;
  orgId: string;
  title: string;
  servedOn: string;
  period?: string;
  urgent?: boolean;
  summary?: string;
  /** a task from a meeting's resolution */
  meetingId?: string;
  /** an imported ledger row keeps its code (JY-2026-017) */
  code?: string;
  /** imported: reminders planned, but no notice or answer (the agency has had it for weeks) */
  silent?: boolean;
}

export async function registerMatter(ctx: Ctx, input: RegisterInput): Promise<MatterWithOrgs> {
  const { config } = ctx.services;
  if (input.servedOn > ctx.today) throw new UserError('error.served_in_future', { served: input.servedOn, today: ctx.today });
  const periodText = input.period ?? (input.urgent ? config.periods.urgent : config.periods[input.kind]);
  const { deadline } = deadlineFor(ctx, input.servedOn, periodText);
  const org = await ctx.services.roster.org(ctx.tx, input.orgId);
  // 被建议单位 is an administrative agency; a task may go to any unit (司法局, 纪委监委 …); either reachable in its bound work group
  if (!org || (org.kind !== 'agency' && input.kind !== 'task')) throw new UserError('error.not_an_agency', { org: org?.name ?? input.orgId, kind: t(ctx, `org_kind.${org?.kind ?? 'unknown'}`) });
  if ((await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency', orgId: org.id })).length === 0) throw new UserError('error.no_agency_group', { org: org.name });
  const code = input.code ?? (await nextMatterCode(ctx.tx, input.kind, yearOf(input.servedOn)));
  if (input.code) await keepCodeSequence(ctx.tx, input.code);
  const created = await insertMatter(ctx.tx, {
    code,
    kind: input.kind,
    title: input.title,
    summary: input.summary ?? '',
    urgent: input.urgent ?? false,
    issuingOrgId: ctx.member!.orgId,
    responsibleOrgId: input.orgId,
    servedOn: input.servedOn,
    periodRule: deadline.period,
    dueOn: deadline.due,
    originalDueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    createdById: ctx.member!.id,
    createdAt: ctx.now,
    meetingId: input.meetingId ?? null,
  });
  await planMatterJobs(ctx, created.id, deadline.due);
  // the new matter with its orgs, from the roster in memory (no read back)
  const issuing = await ctx.services.roster.orgRow(ctx.tx, created.issuingOrgId);
  const matter: MatterWithOrgs = { ...created, responsibleOrg: (await ctx.services.roster.orgRow(ctx.tx, org.id))!, issuingOrg: issuing! };
  audit(ctx, input.silent ? 'matter.import' : 'matter.register', code, { kind: input.kind, org: org.name, dueOn: deadline.due, provisional: deadline.provisional });
  if (input.silent) return matter;

  const kindLabel = MATTER_KIND_LABEL[input.kind];
  await notify(
    ctx,
    'agency',
    input.orgId,
    'matter.registered_notice',
    { kind: kindLabel, code, title: input.title, served: input.servedOn, period: deadline.period, due: deadline.due },
    { card: matterCard(ctx, matter, 'card.title.registered', 'info', agencyButtons(ctx, code)), matterId: matter.id },
  );
  const unit = t(ctx, input.kind === 'task' ? 'matter.unit_task' : 'matter.unit_recommendation');
  reply(ctx, 'matter.registered', { kind: kindLabel, code, unit, org: org.name, due: deadline.due, explanation: explanation(ctx, deadline) }, { matterId: matter.id });
  if (deadline.due < ctx.today) reply(ctx, 'matter.registered_overdue', { code, due: deadline.due });
  ctx.completed = { action: t(ctx, 'card.used.register') };
  return matter;
}

/** Only the responsible agency's people (or an admin) may reply or ask for more time. */
export function assertResponsible(ctx: Ctx, m: MatterWithOrgs): void {
  const member = ctx.member!;
  if (member.orgId !== m.responsibleOrgId && !member.roles.includes('admin'))
    throw new UserError('error.not_responsible', { code: m.code, org: m.responsibleOrg.name });
}

export async function submitReply(ctx: Ctx, matterId: string, answers: Record<string, unknown>): Promise<void> {
  const m = (await findMatterById(ctx.tx, matterId))!;
  assertResponsible(ctx, m);
  const status = nextStatus(m.status, 'reply');
  if (!status) throw new UserError('error.cannot_reply', { code: m.code, status: t(ctx, `status.${m.status}`) });
  const version = ((await latestReply(ctx.tx, m.id))?.version ?? 0) + 1;
  const attachments = (answers.attachments as Attachment[] | null) ?? [];
  await ctx.tx.reply.create({
    data: {
      matterId: m.id,
      version,
      measures: String(answers.measures),
      rectStatus: String(answers.rectStatus),
      expectedOn: (answers.expectedOn as string | null) ?? null,
      reason: (answers.reason as string | null) ?? null,
      attachments: JSON.stringify(attachments),
      submittedById: ctx.member!.id,
      submittedAt: ctx.now,
    },
  });
  await ctx.tx.matter.update({ where: { id: m.id }, data: { status, isOpen: isOpenStatus(status), updatedAt: ctx.now } });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  audit(ctx, 'matter.reply', m.code, { version, rectStatus: answers.rectStatus, attachments: attachments.length });
  const fields = {
    code: m.code,
    title: m.title,
    org: m.responsibleOrg.name,
    version,
    rectStatus: RECT_STATUS_LABEL[answers.rectStatus as RectStatus],
    by: ctx.member!.name,
  };
  reply(ctx, 'reply.received', fields, { matterId: m.id });
  ctx.completed = { action: t(ctx, 'card.used.reply', { version }) };
  const updated = (await findMatterById(ctx.tx, m.id))!;
  const content = replyContent(ctx, { version, measures: String(answers.measures), rectStatus: String(answers.rectStatus), expectedOn: (answers.expectedOn as string | null) ?? null, reason: (answers.reason as string | null) ?? null, attachments: JSON.stringify(attachments) });
  await notify(ctx, 'joint', undefined, 'reply.notice_joint', { ...fields, content: content.text }, {
    matterId: m.id,
    card: matterCard(ctx, updated, 'card.title.replied', 'success', [
      { label: t(ctx, 'card.button.pass'), command: `/评估 ${m.code} 通过`, style: 'primary' },
      { label: t(ctx, 'card.button.return'), command: `/评估 ${m.code} 退回`, style: 'danger' },
      { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
      ...(attachments.length ? [{ label: t(ctx, 'card.button.attachments'), command: `/附件 ${m.code}` }] : []),
    ], content.body, content.fields),
  });
}

export async function evaluate(ctx: Ctx, m: MatterWithOrgs, verdict: 'pass' | 'return', comment: string, periodText?: string): Promise<void> {
  if (m.status === 'closed') throw new UserError('error.matter_closed', { code: m.code, closed: m.closedAt ? shanghaiDate(m.closedAt) : '' });
  if (!canApply(m.status, verdict)) throw new UserError('error.cannot_evaluate', { code: m.code, status: t(ctx, `status.${m.status}`) });
  const last = await latestReply(ctx.tx, m.id);
  // nobody evaluates their own reply (one person may hold two roles)
  if (last?.submittedById && last.submittedById === ctx.member!.id) throw new UserError('error.self_evaluate', { code: m.code });
  ctx.completed = { action: t(ctx, verdict === 'pass' ? 'card.used.pass' : 'card.used.return') };
  if (verdict === 'pass') {
    await ctx.tx.evaluation.create({ data: { matterId: m.id, replyId: last?.id, verdict, comment, evaluatorId: ctx.member!.id, createdAt: ctx.now } });
    await ctx.tx.matter.update({ where: { id: m.id }, data: { status: 'closed', isOpen: isOpenStatus('closed'), closedAt: ctx.now, updatedAt: ctx.now } });
    await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
    audit(ctx, 'matter.pass', m.code, {});
    const fields = { code: m.code, title: m.title, comment: comment || t(ctx, 'common.none') };
    reply(ctx, 'evaluate.passed', fields);
    await notify(ctx, 'agency', m.responsibleOrgId, 'evaluate.passed_notice', fields, { matterId: m.id });
    return;
  }
  // 退回: a new period counted from today, new reminders
  const { deadline, period } = deadlineFor(ctx, ctx.today, periodText ?? m.periodRule);
  await ctx.tx.evaluation.create({
    data: { matterId: m.id, replyId: last?.id, verdict, comment, newPeriod: period, newDueOn: deadline.due, evaluatorId: ctx.member!.id, createdAt: ctx.now },
  });
  await ctx.tx.matter.update({
    where: { id: m.id },
    data: { status: 'returned', dueOn: deadline.due, dueProvisional: deadline.provisional, dueBasis: JSON.stringify(deadline), updatedAt: ctx.now },
  });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  await planMatterJobs(ctx, m.id, deadline.due);
  audit(ctx, 'matter.return', m.code, { newDueOn: deadline.due });
  const fields = { code: m.code, title: m.title, comment: comment || t(ctx, 'common.none'), due: deadline.due, period: deadline.period };
  reply(ctx, 'evaluate.returned', { ...fields, explanation: explanation(ctx, deadline) });
  const updated = (await findMatterById(ctx.tx, m.id))!;
  await notify(ctx, 'agency', m.responsibleOrgId, 'evaluate.returned_notice', fields, {
    matterId: m.id,
    card: matterCard(ctx, updated, 'card.title.returned', 'warning', agencyButtons(ctx, m.code), comment || undefined),
  });
}

export async function requestExtension(ctx: Ctx, matterId: string, periodText: string, reason: string): Promise<void> {
  const m = (await findMatterById(ctx.tx, matterId))!;
  assertResponsible(ctx, m);
  if (!canApply(m.status, 'request_extension')) throw new UserError('error.cannot_extend', { code: m.code, status: t(ctx, `status.${m.status}`) });
  if (await pendingExtension(ctx.tx, m.id)) throw new UserError('error.extension_pending', { code: m.code });
  const { deadline, period } = deadlineFor(ctx, m.dueOn, periodText);
  await ctx.tx.extensionRequest.create({
    data: { matterId: m.id, periodRule: period, reason, previousDueOn: m.dueOn, newDueOn: deadline.due, requestedById: ctx.member!.id, createdAt: ctx.now },
  });
  audit(ctx, 'matter.extension_request', m.code, { period, newDueOn: deadline.due });
  ctx.completed = { action: t(ctx, 'card.used.extension_request') };
  const fields = { code: m.code, title: m.title, org: m.responsibleOrg.name, period: deadline.period, previous: m.dueOn, due: deadline.due, reason, by: ctx.member!.name };
  reply(ctx, 'extension.requested', fields);
  await notify(ctx, 'joint', undefined, 'extension.request_notice', fields, {
    matterId: m.id,
    card: matterCard(ctx, m, 'card.title.extension', 'warning', [
      { label: t(ctx, 'card.button.approve'), command: `/延期 ${m.code} 批准`, style: 'primary' },
      { label: t(ctx, 'card.button.decline'), command: `/延期 ${m.code} 驳回`, style: 'danger' },
    ], t(ctx, 'extension.card_body', fields)),
  });
}

export async function decideExtension(ctx: Ctx, m: MatterWithOrgs, approve: boolean, comment: string): Promise<void> {
  const req = await pendingExtension(ctx.tx, m.id);
  if (!req) throw new UserError('error.no_pending_extension', { code: m.code });
  // nobody decides their own request
  if (req.requestedById && req.requestedById === ctx.member!.id) throw new UserError('error.self_approve', { code: m.code });
  ctx.completed = { action: t(ctx, approve ? 'card.used.approve' : 'card.used.decline') };
  const fields = { code: m.code, title: m.title, previous: req.previousDueOn, due: req.newDueOn ?? '', comment: comment || t(ctx, 'common.none') };
  if (!approve) {
    await ctx.tx.extensionRequest.update({ where: { id: req.id }, data: { status: 'declined', decidedById: ctx.member!.id, decidedAt: ctx.now, decisionNote: comment } });
    audit(ctx, 'matter.extension_decline', m.code, {});
    reply(ctx, 'extension.declined', fields);
    await notify(ctx, 'agency', m.responsibleOrgId, 'extension.declined_notice', fields, { matterId: m.id });
    return;
  }
  if (!canApply(m.status, 'extend')) throw new UserError('error.cannot_extend', { code: m.code, status: t(ctx, `status.${m.status}`) });
  // the new due date is counted from the due date in force when it is decided
  const { deadline } = deadlineFor(ctx, m.dueOn, req.periodRule);
  await ctx.tx.extensionRequest.update({
    where: { id: req.id },
    data: { status: 'approved', decidedById: ctx.member!.id, decidedAt: ctx.now, decisionNote: comment, previousDueOn: m.dueOn, newDueOn: deadline.due },
  });
  await ctx.tx.matter.update({
    where: { id: m.id },
    data: { dueOn: deadline.due, dueProvisional: deadline.provisional, dueBasis: JSON.stringify(deadline), updatedAt: ctx.now },
  });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  await planMatterJobs(ctx, m.id, deadline.due);
  audit(ctx, 'matter.extension_approve', m.code, { previous: m.dueOn, newDueOn: deadline.due });
  const approved = { ...fields, previous: m.dueOn, due: deadline.due };
  reply(ctx, 'extension.approved', { ...approved, explanation: explanation(ctx, deadline) });
  await notify(ctx, 'agency', m.responsibleOrgId, 'extension.approved_notice', approved, { matterId: m.id });
}

/** A reminder, overdue notice or escalation falling due. Returns false when it no longer applies. */
export async function fireMatterJob(ctx: Ctx, kind: string, m: MatterWithOrgs | undefined, payload: { dueOn?: string; workdaysLeft?: number | null }): Promise<boolean> {
  if (!m || !awaitingReply(m.status) || (payload.dueOn && payload.dueOn !== m.dueOn)) return false;
  const base = { code: m.code, title: m.title, org: m.responsibleOrg.name, due: dueText(ctx, m), kind: MATTER_KIND_LABEL[m.kind as MatterKind], state: timeLeftText(ctx, m.dueOn) };
  if (kind === 'reminder') {
    const left = payload.workdaysLeft ?? 0;
    const key = left === 0 ? 'remind.due_today' : 'remind.before';
    await notify(ctx, 'agency', m.responsibleOrgId, key, { ...base, left }, {
      matterId: m.id,
      card: matterCard(ctx, m, left === 0 ? 'card.title.due_today' : 'card.title.reminder', left <= 1 ? 'warning' : 'info', agencyButtons(ctx, m.code)),
    });
    audit(ctx, 'remind.sent', m.code, { workdaysLeft: left });
  } else if (kind === 'overdue') {
    const card = matterCard(ctx, m, 'card.title.overdue', 'danger', agencyButtons(ctx, m.code));
    await notify(ctx, 'agency', m.responsibleOrgId, 'overdue.agency', base, { matterId: m.id, card });
    const sup = await notify(ctx, 'supervisor', undefined, 'overdue.supervisor', base, {
      matterId: m.id,
      card: matterCard(ctx, m, 'card.title.overdue_supervisor', 'danger', [{ label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` }]),
    });
    await notify(ctx, 'joint', undefined, 'overdue.joint', base, { matterId: m.id, card: matterCard(ctx, m, 'card.title.overdue_joint', 'danger', [{ label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` }]) });
    // the escalation follows the ladder from this notice: N working days after today
    await moveEscalation(ctx, escalationKey(m.id, m.dueOn));
    audit(ctx, 'overdue.sent', m.code, { supervisorGroups: sup });
  } else if (kind === 'escalation') {
    const n = await notify(ctx, 'leaders', undefined, 'escalation.leaders', { ...base, days: ctx.services.config.escalationAfterWorkdays }, {
      matterId: m.id,
      card: matterCard(ctx, m, 'card.title.escalation', 'danger', [{ label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` }]),
    });
    await notify(ctx, 'supervisor', undefined, 'escalation.supervisor', { ...base, days: ctx.services.config.escalationAfterWorkdays }, { matterId: m.id });
    audit(ctx, 'escalation.sent', m.code, { leaderGroups: n });
  }
  return true;
}

// 线索的一生: 登记并移送 → 受理（承办人）→ 进展 → 办结（结果反馈移送单位）, or 退回 (the
// referrer chooses a new receiver) and 转办 (handed on, the chain kept). Every step is a
// ClueStep; every time limit is a job row (受理期限, 办结期限, 休眠提醒), so a restart or a
// clock jump repeats nothing and loses nothing.
//
// 限制知悉: a restricted clue's content (summary, persons or units involved, notes, the
// reason of a return, the result's explanation) never goes to a group chat. Groups see
// its code, category, receiving unit, stage and dates; the content goes by direct
// message to the referrer, the handler and the receiving unit's liaisons, and every
// reading of it is written to the audit log. Nothing here ever logs content.

import type { Card, CardButton } from '../../chat/messages.js';
import { shanghaiDate, yearOf } from '../../domain/civil-date.js';
import {
  CLUE_CATEGORY,
  type ClueCategory,
  type ClueEvent,
  type ClueLimit,
  clueNext,
  liftsRestriction,
} from '../../domain/clue.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { atOfficeStart, escalationKey, type PlannedKind } from '../../domain/reminder-plan.js';
import {
  addClue,
  addClueStep,
  type ClueRow,
  clueSteps,
  findClue,
  referClueOn,
  unitInChain,
  updateClue,
} from '../../store/clues.js';
import { cancelPendingJobs, planJobs } from '../../store/jobs.js';
import {
  findMatterById,
  insertMatter,
  type MatterWithOrgs,
  nextMatterCode,
  updateMatter,
} from '../../store/matters.js';
import type { MemberRow, OrgRow } from '../../store/roster.js';
import { assertNotClosed } from '../core/args.js';
import { timeLeftText } from '../core/cards.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { deadlineFor, moveEscalation, planMatterJobs } from '../core/matters.js';
import { notify, notifyUnit, tell, unitGroups } from '../core/notify.js';
import type { Fields } from '../core/prompts.js';

export type ClueMatter = MatterWithOrgs & { clue: ClueRow };

/** The stage's deadline jobs (受理 while referred, 办结 while handled), and the sleeping nudge. */
const DEADLINE_KINDS = ['clue_reminder', 'clue_overdue', 'clue_escalation'];
export const CLUE_JOB_KINDS = [...DEADLINE_KINDS, 'clue_sleep'];

export function limitOf(ctx: Ctx, category: string): ClueLimit {
  return ctx.services.config.clueLimits[category as ClueCategory];
}

export function categoryLabel(category: string): string {
  return CLUE_CATEGORY[category as ClueCategory]?.label ?? category;
}

export async function loadClue(ctx: Ctx, m: MatterWithOrgs): Promise<ClueMatter> {
  const clue = await findClue(ctx.tx, m.id);
  if (!clue) throw new Error(`clue row missing for ${m.code}`);
  return { ...m, clue };
}

async function reload(ctx: Ctx, matterId: string): Promise<ClueMatter> {
  return loadClue(ctx, (await findMatterById(ctx.tx, matterId))!);
}

// ---- who ----

/** The receiving unit's contacts: its liaisons and officers (联络员、联络人). */
export async function unitContacts(ctx: Ctx, orgId: string): Promise<MemberRow[]> {
  return (await ctx.services.roster.membersOf(ctx.tx, orgId)).filter(
    (m) => m.roles.includes('liaison') || m.roles.includes('officer'),
  );
}

/** May act for the unit that holds the clue now (受理、进展、办结、退回、转办). */
export function actsForHolder(ctx: Ctx, c: ClueMatter): boolean {
  const me = ctx.member!;
  return me.orgId === c.responsibleOrgId && (me.roles.includes('liaison') || me.roles.includes('officer'));
}

export function assertHolder(ctx: Ctx, c: ClueMatter, step: string): void {
  if (!actsForHolder(ctx, c))
    throw new UserError('clue.error.not_holder', { code: c.code, org: c.responsibleOrg.name, step });
}

/** Who may read a restricted clue's content: the referrer, the handler, the holding unit's contacts. */
export function readsRestricted(
  me: MemberRow | undefined,
  c: { referrerId: string | null; handlerId: string | null; orgId: string },
): boolean {
  if (!me) return false;
  if (me.id === c.referrerId || me.id === c.handlerId) return true;
  return me.orgId === c.orgId && (me.roles.includes('liaison') || me.roles.includes('officer'));
}

export async function mayReadContent(ctx: Ctx, c: ClueMatter): Promise<boolean> {
  return (
    !c.clue.restricted ||
    readsRestricted(ctx.member, {
      referrerId: c.clue.referrerId,
      handlerId: c.clue.handlerId,
      orgId: c.responsibleOrgId,
    })
  );
}

// ---- where ----

/** Whether the current message came from a group (where restricted content must not be shown). */
function inGroup(ctx: Ctx): boolean {
  return Boolean(ctx.incoming && !ctx.incoming.isDirect);
}

/** Says the answer where it was asked; for restricted content asked in a group, the group gets the outline and the person a direct message. */
async function answer(
  ctx: Ctx,
  c: ClueMatter,
  outlineKey: string,
  fullKey: string,
  fields: Fields,
  extra: { card?: Card } = {},
): Promise<void> {
  if (c.clue.restricted && inGroup(ctx)) {
    reply(ctx, outlineKey, fields, { matterId: c.id, ...extra });
    reply(ctx, 'clue.content_by_direct', { code: c.code });
    await tell(ctx, [ctx.member!.id], fullKey, fields, { matterId: c.id });
  } else reply(ctx, fullKey, fields, { matterId: c.id, ...extra });
}

// ---- cards ----

function outlineFields(ctx: Ctx, c: ClueMatter): Fields {
  return {
    code: c.code,
    category: categoryLabel(c.clue.category),
    from: c.issuingOrg.name,
    org: c.responsibleOrg.name,
    stage: t(ctx, `status.${c.status}`),
    due: c.dueOn,
    state: timeLeftText(ctx, c.dueOn),
    referred: c.servedOn,
    restricted: c.clue.restricted ? t(ctx, 'clue.restricted_mark') : '',
  };
}

/** A clue's card: its outline as fields; the content only when it may be shown there; `note` (the answer's own words) on top, since Feishu shows the card alone. */
function clueCard(
  ctx: Ctx,
  c: ClueMatter,
  titleKey: string,
  tone: Card['tone'],
  buttons: CardButton[],
  withContent: boolean,
  note?: string,
): Card {
  const f = outlineFields(ctx, c);
  const fields = [
    { label: t(ctx, 'clue.label.category'), value: String(f.category) },
    { label: t(ctx, 'clue.label.from'), value: c.issuingOrg.name },
    { label: t(ctx, 'clue.label.org'), value: c.responsibleOrg.name },
    { label: t(ctx, 'clue.label.stage'), value: String(f.stage) },
    {
      label: t(ctx, c.status === 'handling' ? 'clue.label.close_due' : 'clue.label.accept_due'),
      value: `${c.dueOn}（${f.state}）`,
    },
  ];
  if (withContent) {
    fields.push({ label: t(ctx, 'clue.label.source'), value: c.clue.source });
    if (c.clue.involved) fields.push({ label: t(ctx, 'clue.label.involved'), value: c.clue.involved });
  }
  const body = withContent ? c.summary : c.clue.restricted ? t(ctx, 'clue.card_restricted_body') : undefined;
  return {
    title: t(ctx, titleKey, { code: c.code }) + String(f.restricted),
    tone,
    fields,
    buttons,
    body: [note, body].filter(Boolean).join('\n\n') || undefined,
  };
}

const receiverButtons = (ctx: Ctx, code: string): CardButton[] => [
  { label: t(ctx, 'clue.button.accept'), command: `/线索 受理 ${code}`, style: 'primary' },
  { label: t(ctx, 'clue.button.return'), command: `/线索 退回 ${code}`, style: 'danger' },
  { label: t(ctx, 'clue.button.show'), command: `/线索 查看 ${code}` },
];

const handlerButtons = (ctx: Ctx, code: string): CardButton[] => [
  { label: t(ctx, 'clue.button.progress'), command: `/线索 进展 ${code}`, style: 'primary' },
  { label: t(ctx, 'clue.button.close'), command: `/线索 办结 ${code}` },
  { label: t(ctx, 'clue.button.show'), command: `/线索 查看 ${code}` },
];

// ---- the steps ----

export interface ClueInput {
  category: ClueCategory;
  receiver: OrgRow;
  source: string;
  summary: string;
  involved: string;
  restricted: boolean;
}

/** The unit a category goes to by default (司法局, 检察院, 纪委监委), other than the referrer's own. */
export async function defaultReceiver(ctx: Ctx, category: ClueCategory): Promise<OrgRow | undefined> {
  const kind = CLUE_CATEGORY[category].receiver;
  return (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.kind === kind && o.id !== ctx.member!.orgId);
}

/** The receiving unit must be another unit, reachable in a group of its own. */
async function assertReceiver(ctx: Ctx, receiver: OrgRow, code?: string, holderId?: string): Promise<void> {
  if (receiver.id === (holderId ?? ctx.member!.orgId))
    throw new UserError('clue.error.same_unit', { org: receiver.name });
  if ((await unitGroups(ctx, receiver.id)).length === 0)
    throw new UserError('clue.error.no_group', { org: receiver.name, code: code ?? '' });
}

export async function registerClue(ctx: Ctx, input: ClueInput): Promise<ClueMatter> {
  await assertReceiver(ctx, input.receiver);
  const limit = limitOf(ctx, input.category);
  const { deadline } = deadlineFor(ctx, ctx.today, `${limit.acceptWorkdays}个工作日`);
  const code = await nextMatterCode(ctx.tx, 'clue', yearOf(ctx.today));
  const label = CLUE_CATEGORY[input.category].label;
  // the title is what lists and the ledger show: never the content of a restricted clue
  const title = input.restricted
    ? t(ctx, 'clue.restricted_title', { category: label })
    : [...input.summary.replace(/\s+/g, ' ')].slice(0, 40).join('');
  const created = await insertMatter(ctx.tx, {
    code,
    kind: 'clue',
    title,
    summary: input.summary,
    confidentiality: input.restricted ? 'restricted' : 'internal',
    issuingOrgId: ctx.member!.orgId,
    responsibleOrgId: input.receiver.id,
    servedOn: ctx.today,
    periodRule: deadline.period,
    dueOn: deadline.due,
    originalDueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    status: 'referred',
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  await addClue(ctx.tx, {
    matterId: created.id,
    category: input.category,
    source: input.source,
    involved: input.involved,
    restricted: input.restricted,
    referrerId: ctx.member!.id,
    lastActivityAt: ctx.now,
    acceptDueOn: deadline.due,
  });
  await addClueStep(ctx.tx, {
    matterId: created.id,
    action: 'register',
    fromOrgId: ctx.member!.orgId,
    toOrgId: input.receiver.id,
    actorId: ctx.member!.id,
    actorName: ctx.member!.name,
    at: ctx.now,
  });
  const c = await reload(ctx, created.id);
  await planStage(ctx, c);
  audit(ctx, 'clue.register', code, {
    category: input.category,
    to: input.receiver.name,
    restricted: input.restricted,
    dueOn: deadline.due,
  });
  if (liftsRestriction(input.category, input.restricted))
    audit(ctx, 'clue.unrestricted', code, { category: input.category });
  await announceReferral(ctx, c);
  const fields = {
    ...outlineFields(ctx, c),
    summary: c.summary,
    involved: c.clue.involved || t(ctx, 'common.none'),
    source: c.clue.source,
  };
  if (c.clue.restricted && inGroup(ctx)) {
    // registered in a group by mistake: the group sees the outline, the content goes by direct message
    reply(ctx, 'clue.registered_outline', fields, { matterId: c.id });
    reply(ctx, 'clue.recall_hint', { code });
    await tell(ctx, [ctx.member!.id], 'clue.registered', fields, { matterId: c.id });
  } else reply(ctx, 'clue.registered', fields, { matterId: c.id });
  ctx.completed = { action: t(ctx, 'clue.used.register') };
  return c;
}

/** The receiving unit hears of a clue referred (or forwarded) to it; a restricted one's content goes to its contacts directly. */
async function announceReferral(ctx: Ctx, c: ClueMatter, forwardedBy?: string): Promise<void> {
  const fields = { ...outlineFields(ctx, c), by: forwardedBy ?? c.issuingOrg.name };
  const card = clueCard(ctx, c, 'clue.card.referred', 'info', receiverButtons(ctx, c.code), !c.clue.restricted);
  // the unit has a group: assertReceiver checked it before anything was written
  await notifyUnit(
    ctx,
    c.responsibleOrgId,
    c.clue.restricted ? 'clue.referred_notice_outline' : 'clue.referred_notice',
    { ...fields, summary: c.summary },
    { card, matterId: c.id },
  );
  if (c.clue.restricted)
    await tell(
      ctx,
      (await unitContacts(ctx, c.responsibleOrgId)).map((m) => m.id),
      'clue.referred_direct',
      { ...fields, summary: c.summary, involved: c.clue.involved || t(ctx, 'common.none'), source: c.clue.source },
      { matterId: c.id },
    );
}

/** The keys of a stage's jobs start with its referral and stage (clue2a: acceptance after the second referral), so no stage meets another's. */
const stagePrefix = (c: ClueMatter, stage: 'accept' | 'close') =>
  `clue${c.clue.referrals}${stage === 'close' ? 'c' : 'a'}:`;

/** Plans the current stage's deadline jobs: acceptance while referred, closing while handled. */
async function planStage(ctx: Ctx, c: ClueMatter): Promise<void> {
  const stage = c.status === 'handling' ? 'close' : 'accept';
  await planMatterJobs(ctx, c.id, c.dueOn, {
    jobKind: (k: PlannedKind) => `clue_${k}`,
    keyPrefix: stagePrefix(c, stage),
    // acceptance: one reminder the working day before; closing: the usual plan
    reminderOffsets: stage === 'accept' ? [1] : undefined,
    payload: { stage, referral: c.clue.referrals },
  });
}

/** The sleeping nudge: K working days after the last acceptance or progress note (休眠提醒). */
async function planSleep(ctx: Ctx, c: ClueMatter, since: Date, n: number, from: Date = since): Promise<void> {
  const { config, calendar } = ctx.services;
  const day = shiftWorkingDays(shanghaiDate(from), limitOf(ctx, c.clue.category).sleepWorkdays, calendar);
  const key = `clue_sleep:${c.id}:${since.toISOString()}:${n}`;
  const at = atOfficeStart(day, key, config.officeStart);
  await planJobs(
    ctx.tx,
    [{ kind: 'clue_sleep', key, dueAt: at, matterId: c.id, payload: { since: since.toISOString(), n } }],
    ctx.now,
  );
  ctx.scheduled = true;
}

/** The step is allowed in the clue's state; otherwise says what state it is in. Returns the next state. */
export function assertStep(ctx: Ctx, c: ClueMatter, event: ClueEvent): string {
  const next = clueNext(c.status, event);
  if (!next) {
    assertNotClosed(c, 'clue.error.closed');
    throw new UserError(`clue.error.cannot.${event}`, { code: c.code, stage: t(ctx, `status.${c.status}`) });
  }
  return next;
}

export async function acceptClue(ctx: Ctx, c: ClueMatter, handlerName: string): Promise<void> {
  assertHolder(ctx, c, t(ctx, 'clue.step.accept'));
  const status = assertStep(ctx, c, 'accept');
  const limit = limitOf(ctx, c.clue.category);
  const { deadline } = deadlineFor(ctx, ctx.today, limit.closePeriod);
  // 专人专管: the handler is a person of the receiving unit; the roster finds them for direct messages
  const handler = (await ctx.services.roster.membersOf(ctx.tx, c.responsibleOrgId)).find((m) => m.name === handlerName);
  await updateMatter(ctx.tx, c.id, {
    status,
    dueOn: deadline.due,
    periodRule: deadline.period,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    updatedAt: ctx.now,
  });
  await updateClue(ctx.tx, c.id, {
    handlerName,
    handlerId: handler?.id ?? null,
    acceptedOn: ctx.today,
    lastActivityAt: ctx.now,
  });
  await addClueStep(ctx.tx, {
    matterId: c.id,
    action: 'accept',
    fromOrgId: c.responsibleOrgId,
    toOrgId: c.responsibleOrgId,
    actorId: ctx.member!.id,
    actorName: ctx.member!.name,
    note: handlerName,
    at: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, c.id, CLUE_JOB_KINDS);
  const now = await reload(ctx, c.id);
  await planStage(ctx, now);
  await planSleep(ctx, now, ctx.now, 1);
  audit(ctx, 'clue.accept', c.code, { handlerOnRoster: Boolean(handler), dueOn: deadline.due });
  const fields = { ...outlineFields(ctx, now), handler: handlerName, sleep: limit.sleepWorkdays };
  const said = t(ctx, handler ? 'clue.accepted' : 'clue.accepted_unlisted', fields);
  reply(
    ctx,
    'common.raw',
    { text: said },
    {
      matterId: c.id,
      card: clueCard(ctx, now, 'clue.card.handling', 'info', handlerButtons(ctx, c.code), false, said),
    },
  );
  await notifyUnit(
    ctx,
    c.issuingOrgId,
    c.clue.restricted ? 'clue.accepted_notice_outline' : 'clue.accepted_notice',
    fields,
    { matterId: c.id },
  );
  if (handler && handler.id !== ctx.member!.id)
    await tell(
      ctx,
      [handler.id],
      'clue.handler_assigned',
      { ...fields, summary: c.summary, involved: c.clue.involved || t(ctx, 'common.none') },
      { matterId: c.id, card: clueCard(ctx, now, 'clue.card.handling', 'info', handlerButtons(ctx, c.code), true) },
    );
  ctx.completed = { action: t(ctx, 'clue.used.accept') };
}

/** 进展 is noted by the handler or the holding unit's contacts. */
export function assertMayNote(ctx: Ctx, c: ClueMatter): void {
  if (!actsForHolder(ctx, c) && ctx.member!.id !== c.clue.handlerId)
    throw new UserError('clue.error.not_holder', {
      code: c.code,
      org: c.responsibleOrg.name,
      step: t(ctx, 'clue.step.progress'),
    });
}

/** 转办 by the unit that holds it; 移送 again (after a return) by the referring unit's liaison. */
export function assertMayReferOn(ctx: Ctx, c: ClueMatter, event: 'forward' | 'refer'): void {
  if (event === 'forward') assertHolder(ctx, c, t(ctx, 'clue.step.forward'));
  else if (ctx.member!.orgId !== c.issuingOrgId || !ctx.member!.roles.includes('liaison'))
    throw new UserError('clue.error.not_referrer', { code: c.code, org: c.issuingOrg.name });
}

export async function noteProgress(ctx: Ctx, c: ClueMatter, note: string): Promise<void> {
  assertMayNote(ctx, c);
  assertStep(ctx, c, 'progress');
  await updateClue(ctx.tx, c.id, { lastActivityAt: ctx.now });
  await updateMatter(ctx.tx, c.id, { updatedAt: ctx.now });
  await addClueStep(ctx.tx, {
    matterId: c.id,
    action: 'progress',
    fromOrgId: c.responsibleOrgId,
    toOrgId: c.responsibleOrgId,
    actorId: ctx.member!.id,
    actorName: ctx.member!.name,
    note,
    at: ctx.now,
  });
  // the sleeping clock starts again from this note
  await cancelPendingJobs(ctx.tx, c.id, ['clue_sleep']);
  await planSleep(ctx, c, ctx.now, 1);
  audit(ctx, 'clue.progress', c.code, {});
  const next = shiftWorkingDays(ctx.today, limitOf(ctx, c.clue.category).sleepWorkdays, ctx.services.calendar);
  const fields = { ...outlineFields(ctx, c), note, next };
  await answer(ctx, c, 'clue.progress_outline', 'clue.progress_noted', fields);
  if (c.clue.restricted && inGroup(ctx)) reply(ctx, 'clue.recall_hint', { code: c.code });
}

export async function closeClue(ctx: Ctx, c: ClueMatter, result: string, note: string): Promise<void> {
  assertHolder(ctx, c, t(ctx, 'clue.step.close'));
  assertStep(ctx, c, 'close');
  await updateMatter(ctx.tx, c.id, { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
  await updateClue(ctx.tx, c.id, { result, resultNote: note, lastActivityAt: ctx.now });
  await addClueStep(ctx.tx, {
    matterId: c.id,
    action: 'close',
    fromOrgId: c.responsibleOrgId,
    toOrgId: c.issuingOrgId,
    actorId: ctx.member!.id,
    actorName: ctx.member!.name,
    note: note ? `${result}：${note}` : result,
    at: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, c.id, CLUE_JOB_KINDS);
  audit(ctx, 'clue.close', c.code, { result });
  const closed = await reload(ctx, c.id);
  const fields = {
    ...outlineFields(ctx, closed),
    result,
    note: note || t(ctx, 'common.none'),
    closed: ctx.today,
    onTime: ctx.today <= c.dueOn ? t(ctx, 'clue.on_time') : t(ctx, 'clue.late'),
  };
  await answer(ctx, closed, 'clue.closed_outline', 'clue.closed', fields);
  // 处理结果反馈移送部门: the referring unit's group, and the referrer in person
  await notifyUnit(ctx, c.issuingOrgId, c.clue.restricted ? 'clue.feedback_outline' : 'clue.feedback', fields, {
    matterId: c.id,
  });
  if (c.clue.referrerId && (c.clue.restricted || !(await unitGroups(ctx, c.issuingOrgId)).length))
    await tell(ctx, [c.clue.referrerId], 'clue.feedback_direct', fields, { matterId: c.id });
  ctx.completed = { action: t(ctx, 'clue.used.close') };
}

export async function returnClue(ctx: Ctx, c: ClueMatter, reason: string): Promise<void> {
  assertHolder(ctx, c, t(ctx, 'clue.step.return'));
  const status = assertStep(ctx, c, 'return');
  // back with the referring unit, which chooses a new receiver
  await updateMatter(ctx.tx, c.id, { status, responsibleOrgId: c.issuingOrgId, updatedAt: ctx.now });
  await updateClue(ctx.tx, c.id, { handlerName: null, handlerId: null, lastActivityAt: ctx.now });
  await addClueStep(ctx.tx, {
    matterId: c.id,
    action: 'return',
    fromOrgId: c.responsibleOrgId,
    toOrgId: c.issuingOrgId,
    actorId: ctx.member!.id,
    actorName: ctx.member!.name,
    note: reason,
    at: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, c.id, CLUE_JOB_KINDS);
  const back = await reload(ctx, c.id);
  // a returned clue must not sleep either: its referrer is nudged until it goes on
  await planSleep(ctx, back, ctx.now, 1);
  audit(ctx, 'clue.return', c.code, { from: c.responsibleOrg.name });
  const suggested = await defaultReceiver(ctx, c.clue.category as ClueCategory);
  const fields = {
    ...outlineFields(ctx, back),
    by: c.responsibleOrg.name,
    reason,
    suggest: suggested && suggested.id !== c.responsibleOrgId ? suggested.name : t(ctx, 'clue.another_unit'),
  };
  await answer(ctx, back, 'clue.returned_outline', 'clue.returned', fields);
  await notifyUnit(
    ctx,
    c.issuingOrgId,
    c.clue.restricted ? 'clue.returned_notice_outline' : 'clue.returned_notice',
    fields,
    { matterId: c.id },
  );
  if (c.clue.referrerId && c.clue.restricted)
    await tell(ctx, [c.clue.referrerId], 'clue.returned_notice', fields, { matterId: c.id });
  ctx.completed = { action: t(ctx, 'clue.used.return') };
}

/** 转办 (by the unit that holds it) and 移送 again after a return (by the referring unit). */
export async function referOn(ctx: Ctx, c: ClueMatter, receiver: OrgRow, event: 'forward' | 'refer'): Promise<void> {
  assertMayReferOn(ctx, c, event);
  const status = assertStep(ctx, c, event);
  await assertReceiver(ctx, receiver, c.code, c.responsibleOrgId);
  const limit = limitOf(ctx, c.clue.category);
  const { deadline } = deadlineFor(ctx, ctx.today, `${limit.acceptWorkdays}个工作日`);
  await updateMatter(ctx.tx, c.id, {
    status,
    responsibleOrgId: receiver.id,
    servedOn: ctx.today,
    periodRule: deadline.period,
    dueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    updatedAt: ctx.now,
  });
  await referClueOn(ctx.tx, c.id, deadline.due, ctx.now);
  await addClueStep(ctx.tx, {
    matterId: c.id,
    action: event,
    fromOrgId: c.responsibleOrgId,
    toOrgId: receiver.id,
    actorId: ctx.member!.id,
    actorName: ctx.member!.name,
    at: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, c.id, CLUE_JOB_KINDS);
  const moved = await reload(ctx, c.id);
  await planStage(ctx, moved);
  audit(ctx, `clue.${event}`, c.code, { from: c.responsibleOrg.name, to: receiver.name, dueOn: deadline.due });
  await announceReferral(ctx, moved, c.responsibleOrg.name);
  const fields = { ...outlineFields(ctx, moved), previous: c.responsibleOrg.name };
  reply(ctx, event === 'forward' ? 'clue.forwarded' : 'clue.referred_again', fields, { matterId: c.id });
  // the referring unit follows its clue along the chain
  if (event === 'forward') await notifyUnit(ctx, c.issuingOrgId, 'clue.forwarded_notice', fields, { matterId: c.id });
  ctx.completed = { action: t(ctx, event === 'forward' ? 'clue.used.forward' : 'clue.used.refer') };
}

// ---- reading ----

/** The chain and the current state; content only for those who may read it (audited when restricted). */
export async function showClue(ctx: Ctx, c: ClueMatter): Promise<void> {
  const me = ctx.member!;
  const overseer = me.roles.some((r) => r === 'supervisor' || r === 'leader' || r === 'admin');
  const inChain =
    me.orgId === c.issuingOrgId || me.orgId === c.responsibleOrgId || (await unitInChain(ctx.tx, c.id, me.orgId));
  if (!inChain && !overseer) throw new UserError('clue.error.not_yours', { code: c.code });
  const readsContent = await mayReadContent(ctx, c);
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const steps = await clueSteps(ctx.tx, c.id);
  const chain = (withNotes: boolean) =>
    steps
      .map((s) =>
        t(ctx, `clue.chain.${s.action}`, {
          at: shanghaiDate(s.at),
          from: orgs.get(s.fromOrgId ?? '') ?? '',
          to: orgs.get(s.toOrgId ?? '') ?? '',
          by: s.actorName,
          note: withNotes && s.note ? t(ctx, 'clue.chain.note', { note: s.note }) : '',
        }),
      )
      .join('\n');
  const base = {
    ...outlineFields(ctx, c),
    handler: c.clue.handlerName ?? t(ctx, 'common.none'),
    source: c.clue.source,
  };
  const outline = t(ctx, 'clue.show_outline', { ...base, chain: chain(!c.clue.restricted) });
  if (!readsContent) {
    reply(ctx, 'clue.show_restricted', { outline }, { matterId: c.id });
    return;
  }
  const full = t(ctx, 'clue.show_full', {
    ...base,
    summary: c.summary,
    involved: c.clue.involved || t(ctx, 'common.none'),
    result: c.clue.result
      ? t(ctx, 'clue.result_line', { result: c.clue.result, note: c.clue.resultNote || t(ctx, 'common.none') })
      : '',
    chain: chain(true),
  });
  if (c.clue.restricted) {
    // every reading of restricted content is on the record
    audit(ctx, 'clue.read', c.code, { channel: inGroup(ctx) ? 'direct_from_group' : 'direct' });
    if (inGroup(ctx)) {
      reply(ctx, 'common.raw', { text: outline }, { matterId: c.id });
      reply(ctx, 'clue.content_by_direct', { code: c.code });
      await tell(ctx, [me.id], 'common.raw', { text: full }, { matterId: c.id });
      return;
    }
  }
  reply(ctx, 'common.raw', { text: full }, { matterId: c.id });
}

// ---- jobs ----

/**
 * A clue's deadline job (受理 or 办结 reminder, overdue notice, escalation) or sleeping
 * nudge. Returns false when it no longer applies: the clue moved on since.
 */
export async function fireClueJob(
  ctx: Ctx,
  kind: string,
  m: MatterWithOrgs | undefined,
  payload: Record<string, unknown>,
): Promise<boolean> {
  if (m?.kind !== 'clue') return false;
  const c = await loadClue(ctx, m);
  if (kind === 'clue_sleep') return sleepNudge(ctx, c, payload);
  const stage = payload.stage === 'close' ? 'close' : 'accept';
  if (
    c.status !== (stage === 'close' ? 'handling' : 'referred') ||
    payload.dueOn !== c.dueOn ||
    payload.referral !== c.clue.referrals
  )
    return false;
  const fields = {
    ...outlineFields(ctx, c),
    days: ctx.services.config.escalationAfterWorkdays,
    left: Number(payload.workdaysLeft ?? 0),
  };
  const details = [{ label: t(ctx, 'clue.button.show'), command: `/线索 查看 ${c.code}` }];
  if (kind === 'clue_reminder') {
    await notifyUnit(ctx, c.responsibleOrgId, `clue.remind.${stage}`, fields, {
      matterId: c.id,
      card: clueCard(
        ctx,
        c,
        `clue.card.remind_${stage}`,
        'warning',
        stage === 'accept' ? receiverButtons(ctx, c.code) : handlerButtons(ctx, c.code),
        false,
      ),
    });
    if (stage === 'close' && c.clue.handlerId)
      await tell(ctx, [c.clue.handlerId], `clue.remind.${stage}`, fields, { matterId: c.id });
    audit(ctx, 'clue.remind', c.code, { stage });
  } else if (kind === 'clue_overdue') {
    await notifyUnit(ctx, c.responsibleOrgId, `clue.overdue.${stage}`, fields, {
      matterId: c.id,
      card: clueCard(
        ctx,
        c,
        `clue.card.overdue_${stage}`,
        'danger',
        stage === 'accept' ? receiverButtons(ctx, c.code) : handlerButtons(ctx, c.code),
        false,
      ),
    });
    // 督办: the government chases a unit that does not accept or close in time
    const n = await notify(ctx, 'supervisor', undefined, `clue.overdue.supervisor_${stage}`, fields, {
      matterId: c.id,
      card: clueCard(ctx, c, `clue.card.overdue_${stage}`, 'danger', details, false),
    });
    await notifyUnit(ctx, c.issuingOrgId, `clue.overdue.referrer_${stage}`, fields, { matterId: c.id });
    await moveEscalation(ctx, escalationKey(c.id, c.dueOn, stagePrefix(c, stage)));
    audit(ctx, 'clue.overdue', c.code, { stage, supervisorGroups: n });
  } else if (kind === 'clue_escalation') {
    const n = await notify(ctx, 'leaders', undefined, `clue.escalation.leaders_${stage}`, fields, {
      matterId: c.id,
      card: clueCard(ctx, c, 'clue.card.escalation', 'danger', details, false),
    });
    await notify(ctx, 'supervisor', undefined, `clue.escalation.supervisor_${stage}`, fields, { matterId: c.id });
    audit(ctx, 'clue.escalation', c.code, { stage, leaderGroups: n });
  } else return false;
  return true;
}

/** 休眠提醒: nothing noted for K working days. The next one is planned K working days on. */
async function sleepNudge(ctx: Ctx, c: ClueMatter, payload: Record<string, unknown>): Promise<boolean> {
  if ((c.status !== 'handling' && c.status !== 'bounced') || payload.since !== c.clue.lastActivityAt.toISOString())
    return false;
  const n = Number(payload.n ?? 1);
  const limit = limitOf(ctx, c.clue.category);
  const fields = {
    ...outlineFields(ctx, c),
    days: limit.sleepWorkdays * n,
    since: shanghaiDate(c.clue.lastActivityAt),
    handler: c.clue.handlerName ?? t(ctx, 'common.none'),
  };
  if (c.status === 'handling') {
    await notifyUnit(ctx, c.responsibleOrgId, 'clue.sleeping', fields, {
      matterId: c.id,
      card: clueCard(ctx, c, 'clue.card.sleeping', 'warning', handlerButtons(ctx, c.code), false),
    });
    if (c.clue.handlerId) await tell(ctx, [c.clue.handlerId], 'clue.sleeping_handler', fields, { matterId: c.id });
  } else {
    await notifyUnit(ctx, c.responsibleOrgId, 'clue.sleeping_returned', fields, { matterId: c.id });
    if (c.clue.referrerId) await tell(ctx, [c.clue.referrerId], 'clue.sleeping_returned', fields, { matterId: c.id });
  }
  audit(ctx, 'clue.sleeping', c.code, { n, status: c.status });
  await planSleep(ctx, c, c.clue.lastActivityAt, n + 1, ctx.now);
  return true;
}

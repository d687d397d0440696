// The steps of a clue once referred: 受理 (with its handler, 承办人), 进展, 办结 (the result fed back
// to the referring unit), 退回 (back to the referrer, who chooses a new receiver), and 转办 or 移送
// again (handed on, the chain kept). Each checks who may take it and that the state allows it.
import { type ClueCategory, type ClueEvent, clueNext } from '../../domain/clue.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { referClueOn, updateClue } from '../../store/clues.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import { updateMatter } from '../../store/matters.js';
import type { MemberRow, OrgRow } from '../../store/roster.js';
import { assertNotClosed } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { deadlineFor } from '../core/matters.js';
import { notifyUnit, tell, unitGroups } from '../core/notify.js';
import type { Fields } from '../core/prompts.js';
import { answer, assertHolder, assertMayNote, assertMayReferOn, inGroup } from './access.js';
import { clueCard, handlerButtons, outlineFields } from './cards.js';
import { planSleep, planStage } from './jobs.js';
import { announceReferral, assertReceiver, defaultReceiver } from './register.js';
import { CLUE_JOB_KINDS, type ClueMatter, chainStep, limitOf, reload } from './service.js';

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
  await chainStep(ctx, c.id, 'accept', c.responsibleOrgId, c.responsibleOrgId, handlerName);
  await cancelPendingJobs(ctx.tx, c.id, CLUE_JOB_KINDS);
  const now = await reload(ctx, c.id);
  await planStage(ctx, now);
  await planSleep(ctx, now, ctx.now, 1);
  audit(ctx, 'clue.accept', c.code, { handlerOnRoster: Boolean(handler), dueOn: deadline.due });
  const fields = { ...outlineFields(ctx, now), handler: handlerName, sleep: limit.sleepWorkdays };
  await sayHandler(ctx, now, handler, t(ctx, handler ? 'clue.accepted' : 'clue.accepted_unlisted', fields), fields);
  await notifyUnit(
    ctx,
    c.issuingOrgId,
    c.clue.restricted ? 'clue.accepted_notice_outline' : 'clue.accepted_notice',
    fields,
    { matterId: c.id },
  );
  ctx.completed = { action: t(ctx, 'clue.used.accept') };
}

/**
 * The handler named (at 受理, or after a self-handled clue's registration): `said` where it was
 * asked, with the handling card; the handler, when another person on the roster, gets the clue
 * by direct message (its content too: the handler may read it).
 */
export async function sayHandler(
  ctx: Ctx,
  c: ClueMatter,
  handler: MemberRow | undefined,
  said: string,
  fields: Fields,
): Promise<void> {
  const card = (withContent: boolean) =>
    clueCard(
      ctx,
      c,
      'clue.card.handling',
      'info',
      handlerButtons(ctx, c.code),
      withContent,
      withContent ? undefined : said,
    );
  reply(ctx, 'common.raw', { text: said }, { matterId: c.id, card: card(false) });
  if (handler && handler.id !== ctx.member!.id)
    await tell(
      ctx,
      [handler.id],
      'clue.handler_assigned',
      { ...fields, summary: c.summary, involved: c.clue.involved || t(ctx, 'common.none') },
      { matterId: c.id, card: card(true) },
    );
}

export async function noteProgress(ctx: Ctx, c: ClueMatter, note: string): Promise<void> {
  assertMayNote(ctx, c);
  assertStep(ctx, c, 'progress');
  await updateClue(ctx.tx, c.id, { lastActivityAt: ctx.now });
  await updateMatter(ctx.tx, c.id, { updatedAt: ctx.now });
  await chainStep(ctx, c.id, 'progress', c.responsibleOrgId, c.responsibleOrgId, note);
  // the sleeping clock starts again from this note
  await cancelPendingJobs(ctx.tx, c.id, ['clue_sleep']);
  await planSleep(ctx, c, ctx.now, 1);
  audit(ctx, 'clue.progress', c.code, {});
  const next = shiftWorkingDays(ctx.today, limitOf(ctx, c.clue.category).sleepWorkdays, ctx.services.calendar);
  const fields = { ...outlineFields(ctx, c), note, next };
  await answer(ctx, c, 'clue.progress_outline', 'clue.progress_noted', fields);
  recallHint(ctx, c);
}

/** Content of a restricted clue typed in a group (a note, a result, a reason): the person is asked to withdraw it. */
function recallHint(ctx: Ctx, c: ClueMatter): void {
  if (c.clue.restricted && inGroup(ctx)) reply(ctx, 'clue.recall_hint', { code: c.code });
}

export async function closeClue(ctx: Ctx, c: ClueMatter, result: string, note: string): Promise<void> {
  assertHolder(ctx, c, t(ctx, 'clue.step.close'));
  assertStep(ctx, c, 'close');
  await updateMatter(ctx.tx, c.id, { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
  await updateClue(ctx.tx, c.id, { result, resultNote: note, lastActivityAt: ctx.now });
  await chainStep(ctx, c.id, 'close', c.responsibleOrgId, c.issuingOrgId, note ? `${result}：${note}` : result);
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
  // a clue its own unit handled (本单位自行办理) has no other unit to feed the result back to
  const self = c.issuingOrgId === c.responsibleOrgId;
  const [outlineKey, fullKey] = self
    ? ['clue.closed_self_outline', 'clue.closed_self']
    : ['clue.closed_outline', 'clue.closed'];
  await answer(ctx, closed, outlineKey, fullKey, fields);
  recallHint(ctx, c);
  ctx.completed = { action: t(ctx, 'clue.used.close') };
  if (self) return;
  // 处理结果反馈移送部门: the referring unit's group, and the referrer in person
  await notifyUnit(ctx, c.issuingOrgId, c.clue.restricted ? 'clue.feedback_outline' : 'clue.feedback', fields, {
    matterId: c.id,
  });
  if (c.clue.referrerId && (c.clue.restricted || !(await unitGroups(ctx, c.issuingOrgId)).length))
    await tell(ctx, [c.clue.referrerId], 'clue.feedback_direct', fields, { matterId: c.id });
}

export async function returnClue(ctx: Ctx, c: ClueMatter, reason: string): Promise<void> {
  assertHolder(ctx, c, t(ctx, 'clue.step.return'));
  const status = assertStep(ctx, c, 'return');
  // back with the referring unit, which chooses a new receiver
  await updateMatter(ctx.tx, c.id, { status, responsibleOrgId: c.issuingOrgId, updatedAt: ctx.now });
  await updateClue(ctx.tx, c.id, { handlerName: null, handlerId: null, lastActivityAt: ctx.now });
  await chainStep(ctx, c.id, 'return', c.responsibleOrgId, c.issuingOrgId, reason);
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
  recallHint(ctx, c);
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
  await chainStep(ctx, c.id, event, c.responsibleOrgId, receiver.id);
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

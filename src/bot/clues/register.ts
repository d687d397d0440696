// 登记并移送: a clue registered by the referring unit's liaison and referred to the receiving
// unit (by default the one its category goes to), and the notice the receiving unit gets when a
// clue is referred or forwarded to it — a restricted one's content by direct message only. A clue
// whose receiving unit would be the registrant's own is not refused: it is 本单位自行办理, accepted at
// once; its 承办人 is asked after (self.ts).
import { yearOf } from '../../domain/civil-date.js';
import { CLUE_CATEGORY, type ClueCategory, liftsRestriction } from '../../domain/clue.js';
import type { Deadline } from '../../domain/deadline.js';
import { addClue, type NewClue } from '../../store/clues.js';
import { insertMatter, nextMatterCode } from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { orgArg } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { deadlineFor } from '../core/matters.js';
import { notifyUnit, tell, unitGroups } from '../core/notify.js';
import { inGroup, unitContacts } from './access.js';
import { clueCard, outlineFields, receiverButtons } from './cards.js';
import { planSleep, planStage } from './jobs.js';
import { restrictedSourceProblem } from './options.js';
import { assertSealable, type ClueMatter, chainStep, limitOf, reload, restrictedText } from './service.js';

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

/**
 * The unit a category's clue goes to when none is named: the default receiver, or — when the
 * category goes to the registrant's own kind of unit and no other one — their own unit, which
 * handles it itself (本单位自行办理: a procuratorate's own 公益诉讼 clue).
 */
export async function receiverOrSelf(ctx: Ctx, category: ClueCategory): Promise<OrgRow | undefined> {
  const d = await defaultReceiver(ctx, category);
  if (d || CLUE_CATEGORY[category].receiver !== ctx.member!.orgKind) return d;
  return ctx.services.roster.org(ctx.tx, ctx.member!.orgId);
}

/** The receiving unit named on the command line, or else the one the category goes to (maybe one's own). */
export async function receiverFor(ctx: Ctx, category: ClueCategory, given: string | undefined): Promise<OrgRow> {
  if (given) return orgArg(ctx, given);
  const d = await receiverOrSelf(ctx, category);
  if (d) return d;
  throw new UserError('clue.error.no_default_receiver', { category: CLUE_CATEGORY[category].label });
}

/** Whether a clue registered now for this receiving unit is one the registrant's own unit handles itself. */
export const handledBySelf = (ctx: Ctx, receiver: OrgRow): boolean => receiver.id === ctx.member!.orgId;

/** The receiving unit must be another unit, reachable in a group of its own. */
export async function assertReceiver(ctx: Ctx, receiver: OrgRow, code?: string, holderId?: string): Promise<void> {
  if (receiver.id === (holderId ?? ctx.member!.orgId))
    throw new UserError('clue.error.same_unit', { org: receiver.name });
  if ((await unitGroups(ctx, receiver.id)).length === 0)
    throw new UserError('clue.error.no_group', { org: receiver.name, code: code ?? '' });
}

/** How the registered clue is held: by which unit, in which state, to which deadline (and accepted when). */
export interface Holding {
  orgId: string;
  status: string;
  deadline: Deadline;
  acceptDueOn: string;
  acceptedOn?: string;
}

/** Writes the clue (its matter and row) as registered now by the person speaking; returns its id and code. */
export async function insertClue(ctx: Ctx, input: ClueInput, held: Holding): Promise<{ id: string; code: string }> {
  const { deadline } = held;
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
    summary: input.restricted ? restrictedText(ctx, input.summary) : input.summary,
    confidentiality: input.restricted ? 'restricted' : 'internal',
    issuingOrgId: ctx.member!.orgId,
    responsibleOrgId: held.orgId,
    servedOn: ctx.today,
    periodRule: deadline.period,
    dueOn: deadline.due,
    originalDueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    status: held.status,
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  const row: NewClue = {
    matterId: created.id,
    category: input.category,
    source: input.source,
    involved: input.involved,
    restricted: input.restricted,
    referrerId: ctx.member!.id,
    lastActivityAt: ctx.now,
    acceptDueOn: held.acceptDueOn,
    acceptedOn: held.acceptedOn ?? null,
  };
  await addClue(ctx.tx, row);
  return { id: created.id, code };
}

/** The registration audited: a category's 限制知悉 lifted is on the record too. */
export function auditRegistration(ctx: Ctx, input: ClueInput, code: string, detail: Record<string, unknown>): void {
  audit(ctx, 'clue.register', code, { category: input.category, restricted: input.restricted, ...detail });
  if (liftsRestriction(input.category, input.restricted))
    audit(ctx, 'clue.unrestricted', code, { category: input.category });
}

/** Says the registered clue to its registrant: in a group, a restricted one's outline only, its content by direct message. */
export async function sayRegistered(
  ctx: Ctx,
  c: ClueMatter,
  fullKey: string,
  outlineKey: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const fields = {
    ...outlineFields(ctx, c),
    ...extra,
    summary: c.summary,
    involved: c.clue.involved || t(ctx, 'common.none'),
    source: c.clue.source,
  };
  if (c.clue.restricted && inGroup(ctx)) {
    // registered in a group by mistake: the group sees the outline, the content goes by direct message
    reply(ctx, outlineKey, fields, { matterId: c.id });
    reply(ctx, 'clue.recall_hint', { code: c.code });
    await tell(ctx, [ctx.member!.id], fullKey, fields, { matterId: c.id });
  } else reply(ctx, fullKey, fields, { matterId: c.id });
  ctx.completed = { action: t(ctx, 'clue.used.register') };
}

/** Registers a clue and refers it to its receiving unit; one for the registrant's own unit is handled by it (self.ts). */
export async function registerClue(ctx: Ctx, input: ClueInput): Promise<ClueMatter> {
  assertSealable(ctx, input.restricted);
  const misfit = restrictedSourceProblem(input.source, input.restricted);
  if (misfit)
    throw new UserError(
      inGroup(ctx) ? 'clue.error.restricted_source_in_group' : 'clue.error.restricted_source',
      misfit,
    );
  if (handledBySelf(ctx, input.receiver)) return registerSelfHandled(ctx, input);
  await assertReceiver(ctx, input.receiver);
  const limit = limitOf(ctx, input.category);
  const { deadline } = deadlineFor(ctx, ctx.today, `${limit.acceptWorkdays}个工作日`);
  const { id, code } = await insertClue(ctx, input, {
    orgId: input.receiver.id,
    status: 'referred',
    deadline,
    acceptDueOn: deadline.due,
  });
  await chainStep(ctx, id, 'register', ctx.member!.orgId, input.receiver.id);
  const c = await reload(ctx, id);
  await planStage(ctx, c);
  auditRegistration(ctx, input, code, { to: input.receiver.name, dueOn: deadline.due });
  await announceReferral(ctx, c);
  await sayRegistered(ctx, c, 'clue.registered', 'clue.registered_outline');
  return c;
}

/**
 * 本单位自行办理: the registrant's own unit is the receiving unit (a procuratorate's own 公益诉讼
 * clue). Nothing goes to another unit; the clue is accepted at once, by the registrant, today, with
 * the closing limit an accepted clue gets, kept in the ledger like any other. Its 承办人 is asked after.
 */
async function registerSelfHandled(ctx: Ctx, input: ClueInput): Promise<ClueMatter> {
  const own = ctx.member!.orgId;
  const limit = limitOf(ctx, input.category);
  const accept = deadlineFor(ctx, ctx.today, `${limit.acceptWorkdays}个工作日`).deadline;
  const { deadline } = deadlineFor(ctx, ctx.today, limit.closePeriod);
  const { id, code } = await insertClue(ctx, input, {
    orgId: own,
    status: 'handling',
    deadline,
    acceptDueOn: accept.due,
    acceptedOn: ctx.today,
  });
  await chainStep(ctx, id, 'register', own, own);
  await chainStep(ctx, id, 'accept', own, own);
  const c = await reload(ctx, id);
  await planStage(ctx, c);
  await planSleep(ctx, c, ctx.now, 1);
  auditRegistration(ctx, input, code, { to: input.receiver.name, self: true, dueOn: deadline.due });
  audit(ctx, 'clue.accept', code, { self: true, dueOn: deadline.due });
  await sayRegistered(ctx, c, 'clue.registered_self', 'clue.registered_self_outline', { accepted: ctx.today });
  return c;
}

/** The receiving unit hears of a clue referred (or forwarded) to it; a restricted one's content goes to its contacts directly. */
export async function announceReferral(ctx: Ctx, c: ClueMatter, forwardedBy?: string): Promise<void> {
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

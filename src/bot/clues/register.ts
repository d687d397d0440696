// 登记并移送: a clue registered by the referring unit's liaison and referred to the receiving
// unit (by default the one its category goes to), and the notice the receiving unit gets when a
// clue is referred or forwarded to it — a restricted one's content by direct message only.
import { yearOf } from '../../domain/civil-date.js';
import { CLUE_CATEGORY, type ClueCategory, liftsRestriction } from '../../domain/clue.js';
import { addClue } from '../../store/clues.js';
import { insertMatter, nextMatterCode } from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { orgArg } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { deadlineFor } from '../core/matters.js';
import { notifyUnit, tell, unitGroups } from '../core/notify.js';
import { inGroup, unitContacts } from './access.js';
import { clueCard, outlineFields, receiverButtons } from './cards.js';
import { planStage } from './jobs.js';
import { type ClueMatter, chainStep, limitOf, reload } from './service.js';

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

/** The receiving unit named on the command line, or else the one the category goes to. */
export async function receiverFor(ctx: Ctx, category: ClueCategory, given: string | undefined): Promise<OrgRow> {
  if (given) return orgArg(ctx, given);
  const d = await defaultReceiver(ctx, category);
  if (d) return d;
  if (CLUE_CATEGORY[category].receiver === ctx.member!.orgKind)
    throw new UserError('clue.error.own_category', {
      category: CLUE_CATEGORY[category].label,
      org: ctx.member!.orgName,
    });
  throw new UserError('clue.error.no_default_receiver', { category: CLUE_CATEGORY[category].label });
}

/** The receiving unit must be another unit, reachable in a group of its own. */
export async function assertReceiver(ctx: Ctx, receiver: OrgRow, code?: string, holderId?: string): Promise<void> {
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
  await chainStep(ctx, created.id, 'register', ctx.member!.orgId, input.receiver.id);
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

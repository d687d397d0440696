// 限制知悉 and who may act on a clue: who registers, who acts for the unit that holds it (受理、
// 进展、办结、退回、转办), who refers it again after a return, who may read a restricted clue's
// content (the rule itself is readsRestricted in domain/clue.ts), and where an answer with that
// content may be said: never in a group, where the person gets it by direct message instead.
import type { Card } from '../../chat/messages.js';
import { readsRestricted } from '../../domain/clue.js';
import type { MemberRow } from '../../store/roster.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import { tell } from '../core/notify.js';
import type { Permission } from '../core/permissions.js';
import type { Fields } from '../core/prompts.js';
import type { ClueMatter } from './service.js';

// ---- who ----

/** A participating unit's liaison registers and refers clues (检察院、司法局、纪委监委 …). */
export const REGISTRAR: Permission = { allow: ['liaison'] };

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
export function inGroup(ctx: Ctx): boolean {
  return Boolean(ctx.incoming && !ctx.incoming.isDirect);
}

/** Says the answer where it was asked; for restricted content asked in a group, the group gets the outline and the person a direct message. */
export async function answer(
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

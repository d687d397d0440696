// Who acts on a consultation and who may read a restricted one (控制知悉范围, as restricted clues:
// bot/clues/access.ts): the person who asked, and the contacts (联络员、经办人) of the unit asked. Its
// question and answer go by direct message only, and every reading is audited.
import type { ConsultationRow as Consultation } from '../../store/consultations.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import type { MemberRow } from '../../store/roster.js';
import { matterArg } from '../core/args.js';
import { type Ctx, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import type { Permission } from '../core/permissions.js';

/** Asking and answering: a unit's liaisons and officers (检察院、政府工作部门、司法局 …). */
export const CONSULTERS: Permission = { allow: ['liaison', 'officer'] };

const isContact = (m: MemberRow) => m.roles.includes('liaison') || m.roles.includes('officer');

/** The contacts of a unit: those told of a question put to it. */
export async function contactsOf(ctx: Ctx, orgId: string): Promise<MemberRow[]> {
  return (await ctx.services.roster.membersOf(ctx.tx, orgId)).filter(isContact);
}

/** Answers for the unit asked: its liaisons and officers. */
export function assertAnswers(ctx: Ctx, m: MatterWithOrgs): void {
  const me = ctx.member!;
  if (me.orgId !== m.responsibleOrgId || !isContact(me))
    throw new UserError('consultation.error.not_asked', { code: m.code, org: m.responsibleOrg.name });
}

/** Reads the content: anyone for an ordinary one; the asker and the asked unit's contacts for a restricted one. */
export function mayRead(ctx: Ctx, m: MatterWithOrgs, c: Consultation): boolean {
  const me = ctx.member;
  if (!me) return false;
  if (!c.restricted) return true;
  return me.id === c.askerId || (me.orgId === m.responsibleOrgId && isContact(me));
}

export const inGroup = (ctx: Ctx): boolean => Boolean(ctx.incoming && !ctx.incoming.isDirect);

/** The consultation the first word names (ZQ-…); another kind's code is refused in these words. */
export async function consultationArg(ctx: Ctx, cmd: ParsedCommand, usageKey: string): Promise<MatterWithOrgs> {
  const m = await matterArg(ctx, cmd, usageKey);
  if (m.kind !== 'consultation') throw new UserError('consultation.error.not_consultation', { code: m.code });
  return m;
}

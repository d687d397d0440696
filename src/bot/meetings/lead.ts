// 牵头单位: the unit that leads the mechanism — convenes the joint meetings (/会议 计划、新建、确认、改期)
// and records their minutes (/纪要). The roster's `lead:` (a 司法局, a 府检联动办公室), the
// procuratorate when it names none. A liaison of that unit does it, or an admin.
import type { OrgRow } from '../../store/roster.js';
import { type Ctx, t, UserError } from '../core/context.js';
import type { Permission } from '../core/permissions.js';

/**
 * Who reaches the lead's commands and forms: any member, so that a refusal can name the lead
 * unit (a static rule cannot); assertLead then decides.
 */
export const ORGANISER: Permission = { allow: 'member' };

/** The lead unit: the roster's `lead:`, else the procuratorate on the roster (undefined when it has none). */
export async function leadUnit(ctx: Ctx): Promise<OrgRow | undefined> {
  const named = await ctx.services.roster.lead(ctx.tx);
  if (named) return named;
  return (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.kind === 'procuratorate');
}

/** The lead unit's name as a refusal or a notice says it: its full name, or 检察院 when the roster has neither. */
export async function leadName(ctx: Ctx): Promise<string> {
  return (await leadUnit(ctx))?.name ?? t(ctx, 'org_kind.procuratorate');
}

/** A liaison of the lead unit, or an admin. */
export async function isLead(ctx: Ctx): Promise<boolean> {
  const me = ctx.member;
  if (!me) return false;
  if (me.roles.includes('admin')) return true;
  const lead = await leadUnit(ctx);
  return !!lead && me.roles.includes('liaison') && me.orgId === lead.id;
}

/** Refuses anyone but a liaison of the lead unit or an admin; the refusal names the lead unit and whom to ask. */
export async function assertLead(ctx: Ctx, command: string): Promise<void> {
  if (!ctx.member) throw new UserError('error.guest');
  if (await isLead(ctx)) return;
  throw new UserError('meeting.error.not_lead', { command, lead: await leadName(ctx) });
}

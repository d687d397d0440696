// 牵头单位: the unit that leads the mechanism — convenes the joint meetings (/会议 计划、新建、确认、改期)
// and records their minutes (/纪要). The roster's `lead:` (a 司法局, a 府检联动办公室), the
// procuratorate when it names none. A liaison of that unit does it, or an admin.
import { type Ctx, UserError } from '../core/context.js';
import { leadName, leadUnit } from '../core/lead.js';

export { leadName, leadUnit };

import type { Permission } from '../core/permissions.js';

/**
 * Who reaches the lead's commands and forms: any member, so that a refusal can name the lead
 * unit (a static rule cannot); assertLead then decides.
 */
export const ORGANISER: Permission = { allow: 'member' };

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

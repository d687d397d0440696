// 牵头单位: the unit that leads the mechanism — the roster's `lead:` (a 司法局, a 府检联动办公室), the
// procuratorate when it names none. It convenes the joint meetings and signs the circulars and tables.
import type { OrgRow } from '../../store/roster.js';
import { type Ctx, t } from './context.js';

/** The lead unit: the roster's `lead:`, else the procuratorate on the roster (undefined when it has none). */
export async function leadUnit(ctx: Ctx): Promise<OrgRow | undefined> {
  const named = await ctx.services.roster.lead(ctx.tx);
  if (named) return named;
  return (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.kind === 'procuratorate');
}

/** The lead unit's name as a refusal or a document says it: its full name, or 检察院 when the roster has neither. */
export async function leadName(ctx: Ctx): Promise<string> {
  return (await leadUnit(ctx))?.name ?? t(ctx, 'org_kind.procuratorate');
}

// What the campaign room shares: the campaign a code names, who runs it, its units.
import { normalizeCode } from '../../domain/codes.js';
import { type CampaignRow, campaignByCode, campaignById } from '../../store/campaigns.js';
import { parseJson } from '../../store/tx.js';
import { type Ctx, t, UserError } from '../core/context.js';
import { leadUnit } from '../core/lead.js';

export type { CampaignRow };

const CAMPAIGN_CODE = /^ZX-\d{4}-\d{3,}$/;
export const unitIds = (c: CampaignRow) => parseJson<string[]>(c.orgIds, []);

export async function requireCampaign(ctx: Ctx, raw: string | undefined, usageKey: string): Promise<CampaignRow> {
  if (!raw) throw new UserError('campaign.error.missing_code', { usage: t(ctx, usageKey) });
  const code = normalizeCode(raw);
  if (!CAMPAIGN_CODE.test(code))
    throw new UserError('campaign.error.bad_code', { value: raw, usage: t(ctx, usageKey) });
  const c = await campaignByCode(ctx.tx, code);
  if (!c) throw new UserError('campaign.error.unknown_code', { code });
  return c;
}

export async function contextCampaign(ctx: Ctx, context: Record<string, string>): Promise<CampaignRow> {
  const c = await campaignById(ctx.tx, context.campaignId ?? '');
  if (!c) throw new UserError('error.card_forged');
  return c;
}

/** A campaign is run by the liaisons of the lead unit, the procuratorate and the 司法局 (检察院会同司法局). */
export async function assertOrganiser(ctx: Ctx): Promise<void> {
  const m = ctx.member!;
  const lead = await leadUnit(ctx);
  if (m.orgId !== lead?.id && !['procuratorate', 'judicial'].includes(m.orgKind))
    throw new UserError('campaign.error.not_organiser', { lead: lead?.name ?? t(ctx, 'org_kind.procuratorate') });
}

export function assertOpen(c: CampaignRow): void {
  if (c.status === 'closed') throw new UserError('campaign.error.closed', { code: c.code });
}

export async function orgNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
}

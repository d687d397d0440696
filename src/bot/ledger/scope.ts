// Which matters a person may see in the ledger: an agency's people (or its group) their own
// agency's; the procuratorate, supervisors and leaders all of them.

import { matterHistory } from '../../store/matters.js';
import { matterArg } from '../core/args.js';
import { type Ctx, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';

/** People of an agency see their own agency's matters; the procuratorate, supervisors and leaders see all. */
export function scopeOrg(ctx: Ctx): string | undefined {
  if (ctx.binding?.purpose === 'agency' && ctx.binding.orgId) return ctx.binding.orgId;
  if (ctx.member?.orgKind === 'agency') return ctx.member.orgId;
  return undefined;
}

/** The matter a command names (of one of `kinds` when given), with its history, if the asker's scope lets them see it. */
export async function visibleMatter(ctx: Ctx, cmd: ParsedCommand, usageKey: string, kinds?: string[]) {
  const m = await matterArg(ctx, cmd, usageKey, kinds);
  const orgId = scopeOrg(ctx);
  if (orgId && m.responsibleOrgId !== orgId) throw new UserError('error.not_your_matter', { code: m.code });
  return { m, h: await matterHistory(ctx.tx, m.id) };
}

// Who acts on a lawsuit (行政应诉): the defendant agency's own people (联络员、经办人、负责人) and the
// 司法局, which guides and supervises 行政应诉 work (法治政府建设实施纲要; the local rules make it the
// unit that checks 负责人出庭). Everyone else is told who may.
import type { MatterWithOrgs } from '../../store/matters.js';
import { matterArg } from '../core/args.js';
import { type Ctx, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import type { Permission } from '../core/permissions.js';

/** Registering and recording: an agency's people or the 司法局's (checked again per case below). */
export const LAWSUIT_UNITS: Permission = { allow: ['liaison', 'officer', 'head'], orgKinds: ['agency', 'judicial'] };

/** Whether the person acts for the case: of the defendant agency, or of the 司法局. */
export function actsFor(ctx: Ctx, m: Pick<MatterWithOrgs, 'responsibleOrgId'>): boolean {
  const me = ctx.member;
  return Boolean(me && (me.orgId === m.responsibleOrgId || me.orgKind === 'judicial'));
}

export function assertActsFor(ctx: Ctx, m: MatterWithOrgs): void {
  if (!actsFor(ctx, m)) throw new UserError('lawsuit.error.not_yours', { code: m.code, org: m.responsibleOrg.name });
}

/** The members told in person of a hearing: the agency's head(s) on the roster (名册角色 head). */
export async function headsOf(ctx: Ctx, orgId: string) {
  return (await ctx.services.roster.membersOf(ctx.tx, orgId)).filter((m) => m.roles.includes('head'));
}

/** The 司法局 on the roster (it hears of every case, and gives the compliance task). */
export async function judicialOrg(ctx: Ctx) {
  return (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.kind === 'judicial');
}

/** The lawsuit the first word names (YS-…); another kind's code is refused in these words. */
export async function lawsuitArg(ctx: Ctx, cmd: ParsedCommand, usageKey: string): Promise<MatterWithOrgs> {
  const m = await matterArg(ctx, cmd, usageKey);
  if (m.kind !== 'lawsuit') throw new UserError('lawsuit.error.not_lawsuit', { code: m.code });
  return m;
}

// Who evaluates a matter's replies and decides its extensions: the unit that issued it — the
// procuratorate for its 检察建议 (人民检察院检察建议工作规定), the 司法局 for its 《行政执法监督通知书》,
// the issuing unit for a task (a 司法局牵头 mechanism closes its own tasks) — and where it hears.
import type { Outgoing } from '../../chat/messages.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { type Ctx, t, UserError } from './context.js';
import { notify, notifyUnit } from './notify.js';
import type { Fields } from './prompts.js';

const issuedByProcuratorate = (m: MatterWithOrgs) => m.issuingOrg.kind === 'procuratorate';

/** A liaison of the issuing unit (or an admin). */
export function mayEvaluate(ctx: Ctx, m: MatterWithOrgs): boolean {
  const member = ctx.member;
  if (!member) return false;
  if (member.roles.includes('admin')) return true;
  return member.roles.includes('liaison') && member.orgId === m.issuingOrgId;
}

export function assertEvaluator(ctx: Ctx, m: MatterWithOrgs): void {
  if (!mayEvaluate(ctx, m)) throw new UserError('error.not_evaluator', { code: m.code, org: evaluatorName(ctx, m) });
}

/** The evaluating unit as the agency reads it: 检察院, or the issuing unit's name. */
export function evaluatorName(ctx: Ctx, m: MatterWithOrgs): string {
  return issuedByProcuratorate(m) ? t(ctx, 'matter.evaluator_procuratorate') : m.issuingOrg.name;
}

/** The evaluating unit's groups: the joint group for the procuratorate, else the issuing unit's own groups. */
export async function notifyEvaluator(
  ctx: Ctx,
  m: MatterWithOrgs,
  key: string,
  fields: Fields,
  extra: Omit<Outgoing, 'platform' | 'to' | 'text'> = {},
): Promise<number> {
  return issuedByProcuratorate(m)
    ? notify(ctx, 'joint', undefined, key, fields, extra)
    : notifyUnit(ctx, m.issuingOrgId, key, fields, extra);
}

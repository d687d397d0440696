// Who works on a recommendation: the procuratorate's liaisons issue and evaluate it, the
// responsible unit's people reply and ask for more time; and which matters those commands take.

import type { MatterWithOrgs } from '../../store/matters.js';
import { type Ctx, UserError } from '../core/context.js';
import type { Permission } from '../core/permissions.js';

/** 检察建议 are issued and evaluated by the procuratorate's liaisons (人民检察院检察建议工作规定) */
export const PROCURATORATE_LIAISON: Permission = { allow: ['liaison'], orgKinds: ['procuratorate'] };
/** 评估 and 延期 decisions: a liaison, of the unit that issued the matter (evaluator.ts) */
export const LIAISON: Permission = { allow: ['liaison'] };
/** what /反馈, /评估 and /延期 work on (a clue has its own steps: /线索 …) */
export const RECOMMENDATION_KINDS = ['recommendation', 'pil_recommendation', 'task', 'supervision_notice'];

/** Only the responsible agency's people (or an admin) may reply or ask for more time. */
export function assertResponsible(ctx: Ctx, m: MatterWithOrgs): void {
  const member = ctx.member!;
  if (member.orgId !== m.responsibleOrgId && !member.roles.includes('admin'))
    throw new UserError('error.not_responsible', { code: m.code, org: m.responsibleOrg.name });
}

// Who may do what: a command, a form's submit, a step of a clue. One rule shape and one
// way to say it, so every refusal names who may ("该命令仅限检察院的联络员使用").
import type { OrgKind, Role } from '../../domain/vocabulary.js';
import { type Ctx, t } from './context.js';

export interface Permission {
  /** roles allowed, any known member, or anyone (guests too) */
  allow: Role[] | 'member' | 'anyone';
  /** and only members of these kinds of unit (recommendations: the procuratorate's liaisons) */
  orgKinds?: OrgKind[];
}

export function permits(ctx: Ctx, rule: Permission): boolean {
  if (rule.allow === 'anyone') return true;
  const m = ctx.member;
  if (!m) return false;
  if (rule.orgKinds && !rule.orgKinds.includes(m.orgKind as OrgKind)) return false;
  return rule.allow === 'member' || rule.allow.some((r) => m.roles.includes(r));
}

/** Who the rule lets in, in words: 检察院的联络员、管理员 */
export function whoMay(ctx: Ctx, rule: Permission): string {
  if (rule.allow === 'anyone') return t(ctx, 'role.anyone');
  const roles = rule.allow === 'member' ? t(ctx, 'role.member') : rule.allow.map((r) => t(ctx, `role.${r}`)).join('、');
  if (!rule.orgKinds) return roles;
  return t(ctx, 'role.of_units', { units: rule.orgKinds.map((k) => t(ctx, `org_kind.${k}`)).join('、'), roles });
}

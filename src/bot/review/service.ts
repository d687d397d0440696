// What the review room's commands, forms and jobs share: the plan a code names, who may plan and
// review, the units' names, the parts of a plan kept as JSON.
import { normalizeCode } from '../../domain/codes.js';
import { filesByCaseNo, type ReviewFileRow, type ReviewRow, reviewByCode, reviewById } from '../../store/review.js';
import type { OrgRow } from '../../store/roster.js';
import { parseJson } from '../../store/tx.js';
import { type Ctx, t, UserError } from '../core/context.js';
import { leadUnit } from '../core/lead.js';
import type { Permission } from '../core/permissions.js';

export type { ReviewRow };

const REVIEW_CODE = /^PC-\d{4}-\d{3,}$/;

/** the procuratorate's and the 司法局's liaisons plan and review (检察院会同司法局, Daocheng) */
export const REVIEWERS: Permission = { allow: ['liaison'] };
/** an agency's officer or liaison sends its list */
export const AGENCY: Permission = { allow: ['liaison', 'officer'] };

export const reviewerIds = (r: ReviewRow) => parseJson<string[]>(r.reviewerOrgIds, []);
export const agencyIds = (r: ReviewRow) => parseJson<string[]>(r.agencyOrgIds, []);
export const keyCasesOf = (r: ReviewRow) => parseJson<Array<{ orgId: string; caseNo: string }>>(r.keyCases, []);

/** The plan a code names (PC-2026-001), or a refusal saying how to write it. */
export async function requireReview(ctx: Ctx, raw: string | undefined, usageKey: string): Promise<ReviewRow> {
  if (!raw) throw new UserError('review.error.missing_code', { usage: t(ctx, usageKey) });
  const code = normalizeCode(raw);
  if (!REVIEW_CODE.test(code)) throw new UserError('review.error.bad_code', { value: raw, usage: t(ctx, usageKey) });
  const r = await reviewByCode(ctx.tx, code);
  if (!r) throw new UserError('review.error.unknown_code', { code });
  return r;
}

/** The plan a form works on (its id in the form's context). */
export async function contextReview(ctx: Ctx, context: Record<string, string>): Promise<ReviewRow> {
  const r = await reviewById(ctx.tx, context.reviewId ?? '');
  if (!r) throw new UserError('error.card_forged');
  return r;
}

/** A plan is made, and files assigned, by a liaison of the lead unit or of a reviewing unit (检察院、司法局). */
export async function assertPlanner(ctx: Ctx, review?: ReviewRow): Promise<void> {
  const m = ctx.member!;
  const lead = await leadUnit(ctx);
  const ok =
    m.orgId === lead?.id ||
    (review ? reviewerIds(review).includes(m.orgId) : ['procuratorate', 'judicial'].includes(m.orgKind));
  if (!ok) throw new UserError('review.error.not_planner', { lead: lead?.name ?? t(ctx, 'org_kind.procuratorate') });
}

export async function orgNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await ctx.services.roster.orgs(ctx.tx)).map((o: OrgRow) => [o.id, o.name]));
}

/** The sampled file a command names by 案号= (and 单位= when two units use the same number). */
export async function requireFile(
  ctx: Ctx,
  review: ReviewRow,
  caseNo: string | undefined,
  orgId: string | undefined,
  usageKey: string,
): Promise<ReviewFileRow> {
  if (!caseNo) throw new UserError('review.error.missing_case', { usage: t(ctx, usageKey) });
  const found = await filesByCaseNo(ctx.tx, review.id, caseNo.trim(), orgId);
  if (!found.length) throw new UserError('review.error.not_in_sample', { code: review.code, caseNo });
  if (found.length > 1) throw new UserError('review.error.case_ambiguous', { code: review.code, caseNo });
  return found[0]!;
}

/** The configured 问题类型 (prompts/review.yaml review.problem_types: an office rewords them there). */
export function problemTypes(ctx: Ctx): string[] {
  return t(ctx, 'review.problem_types')
    .split(/[、,，;；\s]+/)
    .filter(Boolean);
}

/** 合格 / 基本合格 / 不合格 */
export const resultText = (ctx: Ctx, result: string | null) =>
  result ? t(ctx, `review.result.${result}`) : t(ctx, 'review.result.none');

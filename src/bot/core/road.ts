// The deployment's 督办路径 (the roster's, or the default from ESCALATION_AFTER_WORKDAYS) and the
// names of the bodies on it, for planning a matter's escalations and for the notices that name them.
import { defaultRoad, type RoadStep, type RoadTarget, withOverdueNotice } from '../../domain/road.js';
import { type Ctx, t } from './context.js';

export async function roadOf(ctx: Ctx): Promise<RoadStep[]> {
  return (await ctx.services.roster.road(ctx.tx)) ?? defaultRoad(ctx.services.config.escalationAfterWorkdays);
}

/** Working days from the overdue notice to the first escalation planned, or undefined when the road ends there. */
export async function firstEscalationDelay(ctx: Ctx): Promise<number | undefined> {
  const road = await roadOf(ctx);
  const { next } = withOverdueNotice(road);
  return next === undefined ? undefined : road[next]!.after;
}

/**
 * The body a step presses, by the name officials use: the unit that owns the supervisor group
 * (示例县人民政府督查室, a 法制办), the leaders, or the unit named on the road.
 */
export async function bodyName(ctx: Ctx, to: RoadTarget): Promise<string> {
  if ('org' in to) return to.org;
  if (to.purpose === 'leaders') return t(ctx, 'matter.body_leaders');
  const bound = await ctx.services.roster.bindings(ctx.tx, { purpose: 'supervisor' });
  return bound.find((b) => b.orgName)?.orgName ?? t(ctx, 'matter.body_supervisor');
}

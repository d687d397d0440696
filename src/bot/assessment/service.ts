// 年度考核 of one year: the rubric read, each 政府工作部门's figures from the shared definitions, the
// scores (src/domain/assessment.ts), and the words each item says — for /考核 and `liandong assess`.

import { type ItemScore, scoreUnits, type UnitScore, unitFigures } from '../../domain/assessment.js';
import type { Rubric } from '../../domain/assessment-rubric.js';
import { FIGURES } from '../../domain/assessment-rubric.js';
import { assessmentFacts } from '../../store/assessment.js';
import { type Ctx, t } from '../core/context.js';
import { loadRubric } from './rubric.js';

export interface Assessment {
  rubric: Rubric;
  year: number;
  /** the figures are as of this day: the year's last day for a past year, else today */
  asOf: string;
  units: Array<UnitScore & { unit: string; rank: number | null }>;
}

/** The kinds of unit assessed: the government's departments (被考核单位). */
const ASSESSED = ['agency'];

export async function assess(ctx: Ctx, year: number): Promise<Assessment> {
  const rubric = loadRubric(ctx);
  const asOf = year < Number(ctx.today.slice(0, 4)) ? `${year}-12-31` : ctx.today;
  const orgs = (await ctx.services.roster.orgs(ctx.tx)).filter((o) => ASSESSED.includes(o.kind));
  const facts = await assessmentFacts(ctx.tx, year, asOf, ctx.services.config.databaseFile);
  const figures = unitFigures(
    facts,
    orgs.map((o) => o.id),
    year,
    asOf,
  );
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const scored = scoreUnits(rubric, figures);
  // 名次: equal totals share a place (1, 2, 2, 4); a unit with nothing to score has none
  const units = scored.map((u) => ({
    ...u,
    unit: names.get(u.orgId) ?? u.orgId,
    rank: u.total === null ? null : scored.filter((x) => x.total !== null && x.total > u.total!).length + 1,
  }));
  return { rubric, year, asOf, units };
}

/** 85.5 → "85.5", null → 无数据 */
export function pointsText(ctx: Ctx, x: number | null): string {
  return x === null ? t(ctx, 'assessment.no_data') : String(x);
}

/** The figure behind an item in words: 3/4（75.0%）, 2 次, or 无数据. */
export function figureText(ctx: Ctx, s: ItemScore): string {
  const f = s.figure;
  if (FIGURES[s.item.figure].kind === 'count') return t(ctx, 'assessment.count', { n: f?.numerator ?? 0 });
  if (!f?.denominator) return t(ctx, 'assessment.no_data');
  return t(ctx, 'assessment.share', {
    n: f.numerator,
    d: f.denominator,
    rate: (Math.round((f.numerator / f.denominator) * 1000) / 10).toFixed(1),
  });
}

/** An item's score in words, with the 无数据 rule that gave it. */
export function scoreText(ctx: Ctx, s: ItemScore): string {
  if (!s.missing) return String(s.score);
  return t(ctx, `assessment.missing.${s.item.missing}`, { score: s.score ?? '' });
}

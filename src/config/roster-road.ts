// 名册's 督办路径 (road) and 牵头单位 (lead) sections: who an overdue matter is pressed by, in which
// order and after how many working days; which unit leads the mechanism (convenes the joint
// meetings, records minutes). Read from the YAML's `road:` / `lead:` or the workbook's 督办路径 sheet.
import type { RoadStep, RoadTarget } from '../domain/road.js';

/** The words a step's target may be written with, besides a unit's full or short name. */
export const ROAD_PURPOSE_WORDS: Record<'supervisor' | 'leaders', string[]> = {
  supervisor: ['督办群', 'supervisor'],
  leaders: ['领导群', '领导', 'leaders'],
};

type Org = { name: string; short?: string[] };

/** A unit by its full or short name. */
export function findOrgName(orgs: Org[], word: string): string | undefined {
  const w = word.trim();
  return orgs.find((o) => o.name === w)?.name ?? orgs.find((o) => (o.short ?? []).includes(w))?.name;
}

function target(word: string, orgs: Org[]): RoadTarget | undefined {
  for (const [purpose, words] of Object.entries(ROAD_PURPOSE_WORDS))
    if (words.includes(word.trim())) return { purpose: purpose as 'supervisor' | 'leaders' };
  const org = findOrgName(orgs, word);
  return org ? { org } : undefined;
}

/** The road as written (each step `{ to, after }`), checked; every problem named with its place. */
export function checkRoad(
  raw: unknown,
  orgs: Org[],
  problems: string[],
  place: (i: number) => string = (i) => `road[${i}]`,
): RoadStep[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    problems.push('road（督办路径）应为步骤列表，如 - { to: 督办群, after: 0 }');
    return undefined;
  }
  const road: RoadStep[] = [];
  for (const [i, s] of raw.entries()) {
    const to = typeof s?.to === 'string' ? target(s.to, orgs) : undefined;
    const after = Number(s?.after ?? 0);
    if (!to) problems.push(`${place(i)}：to “${s?.to ?? ''}” 应为 督办群、领导群 或 orgs 中的单位名称`);
    if (!Number.isInteger(after) || after < 0 || after > 60)
      problems.push(`${place(i)}：after “${s?.after}” 应为 0 到 60 之间的工作日数（0 表示与上一步同时）`);
    if (to) road.push({ to, after });
  }
  if (road.length === 0 && raw.length === 0) problems.push('road（督办路径）不能为空；不写这一节即用默认路径');
  return road;
}

/** The lead unit (牵头单位) as written, by full or short name. */
export function checkLead(raw: unknown, orgs: Org[], problems: string[]): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const found = typeof raw === 'string' ? findOrgName(orgs, raw) : undefined;
  if (!found) problems.push(`lead（牵头单位）“${String(raw)}” 不在 orgs 中`);
  return found;
}

// 督办路径: the road an overdue matter is pressed along, step by step, set per deployment in the
// roster (its 督办路径 section). The local rules differ: Jiashan 检察院 → 司法局 制发《行政执法监督通知书》
// 责令限期纠正 → 政府; Xiang'an's supervisor is the 法制办. Pure: the road is data.

/** Who a step presses: the supervisor group (督办群), the leaders group (领导群), or a unit's own groups. */
export type RoadTarget = { purpose: 'supervisor' | 'leaders' } | { org: string };

export interface RoadStep {
  to: RoadTarget;
  /** working days after the step before it (the first: after the overdue notice); 0 = at the same time */
  after: number;
}

/** The road when the roster sets none: the supervisor group with the overdue notice, the leaders N working days on. */
export function defaultRoad(escalationAfterWorkdays: number): RoadStep[] {
  return [
    { to: { purpose: 'supervisor' }, after: 0 },
    { to: { purpose: 'leaders' }, after: escalationAfterWorkdays },
  ];
}

/**
 * The steps taken together from step `from` on: that step and those after it with `after: 0`.
 * `next` is the step to plan after them, if the road goes on.
 */
export function stepsFrom(road: RoadStep[], from: number): { steps: number[]; next?: number } {
  const steps: number[] = [];
  let i = from;
  while (i < road.length && (i === from || road[i]!.after === 0)) steps.push(i++);
  return i < road.length ? { steps, next: i } : { steps };
}

/** The steps sent with the overdue notice itself (those at the road's start with `after: 0`) and the first planned one. */
export function withOverdueNotice(road: RoadStep[]): { steps: number[]; next?: number } {
  if (road.length === 0) return { steps: [] };
  if (road[0]!.after > 0) return { steps: [], next: 0 };
  return stepsFrom(road, 0);
}

/** The job key of a planned step: the first keeps the key escalations always had (escalationKey). */
export function stepKey(firstKey: string, step: number, first: number): string {
  return step === first ? firstKey : `${firstKey}:${step}`;
}

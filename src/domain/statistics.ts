// 统计: the figures the mechanism reports (月例会、季通报、年联席) and the yearly assessment of
// each unit (将检察建议整改落实情况纳入法治政府建设年度考核), and the weekly digest's counts.
// Pure functions of plain facts read from the ledger and the audit log; no clock, no I/O.
import type { CivilDate } from './civil-date.js';
import { closedOnTime, isOverdue, type MatterFacts, rectified, repliedOnTime } from './figure-definitions.js';
import { isOpenStatus } from './matter-state.js';

export type { MatterFacts } from './figure-definitions.js';
export { dueInForce, isOverdue, owesOn, repliedOnTime } from './figure-definitions.js';

const pct = (n: number, d: number): number | null => (d ? Math.round((n / d) * 1000) / 10 : null);

export interface UnitYear {
  orgId: string;
  /** 检察建议 (incl. 诉前): received in the year */
  received: number;
  repliedOnTime: number;
  repliedLate: number;
  /** replied on time, in % of those judged (null when none) */
  onTimeRate: number | null;
  /** closed after a passed evaluation (整改到位) */
  rectified: number;
  rectifiedRate: number | null;
  overdue: number;
  escalated: number;
  /** 督办次数: the supervisor office's own 督办 on the unit's matters served in the year */
  supervised: number;
  /** 《行政执法监督通知书》 the 司法局 issued to the unit in the year */
  notices: number;
  extensions: number;
  /** 线索 referred to the unit in the year, accepted in time, closed in time */
  cluesReferred: number;
  cluesAcceptedInTime: number;
  cluesClosedInTime: number;
  /** 任务 given to the unit in the year, done on time */
  tasks: number;
  tasksDoneOnTime: number;
}

const RECOMMENDATION = ['recommendation', 'pil_recommendation'];

/** The yearly figures of each unit, from the matters served (referred, given) in `year`. */
export function yearFigures(matters: MatterFacts[], year: number, asOf: CivilDate): UnitYear[] {
  const by = new Map<string, UnitYear>();
  const unit = (orgId: string) => {
    let u = by.get(orgId);
    if (!u)
      by.set(
        orgId,
        (u = {
          orgId,
          received: 0,
          repliedOnTime: 0,
          repliedLate: 0,
          onTimeRate: null,
          rectified: 0,
          rectifiedRate: null,
          overdue: 0,
          escalated: 0,
          supervised: 0,
          notices: 0,
          extensions: 0,
          cluesReferred: 0,
          cluesAcceptedInTime: 0,
          cluesClosedInTime: 0,
          tasks: 0,
          tasksDoneOnTime: 0,
        }),
      );
    return u;
  };
  for (const m of matters) {
    if (Number(m.servedOn.slice(0, 4)) !== year) continue;
    const u = unit(m.orgId);
    u.supervised += m.supervisions ?? 0;
    if (m.kind === 'supervision_notice') u.notices++;
    if (RECOMMENDATION.includes(m.kind)) {
      u.received++;
      const r = repliedOnTime(m, asOf);
      if (r === true) u.repliedOnTime++;
      if (r === false) u.repliedLate++;
      if (rectified(m, asOf)) u.rectified++;
      if (isOverdue(m, asOf)) u.overdue++;
      if (m.escalated) u.escalated++;
      u.extensions += m.extensions.filter((x) => x.status === 'approved').length;
    } else if (m.kind === 'clue') {
      u.cluesReferred++;
      if (m.clue?.acceptedOn && m.clue.acceptDueOn && m.clue.acceptedOn <= m.clue.acceptDueOn) u.cluesAcceptedInTime++;
      if (closedOnTime(m)) u.cluesClosedInTime++;
    } else if (m.kind === 'task') {
      u.tasks++;
      if (closedOnTime(m)) u.tasksDoneOnTime++;
    }
  }
  for (const u of by.values()) {
    u.onTimeRate = pct(u.repliedOnTime, u.repliedOnTime + u.repliedLate);
    u.rectifiedRate = pct(u.rectified, u.received);
  }
  return [...by.values()];
}

// ---- the weekly digest's counts ----

export interface KindWeek {
  kind: string;
  created: number;
  replied: number;
  closed: number;
  open: number;
  overdue: number;
}

/** Counts of one kind for the week [from, to] (to inclusive), open and overdue as of `to`. */
export function weekCounts(matters: MatterFacts[], kind: string, from: CivilDate, to: CivilDate): KindWeek {
  const out: KindWeek = { kind, created: 0, replied: 0, closed: 0, open: 0, overdue: 0 };
  const within = (d?: CivilDate) => d !== undefined && d >= from && d <= to;
  for (const m of matters) {
    if (m.kind !== kind && !(kind === 'recommendation' && m.kind === 'pil_recommendation')) continue;
    if (within(m.createdOn)) out.created++;
    if (m.replies.some(within) || within(m.clue?.acceptedOn)) out.replied++;
    if (within(m.closedOn)) out.closed++;
    // open at the end of that week
    const open = m.createdOn <= to && (m.closedOn ? m.closedOn > to : isOpenStatus(m.status));
    if (!open) continue;
    out.open++;
    // overdue at the end of that week, from the history up to then (口径: figure-definitions.ts)
    if (isOverdue(m, to)) out.overdue++;
  }
  return out;
}

export interface UnitNow {
  orgId: string;
  open: number;
  overdue: number;
  /** on-time reply rate of this year's recommendations (null when none judged) */
  onTimeRate: number | null;
}

/** Per unit: open and overdue now, on-time reply rate this year. */
export function unitTable(matters: MatterFacts[], year: number, asOf: CivilDate): UnitNow[] {
  const rates = new Map(yearFigures(matters, year, asOf).map((u) => [u.orgId, u.onTimeRate]));
  const by = new Map<string, UnitNow>();
  for (const m of matters) {
    if (!isOpenStatus(m.status)) continue;
    const u = by.get(m.orgId) ?? { orgId: m.orgId, open: 0, overdue: 0, onTimeRate: rates.get(m.orgId) ?? null };
    u.open++;
    if (isOverdue(m, asOf)) u.overdue++;
    by.set(m.orgId, u);
  }
  for (const [orgId, rate] of rates)
    if (!by.has(orgId)) by.set(orgId, { orgId, open: 0, overdue: 0, onTimeRate: rate });
  return [...by.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.orgId.localeCompare(b.orgId));
}

// ---- 重点任务清单: tasks by unit (the quarterly circular, /任务清单) ----

export interface UnitTasks {
  orgId: string;
  open: number;
  overdue: number;
  done: number;
  onTime: number;
}

/** Tasks by unit as of `asOf`: open (of which overdue) and done (of which on time), the units behind first. */
export function taskFiguresByUnit(matters: MatterFacts[], asOf: CivilDate): UnitTasks[] {
  const by = new Map<string, UnitTasks>();
  for (const m of matters) {
    if (m.kind !== 'task') continue;
    const f = by.get(m.orgId) ?? { orgId: m.orgId, open: 0, overdue: 0, done: 0, onTime: 0 };
    if (m.status === 'closed') {
      f.done++;
      if (closedOnTime(m)) f.onTime++;
    } else if (isOpenStatus(m.status)) {
      f.open++;
      if (isOverdue(m, asOf)) f.overdue++;
    }
    by.set(m.orgId, f);
  }
  return [...by.values()];
}

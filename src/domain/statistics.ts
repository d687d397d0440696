// 统计: the figures the mechanism reports (月例会、季通报、年联席) and the yearly assessment of
// each unit (将检察建议整改落实情况纳入法治政府建设年度考核), and the weekly digest's counts.
// Pure functions of plain facts read from the ledger and the audit log; no clock, no I/O.
import type { CivilDate } from './civil-date.js';
import { isOpenStatus, owesAction } from './matter-state.js';

/** What the figures need to know about one matter. Dates are civil dates (Asia/Shanghai). */
export interface MatterFacts {
  code: string;
  kind: string;
  title: string;
  /** the unit responsible now (a clue: the unit it is with) */
  orgId: string;
  /** the referring unit of a clue, the issuing unit otherwise */
  fromOrgId: string;
  status: string;
  restricted: boolean;
  /** 登记 */
  createdOn: CivilDate;
  /** 送达 (a clue: referred) */
  servedOn: CivilDate;
  originalDueOn: CivilDate;
  dueOn: CivilDate;
  closedOn?: CivilDate;
  /** days of each reply (整改反馈), in order */
  replies: CivilDate[];
  /** evaluations in order: a return (退回) starts a new period ending newDueOn */
  evaluations: Array<{ verdict: 'pass' | 'return'; on: CivilDate; newDueOn?: CivilDate }>;
  /** extension requests: an approved one moves the due date from the day it is decided */
  extensions: Array<{ status: 'pending' | 'approved' | 'declined'; decidedOn?: CivilDate; newDueOn?: CivilDate }>;
  /** an escalation (提级督办, automatic, along the 督办路径) was sent */
  escalated: boolean;
  /** the supervisor office's own 督办 on it (not the automatic escalations) */
  supervisions?: number;
  /** clues: accepted on, and the acceptance limit it had */
  clue?: { acceptedOn?: CivilDate; acceptDueOn?: CivilDate; closeDueOn?: CivilDate };
}

/**
 * The due date in force on a day: the original, moved by every extension approved on or
 * before that day, and replaced by the new period of every return (退回) before it.
 */
export function dueInForce(m: MatterFacts, on: CivilDate): CivilDate {
  if (!m.extensions.length && !m.evaluations.length) return m.originalDueOn; // most matters: nothing changed it
  const changes: Array<{ on: CivilDate; due: CivilDate }> = [];
  for (const x of m.extensions)
    if (x.status === 'approved' && x.decidedOn && x.newDueOn && x.decidedOn <= on)
      changes.push({ on: x.decidedOn, due: x.newDueOn });
  for (const e of m.evaluations)
    if (e.verdict === 'return' && e.newDueOn && e.on <= on) changes.push({ on: e.on, due: e.newDueOn });
  changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return changes.at(-1)?.due ?? m.originalDueOn;
}

/**
 * Whether the matter was answered in time: its first reply on or before the due date in
 * force that day; after a return, the reply that followed it against the return's period.
 * Undefined while nothing is due yet (no reply, due date not passed on `asOf`).
 */
export function repliedOnTime(m: MatterFacts, asOf: CivilDate): boolean | undefined {
  // most matters: one period, nothing moved it
  if (!m.evaluations.length && !m.extensions.length) {
    const answered = m.replies.find((r) => r >= m.servedOn);
    return answered ? answered <= m.originalDueOn : m.originalDueOn < asOf ? false : undefined;
  }
  // the periods: the first from 送达, then one after each return (the reply that follows it)
  const periods = [
    { start: m.servedOn, first: true },
    ...m.evaluations.filter((e) => e.verdict === 'return').map((e) => ({ start: e.on, first: false })),
  ];
  let onTime: boolean | undefined;
  for (const p of periods) {
    const answered = m.replies.filter((r) => (p.first ? r >= p.start : r > p.start)).sort()[0];
    const ok = answered ? answered <= dueInForce(m, answered) : dueInForce(m, asOf) < asOf ? false : undefined;
    if (ok === false) return false;
    if (ok) onTime = true;
  }
  return onTime;
}

/** Whether the matter is overdue on `asOf`: someone owes an action and its due date has passed. */
export function isOverdue(m: MatterFacts, asOf: CivilDate): boolean {
  return owesAction(m.status) && m.dueOn < asOf;
}

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
      if (m.status === 'closed' && m.evaluations.some((e) => e.verdict === 'pass')) u.rectified++;
      if (isOverdue(m, asOf)) u.overdue++;
      if (m.escalated) u.escalated++;
      u.extensions += m.extensions.filter((x) => x.status === 'approved').length;
    } else if (m.kind === 'clue') {
      u.cluesReferred++;
      if (m.clue?.acceptedOn && m.clue.acceptDueOn && m.clue.acceptedOn <= m.clue.acceptDueOn) u.cluesAcceptedInTime++;
      if (m.closedOn && m.closedOn <= m.dueOn) u.cluesClosedInTime++;
    } else if (m.kind === 'task') {
      u.tasks++;
      if (m.status === 'closed' && m.closedOn && m.closedOn <= m.dueOn) u.tasksDoneOnTime++;
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
    // overdue then: its due date in force then passed, and not answered by then (unless it owes again now)
    if (dueInForce(m, to) < to && !(m.replies.some((r) => r <= to) && !owesAction(m.status))) out.overdue++;
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
      if (m.closedOn && m.closedOn <= m.dueOn) f.onTime++;
    } else if (isOpenStatus(m.status)) {
      f.open++;
      if (isOverdue(m, asOf)) f.overdue++;
    }
    by.set(m.orgId, f);
  }
  return [...by.values()];
}

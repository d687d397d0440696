// 口径: what every figure counts, for one matter on one day, read from its dated history — never from
// today's status, so that a past week's figures never change afterwards. The README's table「统计口径」
// says the same in words; the digest, /统计, the quarterly circular, the export and the ledger all
// count through these functions (src/domain/statistics.ts adds them up).
import type { CivilDate } from './civil-date.js';

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
  /** the due date in force now, as stored */
  dueOn: CivilDate;
  /** 办结 (or 撤回) */
  closedOn?: CivilDate;
  /** days of each reply (整改反馈), in order */
  replies: CivilDate[];
  /** the 正在整改 replies: each sets a 整改期限 from its day (the matter owes the end of its rectification) */
  rectifications?: Array<{ on: CivilDate; dueOn: CivilDate }>;
  /** evaluations in order: a return (退回) starts a new period ending newDueOn; 提起诉讼 / 终结案件 close a 诉前 one */
  evaluations: Array<{ verdict: 'pass' | 'return' | 'litigate' | 'terminate'; on: CivilDate; newDueOn?: CivilDate }>;
  /** extension requests: an approved one moves the due date from the day it is decided */
  extensions: Array<{ status: 'pending' | 'approved' | 'declined'; decidedOn?: CivilDate; newDueOn?: CivilDate }>;
  /** an escalation (提级督办, automatic, along the 督办路径) was sent */
  escalated: boolean;
  /** the supervisor office's own 督办 on it (not the automatic escalations) */
  supervisions?: number;
  /** clues: accepted on, the acceptance limit, the closing limit once accepted, returned to the referrer on */
  clue?: { acceptedOn?: CivilDate; acceptDueOn?: CivilDate; closeDueOn?: CivilDate; bouncedOn?: CivilDate };
}

// on one day: a reply comes before the evaluation of it, which comes before an extension decided that day
const ORDER = { rectification: 0, return: 1, extension: 2 } as const;

/**
 * 期限 in force on a day: the original, replaced by each change made on or before that day — a
 * 正在整改 reply's 整改期限, a return's new period, an approved extension (from its decision) —
 * the latest change winning. A clue: its acceptance limit until accepted, then its closing limit.
 */
export function dueInForce(m: MatterFacts, on: CivilDate): CivilDate {
  if (m.clue) {
    const { acceptedOn, acceptDueOn, closeDueOn } = m.clue;
    return acceptedOn && acceptedOn <= on ? (closeDueOn ?? m.dueOn) : (acceptDueOn ?? m.originalDueOn);
  }
  if (!m.extensions.length && !m.evaluations.length && !m.rectifications?.length) return m.originalDueOn;
  const changes: Array<{ on: CivilDate; order: number; due: CivilDate }> = [];
  for (const r of m.rectifications ?? [])
    if (r.on <= on) changes.push({ on: r.on, order: ORDER.rectification, due: r.dueOn });
  for (const e of m.evaluations)
    if (e.verdict === 'return' && e.newDueOn && e.on <= on)
      changes.push({ on: e.on, order: ORDER.return, due: e.newDueOn });
  for (const x of m.extensions)
    if (x.status === 'approved' && x.decidedOn && x.newDueOn && x.decidedOn <= on)
      changes.push({ on: x.decidedOn, order: ORDER.extension, due: x.newDueOn });
  changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.order - b.order));
  return changes.at(-1)?.due ?? m.originalDueOn;
}

/**
 * Whether someone owes an action on a day: registered by then and not closed (or withdrawn) by then;
 * a recommendation, task or notice while nothing was replied since it was served or last returned, or
 * while its last reply said 正在整改; a clue while with a unit (not returned to its referrer).
 */
export function owesOn(m: MatterFacts, on: CivilDate): boolean {
  if (m.createdOn > on || (m.closedOn && m.closedOn <= on)) return false;
  if (!m.closedOn && (m.status === 'closed' || m.status === 'withdrawn')) return false; // no date kept: ended
  if (m.clue) return !(m.clue.bouncedOn && m.clue.bouncedOn <= on && m.status === 'bounced');
  const replied = m.replies.filter((r) => r <= on).at(-1);
  if (!replied) return true;
  const returned = m.evaluations.filter((e) => e.verdict === 'return' && e.on <= on).at(-1);
  if (returned && returned.on >= replied) return true;
  return (m.rectifications ?? []).some((r) => r.on === replied);
}

/** 逾期 on a day: someone owes an action then, and the due date in force then has passed. */
export function isOverdue(m: MatterFacts, on: CivilDate): boolean {
  return owesOn(m, on) && dueInForce(m, on) < on;
}

/**
 * 按期反馈: the first reply came on or before the due date in force that day (an extension approved
 * before it counts; a later return does not make it late). 逾期反馈: it came later, or none came and
 * the due date has passed. Undefined while nothing is due yet.
 */
export function repliedOnTime(m: MatterFacts, asOf: CivilDate): boolean | undefined {
  const first = m.replies.find((r) => r >= m.servedOn && r <= asOf);
  if (first) return first <= replyDueOn(m, first);
  return replyDueOn(m, asOf) < asOf ? false : undefined;
}

/**
 * The reply deadline in force on a day: the original, moved by extensions approved on or before it.
 * Not a return's new period nor a 整改期限: those follow a reply (one evaluated the same day must not
 * make that reply's own deadline its new period).
 */
function replyDueOn(m: MatterFacts, on: CivilDate): CivilDate {
  const moved = m.extensions
    .filter((x) => x.status === 'approved' && x.decidedOn && x.newDueOn && x.decidedOn <= on)
    .sort((a, b) => (a.decidedOn! < b.decidedOn! ? -1 : a.decidedOn! > b.decidedOn! ? 1 : 0));
  return moved.at(-1)?.newDueOn ?? m.originalDueOn;
}

/** 整改到位: closed by `asOf` after an evaluation that passed it (its last evaluation). */
export function rectified(m: MatterFacts, asOf: CivilDate): boolean {
  return !!m.closedOn && m.closedOn <= asOf && m.status === 'closed' && m.evaluations.at(-1)?.verdict === 'pass';
}

/** 按期办结 (a task, a clue): closed on or before the due date in force on the day it was closed. */
export function closedOnTime(m: MatterFacts): boolean {
  return !!m.closedOn && m.status === 'closed' && m.closedOn <= dueInForce(m, m.closedOn);
}

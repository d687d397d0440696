// 事项状态: which events are allowed in which state. A clerk can read this table.
import type { MatterStatus } from './vocabulary.js';

export type MatterEvent =
  | 'reply'
  | 'pass'
  | 'return'
  | 'conclude'
  | 'extend'
  | 'request_extension'
  | 'withdraw'
  | 'correct';

const TRANSITIONS: Record<MatterEvent, { from: MatterStatus[]; to?: MatterStatus }> = {
  // 整改反馈: first reply, or a staged reply (分阶段整改) after an earlier one or a return
  // (a reply that says 正在整改 goes on to 整改中 instead: afterReply)
  reply: { from: ['registered', 'replied', 'rectifying', 'returned'], to: 'replied' },
  // 评估通过: closes the matter (while still 正在整改 only when confirmed: bot/recommendations/evaluate.ts)
  pass: { from: ['replied', 'rectifying'], to: 'closed' },
  // 评估退回 (跟进监督, 提请督办): reopens it with a new period
  return: { from: ['replied', 'rectifying'], to: 'returned' },
  // 提起诉讼 / 终结案件 (诉前检察建议): closes it with that outcome, answered or not
  // (两高公益诉讼解释 第二十一条: 行政机关不依法履行职责的，人民检察院依法提起行政公益诉讼)
  conclude: { from: ['registered', 'replied', 'rectifying', 'returned'], to: 'closed' },
  // 撤回: the procuratorate withdraws it (kept in the ledger as 已撤回); 更正: a wrong field corrected
  withdraw: { from: ['registered', 'replied', 'rectifying', 'returned'], to: 'withdrawn' },
  correct: { from: ['registered', 'replied', 'rectifying', 'returned'] },
  // 延期: asked and granted while waiting for a reply, or for the end of the rectification
  request_extension: { from: ['registered', 'returned', 'rectifying'] },
  extend: { from: ['registered', 'returned', 'rectifying'] },
};

/**
 * After a reply: 正在整改 with an expected date keeps the matter owed (整改中) — its 整改期限 is that
 * date, with the same reminders, overdue notice and escalation (跟踪整改落实, 闭环式); any other
 * reply waits for the evaluation (已反馈待评估).
 */
export function afterReply(rectStatus: string, expectedOn: string | null | undefined): MatterStatus {
  return rectStatus === 'in_progress' && expectedOn ? 'rectifying' : 'replied';
}

export function canApply(status: string, event: MatterEvent): boolean {
  return (TRANSITIONS[event].from as string[]).includes(status);
}

/** The status after `event`, or undefined when the event is not allowed now. */
export function nextStatus(status: string, event: MatterEvent): MatterStatus | undefined {
  if (!canApply(status, event)) return undefined;
  return TRANSITIONS[event].to ?? (status as MatterStatus);
}

/** Still to be dealt with: in the ledger (not closed or withdrawn). */
export function isOpenStatus(status: string): boolean {
  return status !== 'closed' && status !== 'withdrawn';
}

/**
 * Someone owes an action by the due date in force: the agency a reply (待反馈, 已退回) or the end
 * of its rectification (整改中, by the expected date),
 * the receiving unit an acceptance or a result (线索 已移送待受理, 办理中). Reminders,
 * overdue notices and the 逾期 mark apply only in these states.
 */
export const OWING_STATUSES = ['registered', 'returned', 'rectifying', 'referred', 'handling'] as const;

export function owesAction(status: string): boolean {
  return (OWING_STATUSES as readonly string[]).includes(status);
}

/** Whether a reminder or overdue notice still makes sense: nothing replied since, or still rectifying. */
export function awaitingReply(status: string): boolean {
  return status === 'registered' || status === 'returned' || status === 'rectifying';
}

// 咨询 / 征求意见 rules, pure: the default time limit, the receipt day of a 行政复议 hearing invitation,
// and when a question is one asked before (a recurring question that may become a topic meeting).
import type { WorkCalendar } from './calendar.js';
import type { CivilDate } from './civil-date.js';
import { shiftWorkingDays } from './office-hours.js';

/**
 * The answer's default time limit. No statute sets one: the local rules ask for answers "及时"
 * (Xiang'an 双向咨询; Jiashan 法律政策咨询、复杂案件研究); 10 working days is this deployment's default,
 * overridable per question with 期限=.
 */
export const DEFAULT_CONSULTATION_PERIOD = '10个工作日';

/** The receipt of a hearing invitation (陪议、旁听) is due the working day before the hearing. */
export function invitationReceiptDue(hearingOn: CivilDate, calendar: WorkCalendar): CivilDate {
  return shiftWorkingDays(hearingOn, -1, calendar);
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s\p{P}]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** How alike two questions are: the share of their two-character pieces they have in common (0…1). */
export function likeness(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}

/** A question is asked again when an earlier one to the same unit is at least this alike. */
export const RECURRING_LIKENESS = 0.4;

/** The earlier questions (codes) that the new one repeats. */
export function recurring(question: string, earlier: Array<{ code: string; question: string }>): string[] {
  return earlier.filter((e) => likeness(question, e.question) >= RECURRING_LIKENESS).map((e) => e.code);
}

// 行政应诉 rules, pure: the 答辩举证 deadline, the appeal period, when a judgment becomes final, and
// the types of case in which the agency's head should appear in court.

import type { WorkCalendar } from './calendar.js';
import { addDays, type CivilDate } from './civil-date.js';
import { computeDeadline, type Deadline } from './deadline.js';

/**
 * 行政诉讼法 第六十七条第一款: 被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和
 * 所依据的规范性文件，并提出答辩状. Counted as every period (民事诉讼法 第八十五条, 行政诉讼法 第一百零一条):
 * the day of receipt is not counted, a last day on a rest day or holiday moves to the next working day.
 */
export const DEFENCE_PERIOD = { amount: 15, unit: 'day' } as const;

export function defenceDeadline(copyReceivedOn: CivilDate, calendar: WorkCalendar): Deadline {
  return computeDeadline(copyReceivedOn, DEFENCE_PERIOD, calendar);
}

export type JudgmentKind = 'judgment' | 'ruling';

/**
 * 行政诉讼法 第八十五条: 不服第一审判决的，有权在判决书送达之日起十五日内向上一级人民法院提起上诉；
 * 不服第一审裁定的，有权在裁定书送达之日起十日内提起上诉。逾期不提起上诉的，第一审判决或者裁定发生法律效力.
 */
export function appealDeadline(servedOn: CivilDate, kind: JudgmentKind, calendar: WorkCalendar): Deadline {
  return computeDeadline(servedOn, { amount: kind === 'judgment' ? 15 : 10, unit: 'day' }, calendar);
}

/**
 * The day a judgment is final: a second-instance one on service (行政诉讼法 第八十九条, 终审); a first-instance
 * one the day after the appeal period ends without an appeal (第八十五条), undefined while an appeal is pending.
 */
export function finalOn(j: {
  servedOn: CivilDate;
  secondInstance: boolean;
  appealDueOn: CivilDate;
  appealedOn?: CivilDate | null;
}): CivilDate | undefined {
  if (j.secondInstance) return j.servedOn;
  if (j.appealedOn) return undefined;
  return addDays(j.appealDueOn, 1);
}

/**
 * 最高人民法院关于行政机关负责人出庭应诉若干问题的规定（法释〔2020〕3号）第四条: 涉及食品药品安全、
 * 生态环境和资源保护、公共卫生安全等重大公共利益，社会高度关注或者可能引发群体性事件等的案件，人民法院应当
 * 通知行政机关负责人出庭应诉；被诉行政行为涉及重大人身、财产权益的，行政公益诉讼，上级机关规范性文件要求
 * 负责人出庭的，人民法院可以通知负责人出庭应诉. The words of 案由 that point to one of them; the case
 * type's label is prompts/lawsuits.yaml lawsuit.head_case.<key>. An office adds its own words here.
 */
export const HEAD_CASES: Array<{ key: string; words: string[] }> = [
  { key: 'public_interest', words: ['食品', '药品', '生态环境', '环境', '资源', '公共卫生', '重大公共利益'] },
  { key: 'public_attention', words: ['社会高度关注', '舆情', '社会关注'] },
  { key: 'mass_incident', words: ['群体性', '集体'] },
  { key: 'major_rights', words: ['征收', '拆迁', '征地', '重大人身', '重大财产'] },
  { key: 'pil', words: ['公益诉讼'] },
  { key: 'court_notice', words: ['法院通知负责人出庭', '通知出庭'] },
];

/** The case type a 案由 (or a 情形= written) points to, of HEAD_CASES; undefined when none. */
export function headCaseOf(text: string): string | undefined {
  const byKey = HEAD_CASES.find((c) => c.key === text);
  if (byKey) return byKey.key;
  return HEAD_CASES.find((c) => c.words.some((w) => text.includes(w)))?.key;
}

/** Days before the hearing (working days) on which the agency and its head are reminded; 0: the day itself. */
export const HEARING_REMINDER_WORKDAYS = [3, 1, 0];

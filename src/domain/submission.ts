// 报送: files, figures or a training's attendance that units send to the lead unit by a deadline.
// Daocheng and Nanyang: units submit typical cases, data and work summaries on time ("于 12月25日前报
// 市检察院"; 明确专人负责收集、报送); Daocheng: at least one joint training a year (a 报送 of kind 培训,
// each unit reporting who attended). Pure rules: reading what people type, the days of the reminders,
// what counts as on time, and each unit's figures for the yearly assessment.
import type { WorkCalendar } from './calendar.js';
import type { CivilDate } from './civil-date.js';
import { shiftWorkingDays, workingDayOnOrAfter } from './office-hours.js';

export const SUBMISSION_CONTENTS = ['file', 'figures', 'training'] as const;
export type SubmissionContent = (typeof SUBMISSION_CONTENTS)[number];

const CONTENT_WORDS: Record<string, SubmissionContent> = {
  文件: 'file',
  材料: 'file',
  file: 'file',
  files: 'file',
  数字: 'figures',
  数据: 'figures',
  figures: 'figures',
  培训: 'training',
  training: 'training',
};

/** 内容=文件|数字|培训 read; undefined for anything else. */
export function readContent(word: string): SubmissionContent | undefined {
  return CONTENT_WORDS[word.trim().toLowerCase()];
}

const SEPARATORS = /[,，、;；\s]+/u;
export const MAX_ITEMS = 20;
export const MAX_ITEM_LENGTH = 20;

/** 项目=典型案例数,办案数: the figures asked for, in order, each named once. */
export function readItems(
  text: string,
): { items: string[] } | { problem: 'empty' | 'too_many' | 'too_long' | 'twice' } {
  const items = text
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) return { problem: 'empty' };
  if (items.length > MAX_ITEMS) return { problem: 'too_many' };
  if (items.some((i) => i.length > MAX_ITEM_LENGTH || /[=＝:：]/u.test(i))) return { problem: 'too_long' };
  if (new Set(items).size !== items.length) return { problem: 'twice' };
  return { items };
}

export type FigureProblem =
  | { problem: 'missing'; items: string[] }
  | { problem: 'unknown'; item: string }
  | { problem: 'not_number'; item: string; value: string };

/**
 * A unit's figures as typed: `典型案例数=3，办案数=12` (or one per line, = : ： all allowed). Every item
 * asked for must be there, each a non-negative number; an item not asked for is refused.
 */
export function readFigures(text: string, items: string[]): { values: Record<string, number> } | FigureProblem {
  const values: Record<string, number> = {};
  for (const part of text.split(/[,，;；\n]+/u).map((s) => s.trim())) {
    if (!part) continue;
    const m = /^(.+?)\s*[=＝:：]\s*(.*)$/u.exec(part);
    if (!m) return { problem: 'not_number', item: part, value: '' };
    const item = m[1]!.trim();
    if (!items.includes(item)) return { problem: 'unknown', item };
    const raw = m[2]!.trim().replace(/[件个人次项篇]$/u, '');
    if (!/^\d+(\.\d+)?$/.test(raw)) return { problem: 'not_number', item, value: m[2]!.trim() };
    values[item] = Number(raw);
  }
  const missing = items.filter((i) => !(i in values));
  if (missing.length) return { problem: 'missing', items: missing };
  return { values };
}

/**
 * On time: the first sending received on or before the deadline day (Asia/Shanghai civil dates:
 * "于 12月25日前报" is read as "by the end of the 25th"). A later resending does not make it late.
 */
export function sentOnTime(firstOn: CivilDate, dueOn: CivilDate): boolean {
  return firstOn <= dueOn;
}

/**
 * When the reminders go: 3 working days and 1 working day before the deadline (those not past). The
 * deadline is the day the office wrote ("于 12月25日前报"), not a statutory period: it is not moved off a
 * rest day; the collection waits for the first working day after it.
 */
export interface SubmissionDays {
  remind: CivilDate[];
  /** the first working day after the deadline day: the collector gets everything, late units a nudge */
  collect: CivilDate;
}

export function submissionDays(dueOn: CivilDate, today: CivilDate, calendar: WorkCalendar): SubmissionDays {
  const remind = [3, 1]
    .map((n) => shiftWorkingDays(dueOn, -n, calendar))
    .filter((d, i, all) => d >= today && d < dueOn && all.indexOf(d) === i);
  return { remind, collect: workingDayOnOrAfter(shiftWorkingDays(dueOn, 1, calendar), calendar) };
}

/** What the yearly figures need to know of one unit's part of one 报送. */
export interface SubmissionFact {
  code: string;
  content: SubmissionContent;
  dueOn: CivilDate;
  orgId: string;
  /** the first sending's day, undefined while nothing came */
  firstOn?: CivilDate;
}

export interface UnitSubmissions {
  orgId: string;
  /** 报送 (not 培训) asked of the unit whose deadline fell in the year and has passed by asOf */
  asked: number;
  onTime: number;
  late: number;
  missing: number;
  /** 培训 the unit was asked to attend in the year, and those it reported attending (by the deadline or later) */
  trainings: number;
  attended: number;
  /** the codes behind each count */
  codes: { onTime: string[]; late: string[]; missing: string[]; attended: string[]; absent: string[] };
}

/**
 * 报送按期率 and 培训参加 per unit, for the 报送 whose deadline is in `year` and has passed by `asOf`
 * (one still running counts for nobody). Late = the first sending came after the deadline day;
 * missing = nothing came by asOf.
 */
export function submissionFigures(facts: SubmissionFact[], year: number, asOf: CivilDate): UnitSubmissions[] {
  const by = new Map<string, UnitSubmissions>();
  for (const f of facts) {
    if (Number(f.dueOn.slice(0, 4)) !== year || f.dueOn >= asOf) continue;
    let u = by.get(f.orgId);
    if (!u) {
      u = {
        orgId: f.orgId,
        asked: 0,
        onTime: 0,
        late: 0,
        missing: 0,
        trainings: 0,
        attended: 0,
        codes: { onTime: [], late: [], missing: [], attended: [], absent: [] },
      };
      by.set(f.orgId, u);
    }
    const sent = f.firstOn && f.firstOn <= asOf ? f.firstOn : undefined;
    if (f.content === 'training') {
      u.trainings++;
      if (sent) u.attended++;
      u.codes[sent ? 'attended' : 'absent'].push(f.code);
      continue;
    }
    u.asked++;
    if (!sent) {
      u.missing++;
      u.codes.missing.push(f.code);
    } else if (sentOnTime(sent, f.dueOn)) {
      u.onTime++;
      u.codes.onTime.push(f.code);
    } else {
      u.late++;
      u.codes.late.push(f.code);
    }
  }
  return [...by.values()];
}

// Cards the bot sends. Every label comes from prompts/ (card.*); platforms render the
// card their own way, and `text` always carries the same content for those that can't.

import type { Attachment, Card, CardButton, CardField } from '../../chat/messages.js';
import { addDays, daysBetween, formatShanghai, weekday, weekdayName } from '../../domain/civil-date.js';
import { owesAction } from '../../domain/matter-state.js';
import {
  MATTER_KIND_LABEL,
  MATTER_STATUS_LABEL,
  type MatterKind,
  type MatterStatus,
  RECT_STATUS_LABEL,
  type RectStatus,
} from '../../domain/vocabulary.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { parseJson } from '../../store/tx.js';
import { type Ctx, forKind, t } from './context.js';

/**
 * A due date as people should read it: the date, why it is a working day when it
 * falls on a weekend (2026-02-28（周六，春节调休上班）), and 【待核】 when provisional.
 */
export function dueText(ctx: Ctx, m: { dueOn: string; dueProvisional: boolean }): string {
  const day = m.dueOn;
  const dow = weekday(day);
  const kind = ctx.services.calendar.classify(day);
  const note =
    (dow === 0 || dow === 6) && kind.working && kind.reason
      ? t(ctx, 'card.due_workday_note', { weekday: weekdayName(day), reason: kind.reason })
      : '';
  return `${day}${note}${m.dueProvisional ? t(ctx, 'card.provisional_mark') : ''}`;
}

/** Working days after today up to and including the due date (remembered: a day's notices ask often). */
const workdaysMemo = new WeakMap<object, Map<string, number>>();
function workdaysLeft(ctx: Ctx, dueOn: string): number {
  const key = `${ctx.today}|${dueOn}`;
  let memo = workdaysMemo.get(ctx.services.calendar);
  if (!memo) workdaysMemo.set(ctx.services.calendar, (memo = new Map()));
  const known = memo.get(key);
  if (known !== undefined) return known;
  let n = 0;
  for (let d = addDays(ctx.today, 1); d <= dueOn; d = addDays(d, 1)) if (ctx.services.calendar.isWorkingDay(d)) n++;
  if (memo.size > 10_000) memo.clear();
  memo.set(key, n);
  return n;
}

/** 还剩 3 个工作日 / 今日到期 / 已逾期 4 天 */
export function timeLeftText(ctx: Ctx, dueOn: string): string {
  const d = daysBetween(ctx.today, dueOn);
  if (d > 0) return t(ctx, 'card.time_left', { days: workdaysLeft(ctx, dueOn) });
  if (d === 0) return t(ctx, 'ledger.due_today');
  return t(ctx, 'ledger.overdue_days', { days: -d });
}

/** The status line: 已逾期 while an answer is late; otherwise the status itself. */
export function statusText(ctx: Ctx, m: { status: string; dueOn: string }): string {
  const label = MATTER_STATUS_LABEL[m.status as MatterStatus] ?? m.status;
  if (owesAction(m.status) && m.dueOn < ctx.today) return t(ctx, 'card.status_overdue', { status: label });
  return label;
}

export function matterFields(ctx: Ctx, m: MatterWithOrgs): CardField[] {
  const fields = [
    { label: t(ctx, 'card.label.code'), value: m.code },
    ...(m.docNumber ? [{ label: t(ctx, 'card.label.doc_number'), value: m.docNumber }] : []),
    { label: t(ctx, 'card.label.kind'), value: MATTER_KIND_LABEL[m.kind as MatterKind] },
    { label: t(ctx, 'card.label.title'), value: m.title },
    { label: t(ctx, 'card.label.org'), value: m.responsibleOrg.name },
    ...(m.urgent ? [{ label: t(ctx, 'card.label.urgent'), value: t(ctx, 'card.urgent') }] : []),
    { label: t(ctx, 'card.label.due'), value: dueText(ctx, m) },
  ];
  if (m.status !== 'closed' && m.status !== 'withdrawn')
    fields.push({ label: t(ctx, 'card.label.time_left'), value: timeLeftText(ctx, m.dueOn) });
  fields.push({ label: t(ctx, 'card.label.status'), value: statusText(ctx, m) });
  return fields;
}

export function agencyButtons(ctx: Ctx, code: string, kind?: string): CardButton[] {
  return [
    { label: t(ctx, forKind(ctx, 'card.button.reply', kind)), command: `/反馈 ${code}`, style: 'primary' },
    { label: t(ctx, 'card.button.extend'), command: `/延期 ${code}` },
    { label: t(ctx, 'card.button.details'), command: `/状态 ${code}` },
  ];
}

export function matterCard(
  ctx: Ctx,
  m: MatterWithOrgs,
  titleKey: string,
  tone: Card['tone'],
  buttons: CardButton[],
  body?: string,
  extraFields: CardField[] = [],
): Card {
  return {
    title: t(ctx, titleKey, { code: m.code, kind: MATTER_KIND_LABEL[m.kind as MatterKind] ?? m.kind }),
    tone,
    body,
    fields: [...matterFields(ctx, m), ...extraFields],
    buttons,
  };
}

export interface ReplyRow {
  version: number;
  measures: string;
  rectStatus: string;
  expectedOn: string | null;
  reason: string | null;
  attachments: string;
}

/** A reply's status in words: 已整改到位 …, or for a task 已完成 … (reply.rect_status_task.*). */
export function rectStatusText(ctx: Ctx, rectStatus: string, kind?: string): string {
  const own = `reply.rect_status_task.${rectStatus}`;
  if (kind === 'task' && ctx.services.prompts.has(own)) return t(ctx, own);
  return RECT_STATUS_LABEL[rectStatus as RectStatus] ?? rectStatus;
}

/** What an agency reported, for the evaluator: the measures, the status, the expected date, the files. */
export function replyContent(
  ctx: Ctx,
  r: ReplyRow,
  kind?: string,
): { text: string; body: string; fields: CardField[] } {
  const files = parseJson<Attachment[]>(r.attachments, []);
  const status = rectStatusText(ctx, r.rectStatus, kind);
  const fields: CardField[] = [{ label: t(ctx, forKind(ctx, 'reply.label.status', kind)), value: status }];
  if (r.expectedOn) fields.push({ label: t(ctx, 'reply.label.expected'), value: r.expectedOn });
  if (r.reason) fields.push({ label: t(ctx, forKind(ctx, 'reply.label.reason', kind)), value: r.reason });
  fields.push({
    label: t(ctx, 'reply.label.attachments'),
    value: files.length ? files.map((f) => f.name).join('、') : t(ctx, 'common.none'),
  });
  const body = t(ctx, forKind(ctx, 'reply.measures_body', kind), { version: r.version, measures: r.measures });
  const text = [body, ...fields.map((f) => `${f.label}：${f.value}`)].join('\n');
  return { text, body, fields };
}

/** A card once used: the same content, no buttons or form, and who used it for what, when. */
export function closedCard(ctx: Ctx, card: Card, by: string, action: string, at: Date): Card {
  return {
    ...card,
    buttons: [],
    form: undefined,
    tone: card.tone,
    closedNote: t(ctx, 'card.used.note', { by, action, at: formatShanghai(at) }),
  };
}

// Cards the bot sends. Every label comes from prompts/ (card.*); platforms render the
// card their own way, and `text` always carries the same content for those that can't.
import { daysBetween } from '../domain/civil-date.js';
import { MATTER_KIND_LABEL, MATTER_STATUS_LABEL, type MatterKind, type MatterStatus } from '../domain/vocabulary.js';
import type { MatterWithOrgs } from '../store/matters.js';
import { type Ctx, t } from './context.js';
import type { Card, CardButton } from './types.js';

export function matterFields(ctx: Ctx, m: MatterWithOrgs) {
  return [
    { label: t(ctx, 'card.label.code'), value: m.code },
    { label: t(ctx, 'card.label.kind'), value: MATTER_KIND_LABEL[m.kind as MatterKind] },
    { label: t(ctx, 'card.label.title'), value: m.title },
    { label: t(ctx, 'card.label.org'), value: m.responsibleOrg.name },
    { label: t(ctx, 'card.label.due'), value: m.dueProvisional ? `${m.dueOn}${t(ctx, 'card.provisional_mark')}` : m.dueOn },
    { label: t(ctx, 'card.label.status'), value: MATTER_STATUS_LABEL[m.status as MatterStatus] },
  ];
}

export function agencyButtons(ctx: Ctx, code: string): CardButton[] {
  return [
    { label: t(ctx, 'card.button.reply'), command: `/反馈 ${code}`, style: 'primary' },
    { label: t(ctx, 'card.button.extend'), command: `/延期 ${code}` },
    { label: t(ctx, 'card.button.details'), command: `/状态 ${code}` },
  ];
}

export function matterCard(ctx: Ctx, m: MatterWithOrgs, titleKey: string, tone: Card['tone'], buttons: CardButton[], body?: string): Card {
  return { title: t(ctx, titleKey, { code: m.code }), tone, body, fields: matterFields(ctx, m), buttons };
}

/** 剩3天 / 今日到期 / 逾期2天 */
export function daysLeftText(ctx: Ctx, dueOn: string): string {
  const d = daysBetween(ctx.today, dueOn);
  if (d > 0) return t(ctx, 'ledger.days_left', { days: d });
  if (d === 0) return t(ctx, 'ledger.due_today');
  return t(ctx, 'ledger.overdue_days', { days: -d });
}

// What a group may see of a clue: its outline (code, category, units, stage, dates — never its
// content), and its card with the buttons for the next step; the content only where it may be shown.
import type { Card, CardButton } from '../../chat/messages.js';
import { categoryLabel } from '../../domain/clue.js';
import { timeLeftText } from '../core/cards.js';
import { type Ctx, t } from '../core/context.js';
import type { Fields } from '../core/prompts.js';
import type { ClueMatter } from './service.js';

export function outlineFields(ctx: Ctx, c: ClueMatter): Fields {
  return {
    code: c.code,
    category: categoryLabel(c.clue.category),
    from: c.issuingOrg.name,
    org: c.responsibleOrg.name,
    stage: t(ctx, `status.${c.status}`),
    due: c.dueOn,
    state: timeLeftText(ctx, c.dueOn),
    referred: c.servedOn,
    restricted: c.clue.restricted ? t(ctx, 'clue.restricted_mark') : '',
  };
}

/** A clue's card: its outline as fields; the content only when it may be shown there; `note` (the answer's own words) on top, since Feishu shows the card alone. */
export function clueCard(
  ctx: Ctx,
  c: ClueMatter,
  titleKey: string,
  tone: Card['tone'],
  buttons: CardButton[],
  withContent: boolean,
  note?: string,
): Card {
  const f = outlineFields(ctx, c);
  const fields = [
    { label: t(ctx, 'clue.label.category'), value: String(f.category) },
    { label: t(ctx, 'clue.label.from'), value: c.issuingOrg.name },
    { label: t(ctx, 'clue.label.org'), value: c.responsibleOrg.name },
    { label: t(ctx, 'clue.label.stage'), value: String(f.stage) },
    {
      label: t(ctx, c.status === 'handling' ? 'clue.label.close_due' : 'clue.label.accept_due'),
      value: `${c.dueOn}（${f.state}）`,
    },
  ];
  if (withContent) {
    fields.push({ label: t(ctx, 'clue.label.source'), value: c.clue.source });
    if (c.clue.involved) fields.push({ label: t(ctx, 'clue.label.involved'), value: c.clue.involved });
  }
  const body = withContent ? c.summary : c.clue.restricted ? t(ctx, 'clue.card_restricted_body') : undefined;
  return {
    title: t(ctx, titleKey, { code: c.code }) + String(f.restricted),
    tone,
    fields,
    buttons,
    body: [note, body].filter(Boolean).join('\n\n') || undefined,
  };
}

export const receiverButtons = (ctx: Ctx, code: string): CardButton[] => [
  { label: t(ctx, 'clue.button.accept'), command: `/线索 受理 ${code}`, style: 'primary' },
  { label: t(ctx, 'clue.button.return'), command: `/线索 退回 ${code}`, style: 'danger' },
  { label: t(ctx, 'clue.button.show'), command: `/线索 查看 ${code}` },
];

export const handlerButtons = (ctx: Ctx, code: string): CardButton[] => [
  { label: t(ctx, 'clue.button.progress'), command: `/线索 进展 ${code}`, style: 'primary' },
  { label: t(ctx, 'clue.button.close'), command: `/线索 办结 ${code}` },
  { label: t(ctx, 'clue.button.show'), command: `/线索 查看 ${code}` },
];

// The core's Card as a WeCom template card, and text as WeCom markdown. A template card's
// fields are plain text (nothing in them is read as markup); markdown is escaped whole, so
// nothing people typed (a title, a summary, a reason) becomes formatting, a link or an @所有人.
import { createHash } from 'node:crypto';
import type { Card } from '../../chat/messages.js';
import { escapeMarkdown, type MarkdownDialect } from '../markdown.js';

/** The parts of a template card this bot uses (the SDK's TemplateCard has them all). */
export interface WecomCard {
  card_type: 'button_interaction' | 'text_notice';
  source?: { desc: string; desc_color: 0 | 1 | 2 | 3 };
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
  button_list?: Array<{ text: string; style: number; key: string }>;
  task_id: string;
}

/** WeCom shows at most 6 label–value lines and 6 buttons on a card. */
const MAX_LINES = 6;
const MAX_BUTTONS = 6;
/** a button's key (the command it runs) may be 1,024 bytes */
const MAX_KEY_BYTES = 1024;
/** 0 grey, 1 black, 2 red, 3 green */
const TONE: Record<Card['tone'], 0 | 1 | 2 | 3> = { info: 0, success: 3, warning: 1, danger: 2 };
/** 1 primary (the default style), 2 plain, 3 warning */
const STYLE = { primary: 1, default: 2, danger: 3 } as const;

/**
 * A card's task_id from its outbox row: the same on every retry, unique per row, within WeCom's
 * rules (letters, digits and _-@, at most 128 bytes). It is also the card's message id: a
 * template_card_event names it, and the core finds the card it came from.
 */
export function taskIdFor(idempotencyKey: string): string {
  return `ld_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/** A message's own id (WeCom's active send returns none): stable across retries of its outbox row. */
export function messageIdFor(idempotencyKey: string): string {
  return `wm_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/** A card with its buttons (button_interaction), or without any (text_notice: a closed card, a plain notice). */
export function renderCard(card: Card, taskId: string, source: string): WecomCard {
  const lines = card.fields.map((f) => ({ keyname: f.label, value: f.value }));
  const extra = lines.splice(MAX_LINES).map((l) => `${l.keyname}：${l.value}`);
  const sub = [card.body, ...extra, card.closedNote].filter((x): x is string => Boolean(x)).join('\n');
  const buttons = card.buttons
    .slice(0, MAX_BUTTONS)
    .filter((b) => Buffer.byteLength(b.command) <= MAX_KEY_BYTES)
    .map((b) => ({ text: b.label, style: STYLE[b.style ?? 'default'], key: b.command }));
  return {
    card_type: buttons.length && !card.closedNote ? 'button_interaction' : 'text_notice',
    source: { desc: source, desc_color: TONE[card.tone] },
    main_title: { title: card.title },
    ...(sub ? { sub_title_text: sub } : {}),
    ...(lines.length ? { horizontal_content_list: lines } : {}),
    ...(buttons.length && !card.closedNote ? { button_list: buttons } : {}),
    task_id: taskId,
  };
}

/** WeCom's markdown: these characters are markup anywhere in a line. */
const WECOM_MARKDOWN: MarkdownDialect = { inline: /[\\`*_~[\]|]/g, lineEnd: '\n' };

/** Text for a WeCom markdown message, shown as written (../markdown.ts). */
export function markdownText(text: string): string {
  return escapeMarkdown(text, WECOM_MARKDOWN);
}

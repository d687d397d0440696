// The core's Card as a DingTalk interactive card's variables (cardParamMap, all strings), and text
// as DingTalk markdown (sampleMarkdown). Markdown is escaped whole, so nothing people typed (a
// title, a summary, a reason) becomes formatting, a link, an image or an @ that notifies someone.
import { createHash } from 'node:crypto';
import type { Card } from '../../chat/messages.js';
import { escapeMarkdown, type MarkdownDialect } from '../markdown.js';

/** A card's outTrackId from its outbox row: the same on every retry, unique per row (DingTalk: ≤ 64 characters). */
export function trackIdFor(idempotencyKey: string): string {
  return `ld_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/** A message's own id (DingTalk's send returns a processQueryKey, not an id): stable across retries of its row. */
export function messageIdFor(idempotencyKey: string): string {
  return `dm_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/** DingTalk's markdown: these characters are markup anywhere in a line; any address becomes a link; single lines are joined. */
const DINGTALK_MARKDOWN: MarkdownDialect = { inline: /[\\`*_~[\]()!|]/g, breakLinks: true, lineEnd: '  \n' };

/** Text for a DingTalk markdown message, shown as written (../markdown.ts). */
export function markdownText(text: string): string {
  return escapeMarkdown(text, DINGTALK_MARKDOWN);
}

/** The notification's title (DingTalk shows it in the chat list): the first line, short, as plain text. */
export function titleOf(text: string): string {
  const first = text.split('\n').find((l) => l.trim()) ?? '';
  return first.trim().slice(0, 30) || '府检联动';
}

/** the card's colour (the template's tone variable) and each button's (its loop list's color) */
const TONES: Record<Card['tone'], string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };
const STYLE = { primary: 'blue', default: 'gray', danger: 'red' } as const;

/**
 * The card template's variables (README: 「卡片模板」): title, the body and fields as escaped
 * markdown, the buttons as a JSON list of { text, color, command } (each button's callback
 * passes its command back as the parameter `command`), and closed = "true" once used — the
 * template then hides the buttons. DingTalk takes only strings in cardParamMap.
 */
export function cardParams(card: Card, source: string): Record<string, string> {
  const closed = Boolean(card.closedNote);
  const buttons = closed
    ? []
    : card.buttons.map((b) => ({ text: b.label, color: STYLE[b.style ?? 'default'], command: b.command }));
  return {
    title: card.title,
    source,
    tone: TONES[card.tone],
    markdown: cardMarkdown(card),
    buttons: JSON.stringify(buttons),
    closed: String(closed),
  };
}

/** The body, the fields as “label：value” lines, and the closing note, escaped. */
export function cardMarkdown(card: Card): string {
  const lines = [
    ...(card.body ? [card.body] : []),
    ...card.fields.map((f) => `${f.label}：${f.value}`),
    ...(card.closedNote ? [card.closedNote] : []),
  ];
  return markdownText(lines.join('\n'));
}

/** A card without a template (DINGTALK_CARD_TEMPLATE_ID unset): markdown, its buttons as the commands to type. */
export function cardAsMarkdown(card: Card, buttonLine: (label: string, command: string) => string): string {
  const head = `**${markdownText(card.title)}**`;
  const buttons = card.closedNote ? [] : card.buttons.map((b) => markdownText(buttonLine(b.label, b.command)));
  return [head, cardMarkdown(card), ...buttons].filter(Boolean).join('  \n');
}

// The core's Card as a Feishu card (JSON 2.0). People's text goes in plain_text
// elements, never markdown, so nothing they typed is read as formatting.
import type { Card, CardFormField } from '../../chat/messages.js';

const TEMPLATE: Record<Card['tone'], string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };

const plain = (content: string) => ({ tag: 'plain_text', content });
const div = (content: string) => ({ tag: 'div', text: plain(content) });

/** The value a button carries back in card.action.trigger. */
export interface ButtonValue {
  command?: string;
  form?: string;
  context?: Record<string, string>;
}

export interface CardWords {
  /** e.g. （整改状态为“正在整改”时必填） */
  whenRequired: (field: string, value: string) => string;
}

function formField(f: CardFormField, all: CardFormField[], words: CardWords): Record<string, unknown> | undefined {
  const other = f.when ? all.find((x) => x.key === f.when!.field) : undefined;
  const valueLabel = other?.choices?.find((c) => c.value === f.when!.equals)?.label ?? f.when?.equals ?? '';
  const label = plain(f.label + (other ? words.whenRequired(other.label, valueLabel) : ''));
  switch (f.type) {
    case 'choice':
      return {
        tag: 'select_static',
        name: f.key,
        required: f.required && !f.when,
        placeholder: label,
        options: f.choices!.map((c) => ({ text: plain(c.label), value: c.value })),
      };
    case 'date':
      return { tag: 'date_picker', name: f.key, required: f.required && !f.when, placeholder: label };
    case 'attachment':
      return undefined; // cards cannot carry files: the text form takes attachments
    default:
      return {
        tag: 'input',
        name: f.key,
        required: f.required && !f.when,
        label,
        input_type: f.type === 'text' ? 'multiline_text' : 'text',
        placeholder: plain(f.placeholder ?? f.label),
        max_length: 1000,
      };
  }
}

export function renderCard(card: Card, words: CardWords): Record<string, unknown> {
  const elements: Record<string, unknown>[] = [];
  if (card.body) elements.push(div(card.body));
  if (card.fields.length) elements.push(div(card.fields.map((f) => `${f.label}：${f.value}`).join('\n')));
  for (const b of card.buttons) {
    const value: ButtonValue = { command: b.command };
    elements.push({
      tag: 'button',
      text: plain(b.label),
      type: b.style === 'primary' ? 'primary' : b.style === 'danger' ? 'danger' : 'default',
      behaviors: [{ type: 'callback', value }],
    });
  }
  if (card.closedNote)
    elements.push({ tag: 'div', text: { tag: 'plain_text', content: card.closedNote, text_color: 'grey' } });
  if (card.form) {
    const value: ButtonValue = { form: card.form.name, context: card.form.context };
    elements.push({
      tag: 'form',
      name: `form_${card.form.name}`,
      elements: [
        ...card.form.fields
          .map((f) => formField(f, card.form!.fields, words))
          .filter((x): x is Record<string, unknown> => Boolean(x)),
        {
          tag: 'button',
          name: 'submit',
          text: plain(card.form.submitLabel),
          type: 'primary',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value }],
        },
      ],
    });
  }
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: plain(card.title), template: TEMPLATE[card.tone] },
    body: { elements },
  };
}

/**
 * Text for a Feishu text message, with nothing in it read as markup: Feishu reads <at user_id="all">
 * (an @所有人), <b>, <a …> and the like in a text message, so every tag opener in the bot's text —
 * which carries what people typed: titles, summaries, reasons — becomes a full-width ＜.
 * The bot's own @-mention is added after this, by the adapter.
 */
export function plainTextMessage(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '＜');
}

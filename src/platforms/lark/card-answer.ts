// The answer to a Feishu card callback (a button, or a card form submitted): the core runs
// it, and the toast says how it went, with the closed card when there is one.
import type { Prompts } from '../../bot/core/prompts.js';
import type { Card } from '../../chat/messages.js';
import type { Inbound } from '../platform.js';
import { cardActionToIncoming, type LarkCardActionEvent } from './events.js';
import { renderCard } from './render.js';

export interface CardAnswer {
  toast: { type: 'success' | 'error' | 'info'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

/** A button or a card-form submit: run it, and say how it went in a toast (with the closed card). */
export async function answerCardAction(
  inbound: Inbound,
  prompts: Prompts,
  data: LarkCardActionEvent,
  now: Date,
): Promise<CardAnswer> {
  const incoming = cardActionToIncoming(data, now);
  if (!incoming) return { toast: { type: 'error', content: prompts.render('lark.toast_error') } };
  const { ok, card } = await inbound.receive(incoming);
  const answer: CardAnswer = {
    toast: {
      type: ok ? 'success' : 'error',
      content: prompts.render(ok ? 'lark.toast_ok' : 'lark.toast_error'),
    },
  };
  if (ok && (card || incoming.action?.form))
    answer.card = {
      type: 'raw',
      data: renderCard(card ?? submittedCard(prompts), {
        whenRequired: (field: string, value: string) => prompts.render('lark.when_required', { field, value }),
      }),
    };
  return answer;
}

/** What a submitted card form turns into. */
export function submittedCard(prompts: Prompts): Card {
  return {
    title: prompts.render('lark.card_submitted'),
    tone: 'success',
    body: prompts.render('lark.card_submitted_body'),
    fields: [],
    buttons: [],
  };
}

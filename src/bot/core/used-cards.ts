// Closing the cards a turn used: a card whose buttons did their work is recorded as used once
// and replaced on the platform by the same card without buttons, saying who used it and when.
import type { Card } from '../../chat/messages.js';
import { recordCardUse } from '../../store/cards.js';
import { sentMessage } from '../../store/outbox.js';
import { closedCard } from './cards.js';
import { type Ctx, t } from './context.js';

/**
 * When a turn completed what a card asked for, closes that card (and the card whose
 * button opened the form): recorded once, and replaced on the platform by the same
 * card without buttons, saying who used it and when. Returns the closed card the
 * action came from, for a platform that answers a click with the new card (Feishu).
 */
export async function closeUsedCards(ctx: Ctx): Promise<Card | undefined> {
  const inc = ctx.incoming!;
  if (!ctx.completed) return undefined;
  const ids = [inc.action ? inc.cardMessageId : undefined, ctx.completed.card].filter((x): x is string => Boolean(x));
  let answer: Card | undefined;
  for (const id of new Set(ids)) {
    const original = await sentMessage(ctx.tx, inc.platform, id);
    if (!original?.card) continue;
    const by = ctx.member?.name ?? inc.senderName ?? inc.senderId;
    if (
      !(await recordCardUse(ctx.tx, inc.platform, id, {
        action: ctx.completed.action,
        actorId: ctx.member?.id,
        actorName: by,
        at: ctx.now,
      }))
    )
      continue;
    const card = closedCard(ctx, original.card, by, ctx.completed.action, ctx.now);
    ctx.out.push({
      platform: inc.platform,
      to: original.to,
      text: t(ctx, 'card.used.text', { title: card.title, note: card.closedNote! }),
      card,
      updates: id,
    });
    if (id === inc.cardMessageId) answer = card;
  }
  return answer;
}

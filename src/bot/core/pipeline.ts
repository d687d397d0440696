// The inbound pipeline, as small named steps the App runs in one transaction: de-duplicate,
// drop stale, identify, a used card stays closed — then the routing steps (routing.ts) and
// the families' own. Each step may stop the message, or pass it on with next().
import { formatShanghai, shanghaiDate } from '../../domain/civil-date.js';
import { findCardUse } from '../../store/cards.js';
import { firstSeen } from '../../store/inbound.js';
import { sentMessage } from '../../store/outbox.js';
import { type Ctx, UserError } from './context.js';
import type { Step } from './spec.js';

/** Messages older than this when they arrive are dropped (queued messages after a reconnect). */
export const STALE_AFTER_MS = 10 * 60_000;

export function compose(steps: Step[]): (ctx: Ctx) => Promise<void> {
  return (ctx) => {
    const run = (i: number): Promise<void> => (i < steps.length ? steps[i]!(ctx, () => run(i + 1)) : Promise.resolve());
    return run(0);
  };
}

/** De-duplicates by event id, and by message id (one message redelivered under a new event id). */
export const dedupe: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  if (!(await firstSeen(ctx.tx, inc.platform, inc.eventId, ctx.now))) return;
  if (
    inc.messageId &&
    inc.messageId !== inc.eventId &&
    !(await firstSeen(ctx.tx, inc.platform, `msg:${inc.messageId}`, ctx.now))
  )
    return;
  await next();
};

/** Drops messages that were already old when they reached us (not when we got round to them). */
export const dropStale: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  const age = (inc.receivedAt ?? ctx.now).getTime() - inc.sentAt.getTime();
  if (age > STALE_AFTER_MS) {
    ctx.services.log.info(
      { platform: inc.platform, event: inc.eventId, ageSeconds: Math.round(age / 1000) },
      'dropped a message older than 10 minutes (queued during a disconnect)',
    );
    return;
  }
  await next();
};

export const identify: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  const { roster } = ctx.services;
  ctx.member = await roster.member(ctx.tx, inc.platform, inc.senderId);
  ctx.binding = inc.isDirect ? undefined : await roster.binding(ctx.tx, inc.platform, inc.chatId);
  ctx.today = shanghaiDate(ctx.now);
  await next();
};

/** Refuses a click on a card that was used, saying by whom and when. */
export async function assertCardOpen(ctx: Ctx, cardMessageId: string): Promise<void> {
  const used = await findCardUse(ctx.tx, ctx.incoming!.platform, cardMessageId);
  if (used)
    throw new UserError('error.card_used', { by: used.actorName, action: used.action, at: formatShanghai(used.at) });
}

/** A card that was used is closed: any later click on it is refused. */
export const cardOnce: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  if (inc.action && inc.cardMessageId) {
    await assertCardOpen(ctx, inc.cardMessageId);
    await assertCardButton(ctx, inc.cardMessageId, inc.action.command);
  }
  await next();
};

/**
 * A button's command must be one of the buttons of the card it came from, as the bot sent it — on
 * every platform (the sandbox checked it at its edge, a Feishu callback did not): a callback naming
 * another command is refused, not run.
 */
async function assertCardButton(ctx: Ctx, cardMessageId: string, command: string | undefined): Promise<void> {
  if (command === undefined) return;
  const sent = await sentMessage(ctx.tx, ctx.incoming!.platform, cardMessageId);
  if (sent?.card && !sent.card.buttons.some((b) => b.command === command)) throw new UserError('error.card_forged');
}

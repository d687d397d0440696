// How a turn is taken: the locks it holds on PostgreSQL, what became of it, and the answer to a
// turn that failed, written in a turn of its own after the first was rolled back.

import type { Card, Incoming } from '../../chat/messages.js';
import { findFormOf } from '../../store/forms.js';
import { saveSuggestion } from '../../store/suggestions.js';
import { type Ctx, reply, type UserError } from './context.js';

/**
 * A user's mistake is answered with what was wrong (and a corrected command to accept with 是);
 * anything else with a short apology. A form whose submission was refused keeps its answers, and
 * the person is told how to fix or leave it.
 */
export async function answerFailureIn(ctx: Ctx, userError: UserError | undefined): Promise<void> {
  const incoming = ctx.incoming!;
  if (!userError) {
    reply(ctx, 'error.internal');
    return;
  }
  reply(ctx, userError.key, userError.fields);
  const session = await findFormOf(ctx.tx, incoming);
  if (session && session.step === -1 && !incoming.action) reply(ctx, 'form.fix_hint');
  if (userError.suggestion)
    await saveSuggestion(ctx.tx, incoming.platform, incoming.chatId, incoming.senderId, userError.suggestion, ctx.now);
}

/**
 * On PostgreSQL several processes take turns at once: turns in one chat, and turns of one
 * person (their direct-chat form), run one after another — as every turn does on SQLite's
 * single writer — so a double click that reaches two processes is one click and a plain
 * "already open" for the second, never two forms. Always the chat first, then the person,
 * so two turns never wait on each other in a circle.
 */
export const turnLocks = (incoming: Incoming) => [
  `chat:${incoming.platform}:${incoming.chatId}`,
  `person:${incoming.platform}:${incoming.senderId}`,
];

/** What became of a message: taken (ok when it did what was asked), or not taken at all because the database could not be used. */
export interface Received {
  ok: boolean;
  card?: Card;
  /** the database could not be used: nothing was recorded, the sender may send it again */
  unavailable?: boolean;
}

// The sandbox platform: a local chat kept in the database, shown by a web page and
// driven by a JSON API. It is a real platform to the core: messages come in as
// Incoming and go out through the outbox like any other.
import { randomUUID } from 'node:crypto';
import type { PlatformAdapter } from '../../bot/adapter.js';
import type { Incoming, Outgoing, Attachment } from '../../bot/types.js';
import { UNLIMITED } from '../../outbox/rate-limit.js';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import { addSandboxMessage } from '../../store/sandbox-messages.js';

export const SANDBOX = 'sandbox';
export const BOT_ID = 'bot';

/** A direct chat between the bot and one person. */
export const directChatId = (userId: string) => `dm:${userId}`;

export class SandboxAdapter implements PlatformAdapter {
  readonly platform = SANDBOX;
  readonly limits = UNLIMITED;
  readonly idempotent = true;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async send(message: Outgoing, idempotencyKey: string): Promise<{ messageId: string }> {
    const chatId = message.to.chatId ?? directChatId(message.to.userId!);
    const file = message.file ?? message.image;
    const r = await addSandboxMessage(this.db, {
      id: `m-${randomUUID()}`,
      chatId,
      senderId: BOT_ID,
      fromBot: true,
      // a prompt addressed to one person in a group names them first
      text: message.mention ? `${message.mention.name}：${message.text}` : message.text,
      card: message.card,
      attachments: file ? [{ kind: file.kind, name: file.name, ref: file.ref }] : undefined,
      quoteId: message.replyTo,
      // a used card: the page replaces the earlier message's card with this one
      updatesId: message.updates,
      idempotencyKey,
      at: this.clock.now(),
    });
    return { messageId: r.id };
  }

  /** Stores a person's message and turns it into the core's Incoming. */
  async accept(input: { chatId: string; senderId: string; text: string; quoteMessageId?: string; attachments?: Attachment[] }): Promise<Incoming> {
    const now = this.clock.now();
    const id = `m-${randomUUID()}`;
    await addSandboxMessage(this.db, { id, chatId: input.chatId, senderId: input.senderId, fromBot: false, text: input.text, attachments: input.attachments, quoteId: input.quoteMessageId, at: now });
    return {
      platform: SANDBOX,
      eventId: id,
      messageId: id,
      chatId: input.chatId,
      isDirect: input.chatId.startsWith('dm:'),
      senderId: input.senderId,
      text: input.text,
      mentions: [],
      quotedMessageId: input.quoteMessageId,
      attachments: input.attachments ?? [],
      sentAt: now,
      cardForms: true,
    };
  }
}

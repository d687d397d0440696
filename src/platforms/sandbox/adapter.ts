// The sandbox platform: a local chat kept in the database, shown by a web page and
// driven by a JSON API. It is a real platform to the core: messages come in as
// Incoming and go out through the outbox like any other.
import { randomUUID } from 'node:crypto';
import type { PlatformAdapter } from '../../chat/adapter.js';
import type { Attachment, Incoming, Outgoing } from '../../chat/messages.js';
import { LARK_LIMITS, type RateLimits, UNLIMITED } from '../../outbox/rate-limit.js';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import { addBotMessages, addSandboxMessage } from '../../store/sandbox-messages.js';

export const SANDBOX = 'sandbox';

/** A direct chat between the bot and one person. */
export const directChatId = (userId: string) => `dm:${userId}`;

export class SandboxAdapter implements PlatformAdapter {
  readonly platform = SANDBOX;
  readonly limits: RateLimits;
  readonly idempotent = true;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** 'lark': paced as Feishu is (a rehearsal of a real group's limits); default unpaced */
    pace: 'none' | 'lark' = 'none',
  ) {
    this.limits = pace === 'lark' ? LARK_LIMITS : UNLIMITED;
  }

  async send(message: Outgoing, idempotencyKey: string): Promise<{ messageId: string }> {
    const [messageId] = await this.sendBatch([{ message, key: idempotencyKey }]);
    return { messageId: messageId! };
  }

  /**
   * The bot's messages as rows of the sandbox's table, in one statement. A prompt to one
   * person in a group names them first; a used card's update replaces the earlier card.
   */
  async sendBatch(items: Array<{ message: Outgoing; key: string }>): Promise<string[]> {
    return addBotMessages(
      this.db,
      items.map(({ message, key }) => {
        const file = message.file ?? message.image;
        return {
          id: `m-${randomUUID()}`,
          chatId: message.to.chatId ?? directChatId(message.to.userId!),
          text: message.mention ? `${message.mention.name}：${message.text}` : message.text,
          card: message.card,
          attachments: file ? [{ kind: file.kind, name: file.name, ref: file.ref }] : undefined,
          quoteId: message.replyTo,
          updatesId: message.updates,
          idempotencyKey: key,
        };
      }),
      this.clock.now(),
    );
  }

  /** Stores a person's message and turns it into the core's Incoming. */
  async accept(input: {
    chatId: string;
    senderId: string;
    text: string;
    quoteMessageId?: string;
    attachments?: Attachment[];
  }): Promise<Incoming> {
    const now = this.clock.now();
    const id = `m-${randomUUID()}`;
    await addSandboxMessage(this.db, {
      id,
      chatId: input.chatId,
      senderId: input.senderId,
      fromBot: false,
      text: input.text,
      attachments: input.attachments,
      quoteId: input.quoteMessageId,
      at: now,
    });
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

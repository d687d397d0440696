// A bot on DingTalk against the fake (test/support/dingtalk-fake.ts), and the moves of its users:
// say something (in a group with the robot @-mentioned — DingTalk delivers only those — or in the
// single chat), click a card's button, send a file — each waited for until processed.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { freshDbFile } from './db.js';
import { dingtalkEnv, FakeDingtalk } from './dingtalk-fake.js';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

export class DingtalkWorld {
  fake = new FakeDingtalk();
  base = '';
  rt: Runtime | undefined;
  private seq = 0;

  async start(): Promise<void> {
    this.base = await this.fake.start();
  }

  env(file: string, over: Record<string, string> = {}) {
    return dingtalkEnv({ file, base: this.base, fake: this.fake, over });
  }

  async boot(file = freshDbFile(), over: Record<string, string> = {}, log: Logger = silentLogger): Promise<string> {
    this.rt = await startRuntime({ config: readConfig(this.env(file, over)), log, migrate: false });
    await this.rt.ready;
    return file;
  }

  get bot(): Runtime {
    if (!this.rt) throw new Error('not booted');
    return this.rt;
  }

  now = (): Date => this.bot.clock.now();

  /** Waits until the bot has processed the callback stored under `key` (msgId, or card:<messageId>). */
  async settled(key: string): Promise<void> {
    const processed = async () =>
      (await this.bot.db.platformInbox.findUnique({ where: { key: `dingtalk:${key}` } }))?.processedAt ?? null;
    await expect.poll(processed, { interval: 10, timeout: 8000 }).not.toBeNull();
  }

  /** A robot message's data: in a group (chat) or the single chat with `user`. */
  message(o: { chat?: string; user: string; msgId?: string; at?: Date }, rest: Record<string, unknown>) {
    const name = { liming01: '李明', zhangmin01: '张敏', hanxue01: '韩雪' }[o.user] ?? o.user;
    return {
      msgId: o.msgId ?? `msg${++this.seq}${randomBytes(3).toString('hex')}`,
      conversationType: o.chat ? '2' : '1',
      conversationId: o.chat ?? `cidDirect_${o.user}`,
      senderStaffId: o.user,
      senderNick: name,
      senderId: `$:LWCP_v1:$${o.user}`,
      chatbotUserId: '$:LWCP_v1:$robot',
      robotCode: this.fake.robotCode,
      createAt: (o.at ?? this.now()).getTime(),
      isInAtList: Boolean(o.chat),
      ...rest,
    };
  }

  /** Someone writes (DingTalk strips the robot's @ from the text it delivers). */
  async say(chat: string | undefined, user: string, text: string, replied?: { text: string }): Promise<void> {
    const data = this.message(
      { chat, user },
      {
        msgtype: 'text',
        text: {
          content: ` ${text}`,
          ...(replied ? { isReplyMsg: true, repliedMsg: { content: { text: replied.text } } } : {}),
        },
      },
    );
    this.fake.push(TOPIC_ROBOT, data);
    await this.settled(data.msgId);
  }

  /** Clicks the button `label` on the last card in `chat` that has it. */
  async click(chat: string, user: string, label: string, space: 'IM_GROUP' | 'IM_ROBOT' = 'IM_GROUP') {
    const card = this.fake
      .cardsTo(chat)
      .findLast((c) => JSON.parse(c.params.buttons!).some((b: { text: string }) => b.text === label));
    if (!card) throw new Error(`no card with a ${label} button in ${chat}`);
    const command = JSON.parse(card.params.buttons!).find((b: { text: string }) => b.text === label).command;
    const messageId = this.clickRaw({ user, outTrackId: card.outTrackId, command, space, spaceId: chat });
    await this.settled(`card:${messageId}`);
    return card;
  }

  clickRaw(o: { user: string; outTrackId: string; command: string; space: string; spaceId: string }): string {
    return this.fake.push(TOPIC_CARD, {
      outTrackId: o.outTrackId,
      corpId: 'ding-corp',
      userId: o.user,
      spaceType: o.space,
      spaceId: o.spaceId,
      type: 'actionCallback',
      content: JSON.stringify({ cardPrivateData: { actionIds: ['liandong_button'], params: { command: o.command } } }),
    });
  }

  /** Sends a file in the single chat with the robot. */
  async sendFile(user: string, bytes: Buffer, fileName: string): Promise<void> {
    const downloadCode = this.fake.addFile(bytes);
    const data = this.message({ user }, { msgtype: 'file', content: { downloadCode, fileName } });
    this.fake.push(TOPIC_ROBOT, data);
    await this.settled(data.msgId);
  }

  async stop(): Promise<void> {
    await this.rt?.stop();
    this.rt = undefined;
    await this.fake.stop();
  }
}

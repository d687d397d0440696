// A bot on WeCom against the fake long connection (test/support/wecom-fake.ts), and the
// moves of its users: say something (in a group with the robot @-mentioned, or in the
// single chat), click a card's button, send a file — each waited for until processed.
import { expect } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { freshDbFile } from './db.js';
import { FakeWecom, wecomEnv } from './wecom-fake.js';

export class WecomWorld {
  fake = new FakeWecom();
  wsUrl = '';
  rt: Runtime | undefined;

  async start(): Promise<void> {
    this.wsUrl = await this.fake.start();
  }

  async boot(file = freshDbFile(), over: Record<string, string> = {}, log: Logger = silentLogger): Promise<string> {
    this.rt = await startRuntime({
      config: readConfig(wecomEnv({ file, wsUrl: this.wsUrl, fake: this.fake, over })),
      log,
      migrate: false,
    });
    await this.rt.ready;
    return file;
  }

  get bot(): Runtime {
    if (!this.rt) throw new Error('not booted');
    return this.rt;
  }

  now = (): Date => this.bot.clock.now();

  /** Waits until the bot has processed the frame (stored, handed to the core, its answers sent). */
  async settled(msgid: string): Promise<void> {
    const processed = async () =>
      (await this.bot.db.platformInbox.findUnique({ where: { key: `wecom:${msgid}` } }))?.processedAt ?? null;
    await expect.poll(processed, { interval: 10, timeout: 8000 }).not.toBeNull();
  }

  /** Someone writes: in a group (chat) with the robot @-mentioned, or in the single chat with the robot. */
  async say(chat: string | undefined, user: string, text: string, quote?: string): Promise<void> {
    const body = this.fake.text({ chat, user, text: chat ? `@联动机器人 ${text}` : text, at: this.now(), quote });
    await this.settled(body.msgid);
  }

  /** Clicks the button `label` on the last card in `chat` that has it (from the group, or from a single chat). */
  async click(chat: string, user: string, label: string, from: 'group' | 'single' = 'group') {
    const card = this.fake
      .cardsTo(chat)
      .findLast((c) => c.button_list?.some((b: { text: string }) => b.text === label));
    if (!card) throw new Error(`no card with a ${label} button in ${chat}`);
    const key = card.button_list.find((b: { text: string }) => b.text === label).key;
    const at = this.now();
    const ev = this.fake.click({ chat: from === 'group' ? chat : undefined, user, taskId: card.task_id, key, at });
    await this.settled(ev.body.msgid);
    return { card, reqId: ev.reqId };
  }

  /** Sends a file (or an image) in the single chat with the robot. */
  async sendFile(user: string, bytes: Buffer, filename: string, kind: 'file' | 'image' = 'file'): Promise<void> {
    const body = this.fake.file({ user, bytes, filename, at: this.now(), kind });
    await this.settled(body.msgid);
  }

  async stop(): Promise<void> {
    await this.rt?.stop();
    this.rt = undefined;
    await this.fake.stop();
  }
}

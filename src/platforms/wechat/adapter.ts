// WeChat through wechaty. WeChat has no cards and no official bot API: cards become
// text with numbered choices, sending is paced so the account is not throttled or
// banned, and rooms are found again by their binding after every login (on web
// protocols room ids change each time). Nothing platform-specific leaves this folder.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { MessageInterface as Message, RoomInterface as Room, WechatyInterface } from 'wechaty/impls';
import type { Prompts } from '../../bot/core/prompts.js';
import { type PlatformAdapter, SendError } from '../../chat/adapter.js';
import type { Attachment, Incoming, Outgoing } from '../../chat/messages.js';
import { UNLIMITED } from '../../outbox/rate-limit.js';
import type { Clock } from '../../schedule/clock.js';
import { expireChoices, saveChoices } from '../../store/choices.js';
import type { Db } from '../../store/db.js';
import { keepFile } from '../../store/files.js';
import { bindingDetails, updateBindingIdentity } from '../../store/roster.js';
import { setSetting } from '../../store/settings.js';
import { Pacer, type PacingConfig } from './pacer.js';
import { findRoomsAgain, roomInfo } from './rooms.js';

export { fingerprint } from './rooms.js';

export const WECHAT = 'wechat';
export const LOGIN_STATE_KEY = 'wechat.login';
/** an unresolved room's messages wait this long before the next look */
const HOLD_MS = 10 * 60_000;

export interface WechatDeps {
  bot: WechatyInterface;
  db: Db;
  clock: Clock;
  log: Logger;
  prompts: Prompts;
  pacing: PacingConfig;
  filesDir: string;
  /** the largest file kept (LIANDONG_FILE_MAX_MB) */
  fileMaxBytes?: number;
  /** waits for pacing: real time, or the simulated clock moving on */
  sleep: (ms: number) => Promise<void>;
  /** hands an incoming message to the core */
  receive: (incoming: Incoming) => Promise<unknown>;
  /** sends what waits in the outbox (after a login) */
  flush: () => Promise<unknown>;
  random?: () => number;
}

export class WechatAdapter implements PlatformAdapter {
  readonly platform = WECHAT;
  /** pacing is done here, per conversation switch, not by the generic limiter */
  readonly limits = UNLIMITED;
  private loggedIn = false;
  private selfId: string | undefined;
  private readonly pacer: Pacer;
  /** room ids that a binding points to but that could not be found after login */
  private readonly unresolved = new Set<string>();
  private readonly known = new Map<string, string>();

  constructor(private readonly deps: WechatDeps) {
    this.pacer = new Pacer(deps.pacing, deps.random);
  }

  ready(): boolean {
    return this.loggedIn;
  }

  async start(): Promise<void> {
    const { bot, log } = this.deps;
    bot.on('scan', (qrcode, status) => void this.onScan(qrcode, status));
    bot.on(
      'login',
      (user) =>
        void this.onLogin(user.id).catch((err) =>
          log.error({ error: String(err).slice(0, 200) }, 'wechat login handling failed'),
        ),
    );
    bot.on('logout', () => void this.onLogout());
    bot.on('error', (err) =>
      log.error({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'wechat puppet error'),
    );
    bot.on(
      'message',
      (msg) =>
        void this.onMessage(msg).catch((err) =>
          log.error({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'wechat message handling failed'),
        ),
    );
    await bot.start();
  }

  async stop(): Promise<void> {
    await this.deps.bot.stop();
  }

  private async saveLogin(state: string, extra: Record<string, unknown> = {}): Promise<void> {
    await setSetting(
      this.deps.db,
      LOGIN_STATE_KEY,
      JSON.stringify({ state, at: this.deps.clock.now().toISOString(), ...extra }),
    );
  }

  private async onScan(qrcode: string, status: number): Promise<void> {
    const link = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
    this.deps.log.info({ status, link }, '请用微信扫码登录');
    try {
      const QR = await import('qrcode');
      process.stdout.write(`${await QR.toString(qrcode, { type: 'terminal', small: true })}\n微信扫码登录：${link}\n`);
    } catch {
      process.stdout.write(`微信扫码登录：${link}\n`);
    }
    await this.saveLogin('scan', { link });
  }

  private async onLogin(userId: string): Promise<void> {
    this.selfId = userId;
    await this.resolveRooms();
    this.loggedIn = true;
    await this.saveLogin('logged_in', { user: userId });
    this.deps.log.info('wechat logged in; sending resumes');
    await this.deps.flush();
  }

  private async onLogout(): Promise<void> {
    this.loggedIn = false;
    await this.saveLogin('logged_out');
    this.deps.log.warn('wechat logged out; messages wait in the outbox until the next login');
  }

  /**
   * After a login, finds every bound room again: by its id when it still exists, else
   * by its topic and members (./rooms.ts). Never guessed.
   */
  async resolveRooms(): Promise<{ kept: number; moved: number; unresolved: number }> {
    const rooms = await Promise.all((await this.deps.bot.Room.findAll()).map((r) => roomInfo(r, this.selfId)));
    return findRoomsAgain(this.deps, rooms, this.unresolved);
  }

  /** Text for WeChat: the message (to one person: "张敏：…"), then the card's buttons as numbered choices. */
  render(message: Outgoing): string {
    // what people typed never reads as an @所有人 (a title, a summary): its @ becomes a full-width ＠
    const plain = message.text.replace(/@(?=\s*(所有人|全体成员|全体|all\b))/gi, '＠');
    const text = message.mention ? `${message.mention.name}：${plain}` : plain;
    const buttons = message.card?.buttons ?? [];
    if (buttons.length === 0) return text;
    return [
      text,
      ...buttons.map((b, i) => this.deps.prompts.render('wechat.choice_line', { n: i + 1, label: b.label })),
    ].join('\n');
  }

  beforeBatch(messages: Outgoing[]): void {
    if (messages.length < 5) return;
    const chats = new Set(messages.map((m) => m.to.chatId ?? m.to.userId)).size;
    const ms = this.pacer.estimateMs(messages.length, chats);
    const finish = new Date(this.deps.clock.now().getTime() + ms);
    this.deps.log.info(
      { messages: messages.length, chats, expectedFinish: finish.toISOString() },
      'wechat: sending a wave, paced',
    );
  }

  async send(message: Outgoing, idempotencyKey: string): Promise<{ messageId: string }> {
    const { bot, clock, db, log } = this.deps;
    const messageId = `wx-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
    // a used card: WeChat cannot edit a message, so its numbered menu expires instead
    if (message.updates) {
      if (message.to.chatId) await expireChoices(db, WECHAT, message.to.chatId, message.updates);
      return { messageId };
    }
    if (!this.loggedIn) throw new SendError('微信未登录', true, HOLD_MS, true);
    const chatKey = message.to.chatId ?? `user:${message.to.userId}`;
    if (message.to.chatId && this.unresolved.has(message.to.chatId))
      throw new SendError('微信群绑定待确认', true, HOLD_MS, true);
    // a chat id is a room, or (a direct chat) the person's contact id
    const id = message.to.chatId ?? message.to.userId!;
    const target = (message.to.chatId ? await bot.Room.find({ id }) : undefined) ?? (await bot.Contact.find({ id }));
    if (!target) throw new SendError('找不到微信群或联系人', true, HOLD_MS, true);

    const wait = this.pacer.delay(chatKey, clock.now().getTime());
    if (wait > 0) await this.deps.sleep(wait);
    try {
      const file = message.file ?? message.image;
      if (file?.path) await target.say((await import('file-box')).FileBox.fromFile(file.path, file.name));
      else await target.say(this.render(message));
    } catch (err) {
      throw new SendError(`微信发送失败：${String((err as Error)?.message ?? err).slice(0, 100)}`, true);
    }
    const now = clock.now();
    if (this.pacer.record(chatKey, now.getTime(), now.toISOString().slice(0, 10)))
      log.warn(
        { sentToday: this.pacer.sentToday },
        'wechat: daily message count reached the warning level; the account risks being throttled',
      );
    if (message.card?.buttons.length && message.to.chatId)
      await saveChoices(
        db,
        WECHAT,
        message.to.chatId,
        message.card.buttons.map((b) => b.command),
        messageId,
      );
    return { messageId };
  }

  private async attachmentOf(msg: Message): Promise<Attachment | undefined> {
    const t = this.deps.bot.Message.Type;
    if (![t.Attachment, t.Image, t.Video, t.Audio, t.Unknown].includes(msg.type())) return undefined;
    try {
      const file = await msg.toFileBox();
      const bytes = await file.toBuffer();
      return await keepFile(
        this.deps.db,
        { dir: this.deps.filesDir, maxBytes: this.deps.fileMaxBytes ?? 20 * 1048576 },
        {
          platform: WECHAT,
          ref: msg.id,
          name: file.name,
          kind: msg.type() === t.Image ? 'image' : 'file',
          bytes,
          at: this.deps.clock.now(),
        },
      );
    } catch {
      return undefined;
    }
  }

  private async onMessage(msg: Message): Promise<void> {
    if (msg.self()) return;
    const room = msg.room();
    const talker = msg.talker();
    const attachment = msg.type() === this.deps.bot.Message.Type.Text ? undefined : await this.attachmentOf(msg);
    let text = msg.type() === this.deps.bot.Message.Type.Text ? msg.text() : '';
    if (room && text) {
      const mentioned = await msg.mentionSelf();
      text = (await msg.mentionText()).trim();
      // "@联动机器人 帮助" is a command even without the slash
      if (mentioned && text && !/^[/／]/.test(text)) text = `/${text}`;
    }
    if (!text && !attachment) return;
    // the message's age in real time, carried over to the bot's clock
    const age = Math.max(0, Date.now() - msg.date().getTime());
    const incoming: Incoming = {
      platform: WECHAT,
      eventId: msg.id,
      messageId: msg.id,
      chatId: room ? room.id : talker.id,
      isDirect: !room,
      senderId: talker.id,
      senderName: talker.name(),
      text,
      mentions: (await msg.mentionList()).map((c) => c.id),
      attachments: attachment ? [attachment] : [],
      sentAt: new Date(this.deps.clock.now().getTime() - age),
      cardForms: false,
    };
    await this.deps.receive(incoming);
    if (room) await this.remember(room);
  }

  /** Keeps a bound room's topic and members up to date, so it can be found after the next login. */
  private async remember(room: Room): Promise<void> {
    const info = await roomInfo(room, this.selfId);
    const stamp = `${info.topic}\n${info.fingerprint}`;
    if (this.known.get(room.id) === stamp) return;
    const binding = (await bindingDetails(this.deps.db, WECHAT)).find((b) => b.chatId === room.id);
    if (!binding) return;
    await updateBindingIdentity(this.deps.db, binding.id, { topic: info.topic, memberFingerprint: info.fingerprint });
    this.known.set(room.id, stamp);
  }
}

// Sending to WeCom through the intelligent robot's long connection (the official SDK's
// WSClient): text as markdown (escaped), cards as template cards, images and files uploaded
// in chunks then sent by media_id, to a group (chatid) or a person (userid). A used card is
// updated in place while WeCom allows it (5 s after the click), else its closing sentence
// goes as a new message. The outbox paces the robot (per minute, here per hour) and retries.
import { readFile } from 'node:fs/promises';
import type { WSClient, WsFrameHeaders } from '@wecom/aibot-node-sdk';
import { type PlatformAdapter, SendError } from '../../chat/adapter.js';
import type { Attachment, Outgoing } from '../../chat/messages.js';
import type { WecomConfig } from '../../config/env.js';
import type { RateLimits } from '../../outbox/rate-limit.js';
import type { Clock } from '../../schedule/clock.js';
import { RecentMessages } from '../markdown.js';
import { markdownText, messageIdFor, renderCard, taskIdFor } from './render.js';

export const WECOM = 'wecom';
/** an attachment ref naming a local file to upload: local:/path/to/file */
export const LOCAL_REF = 'local:';

/**
 * WeCom counts a robot's replies and active sends together: 30 a minute and 1,000 an hour
 * (WECOM_MAX_PER_MINUTE, default 25; WECOM_MAX_PER_HOUR, default 900, kept by the adapter).
 * Within a second the bot stays gentle: 2 to one chat, 4 in all.
 */
export function wecomLimits(config: WecomConfig): RateLimits {
  return { perChatPerSecond: 2, globalPerSecond: 4, globalPerMinute: config.perMinute };
}

/** 45009: 接口调用超过限制 — wait a minute */
const RATE_LIMITED = new Set([45009]);
/** 40003 invalid userid, 40008 invalid message type, 40058 invalid parameter: retrying cannot help */
const PERMANENT = new Set([40003, 40008, 40058]);
const HOUR_MS = 3600_000;

export interface WecomWords {
  /** the card's source line (the bot's name) */
  source: string;
  /** appended to a prompt addressed to someone in a group: the answer needs an @ of the robot */
  atHint: string;
}

type Client = Pick<WSClient, 'sendMessage' | 'uploadMedia' | 'sendMediaMessage' | 'updateTemplateCard'>;
type Body = Parameters<WSClient['sendMessage']>[1];

/** What WeCom (or the SDK) answered, as the outbox's error: retried, held while offline, or given up. */
export function sendErrorOf(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const code = (err as { errcode?: unknown })?.errcode;
  if (typeof code === 'number') {
    const msg = `企业微信返回 errcode ${code}`;
    if (RATE_LIMITED.has(code)) return new SendError(`企业微信限流（errcode ${code}）`, true, 60_000);
    return new SendError(msg, !PERMANENT.has(code));
  }
  const text = String((err as Error)?.message ?? err).slice(0, 160);
  // the connection dropped before WeCom answered: wait for the reconnect, without counting an attempt
  if (/not connected|connection closed|manually closed|Server disconnected/i.test(text))
    return new SendError(`企业微信长连接已断开：${text}`, true, 0, true);
  // more than 100 chunks of 512 KB: WeCom takes no file that large
  return new SendError(`企业微信发送失败：${text}`, !/File too large/.test(text));
}

export class WecomAdapter implements PlatformAdapter {
  readonly platform = WECOM;
  readonly limits: RateLimits;
  /** authenticated on the long connection (set by the receiver) */
  online = false;
  /** card task_id → the click's frame, which may update that card for a few seconds */
  private readonly clicks = new Map<string, { frame: WsFrameHeaders; at: number }>();
  /** the bot's recent text messages, to find the one a quote shows (WeCom's quote carries no id) */
  private readonly recent = new RecentMessages();
  /** when each message of the past hour was sent */
  private readonly hour: number[] = [];

  constructor(
    private readonly client: Client,
    private readonly config: WecomConfig,
    private readonly clock: Clock,
    private readonly words: WecomWords,
  ) {
    this.limits = wecomLimits(config);
  }

  ready(): boolean {
    return this.online;
  }

  /** A click on a card: its frame may update the card until WECOM_CARD_UPDATE_MS has passed (real time). */
  clicked(taskId: string, frame: WsFrameHeaders): void {
    const now = Date.now();
    for (const [id, c] of this.clicks) if (now - c.at > 5000) this.clicks.delete(id);
    this.clicks.set(taskId, { frame: { headers: frame.headers }, at: now });
  }

  async send(message: Outgoing, idempotencyKey: string): Promise<{ messageId: string }> {
    if (message.updates) return this.closeCard(message, idempotencyKey);
    this.checkHour();
    const chat = message.to.chatId ?? message.to.userId!;
    if (message.image || message.file) {
      const a = (message.image ?? message.file)!;
      const type = message.image ? 'image' : 'file';
      const media = await this.call(async () =>
        this.client.uploadMedia(await readFile(pathOf(a)), { type, filename: a.name }),
      );
      await this.call(() => this.client.sendMediaMessage(chat, type, media.media_id));
      return this.sent(messageIdFor(idempotencyKey));
    }
    if (message.card) {
      const taskId = taskIdFor(idempotencyKey);
      const card = message.card.body ? message.card : { ...message.card, body: message.text };
      const body = { msgtype: 'template_card', template_card: renderCard(card, taskId, this.words.source) } as Body;
      await this.call(() => this.client.sendMessage(chat, body));
      return this.sent(taskId);
    }
    const content = this.markdown(message);
    await this.call(() => this.client.sendMessage(chat, { msgtype: 'markdown', markdown: { content } }));
    const id = messageIdFor(idempotencyKey);
    this.recent.remember(chat, content, id);
    return this.sent(id);
  }

  /** The id of the bot's message a quote shows, found by its text in that chat (none after a restart). */
  quotedId(chat: string, quotedText: string | undefined): string | undefined {
    return this.recent.quoted(chat, quotedText);
  }

  /** Text as escaped markdown; a prompt to someone in a group names them and says to @ the robot. */
  private markdown(message: Outgoing): string {
    const text = markdownText(message.text);
    if (!message.mention) return text;
    return `${markdownText(message.mention.name)}：${text}\n${markdownText(this.words.atHint)}`;
  }

  /**
   * A used card: replaced by its closed form through the click's frame while WeCom allows it;
   * later (the form took longer, or the card closed for another reason) its sentence goes as a new message.
   */
  private async closeCard(message: Outgoing, key: string): Promise<{ messageId: string }> {
    const taskId = message.updates!;
    const click = this.clicks.get(taskId);
    if (message.card && click && Date.now() - click.at <= this.config.cardUpdateMs) {
      this.clicks.delete(taskId);
      const card = renderCard(message.card, taskId, this.words.source);
      await this.call(() => this.client.updateTemplateCard(click.frame, card as never));
      return this.sent(taskId); // WeCom counts replies with the robot's messages
    }
    return this.send({ ...message, updates: undefined, card: undefined }, key);
  }

  private sent(messageId: string): { messageId: string } {
    this.hour.push(this.clock.now().getTime());
    return { messageId };
  }

  /** WECOM_MAX_PER_HOUR reached: the rows wait until the oldest send of the hour is an hour old. */
  private checkHour(): void {
    const now = this.clock.now().getTime();
    while (this.hour.length && this.hour[0]! <= now - HOUR_MS) this.hour.shift();
    if (this.hour.length >= this.config.perHour)
      throw new SendError('企业微信每小时发送条数已达上限', true, this.hour[0]! + HOUR_MS + 1 - now, true);
  }

  private async call<T>(f: () => Promise<T>): Promise<T> {
    if (!this.online) throw new SendError('企业微信长连接未就绪', true, 0, true);
    try {
      return await f();
    } catch (err) {
      throw sendErrorOf(err);
    }
  }
}

/** The file on this machine: resolved by the dispatcher (stored files), or a local: ref the bot made. */
function pathOf(a: Attachment): string {
  if (a.path) return a.path;
  if (a.ref.startsWith(LOCAL_REF)) return a.ref.slice(LOCAL_REF.length);
  throw new SendError(`附件 ${a.name} 不在本机`, false);
}

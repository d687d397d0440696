// Sending to DingTalk through the OpenAPI with the app's access token (./openapi.ts): to a group
// by openConversationId (POST /v1.0/robot/groupMessages/send) or to a person by userId (POST
// /v1.0/robot/oToMessages/batchSend); text as sampleMarkdown (escaped); cards as interactive cards
// of the card template (POST /v1.0/card/instances/createAndDeliver, callbacks on the stream) and
// closed in place after the click (PUT /v1.0/card/instances); images and files uploaded (oapi
// media/upload) then sent as sampleImageMsg / sampleFile. A group's custom robot (notices only)
// goes through ./webhook.ts. The outbox paces and retries; a row's ids never change on retry.
import { readFile } from 'node:fs/promises';
import { type PlatformAdapter, SendError } from '../../chat/adapter.js';
import type { Attachment, Outgoing } from '../../chat/messages.js';
import type { DingtalkConfig } from '../../config/dingtalk.js';
import type { RateLimits } from '../../outbox/rate-limit.js';
import type { Clock } from '../../schedule/clock.js';
import { RecentMessages } from '../markdown.js';
import { DINGTALK } from './events.js';
import type { OpenApi } from './openapi.js';
import { cardAsMarkdown, cardParams, markdownText, messageIdFor, titleOf, trackIdFor } from './render.js';
import { WebhookSender } from './webhook.js';

/** an attachment ref naming a local file to upload: local:/path/to/file */
export const LOCAL_REF = 'local:';
const MINUTE_MS = 60_000;

export interface DingtalkWords {
  /** the card's source line (the bot's name) */
  source: string;
  /** appended to a prompt addressed to someone in a group: the answer needs an @ of the robot */
  atHint: string;
  /** a button of a card sent without a template: what to type instead */
  buttonLine(label: string, command: string): string;
}

/**
 * DingTalk allows an app 20 calls a second to one API; the bot stays at DINGTALK_MAX_PER_SECOND
 * (10) and DINGTALK_MAX_PER_MINUTE (300) in all, one a second to one chat, and at most
 * DINGTALK_CHAT_MAX_PER_MINUTE (20, a group's custom robot's documented limit) a minute to one chat.
 */
export function dingtalkLimits(config: DingtalkConfig): RateLimits {
  return { perChatPerSecond: 1, globalPerSecond: config.perSecond, globalPerMinute: config.perMinute };
}

type Message = { msgKey: string; msgParam: Record<string, string> };

export class DingtalkAdapter implements PlatformAdapter {
  readonly platform = DINGTALK;
  readonly limits: RateLimits;
  private readonly webhooks: WebhookSender;
  /** the bot's recent text messages, to find the one a quote shows */
  private readonly recent = new RecentMessages();
  /** when each message of the past minute went to each chat */
  private readonly minute = new Map<string, number[]>();

  constructor(
    private readonly api: OpenApi | undefined,
    private readonly config: DingtalkConfig,
    private readonly clock: Clock,
    private readonly words: DingtalkWords,
  ) {
    this.limits = dingtalkLimits(config);
    this.webhooks = new WebhookSender(config, clock);
  }

  async send(message: Outgoing, key: string): Promise<{ messageId: string }> {
    const chat = message.to.chatId ?? message.to.userId!;
    if (this.webhooks.has(chat)) return this.webhooks.send(chat, message, key, this.words);
    if (!this.api || !this.config.robotCode)
      throw new SendError('钉钉只配置了群自定义机器人（仅通知），无法发往该会话', false);
    if (message.updates && message.card && this.config.cardTemplateId) return this.closeCard(message.updates, message);
    if (message.updates) return this.send({ ...message, updates: undefined, card: undefined }, key);
    this.checkMinute(chat);
    if (message.image || message.file) return this.sendMedia(message, key);
    if (message.card && this.config.cardTemplateId) return this.sendCard(message, key);
    const text = message.card ? cardAsMarkdown(message.card, this.words.buttonLine) : this.markdown(message);
    await this.deliver(message, { msgKey: 'sampleMarkdown', msgParam: { title: titleOf(message.text), text } });
    const id = messageIdFor(key);
    this.recent.remember(chat, text, id);
    return this.sent(chat, id);
  }

  /** The id of the bot's message a quote shows, found by its text in that chat (none after a restart). */
  quotedId(chat: string, id: string | undefined, quotedText: string | undefined): string | undefined {
    if (id && this.recent.has(id)) return id;
    return this.recent.quoted(chat, quotedText);
  }

  /** Text as escaped markdown; a prompt to someone in a group names them and says to @ the robot. */
  private markdown(message: Outgoing): string {
    const text = markdownText(message.text);
    if (!message.mention) return text;
    return `${markdownText(message.mention.name)}：${text}  \n${markdownText(this.words.atHint)}`;
  }

  private async sendMedia(message: Outgoing, key: string): Promise<{ messageId: string }> {
    const a = (message.image ?? message.file)!;
    const bytes = await readFile(pathOf(a));
    if (message.image) {
      const mediaId = await this.api!.upload('image', a.name || 'chart.png', bytes);
      await this.deliver(message, { msgKey: 'sampleImageMsg', msgParam: { photoURL: mediaId } });
    } else {
      const mediaId = await this.api!.upload('file', a.name, bytes);
      const fileType = /\.([A-Za-z0-9]{1,6})$/.exec(a.name)?.[1]?.toLowerCase() ?? 'file';
      await this.deliver(message, { msgKey: 'sampleFile', msgParam: { mediaId, fileName: a.name, fileType } });
    }
    return this.sent(message.to.chatId ?? message.to.userId!, messageIdFor(key));
  }

  /** A group message or a single chat's, with the robot's code. */
  private async deliver(message: Outgoing, m: Message): Promise<void> {
    const base = { robotCode: this.config.robotCode, msgKey: m.msgKey, msgParam: JSON.stringify(m.msgParam) };
    if (message.to.chatId) {
      await this.api!.call('发送群消息', 'POST', '/v1.0/robot/groupMessages/send', {
        ...base,
        openConversationId: message.to.chatId,
      });
      return;
    }
    const body = (await this.api!.call('发送单聊消息', 'POST', '/v1.0/robot/oToMessages/batchSend', {
      ...base,
      userIds: [message.to.userId],
    })) as { invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] };
    if (body.invalidStaffIdList?.length) throw new SendError('钉钉：该用户 userId 无效或不在本组织', false);
    // DingTalk held it back for this person (too many messages to them): tried again in a minute
    if (body.flowControlledStaffIdList?.length) throw new SendError('钉钉限流：该用户单聊消息过多', true, MINUTE_MS);
  }

  /** An interactive card of the template, its callbacks on the stream; the outTrackId is its message id. */
  private async sendCard(message: Outgoing, key: string): Promise<{ messageId: string }> {
    const outTrackId = trackIdFor(key);
    const card = message.card!.body ? message.card! : { ...message.card!, body: message.text };
    const group = Boolean(message.to.chatId);
    const space = group ? `IM_GROUP.${message.to.chatId}` : `IM_ROBOT.${message.to.userId}`;
    const body = await this.api!.call('发送互动卡片', 'POST', '/v1.0/card/instances/createAndDeliver', {
      cardTemplateId: this.config.cardTemplateId,
      outTrackId,
      callbackType: 'STREAM',
      cardData: { cardParamMap: cardParams(card, this.words.source) },
      openSpaceId: `dtv1.card//${space}`,
      ...(group
        ? {
            imGroupOpenSpaceModel: { supportForward: true },
            imGroupOpenDeliverModel: { robotCode: this.config.robotCode },
          }
        : {
            imRobotOpenSpaceModel: { supportForward: true },
            imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.config.robotCode },
          }),
    }).catch((err: unknown): Record<string, unknown> => {
      // an earlier attempt of this row was delivered but its answer lost: the card is there, once
      if (err instanceof SendError && /outTrackId/i.test(err.message) && /exist|重复|已存在/i.test(err.message))
        return {};
      throw err;
    });
    const results = (body.result as { deliverResults?: Array<{ success?: boolean; errorMsg?: string }> } | undefined)
      ?.deliverResults;
    const failed = (results ?? []).find((r) => r.success === false);
    if (failed) throw new SendError(`钉钉互动卡片投放失败：${String(failed.errorMsg ?? '').slice(0, 120)}`, false);
    return this.sent(message.to.chatId ?? message.to.userId!, outTrackId);
  }

  /** A used card: its variables replaced by the closed form (no buttons, the note of who used it). */
  private async closeCard(outTrackId: string, message: Outgoing): Promise<{ messageId: string }> {
    await this.api!.call('更新互动卡片', 'PUT', '/v1.0/card/instances', {
      outTrackId,
      cardData: { cardParamMap: cardParams(message.card!, this.words.source) },
      cardUpdateOptions: { updateCardDataByKey: true },
    });
    return { messageId: outTrackId };
  }

  private sent(chat: string, messageId: string): { messageId: string } {
    const times = this.minute.get(chat) ?? [];
    times.push(this.clock.now().getTime());
    this.minute.set(chat, times);
    return { messageId };
  }

  /** DINGTALK_CHAT_MAX_PER_MINUTE reached for this chat: its rows wait until the oldest send is a minute old. */
  private checkMinute(chat: string): void {
    const now = this.clock.now().getTime();
    const times = (this.minute.get(chat) ?? []).filter((t) => t > now - MINUTE_MS);
    this.minute.set(chat, times);
    if (times.length >= this.config.perChatPerMinute)
      throw new SendError('钉钉：该会话每分钟发送条数已达上限', true, times[0]! + MINUTE_MS + 1 - now, true);
  }
}

/** The file on this machine: resolved by the dispatcher (stored files), or a local: ref the bot made. */
function pathOf(a: Attachment): string {
  if (a.path) return a.path;
  if (a.ref.startsWith(LOCAL_REF)) return a.ref.slice(LOCAL_REF.length);
  throw new SendError(`附件 ${a.name} 不在本机`, false);
}

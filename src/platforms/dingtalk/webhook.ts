// Notices only: a group's custom robot (自定义机器人) where an internal app's robot is not allowed.
// It can only post to its one group, through its webhook signed with its secret (加签: HmacSHA256
// of "timestamp\nsecret", Base64, as &timestamp=…&sign=…). It receives nothing: no commands, no
// forms, no card buttons (a card goes as markdown with the commands to type in a chat with the
// app robot or on another platform), no files or images. DingTalk allows it 20 messages a minute
// (then it refuses for 10 minutes); the bot stays at DINGTALK_NOTICE_MAX_PER_MINUTE (18).
import { createHmac } from 'node:crypto';
import { SendError } from '../../chat/adapter.js';
import type { Outgoing } from '../../chat/messages.js';
import type { DingtalkConfig, DingtalkWebhook } from '../../config/dingtalk.js';
import type { Clock } from '../../schedule/clock.js';
import { type ApiAnswer, errorOf, request, throttled } from './openapi.js';
import { cardAsMarkdown, markdownText, messageIdFor, titleOf } from './render.js';

const MINUTE_MS = 60_000;

/** The signed address: &timestamp=<ms>&sign=<urlencoded Base64 HmacSHA256("ms\nsecret")>. */
export function signedUrl(hook: Pick<DingtalkWebhook, 'url' | 'secret'>, nowMs: number): string {
  if (!hook.secret) return hook.url;
  const sign = createHmac('sha256', hook.secret).update(`${nowMs}\n${hook.secret}`).digest('base64');
  return `${hook.url}&timestamp=${nowMs}&sign=${encodeURIComponent(sign)}`;
}

export class WebhookSender {
  private readonly hooks: Map<string, DingtalkWebhook>;
  private readonly minute = new Map<string, number[]>();

  constructor(
    private readonly config: Pick<DingtalkConfig, 'webhooks' | 'webhookPerMinute'>,
    private readonly clock: Clock,
  ) {
    this.hooks = new Map(config.webhooks.map((h) => [h.chatId, h]));
  }

  has(chat: string): boolean {
    return this.hooks.has(chat);
  }

  async send(
    chat: string,
    message: Outgoing,
    key: string,
    words: { buttonLine(label: string, command: string): string },
  ): Promise<{ messageId: string }> {
    const hook = this.hooks.get(chat)!;
    if (message.image || message.file) throw new SendError('钉钉群自定义机器人不能发送图片或文件', false);
    this.checkMinute(chat);
    const card = message.card && !message.updates ? message.card : undefined;
    const text = card ? cardAsMarkdown(card, words.buttonLine) : markdownText(message.text);
    // the signature is checked against DingTalk's clock (an hour's leeway): real time, not the simulated clock
    const a = await request(signedUrl(hook, Date.now()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { title: titleOf(message.text), text } }),
    });
    const errcode = Number(a.body?.errcode ?? -1);
    if (a.status !== 200 || errcode !== 0) {
      if (throttled(a)) throw new SendError('钉钉群自定义机器人限流（每分钟 20 条）', true, 10 * MINUTE_MS);
      // 310000: the signature, keyword or IP check failed — the secret is wrong; 300001: the token is not valid
      throw a.status >= 500 || a.status === 0 ? errorOf('群自定义机器人发送', a) : permanent(a);
    }
    this.minute.get(chat)!.push(this.clock.now().getTime());
    return { messageId: messageIdFor(key) };
  }

  /** DINGTALK_NOTICE_MAX_PER_MINUTE reached: the group's rows wait for the oldest send to be a minute old. */
  private checkMinute(chat: string): void {
    const now = this.clock.now().getTime();
    const times = (this.minute.get(chat) ?? []).filter((t) => t > now - MINUTE_MS);
    this.minute.set(chat, times);
    if (times.length >= this.config.webhookPerMinute)
      throw new SendError('钉钉群自定义机器人每分钟发送条数已达上限', true, times[0]! + MINUTE_MS + 1 - now, true);
  }
}

function permanent(a: ApiAnswer): SendError {
  const code = Number(a.body?.errcode);
  const hint = code === 310000 ? '（加签密钥不符：请核对 DINGTALK_WEBHOOK_…_SECRET）' : '';
  return new SendError(`钉钉群自定义机器人发送失败：errcode ${code} ${String(a.body?.errmsg ?? '')}${hint}`, false);
}

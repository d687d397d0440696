// Sending to Feishu with the official SDK's Client: text, cards (JSON 2.0), replies,
// images and files; a deterministic uuid per outbox row so a retry after a crash is
// not shown twice; the response's `code` checked as well as the HTTP status.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { type PlatformAdapter, SendError } from '../../chat/adapter.js';
import type { Attachment, Card, Outgoing } from '../../chat/messages.js';
import type { LarkConfig } from '../../config/env.js';
import { LARK_LIMITS } from '../../outbox/rate-limit.js';
import { type CardWords, plainTextMessage, renderCard } from './render.js';

export const LARK = 'lark';
/** an attachment ref naming a local file to upload: local:/path/to/file */
export const LOCAL_REF = 'local:';

export { LARK_LIMITS } from '../../outbox/rate-limit.js';

const TOKEN_INVALID = new Set([99991663, 99991661, 99991668]);
const RATE_LIMITED = new Set([99991400, 230020]);
/** the chat or the message is gone, or the bot is not in the chat: retrying cannot help */
const PERMANENT = new Set([230001, 230002, 230006, 230011, 230013, 230017, 230099]);

/** ≤ 50 characters, the same for the same outbox row. */
export function larkUuid(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
}

/** A token cache of this adapter's own (the SDK's default is shared by the whole process). */
export class TokenCache {
  private readonly entries = new Map<string, { value: unknown; expire: number }>();
  private static id(key: string | Symbol, namespace?: string): string {
    return `${namespace ?? ''}/${String(key)}`;
  }
  /** `expire` is an absolute time in milliseconds, as the SDK gives it */
  async set(key: string | Symbol, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean> {
    this.entries.set(TokenCache.id(key, options?.namespace), { value, expire: expire ?? Infinity });
    return true;
  }
  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const id = TokenCache.id(key, options?.namespace);
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.expire <= Date.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return e.value;
  }
  clear(): void {
    this.entries.clear();
  }
}

/**
 * The SDK logs request configs (with message bodies) on errors. This logger keeps
 * only short strings and drops every object, so no message text or secret reaches the log.
 */
export function sdkLogger(log: Logger): lark.Logger {
  const line = (args: unknown[]) =>
    args
      .flat(3)
      .filter((a) => typeof a === 'string' || typeof a === 'number')
      .map((a) =>
        String(a)
          .replace(/(secret|token|key)["']?\s*[:=]\s*["']?[\w-]+/gi, '$1=[已隐去]')
          .slice(0, 200),
      )
      .join(' ');
  return {
    error: (...a: unknown[]) => log.error({ sdk: 'lark' }, line(a)),
    warn: (...a: unknown[]) => log.warn({ sdk: 'lark' }, line(a)),
    info: (...a: unknown[]) => log.info({ sdk: 'lark' }, line(a)),
    // the SDK's debug lines carry event payloads (message text): never pass them on
    debug: () => undefined,
    trace: () => undefined,
  };
}

interface LarkResponse {
  code?: number;
  msg?: string;
  data?: { message_id?: string };
}

export class LarkAdapter implements PlatformAdapter {
  readonly platform = LARK;
  readonly limits = LARK_LIMITS;
  readonly idempotent = true;
  readonly client: lark.Client;
  readonly tokens = new TokenCache();

  constructor(
    config: LarkConfig,
    log: Logger,
    private readonly words: CardWords,
  ) {
    this.client = new lark.Client({
      appId: config.appId!,
      appSecret: config.appSecret!,
      domain: config.domain,
      cache: this.tokens,
      logger: sdkLogger(log),
      loggerLevel: lark.LoggerLevel.warn,
    });
  }

  /**
   * An attachment's key on Feishu: a `local:` reference is a file the bot made (an
   * export, a chart), uploaded first; anything else already is a Feishu key.
   */
  private async upload(a: Attachment): Promise<string> {
    if (!a.path && !a.ref.startsWith(LOCAL_REF)) return a.ref;
    const path = a.path ?? a.ref.slice(LOCAL_REF.length);
    const res = (
      a.kind === 'image'
        ? await this.client.im.v1.image.create({ data: { image_type: 'message', image: createReadStream(path) } })
        : await this.client.im.v1.file.create({
            data: { file_type: 'stream', file_name: a.name, file: createReadStream(path) },
          })
    ) as {
      code?: number;
      image_key?: string;
      file_key?: string;
      data?: { image_key?: string; file_key?: string };
    } | null;
    const key = res?.image_key ?? res?.file_key ?? res?.data?.image_key ?? res?.data?.file_key;
    if (!key)
      throw new SendError(
        `飞书上传${a.kind === 'image' ? '图片' : '文件'}失败${res?.code ? `（code ${res.code}）` : ''}`,
        true,
      );
    return key;
  }

  private async content(message: Outgoing): Promise<{ msg_type: string; content: string }> {
    // a card without a body of its own shows the message's sentence (a card message has no text beside it)
    if (message.card) {
      const card = message.card.body ? message.card : { ...message.card, body: message.text };
      return { msg_type: 'interactive', content: JSON.stringify(renderCard(card, this.words)) };
    }
    if (message.image)
      return { msg_type: 'image', content: JSON.stringify({ image_key: await this.upload(message.image) }) };
    if (message.file)
      return { msg_type: 'file', content: JSON.stringify({ file_key: await this.upload(message.file) }) };
    // a prompt addressed to one person in a group @-mentions them
    const at = message.mention ? `<at user_id="${message.mention.userId}">${escapeAt(message.mention.name)}</at> ` : '';
    return { msg_type: 'text', content: JSON.stringify({ text: at + plainTextMessage(message.text) }) };
  }

  /** Replaces a sent card (a used card, closed): PATCH of the message, allowed for cards with update_multi. */
  private async patchCard(messageId: string, card: Card): Promise<{ messageId: string }> {
    let res: LarkResponse;
    try {
      res = (await this.client.im.v1.message.patch({
        path: { message_id: messageId },
        data: { content: JSON.stringify(renderCard(card, this.words)) },
      })) as LarkResponse;
    } catch (err) {
      throw this.httpError(err);
    }
    if (res?.code !== 0) throw new SendError(`飞书卡片更新失败（code ${res?.code}）`, !PERMANENT.has(res?.code ?? -1));
    return { messageId };
  }

  /** Replaces a card after a callback that took longer than Feishu waits (the callback's token is valid 30 minutes). */
  async updateCard(token: string, card: Card): Promise<void> {
    const res = (await this.client.request({
      method: 'POST',
      url: '/open-apis/interactive/v1/card/update',
      data: { token, card: renderCard(card, this.words) },
    })) as LarkResponse;
    if (res?.code !== 0) throw new SendError(`飞书卡片更新失败（code ${res?.code}）`, true);
  }

  private async call(message: Outgoing, uuid: string): Promise<LarkResponse> {
    const body = { ...(await this.content(message)), uuid };
    if (message.replyTo)
      return (await this.client.im.v1.message.reply({
        path: { message_id: message.replyTo },
        data: body,
      })) as LarkResponse;
    const to = message.to.chatId
      ? { type: 'chat_id' as const, id: message.to.chatId }
      : { type: 'open_id' as const, id: message.to.userId! };
    return (await this.client.im.v1.message.create({
      params: { receive_id_type: to.type },
      data: { receive_id: to.id, ...body },
    })) as LarkResponse;
  }

  async send(message: Outgoing, idempotencyKey: string): Promise<{ messageId: string }> {
    if (message.updates) {
      if (!message.card) throw new SendError('卡片更新缺少卡片内容', false);
      return this.patchCard(message.updates, message.card);
    }
    const uuid = larkUuid(idempotencyKey);
    for (let attempt = 0; ; attempt++) {
      let res: LarkResponse;
      try {
        res = await this.call(message, uuid);
      } catch (err) {
        throw this.httpError(err);
      }
      if (res.code === 0 && res.data?.message_id) return { messageId: res.data.message_id };
      const code = res.code ?? -1;
      if (TOKEN_INVALID.has(code) && attempt === 0) {
        this.tokens.clear(); // refresh the tenant token once
        continue;
      }
      if (RATE_LIMITED.has(code)) throw new SendError(`飞书限流（code ${code}）`, true);
      throw new SendError(`飞书返回 code ${code}`, !PERMANENT.has(code));
    }
  }

  /** Non-2xx answers: the SDK throws the HTTP error; read the status, the code and the rate-limit reset. */
  private httpError(err: unknown): SendError {
    const r = (err as { response?: { status?: number; headers?: Record<string, string>; data?: LarkResponse } })
      .response;
    if (!r) return new SendError(`无法连接飞书：${String((err as Error)?.message ?? err).slice(0, 100)}`, true);
    const reset = Number(r.headers?.['x-ogw-ratelimit-reset']);
    const code = r.data?.code;
    if (r.status === 429 || (code !== undefined && RATE_LIMITED.has(code)))
      return new SendError(
        `飞书限流（HTTP ${r.status}）`,
        true,
        Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
      );
    if (code !== undefined && PERMANENT.has(code)) return new SendError(`飞书返回 code ${code}`, false);
    return new SendError(
      `飞书返回 HTTP ${r.status}${code !== undefined ? `，code ${code}` : ''}`,
      (r.status ?? 500) >= 500 || r.status === 408,
    );
  }

  /** Fetches a tenant token: the doctor's credential check. */
  async checkCredentials(appId: string, appSecret: string): Promise<{ ok: boolean; detail: string }> {
    try {
      const res = (await this.client.auth.v3.tenantAccessToken.internal({
        data: { app_id: appId, app_secret: appSecret },
      })) as { code?: number; msg?: string };
      return res.code === 0
        ? { ok: true, detail: '已取得 tenant_access_token' }
        : { ok: false, detail: `飞书返回 code ${res.code}：${res.msg ?? ''}` };
    } catch (err) {
      return { ok: false, detail: this.httpError(err).message };
    }
  }
}

/** A name inside <at>…</at>: no markup of its own. */
function escapeAt(name: string): string {
  return name.replace(/[<>&]/g, '');
}

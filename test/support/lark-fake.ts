// A local fake of the Feishu Open API (plain HTTP on 127.0.0.1) that the REAL SDK talks
// to, and a simulator that encrypts and signs events exactly as Feishu does.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptEvent, signature } from '../../src/platforms/lark/crypto.js';

export interface FakeMessage {
  message_id: string;
  receive_id?: string;
  reply_to?: string;
  msg_type: string;
  content: string;
  uuid?: string;
}

export interface Scripted {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export class FakeLark {
  readonly messages: FakeMessage[] = [];
  readonly requests: Array<{ method: string; path: string; auth?: string }> = [];
  /** answers for the next message sends, in order */
  readonly script: Scripted[] = [];
  tokensIssued = 0;
  readonly uploads: Array<{ kind: 'image' | 'file'; bytes: number }> = [];
  readonly cardUpdates: Array<{ token: string; card: any }> = [];
  /** PATCH /im/v1/messages/:id (a used card closed): message id → the new card */
  readonly patches: Array<{ messageId: string; card: any }> = [];
  /** files people "sent": file key → bytes, served by GET /im/v1/messages/:id/resources/:key */
  readonly resources = new Map<string, Buffer>();
  /** milliseconds each message send takes (a slow Open API) */
  sendDelayMs = 0;
  /** answer 429 as Feishu does past 5 messages a second to one chat, 50 a second or 1,000 a minute for the app */
  enforceLimits = false;
  /** every message send that reached the fake: chat and real arrival time (ms) */
  readonly arrivals: Array<{ chat: string; at: number }> = [];
  rateLimited = 0;
  /** answers POST /callback/ws/endpoint (the long connection's discovery), when set */
  wsEndpoint: (() => unknown) | undefined;
  private server: http.Server | undefined;
  private byUuid = new Map<string, FakeMessage>();

  async start(): Promise<string> {
    this.server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/');
      const body = chunks.length && !multipart ? JSON.parse(raw.toString('utf8')) : {};
      this.requests.push({ method: req.method!, path: url.pathname, auth: req.headers.authorization });
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (url.pathname === '/callback/ws/endpoint' && this.wsEndpoint) {
        if (body.AppSecret !== 'secret') return send(200, { code: 1000040343, msg: 'app secret invalid' });
        return send(200, this.wsEndpoint());
      }
      if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
        if (body.app_secret !== 'secret') return send(200, { code: 10014, msg: 'app secret invalid' });
        this.tokensIssued++;
        return send(200, { code: 0, msg: 'ok', tenant_access_token: `t-${this.tokensIssued}`, expire: 7200 });
      }
      if (url.pathname === '/open-apis/im/v1/images' || url.pathname === '/open-apis/im/v1/files') {
        const kind = url.pathname.endsWith('images') ? 'image' : 'file';
        this.uploads.push({ kind, bytes: raw.length });
        return send(200, {
          code: 0,
          msg: 'success',
          data:
            kind === 'image'
              ? { image_key: `img_${this.uploads.length}` }
              : { file_key: `file_${this.uploads.length}` },
        });
      }
      if (url.pathname === '/open-apis/interactive/v1/card/update') {
        this.cardUpdates.push(body);
        return send(200, { code: 0, msg: 'success' });
      }
      const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(url.pathname);
      if (patch && req.method === 'PATCH') {
        this.patches.push({ messageId: patch[1]!, card: JSON.parse(body.content) });
        return send(200, { code: 0, msg: 'success', data: {} });
      }
      const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(url.pathname);
      if (resource && req.method === 'GET') {
        const bytes = this.resources.get(resource[2]!);
        if (!bytes) return send(404, { code: 234003, msg: 'file not found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
        res.end(bytes);
        return;
      }
      const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(url.pathname);
      if (url.pathname === '/open-apis/im/v1/messages' || reply) {
        if (!req.headers.authorization?.startsWith('Bearer t-'))
          return send(401, { code: 99991663, msg: 'token invalid' });
        if (this.sendDelayMs) await new Promise((r) => setTimeout(r, this.sendDelayMs));
        const arrived = Date.now();
        const chat = String(body.receive_id ?? reply?.[1] ?? '');
        if (this.enforceLimits) {
          const recent = (ms: number, only?: string) =>
            this.arrivals.filter((a) => a.at > arrived - ms && (!only || a.chat === only)).length;
          if (recent(1000, chat) >= 5 || recent(1000) >= 50 || recent(60_000) >= 1000) {
            this.rateLimited++;
            return send(
              429,
              { code: 99991400, msg: 'request trigger frequency limit' },
              { 'x-ogw-ratelimit-reset': '1' },
            );
          }
        }
        this.arrivals.push({ chat, at: arrived });
        const scripted = this.script.shift();
        if (scripted) return send(scripted.status, scripted.body, scripted.headers);
        const existing = body.uuid ? this.byUuid.get(body.uuid) : undefined;
        if (existing) return send(200, { code: 0, data: { message_id: existing.message_id } }); // Feishu's uuid de-duplication
        const m: FakeMessage = {
          message_id: `om_${randomUUID().slice(0, 8)}`,
          receive_id: body.receive_id,
          reply_to: reply?.[1],
          msg_type: body.msg_type,
          content: body.content,
          uuid: body.uuid,
        };
        this.messages.push(m);
        if (body.uuid) this.byUuid.set(body.uuid, m);
        return send(200, { code: 0, msg: 'success', data: { message_id: m.message_id } });
      }
      send(404, { code: 404, msg: 'not found' });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  textsTo(chatId: string): string[] {
    return this.messages
      .filter((m) => m.receive_id === chatId)
      .map((m) => (m.msg_type === 'text' ? JSON.parse(m.content).text : JSON.stringify(JSON.parse(m.content))));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** Encrypts and signs an event as Feishu does, and posts it to the webhook. */
export async function deliver(
  url: string,
  encryptKey: string,
  payload: unknown,
  opts: { timestamp?: number; tamper?: boolean } = {},
) {
  const body = JSON.stringify({ encrypt: encryptEvent(encryptKey, JSON.stringify(payload)) });
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const sig = signature(ts, nonce, encryptKey, body);
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': opts.tamper ? sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : sig,
    },
    body,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

export function messageEvent(o: {
  token: string;
  eventId?: string;
  chatId: string;
  sender: string;
  text: string;
  at: Date;
  chatType?: string;
  parentId?: string;
  messageType?: string;
  content?: unknown;
}) {
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? randomUUID(),
      token: o.token,
      create_time: String(o.at.getTime()),
      event_type: 'im.message.receive_v1',
      tenant_key: 't',
      app_id: 'cli_a1b2c3d4e5f60718',
    },
    event: {
      sender: { sender_id: { open_id: o.sender }, sender_type: 'user' },
      message: {
        message_id: `om_in_${randomUUID().slice(0, 8)}`,
        chat_id: o.chatId,
        chat_type: o.chatType ?? 'group',
        message_type: o.messageType ?? 'text',
        content: JSON.stringify(o.content ?? { text: o.text }),
        create_time: String(o.at.getTime()),
        parent_id: o.parentId,
        mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '联动机器人' }],
      },
    },
  };
}

export function cardEvent(o: {
  token: string;
  chatId: string;
  operator: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  at: Date;
  messageId?: string;
}) {
  return {
    schema: '2.0',
    header: {
      event_id: randomUUID(),
      token: o.token,
      create_time: String(o.at.getTime()),
      event_type: 'card.action.trigger',
      tenant_key: 't',
      app_id: 'cli_a1b2c3d4e5f60718',
    },
    event: {
      operator: { open_id: o.operator },
      token: 'c-token',
      action: { value: o.value, form_value: o.formValue, tag: 'button' },
      context: { open_message_id: o.messageId ?? 'om_card', open_chat_id: o.chatId },
    },
  };
}

/** The environment of a bot on Feishu, webhook mode, against a fake Open API at `domain` (tests, bench). */
export function larkWebhookEnv(o: {
  file: string;
  domain: string;
  encryptKey: string;
  token: string;
  clockStart: string;
  over?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: `file:${o.file}`,
    LIANDONG_PLATFORM: 'lark',
    LIANDONG_CLOCK: 'simulated',
    LIANDONG_CLOCK_START: o.clockStart,
    LIANDONG_ROSTER: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'roster-lark.yaml'),
    LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
    LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
    LARK_APP_SECRET: 'secret',
    LARK_ENCRYPT_KEY: o.encryptKey,
    LARK_VERIFICATION_TOKEN: o.token,
    LARK_MODE: 'webhook',
    LARK_WEBHOOK_PORT: '0',
    LARK_DOMAIN: o.domain,
    ...o.over,
  };
}

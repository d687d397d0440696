// A local fake of DingTalk that the REAL Stream SDK (dingtalk-stream's DWClient, through the
// bot's subclass) and the bot's OpenAPI client talk to: the gateway (POST
// /v1.0/gateway/connections/open → endpoint and ticket), the token (POST /v1.0/oauth2/accessToken),
// the stream WebSocket speaking the SDK's frames ({ specVersion, type: CALLBACK | SYSTEM, headers:
// { messageId, topic, … }, data }, each callback acknowledged with { code: 200, headers: { messageId },
// data }, a SYSTEM ping answered), callbacks not acknowledged delivered again on the next
// connection (as DingTalk does), and the OpenAPI: group and single-chat sends, card create and
// update, media upload (multipart), message file download, a custom robot's signed webhook.
// It drops the stream and answers with scripted errors (a rate limit) when told to.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SentMessage {
  /** openConversationId, userId, or webhook:<name> */
  chat: string;
  msgKey: string;
  param: Record<string, string>;
  /** markdown as a person reads it (escapes undone); cards: their params */
  text?: string;
  card?: { outTrackId: string; params: Record<string, string> };
  media?: { type: string; name: string; bytes: Buffer };
}

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** Markdown as DingTalk shows it: backslash escapes and hard breaks undone. */
export const shown = (md: string) =>
  md
    .replace(/ {2}\n/g, '\n')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '');

export class FakeDingtalk {
  readonly clientId = 'dingtestapp';
  readonly clientSecret = 'test-client-secret';
  readonly robotCode = 'dingtestapp';
  readonly sent: SentMessage[] = [];
  /** card updates accepted: outTrackId and the new params */
  readonly updates: Array<{ outTrackId: string; params: Record<string, string> }> = [];
  /** answers for the next send calls (group, single, card), in order: { status, body } */
  readonly script: Answer[] = [];
  /** every frame the SDK sent on the stream */
  readonly upstream: any[] = [];
  /** gateway calls: their subscriptions */
  readonly opens: Array<{ subscriptions: Array<{ type: string; topic: string }> }> = [];
  tokens = 0;
  connections = 0;
  /** false: WebSocket pings go unanswered (a connection dead without a close), set before start */
  autoPong = true;
  /** after this many more accepted sends the stream drops */
  dropAfterSends: number | undefined;
  base = '';
  private server: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly validTokens = new Set<string>();
  /** callbacks pushed and not acknowledged yet: delivered again to the next connection */
  readonly unacked = new Map<string, string>();
  private readonly media = new Map<string, { type: string; name: string; bytes: Buffer }>();
  private readonly files = new Map<string, Buffer>();
  private readonly cards = new Map<string, string>();
  private seq = 0;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.wss = new WebSocketServer({ noServer: true, autoPong: this.autoPong });
    this.server.on('upgrade', (req, socket, head) => {
      const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
      if (!this.tickets.delete(ticket)) return socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  private connected(ws: WebSocket): void {
    this.connections++;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw));
      this.upstream.push(f);
      if (f.code === 200 && f.headers?.messageId) this.unacked.delete(f.headers.messageId);
    });
    // DingTalk delivers again what no connection acknowledged
    for (const frame of this.unacked.values()) ws.send(frame);
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const a = this.route(req, url, raw);
    if (Buffer.isBuffer(a)) return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(a);
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(JSON.stringify(a.body));
  }

  private route(req: http.IncomingMessage, url: URL, raw: Buffer): Answer | Buffer {
    const json = () => JSON.parse(raw.toString('utf8') || '{}');
    const p = url.pathname;
    if (p === '/v1.0/gateway/connections/open') return this.open(json());
    if (p === '/v1.0/oauth2/accessToken') return this.token(json());
    if (p.startsWith('/files/')) return this.files.get(p.slice(7)) ?? { status: 404, body: {} };
    if (p === '/robot/send') return this.webhook(url, json());
    if (p === '/media/upload') {
      if (!this.validTokens.has(url.searchParams.get('access_token') ?? ''))
        return { status: 200, body: { errcode: 40014, errmsg: 'invalid token' } };
      return this.upload(String(url.searchParams.get('type')), req.headers['content-type'] ?? '', raw);
    }
    if (!this.validTokens.has(String(req.headers['x-acs-dingtalk-access-token'])))
      return { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
    const b = json();
    if (p === '/v1.0/robot/messageFiles/download') {
      if (!this.files.has(b.downloadCode) || b.robotCode !== this.robotCode)
        return { status: 400, body: { code: 'invalidParameter' } };
      return { status: 200, body: { downloadUrl: `${this.base}/files/${b.downloadCode}` } };
    }
    if (req.method === 'PUT' && p === '/v1.0/card/instances') return this.update(b);
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const a = this.send(p, b);
    // taken, but the answer never reaches the bot (a gateway timeout)
    if (a.status === 200 && this.lostAnswers > 0 && this.lostAnswers--)
      return { status: 504, body: { code: 'GatewayTimeout' } };
    return a;
  }

  /** sends taken whose answer is lost: the next this many */
  lostAnswers = 0;

  private send(p: string, b: any): Answer {
    if (p === '/v1.0/robot/groupMessages/send') return this.accept(b.openConversationId, b);
    if (p === '/v1.0/robot/oToMessages/batchSend') return this.accept(b.userIds?.[0], b);
    if (p === '/v1.0/card/instances/createAndDeliver') return this.card(b);
    return { status: 404, body: { code: 'notFound' } };
  }

  /** the gateway answers 503 this many more times (DingTalk restarting) */
  gatewayFailures = 0;
  /** when the gateway was asked (ms) */
  readonly gatewayTimes: number[] = [];

  private open(b: any): Answer {
    this.gatewayTimes.push(Date.now());
    if (this.gatewayFailures > 0) {
      this.gatewayFailures--;
      return { status: 503, body: { code: 'ServiceUnavailable' } };
    }
    if (b.clientId !== this.clientId || b.clientSecret !== this.clientSecret)
      return { status: 401, body: { code: 'InvalidAuthentication', message: 'clientId or clientSecret invalid' } };
    this.opens.push({ subscriptions: b.subscriptions });
    const ticket = randomBytes(8).toString('hex');
    this.tickets.add(ticket);
    return { status: 200, body: { endpoint: `${this.base.replace('http', 'ws')}/connect`, ticket } };
  }

  private token(b: any): Answer {
    if (b.appKey !== this.clientId || b.appSecret !== this.clientSecret)
      return { status: 400, body: { code: 'invalidClientIdOrSecret', message: '无效的clientId或clientSecret' } };
    const token = `tok_${++this.tokens}`;
    this.validTokens.add(token);
    return { status: 200, body: { accessToken: token, expireIn: 7200 } };
  }

  /** A token DingTalk no longer takes (it expired): the next call must fetch another. */
  expireTokens(): void {
    this.validTokens.clear();
  }

  private accept(chat: string | undefined, b: any): Answer {
    if (!chat || b.robotCode !== this.robotCode) return { status: 400, body: { code: 'invalidParameter' } };
    const param = JSON.parse(b.msgParam);
    const m: SentMessage = { chat, msgKey: b.msgKey, param };
    if (b.msgKey === 'sampleMarkdown') m.text = shown(param.text);
    else if (b.msgKey === 'sampleImageMsg' || b.msgKey === 'sampleFile') {
      m.media = this.media.get(param.photoURL ?? param.mediaId);
      if (!m.media) return { status: 400, body: { code: 'invalidParameter', message: 'media not found' } };
    } else return { status: 400, body: { code: 'invalidParameter', message: 'msgKey' } };
    return this.record(m, b.userIds ? { processQueryKey: `q${++this.seq}`, flowControlledStaffIdList: [] } : {});
  }

  /** createAndDeliver requests, taken or not */
  cardRequests = 0;

  private card(b: any): Answer {
    this.cardRequests++;
    const space = /^dtv1\.card\/\/IM_(GROUP|ROBOT)\.(.+)$/.exec(String(b.openSpaceId));
    if (!space || b.callbackType !== 'STREAM' || !b.cardTemplateId)
      return { status: 400, body: { code: 'invalidParameter' } };
    if (this.cards.has(b.outTrackId)) return { status: 400, body: { code: 'param.outTrackIdExisted' } };
    this.cards.set(b.outTrackId, space[2]!);
    const params = b.cardData.cardParamMap;
    for (const v of Object.values(params))
      if (typeof v !== 'string') return { status: 400, body: { code: 'invalidParameter' } };
    const m: SentMessage = {
      chat: space[2]!,
      msgKey: 'card',
      param: params,
      card: { outTrackId: b.outTrackId, params },
    };
    return this.record(m, { success: true, result: { outTrackId: b.outTrackId, deliverResults: [{ success: true }] } });
  }

  private update(b: any): Answer {
    if (!this.cards.has(b.outTrackId)) return { status: 400, body: { code: 'cardNotExist' } };
    this.updates.push({ outTrackId: b.outTrackId, params: b.cardData.cardParamMap });
    return { status: 200, body: { success: true, result: true } };
  }

  private record(m: SentMessage, body: Record<string, unknown>): Answer {
    this.sent.push(m);
    if (this.dropAfterSends !== undefined && --this.dropAfterSends <= 0) {
      this.dropAfterSends = undefined;
      this.drop();
    }
    return { status: 200, body };
  }

  private upload(type: string, contentType: string, raw: Buffer): Answer {
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
    if (!boundary) return { status: 200, body: { errcode: 40004, errmsg: 'no media' } };
    const text = raw.toString('latin1');
    const start = text.indexOf('\r\n\r\n') + 4;
    const end = text.indexOf(`\r\n--${boundary}`, start);
    const name = Buffer.from(/filename="([^"]*)"/.exec(text)?.[1] ?? '', 'latin1').toString('utf8');
    const mediaId = `@media_${++this.seq}`;
    this.media.set(mediaId, { type, name, bytes: raw.subarray(start, end) });
    return { status: 200, body: { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: Date.now() } };
  }

  /** signed custom robots: access_token → secret */
  readonly hooks = new Map<string, string>();

  private webhook(url: URL, b: any): Answer {
    const secret = this.hooks.get(url.searchParams.get('access_token') ?? '');
    if (secret === undefined) return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
    const ts = url.searchParams.get('timestamp') ?? '';
    const sign = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    if (url.searchParams.get('sign') !== sign || Math.abs(Date.now() - Number(ts)) > 3600_000)
      return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const chat = `webhook:${url.searchParams.get('access_token')}`;
    this.sent.push({ chat, msgKey: b.msgtype, param: b.markdown, text: shown(b.markdown?.text ?? '') });
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }

  /** Pushes a callback on the stream (kept until acknowledged); returns the stream's messageId. */
  push(topic: string, data: Record<string, unknown>, messageId = `stream_${++this.seq}`): string {
    const frame = JSON.stringify({
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        appId: 'app',
        connectionId: 'c',
        contentType: 'application/json',
        messageId,
        time: `${Date.now()}`,
        topic,
      },
      data: JSON.stringify(data),
    });
    this.unacked.set(messageId, frame);
    for (const ws of this.sockets) {
      ws.send(frame); // one connection gets it
      break;
    }
    return messageId;
  }

  /** A SYSTEM ping, as DingTalk sends them; the SDK answers with the same messageId. */
  ping(): string {
    const messageId = `ping_${++this.seq}`;
    const frame = { specVersion: '1.0', type: 'SYSTEM', headers: { messageId, topic: 'ping' }, data: '{"opaque":"x"}' };
    for (const ws of this.sockets) ws.send(JSON.stringify(frame));
    return messageId;
  }

  /** The stream drops (the network, DingTalk restarting): sockets cut without a close frame. */
  drop(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  get online(): number {
    return this.sockets.size;
  }

  /** A file a person sent: served at the download URL its downloadCode opens. */
  addFile(bytes: Buffer): string {
    const code = `dc_${++this.seq}_${randomBytes(4).toString('hex')}`;
    this.files.set(code, bytes);
    return code;
  }

  textsTo(chat: string): string[] {
    return this.sent
      .filter((m) => m.chat === chat)
      .map((m) => m.text ?? JSON.stringify(m.card?.params ?? { msgKey: m.msgKey, name: m.media?.name }));
  }

  cardsTo(chat: string): Array<{ outTrackId: string; params: Record<string, string> }> {
    return this.sent.filter((m) => m.chat === chat && m.card).map((m) => m.card!);
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** The environment of a bot on DingTalk against the fake at `base` (simulated clock, the DingTalk roster). */
export function dingtalkEnv(o: { file: string; base: string; fake: FakeDingtalk; over?: Record<string, string> }) {
  return {
    DATABASE_URL: `file:${o.file}`,
    LIANDONG_PLATFORM: 'dingtalk',
    LIANDONG_CLOCK: 'simulated',
    LIANDONG_CLOCK_START: '2026-09-01T10:00:00+08:00',
    LIANDONG_ROSTER: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'roster-dingtalk.yaml'),
    LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
    LIANDONG_FILES_DIR: path.join(path.dirname(o.file), 'files'),
    DINGTALK_CLIENT_ID: o.fake.clientId,
    DINGTALK_CLIENT_SECRET: o.fake.clientSecret,
    DINGTALK_API_URL: o.base,
    DINGTALK_OAPI_URL: o.base,
    DINGTALK_CARD_TEMPLATE_ID: 'tpl-liandong.schema',
    DINGTALK_RECONNECT_MS: '20',
    // restricted clues are sealed with a data key (src/store/sealed.ts)
    LIANDONG_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...o.over,
  };
}

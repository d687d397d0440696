// A local fake of WeCom's intelligent-robot long connection that the REAL SDK
// (@wecom/aibot-node-sdk) talks to, speaking the frames of its README ("WebSocket 命令协议"):
// every frame { cmd, headers: { req_id }, body }, each client frame answered with
// { headers: { req_id }, errcode, errmsg, body? }. It takes aibot_subscribe (checks the Bot ID
// and Secret), ping, aibot_send_msg (markdown, template_card, image, file), aibot_respond_update_msg
// (only within 5 s of the click it answers), the three-step media upload; it pushes
// aibot_msg_callback and aibot_event_callback frames, serves received files AES-256-CBC
// encrypted over loopback HTTP (as WeCom's URLs are), drops the connection, and kicks it.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WebSocket, WebSocketServer } from 'ws';

export interface ClientFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: any;
}

export interface SentMessage {
  chatid: string;
  msgtype: string;
  /** markdown content */
  content?: string;
  card?: any;
  media?: { type: string; media_id: string; filename: string; bytes: Buffer };
}

const SEND_TYPES = new Set(['markdown', 'template_card', 'file', 'image', 'voice', 'video']);

/** Encrypts as WeCom does a received file: AES-256-CBC, key = the aeskey decoded, IV its first 16 bytes, PKCS#7 to 32 bytes. */
export function encryptFile(bytes: Buffer, aeskey: string): Buffer {
  const key = Buffer.from(aeskey, 'base64');
  const pad = 32 - (bytes.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([bytes, Buffer.alloc(pad, pad)])), cipher.final()]);
}

export class FakeWecom {
  readonly botId = 'aib_test_bot';
  readonly secret = 'test-secret';
  /** every frame the bot sent, in order */
  readonly frames: ClientFrame[] = [];
  /** active sends accepted */
  readonly sent: SentMessage[] = [];
  /** card updates accepted: the click's req_id, the new card, how long after the click (ms) */
  readonly updates: Array<{ reqId: string; card: any; afterMs: number }> = [];
  /** errcodes for the next active sends, in order (45009 = rate limited) */
  readonly script: number[] = [];
  /** after this many more accepted sends, the connection drops (the send itself is answered first) */
  dropAfterSends: number | undefined;
  subscribes = 0;
  private server: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly authed = new WeakSet<WebSocket>();
  private readonly clicks = new Map<string, number>();
  private readonly taskIds = new Set<string>();
  private readonly uploads = new Map<string, { type: string; filename: string; md5: string; chunks: Buffer[] }>();
  private readonly media = new Map<string, { type: string; filename: string; bytes: Buffer }>();
  private readonly files = new Map<string, { bytes: Buffer; filename?: string }>();
  private seq = 0;
  base = '';

  /** Listens on 127.0.0.1; returns the ws:// address for WECOM_WS_URL. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.serveFile(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => this.onFrame(ws, JSON.parse(String(data)) as ClientFrame));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    const port = (this.server.address() as AddressInfo).port;
    this.base = `http://127.0.0.1:${port}`;
    return `ws://127.0.0.1:${port}`;
  }

  private serveFile(req: http.IncomingMessage, res: http.ServerResponse): void {
    const f = this.files.get(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (f.filename) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`;
    res.writeHead(200, headers).end(f.bytes);
  }

  private answer(ws: WebSocket, reqId: string, errcode = 0, body?: unknown): void {
    ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg: errcode ? 'error' : 'ok', body }));
  }

  private onFrame(ws: WebSocket, f: ClientFrame) {
    this.frames.push(f);
    const id = f.headers.req_id;
    if (f.cmd === 'aibot_subscribe') {
      this.subscribes++;
      if (f.body?.bot_id !== this.botId || f.body?.secret !== this.secret) return this.answer(ws, id, 40001);
      this.authed.add(ws);
      return this.answer(ws, id);
    }
    if (!this.authed.has(ws)) return this.answer(ws, id, 40001);
    if (f.cmd === 'ping') return this.answer(ws, id);
    if (f.cmd === 'aibot_send_msg') return this.onSend(ws, f);
    if (f.cmd === 'aibot_respond_update_msg') {
      const at = this.clicks.get(id);
      const afterMs = at === undefined ? Infinity : Date.now() - at;
      if (afterMs > 5000 || f.body?.response_type !== 'update_template_card') return this.answer(ws, id, 40058);
      this.updates.push({ reqId: id, card: f.body.template_card, afterMs });
      return this.answer(ws, id);
    }
    if (f.cmd?.startsWith('aibot_upload_media_')) return this.onUpload(ws, f);
    this.answer(ws, id, 40058);
  }

  private onSend(ws: WebSocket, f: ClientFrame) {
    const b = f.body ?? {};
    const scripted = this.script.shift();
    if (scripted) return this.answer(ws, f.headers.req_id, scripted);
    if (!b.chatid || !SEND_TYPES.has(b.msgtype)) return this.answer(ws, f.headers.req_id, 40008);
    const m: SentMessage = { chatid: b.chatid, msgtype: b.msgtype };
    if (b.msgtype === 'markdown') m.content = b.markdown?.content;
    if (b.msgtype === 'template_card') {
      const task = b.template_card?.task_id;
      // 任务 ID，同一个机器人不能重复 (the SDK's types)
      if (!task || this.taskIds.has(task)) return this.answer(ws, f.headers.req_id, 40058);
      this.taskIds.add(task);
      m.card = b.template_card;
    }
    const mediaId = b[b.msgtype]?.media_id;
    if (m.content === undefined && !m.card) {
      const media = this.media.get(mediaId);
      if (!media) return this.answer(ws, f.headers.req_id, 40007);
      m.media = { ...media, media_id: mediaId };
    }
    this.sent.push(m);
    this.answer(ws, f.headers.req_id);
    if (this.dropAfterSends !== undefined && --this.dropAfterSends <= 0) {
      this.dropAfterSends = undefined;
      this.drop();
    }
  }

  private onUpload(ws: WebSocket, f: ClientFrame) {
    const b = f.body ?? {};
    const id = f.headers.req_id;
    if (f.cmd === 'aibot_upload_media_init') {
      const uploadId = `up_${++this.seq}`;
      this.uploads.set(uploadId, { type: b.type, filename: b.filename, md5: b.md5, chunks: [] });
      return this.answer(ws, id, 0, { upload_id: uploadId });
    }
    const up = this.uploads.get(b.upload_id);
    if (!up) return this.answer(ws, id, 40058);
    if (f.cmd === 'aibot_upload_media_chunk') {
      up.chunks[b.chunk_index] = Buffer.from(b.base64_data, 'base64');
      return this.answer(ws, id);
    }
    const bytes = Buffer.concat(up.chunks);
    if (createHash('md5').update(bytes).digest('hex') !== up.md5) return this.answer(ws, id, 40058);
    const mediaId = `media_${++this.seq}`;
    this.media.set(mediaId, { type: up.type, filename: up.filename, bytes });
    this.answer(ws, id, 0, { media_id: mediaId, type: up.type, created_at: String(Date.now()) });
  }

  /** connections open and authenticated now (WeCom keeps one per robot) */
  get connected(): number {
    return [...this.sockets].filter((s) => this.authed.has(s)).length;
  }

  /** Pushes a callback frame to the connected bot; returns its req_id. */
  push(cmd: 'aibot_msg_callback' | 'aibot_event_callback', body: Record<string, unknown>): string {
    const reqId = `${cmd}_${Date.now()}_${++this.seq}`;
    const ws = [...this.sockets].find((s) => this.authed.has(s));
    if (!ws) throw new Error('the bot is not connected');
    if (cmd === 'aibot_event_callback') this.clicks.set(reqId, Date.now());
    ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** The common part of a callback body: in a group (chat) or the single chat with `user`. */
  private base_(o: { user: string; chat?: string; at: Date; msgid?: string }) {
    return {
      msgid: o.msgid ?? `msg_${++this.seq}_${randomBytes(3).toString('hex')}`,
      aibotid: this.botId,
      ...(o.chat ? { chatid: o.chat, chattype: 'group' } : { chattype: 'single' }),
      from: { userid: o.user },
      create_time: Math.floor(o.at.getTime() / 1000),
    };
  }

  /** A text message; in a group WeCom delivers only those that @ the robot. */
  text(o: { user: string; chat?: string; text: string; at: Date; msgid?: string; quote?: string }) {
    const body = this.textBody(o);
    this.push('aibot_msg_callback', body);
    return body;
  }

  /** A text message's callback body, not pushed (as an earlier process stored it). */
  textBody(o: { user: string; chat?: string; text: string; at: Date; msgid?: string; quote?: string }) {
    return {
      ...this.base_(o),
      msgtype: 'text',
      text: { content: o.text },
      ...(o.quote ? { quote: { msgtype: 'text', text: { content: o.quote } } } : {}),
    };
  }

  /** A file sent in the single chat: its bytes served encrypted at a loopback URL, the key in the frame. */
  file(o: { user: string; bytes: Buffer; filename: string; at: Date; kind?: 'file' | 'image' }) {
    const aeskey = randomBytes(32).toString('base64');
    const id = `f${++this.seq}`;
    this.files.set(id, { bytes: encryptFile(o.bytes, aeskey), filename: o.kind === 'image' ? undefined : o.filename });
    const kind = o.kind ?? 'file';
    const body = { ...this.base_(o), msgtype: kind, [kind]: { url: `${this.base}/${id}`, aeskey } };
    this.push('aibot_msg_callback', body);
    return body;
  }

  /** A click on a template card's button. */
  click(o: { user: string; chat?: string; taskId: string; key: string; at: Date }) {
    const body = {
      ...this.base_(o),
      msgtype: 'event',
      event: { eventtype: 'template_card_event', event_key: o.key, task_id: o.taskId },
    };
    return { body, reqId: this.push('aibot_event_callback', body) };
  }

  /** Another connection took over this robot: WeCom tells the old one, then closes it. */
  kick(at: Date): void {
    const body = { ...this.base_({ user: 'sys', at }), msgtype: 'event', event: { eventtype: 'disconnected_event' } };
    this.push('aibot_event_callback', body);
    for (const ws of this.sockets) ws.close();
  }

  /** The connection drops (the network, WeCom restarting): sockets cut without a close frame. */
  drop(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** What reached a chat (a group's chatid, or a person's userid): markdown as is, cards and media as JSON. */
  textsTo(chatid: string): string[] {
    return this.sent
      .filter((m) => m.chatid === chatid)
      .map((m) => m.content ?? JSON.stringify(m.card ?? { msgtype: m.msgtype, filename: m.media?.filename }));
  }

  cardsTo(chatid: string): any[] {
    return this.sent.filter((m) => m.chatid === chatid && m.card).map((m) => m.card);
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** The environment of a bot on WeCom against the fake at `wsUrl` (simulated clock, the WeCom roster). */
export function wecomEnv(o: { file: string; wsUrl: string; fake: FakeWecom; over?: Record<string, string> }) {
  return {
    DATABASE_URL: `file:${o.file}`,
    LIANDONG_PLATFORM: 'wecom',
    LIANDONG_CLOCK: 'simulated',
    LIANDONG_CLOCK_START: '2026-09-01T10:00:00+08:00',
    LIANDONG_ROSTER: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'roster-wecom.yaml'),
    LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
    LIANDONG_FILES_DIR: path.join(path.dirname(o.file), 'files'),
    WECOM_BOT_ID: o.fake.botId,
    WECOM_BOT_SECRET: o.fake.secret,
    WECOM_WS_URL: o.wsUrl,
    WECOM_RECONNECT_MS: '20',
    // restricted clue content is sealed at rest (SM4); without a key a real platform refuses to take it
    LIANDONG_DATA_KEY: Buffer.alloc(32, 6).toString('base64'),
    ...o.over,
  };
}

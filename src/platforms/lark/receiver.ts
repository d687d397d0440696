// Receiving from Feishu, by webhook or long connection, through the SDK's EventDispatcher.
//
// On top of the SDK (which checks neither the verification token nor a replay window,
// re-serialises the body before checking the signature, and leaves a request hanging
// when a handler throws), the webhook here:
// - refuses a missing or wrong signature, a timestamp more than 5 minutes off, a wrong
//   verification token, and an unencrypted body when an Encrypt Key is set (4xx);
// - answers url_verification;
// - stores each event before acknowledging it, and processes it afterwards, so a crash
//   in between loses nothing and a Feishu retry is not handled twice;
// - answers card callbacks within 3 seconds with a toast (and an updated card);
// - never lets a handler's exception hang a request or stop the process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { App } from '../../bot/core/app.js';
import type { Prompts } from '../../bot/core/prompts.js';
import type { Attachment, Card } from '../../chat/messages.js';
import type { LarkConfig } from '../../config/env.js';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import { type FileLimits, keepFile } from '../../store/files.js';
import { findFormOf } from '../../store/forms.js';
import { InboxWriter, markInboxFailed, markInboxProcessed, unprocessedInbox } from '../../store/platform-inbox.js';
import { HttpError, readBody, sendJson } from '../http.js';
import { LARK, type LarkAdapter, sdkLogger } from './adapter.js';
import { decryptEvent, signature, signatureMatches } from './crypto.js';
import {
  cardActionToIncoming,
  type LarkBotAddedEvent,
  type LarkCardActionEvent,
  type LarkMessageEvent,
  larkFileRefs,
  MalformedEvent,
  messageToIncoming,
} from './events.js';
import { renderCard } from './render.js';

export const REPLAY_WINDOW_MS = 5 * 60_000;
/** processing waits for this long a pause in webhook requests, and at most MAX_DEFER_MS */
const QUIET_MS = 15;
const MAX_DEFER_MS = 250;
/** Feishu waits 3 seconds for a card callback's answer */
export const CARD_ANSWER_MS = 2500;
const MAX_BODY = 1024 * 1024;

/** a refused webhook request */
const Reject = HttpError;

export interface CardAnswer {
  toast: { type: 'success' | 'error' | 'info'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

export class LarkReceiver {
  readonly dispatcher: lark.EventDispatcher;
  private server: http.Server | undefined;
  private ws: lark.WSClient | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  /** the webhook's port once listening */
  port = 0;
  /** how long a card callback may run before the answer is a "processing" toast */
  cardAnswerMs = CARD_ANSWER_MS;
  /** event id → when it was stored, while it is being processed */
  private readonly arrivals = new Map<string, Date>();
  /** stored events waiting to be processed, and the loop that works through them */
  private readonly queue: Array<{ key: string; data: Record<string, any>; arrived: Date }> = [];
  private draining: Promise<void> | undefined;
  private readonly inbox: InboxWriter;
  /** when the last webhook request arrived (performance.now) */
  private lastRequestAt = 0;

  constructor(
    private readonly config: LarkConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly app: App,
    private readonly prompts: Prompts,
    private readonly log: Logger,
    private readonly adapter?: LarkAdapter,
    private readonly files?: FileLimits,
  ) {
    this.inbox = new InboxWriter(db);
    this.dispatcher = new lark.EventDispatcher({ logger: sdkLogger(log), loggerLevel: lark.LoggerLevel.warn }).register(
      {
        'im.message.receive_v1': async (data: LarkMessageEvent) => {
          const incoming = messageToIncoming(data);
          if (!incoming) return;
          // staleness is judged at arrival (the inbox row's time), not when a replay gets to it
          const arrived = data.event_id ? this.arrivals.get(data.event_id) : undefined;
          if (arrived) incoming.receivedAt = arrived;
          incoming.attachments = await this.download(data, incoming.attachments);
          await this.app.receive(incoming);
        },
        'im.chat.member.bot.added_v1': async (data: LarkBotAddedEvent) => {
          if (data.chat_id) await this.app.announce(LARK, data.chat_id, 'lark.welcome', data.event_id ?? data.chat_id);
        },
        'card.action.trigger': async (data: LarkCardActionEvent) => this.cardAction(data),
      } as never,
    );
  }

  /**
   * Downloads the files of a message through the Open API into the bot's file store
   * (size limit, type check, checksum), so the evidence survives the chat's retention.
   * A file that cannot be kept stays an attachment with the reason, and the form says so.
   */
  private async download(data: LarkMessageEvent, attachments: Attachment[]): Promise<Attachment[]> {
    const refs = larkFileRefs(data);
    if (!refs.length || !this.adapter || !this.files) return attachments;
    // only files that answer an open form are fetched: the bot keeps evidence, not every file in a group
    const chatId = data.message?.chat_id;
    const sender = data.sender?.sender_id?.open_id;
    if (
      !chatId ||
      !sender ||
      !(await findFormOf(this.db, {
        platform: LARK,
        chatId,
        isDirect: data.message?.chat_type === 'p2p',
        senderId: sender,
      }))
    )
      return attachments;
    const out: Attachment[] = [];
    for (const ref of refs) {
      try {
        const res = await this.adapter.client.im.v1.messageResource.get({
          path: { message_id: ref.messageId, file_key: ref.key },
          params: { type: ref.kind },
        });
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of res.getReadableStream()) {
          size += (chunk as Buffer).length;
          if (size > this.files.maxBytes) break; // keepFile refuses it as too large
          chunks.push(chunk as Buffer);
        }
        const bytes = size > this.files.maxBytes ? Buffer.alloc(this.files.maxBytes + 1) : Buffer.concat(chunks);
        out.push(
          await keepFile(this.db, this.files, {
            platform: LARK,
            ref: ref.key,
            name: ref.name,
            kind: ref.kind,
            bytes,
            at: this.clock.now(),
          }),
        );
      } catch (err) {
        this.log.warn({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'lark file download failed');
        out.push({ kind: ref.kind, name: ref.name, ref: ref.key, refused: { reason: 'download' } });
      }
    }
    return out;
  }

  /** A button or a card-form submit: run it, and say how it went in a toast (with the closed card). */
  private async cardAction(data: LarkCardActionEvent): Promise<CardAnswer> {
    const incoming = cardActionToIncoming(data, this.clock.now());
    if (!incoming) return { toast: { type: 'error', content: this.prompts.render('lark.toast_error') } };
    const { ok, card } = await this.app.receive(incoming);
    const answer: CardAnswer = {
      toast: {
        type: ok ? 'success' : 'error',
        content: this.prompts.render(ok ? 'lark.toast_ok' : 'lark.toast_error'),
      },
    };
    if (ok && (card || incoming.action?.form))
      answer.card = { type: 'raw', data: renderCard(card ?? this.submittedCard(), this.words()) };
    return answer;
  }

  private words() {
    return {
      whenRequired: (field: string, value: string) => this.prompts.render('lark.when_required', { field, value }),
    };
  }

  /** What a submitted card form turns into. */
  private submittedCard(): Card {
    return {
      title: this.prompts.render('lark.card_submitted'),
      tone: 'success',
      body: this.prompts.render('lark.card_submitted_body'),
      fields: [],
      buttons: [],
    };
  }

  /** Reads, checks and decrypts one webhook request; returns the event as plain JSON. */
  private check(headers: http.IncomingHttpHeaders, raw: string): Record<string, any> {
    const { encryptKey, verificationToken, allowUnencrypted } = this.config;
    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new Reject(400, 'body is not JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Reject(400, 'body is not a JSON object');
    let data = body;
    if (encryptKey) {
      if (typeof body.encrypt !== 'string') {
        // a plain url_verification reveals nothing; it is still checked against the token below
        if (!allowUnencrypted && body.type !== 'url_verification') throw new Reject(400, 'unencrypted event refused');
      } else {
        try {
          data = JSON.parse(decryptEvent(encryptKey, body.encrypt));
        } catch {
          throw new Reject(400, 'cannot decrypt');
        }
        if (!data || typeof data !== 'object' || Array.isArray(data))
          throw new Reject(400, 'decrypted event is not a JSON object');
      }
    }
    const isChallenge = data.type === 'url_verification';
    const token = data.header?.token ?? data.token;
    if (verificationToken && token !== verificationToken) throw new Reject(401, 'wrong verification token');
    if (encryptKey && !isChallenge) {
      const ts = String(headers['x-lark-request-timestamp'] ?? '');
      const nonce = String(headers['x-lark-request-nonce'] ?? '');
      const given = headers['x-lark-signature'];
      if (!signatureMatches(signature(ts, nonce, encryptKey, raw), typeof given === 'string' ? given : undefined))
        throw new Reject(401, 'bad signature');
      const sent = Number(ts) * 1000;
      if (!Number.isFinite(sent) || Math.abs(this.clock.now().getTime() - sent) > REPLAY_WINDOW_MS)
        throw new Reject(401, 'stale timestamp');
    }
    return data;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.lastRequestAt = performance.now();
    const reply = (status: number, body: unknown) => sendJson(res, status, body);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'POST' || url.pathname !== this.config.webhookPath) return reply(404, { msg: 'not found' });
    const data = this.check(req.headers, await readBody(req, MAX_BODY));
    if (data.type === 'url_verification') return reply(200, { challenge: data.challenge });

    const eventType: string | undefined = data.header?.event_type ?? data.event?.type;
    const eventId: string | undefined = data.header?.event_id ?? data.uuid;
    if (!eventType || !eventId) throw new Reject(400, 'not an event');

    if (eventType === 'card.action.trigger') {
      // answered in the response itself: run it, but never past Feishu's 3 seconds
      const work = this.invoke(data) as Promise<CardAnswer | undefined>;
      this.track(work);
      const timeout = new Promise<'late'>((r) => setTimeout(() => r('late'), this.cardAnswerMs).unref());
      const answer = await Promise.race([work.catch(() => undefined), timeout]);
      if (answer === 'late') {
        // too slow for the answer: say so now, and update the card with the token when done
        const token: string | undefined = data.event?.token;
        this.track(
          work.then((late) =>
            late?.card && token && this.adapter ? this.adapter.updateCard(token, this.submittedCard()) : undefined,
          ),
        );
        return reply(200, { toast: { type: 'info', content: this.prompts.render('lark.toast_busy') } });
      }
      return reply(200, answer ?? { toast: { type: 'error', content: this.prompts.render('lark.toast_error') } });
    }

    // one statement, then the answer: Feishu waits 3 seconds and retries after that
    const arrived = this.clock.now();
    const fresh = await this.inbox.store(LARK, eventId, data, arrived);
    reply(200, {});
    if (fresh) this.enqueue({ key: `${LARK}:${eventId}`, data, arrived });
  }

  /**
   * Waits, before processing the next stored event, until requests stop arriving (15 ms
   * without one) — at most 250 ms, so a steady stream still gets processed.
   */
  private async quiet(): Promise<void> {
    const started = performance.now();
    await new Promise<void>((r) => setImmediate(r));
    while (performance.now() - this.lastRequestAt < QUIET_MS && performance.now() - started < MAX_DEFER_MS)
      await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * Stored events are processed one at a time, in arrival order, yielding to the event
   * loop between them so that new requests are answered (stored) first.
   */
  private enqueue(item: { key: string; data: Record<string, any>; arrived: Date }): void {
    this.queue.push(item);
    if (this.draining) return;
    this.draining = (async () => {
      try {
        for (let next = this.queue.shift(); next; next = this.queue.shift()) {
          await this.quiet();
          await this.process(next.key, next.data, next.arrived);
        }
      } finally {
        this.draining = undefined;
      }
    })();
    this.track(this.draining);
  }

  private invoke(data: Record<string, any>): Promise<unknown> {
    return this.dispatcher.invoke(data, { needCheck: false });
  }

  /**
   * Processes a stored event. The App answers every message itself (it never throws);
   * an event that still fails (malformed, not what Feishu documents) is recorded as
   * failed with the reason, logged once without its content, never retried, and the
   * chat is told when it is known. A crash mid-way leaves the row for the next start.
   */
  private async process(key: string, data: Record<string, any>, arrived: Date): Promise<void> {
    const eventId: string | undefined = data.header?.event_id;
    if (eventId) this.arrivals.set(eventId, arrived);
    try {
      await this.invoke(data);
      await markInboxProcessed(this.db, key, this.clock.now());
    } catch (err) {
      const reason = String((err as Error)?.message ?? err).slice(0, 200);
      if (!(err instanceof MalformedEvent)) {
        // the database or the process failed, not the event: it stays for the next start
        this.log.error({ event: key, error: reason }, 'lark event processing failed; kept for the next start');
        return;
      }
      this.log.error({ event: key, error: reason }, 'lark event is malformed; recorded as failed');
      await markInboxFailed(this.db, key, reason, this.clock.now()).catch(() => undefined);
      const chatId = data.event?.message?.chat_id;
      if (typeof chatId === 'string')
        await this.app.announce(LARK, chatId, 'error.internal', `failed:${key}`).catch(() => undefined);
    } finally {
      if (eventId) this.arrivals.delete(eventId);
    }
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch(() => undefined).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  /** Waits until every event accepted so far has been processed (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Events stored but not processed before a stop or crash. */
  async resume(): Promise<number> {
    const rows = await unprocessedInbox(this.db, LARK);
    for (const r of rows) this.enqueue({ key: r.key, data: JSON.parse(r.payload), arrived: r.receivedAt });
    await this.idle();
    return rows.length;
  }

  async startWebhook(port = this.config.webhookPort, host = '0.0.0.0'): Promise<number> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        const status = err instanceof HttpError ? err.status : 500;
        this.log[status >= 500 ? 'error' : 'warn'](
          { status, reason: err instanceof HttpError ? err.message : String((err as Error)?.message).slice(0, 200) },
          'lark webhook request refused',
        );
        if (!res.headersSent) sendJson(res, status, { msg: status >= 500 ? 'internal error' : err.message });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** The SDK's long connection; resolves once the first handshake succeeded. */
  async startWebSocket(timeoutMs = 30_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('飞书长连接超时未就绪')), timeoutMs);
      timer.unref();
      this.ws = new lark.WSClient({
        appId: this.config.appId!,
        appSecret: this.config.appSecret!,
        domain: this.config.domain,
        logger: sdkLogger(this.log),
        loggerLevel: lark.LoggerLevel.warn,
        onReady: () => {
          clearTimeout(timer);
          this.log.info('lark long connection ready');
          resolve();
        },
        onReconnecting: () => this.log.warn('lark long connection lost; reconnecting'),
        onReconnected: () => this.log.info('lark long connection re-established'),
        onError: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      void this.ws.start({ eventDispatcher: this.dispatcher });
    });
  }

  async stop(): Promise<void> {
    this.ws?.close({ force: true });
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((r) => this.server!.close(() => r()));
    }
    await this.idle();
  }
}

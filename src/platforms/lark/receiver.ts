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
import type { Prompts } from '../../bot/core/prompts.js';
import type { LarkConfig } from '../../config/env.js';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import type { FileLimits } from '../../store/files.js';
import { InboxWriter, markInboxFailed, markInboxProcessed, unprocessedInbox } from '../../store/platform-inbox.js';
import { HttpError, readBody, sendJson } from '../http.js';
import { PendingWork } from '../pending-work.js';
import type { Inbound } from '../platform.js';
import { LARK, type LarkAdapter, sdkLogger } from './adapter.js';
import { answerCardAction, type CardAnswer, submittedCard } from './card-answer.js';
import { type DownloadDeps, downloadFiles } from './download.js';
import {
  type LarkBotAddedEvent,
  type LarkCardActionEvent,
  type LarkMessageEvent,
  MalformedEvent,
  messageToIncoming,
} from './events.js';
import { checkWebhook } from './webhook-check.js';

export type { CardAnswer } from './card-answer.js';
export { REPLAY_WINDOW_MS } from './webhook-check.js';

/** processing waits for this long a pause in webhook requests, and at most MAX_DEFER_MS */
const QUIET_MS = 15;
const MAX_DEFER_MS = 250;
/** Feishu waits 3 seconds for a card callback's answer */
export const CARD_ANSWER_MS = 2500;
const MAX_BODY = 1024 * 1024;

export class LarkReceiver {
  readonly dispatcher: lark.EventDispatcher;
  private server: http.Server | undefined;
  private ws: lark.WSClient | undefined;
  private readonly work = new PendingWork(() => this.resume());
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
  private readonly downloads: DownloadDeps;
  /** when the last webhook request arrived (performance.now) */
  private lastRequestAt = 0;

  constructor(
    private readonly config: LarkConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly inbound: Inbound,
    private readonly prompts: Prompts,
    private readonly log: Logger,
    private readonly adapter?: LarkAdapter,
    files?: FileLimits,
  ) {
    this.inbox = new InboxWriter(db);
    this.downloads = { db, log, now: () => clock.now(), adapter, files };
    this.dispatcher = new lark.EventDispatcher({ logger: sdkLogger(log), loggerLevel: lark.LoggerLevel.warn }).register(
      {
        'im.message.receive_v1': async (data: LarkMessageEvent) => {
          const incoming = messageToIncoming(data);
          if (!incoming) return;
          // staleness is judged at arrival (the inbox row's time), not when a replay gets to it
          const arrived = data.event_id ? this.arrivals.get(data.event_id) : undefined;
          if (arrived) incoming.receivedAt = arrived;
          incoming.attachments = await downloadFiles(this.downloads, data, incoming.attachments);
          // not taken (the database could not be used): the event stays in the inbox, tried again soon
          if ((await this.inbound.receive(incoming)).unavailable) throw new Error('database unavailable');
        },
        'im.chat.member.bot.added_v1': async (data: LarkBotAddedEvent) => {
          if (data.chat_id)
            await this.inbound.announce(LARK, data.chat_id, 'lark.welcome', data.event_id ?? data.chat_id);
        },
        'card.action.trigger': async (data: LarkCardActionEvent) =>
          answerCardAction(this.inbound, this.prompts, data, this.clock.now()),
      } as never,
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.lastRequestAt = performance.now();
    const reply = (status: number, body: unknown) => sendJson(res, status, body);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'POST' || url.pathname !== this.config.webhookPath) return reply(404, { msg: 'not found' });
    const data = checkWebhook(this.config, this.clock.now(), req.headers, await readBody(req, MAX_BODY));
    if (data.type === 'url_verification') return reply(200, { challenge: data.challenge });

    const eventType: string | undefined = data.header?.event_type ?? data.event?.type;
    const eventId: string | undefined = data.header?.event_id ?? data.uuid;
    if (!eventType || !eventId) throw new HttpError(400, 'not an event');

    if (eventType === 'card.action.trigger') {
      // answered in the response itself: run it, but never past Feishu's 3 seconds
      const work = this.invoke(data) as Promise<CardAnswer | undefined>;
      this.work.track(work);
      const timeout = new Promise<'late'>((r) => setTimeout(() => r('late'), this.cardAnswerMs).unref());
      const answer = await Promise.race([work.catch(() => undefined), timeout]);
      if (answer === 'late') {
        // too slow for the answer: say so now, and update the card with the token when done
        const token: string | undefined = data.event?.token;
        this.work.track(
          work.then((late) =>
            late?.card && token && this.adapter
              ? this.adapter.updateCard(token, submittedCard(this.prompts))
              : undefined,
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
    this.work.track(this.draining);
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
      this.work.succeeded();
    } catch (err) {
      const reason = String((err as Error)?.message ?? err).slice(0, 200);
      if (!(err instanceof MalformedEvent)) {
        // the database or the process failed, not the event: it stays in the inbox, tried again soon
        this.log.error({ event: key, error: reason }, 'lark event processing failed; kept, tried again soon');
        this.work.retrySoon();
        return;
      }
      this.log.error({ event: key, error: reason }, 'lark event is malformed; recorded as failed');
      await markInboxFailed(this.db, key, reason, this.clock.now()).catch(() => undefined);
      const chatId = data.event?.message?.chat_id;
      if (typeof chatId === 'string')
        await this.inbound.announce(LARK, chatId, 'error.internal', `failed:${key}`).catch(() => undefined);
    } finally {
      if (eventId) this.arrivals.delete(eventId);
    }
  }

  /** Waits until every event taken so far has been processed (tests, shutdown). */
  async idle(): Promise<void> {
    await this.work.idle();
  }

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
    this.work.stop();
    this.ws?.close({ force: true });
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((r) => this.server!.close(() => r()));
    }
    await this.idle();
  }
}

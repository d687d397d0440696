// Receiving from DingTalk over the Stream SDK's connection. Each callback (a robot message, a
// card button) is stored in the platform inbox and only then acknowledged on the stream — until
// the acknowledgement DingTalk delivers it again (after a drop, to the next connection), so a
// crash in between loses nothing, and a callback delivered twice is handled once (the inbox key
// is the message's msgId, or the stream's messageId for a card callback). Processed one at a
// time in arrival order and marked processed; those stored but not processed are worked through
// at the next start. The connection reconnects with backoff (./client.ts); sending does not
// depend on it (the OpenAPI is plain HTTPS).
import type { Logger } from 'pino';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import type { FileLimits } from '../../store/files.js';
import { InboxWriter } from '../../store/platform-inbox.js';
import { setSetting } from '../../store/settings.js';
import { InboxQueue } from '../inbox-queue.js';
import type { Inbound } from '../platform.js';
import type { DingtalkAdapter } from './adapter.js';
import type { StreamClient } from './client.js';
import { type DownloadDeps, downloadFiles } from './download.js';
import {
  cardCallbackToIncoming,
  DINGTALK,
  MalformedFrame,
  messageToIncoming,
  type StoredFrame,
  TOPIC_CARD,
  TOPIC_ROBOT,
} from './events.js';
import type { OpenApi } from './openapi.js';

/** the stream's last state, for `liandong doctor` */
export const CONNECTION_STATE_KEY = 'dingtalk.connection';
const READY_TIMEOUT_MS = 30_000;

type Frame = { headers: { messageId: string; topic: string }; data: string };
type Item = { key: string; frame: StoredFrame; arrived: Date };

export class DingtalkReceiver {
  private readonly inbox: InboxWriter;
  private readonly frames: InboxQueue<StoredFrame>;
  private readonly downloads: DownloadDeps;
  private listening = false;
  private connectedBefore = false;
  private online = false;
  private waiting: { resolve(): void; reject(err: Error): void } | undefined;

  constructor(
    private readonly client: StreamClient,
    private readonly adapter: DingtalkAdapter,
    api: OpenApi,
    robotCode: string,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly inbound: Inbound,
    private readonly log: Logger,
    files?: FileLimits,
  ) {
    this.inbox = new InboxWriter(db);
    this.downloads = { db, log, now: () => clock.now(), api, robotCode, files };
    this.frames = new InboxQueue<StoredFrame>({
      platform: DINGTALK,
      db,
      clock,
      log,
      inbound,
      incomingOf: (item) => this.incomingOf(item),
      isMalformed: (err) => err instanceof MalformedFrame,
    });
  }

  /** Connects; resolves once the stream is open, rejects when the gateway refused the Client ID and Secret. */
  async start(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    this.listen();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`钉钉 Stream 连接超时未就绪：${this.client.lastProblem ?? ''}`)),
          timeoutMs,
        );
        timer.unref();
        const done = (err?: Error) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        };
        this.waiting = { resolve: () => done(), reject: done };
        this.client.start();
      });
    } catch (err) {
      this.client.disconnect(); // no retrying in the background of a bot that did not start
      throw err;
    } finally {
      this.waiting = undefined;
    }
  }

  /** The client's events and topics, taken once (the topics are subscribed at the gateway). */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.client.registerCallbackListener(TOPIC_ROBOT, (f) => this.arrive(f as Frame));
    this.client.registerCallbackListener(TOPIC_CARD, (f) => this.arrive(f as Frame));
    this.client.on('open', () => {
      this.opened();
      this.waiting?.resolve();
    });
    this.client.on('closed', () => this.closed());
    this.client.on('reconnecting', (attempt: number) =>
      this.log.warn({ attempt, problem: this.client.lastProblem }, 'dingtalk stream lost; reconnecting'),
    );
    this.client.on('refused', (problem: string) =>
      this.waiting?.reject(new Error(`钉钉拒绝了 DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET：${problem}`)),
    );
  }

  private opened(): void {
    const again = this.connectedBefore && !this.online;
    this.connectedBefore = true;
    this.online = true;
    this.log.info('dingtalk stream connected');
    void this.record('connected');
    // what could not be processed while the database was away, and rows held back, go now
    if (again) this.frames.track(this.inbound.flush());
  }

  private closed(): void {
    if (!this.online) return;
    this.online = false;
    this.log.warn('dingtalk stream closed; DingTalk keeps unacknowledged messages for the next connection');
    void this.record('disconnected');
  }

  private async record(state: string): Promise<void> {
    const value = JSON.stringify({ state, at: this.clock.now().toISOString() });
    await setSetting(this.db, CONNECTION_STATE_KEY, value).catch(() => undefined);
  }

  /** A callback: stored first (one statement), acknowledged, then queued for processing. */
  private arrive(f: Frame): void {
    const messageId = f.headers?.messageId;
    let data: StoredFrame['data'];
    try {
      data = JSON.parse(f.data);
    } catch {
      this.log.warn({ topic: f.headers?.topic }, 'dingtalk callback without JSON data ignored');
      if (messageId) this.client.socketCallBackResponse(messageId, {});
      return;
    }
    const topic = f.headers.topic;
    const id = topic === TOPIC_ROBOT ? (data.msgId ?? messageId) : `card:${messageId}`;
    const arrived = this.clock.now();
    const stored: StoredFrame = { topic, messageId, data };
    this.frames.track(
      this.inbox.store(DINGTALK, id, stored, arrived).then(
        (fresh) => {
          this.client.socketCallBackResponse(messageId, {});
          if (fresh) this.frames.enqueue({ key: `${DINGTALK}:${id}`, frame: stored, arrived });
        },
        // not acknowledged: DingTalk delivers it again
        (err) => this.log.error({ error: String(err?.message ?? err).slice(0, 200) }, 'dingtalk callback not stored'),
      ),
    );
  }

  /** The frame as the core's Incoming; a file that answers a form is fetched first. */
  private async incomingOf({ frame, arrived, key }: Item) {
    const now = this.clock.now();
    const incoming =
      frame.topic === TOPIC_CARD
        ? cardCallbackToIncoming(frame.data, key, now)
        : messageToIncoming(frame.data, now, (chat, id, text) => this.adapter.quotedId(chat, id, text));
    if (!incoming) return undefined;
    incoming.receivedAt = arrived;
    if (incoming.attachments.length)
      incoming.attachments = await downloadFiles(this.downloads, frame.data, incoming.attachments);
    return incoming;
  }

  /** Waits until every callback taken so far has been processed (tests, shutdown). */
  async idle(): Promise<void> {
    await this.frames.idle();
  }

  /** Callbacks stored but not processed before a stop or crash. */
  resume(): Promise<number> {
    return this.frames.resume();
  }

  async stop(): Promise<void> {
    const held = this.online;
    this.frames.stop();
    this.online = false;
    this.client.disconnect(); // also cancels a reconnect under way
    await this.idle();
    if (held) await this.record('stopped');
  }
}

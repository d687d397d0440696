// Receiving from WeCom over the SDK's long connection. Each callback frame is stored in the
// platform inbox before it is processed (a crash in between loses nothing; a frame WeCom
// delivers twice is handled once), processed one at a time in arrival order, and marked
// processed; frames stored but not processed are worked through at the next start.
// The connection: authenticated before the bot takes messages; when it drops, the SDK
// reconnects with backoff and the outbox waits, then sends what waited. When WeCom says
// another connection took over (one per robot), this one stops and says so in the log.

import type { WSClient } from '@wecom/aibot-node-sdk';
import type { Logger } from 'pino';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import type { FileLimits } from '../../store/files.js';
import { InboxWriter } from '../../store/platform-inbox.js';
import { setSetting } from '../../store/settings.js';
import { InboxQueue } from '../inbox-queue.js';
import type { Inbound } from '../platform.js';
import { WECOM, type WecomAdapter } from './adapter.js';
import { type DownloadDeps, downloadFiles } from './download.js';
import { cardEventToIncoming, MalformedFrame, messageToIncoming, type WecomFrame } from './events.js';

/** the connection's last state, for `liandong doctor` (so that it need not open a second connection) */
export const CONNECTION_STATE_KEY = 'wecom.connection';
const READY_TIMEOUT_MS = 30_000;

type Client = Pick<WSClient, 'on' | 'connect' | 'disconnect' | 'downloadFile'>;

export class WecomReceiver {
  private readonly inbox: InboxWriter;
  private readonly frames: InboxQueue<WecomFrame>;
  private stopping = false;
  private connectedBefore = false;
  /** WeCom said another connection took this robot over */
  private displaced = false;
  private readonly downloads: DownloadDeps;

  constructor(
    private readonly client: Client,
    private readonly adapter: WecomAdapter,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly inbound: Inbound,
    private readonly log: Logger,
    files?: FileLimits,
  ) {
    this.inbox = new InboxWriter(db);
    this.downloads = { db, log, now: () => clock.now(), client, files };
    this.frames = new InboxQueue<WecomFrame>({
      platform: WECOM,
      db,
      clock,
      log,
      inbound,
      incomingOf: ({ frame, arrived }) => this.incomingOf(frame, arrived),
      isMalformed: (err) => err instanceof MalformedFrame,
    });
  }

  /** Connects; resolves once WeCom accepted the Bot ID and Secret, rejects when it refused them. Again after a pause. */
  async start(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    this.listen();
    this.displaced = false;
    try {
      await this.connect(timeoutMs);
    } catch (err) {
      this.client.disconnect(); // no retrying in the background of a bot that did not start
      throw err;
    } finally {
      this.waiting = undefined;
    }
  }

  /** the start waiting for WeCom's answer to the subscription */
  private waiting: { resolve(): void; reject(err: Error): void } | undefined;
  private listening = false;

  /** The client's events, taken once for every connection this receiver makes. */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.client.on('message', (frame) => this.arrive(frame as WecomFrame));
    this.client.on('event', (frame) => this.arrive(frame as WecomFrame));
    this.client.on('disconnected', (reason) => this.offline(String(reason)));
    this.client.on('reconnecting', (attempt) => this.log.warn({ attempt }, 'wecom long connection lost; reconnecting'));
    this.client.on('authenticated', () => {
      this.online();
      this.waiting?.resolve();
    });
    this.client.on('error', (err) => {
      const reason = String((err as Error)?.message ?? err).slice(0, 200);
      this.log.error({ error: reason }, 'wecom long connection error');
      if (/Authentication failed|auth failure/i.test(reason))
        this.waiting?.reject(new Error(`企业微信拒绝了 WECOM_BOT_ID / WECOM_BOT_SECRET：${reason}`));
    });
  }

  private connect(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('企业微信长连接超时未就绪')), timeoutMs);
      timer.unref();
      const done = (err?: Error) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      this.waiting = { resolve: () => done(), reject: done };
      this.client.connect();
    });
  }

  /**
   * Gives the connection up, taking up again with `start` (several processes: another one was
   * elected WeCom's sender, and WeCom keeps one connection per robot). What arrived is finished first.
   */
  async pause(): Promise<void> {
    // the state is not recorded: the process taking the connection over records its own
    this.adapter.online = false;
    this.client.disconnect();
    await this.idle();
  }

  private online(): void {
    const again = this.connectedBefore && !this.adapter.online;
    this.connectedBefore = true;
    this.adapter.online = true;
    this.log.info('wecom long connection authenticated');
    void this.record('connected');
    // what waited while the connection was down goes now (at the start, the runtime's catch-up sends it)
    if (again) this.frames.track(this.inbound.flush());
  }

  private offline(reason: string): void {
    if (!this.adapter.online) return;
    this.adapter.online = false;
    this.log.warn({ reason: reason.slice(0, 200) }, 'wecom long connection closed; messages wait in the outbox');
    void this.record(this.displaced ? 'displaced' : this.stopping ? 'stopped' : 'disconnected');
  }

  private async record(state: string): Promise<void> {
    const value = JSON.stringify({ state, at: this.clock.now().toISOString() });
    await setSetting(this.db, CONNECTION_STATE_KEY, value).catch(() => undefined);
  }

  /** A frame from WeCom: stored first (one statement), then queued for processing. */
  private arrive(frame: WecomFrame): void {
    const body = frame.body;
    const event = body?.event?.eventtype;
    if (event === 'disconnected_event') {
      this.log.error(
        'wecom: another connection for this robot was opened (another process or deployment); this one stops',
      );
      this.displaced = true;
      void this.record('displaced');
      return;
    }
    if (event && event !== 'template_card_event') return; // enter_chat, feedback: not messages
    if (!body?.msgid) {
      this.log.warn({ cmd: frame.cmd }, 'wecom frame without msgid ignored');
      return;
    }
    // a click may update its card for a few seconds: keep the frame from the moment it arrived
    if (event && body.event?.task_id) this.adapter.clicked(body.event.task_id, frame);
    const arrived = this.clock.now();
    const stored = { cmd: frame.cmd, headers: frame.headers, body };
    this.frames.track(
      this.inbox.store(WECOM, body.msgid, stored, arrived).then((fresh) => {
        if (fresh) this.frames.enqueue({ key: `${WECOM}:${body.msgid}`, frame: stored, arrived });
      }),
    );
  }

  /** The frame as the core's Incoming; a file that answers a form is fetched first. */
  private async incomingOf(frame: WecomFrame, arrived: Date) {
    const body = frame.body ?? {};
    const now = this.clock.now();
    const incoming =
      body.msgtype === 'event'
        ? cardEventToIncoming(body, now)
        : messageToIncoming(body, now, (chat, text) => this.adapter.quotedId(chat, text));
    if (!incoming) return undefined;
    incoming.receivedAt = arrived;
    if (incoming.attachments.length)
      incoming.attachments = await downloadFiles(this.downloads, body, incoming.attachments);
    return incoming;
  }

  /** Waits until every event taken so far has been processed (tests, shutdown). */
  async idle(): Promise<void> {
    await this.frames.idle();
  }

  /** Frames stored but not processed before a stop or crash. */
  resume(): Promise<number> {
    return this.frames.resume();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const held = this.adapter.online;
    this.frames.stop();
    this.adapter.online = false;
    this.client.disconnect(); // also cancels a reconnect under way
    await this.idle();
    // a process that had given the connection up says nothing of the one holding it now
    if (held) await this.record('stopped');
  }
}

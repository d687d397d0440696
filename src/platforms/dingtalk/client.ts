// The official Stream SDK's client (dingtalk-stream's DWClient) with what a county's bot needs:
// the gateway and the token taken from the configuration (the SDK hard-codes api.dingtalk.com
// and oapi.dingtalk.com; 政务钉钉 and 专属钉钉 have their own hosts), reconnecting with backoff
// (the SDK waits 1 s every time), a heartbeat that notices a connection dead without a close, and
// no reconnect after a stop. Imported only when DingTalk is configured (./index.ts).
import { DWClient } from 'dingtalk-stream';
import type { DingtalkConfig } from '../../config/dingtalk.js';
import type { OpenApi } from './openapi.js';

/** a WebSocket ping this often; no pong before the next: the connection is cut and made again */
const HEARTBEAT_MS = 20_000;

/** The SDK's fields this subclass reads or sets (private in its types, plain properties at run time). */
interface Internals {
  reconnectInterval: number;
  userDisconnect: boolean;
  isAlive: boolean;
  socket?: { ping(): void; terminate(): void; close(): void; readyState: number };
}

export interface StreamOptions {
  config: Pick<DingtalkConfig, 'clientId' | 'clientSecret' | 'gatewayUrl' | 'reconnectMs' | 'reconnectMaxMs'>;
  api: OpenApi;
  heartbeatMs?: number;
}

export class StreamClient extends DWClient {
  private failures = 0;
  private stopped = true;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  /** what the gateway answered last, for the start and `liandong doctor` */
  lastProblem: string | undefined;

  constructor(private readonly opts: StreamOptions) {
    super({
      clientId: opts.config.clientId!,
      clientSecret: opts.config.clientSecret!,
      ua: 'liandong',
      keepAlive: false,
    });
    // the SDK's default subscription (every event of the organisation, topic *) is one array shared by
    // every client it makes: this client takes its own, with the callbacks the receiver registers only
    this.config.subscriptions = [];
  }

  private get sdk(): Internals {
    return this as unknown as Internals;
  }

  /** The endpoint and ticket from DINGTALK_GATEWAY_URL (the SDK's own request, to another host). */
  override async getEndpoint(): Promise<this> {
    const res = await fetch(this.opts.config.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua,
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const data = (await res.json().catch(() => ({}))) as {
      endpoint?: string;
      ticket?: string;
      code?: string;
      message?: string;
    };
    if (!res.ok || !data.endpoint || !data.ticket) {
      this.lastProblem =
        `网关 HTTP ${res.status} ${data.code ?? ''} ${String(data.message ?? '').slice(0, 100)}`.trim();
      // the Client ID or Secret refused: said once to whoever waits for the start
      if (res.status >= 400 && res.status < 500 && res.status !== 429) this.emit('refused', this.lastProblem);
      throw new Error(this.lastProblem);
    }
    this.lastProblem = undefined;
    this.config.endpoint = data as never;
    (this as unknown as { dw_url: string }).dw_url = `${data.endpoint}?ticket=${encodeURIComponent(data.ticket)}`;
    return this;
  }

  /** The token from DINGTALK_API_URL, shared with the OpenAPI calls (one token for the app). */
  override async getAccessToken(): Promise<string> {
    const token = await this.opts.api.accessToken();
    this.config.access_token = token;
    return token;
  }

  /** Each attempt after a failure waits twice as long, up to DINGTALK_RECONNECT_MAX_MS; nothing after a stop. */
  override async connect(): Promise<void> {
    if (this.stopped) return;
    const { reconnectMs, reconnectMaxMs } = this.opts.config;
    this.sdk.reconnectInterval = Math.min(reconnectMs * 2 ** this.failures++, reconnectMaxMs);
    if (this.failures > 1) this.emit('reconnecting', this.failures - 1);
    await super.connect();
  }

  /** Connected: the backoff starts again from the first wait. */
  override async _connect(): Promise<void> {
    await super._connect();
    const socket = this.sdk.socket as unknown as { on(e: string, f: () => void): void; close(): void };
    if (this.stopped) {
      socket.close(); // stopped while connecting
      return;
    }
    this.failures = 0;
    this.beaten = false;
    socket.on('close', () => this.emit('closed'));
    this.emit('open');
  }

  /** Starts connecting (the SDK retries in the background). */
  start(): void {
    this.stopped = false;
    this.failures = 0;
    this.heartbeatTimer ??= setInterval(() => this.beat(), this.opts.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeatTimer.unref?.();
    void this.connect();
  }

  /** A ping; no pong since the last one (the SDK's pong handler sets isAlive): cut, and the SDK reconnects. */
  private beat(): void {
    const socket = this.sdk.socket;
    if (socket?.readyState !== 1) return;
    if (!this.sdk.isAlive && this.beaten) {
      socket!.terminate();
      return;
    }
    this.beaten = true;
    this.sdk.isAlive = false;
    socket!.ping();
  }

  private beaten = false;

  /** Stops: no reconnect, the socket closed (without the SDK's console line). */
  override disconnect(): void {
    this.stopped = true;
    this.sdk.userDisconnect = true;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.sdk.socket?.close();
  }

  /** Whether the stream is open now. */
  get online(): boolean {
    return this.connected && !this.stopped;
  }
}

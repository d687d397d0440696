// One sender for all processes on one PostgreSQL database. The platforms' limits
// (Feishu: 5 messages/s per group, 50/s and 1,000/min per app; WeChat's pacing) hold
// for the bot as a whole, and a chat's messages must go in order: so exactly one
// process sends. It is elected with a PostgreSQL advisory lock held on a connection of
// its own (not a pooled one: the lock belongs to the session that took it). When that
// process dies its connection closes, the server releases the lock, and another process
// — which tries every few seconds, and whenever it has queued something — takes over.
// A process that queued messages but does not send tells the sender at once
// (NOTIFY on a channel the sender LISTENs to); the sender also looks every few seconds,
// so a notification lost with a broken connection delays a message, never loses it.
import pg from 'pg';
import type { Logger } from 'pino';
import { oneAtATime } from '../store/one-at-a-time.js';

/** The server ends the lock's session after this long without a word (the heartbeat comes every 2 s). */
export const SESSION_IDLE_MS = 15_000;
/** The advisory locks' keys: one per platform (any constants the bot owns). */
const OUTBOX_LOCK_KEYS: Record<string, string> = {
  sandbox: '7301050118210',
  lark: '7301050118211',
  wechat: '7301050118212',
  wecom: '7301050118213',
  dingtalk: '7301050118214',
};

export interface Leadership {
  /** true while this process may send (asks for the lock when it does not hold it) */
  acquire(): Promise<boolean>;
  /** true while held, as far as this process knows */
  readonly held: boolean;
  /** called when leadership is won (`won` true), and whenever the sender should look at the outbox */
  onTurn(listener: (won: boolean) => void): void;
  /** called when this process stops being the sender (its lock's session ended): another takes over */
  onLost(listener: () => void): void;
  /** tells the sender (this process or another) that messages wait */
  nudge(): Promise<void>;
  stop(): Promise<void>;
}

/** Single process (SQLite): always the sender. */
export const SOLE_SENDER: Leadership = {
  acquire: async () => true,
  held: true,
  onTurn: () => undefined,
  onLost: () => undefined,
  nudge: async () => undefined,
  stop: async () => undefined,
};

export class AdvisoryLeadership implements Leadership {
  private client: pg.Client | undefined;
  private connecting: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private listeners: Array<(won: boolean) => void> = [];
  private losers: Array<() => void> = [];
  private stopped = false;
  held = false;

  private readonly key: string;
  private readonly channel: string;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    /** whose sender this elects: each platform has its own (a WeChat login lives in one process only) */
    private readonly platform: string,
    /** how often a process that is not the sender tries to become it */
    private readonly retryMs = 2000,
  ) {
    const key = OUTBOX_LOCK_KEYS[platform];
    if (!key) throw new Error(`no sender lock key for platform ${platform}`);
    this.key = key;
    this.channel = `liandong_outbox_${platform}`;
  }

  /** Starts trying (at once, then every retryMs); the sender looks at the outbox at each tick. */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      const wasHeld = this.held;
      void this.acquire()
        .then(async (held) => {
          if (!held || !wasHeld) return;
          // a heartbeat: a sender that stops answering (a frozen process) has its session
          // ended by the server after SESSION_IDLE_MS, which releases the lock to the others
          const client = this.client;
          if (client) await query(client, 'SELECT 1').catch((err) => this.lost(client, err));
          if (this.held) this.turn(false);
        })
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.retryMs).unref();
        });
    };
    tick();
  }

  onTurn(listener: (won: boolean) => void): void {
    this.listeners.push(listener);
  }

  onLost(listener: () => void): void {
    this.losers.push(listener);
  }

  private turn(won: boolean): void {
    for (const l of this.listeners) l(won);
  }

  async nudge(): Promise<void> {
    if (this.held) return this.turn(false);
    await this.acquire();
    if (this.held) return; // became the sender: it looks now
    if (this.client) await query(this.client, `SELECT pg_notify('${this.channel}', '')`).catch(() => undefined);
  }

  acquire(): Promise<boolean> {
    if (this.held || this.stopped) return Promise.resolve(this.held);
    this.connecting ??= this.tryLock().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async tryLock(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = new pg.Client({
          connectionString: this.url,
          application_name: `liandong-sender-${this.platform}-${process.pid}`,
          keepAlive: true,
          options: `-c idle_session_timeout=${SESSION_IDLE_MS}`,
        });
        client.on('error', (err) => this.lost(client, err));
        client.on('end', () => this.lost(client));
        await client.connect();
        this.client = client;
      }
      const r = await query<{ ok: boolean }>(this.client, 'SELECT pg_try_advisory_lock($1::bigint) AS ok', [this.key]);
      if (r.rows[0]?.ok && !this.stopped) {
        this.held = true;
        const client = this.client;
        client.on('notification', () => this.held && this.client === client && this.turn(false));
        await query(client, `LISTEN ${this.channel}`);
        this.log.info({ pid: process.pid, platform: this.platform }, 'this process is now the sender of this platform');
        this.turn(true);
      }
    } catch (err) {
      this.log.warn(
        { error: String((err as Error)?.message ?? err).slice(0, 200) },
        'could not ask for the sender lock; will try again',
      );
      const c = this.client;
      this.client = undefined;
      await c?.end().catch(() => undefined);
    }
    return this.held;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    if (this.held)
      this.log.error(
        { error: String(err?.message ?? 'connection ended').slice(0, 200) },
        'lost the sender lock (its connection ended); another process takes over',
      );
    const was = this.held;
    this.held = false;
    if (was) for (const l of this.losers) l();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.connecting?.catch(() => undefined);
    const c = this.client;
    this.client = undefined;
    this.held = false;
    // closing the session releases the lock: the next process takes over within retryMs
    await c?.end().catch(() => undefined);
  }
}

/** The lock's session is used by the tick, the heartbeat and nudges at once: one query at a time. */
function query<T extends pg.QueryResultRow>(
  client: pg.Client,
  sql: string,
  args?: unknown[],
): Promise<pg.QueryResult<T>> {
  return oneAtATime(client, () => client.query<T>(sql, args));
}

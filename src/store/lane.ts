// The fast lane to the one SQLite connection. Prisma compiles and interprets
// every call (0.3–0.8 ms each); a statement on the connection itself costs a few
// microseconds. The hot paths — a turn's transaction, the scheduler's batches, the
// outbox, the webhook inbox — take the lane:
//
//  - `transaction(db, work)`: BEGIN IMMEDIATE … COMMIT on the connection, under the
//    connection's lock (src/store/serial-adapter.ts), so nothing joins it, as before.
//    `work` gets a second Prisma client bound to that open transaction: the general query
//    layer works inside it (its batching never mixes with other callers'), and a Prisma
//    write that needs a transaction of its own becomes a savepoint.
//  - `raw(db)`: the hand-written statements (portable SQL, `?` placeholders) run as
//    prepared statements kept across calls — inside a transaction at once, outside one
//    after the lock.
//
// On PostgreSQL both are Prisma's own ($transaction, $queryRawUnsafe): the same SQL.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { Db } from './db.js';
import { type Adapter, type Connection, counted, Lock, statementStats } from './serial-adapter.js';
import { sqlValue } from './sql.js';
import type { Tx } from './tx.js';

interface Statement {
  readonly reader: boolean;
  all(...args: unknown[]): unknown[];
  run(...args: unknown[]): { changes: number };
  safeIntegers(on: boolean): Statement;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  readonly inTransaction: boolean;
}

/** Statements kept prepared (they are few: the hot paths' SQL, by row count of a batch). */
const KEPT_STATEMENTS = 500;

/** A value as SQLite stores it the way Prisma does: instants as ISO text, booleans as 0/1. */
export function toSqlite(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : sqlValue(v);
}

export class SqliteLane implements Connection {
  readonly lock = new Lock();
  adapter?: Adapter;
  /** the client everything else uses (its first query opens the connection) */
  main!: Db;
  /** the client bound to the lane's open transaction */
  inner!: Db;
  private client?: Database;
  private readonly statements = new Map<string, Statement>();
  private readonly owner = new AsyncLocalStorage<object>();
  private open?: object;
  private savepoints = 0;

  private connection(): Database {
    const client = (this.adapter as unknown as { client?: Database } | undefined)?.client;
    if (!client) throw new Error('the SQLite connection is not open');
    if (client !== this.client) {
      this.statements.clear();
      this.client = client;
    }
    return client;
  }

  private async connected(): Promise<void> {
    if (!this.adapter) await this.main.$queryRawUnsafe('SELECT 1');
  }

  /** Runs one statement now: the caller holds the lock, or is the open transaction. */
  exec(sql: string, args: unknown[]): { rows: unknown[]; changes: number } {
    const values = args.map(toSqlite);
    counted({ sql, args: values });
    const db = this.connection();
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size >= KEPT_STATEMENTS) this.statements.clear();
      s = db.prepare(sql).safeIntegers(false);
      this.statements.set(sql, s);
    }
    if (s.reader) {
      const rows = s.all(...values);
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: s.run(...values).changes };
  }

  /** Is the caller inside the lane's open transaction? */
  owns(): boolean {
    return this.open !== undefined && this.owner.getStore() === this.open;
  }

  assertOwner(): void {
    if (!this.owns())
      throw new Error(
        'a statement of a transaction that has ended (it ran longer than its time limit and was rolled back)',
      );
  }

  /** A statement outside any transaction: after the lock (`ahead`: before the transactions queued behind the running one). */
  async outside(sql: string, args: unknown[], ahead: boolean): Promise<{ rows: unknown[]; changes: number }> {
    // the main client inside the lane's own transaction would wait for itself
    if (this.owns())
      throw new Error(
        'a statement on the database outside the transaction it runs in (use the transaction given to the work)',
      );
    await this.connected();
    return this.lock.run(async () => this.exec(sql, args), ahead);
  }

  async transaction<T>(work: (tx: Db) => Promise<T>, timeoutMs: number): Promise<T> {
    if (this.owns()) throw new Error('a transaction inside a transaction');
    await this.connected();
    const release = await this.lock.acquire();
    const token = {};
    statementStats.transactions++;
    // a transaction that runs past its time is rolled back and the lock freed; its late statements fail (assertOwner)
    const end = () => {
      if (this.open !== token) return;
      this.open = undefined;
      this.savepoints = 0;
      try {
        if (this.connection().inTransaction) {
          this.connection().exec('ROLLBACK');
          statementStats.replay?.push({ sql: 'ROLLBACK', args: [] });
        }
      } finally {
        release();
      }
    };
    const timer = setTimeout(end, timeoutMs);
    try {
      this.connection().exec('BEGIN IMMEDIATE');
      statementStats.replay?.push({ sql: 'BEGIN IMMEDIATE', args: [] });
      this.open = token;
      // awaited inside: a Prisma query is lazy, and runs where it is awaited (it must be in the transaction's context)
      const result = await this.owner.run(token, async () => await work(this.inner));
      if (this.open !== token) throw new Error(`the transaction ran longer than ${timeoutMs} ms and was rolled back`);
      this.connection().exec('COMMIT');
      statementStats.replay?.push({ sql: 'COMMIT', args: [] });
      this.open = undefined;
      this.savepoints = 0;
      return result;
    } finally {
      clearTimeout(timer);
      end();
      release();
    }
  }

  /** A transaction Prisma asks for inside the open one (a nested write): a savepoint. */
  savepoint(adapter: Adapter) {
    this.assertOwner();
    const name = `lane_${++this.savepoints}`;
    this.connection().exec(`SAVEPOINT ${name}`);
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      // Prisma does not send COMMIT or ROLLBACK itself; commit() and rollback() do
      options: { usePhantomQuery: true },
      queryRaw: adapter.queryRaw,
      executeRaw: adapter.executeRaw,
      commit: async () => {
        if (this.owns()) this.connection().exec(`RELEASE ${name}`);
      },
      rollback: async () => {
        if (!this.owns()) return;
        this.connection().exec(`ROLLBACK TO ${name}`);
        this.connection().exec(`RELEASE ${name}`);
      },
    };
  }

  /** The adapter factory of the inner client: the open transaction's connection, no lock. */
  innerFactory(): PrismaBetterSQLite3 {
    const base = () => {
      this.assertOwner();
      return this.adapter!;
    };
    const adapter = {
      provider: 'sqlite',
      adapterName: '@prisma/adapter-better-sqlite3',
      queryRaw: async (q: Parameters<Adapter['queryRaw']>[0]) => {
        const a = base();
        counted(q);
        return a.queryRaw(q);
      },
      executeRaw: async (q: Parameters<Adapter['executeRaw']>[0]) => {
        const a = base();
        counted(q);
        return a.executeRaw(q);
      },
      executeScript: async () => {
        throw new Error('no scripts inside a transaction');
      },
      startTransaction: async () => this.savepoint(adapter as unknown as Adapter),
      getConnectionInfo: () => this.adapter?.getConnectionInfo?.() ?? { supportsRelationJoins: false },
      dispose: async () => undefined,
    };
    return {
      provider: 'sqlite',
      adapterName: '@prisma/adapter-better-sqlite3',
      connect: async () => adapter,
      connectToShadowDb: async () => {
        throw new Error('no shadow database in the fast lane');
      },
    } as unknown as PrismaBetterSQLite3;
  }
}

const lanes = new WeakMap<object, SqliteLane>();

/** Marks both clients of a SQLite database as the lane's (src/store/db.ts). */
export function registerLane(lane: SqliteLane): void {
  lanes.set(lane.main, lane);
  lanes.set(lane.inner, lane);
}

/** Hand-written SQL: `?` placeholders, quoted identifiers, portable between SQLite and PostgreSQL. */
export interface Raw {
  all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  run(sql: string, ...args: unknown[]): Promise<number>;
}

/**
 * Hand-written statements on a client or transaction. `ahead`: a statement outside any
 * transaction that must not wait for the transactions queued behind the running one
 * (the webhook's insert before it answers: Feishu gives up after 3 seconds).
 */
export function raw(db: Tx, opts: { ahead?: boolean } = {}): Raw {
  const lane = lanes.get(db);
  if (!lane)
    return {
      all: <T>(sql: string, ...args: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...args),
      run: (sql: string, ...args: unknown[]) => db.$executeRawUnsafe(sql, ...args),
    };
  if (db === lane.inner)
    return {
      all: async <T>(sql: string, ...args: unknown[]) => (lane.assertOwner(), lane.exec(sql, args).rows as T[]),
      run: async (sql: string, ...args: unknown[]) => (lane.assertOwner(), lane.exec(sql, args).changes),
    };
  const ahead = opts.ahead ?? false;
  return {
    all: async <T>(sql: string, ...args: unknown[]) => (await lane.outside(sql, args, ahead)).rows as T[],
    run: async (sql: string, ...args: unknown[]) => (await lane.outside(sql, args, ahead)).changes,
  };
}

/**
 * One transaction: on SQLite in the fast lane, on PostgreSQL Prisma's interactive
 * transaction. `work` must use the transaction it is given, never the client. `timeout`
 * holds for both; `maxWait` only for PostgreSQL (on SQLite a transaction waits its turn
 * at the lock, and the one before it ends within its own timeout).
 */
export async function transaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  opts: { timeout: number; maxWait: number } = { timeout: 30_000, maxWait: 30_000 },
): Promise<T> {
  const lane = lanes.get(db);
  if (lane && db === lane.main) return lane.transaction(work, opts.timeout);
  return db.$transaction(work, opts);
}

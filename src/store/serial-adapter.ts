// One writer on the one SQLite connection. The better-sqlite3 adapter serialises
// transactions, but a query issued outside a transaction while one is open runs on the
// same connection — inside that transaction — and is rolled back with it (the inbox row
// stored before answering Feishu was lost that way). Here every statement outside a
// transaction waits for the open transaction to end, and a transaction waits for the
// statements before it: first come, first served, nothing joins anything. The fast lane
// (src/store/lane.ts) takes the same lock.
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

type Factory = PrismaBetterSQLite3;
export type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Tx = Awaited<ReturnType<Adapter['startTransaction']>>;

/** The one connection: its lock, and the adapter Prisma opened on it (none before the first query or after disconnect). */
export interface Connection {
  readonly lock: Lock;
  adapter?: Adapter;
}

/** Statements and transactions run so far on this process's connections (the benchmark's and tests' count). */
export const statementStats = {
  statements: 0,
  transactions: 0,
  /** when set, each statement's SQL is appended (tests check query plans) */
  log: undefined as string[] | undefined,
  /** when set, each statement with its arguments, and the fast lane's BEGIN / COMMIT (the benchmark replays them on bare better-sqlite3) */
  replay: undefined as Array<{ sql: string; args: unknown[] }> | undefined,
};

export function counted(q: { sql: string; args: unknown[] }): void {
  statementStats.statements++;
  statementStats.log?.push(q.sql);
  statementStats.replay?.push({ sql: q.sql, args: q.args });
}

/** A lock for async work: first come, first served, except that urgent waiters go first. */
export class Lock {
  private held = false;
  private readonly waiting: Array<() => void> = [];
  private readonly waitingUrgent: Array<() => void> = [];

  /** Waits for the lock; resolves with the function that releases it (once). */
  acquire(urgentWaiter = false): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.held = true;
        let done = false;
        resolve(() => {
          if (done) return;
          done = true;
          this.held = false;
          const next = this.waitingUrgent.shift() ?? this.waiting.shift();
          if (next) next();
        });
      };
      if (!this.held) grant();
      else (urgentWaiter ? this.waitingUrgent : this.waiting).push(grant);
    });
  }

  async run<T>(work: () => Promise<T>, urgentWaiter = false): Promise<T> {
    const release = await this.acquire(urgentWaiter);
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function wrapTransaction(tx: Tx, release: () => void): Tx {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q) => (counted(q), tx.queryRaw(q)),
    executeRaw: (q) => (counted(q), tx.executeRaw(q)),
    async commit() {
      try {
        await tx.commit();
      } finally {
        release();
      }
    },
    async rollback() {
      try {
        await tx.rollback();
      } finally {
        release();
      }
    },
  };
}

function wrapAdapter(adapter: Adapter, lock: Lock): Adapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q) => lock.run(() => (counted(q), adapter.queryRaw(q))),
    executeRaw: (q) => lock.run(() => (counted(q), adapter.executeRaw(q))),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    async startTransaction(level) {
      const release = await lock.acquire();
      statementStats.transactions++;
      statementStats.replay?.push({ sql: 'BEGIN', args: [] }); // the adapter's own, on the connection
      try {
        return wrapTransaction(await adapter.startTransaction(level), release);
      } catch (err) {
        release();
        throw err;
      }
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  } as Adapter;
}

/** The adapter factory, with every connection it makes serialised as above (and kept in `connection`). */
export function serialized(factory: Factory, connection: Connection = { lock: new Lock() }): Factory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      connection.adapter = adapter;
      const wrapped = wrapAdapter(adapter, connection.lock);
      return Object.assign(wrapped, {
        dispose: async () => {
          if (connection.adapter === adapter) connection.adapter = undefined;
          await adapter.dispose();
        },
      });
    },
    connectToShadowDb: async () => wrapAdapter(await factory.connectToShadowDb(), new Lock()),
  } as Factory;
}

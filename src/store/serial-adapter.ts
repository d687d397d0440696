// One writer on the one SQLite connection. The better-sqlite3 adapter serialises
// transactions, but a query issued outside a transaction while one is open runs on the
// same connection — inside that transaction — and is rolled back with it (the inbox row
// stored before answering Feishu was lost that way). Here every statement outside a
// transaction waits for the open transaction to end, and a transaction waits for the
// statements before it: first come, first served, nothing joins anything.
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Tx = Awaited<ReturnType<Adapter['startTransaction']>>;

/** Statements and transactions run so far on this process's connections (the benchmark's and tests' count). */
export const statementStats = { statements: 0, transactions: 0, log: undefined as string[] | undefined };

function counted(sql: string): void {
  statementStats.statements++;
  statementStats.log?.push(sql);
}

/** A first-in, first-out lock for async work. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; resolves with the function that releases it (once). */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    });
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
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
    queryRaw: (q) => (counted(q.sql), tx.queryRaw(q)),
    executeRaw: (q) => (counted(q.sql), tx.executeRaw(q)),
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
    queryRaw: (q) => lock.run(() => (counted(q.sql), adapter.queryRaw(q))),
    executeRaw: (q) => lock.run(() => (counted(q.sql), adapter.executeRaw(q))),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    async startTransaction(level) {
      const release = await lock.acquire();
      statementStats.transactions++;
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

/** The adapter factory, with every connection it makes serialised as above. */
export function serialized(factory: Factory): Factory {
  const lock = new Lock();
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapAdapter(await factory.connect(), lock),
    connectToShadowDb: async () => wrapAdapter(await factory.connectToShadowDb(), new Lock()),
  } as Factory;
}

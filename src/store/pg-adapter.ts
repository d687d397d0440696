// PostgreSQL through Prisma's driver adapter (@prisma/adapter-pg over node-postgres),
// for the Prisma CLI (prisma.config.ts) and the runtime (db.ts). Three shims, all here:
//  - Catalog columns of type `name` (oid 19) and `"char"` (oid 18): the WASM schema
//    engine reads them during `migrate deploy` and `migrate diff`, and the adapter refuses
//    the types (prisma/orm#27403). They are reported as text (oid 25), which is what
//    they hold.
//  - The store's few hand-written statements use `?` placeholders (SQLite's); on
//    PostgreSQL they are numbered `$1, $2 …` before they are sent. Prisma's own SQL for
//    PostgreSQL is already numbered and passes through untouched.
//  - A transaction's connection is given one query at a time (oneAtATime, below).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { oneAtATime } from './one-at-a-time.js';

/** `?` placeholders (outside quoted text) numbered for PostgreSQL; SQL already numbered is left alone. */
export function numberPlaceholders(sql: string): string {
  if (!sql.includes('?') || /\$1\b/.test(sql)) return sql;
  let n = 0;
  let out = '';
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

const CATALOG_TEXT_OIDS = new Set([18, 19]); // "char", name
const TEXT_OID = 25;
let patched = false;

/** Patches the adapter's query class once (the shims live on its `performIO`). */
function patch(queryable: object): void {
  if (patched) return;
  // PrismaPgAdapter → PgQueryable (whose performIO every connection and transaction uses)
  let proto = Object.getPrototypeOf(queryable);
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error('@prisma/adapter-pg changed: performIO not found (see src/store/pg-adapter.ts)');
  const performIO = proto.performIO as (q: {
    sql: string;
    args: unknown[];
    argTypes: unknown[];
  }) => Promise<{ fields: Array<{ dataTypeID: number }> }>;
  proto.performIO = function (this: { client: object }, query: { sql: string; args: unknown[]; argTypes: unknown[] }) {
    const run = async () => {
      const result = await performIO.call(this, { ...query, sql: numberPlaceholders(query.sql) });
      for (const f of result?.fields ?? []) if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
      return result;
    };
    // the pool hands each query a connection of its own
    if (this.client instanceof pg.Pool) return run();
    return oneAtATime(this.client, run);
  };
  patched = true;
}

export interface PgOptions {
  /** connections in this process's pool */
  max?: number;
  /** a transaction left idle this long (a frozen process) is ended by the server, releasing its row locks */
  idleInTransactionMs?: number;
}

/** The adapter factory for a PostgreSQL URL, with the shims applied on connect. */
export function pgAdapter(url: string, opts: PgOptions = {}): PrismaPg {
  const factory = new PrismaPg({
    connectionString: url,
    max: opts.max ?? 10,
    options: `-c idle_in_transaction_session_timeout=${opts.idleInTransactionMs ?? 60_000} -c TimeZone=UTC`,
  });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patch(adapter);
    return adapter;
  };
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await shadow();
    patch(adapter);
    return adapter;
  };
  return factory;
}

// Prisma CLI configuration.
//
// Why this file looks the way it does (see ../shared/notes/prisma-offline.md):
// this project must install and migrate on machines that reach only the npm
// registry (CI here, and 政务内网 deployments). Prisma 6.19.3's early-access
// `engine: 'js'` runs the WASM schema engine through a driver adapter, so no
// native schema-engine binary is downloaded. Keep the versions pinned exactly;
// revisit when Prisma ships an offline schema engine for 7.x.

import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';
import { isPostgresUrl } from './src/store/database-url.ts';
import { pgAdapter } from './src/store/pg-adapter.ts';
import { sqliteFileFromUrl } from './src/store/sqlite-file.ts';

process.env.CHECKPOINT_DISABLE ??= '1';

// The WASM engine can leave a 60-second timer pending after `migrate dev`,
// which keeps the CLI alive for a minute: unref long timers in this process.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const t = realSetTimeout(fn, ms, ...rest);
  if ((ms ?? 0) >= 10_000 && typeof t === 'object' && t && 'unref' in t) t.unref();
  return t;
}) as typeof setTimeout;

/**
 * The shadow-database replay of `migrate dev` sends a whole multi-statement
 * migration.sql through `executeRaw`; better-sqlite3 prepares one statement at a
 * time and refuses. Fall back to `executeScript` for such calls.
 */
function withScriptFallback(factory: PrismaBetterSQLite3) {
  const wrap = async <
    T extends { executeRaw: (q: any) => Promise<number>; executeScript: (s: string) => Promise<void> },
  >(
    p: Promise<T>,
  ) => {
    const adapter = await p;
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query: { sql: string; args: unknown[] }) => {
      try {
        return await executeRaw(query);
      } catch (err) {
        if (query.args.length === 0 && /more than one statement/i.test(String((err as Error)?.message ?? err))) {
          await adapter.executeScript(query.sql);
          return 0;
        }
        throw err;
      }
    };
    return adapter;
  };
  return Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => wrap(factory.connect() as any),
    connectToShadowDb: () => wrap(factory.connectToShadowDb() as any),
  }) as PrismaBetterSQLite3;
}

// DATABASE_URL=postgresql://… selects PostgreSQL: its schema file (derived from
// prisma/schema.prisma by scripts/setup.mjs) and its own migrations folder beside it.
const url = process.env.DATABASE_URL;
export default isPostgresUrl(url)
  ? defineConfig({
      schema: 'prisma/postgresql/schema.prisma',
      experimental: { adapter: true },
      engine: 'js',
      adapter: async () => pgAdapter(url!, { max: 2 }),
    })
  : defineConfig({
      schema: 'prisma/schema.prisma',
      experimental: { adapter: true },
      engine: 'js',
      adapter: async () => withScriptFallback(new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url) })),
    });

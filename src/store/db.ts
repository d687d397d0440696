// The only place that opens the database. Prisma Client (query compiler, no Rust
// engine) over better-sqlite3, in WAL mode with a busy timeout.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { sqliteFileFromUrl } from './sqlite-file.js';

export type Db = PrismaClient;
export type { PrismaClient };

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/migrations');

/** Milliseconds a writer waits for a lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export async function openDb(databaseUrl?: string): Promise<Db> {
  const file = sqliteFileFromUrl(databaseUrl ?? process.env.DATABASE_URL);
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  // WAL lets readers go on while the dispatcher writes; it is a property of the file.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/** Names of the migration folders shipped with the code, in order. */
export function shippedMigrations(): string[] {
  if (!existsSync(MIGRATIONS_DIR)) return [];
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export interface MigrationState {
  applied: string[];
  pending: string[];
  failed: string[];
}

export async function migrationState(db: Db): Promise<MigrationState> {
  const shipped = shippedMigrations();
  const table = await db.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  );
  if (table.length === 0) return { applied: [], pending: shipped, failed: [] };
  const rows = await db.$queryRawUnsafe<Array<{ migration_name: string; finished_at: unknown; rolled_back_at: unknown }>>(
    'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations',
  );
  const applied = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name);
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  return { applied, pending: shipped.filter((m) => !applied.includes(m)), failed };
}

/**
 * Applies the committed migrations with the real `prisma migrate deploy` (WASM
 * schema engine, nothing downloaded). Resolves with the CLI's output; rejects with
 * it when the CLI fails.
 */
export function migrateDeploy(databaseUrl?: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');
  // Resolve the file here, against the caller's working directory: the CLI runs in the project root.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    DATABASE_URL: `file:${sqliteFileFromUrl(databaseUrl ?? process.env.DATABASE_URL)}`,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`prisma migrate deploy 失败（退出码 ${code}）：\n${out}`))));
  });
}

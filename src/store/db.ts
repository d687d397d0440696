// The only place that opens the database. Prisma Client (query compiler, no Rust
// engine) over better-sqlite3, in WAL mode with a busy timeout (the default: one
// process, one file); or over node-postgres when DATABASE_URL is postgresql://… (several
// processes on one server). Both clients come from the one model, prisma/schema.prisma.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { PROJECT_ROOT } from '../paths.js';
import { errorReason, isPostgresUrl, redactUrl } from './database-url.js';
import { registerLane, SqliteLane } from './lane.js';
import { serialized } from './serial-adapter.js';
import { isPostgres } from './sql.js';
import { sqliteFileFromUrl } from './sqlite-file.js';

export type Db = PrismaClient;
export type { PrismaClient };

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/migrations');
export const PG_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/postgresql/migrations');

/** Connections each process keeps to PostgreSQL (DATABASE_POOL, default 10). */
function poolSize(): number {
  const n = Number(process.env.DATABASE_POOL ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

async function openPostgres(url: string): Promise<Db> {
  // the PostgreSQL client is generated apart (src/generated/prisma-pg) and loaded only here
  const [{ PrismaClient: PgClient }, { pgAdapter }] = await Promise.all([
    import('../generated/prisma-pg/client.ts'),
    import('./pg-adapter.js'),
  ]);
  const db = new PgClient({ adapter: pgAdapter(url, { max: poolSize() }), errorFormat: 'minimal' });
  try {
    await db.$queryRawUnsafe('SELECT 1');
  } catch (err) {
    await db.$disconnect().catch(() => undefined);
    throw new Error(
      `无法连接 PostgreSQL（${redactUrl(url)}）：${errorReason(err)}。请检查 DATABASE_URL、服务器是否运行、用户与密码。`,
    );
  }
  // the same model, the same API: only the provider differs
  return db as unknown as Db;
}

/** Milliseconds a writer waits for a lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export async function openDb(databaseUrl?: string): Promise<Db> {
  const url = databaseUrl ?? process.env.DATABASE_URL;
  if (isPostgresUrl(url)) return openPostgres(url!.trim());
  const file = sqliteFileFromUrl(databaseUrl ?? process.env.DATABASE_URL);
  // one connection, two clients: `db`, and the one the fast lane's transactions hand to their work
  const lane = new SqliteLane();
  const db = new PrismaClient({
    adapter: serialized(new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS }), lane),
    errorFormat: 'minimal',
  });
  lane.main = db;
  lane.inner = new PrismaClient({ adapter: lane.innerFactory(), errorFormat: 'minimal' });
  registerLane(lane);
  // WAL lets readers go on while the dispatcher writes; it is a property of the file.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/** Names of the migration folders shipped with the code, in order. */
export function shippedMigrations(postgres = false): string[] {
  const dir = postgres ? PG_MIGRATIONS_DIR : MIGRATIONS_DIR;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
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
  const pg = isPostgres(db);
  const shipped = shippedMigrations(pg);
  const table = await db.$queryRawUnsafe<Array<{ name: string }>>(
    pg
      ? "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  );
  if (table.length === 0) return { applied: [], pending: shipped, failed: [] };
  const rows = await db.$queryRawUnsafe<
    Array<{ migration_name: string; finished_at: unknown; rolled_back_at: unknown }>
  >('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations');
  const applied = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name);
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  return { applied, pending: shipped.filter((m) => !applied.includes(m)), failed };
}

/**
 * Applies the committed migrations with the real `prisma migrate deploy` (WASM
 * schema engine, nothing downloaded). Resolves with the CLI's output; rejects with
 * it when the CLI fails.
 */
/**
 * Checks the database file can be written before migrating: the migrate CLI's own error
 * for a read-only or full disk is only "External error". Throws a message that says
 * what is wrong and what to do.
 */
export function checkWritable(file: string): void {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    closeSync(openSync(file, 'a'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
      throw new Error(
        `无法写入数据库文件 ${file}（${code}）：文件或其所在目录不可写。请检查权限，或用 DATABASE_URL 指向可写的位置。`,
      );
    if (code === 'ENOSPC') throw new Error(`无法写入数据库文件 ${file}：磁盘空间不足。请清理 ${dir} 所在磁盘后重试。`);
    throw new Error(`无法打开数据库文件 ${file}（${code ?? String(err)}）。请检查 DATABASE_URL。`);
  }
  const fs = statfsSync(dir);
  if (fs.bavail * fs.bsize < 4 * 1048576)
    throw new Error(`磁盘空间不足（${dir} 所在磁盘剩余不到 4 MB）：数据库无法写入。请清理磁盘后重试。`);
}

export function migrateDeploy(databaseUrl?: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');
  const url = databaseUrl ?? process.env.DATABASE_URL;
  const pg = isPostgresUrl(url);
  // Resolve the file here, against the caller's working directory: the CLI runs in the project root.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    DATABASE_URL: pg ? url!.trim() : `file:${sqliteFileFromUrl(url)}`,
  };
  if (!pg) checkWritable(env.DATABASE_URL!.slice('file:'.length));
  const where = pg ? redactUrl(env.DATABASE_URL!) : env.DATABASE_URL!.slice(5);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(migrationFailure(code, out, where)))));
  });
}

/**
 * One line that says what failed and what to do, from the migrate CLI's output (whose
 * last lines carry the engine's error): a read-only or full disk, a locked file, or else
 * the error itself.
 */
export function migrationFailure(code: number | null, output: string, file: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !/^(Loaded Prisma config|Prisma schema loaded|Datasource|Environment variables|\d+ migrations? found)/.test(l),
    );
  const detail =
    lines
      .filter((l) => /error|fail|denied|readonly|read-only|full|locked|busy|ENOSPC|EACCES|EROFS|SQLITE/i.test(l))
      .slice(-2)
      .join(' ') ||
    lines.slice(-2).join(' ') ||
    '（迁移工具没有输出）';
  const hint = /readonly|read-only|EACCES|EROFS|permission|denied/i.test(output)
    ? `数据库文件 ${file} 或其所在目录不可写：请检查权限，或用 DATABASE_URL 指向可写的位置。`
    : /full|ENOSPC|SQLITE_FULL/i.test(output)
      ? `磁盘空间不足：请清理 ${path.dirname(file)} 所在磁盘后重试。`
      : /locked|busy/i.test(output)
        ? '数据库文件正被其他程序占用：请关闭其他 liandong 进程后重试。'
        : `请检查 DATABASE_URL（${file}）后重试；仍失败时请把以上信息发给管理员。`;
  return `数据库迁移失败（prisma migrate deploy 退出码 ${code ?? '无'}）：${detail.slice(0, 300)}。${hint}`;
}

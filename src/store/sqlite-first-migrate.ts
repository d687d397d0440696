// A new SQLite database gets the committed migrations applied in this process, in one
// transaction, recorded in `_prisma_migrations` exactly as `prisma migrate deploy` records
// them (the SHA-256 of each migration.sql as its checksum), so that the migrate CLI, `db
// migrate` and the drift check see them as applied. The CLI runs in a child process and costs
// about 2 s of a newcomer's first start; it is still what migrates an existing database (a
// table redefined over rows is the migration engine's business, not this file's).
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface Sqlite {
  exec(sql: string): void;
  prepare(sql: string): { all(): unknown[]; run(...args: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): void;
}

// as `prisma migrate deploy` creates it on SQLite
const MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** the migrate CLI's way of writing a moment: 2026-12-02T17:44:35.080+00:00 */
const stamp = () => new Date().toISOString().replace('Z', '+00:00');

/**
 * Applies `migrations` (folder names under `dir`, in order) to the SQLite `file` when it holds
 * no table at all. Returns false, touching nothing, when it holds any: the CLI migrates it.
 */
export function migrateNewSqlite(file: string, dir: string, migrations: string[]): boolean {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => Sqlite;
  const db = new Database(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    if (tables.length > 0) return false;
    db.exec('PRAGMA journal_mode = WAL');
    db.transaction(() => {
      db.exec(MIGRATIONS_TABLE);
      const record = db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
      );
      for (const name of migrations) {
        const sql = readFileSync(path.join(dir, name, 'migration.sql'));
        const started = stamp();
        db.exec(sql.toString('utf8'));
        record.run(randomUUID(), createHash('sha256').update(sql).digest('hex'), stamp(), name, started);
      }
    })();
    return true;
  } finally {
    db.close();
  }
}

// The first start on a new SQLite file applies the committed migrations in-process
// (src/store/sqlite-first-migrate.ts): the same tables, indexes and migration records as the
// migrate CLI writes, so that the CLI finds nothing pending afterwards; a file that holds any
// table is left to the CLI.

import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrateDeploy, shippedMigrations } from '../../src/store/db.js';
import { migrateNewSqlite } from '../../src/store/sqlite-first-migrate.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
/** a path where no database is yet */
const newFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-first-')), 'new.db');

function shape(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      schema: db
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .all(),
      migrations: db
        .prepare(
          'SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS done FROM _prisma_migrations ORDER BY migration_name',
        )
        .all(),
    };
  } finally {
    db.close();
  }
}

describe('the first migration of a new SQLite database', () => {
  it('writes what the migrate CLI writes, and the CLI then finds nothing to do', async () => {
    const [ours, cli] = [newFile(), newFile()];
    expect(migrateNewSqlite(ours, MIGRATIONS_DIR, shippedMigrations())).toBe(true);
    await migrateDeploy(`file:${cli}`);
    const [a, b] = [shape(ours), shape(cli)];
    expect(a.migrations).toHaveLength(shippedMigrations().length);
    expect(a.migrations).toEqual(b.migrations);
    expect(a.schema).toEqual(b.schema);
    expect(await migrateDeploy(`file:${ours}`)).toMatch(/No pending migrations/);
  });

  it('leaves a database that holds a table to the CLI', () => {
    const file = newFile();
    const db = new Database(file);
    db.exec('CREATE TABLE "Someone" (id TEXT)');
    db.close();
    expect(migrateNewSqlite(file, MIGRATIONS_DIR, shippedMigrations())).toBe(false);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT type, name, sql FROM sqlite_master').all()).toEqual([
      { type: 'table', name: 'Someone', sql: 'CREATE TABLE "Someone" (id TEXT)' },
    ]);
    after.close();
  });
});

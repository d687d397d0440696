// A fresh, migrated database for one test: a copy of the run's template — a SQLite file,
// or on the PostgreSQL run (npm run test:pg) a database created from the template one.
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openDb } from '../../src/store/db.js';

export function freshDbFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-test-'));
  const file = path.join(dir, 'test.db');
  copyFileSync(inject('templateDb'), file);
  return file;
}

/** Is this run on PostgreSQL? */
export const onPostgres = (): boolean => Boolean(inject('postgresTemplate'));

let copies = 0;
/** A new database on the template's server: a copy of the template (a file copy on the server: fast), or empty. */
async function createDatabase(fromTemplate: boolean): Promise<string> {
  const server = new URL(inject('postgresTemplate'));
  const template = server.pathname.slice(1);
  const name = `${fromTemplate ? 't' : 'e'}_${process.pid}_${++copies}_${Date.now().toString(36)}`;
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(server), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${fromTemplate ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  server.pathname = `/${name}`;
  return server.toString();
}

/** A migrated database of its own on the run's PostgreSQL server. */
export const freshPostgresUrl = () => createDatabase(true);

/** An empty, unmigrated database on the run's PostgreSQL server. */
export const emptyPostgresUrl = () => createDatabase(false);

/** A fresh database's URL: SQLite file or PostgreSQL, as the run is. */
export async function freshDbUrl(): Promise<string> {
  return onPostgres() ? freshPostgresUrl() : `file:${freshDbFile()}`;
}

export async function freshDb(): Promise<{ db: Db; file: string; url: string }> {
  const url = await freshDbUrl();
  return { db: await openDb(url), file: url.startsWith('file:') ? url.slice(5) : '', url };
}

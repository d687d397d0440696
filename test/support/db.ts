// A fresh, migrated SQLite file for one test file: a copy of the run's template.
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type Db, openDb } from '../../src/store/db.js';

export function freshDbFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-test-'));
  const file = path.join(dir, 'test.db');
  copyFileSync(inject('templateDb'), file);
  return file;
}

export async function freshDb(): Promise<{ db: Db; file: string; url: string }> {
  const file = freshDbFile();
  const url = `file:${file}`;
  return { db: await openDb(url), file, url };
}

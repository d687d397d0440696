// Migrates one template SQLite file per run with the real `prisma migrate deploy`;
// each test file copies it (test/support/db.ts) instead of migrating again.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDeploy } from '../../src/store/db.js';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-template-'));
  const file = path.join(dir, 'template.db');
  await migrateDeploy(`file:${file}`);
  project.provide('templateDb', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

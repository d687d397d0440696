// Migrates one template database per run with the real `prisma migrate deploy`; each
// test file copies it (test/support/db.ts) instead of migrating again.
//  - SQLite (always): a template file.
//  - PostgreSQL (the `test:pg` run, LIANDONG_TEST_DB=postgresql): a template database on
//    a throwaway cluster (scripts/pg-throwaway.mjs; or the server at
//    LIANDONG_TEST_POSTGRES_URL), copied with CREATE DATABASE … TEMPLATE.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startCluster, stopCluster } from '../../scripts/pg-throwaway.mjs';
import { migrateDeploy } from '../../src/store/db.js';

export function databaseUrl(server: string, name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-template-'));
  const file = path.join(dir, 'template.db');
  let cluster: { url: string; dir: string } | undefined;
  let postgres = '';
  try {
    await migrateDeploy(`file:${file}`);
    if (process.env.LIANDONG_TEST_DB === 'postgresql') {
      const server: string = process.env.LIANDONG_TEST_POSTGRES_URL || (cluster = startCluster()).url;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      const name = `liandong_template_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      await migrateDeploy(databaseUrl(server, name));
      postgres = databaseUrl(server, name);
    }
  } catch (err) {
    if (cluster) stopCluster(cluster.dir);
    throw err;
  }
  project.provide('templateDb', file);
  project.provide('postgresTemplate', postgres);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (cluster) stopCluster(cluster.dir);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    /** the migrated template database on PostgreSQL ('' when the run is on SQLite) */
    postgresTemplate: string;
  }
}

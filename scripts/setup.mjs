#!/usr/bin/env node
// Project set-up steps that npm scripts and CI call. Plain JavaScript so it runs
// before anything is generated.
//   node scripts/setup.mjs generate   generate the Prisma client when the schema changed
//   node scripts/setup.mjs migration NAME   write a new migration for both providers from the
//                                     change to prisma/schema.prisma (PostgreSQL's on a throwaway server)
//   node scripts/setup.mjs drift      fail when prisma/schema.prisma and the migrations differ
//                                     (PostgreSQL's too, on a throwaway server: DRIFT_POSTGRES_URL
//                                     or one started by scripts/pg-throwaway.mjs)
//
// prisma/schema.prisma is the one source of the models. prisma/postgresql/schema.prisma
// is derived from it (provider and client output only) and committed, with its own
// migrations folder beside it; `generate` rewrites it and `drift` fails when it is stale.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };

function prisma(args, extraEnv = {}) {
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js');
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8' });
}

const SQLITE_SCHEMA = path.join(root, 'prisma/schema.prisma');
const PG_SCHEMA = path.join(root, 'prisma/postgresql/schema.prisma');

/** The PostgreSQL schema: the same models, another provider and client folder. */
function postgresSchema() {
  const text = readFileSync(SQLITE_SCHEMA, 'utf8');
  const out = text
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace(/output(\s*)= "\.\.\/src\/generated\/prisma"/, 'output$1= "../../src/generated/prisma-pg"')
    .replace(/url(\s*)= "file:[^"]*"/, 'url$1= "postgresql://localhost/liandong"');
  if (out === text || !out.includes('"postgresql"') || !out.includes('prisma-pg'))
    throw new Error('prisma/schema.prisma: provider or output line not found for the PostgreSQL schema');
  return `// GENERATED from ../schema.prisma by scripts/setup.mjs (provider and client output only). Do not edit.\n${out}`;
}

function generate() {
  const pgText = postgresSchema();
  mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  if (!existsSync(PG_SCHEMA) || readFileSync(PG_SCHEMA, 'utf8') !== pgText) writeFileSync(PG_SCHEMA, pgText);
  const version = JSON.parse(readFileSync(require.resolve('prisma/package.json'), 'utf8')).version;
  const targets = [
    { schema: SQLITE_SCHEMA, out: 'src/generated/prisma', url: 'file:./data/liandong.db' },
    { schema: PG_SCHEMA, out: 'src/generated/prisma-pg', url: 'postgresql://localhost/liandong' },
  ];
  for (const t of targets) {
    const hash = createHash('sha256').update(readFileSync(t.schema)).update(version).digest('hex');
    const stamp = path.join(root, t.out, '.schema-hash');
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
    // generate reads no database: the URL only picks the schema file in prisma.config.ts
    const r = prisma(['generate', '--schema', path.relative(root, t.schema)], { DATABASE_URL: t.url });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      return r.status ?? 1;
    }
    writeFileSync(stamp, hash);
    process.stdout.write(`Prisma Client generated (${t.out}).\n`);
  }
  return 0;
}

function diffReport(r, schema, migrations) {
  if (r.status === 0) {
    process.stdout.write(`${schema} and ${migrations} agree.\n`);
    return 0;
  }
  process.stderr.write(r.stdout + r.stderr);
  process.stderr.write(
    r.status === 2
      ? `DRIFT: ${schema} differs from ${migrations}. Write one for both providers: node scripts/setup.mjs migration NAME.\n`
      : 'The drift check itself failed.\n',
  );
  return 1;
}

/** A fresh, empty database on a PostgreSQL server (the diff replays the migrations into it). */
async function freshPgDatabase(serverUrl) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  const name = `drift_${process.pid}_${Date.now()}`;
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: serverUrl });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}"`);
      await d.end();
    },
  };
}

/** A check of one migrations folder against its schema, on the database at the URL given. */
function checkAgainst(migrations, schema) {
  return (url) =>
    diffReport(
      prisma(['migrate', 'diff', '--from-migrations', migrations, '--to-schema-datamodel', schema, '--exit-code'], {
        DATABASE_URL: url,
      }),
      schema,
      migrations,
    );
}

/** Runs `work` with the URL of a scratch SQLite file (the diff replays the migrations into it). */
async function onSqliteShadow(work) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-shadow-'));
  try {
    return await work(`file:${path.join(dir, 'shadow.db')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `work` with the URL of a fresh PostgreSQL database: on DRIFT_POSTGRES_URL's server, or a throwaway cluster. */
async function onPgShadow(work) {
  const { startCluster, stopCluster } = await import('./pg-throwaway.mjs');
  let cluster;
  const server = process.env.DRIFT_POSTGRES_URL || (cluster = startCluster()).url;
  try {
    const db = await freshPgDatabase(server);
    try {
      return await work(db.url);
    } finally {
      await db.drop();
    }
  } finally {
    if (cluster) stopCluster(cluster.dir);
  }
}

async function drift() {
  if (generate() !== 0) return 1;
  if (readFileSync(PG_SCHEMA, 'utf8') !== postgresSchema()) {
    process.stderr.write(
      'DRIFT: prisma/postgresql/schema.prisma is not derived from prisma/schema.prisma: run node scripts/setup.mjs generate.\n',
    );
    return 1;
  }
  // both are checked (and reported) even when the first differs
  const sqlite = await onSqliteShadow(checkAgainst('prisma/migrations', 'prisma/schema.prisma'));
  const postgres = await onPgShadow(checkAgainst('prisma/postgresql/migrations', 'prisma/postgresql/schema.prisma'));
  return sqlite || postgres;
}

/** The SQL that brings a migrations folder to its schema ('' when they agree). */
function diffScript(migrations, schema, url) {
  const r = prisma(['migrate', 'diff', '--from-migrations', migrations, '--to-schema-datamodel', schema, '--script'], {
    DATABASE_URL: url,
  });
  if (r.status !== 0) throw new Error(`migrate diff failed for ${schema}:\n${r.stdout}${r.stderr}`);
  return /^\s*(--[^\n]*\n?\s*)*$/.test(r.stdout) || /This is an empty migration/.test(r.stdout) ? '' : r.stdout;
}

async function migration() {
  const name = process.argv[3];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    process.stderr.write('usage: node scripts/setup.mjs migration NAME   (NAME: lower-case letters, digits, _)\n');
    return 2;
  }
  if (generate() !== 0) return 1;
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const scripts = [
    ['prisma/migrations', await onSqliteShadow((url) => diffScript('prisma/migrations', 'prisma/schema.prisma', url))],
    [
      'prisma/postgresql/migrations',
      await onPgShadow((url) => diffScript('prisma/postgresql/migrations', 'prisma/postgresql/schema.prisma', url)),
    ],
  ];
  if (scripts.every(([, sql]) => !sql)) {
    process.stdout.write('Nothing to migrate: both schemas agree with their migrations.\n');
    return 0;
  }
  for (const [folder, sql] of scripts) {
    const target = path.join(root, folder, `${stamp}_${name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'migration.sql'), sql);
    process.stdout.write(`wrote ${path.relative(root, target)}/migration.sql\n`);
  }
  return 0;
}

const steps = { generate, drift, migration };
const step = steps[process.argv[2]];
if (!step) {
  process.stderr.write(`usage: node scripts/setup.mjs ${Object.keys(steps).join('|')}\n`);
  process.exit(2);
}
process.exit(await step());

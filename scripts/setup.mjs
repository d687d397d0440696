#!/usr/bin/env node
// Project set-up steps that npm scripts and CI call. Plain JavaScript so it runs
// before anything is generated.
//   node scripts/setup.mjs generate   generate the Prisma client when the schema changed
//   node scripts/setup.mjs drift      fail when prisma/schema.prisma and the migrations differ
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function generate() {
  const schema = readFileSync(path.join(root, 'prisma/schema.prisma'));
  const version = JSON.parse(readFileSync(require.resolve('prisma/package.json'), 'utf8')).version;
  const hash = createHash('sha256').update(schema).update(version).digest('hex');
  const stamp = path.join(root, 'src/generated/prisma/.schema-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 0;
  const r = prisma(['generate']);
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    return r.status ?? 1;
  }
  writeFileSync(stamp, hash);
  process.stdout.write('Prisma Client generated.\n');
  return 0;
}

function drift() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-drift-'));
  try {
    const r = prisma(
      ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--exit-code'],
      { DATABASE_URL: `file:${path.join(dir, 'shadow.db')}` },
    );
    if (r.status === 0) {
      process.stdout.write('schema.prisma and prisma/migrations agree.\n');
      return 0;
    }
    process.stderr.write(r.stdout + r.stderr);
    process.stderr.write(
      r.status === 2
        ? 'DRIFT: prisma/schema.prisma differs from prisma/migrations. Create a migration for the change.\n'
        : 'The drift check itself failed.\n',
    );
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const steps = { generate, drift };
const step = steps[process.argv[2]];
if (!step) {
  process.stderr.write(`usage: node scripts/setup.mjs ${Object.keys(steps).join('|')}\n`);
  process.exit(2);
}
process.exit(step());

#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests, CI and benchmarks: Debian's `postgresql`
// package (installed when missing), a temporary directory, a loopback port, trust
// authentication. The server refuses to run as root, so as root it runs as `postgres`.
//   node scripts/pg-throwaway.mjs start [--port N]   prints the DATABASE_URL, then `DIR=<dir>`
//   node scripts/pg-throwaway.mjs stop DIR
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const isRoot = process.getuid?.() === 0;

/** The directory of the newest installed PostgreSQL's binaries, installing the package when there is none. */
export function pgBin() {
  const base = '/usr/lib/postgresql';
  const find = () =>
    existsSync(base)
      ? readdirSync(base)
          .filter((v) => existsSync(path.join(base, v, 'bin/initdb')))
          .sort((a, b) => Number(b) - Number(a))[0]
      : undefined;
  let v = find();
  if (!v) {
    const sudo = isRoot ? [] : ['sudo'];
    const run = (args) => {
      const r = spawnSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status})`);
    };
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'postgresql']);
    v = find();
    if (!v) throw new Error('PostgreSQL was installed but no initdb was found under /usr/lib/postgresql');
  }
  return path.join(base, v, 'bin');
}

function asServerUser(cmd, args) {
  const opts = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
  return isRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], opts) : execFileSync(cmd, args, opts);
}

/** Starts a cluster; returns { url, dir, port }. */
export function startCluster(port = 0) {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-pg-'));
  chmodSync(dir, 0o755);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  // C collation: text sorts by code point, as in SQLite (row ids, codes)
  asServerUser(path.join(bin, 'initdb'), [
    '-D',
    path.join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const p = port || 20000 + Math.floor(Math.random() * 30000);
  const cluster = { url: `postgresql://postgres@127.0.0.1:${p}/postgres`, dir, port: p };
  resumeCluster(cluster);
  return cluster;
}

/** Starts a cluster's server again (after pauseCluster), on its port. */
export function resumeCluster({ dir, port }) {
  asServerUser(path.join(pgBin(), 'pg_ctl'), [
    '-D',
    path.join(dir, 'data'),
    '-w',
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    'start',
  ]);
}

/** Stops a cluster's server as a restart does (its connections closed), keeping its data for resumeCluster. */
export function pauseCluster(dir) {
  asServerUser(path.join(pgBin(), 'pg_ctl'), ['-D', path.join(dir, 'data'), '-w', '-m', 'fast', 'stop']);
}

export function stopCluster(dir) {
  try {
    asServerUser(path.join(pgBin(), 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'start') {
    const c = startCluster(arg === '--port' ? Number(process.argv[4]) : 0);
    process.stdout.write(`${c.url}\nDIR=${c.dir}\n`);
  } else if (cmd === 'stop' && arg) stopCluster(arg);
  else {
    process.stderr.write('usage: node scripts/pg-throwaway.mjs start [--port N] | stop DIR\n');
    process.exit(2);
  }
}

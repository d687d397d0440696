#!/usr/bin/env node
// Bundles the TypeScript sources into dist/liandong.mjs (esbuild; packages stay in
// node_modules), so that production runs plain JavaScript: no tsx loader in memory,
// no compile on every start. `npm start` calls it when a source is newer than the build;
// `node scripts/build.mjs` forces it.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(root, 'dist/liandong.mjs');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist/liandong.mjs is missing or older than a source (generated client included). */
export function stale() {
  if (!existsSync(OUT)) return true;
  return newest(path.join(root, 'src')) > statSync(OUT).mtimeMs;
}

export async function build() {
  const esbuild = await import('esbuild');
  // built beside, then swapped in whole: two starts building at once never see half a build
  const tmp = path.join(root, `dist.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { liandong: path.join(root, 'src/cli/main.ts') },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // code loaded only when needed (Feishu's SDK, wechaty's adapter) stays in its own chunk
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const dist = path.dirname(OUT);
  const old = `${dist}.${process.pid}.old`;
  try {
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(tmp, dist);
  } catch {
    // another start swapped its build in at the same moment: it is as good as ours
  }
  rmSync(old, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
  process.stdout.write(`built ${path.relative(root, OUT)}\n`);
}

#!/usr/bin/env node
// The `liandong` command. It runs the bundled JavaScript in dist/ (built by
// scripts/build.mjs when a source is newer than the build, in about a second); with
// LIANDONG_TSX=1 it runs the TypeScript sources through tsx instead (development).
import { pathToFileURL } from 'node:url';

// a closed pipe (liandong deadline … | head) ends the command quietly
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

let main;
if (process.env.LIANDONG_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  const { build, stale, OUT } = await import('../scripts/build.mjs');
  if (stale()) await build();
  ({ main } = await import(pathToFileURL(OUT).href));
}
process.exitCode = await main(process.argv.slice(2));

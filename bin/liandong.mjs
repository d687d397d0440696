#!/usr/bin/env -S node --max-semi-space-size=2 --v8-pool-size=1
// The `liandong` command. It runs the bundled JavaScript in dist/ (built by
// scripts/build.mjs when a source is newer than the build, in about a second); with
// LIANDONG_TSX=1 it runs the TypeScript sources through tsx instead (development).
//
// The two Node options, here and in package.json's "start" (keep them the same), make a
// small process: a young generation of at most 2 MiB per half instead of 16 (a chat bot's
// turns allocate little; about 12 MiB less resident), and one V8 helper thread instead of
// four (each thread that compiles or collects keeps a malloc arena of its own; about 10 MiB
// less, and the first answer about 0.07 s sooner on 2 cores). `npm run bench` (section 7) measures it.
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

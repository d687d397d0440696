#!/usr/bin/env node
// The `liandong` command. The project runs its TypeScript sources through tsx,
// so a fresh clone needs no build step (`npm install` then `npx liandong …`).
import { register } from 'tsx/esm/api';

// a closed pipe (liandong deadline … | head) ends the command quietly
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

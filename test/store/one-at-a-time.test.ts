// A PostgreSQL connection (a transaction's, the sender election's) is given one query at
// a time: node-postgres 9 will refuse a second query while one runs.
import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/store/one-at-a-time.js';

/** Work that logs when it starts and ends, ending when told to (or failing). */
function work(log: string[], name: string) {
  let finish!: (ok: boolean) => void;
  const done = new Promise<boolean>((r) => (finish = r));
  const run = async () => {
    log.push(`${name} starts`);
    const ok = await done;
    log.push(`${name} ends`);
    if (!ok) throw new Error(`${name} failed`);
    return name;
  };
  return { run, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('one query at a time on a connection', () => {
  it('starts the next only when the one before has ended, in the order asked, even after a failure', async () => {
    const connection = {};
    const log: string[] = [];
    const [a, b, c] = [work(log, 'a'), work(log, 'b'), work(log, 'c')];
    const results = [oneAtATime(connection, a.run), oneAtATime(connection, b.run), oneAtATime(connection, c.run)].map(
      (p) => p.catch((err: Error) => err.message),
    );
    await tick();
    expect(log).toEqual(['a starts']);
    a.finish(false);
    await tick();
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
    b.finish(true);
    await tick();
    c.finish(true);
    expect(await Promise.all(results)).toEqual(['a failed', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets two connections run at once', async () => {
    const log: string[] = [];
    const [a, b] = [work(log, 'a'), work(log, 'b')];
    const both = Promise.all([oneAtATime({}, a.run), oneAtATime({}, b.run)]);
    await tick();
    expect(log).toEqual(['a starts', 'b starts']);
    b.finish(true);
    a.finish(true);
    expect(await both).toEqual(['a', 'b']);
  });
});

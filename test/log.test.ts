// A failure that repeats is one log line a minute, with how many were left out (issue 20: ~70
// identical "dispatch after taking over failed" lines per PostgreSQL restart).
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { quietly } from '../src/log.js';

describe('quietly', () => {
  it('logs a repeated failure once a minute, then says how many were left out', () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = pino(
      new Writable({
        write: (c, _e, done) => {
          lines.push(JSON.parse(String(c)));
          done();
        },
      }),
    );
    let t = 0;
    const quiet = quietly(log, 60_000, () => t);
    for (let i = 0; i < 70; i++) {
      quiet('error', { error: 'connection terminated' }, 'dispatch after taking over failed');
      t += 500; // 70 failures over 35 s
    }
    quiet('warn', { error: 'x' }, 'another failure');
    expect(lines.map((l) => [l.msg, l.leftOut])).toEqual([
      ['dispatch after taking over failed', undefined],
      ['another failure', undefined],
    ]);
    t = 61_000;
    quiet('error', { error: 'connection terminated' }, 'dispatch after taking over failed');
    expect(lines.at(-1)).toMatchObject({ msg: 'dispatch after taking over failed', leftOut: 69 });
  });
});

// `liandong digest --week 2026-W47 [--out DIR]`: the leaders' weekly digest of that week,
// written as text (周报-2026-W47.txt) and chart (周报-2026-W47.png), read from the database.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDigest } from '../bot/digest/service.js';
import { readConfig } from '../config/env.js';
import { addDays, isoWeek, isoWeekMonday, mondayOf, shanghaiDate } from '../domain/civil-date.js';
import { openDb } from '../store/db.js';
import { databaseNow } from './clock.js';
import { cliCtx } from './context.js';
import { type Io, UsageError } from './io.js';

/** `now`: the moment to work at; by default the database's clock (the sandbox's simulated time, or now). */
export async function digestCommand(io: Io, opts: { week?: string; out?: string }, now?: Date): Promise<number> {
  const week = opts.week ? isoWeekMonday(opts.week) : undefined;
  if (opts.week && !week) throw new UsageError(`--week 应写成 ISO 周，如 2026-W47，收到 "${opts.week}"`);
  const config = readConfig();
  const db = await openDb(config.databaseUrl);
  try {
    const at = now ?? (await databaseNow(config, db, io));
    const today = shanghaiDate(at);
    // by default the last complete week, as the leaders got it on Monday
    const monday = week ?? addDays(mondayOf(today), -7);
    if (monday > today) throw new UsageError(`${opts.week} 还没有开始（今天是 ${today}）`);
    const asOf = addDays(monday, 7) < today ? addDays(monday, 7) : today;
    const ctx = cliCtx(config, db, at, asOf);
    const d = await buildDigest(ctx, monday, asOf);
    const dir = path.resolve(opts.out ?? '.');
    mkdirSync(dir, { recursive: true });
    const base = path.join(dir, `周报-${isoWeek(monday)}`);
    writeFileSync(`${base}.txt`, `${d.text}\n`);
    writeFileSync(`${base}.png`, d.png);
    io.out(`${base}.txt`);
    io.out(`${base}.png`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

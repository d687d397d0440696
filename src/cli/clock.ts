// The moment a command line run works at: the database's clock, as the bot on that database has it.
// A bot on the simulated clock (the sandbox's 快进) keeps its time in the database (Setting
// clock.simulated, see src/schedule/advance.ts), and `liandong export` run beside it must count
// overdue and "this week" by that time, not by the machine's; a deployment on the real clock stores
// none there, and uses now.
import type { Config } from '../config/env.js';
import { formatShanghai } from '../domain/civil-date.js';
import { CLOCK_KEY } from '../schedule/advance.js';
import { getSetting } from '../store/settings.js';
import type { Tx } from '../store/tx.js';
import type { Io } from './io.js';

export interface DatabaseClock {
  now: Date;
  /** the simulated clock's time, read from the database (or its configured start) */
  simulated: boolean;
}

/** The database's time: the simulated clock's when it keeps one, else the configured start (simulated) or now. */
export async function readDatabaseClock(
  config: Config,
  db: Tx,
  real: () => Date = () => new Date(),
): Promise<DatabaseClock> {
  const stored = await getSetting(db, CLOCK_KEY);
  const at = stored ? new Date(stored) : undefined;
  if (at && !Number.isNaN(at.getTime())) return { now: at, simulated: true };
  if (config.clock.mode === 'simulated') return { now: config.clock.start ?? real(), simulated: true };
  return { now: real(), simulated: false };
}

/**
 * The moment a command works at (readDatabaseClock). When the database keeps a simulated time while
 * this configuration says the real clock, a note on stderr says which time was used: a database
 * that once ran the sandbox's simulated clock and now runs on the real one shows here.
 */
export async function databaseNow(config: Config, db: Tx, io: Io): Promise<Date> {
  const clock = await readDatabaseClock(config, db);
  if (clock.simulated && config.clock.mode !== 'simulated')
    io.err(
      `提示：按数据库中的模拟时钟计算，当前时间 ${formatShanghai(clock.now)}（北京时间）；本机配置为真实时钟（LIANDONG_CLOCK=real）。`,
    );
  return clock.now;
}

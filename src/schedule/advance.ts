// Moving the simulated clock (the sandbox's 快进): an advance the database could not finish (down,
// or out of connections) used to leave the clock part-way with "服务器内部错误". Its target is now
// kept; the advance goes on by itself once the database is back (1 s, doubling to a minute), and
// after a restart too. What fell due on the way is fired once, in order, as on any advance.
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { getSetting, raiseSetting } from '../store/settings.js';
import type { SimulatedClock } from './clock.js';
import type { Scheduler } from './scheduler.js';

export const CLOCK_KEY = 'clock.simulated';
/** where an advance is going (kept until the clock is there) */
const TARGET_KEY = 'clock.target';

/** An advance that stopped before its target: where the clock is, and where it is going. */
export class AdvanceInterrupted extends Error {
  constructor(
    readonly at: Date,
    readonly target: Date,
    readonly reason: unknown,
  ) {
    super(`the clock advance stopped at ${at.toISOString()} before ${target.toISOString()}`, { cause: reason });
  }
}

export class ClockAdvance {
  private resume: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: SimulatedClock,
    private readonly scheduler: Scheduler,
    private readonly log: Logger,
  ) {}

  /** Moves the clock to `target`, firing what falls due on the way; throws AdvanceInterrupted and goes on later. */
  async to(target: Date): Promise<void> {
    try {
      await raiseSetting(this.db, TARGET_KEY, target.toISOString(), new Date());
      await this.scheduler.advanceTo(target, this.clock, (now) =>
        raiseSetting(this.db, CLOCK_KEY, now.toISOString(), new Date()),
      );
      this.failures = 0;
    } catch (err) {
      this.later(target);
      throw new AdvanceInterrupted(this.clock.now(), target, err);
    }
  }

  /** After a restart: an advance left unfinished goes on. */
  async resumeStored(): Promise<void> {
    try {
      const stored = await getSetting(this.db, TARGET_KEY);
      if (stored && new Date(stored) > this.clock.now()) this.later(new Date(stored), 0);
    } catch (err) {
      this.log.warn({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'could not read the clock target');
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.resume);
  }

  private later(target: Date, wait = Math.min(1000 * 2 ** this.failures++, 60_000)): void {
    if (this.stopped) return;
    clearTimeout(this.resume);
    this.resume = setTimeout(() => {
      this.log.info({ to: target.toISOString() }, 'going on with the clock advance');
      this.to(target).catch((err) =>
        this.log.warn({ error: String((err as Error)?.cause ?? err).slice(0, 200) }, 'clock advance still stopped'),
      );
    }, wait);
    this.resume.unref?.();
  }
}

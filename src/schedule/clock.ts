// The clock: real in production; simulated for tests and the sandbox, moved forward
// on request and persisted so a restarted sandbox does not jump back in time.
export interface Clock {
  readonly simulated: boolean;
  now(): Date;
  /** a simulated clock shared by several processes: catches up with the stored time */
  sync?(): Promise<void>;
}

/** Where a shared simulated clock is kept (the database: every process reads it). */
export interface ClockStore {
  read(): Promise<Date | undefined>;
  /** stores the time, never moving it back */
  write(to: Date): Promise<void>;
}

export class RealClock implements Clock {
  readonly simulated = false;
  now(): Date {
    return new Date();
  }
}

export class SimulatedClock implements Clock {
  readonly simulated = true;
  private current: number;

  constructor(
    start: Date,
    /** several processes on one database share the clock through it */
    private readonly store?: ClockStore,
  ) {
    this.current = start.getTime();
  }

  async sync(): Promise<void> {
    const stored = await this.store?.read();
    if (stored) this.set(stored);
  }

  /** Moves the clock to `to` and stores it for the other processes (when shared). */
  async advance(to: Date): Promise<void> {
    await this.store?.write(to);
    this.set(to);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to `to`; it never goes back. */
  set(to: Date): void {
    if (to.getTime() > this.current) this.current = to.getTime();
  }
}

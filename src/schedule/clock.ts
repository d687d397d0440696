// The clock: real in production; simulated for tests and the sandbox, moved forward
// on request and persisted so a restarted sandbox does not jump back in time.
export interface Clock {
  readonly simulated: boolean;
  now(): Date;
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

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to `to`; it never goes back. */
  set(to: Date): void {
    if (to.getTime() > this.current) this.current = to.getTime();
  }
}

/**
 * A recording's length so far, pauses excluded: the time stamped on every chunk and shown to the
 * clinician. Monotonic time (`performance.now`) by default, so a wall-clock change mid-visit
 * (daylight saving, a time sync) cannot make a recording longer or shorter.
 */
export class ElapsedClock {
  /** Time accumulated in earlier running stretches. */
  private banked = 0;
  /** When the current running stretch began; undefined while paused or not started. */
  private since: number | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get running(): boolean {
    return this.since !== undefined;
  }

  /** Starts (or resumes) counting. Starting a running clock changes nothing. */
  start(): void {
    this.since ??= this.now();
  }

  resume(): void {
    this.start();
  }

  /** Stops counting, keeping what was counted. */
  pause(): void {
    if (this.since === undefined) return;
    this.banked += Math.max(0, this.now() - this.since);
    this.since = undefined;
  }

  elapsedMs(): number {
    return this.banked + (this.since === undefined ? 0 : Math.max(0, this.now() - this.since));
  }
}

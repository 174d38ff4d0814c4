import { MAX_AUDIO_MS, WARN_AUDIO_MS } from './audio-limits';

export interface LimitClock {
  elapsedMs(): number;
}

export interface RecordingLimitOptions {
  clock: LimitClock;
  /** Called once when the recording reaches `warnAtMs` (default 3 h 50 min). */
  onWarn(): void;
  /** Called once when it reaches `limitMs` (default 4 h): the caller stops and keeps the recording. */
  onLimit(): void;
  warnAtMs?: number;
  limitMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * The 4-hour limit, counted on the recording's own clock (pauses excluded: the API limits the
 * audio's length, not the visit's). One timer aimed at the next deadline, re-aimed on every resume:
 * a hidden page's timers may be delayed by a second, never the several minutes a polling loop
 * could be throttled to. `check()` lets the caller test again at any moment (each chunk does).
 */
export class RecordingLimit {
  private timer: unknown;
  private warned = false;
  private reached = false;
  private readonly warnAtMs: number;
  private readonly limitMs: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: RecordingLimitOptions) {
    this.warnAtMs = options.warnAtMs ?? WARN_AUDIO_MS;
    this.limitMs = options.limitMs ?? MAX_AUDIO_MS;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** The clock is running: aim at the next deadline (call on start and on resume). */
  run(): void {
    this.hold();
    if (this.check()) return;
    const elapsed = this.options.clock.elapsedMs();
    const next = this.warned ? this.limitMs : this.warnAtMs;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.run();
    }, Math.max(0, next - elapsed));
  }

  /** The clock is paused or stopped: no deadline can pass. */
  hold(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Fires whatever deadline has passed; true once the limit is reached. */
  check(): boolean {
    if (this.reached) return true;
    const elapsed = this.options.clock.elapsedMs();
    if (!this.warned && elapsed >= this.warnAtMs) {
      this.warned = true;
      this.options.onWarn();
    }
    if (elapsed >= this.limitMs) {
      this.reached = true;
      this.hold();
      this.options.onLimit();
      return true;
    }
    return false;
  }
}

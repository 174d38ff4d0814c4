/**
 * Warns when nothing has been heard for a while during a recording: a muted headset, the wrong
 * microphone, a cable pulled halfway. It never stops the recording (a quiet stretch in a visit is
 * normal); it asks the clinician to look, and clears itself as soon as sound comes back.
 */

/** Level (0..1, see `levelOfRms`) below which a moment counts as silence: about −51 dBFS, under room tone through a headset's noise suppression but above a muted input's zero. */
export const SILENCE_LEVEL = 0.15;
/** How long it must stay silent before the clinician is told. */
export const SILENCE_WARNING_MS = 10_000;

export interface SilenceDetectorOptions {
  onChange(silent: boolean): void;
  threshold?: number;
  quietForMs?: number;
  now?: () => number;
}

export class SilenceDetector {
  private lastHeard: number | undefined;
  private silentNow = false;
  private readonly threshold: number;
  private readonly quietForMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SilenceDetectorOptions) {
    this.threshold = options.threshold ?? SILENCE_LEVEL;
    this.quietForMs = options.quietForMs ?? SILENCE_WARNING_MS;
    this.now = options.now ?? (() => performance.now());
  }

  get silent(): boolean {
    return this.silentNow;
  }

  /** Listening starts (or resumes after a pause): the quiet stretch is counted from now. */
  listen(): void {
    this.lastHeard = this.now();
    this.set(false);
  }

  /** Paused or stopped: a pause is not silence, and the warning goes. */
  stop(): void {
    this.lastHeard = undefined;
    this.set(false);
  }

  /** One level sample (the meter's, about ten a second). */
  hear(level: number): void {
    if (this.lastHeard === undefined) return;
    const at = this.now();
    if (level >= this.threshold) {
      this.lastHeard = at;
      this.set(false);
    } else if (at - this.lastHeard >= this.quietForMs) {
      this.set(true);
    }
  }

  private set(silent: boolean): void {
    if (silent === this.silentNow) return;
    this.silentNow = silent;
    this.options.onChange(silent);
  }
}

/**
 * The microphone's loudness, ten times a second, as 0..1: what the meter shows and what the silence
 * detector listens to. A Web Audio AnalyserNode taps the same stream the recorder records; nothing
 * is played back (the analyser is not connected to the speakers) and nothing is kept.
 */

/** Decibels below full scale shown as an empty meter; 0 dBFS is a full one. */
const FLOOR_DB = -60;
export const LEVEL_SAMPLE_MS = 100;

/** Root mean square of time-domain samples (−1..1). */
export function rmsOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

/**
 * RMS mapped to 0..1 on a decibel scale (−60 dBFS → 0, 0 dBFS → 1): ears hear loudness
 * logarithmically, so speech at a normal distance sits mid-meter instead of at the very bottom.
 */
export function levelOfRms(rms: number): number {
  if (!(rms > 0)) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

export interface LevelMeterHandle {
  close(): void;
}

/**
 * Starts sampling `stream`; `onLevel` gets a level every LEVEL_SAMPLE_MS, or `undefined` while the
 * browser will not run audio processing (no audio output device, or an autoplay policy holding the
 * context suspended): an analyser that is not running reads zeros, and zeros would be taken for
 * silence. The caller decides what to render: the panel stores it in one signal read by one small
 * component, so a sample costs one tiny re-render, not the panel's.
 */
export function startLevelMeter(stream: MediaStream, onLevel: (level: number | undefined) => void): LevelMeterHandle {
  const context = new AudioContext();
  // Created on a click, but after awaiting the microphone: the browser may still hold it suspended.
  void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    if (context.state !== 'running') return onLevel(undefined);
    analyser.getFloatTimeDomainData(samples);
    onLevel(levelOfRms(rmsOf(samples)));
  }, LEVEL_SAMPLE_MS);
  return {
    close() {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}

import { LEVEL_SAMPLE_MS, levelOfRms, rmsOf } from './level-meter';
import { SPEECH_CHANNELS } from './speech-bitrate';

/**
 * The microphone and a video visit's tab, mixed in Web Audio into the one stream the Recorder
 * records: the same MediaRecorder, chunk store and Opus bitrate as a microphone-only visit (the
 * mix is one mono channel, so it costs no more bytes than the microphone alone).
 *
 * Chrome stops playing a captured tab to the speakers (its capture is `local_echo=false`): the
 * clinician would no longer hear the patient. The tab's source is therefore also connected to the
 * context's destination, which plays it again; the microphone never is (that would be feedback).
 *
 * Each source has its own analyser, so the panel can show one level for each: the clinician sees
 * that both halves of the visit are heard. The call can be let go and taken again (a tab closed,
 * navigated, or picked again) without touching the recorder: its stream never changes.
 */

export type MixSource = 'microphone' | 'call';

export interface MixLevels {
  /** 0..1, or undefined while the browser runs no audio processing (see level-meter.ts). */
  microphone: number | undefined;
  /** undefined also while no call is attached. */
  call: number | undefined;
}

/** The parts of AudioContext the mixer uses, so unit tests can hand it a fake. */
export interface MixContext {
  readonly state: AudioContextState;
  readonly destination: AudioNode;
  resume(): Promise<void>;
  close(): Promise<void>;
  createMediaStreamSource(stream: MediaStream): AudioNode;
  createMediaStreamDestination(): AudioNode & { stream: MediaStream };
  createAnalyser(): AnalyserNode;
}

export interface CallAudioMixOptions {
  microphone: MediaStream;
  onLevels?(levels: MixLevels): void;
  /** A source's track ended (a call tab closed, the microphone unplugged); the mix goes on with the other. */
  onSourceEnded?(source: MixSource): void;
  createContext?(): MixContext;
  /** Timer for the level samples; a unit test drives it itself. */
  every?(ms: number, run: () => void): () => void;
}

interface Tap {
  stream: MediaStream;
  source: AudioNode;
  analyser: AnalyserNode;
  samples: Float32Array<ArrayBuffer>;
  onEnded: () => void;
}

const defaultEvery = (ms: number, run: () => void) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

export class CallAudioMix {
  /** What the Recorder records: one mono track, live for as long as the mix is. */
  readonly stream: MediaStream;
  private readonly context: MixContext;
  private readonly output: AudioNode & { stream: MediaStream };
  private microphone: Tap;
  private call: Tap | undefined;
  private readonly stopSampling: () => void;
  private closed = false;

  constructor(private readonly options: CallAudioMixOptions) {
    this.context = options.createContext?.() ?? (new AudioContext() as unknown as MixContext);
    // Started from a click, but only after awaiting the devices: the browser may hold it suspended.
    void this.context.resume().catch(() => undefined);
    this.output = this.context.createMediaStreamDestination();
    // One channel, as a microphone-only recording: the bitrate budget is per channel of speech.
    this.output.channelCount = SPEECH_CHANNELS;
    this.output.channelCountMode = 'explicit';
    this.output.channelInterpretation = 'speakers';
    this.stream = this.output.stream;
    this.microphone = this.tap(options.microphone, 'microphone');
    this.stopSampling = (options.every ?? defaultEvery)(LEVEL_SAMPLE_MS, () => this.sample());
  }

  /** The captured tab is mixed in and played back to the speakers. Replaces a call attached before. */
  attachCall(tab: MediaStream): void {
    if (this.closed) {
      for (const track of tab.getTracks()) track.stop();
      return;
    }
    this.detachCall();
    this.call = this.tap(tab, 'call');
    this.call.source.connect(this.context.destination);
  }

  /**
   * A microphone again after the one recording was lost (unplugged mid-visit): it replaces the old
   * one in the same mix, so the recording goes on in one piece.
   */
  attachMicrophone(microphone: MediaStream): void {
    if (this.closed) {
      for (const track of microphone.getTracks()) track.stop();
      return;
    }
    this.untap(this.microphone);
    this.microphone = this.tap(microphone, 'microphone');
  }

  /** Stops capturing the tab (its capture ends, and Chrome plays it itself again). The microphone goes on. */
  detachCall(): void {
    const call = this.call;
    if (!call) return;
    this.call = undefined;
    this.untap(call);
  }

  get hasCall(): boolean {
    return this.call !== undefined;
  }

  /** The tab is being played back to the clinician: a call is attached and the context runs. */
  get callPlayback(): boolean {
    return this.call !== undefined && this.context.state === 'running';
  }

  get running(): boolean {
    return this.context.state === 'running';
  }

  levels(): MixLevels {
    const running = this.context.state === 'running';
    return {
      microphone: running ? this.levelOf(this.microphone) : undefined,
      call: running && this.call ? this.levelOf(this.call) : undefined,
    };
  }

  /** Lets go of everything: both captures end, the context closes. The recorder's track ends with it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopSampling();
    this.detachCall();
    this.untap(this.microphone);
    for (const track of this.stream.getTracks()) track.stop();
    void this.context.close().catch(() => undefined);
  }

  private tap(stream: MediaStream, kind: MixSource): Tap {
    const source = this.context.createMediaStreamSource(stream);
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    source.connect(this.output);
    const tap: Tap = {
      stream,
      source,
      analyser,
      samples: new Float32Array(analyser.fftSize),
      onEnded: () => {
        if (this.closed) return;
        if (kind === 'call' && this.call !== tap) return; // a call let go before its end arrived
        if (kind === 'microphone' && this.microphone !== tap) return; // a microphone replaced meanwhile
        if (kind === 'call') this.detachCall();
        this.options.onSourceEnded?.(kind);
      },
    };
    for (const track of stream.getAudioTracks()) track.addEventListener('ended', tap.onEnded);
    return tap;
  }

  private untap(tap: Tap): void {
    for (const track of tap.stream.getAudioTracks()) {
      track.removeEventListener('ended', tap.onEnded);
      track.stop();
    }
    try {
      tap.source.disconnect();
    } catch {
      // already disconnected
    }
  }

  private levelOf(tap: Tap): number {
    tap.analyser.getFloatTimeDomainData(tap.samples);
    return levelOfRms(rmsOf(tap.samples));
  }

  private sample(): void {
    if (!this.closed) this.options.onLevels?.(this.levels());
  }
}

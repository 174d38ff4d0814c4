import { batch, signal } from '@preact/signals';
import { MIN_AUDIO_MS } from '../audio/audio-limits';
import { checkAudioDuration, checkAudioFile } from '../audio/audio-file';
import { importAudioFile } from '../audio/audio-file-import';
import type { CallAudioMix, CallAudioMixOptions, MixSource } from '../audio/call-audio-mixer';
import { startLevelMeter, type LevelMeterHandle } from '../audio/level-meter';
import { microphoneAdvice, microphoneProblemOf, type MicrophoneAccess, type MicrophoneAccessWatch } from '../audio/microphone-access';
import { microphoneConstraints, type Microphone } from '../audio/microphones';
import { ElapsedClock } from '../audio/elapsed-clock';
import { Recorder, type CreateMediaRecorder, type FinishedRecording, type RecordingEnd } from '../audio/recorder';
import { RecordingLimit } from '../audio/recording-limit';
import { SilenceDetector } from '../audio/silence-detector';
import type { PatientIdentity } from '../ehr/chart-context';
import { cleanConsentName, DEFAULT_CONSENT_PLACEMENT, type ConsentPlacement, type RecordingConsent } from '../note/consent';
import { CallCaptureError, defaultCallTab, type CallAudioSupport, type CallTab, type TabNamesAccess } from '../platform/call-audio-support';
import type { RecordingStore } from '../storage/recordings';
import { formatClock, formatLength } from './recording-text';

export interface RecorderStoreDeps {
  recordings: Pick<RecordingStore, 'start' | 'appendChunk' | 'setStatus' | 'discard'>;
  /** Who the chart shows now: a recording is saved for the patient shown when it starts. */
  identity(): PatientIdentity | undefined;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  listMicrophones(): Promise<Microphone[]>;
  watchAccess(onChange: (state: MicrophoneAccess) => void): Promise<MicrophoneAccessWatch>;
  /** Calls back when microphones are plugged in or out; returns the unsubscribe. */
  onDevicesChanged?(listener: () => void): () => void;
  loadMicrophone(): Promise<string | undefined>;
  saveMicrophone(deviceId: string | undefined): Promise<void>;
  /** An audio file's length in ms, or undefined if the browser cannot tell. */
  readDuration(file: Blob): Promise<number | undefined>;
  /** Opens the extension page that asks for microphone access, in a tab. */
  openMicrophonePage(): void;
  /** A recording was kept without being handed off (too short, or it stopped by itself): list it. */
  recordingsChanged(): void;
  /** The container to record (recording-format.ts). */
  chooseFormat(): string | undefined;
  /** Holds a lock saying "this recording is live" until the returned function is called (recording-lock.ts). */
  holdLock(recordingId: string): () => void;
  createMediaRecorder?: CreateMediaRecorder;
  startLevelMeter?(stream: MediaStream, onLevel: (level: number | undefined) => void): LevelMeterHandle;
  /** The call tab's sound, recorded with the microphone (lib/platform/tab-capture.ts). Absent: no call audio. */
  callAudio?: CallAudioDeps;
  now?: () => number;
}

export interface CallAudioDeps {
  support: CallAudioSupport;
  /** The tabs a call can be taken from, audible first. */
  listTabs(): Promise<CallTab[]>;
  /** The EHR tab the panel is bound to: the call's tab by default when it plays sound. */
  boundTabId(): number | undefined;
  /** The tab's sound as a stream in this page; throws CallCaptureError. */
  capture(tabId: number): Promise<MediaStream>;
  /** Calls back when the tab closes or loads another page; returns the unsubscribe. */
  watch(tabId: number, onLeft: (why: 'closed' | 'navigated') => void): () => void;
  /** Called only after a capture succeeded (the mixer may be loaded with the capture code). */
  createMix(options: CallAudioMixOptions): CallAudioMix;
  /** The optional permission that names every tab in the list (Chrome's `tabs`). */
  tabNames: TabNamesAccess;
}

/** The clinician's consent settings (options page), as the recorder follows them. */
export interface ConsentSettings {
  required: boolean;
  /** Generate note asks for it too before a note from the typed transcript (typedTranscriptConsentRequired). */
  typed?: boolean;
  placement: ConsentPlacement;
  name?: string;
}

/** Said when Start recording is pressed before the box is ticked (the shortcut included). */
export const CONSENT_REFUSAL: RecorderProblem = {
  message: 'Chartside records only after the patient agrees, so nothing was recorded.',
  nextStep: 'Ask the patient, tick Patient agreed to be recorded, then press Start recording.',
};

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' | 'saving-file';

export interface RecorderProblem {
  message: string;
  nextStep: string;
  /** Offer the button that opens the microphone-access page. */
  allowMicrophone?: boolean;
}

/** How often the clock on screen is brought up to date (it shows whole seconds). */
const TICK_MS = 250;

/**
 * The panel's recorder: the microphone, the recording under way, its warnings, and audio files
 * dropped or chosen. It outlives tab switches (one per panel page): a visit recorded while the
 * clinician looks at another tab keeps recording, saved for the patient shown when it started.
 *
 * `stop()` and `importFile()` resolve to the id of a stored recording ready for a note (status
 * `stopped`, every chunk saved), or undefined when there is none; handing it off is the caller's.
 */
export function createRecorderStore(deps: RecorderStoreDeps) {
  const phase = signal<RecorderPhase>('idle');
  const elapsedSeconds = signal(0);
  /** The microphone's level, 0..1; undefined when the browser gives no level (no meter, no silence warning). */
  const level = signal<number | undefined>(undefined);
  const silent = signal(false);
  const nearLimit = signal(false);
  const problem = signal<RecorderProblem | undefined>(undefined);
  /** Progress while stopping or saving a file (role=status). */
  const progress = signal<string | undefined>(undefined);
  /** A quiet confirmation ("Recording saved …"), announced politely. */
  const notice = signal<string | undefined>(undefined);
  const access = signal<MicrophoneAccess>('unknown');
  const microphones = signal<Microphone[]>([]);
  /** The chosen microphone; '' is the system's default. */
  const microphoneId = signal('');
  /** The microphone actually recording (the browser's label). */
  const activeMicrophone = signal<string | undefined>(undefined);
  /** The recording under way in this page: not offered back as unfinished. */
  const recordingId = signal<string | undefined>(undefined);
  /** Record the call tab's sound too (Chrome): ticked by the clinician, never silently dropped. */
  const includeCall = signal(false);
  const callTabs = signal<CallTab[]>([]);
  const callTabId = signal<number | undefined>(undefined);
  /** The call tab's level, 0..1; undefined when no call is being recorded or the browser gives no level. */
  const callLevel = signal<number | undefined>(undefined);
  /** The call tab is being recorded now. */
  const callLive = signal(false);
  /** The captured tab is played back to the clinician (a route to the speakers exists and runs). */
  const callPlayback = signal(false);
  /** What happened to the call mid-recording (tab closed, navigated, taken again failed): the recording goes on. */
  const callProblem = signal<RecorderProblem | undefined>(undefined);
  /**
   * Whether every tab in the list has its title and site: true once the clinician allowed it,
   * 'refused' after they said no in Chrome's prompt (the list names tabs by number, as before).
   */
  const tabNames = signal<boolean | 'refused' | undefined>(undefined);
  /** Ask for the patient's consent before recording (settings; on until they are read). */
  const consentRequired = signal(true);
  /** Generate note asks for the same tick before a note from the typed transcript (settings; off until read). */
  const consentForTyped = signal(false);
  /** When the clinician ticked `Patient agreed to be recorded`; undefined: not ticked. One per recording. */
  const consentedAt = signal<number | undefined>(undefined);
  /** Bumped each time Start recording is refused for want of consent: the panel shows the clinician the box. */
  const consentRefusals = signal(0);
  let consentSettings: ConsentSettings = { required: true, placement: DEFAULT_CONSENT_PLACEMENT };
  const clockNow = deps.now ?? Date.now;

  let recorder: Recorder | undefined;
  let meter: LevelMeterHandle | undefined;
  let releaseLock: (() => void) | undefined;
  let tick: ReturnType<typeof setInterval> | undefined;
  let limit: RecordingLimit | undefined;
  let accessWatch: MicrophoneAccessWatch | undefined;
  let stopDeviceWatch: (() => void) | undefined;
  let mix: CallAudioMix | undefined;
  let stopCallWatch: (() => void) | undefined;
  /** The microphone ended while the call went on: the recording has only the call left. */
  const microphoneLost = signal(false);
  const silence = new SilenceDetector({ onChange: (quiet) => (silent.value = quiet), ...(deps.now && { now: deps.now }) });

  async function refreshMicrophones(): Promise<void> {
    microphones.value = await deps.listMicrophones();
  }

  async function init(): Promise<void> {
    const [remembered, watch] = await Promise.all([
      deps.loadMicrophone().catch(() => undefined),
      deps.watchAccess((state) => {
        access.value = state;
        if (state === 'granted') {
          void refreshMicrophones(); // names appear once access is granted
          if (problem.peek()?.allowMicrophone) problem.value = undefined;
        }
      }),
    ]);
    accessWatch = watch;
    batch(() => {
      if (remembered) microphoneId.value = remembered;
      if (access.peek() === 'unknown') access.value = watch.state;
    });
    stopDeviceWatch = deps.onDevicesChanged?.(() => void refreshMicrophones());
    await refreshMicrophones();
  }

  function chooseMicrophone(deviceId: string): void {
    microphoneId.value = deviceId;
    void deps.saveMicrophone(deviceId || undefined).catch(() => undefined);
  }

  async function refreshCallTabs(): Promise<void> {
    const call = deps.callAudio;
    if (!call?.support.supported) return;
    const [tabs, named] = await Promise.all([call.listTabs().catch(() => []), call.tabNames.granted().catch(() => false)]);
    batch(() => {
      callTabs.value = tabs;
      if (named || tabNames.peek() !== 'refused') tabNames.value = named;
      const chosen = callTabId.peek();
      if (chosen === undefined || !tabs.some((t) => t.id === chosen)) callTabId.value = defaultCallTab(tabs, call.boundTabId());
    });
  }

  function setIncludeCall(on: boolean): void {
    if (!deps.callAudio?.support.supported) return;
    includeCall.value = on;
    if (on) void refreshCallTabs();
  }

  /**
   * Show tab names: asks Chrome for the `tabs` permission. Called from the click itself, with no
   * await before the request, or Chrome refuses it for want of a user gesture.
   */
  async function showTabNames(): Promise<void> {
    const call = deps.callAudio;
    if (!call?.support.supported) return;
    const allowed = await call.tabNames.request().catch(() => false);
    tabNames.value = allowed || 'refused';
    await refreshCallTabs();
  }

  function chooseCallTab(tabId: number): void {
    callTabId.value = tabId;
  }

  /** Takes a captured tab into the mix under way. */
  function joinCall(current: CallAudioMix, tabId: number, stream: MediaStream): void {
    const call = deps.callAudio!;
    if (mix !== current) {
      for (const track of stream.getTracks()) track.stop(); // the recording ended meanwhile
      return;
    }
    stopCallWatch?.();
    current.attachCall(stream);
    stopCallWatch = call.watch(tabId, (why) => callLeft(why));
    batch(() => {
      callLive.value = true;
      callPlayback.value = current.callPlayback;
      callProblem.value = undefined;
    });
  }

  /** The call tab closed or left the call: the microphone goes on, and the clinician is told. */
  function callLeft(why: 'closed' | 'navigated'): void {
    if (!mix || !callLive.peek()) return;
    stopCallWatch?.();
    stopCallWatch = undefined;
    mix.detachCall();
    if (microphoneLost.peek() && recorder) {
      // Neither source is left: stop as a lost microphone does, keeping what was recorded.
      const current = recorder;
      void current.stop('device-lost').then((finished) => endedByItself(finished));
      return;
    }
    batch(() => {
      callLive.value = false;
      callLevel.value = undefined;
      callPlayback.value = false;
      callProblem.value = {
        message:
          why === 'closed'
            ? 'The call tab was closed. Recording goes on with the microphone only.'
            : 'The call tab loaded another page, so Chartside stopped recording it. Recording goes on with the microphone only.',
        nextStep: 'To include the call again, choose its tab under Call tab and press Take call audio again.',
      };
    });
    void refreshCallTabs();
  }

  /** Takes the call tab again into the recording under way, without restarting it. */
  async function retakeCall(): Promise<void> {
    const current = mix;
    const tabId = callTabId.peek();
    if (!current || callLive.peek() || tabId === undefined) return;
    try {
      joinCall(current, tabId, await deps.callAudio!.capture(tabId));
    } catch (error) {
      const refused = error instanceof CallCaptureError ? error : undefined;
      callProblem.value = {
        message: `${refused?.message ?? 'Chrome could not record that tab’s sound.'} Recording goes on with the microphone only.`,
        nextStep: refused?.nextStep || 'Choose the call’s tab under Call tab and press Take call audio again.',
      };
    }
  }

  /** A microphone again, into the recording under way, after the one in use was lost. */
  async function retakeMicrophone(): Promise<void> {
    const current = mix;
    if (!current || !microphoneLost.peek()) return;
    let stream: MediaStream;
    try {
      stream = await deps.getUserMedia(microphoneConstraints(microphoneId.peek() || undefined));
    } catch (error) {
      const advice = microphoneAdvice(microphoneProblemOf(error));
      problem.value = { message: `${advice.message} Recording goes on with the call’s sound only.`, nextStep: advice.nextStep };
      return;
    }
    if (mix !== current) {
      for (const track of stream.getTracks()) track.stop(); // the recording ended meanwhile
      return;
    }
    current.attachMicrophone(stream);
    batch(() => {
      microphoneLost.value = false;
      activeMicrophone.value = stream.getAudioTracks()[0]?.label || undefined;
      problem.value = undefined;
      notice.value = 'The microphone is recording again.';
    });
    void refreshMicrophones();
  }

  function sourceEnded(source: MixSource): void {
    if (source === 'call') return callLeft('closed');
    // The microphone went away. With the call still recorded, the visit goes on with the call alone.
    if (mix?.hasCall && recorder) {
      batch(() => {
        microphoneLost.value = true;
        level.value = undefined;
        activeMicrophone.value = undefined;
        problem.value = {
          message: 'The microphone stopped. Recording goes on with the call’s sound only: your own voice is not being recorded.',
          nextStep: 'Check the microphone is plugged in (or choose another under Microphone), then press Take microphone again.',
        };
      });
      return;
    }
    const current = recorder;
    if (current) void current.stop('device-lost').then((finished) => endedByItself(finished));
  }

  function updateClock(): void {
    if (recorder) elapsedSeconds.value = Math.floor(recorder.elapsedMs() / 1000);
  }

  function applyConsentSettings(settings: ConsentSettings): void {
    consentSettings = settings;
    batch(() => {
      consentRequired.value = settings.required;
      consentForTyped.value = settings.required && settings.typed === true;
    });
  }

  /**
   * For Generate note from the typed transcript: whether it is asked for, and the consent the tick
   * gives (who confirmed, when, and where its line goes). Undefined `consent`: not ticked.
   */
  function consentForTranscript(): { required: boolean; consent: RecordingConsent | undefined } {
    const required = consentSettings.required && consentSettings.typed === true;
    return { required, consent: required ? consentForRecording() : undefined };
  }

  /**
   * Generate note refused for want of the tick: the panel shows the clinician the box (its words are
   * the panel's); or it used the tick for the note it sent: the next note, or recording, is asked for again.
   */
  function transcriptConsentRefused(): void {
    consentRefusals.value += 1;
  }
  function transcriptConsentUsed(): void {
    setConsent(false);
  }

  /** The clinician ticked (or unticked) `Patient agreed to be recorded`: the time is what the note says. */
  function setConsent(agreed: boolean): void {
    if (phase.peek() === 'recording' || phase.peek() === 'paused') return; // kept with the recording under way
    batch(() => {
      consentedAt.value = agreed ? clockNow() : undefined;
      if (agreed && problem.peek() === CONSENT_REFUSAL) problem.value = undefined;
    });
  }

  /** The consent the next recording is kept with, or undefined when it is not asked for. */
  function consentForRecording(): RecordingConsent | undefined {
    const at = consentedAt.peek();
    if (!consentSettings.required || at === undefined) return undefined;
    const by = cleanConsentName(consentSettings.name);
    return { confirmedAt: at, placement: consentSettings.placement, ...(by && { by }) };
  }

  /** Everything a live recording holds, let go. The stored recording is untouched. */
  function release(): void {
    clearInterval(tick);
    tick = undefined;
    limit?.hold();
    limit = undefined;
    meter?.close();
    meter = undefined;
    stopCallWatch?.();
    stopCallWatch = undefined;
    mix?.close();
    mix = undefined;
    microphoneLost.value = false;
    silence.stop();
    releaseLock?.();
    releaseLock = undefined;
    recorder = undefined;
    batch(() => {
      level.value = undefined;
      nearLimit.value = false;
      activeMicrophone.value = undefined;
      recordingId.value = undefined;
      // The next recording (another patient, maybe) is asked for again.
      consentedAt.value = undefined;
      callLevel.value = undefined;
      callLive.value = false;
      callPlayback.value = false;
      callProblem.value = undefined;
    });
  }

  async function start(): Promise<void> {
    if (phase.value !== 'idle') return;
    // Refused before the microphone is even opened: nothing is recorded without the patient's consent.
    if (consentSettings.required && consentedAt.peek() === undefined) {
      batch(() => {
        notice.value = undefined;
        problem.value = CONSENT_REFUSAL;
        consentRefusals.value += 1;
      });
      return;
    }
    const consent = consentForRecording();
    batch(() => {
      problem.value = undefined;
      notice.value = undefined;
      phase.value = 'starting';
    });
    let stream: MediaStream;
    try {
      stream = await deps.getUserMedia(microphoneConstraints(microphoneId.peek() || undefined));
    } catch (error) {
      const kind = microphoneProblemOf(error);
      batch(() => {
        problem.value = { ...microphoneAdvice(kind), ...(kind === 'denied' && { allowMicrophone: true }) };
        phase.value = 'idle';
      });
      return;
    }
    access.value = 'granted';
    activeMicrophone.value = stream.getAudioTracks()[0]?.label || undefined;
    void refreshMicrophones();

    // The call, when asked for, is taken before anything is recorded: a refusal records nothing
    // rather than a microphone-only recording the clinician believes includes the call.
    let recorded = stream;
    const call = deps.callAudio;
    if (includeCall.peek() && call?.support.supported) {
      const tabId = callTabId.peek();
      let tab: MediaStream;
      try {
        if (tabId === undefined) throw new CallCaptureError('No call tab is chosen.', 'Choose the tab the video visit is in under Call tab, or untick Include call audio.');
        tab = await call.capture(tabId);
      } catch (error) {
        for (const track of stream.getTracks()) track.stop();
        const refused = error instanceof CallCaptureError ? error : undefined;
        batch(() => {
          activeMicrophone.value = undefined;
          problem.value = {
            message: `${refused?.message ?? 'Chrome could not record the call tab’s sound.'} Nothing was recorded.`,
            nextStep: refused?.nextStep || 'Choose the call’s tab under Call tab and press Start recording again, or untick Include call audio to record the microphone only.',
          };
          phase.value = 'idle';
        });
        return;
      }
      const created = call.createMix({
        microphone: stream,
        onLevels: (levels) => {
          batch(() => {
            level.value = levels.microphone;
            callLevel.value = levels.call;
            callPlayback.value = created.callPlayback;
          });
          if (levels.microphone !== undefined) silence.hear(levels.microphone);
        },
        onSourceEnded: (source) => sourceEnded(source),
      });
      mix = created;
      joinCall(created, tabId!, tab);
      recorded = created.stream;
    }

    const patient = deps.identity();
    let started: Recorder;
    try {
      started = await Recorder.start({
        stream: recorded,
        store: deps.recordings,
        ...(patient && { patient }),
        ...(consent && { consent }),
        mimeType: deps.chooseFormat(),
        ...(deps.createMediaRecorder && { createMediaRecorder: deps.createMediaRecorder }),
        ...(deps.now && { clock: new ElapsedClock(deps.now) }),
        // Each saved chunk is a chance to catch the limit even if a timer ran late.
        onSaved: () => void limit?.check(),
        onEnded: (finished) => void endedByItself(finished),
      });
    } catch {
      for (const track of stream.getTracks()) track.stop();
      stopCallWatch?.();
      stopCallWatch = undefined;
      mix?.close();
      mix = undefined;
      batch(() => {
        activeMicrophone.value = undefined;
        callLive.value = false;
        callLevel.value = undefined;
        problem.value = {
          message: 'The recording could not start, so nothing was recorded.',
          nextStep: 'Press Start recording again. If it keeps failing, check that the computer has free disk space, or upload an audio file of the visit.',
        };
        phase.value = 'idle';
      });
      return;
    }
    recorder = started;
    releaseLock = deps.holdLock(started.id);
    // With the call mixed in, the mix measures both sources itself (one AudioContext, not two).
    if (!mix) {
      try {
        meter = (deps.startLevelMeter ?? startLevelMeter)(stream, (value) => {
          level.value = value;
          // No level is not silence: the warning is only given on levels actually measured.
          if (value !== undefined) silence.hear(value);
        });
      } catch {
        meter = undefined; // the recording matters, the meter does not: record without it
      }
    }
    limit = new RecordingLimit({
      clock: started,
      onWarn: () => (nearLimit.value = true),
      onLimit: () => void stopAtLimit(),
    });
    silence.listen();
    limit.run();
    tick = setInterval(updateClock, TICK_MS);
    batch(() => {
      recordingId.value = started.id;
      elapsedSeconds.value = 0;
      phase.value = 'recording';
    });
  }

  function pause(): void {
    if (phase.value !== 'recording' || !recorder) return;
    recorder.pause();
    limit?.hold();
    silence.stop();
    updateClock();
    phase.value = 'paused';
  }

  function resume(): void {
    if (phase.value !== 'paused' || !recorder) return;
    recorder.resume();
    silence.listen();
    limit?.run();
    phase.value = 'recording';
  }

  /** Stop recording. Resolves to the recording's id when it is ready for a note, else undefined (with a message). */
  async function stop(): Promise<string | undefined> {
    if ((phase.value !== 'recording' && phase.value !== 'paused') || !recorder) return undefined;
    const finished = await finish(recorder, 'stopped');
    if (finished.durationMs < MIN_AUDIO_MS) {
      problem.value = {
        message: `This recording is ${formatLength(finished.durationMs)} long; a note needs at least 5 seconds of audio.`,
        nextStep: 'It is kept under Unfinished recordings: discard it there. Press Start recording to record the visit again.',
      };
      deps.recordingsChanged();
      return undefined;
    }
    if (!finished.statusSaved) {
      problem.value = {
        message: `The recording (${formatLength(finished.durationMs)}) is saved, but Chartside could not mark it finished.`,
        nextStep: 'Close and reopen this panel: it will be offered under Unfinished recordings, to make the note from.',
      };
      return undefined;
    }
    notice.value = `Recording saved: ${formatLength(finished.durationMs)}.`;
    return finished.id;
  }

  async function finish(current: Recorder, end: RecordingEnd): Promise<FinishedRecording> {
    batch(() => {
      phase.value = 'stopping';
      progress.value = 'Saving the end of the recording…';
    });
    updateClock();
    const finished = await current.stop(end);
    release();
    batch(() => {
      progress.value = undefined;
      phase.value = 'idle';
    });
    return finished;
  }

  async function stopAtLimit(): Promise<void> {
    if (!recorder) return;
    const finished = await finish(recorder, 'limit');
    problem.value = {
      message: `The recording reached ${formatClock(finished.durationMs)}, the 4 hours the SOAP Note API takes at most, and was stopped. It is saved under Unfinished recordings.`,
      nextStep: 'Make the note from it there. To record the rest of the visit, press Start recording: it becomes a second recording.',
    };
    deps.recordingsChanged();
  }

  /** The microphone went away, a chunk could not be saved, or the browser's recorder failed: already saved and stopped. */
  async function endedByItself(finished: FinishedRecording): Promise<void> {
    if (recorder?.id !== finished.id) return;
    release();
    const saved = `It is saved up to ${formatClock(finished.durationMs)} under Unfinished recordings.`;
    const problems: Record<Exclude<RecordingEnd, 'stopped' | 'limit'>, RecorderProblem> = {
      'device-lost': {
        message: `The microphone stopped, so the recording stopped. ${saved}`,
        nextStep: 'Check the microphone is plugged in (or choose another one), then press Start recording to record the rest of the visit.',
      },
      'write-failed': {
        message: `Part of the recording could not be saved on this computer (its storage may be full), so the recording stopped. ${saved}`,
        nextStep: 'Free some disk space, then press Start recording to record the rest of the visit.',
      },
      'recorder-error': {
        message: `The browser’s recorder failed, so the recording stopped. ${saved}`,
        nextStep: 'Press Start recording to record the rest of the visit.',
      },
    };
    batch(() => {
      problem.value = finished.end === 'stopped' || finished.end === 'limit' ? undefined : problems[finished.end];
      progress.value = undefined;
      phase.value = 'idle';
    });
    deps.recordingsChanged();
  }

  /**
   * An audio file chosen or dropped: checked (type, size, length), then copied into the recording
   * store as `stopped`. Resolves to its id, or undefined with the reason in `problem`.
   */
  async function importFile(file: File): Promise<string | undefined> {
    if (phase.value !== 'idle') {
      problem.value = { message: 'A recording is under way, so the file was not added.', nextStep: 'Stop the recording first, then upload the file.' };
      return undefined;
    }
    batch(() => {
      problem.value = undefined;
      notice.value = undefined;
    });
    const type = checkAudioFile(file);
    if (!type.ok) {
      problem.value = type.problem;
      return undefined;
    }
    batch(() => {
      phase.value = 'saving-file';
      progress.value = 'Checking the audio file…';
    });
    try {
      const durationMs = await deps.readDuration(file).catch(() => undefined);
      const length = checkAudioDuration(durationMs);
      if (!length.ok) {
        problem.value = length.problem;
        return undefined;
      }
      progress.value = 'Saving the audio file… 0%';
      const patient = deps.identity();
      let id: string;
      try {
        id = await importAudioFile(deps.recordings, file, {
          mimeType: type.mimeType,
          durationMs,
          ...(patient && { patient }),
          onProgress: (fraction) => (progress.value = `Saving the audio file… ${Math.floor(fraction * 100)}%`),
        });
      } catch {
        problem.value = {
          message: 'The audio file could not be saved on this computer (its storage may be full).',
          nextStep: 'Free some disk space and upload the file again; the file itself is unchanged.',
        };
        return undefined;
      }
      notice.value = durationMs === undefined ? 'Audio file saved.' : `Audio file saved: ${formatLength(durationMs)}.`;
      return id;
    } finally {
      batch(() => {
        progress.value = undefined;
        phase.value = 'idle';
      });
    }
  }

  function dispose(): void {
    accessWatch?.stop();
    stopDeviceWatch?.();
    // A recording under way is not stopped here: closing the page ends it, and what was saved is offered back.
  }

  return {
    phase, elapsedSeconds, level, silent, nearLimit, problem, progress, notice, access, microphones, microphoneId, activeMicrophone, recordingId,
    includeCall, callTabs, callTabId, callLevel, callLive, callPlayback, callProblem, tabNames, microphoneLost, consentRequired, consentForTyped, consentedAt, consentRefusals,
    /** Whether this browser can record a call tab, and if not why and what to do instead. */
    callAudioSupport: deps.callAudio?.support,
    init, chooseMicrophone, start, pause, resume, stop, importFile,
    setIncludeCall, chooseCallTab, refreshCallTabs, retakeCall, showTabNames, retakeMicrophone, setConsent, applyConsentSettings, consentForTranscript, transcriptConsentRefused, transcriptConsentUsed,
    openMicrophonePage: () => deps.openMicrophonePage(),
    dismissProblem: () => (problem.value = undefined),
    dispose,
  };
}

export type RecorderStore = ReturnType<typeof createRecorderStore>;

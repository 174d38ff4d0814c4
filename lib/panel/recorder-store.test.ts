import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallAudioMix, CallAudioMixOptions } from '../audio/call-audio-mixer';
import type { MicrophoneAccess } from '../audio/microphone-access';
import { CallCaptureError } from '../platform/call-audio-support';
import type { MediaRecorderLike } from '../audio/recorder';
import type { PatientIdentity } from '../ehr/chart-context';
import { RecordingError, type RecordingStatus } from '../storage/recordings';
import type { RecordingConsent } from '../note/consent';
import { CONSENT_REFUSAL, createRecorderStore, type ConsentSettings, type RecorderStoreDeps } from './recorder-store';

/** Emits a chunk a second while recording (fake timers), the last one on stop. */
class FakeMediaRecorder implements MediaRecorderLike {
  state: RecordingState = 'inactive';
  mimeType: string;
  ondataavailable: MediaRecorderLike['ondataavailable'] = null;
  onstop: MediaRecorderLike['onstop'] = null;
  onerror: MediaRecorderLike['onerror'] = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  constructor(options: MediaRecorderOptions) {
    this.mimeType = options.mimeType ?? '';
  }
  start() {
    this.state = 'recording';
    this.timer = setInterval(() => this.emit(), 1000);
  }
  pause() {
    this.state = 'paused';
    clearInterval(this.timer);
  }
  resume() {
    this.state = 'recording';
    this.timer = setInterval(() => this.emit(), 1000);
  }
  stop() {
    clearInterval(this.timer);
    this.state = 'inactive';
    setTimeout(() => {
      this.emit();
      this.onstop?.(new Event('stop'));
    }, 0);
  }
  private emit() {
    this.ondataavailable?.({ data: new Blob(['x'.repeat(4000)]) } as BlobEvent);
  }
}

interface StoredRecording {
  mimeType: string;
  patient?: PatientIdentity;
  consent?: RecordingConsent;
  status: RecordingStatus;
  durationMs: number;
  bytes: number;
  chunks: number;
}

/** An in-memory recording store, with the rules the recorder relies on. */
function memoryStore(options: { failStart?: boolean; failAppend?: boolean } = {}) {
  const recordings = new Map<string, StoredRecording>();
  let next = 0;
  const store: RecorderStoreDeps['recordings'] = {
    async start({ mimeType, patient, consent }) {
      if (options.failStart) throw new Error('QuotaExceededError');
      const id = `rec-${++next}`;
      recordings.set(id, { mimeType, ...(patient && { patient }), ...(consent && { consent }), status: 'recording', durationMs: 0, bytes: 0, chunks: 0 });
      return id;
    },
    async appendChunk(id, chunk, elapsedMs) {
      const r = recordings.get(id)!;
      if (options.failAppend) throw new RecordingError('write-failed');
      if (r.status !== 'recording') throw new RecordingError('not-recording');
      r.durationMs = Math.max(r.durationMs, elapsedMs);
      r.bytes += chunk.size;
      r.chunks++;
    },
    async setStatus(id, status) {
      recordings.get(id)!.status = status;
    },
    async discard(id) {
      recordings.delete(id);
    },
  };
  return { store, recordings };
}

const domError = (name: string) => Object.assign(new Error(name), { name });

/** The recorder tests below record without being asked for consent; the consent tests ask for it. */
function harness(overrides: Partial<RecorderStoreDeps> & { storeOptions?: Parameters<typeof memoryStore>[0]; consent?: ConsentSettings } = {}) {
  const { store, recordings } = memoryStore(overrides.storeOptions);
  const track = Object.assign(new EventTarget(), { stop: vi.fn(), label: 'Headset microphone' });
  const stream = { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  let identity: PatientIdentity | undefined = { name: 'Jane Q. Testpatient', mrn: 'MRN-1' };
  let onLevel: ((level: number | undefined) => void) | undefined;
  let onAccess: ((state: MicrophoneAccess) => void) | undefined;
  const deps: RecorderStoreDeps = {
    recordings: store,
    identity: () => identity,
    getUserMedia: vi.fn(async () => stream),
    listMicrophones: vi.fn(async () => [{ deviceId: 'm1', label: 'Headset microphone' }]),
    watchAccess: async (onChange) => {
      onAccess = onChange;
      return { state: 'prompt', stop: () => undefined };
    },
    loadMicrophone: async () => 'm1',
    saveMicrophone: vi.fn(async () => undefined),
    readDuration: vi.fn(async () => 7000),
    openMicrophonePage: vi.fn(),
    recordingsChanged: vi.fn(),
    chooseFormat: () => 'audio/webm;codecs=opus',
    holdLock: vi.fn(() => vi.fn()),
    createMediaRecorder: (_s, options) => new FakeMediaRecorder(options),
    startLevelMeter: (_s, listener) => {
      onLevel = listener;
      return { close: () => (onLevel = undefined) };
    },
    now: () => Date.now(),
    ...overrides,
  };
  const recorder = createRecorderStore(deps);
  recorder.applyConsentSettings(overrides.consent ?? { required: false, placement: 'subjective-end' });
  return {
    recorder,
    deps,
    recordings,
    track,
    setIdentity: (next: PatientIdentity | undefined) => (identity = next),
    level: (value: number | undefined) => onLevel?.(value),
    access: (state: MicrophoneAccess) => onAccess?.(state),
  };
}

/** Advances fake time in steps, letting the store's promises run between them. */
async function elapse(ms: number, step = 250): Promise<void> {
  for (let t = 0; t < ms; t += step) await vi.advanceTimersByTimeAsync(Math.min(step, ms - t));
}

const wavFile = (name = 'visit.wav', type = 'audio/wav', bytes = 10_000) => new File([new Uint8Array(bytes)], name, { type });

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe('the recorder store', () => {
  it('loads the remembered microphone, the microphones and the access state', async () => {
    const h = harness();
    await h.recorder.init();
    expect(h.recorder.microphoneId.value).toBe('m1');
    expect(h.recorder.microphones.value).toEqual([{ deviceId: 'm1', label: 'Headset microphone' }]);
    expect(h.recorder.access.value).toBe('prompt');
    h.recorder.chooseMicrophone('');
    expect(h.deps.saveMicrophone).toHaveBeenCalledWith(undefined);
  });

  it('records for the patient shown at the start, pauses without counting, and hands off a stopped recording', async () => {
    const h = harness();
    await h.recorder.init();
    await h.recorder.start();
    expect(h.deps.getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ audio: expect.objectContaining({ deviceId: { ideal: 'm1' } }) }));
    expect(h.recorder.phase.value).toBe('recording');
    expect(h.recorder.activeMicrophone.value).toBe('Headset microphone');
    const id = h.recorder.recordingId.value!;
    expect(h.deps.holdLock).toHaveBeenCalledWith(id);
    h.setIdentity({ name: 'Somebody Else' }); // the clinician looks at another chart mid-visit

    await elapse(3000);
    expect(h.recorder.elapsedSeconds.value).toBe(3);
    h.recorder.pause();
    expect(h.recorder.phase.value).toBe('paused');
    await elapse(20_000);
    expect(h.recorder.elapsedSeconds.value).toBe(3);
    h.recorder.resume();
    await elapse(3000);
    expect(h.recorder.elapsedSeconds.value).toBe(6);

    const done = h.recorder.stop();
    await elapse(10);
    expect(await done).toBe(id);
    expect(h.recordings.get(id)).toMatchObject({ status: 'stopped', durationMs: 6000, patient: { name: 'Jane Q. Testpatient', mrn: 'MRN-1' }, mimeType: 'audio/webm;codecs=opus' });
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.recordingId.value).toBeUndefined();
    expect(h.recorder.notice.value).toBe('Recording saved: 6 seconds.');
    expect(h.track.stop).toHaveBeenCalled();
    expect(h.deps.recordingsChanged).not.toHaveBeenCalled();
  });

  it('keeps a recording under 5 seconds for Discard, and says why it is not made into a note', async () => {
    const h = harness();
    await h.recorder.start();
    await elapse(3000);
    const done = h.recorder.stop();
    await elapse(10);
    expect(await done).toBeUndefined();
    expect([...h.recordings.values()]).toMatchObject([{ status: 'stopped', durationMs: 3000 }]);
    expect(h.recorder.problem.value?.message).toBe('This recording is 3 seconds long; a note needs at least 5 seconds of audio.');
    expect(h.recorder.problem.value?.nextStep).toContain('Unfinished recordings');
    expect(h.deps.recordingsChanged).toHaveBeenCalled();
  });

  it('a refused microphone offers the microphone page; granting it there clears the message', async () => {
    const h = harness({ getUserMedia: vi.fn(async () => Promise.reject(domError('NotAllowedError'))) });
    await h.recorder.init();
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.problem.value).toMatchObject({ message: 'Chartside is not allowed to use the microphone.', allowMicrophone: true });
    h.recorder.openMicrophonePage();
    expect(h.deps.openMicrophonePage).toHaveBeenCalled();
    h.access('granted');
    expect(h.recorder.access.value).toBe('granted');
    expect(h.recorder.problem.value).toBeUndefined();
    expect([...h.recordings.values()]).toEqual([]);
  });

  it('a missing microphone says so, without the microphone page', async () => {
    const h = harness({ getUserMedia: vi.fn(async () => Promise.reject(domError('NotFoundError'))) });
    await h.recorder.start();
    expect(h.recorder.problem.value).toMatchObject({ message: 'No microphone was found.' });
    expect(h.recorder.problem.value?.allowMicrophone).toBeUndefined();
  });

  it('records nothing, and says so, when the store cannot start a recording', async () => {
    const h = harness({ storeOptions: { failStart: true } });
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.problem.value?.message).toContain('nothing was recorded');
    expect(h.track.stop).toHaveBeenCalled();
  });

  it('warns after 10 silent seconds while recording, clears on sound, and not while paused', async () => {
    const h = harness();
    await h.recorder.start();
    const feed = setInterval(() => h.level(0), 100);
    await elapse(10_100);
    expect(h.recorder.silent.value).toBe(true);
    h.level(0.6);
    expect(h.recorder.silent.value).toBe(false);
    expect(h.recorder.level.value).toBe(0.6);
    h.recorder.pause();
    await elapse(15_000);
    expect(h.recorder.silent.value).toBe(false);
    clearInterval(feed);
  });

  it('never calls it silence when the browser gives no level at all (audio processing not running)', async () => {
    const h = harness();
    await h.recorder.start();
    const feed = setInterval(() => h.level(undefined), 100);
    await elapse(30_000);
    expect(h.recorder.level.value).toBeUndefined();
    expect(h.recorder.silent.value).toBe(false);
    clearInterval(feed);
  });

  it('warns at 3 h 50 min and stops, keeping the recording, at 4 h', async () => {
    const h = harness();
    await h.recorder.start();
    const id = h.recorder.recordingId.value!;
    await vi.advanceTimersByTimeAsync(230 * 60_000);
    expect(h.recorder.nearLimit.value).toBe(true);
    expect(h.recorder.phase.value).toBe('recording');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await elapse(10);
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.nearLimit.value).toBe(false);
    expect(h.recorder.problem.value?.message).toContain('4:00:00');
    expect(h.recordings.get(id)).toMatchObject({ status: 'stopped', durationMs: 4 * 3600_000 });
    expect(h.deps.recordingsChanged).toHaveBeenCalled();
  });

  it('a chunk that cannot be saved stops the recording, keeping what was saved', async () => {
    const h = harness({ storeOptions: { failAppend: true } });
    await h.recorder.start();
    await elapse(1500);
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.problem.value?.message).toContain('could not be saved');
    expect(h.deps.recordingsChanged).toHaveBeenCalled();
  });

  it('a microphone unplugged mid-visit stops the recording and says what was kept', async () => {
    const h = harness();
    await h.recorder.start();
    await elapse(5000);
    h.track.dispatchEvent(new Event('ended'));
    await elapse(10);
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.problem.value?.message).toBe('The microphone stopped, so the recording stopped. It is saved up to 0:05 under Unfinished recordings.');
  });
});

describe('consent to record', () => {
  const asked: ConsentSettings = { required: true, placement: 'plan-end', name: '  Dr A. Lee ' };

  it('is asked for until settings say otherwise', () => {
    const h = harness();
    const fresh = createRecorderStore(h.deps);
    expect(fresh.consentRequired.value).toBe(true);
  });

  it('for a typed transcript only when that is asked for too: the tick gives its consent, and once used it is asked for again', () => {
    const h = harness({ consent: asked });
    expect(h.recorder.consentForTyped.value).toBe(false);
    h.recorder.setConsent(true);
    expect(h.recorder.consentForTranscript()).toEqual({ required: false, consent: undefined });
    h.recorder.applyConsentSettings({ ...asked, typed: true });
    expect(h.recorder.consentForTyped.value).toBe(true);
    expect(h.recorder.consentForTranscript()).toEqual({ required: true, consent: { confirmedAt: h.recorder.consentedAt.value, by: 'Dr A. Lee', placement: 'plan-end' } });
    const before = h.recorder.consentRefusals.value;
    h.recorder.transcriptConsentRefused();
    expect(h.recorder.consentRefusals.value).toBe(before + 1);
    h.recorder.transcriptConsentUsed();
    expect(h.recorder.consentForTranscript()).toEqual({ required: true, consent: undefined });
    // Consent not asked for at all: not for typed transcripts either.
    h.recorder.applyConsentSettings({ ...asked, required: false, typed: true });
    expect(h.recorder.consentForTyped.value).toBe(false);
    expect(h.recorder.consentForTranscript().required).toBe(false);
  });

  it('refuses to record, without opening the microphone, until the patient agreed', async () => {
    const h = harness({ consent: asked });
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.deps.getUserMedia).not.toHaveBeenCalled();
    expect(h.recordings.size).toBe(0);
    expect(h.recorder.problem.value).toBe(CONSENT_REFUSAL);
    expect(CONSENT_REFUSAL.nextStep).toContain('tick Patient agreed to be recorded');

    h.recorder.setConsent(true); // ticking the box takes the refusal away
    expect(h.recorder.problem.value).toBeUndefined();
  });

  it('keeps the time of the tick, the clinician and the place with the recording, and asks again for the next one', async () => {
    const h = harness({ consent: asked });
    const tickedAt = Date.now();
    h.recorder.setConsent(true);
    await elapse(4000); // the clinician starts a little after ticking
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('recording');
    h.recorder.setConsent(false); // cannot be taken off a recording under way
    expect(h.recorder.consentedAt.value).toBe(tickedAt);
    await elapse(6000);
    const done = h.recorder.stop();
    await elapse(10);
    const id = await done;
    expect(h.recordings.get(id!)?.consent).toEqual({ confirmedAt: tickedAt, by: 'Dr A. Lee', placement: 'plan-end' });

    expect(h.recorder.consentedAt.value).toBeUndefined();
    await h.recorder.start();
    expect(h.recorder.problem.value).toBe(CONSENT_REFUSAL);
    expect(h.recordings.size).toBe(1);
  });

  it('an unticked box takes the consent back before recording', async () => {
    const h = harness({ consent: asked });
    h.recorder.setConsent(true);
    h.recorder.setConsent(false);
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recordings.size).toBe(0);
  });

  it('records with no consent kept when it is not asked for', async () => {
    const h = harness();
    h.recorder.setConsent(true); // a box ticked before the setting was turned off is not a consent line
    await h.recorder.start();
    await elapse(6000);
    const done = h.recorder.stop();
    await elapse(10);
    expect(h.recordings.get((await done)!)?.consent).toBeUndefined();
  });
});

describe('uploading an audio file', () => {
  it('checks and stores it, stopped, for the patient shown, and resolves to its id', async () => {
    const h = harness();
    const done = h.recorder.importFile(wavFile());
    expect(h.recorder.progress.value).toBe('Checking the audio file…');
    const id = await done;
    expect(id).toBeDefined();
    expect(h.recordings.get(id!)).toMatchObject({ mimeType: 'audio/wav', status: 'stopped', durationMs: 7000, bytes: 10_000, patient: { name: 'Jane Q. Testpatient' } });
    expect(h.recorder.notice.value).toBe('Audio file saved: 7 seconds.');
    expect(h.recorder.progress.value).toBeUndefined();
    expect(h.recorder.phase.value).toBe('idle');
  });

  it('refuses a file that is not audio, before reading it', async () => {
    const h = harness();
    expect(await h.recorder.importFile(wavFile('notes.txt', 'text/plain'))).toBeUndefined();
    expect(h.recorder.problem.value?.message).toBe('This file is not an audio format Chartside can send.');
    expect(h.deps.readDuration).not.toHaveBeenCalled();
    expect(h.recordings.size).toBe(0);
  });

  it('refuses a file under 5 seconds, storing nothing', async () => {
    const h = harness({ readDuration: async () => 2000 });
    expect(await h.recorder.importFile(wavFile())).toBeUndefined();
    expect(h.recorder.problem.value?.message).toContain('a note needs at least 5 seconds');
    expect(h.recordings.size).toBe(0);
    expect(h.recorder.phase.value).toBe('idle');
  });

  it('is refused while a recording is under way', async () => {
    const h = harness();
    await h.recorder.start();
    expect(await h.recorder.importFile(wavFile())).toBeUndefined();
    expect(h.recorder.problem.value?.nextStep).toBe('Stop the recording first, then upload the file.');
    expect(h.recordings.size).toBe(1);
  });

  it('says so when the file cannot be stored, and leaves nothing half-copied', async () => {
    const h = harness({ storeOptions: { failAppend: true } });
    expect(await h.recorder.importFile(wavFile())).toBeUndefined();
    expect(h.recorder.problem.value?.message).toContain('could not be saved');
    expect(h.recordings.size).toBe(0);
  });
});

describe('the recorder store with call audio', () => {
  /** A mix that records a stream of its own, and reports what the store asks of it. */
  function callHarness(options: { refuse?: Error; tabNames?: { granted: boolean; allow: boolean } } = {}) {
    let named = options.tabNames?.granted ?? true;
    const tabNames = {
      granted: vi.fn(async () => named),
      request: vi.fn(async () => (named = options.tabNames?.allow ?? true)),
    };
    let mixOptions: CallAudioMixOptions | undefined;
    let left: ((why: 'closed' | 'navigated') => void) | undefined;
    const mixTrack = Object.assign(new EventTarget(), { stop: vi.fn() });
    const mixStream = { getAudioTracks: () => [mixTrack], getTracks: () => [mixTrack] } as unknown as MediaStream;
    const fakeMix = { stream: mixStream, hasCall: false, callPlayback: false, attachCall: vi.fn(), detachCall: vi.fn(), close: vi.fn() };
    fakeMix.attachCall.mockImplementation(() => Object.assign(fakeMix, { hasCall: true, callPlayback: true }));
    fakeMix.detachCall.mockImplementation(() => Object.assign(fakeMix, { hasCall: false, callPlayback: false }));
    const tabStream = { getTracks: () => [] } as unknown as MediaStream;
    const capture = vi.fn(async () => {
      if (options.refuse) throw options.refuse;
      return tabStream;
    });
    const recordedStreams: MediaStream[] = [];
    const h = harness({
      callAudio: {
        support: { supported: true },
        // Without the `tabs` permission Chrome tells only the chart's title (a site Chartside has access to).
        listTabs: async () => [
          { id: 9, title: named ? 'Video visit' : undefined, site: named ? 'visit.example' : undefined, audible: true, position: 2 },
          { id: 1, title: 'Chart', site: 'ehr.example', audible: false, position: 1 },
        ],
        tabNames,
        boundTabId: () => 1,
        capture,
        watch: (_tabId, onLeft) => {
          left = onLeft;
          return () => (left = undefined);
        },
        createMix: (o) => {
          mixOptions = o;
          return fakeMix as unknown as CallAudioMix;
        },
      },
      createMediaRecorder: (s, o) => {
        recordedStreams.push(s);
        return new FakeMediaRecorder(o);
      },
    });
    return { ...h, fakeMix, capture, tabStream, recordedStreams, tabNames, mixOptions: () => mixOptions!, leave: (why: 'closed' | 'navigated') => left?.(why) };
  }

  it('starts on the sounding tab, records the mix (not the microphone alone), and shows both levels', async () => {
    const h = callHarness();
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.recorder.callTabId.value).toBe(9);
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('recording');
    expect(h.capture).toHaveBeenCalledWith(9);
    expect(h.fakeMix.attachCall).toHaveBeenCalledWith(h.tabStream);
    expect(h.recordedStreams).toEqual([h.fakeMix.stream]);
    expect(h.recorder.callLive.value).toBe(true);
    h.mixOptions().onLevels!({ microphone: 0.4, call: 0.7 });
    expect(h.recorder.level.value).toBe(0.4);
    expect(h.recorder.callLevel.value).toBe(0.7);
    expect(h.recorder.callPlayback.value).toBe(true);
  });

  it('records nothing when the tab is refused, and says why and what to do', async () => {
    const h = callHarness({ refuse: new CallCaptureError('Chrome has not allowed Chartside to record that tab’s sound yet.', 'Click the Chartside button, then try again.') });
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    await h.recorder.start();
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recordings.size).toBe(0);
    expect(h.recorder.problem.value?.message).toMatch(/not allowed Chartside.*Nothing was recorded/);
    expect(h.recorder.problem.value?.nextStep).toMatch(/Chartside button/);
    expect(h.track.stop).toHaveBeenCalled();
  });

  it('goes on with the microphone when the call tab closes, says so, and takes the tab again without restarting', async () => {
    const h = callHarness();
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    await h.recorder.start();
    await elapse(6000);
    h.leave('closed');
    expect(h.recorder.phase.value).toBe('recording');
    expect(h.recorder.callLive.value).toBe(false);
    expect(h.fakeMix.detachCall).toHaveBeenCalled();
    expect(h.recorder.callProblem.value?.message).toBe('The call tab was closed. Recording goes on with the microphone only.');
    await h.recorder.retakeCall();
    expect(h.fakeMix.attachCall).toHaveBeenCalledTimes(2);
    expect(h.recorder.callLive.value).toBe(true);
    expect(h.recorder.callProblem.value).toBeUndefined();
    expect(h.recordedStreams).toHaveLength(1);
    // Pause and resume keep the same tab: nothing is picked or captured again.
    h.recorder.pause();
    h.recorder.resume();
    expect(h.capture).toHaveBeenCalledTimes(2);
    const stopped = h.recorder.stop();
    await elapse(500);
    await expect(stopped).resolves.toMatch(/^rec-/);
    expect(h.fakeMix.close).toHaveBeenCalled();
  });

  it('takes a microphone again into the same recording after the one in use was lost', async () => {
    const h = callHarness();
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    await h.recorder.start();
    h.mixOptions().onSourceEnded!('microphone');
    expect(h.recorder.microphoneLost.value).toBe(true);
    expect(h.recorder.problem.value?.nextStep).toMatch(/Take microphone again/);
    const attachMicrophone = vi.fn();
    Object.assign(h.fakeMix, { attachMicrophone });
    await h.recorder.retakeMicrophone();
    expect(attachMicrophone).toHaveBeenCalledTimes(1);
    expect(h.recorder.microphoneLost.value).toBe(false);
    expect(h.recorder.problem.value).toBeUndefined();
    expect(h.recorder.phase.value).toBe('recording');
    // One recording throughout: the mix's own stream, never restarted.
    expect(h.recordedStreams).toEqual([h.fakeMix.stream]);
    // Then the call tab closes: the microphone is there again, so the recording goes on.
    h.leave('closed');
    await elapse(500);
    expect(h.recorder.phase.value).toBe('recording');
  });

  it('goes on with the call when the microphone stops, and says the clinician is not heard', async () => {
    const h = callHarness();
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    await h.recorder.start();
    h.mixOptions().onSourceEnded!('microphone');
    expect(h.recorder.phase.value).toBe('recording');
    expect(h.recorder.problem.value?.message).toMatch(/microphone stopped.*call’s sound only/);
    // Then the call tab closes too: nothing is left to record, so it stops, keeping what was recorded.
    h.leave('closed');
    await elapse(500);
    expect(h.recorder.phase.value).toBe('idle');
    expect(h.recorder.problem.value?.message).toMatch(/^The microphone stopped, so the recording stopped\. It is saved/);
    expect(h.deps.recordingsChanged).toHaveBeenCalled();
  });

  it('names every tab once the clinician allows Chrome to tell their titles and sites, and keeps the chosen tab', async () => {
    const h = callHarness({ tabNames: { granted: false, allow: true } });
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.recorder.tabNames.value).toBe(false);
    expect(h.recorder.callTabs.value[0]!.title).toBeUndefined();
    const shown = h.recorder.showTabNames();
    // Asked at once, inside the click: Chrome refuses a permission request made after an await.
    expect(h.tabNames.request).toHaveBeenCalledTimes(1);
    await shown;
    expect(h.recorder.tabNames.value).toBe(true);
    expect(h.recorder.callTabs.value[0]).toMatchObject({ id: 9, title: 'Video visit', site: 'visit.example' });
    expect(h.recorder.callTabId.value).toBe(9);
  });

  it('lists tabs by number after the clinician refuses, and does not offer the question again in that panel', async () => {
    const h = callHarness({ tabNames: { granted: false, allow: false } });
    await h.recorder.init();
    h.recorder.setIncludeCall(true);
    await vi.advanceTimersByTimeAsync(0);
    await h.recorder.showTabNames();
    expect(h.recorder.tabNames.value).toBe('refused');
    await h.recorder.refreshCallTabs();
    expect(h.recorder.tabNames.value).toBe('refused');
    expect(h.recorder.callTabs.value.map((t) => t.id)).toEqual([9, 1]);
    // Recording still works with the unnamed tab.
    await h.recorder.start();
    expect(h.capture).toHaveBeenCalledWith(9);
  });

  it('is never offered where the browser cannot capture a tab', async () => {
    const h = harness({ callAudio: { support: { supported: false, reason: 'No.', workaround: 'Speakers.' }, listTabs: vi.fn(), boundTabId: () => 1, capture: vi.fn(), watch: vi.fn(), createMix: vi.fn(), tabNames: { granted: vi.fn(), request: vi.fn() } } });
    h.recorder.setIncludeCall(true);
    expect(h.recorder.includeCall.value).toBe(false);
    await h.recorder.start();
    expect(h.deps.callAudio!.capture).not.toHaveBeenCalled();
  });
});

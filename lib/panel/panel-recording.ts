import { browser } from 'wxt/browser';
import { BUILD_BROWSER, chooseRecordingFormat } from '../audio/recording-format';
import { watchMicrophoneAccess } from '../audio/microphone-access';
import { listMicrophones } from '../audio/microphones';
import { readMediaDuration } from '../audio/media-duration';
import { holdRecordingLock, liveRecordingIds } from '../audio/recording-lock';
import type { PatientIdentity } from '../ehr/chart-context';
import { callAudioSupport, TAB_NAMES_PERMISSION } from '../platform/call-audio-support';
import { loadMicrophoneChoice, saveMicrophoneChoice } from '../storage/microphone-choice';
import { openRecordingStore } from '../storage/recordings';
import type { PanelStore } from './panel-store';
import { createRecorderStore } from './recorder-store';
import { createUnfinishedRecordings } from './unfinished-recordings';

/**
 * The panel page's recorder, its unfinished recordings, and the hand-over of a stored recording to
 * the background. They belong to the page, not to a tab binding: switching tabs mid-visit keeps
 * recording. `store` and `identity` are the current binding's, asked for when needed.
 */
/** The tab capture and the mixer, fetched once, when first needed. */
const callAudioCode = {
  current: undefined as (typeof import('../platform/tab-capture') & typeof import('../audio/call-audio-mixer')) | undefined,
  pending: undefined as Promise<typeof import('../platform/tab-capture') & typeof import('../audio/call-audio-mixer')> | undefined,
  load() {
    return (this.pending ??= Promise.all([import('../platform/tab-capture'), import('../audio/call-audio-mixer')]).then(([capture, mixer]) => (this.current = { ...capture, ...mixer })));
  },
};

export function createPanelRecording(deps: { store: () => PanelStore | undefined; identity: () => PatientIdentity | undefined; /** The tab the panel is bound to now. */ boundTabId: () => number | undefined }) {
  const recordings = openRecordingStore();
  const unfinished = createUnfinishedRecordings({
    recordings,
    liveIds: () => liveRecordingIds(),
    // The one being recorded here, and the one this panel is turning into a note, are not "unfinished".
    current: () => {
      const store = deps.store();
      return recorder.recordingId.peek() ?? (store?.running.peek() ? store.recordingId.peek() : undefined);
    },
  });
  const recorder = createRecorderStore({
    recordings,
    identity: deps.identity,
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    listMicrophones: () => listMicrophones(),
    watchAccess: (onChange) => watchMicrophoneAccess(onChange),
    onDevicesChanged: (listener) => {
      navigator.mediaDevices?.addEventListener('devicechange', listener);
      return () => navigator.mediaDevices?.removeEventListener('devicechange', listener);
    },
    loadMicrophone: loadMicrophoneChoice,
    saveMicrophone: saveMicrophoneChoice,
    readDuration: (file) => readMediaDuration(file),
    openMicrophonePage: () => void browser.tabs.create({ url: browser.runtime.getURL('/microphone.html') }),
    recordingsChanged: () => void unfinished.refresh(),
    chooseFormat: () => (typeof MediaRecorder === 'undefined' ? undefined : chooseRecordingFormat(BUILD_BROWSER, (type) => MediaRecorder.isTypeSupported(type))),
    holdLock: (id) => holdRecordingLock(id),
    // The capture code and the mixer load when the clinician first asks for the call (the panel's
    // start-up bundle has a budget); watch and createMix are only called after a capture loaded them.
    callAudio: {
      support: callAudioSupport(),
      listTabs: async () => (await callAudioCode.load()).listCallTabs(deps.boundTabId()),
      boundTabId: deps.boundTabId,
      capture: async (tabId) => (await callAudioCode.load()).captureTabAudio(tabId, (constraints) => navigator.mediaDevices.getUserMedia(constraints)),
      watch: (tabId, onLeft) => callAudioCode.current!.watchCallTab(tabId, onLeft),
      createMix: (options) => new (callAudioCode.current!.CallAudioMix)(options),
      tabNames: {
        granted: () => browser.permissions.contains(TAB_NAMES_PERMISSION),
        request: () => browser.permissions.request(TAB_NAMES_PERMISSION),
      },
    },
  });

  /**
   * A stored recording (every chunk saved) goes to the background to become a note, for the patient
   * it was recorded for (the wrong-patient guard compares inserts against them, whichever chart is
   * open now). The recording is deleted only once its note exists.
   */
  async function submitRecording(recordingId: string): Promise<void> {
    const summary = (await recordings.listRecoverable().catch(() => [])).find((r) => r.id === recordingId);
    deps.store()?.generateFromRecording(recordingId, summary?.patient ? { patient: summary.patient } : {});
    void unfinished.refresh();
  }

  /** The record shortcut: start, or stop and make the note. */
  function toggleRecording(): void {
    const phase = recorder.phase.peek();
    if (phase === 'idle') void recorder.start();
    else if (phase === 'recording' || phase === 'paused') void recorder.stop().then((id) => id && void submitRecording(id));
  }

  void recorder.init();
  void unfinished.refresh();
  return { recorder, unfinished, submitRecording, toggleRecording };
}

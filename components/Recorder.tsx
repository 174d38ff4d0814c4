import { useEffect, useRef, useState } from 'preact/hooks';
import { AUDIO_FILE_ACCEPT } from '@/lib/audio/audio-file';
import type { RecorderStore } from '@/lib/panel/recorder-store';
import { lazyComponent } from './lazy-module';

// Shown only once Include call audio is ticked, in the visits that are calls: loaded then.
const CallTabPicker = lazyComponent(() => import('./CallTabPicker').then((m) => m.CallTabPicker));

export interface RecorderProps {
  store: RecorderStore;
  /**
   * A stored recording is ready for a note: every chunk saved, status `stopped`. Called after Stop
   * recording (5 seconds or longer) and after an audio file passed its checks and was stored.
   */
  onSubmitRecording(recordingId: string): void;
}

/**
 * Record the visit: which microphone, or upload (or drop) a recording instead. The buttons that
 * record are in the action bar (RecordingControls.tsx), its words above them (RecorderMessages.tsx).
 * Every control is a button or a native field: reachable with Tab, pressed with Space or Enter.
 */
export function Recorder({ store, onSubmitRecording }: RecorderProps) {
  const phase = store.phase.value;
  const problem = store.problem.value;
  const access = store.access.value;
  const fileInput = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  const live = phase === 'recording' || phase === 'paused';
  const busy = phase === 'starting' || phase === 'stopping' || phase === 'saving-file';

  const handOff = (id: string | undefined) => {
    if (id) onSubmitRecording(id);
  };
  const takeFile = (file: File | undefined) => {
    if (file) void store.importFile(file).then(handOff);
  };
  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

  return (
    <section
      class={`card stack recorder${dropping ? ' dropping' : ''}`}
      aria-labelledby="recorder-heading"
      onDragOver={(event) => {
        if (!hasFiles(event) || live || busy) return;
        event.preventDefault(); // accepts the drop
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault(); // not opened by the browser as a page
        setDropping(false);
        if (!live && !busy) takeFile(event.dataTransfer?.files[0]);
      }}
    >
      <h2 id="recorder-heading">Record the visit</h2>

      {!live && !busy && !problem?.allowMicrophone && (access === 'prompt' || access === 'denied') && (
        <p class="hint">
          {access === 'denied' ? 'Chartside is not allowed to use the microphone. ' : 'Chartside needs your permission once to use the microphone. '}
          <button type="button" class="link" onClick={store.openMicrophonePage}>
            Allow microphone access
          </button>
        </p>
      )}

      <RecordingConsent store={store} live={live} busy={busy} />
      {live && <p class="hint">Keep this panel open while recording. Each second is saved on this computer as it is recorded.</p>}
      {/* Mid-recording only to choose the microphone to take again, after the one in use was lost. */}
      <MicrophonePicker store={store} disabled={busy || (live && !store.microphoneLost.value)} />
      <CallAudio store={store} live={live} busy={busy} />

      <div class="row">
        <button type="button" onClick={() => fileInput.current?.click()} disabled={live || busy}>
          Upload audio file
        </button>
        <span class="hint" style={{ margin: 0 }}>
          or drop one here: MP3, M4A, WAV, OGG, WebM, FLAC or MP4, 5 seconds to 4 hours, up to 500 MB.
        </span>
        <label for="audio-file" class="visually-hidden">
          Audio file
        </label>
        <input
          id="audio-file"
          ref={fileInput}
          type="file"
          accept={AUDIO_FILE_ACCEPT}
          class="visually-hidden"
          tabIndex={-1}
          disabled={live || busy}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = ''; // choosing the same file again is a new choice
            takeFile(file);
          }}
        />
      </div>

    </section>
  );
}

/**
 * Patient agreed to be recorded: asked before every recording while the setting is on, and before
 * every note from the typed transcript while its setting is on too. Start recording and Generate note
 * (buttons or shortcuts) refuse without it, say why, and bring the clinician here. The time of the
 * tick goes into the note made with it; it is asked for again after.
 */
function RecordingConsent({ store, live, busy }: { store: RecorderStore; live: boolean; busy: boolean }) {
  const box = useRef<HTMLInputElement>(null);
  const refusals = store.consentRefusals.value;
  useEffect(() => {
    if (refusals === 0 || !box.current) return;
    box.current.scrollIntoView?.({ block: 'nearest' });
    box.current.focus();
  }, [refusals]);
  if (!store.consentRequired.value) return null;
  const at = store.consentedAt.value;
  const typed = store.consentForTyped.value;
  return (
    <div>
      <label class="row">
        <input
          ref={box}
          type="checkbox"
          checked={at !== undefined}
          disabled={live || busy}
          aria-describedby="recording-consent-hint"
          onChange={(event) => store.setConsent(event.currentTarget.checked)}
        />
        Patient agreed to be recorded
      </label>
      <p id="recording-consent-hint" class="hint">
        {at === undefined
          ? typed
            ? 'Ask the patient first: Start recording records, and Generate note makes a note from a typed transcript, only once this is ticked. The note will say when you confirmed it.'
            : 'Ask the patient first: Start recording records only once this is ticked. The note will say when you confirmed it.'
          : `Confirmed at ${new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}; the note made from ${typed ? 'this recording, or the typed transcript,' : 'this recording'} will say so.`}
      </p>
    </div>
  );
}

function MicrophonePicker({ store, disabled }: { store: RecorderStore; disabled: boolean }) {
  const microphones = store.microphones.value;
  const chosen = store.microphoneId.value;
  // A remembered microphone that is not plugged in now: recording uses the default one.
  const value = microphones.some((m) => m.deviceId === chosen) ? chosen : '';
  const active = store.activeMicrophone.value;
  return (
    <div>
      <label for="microphone">Microphone</label>
      <select id="microphone" value={value} disabled={disabled} onChange={(event) => store.chooseMicrophone(event.currentTarget.value)}>
        <option value="">Default microphone</option>
        {microphones.map((m) => (
          <option key={m.deviceId} value={m.deviceId}>
            {m.label}
          </option>
        ))}
      </select>
      {active && <p class="hint">Recording from: {active}</p>}
    </div>
  );
}

/**
 * Include call audio: the video visit's tab recorded with the microphone (Chrome). Where the browser
 * cannot, the box is shown unticked and disabled with the reason and what to do instead, never a
 * microphone-only recording that claims to include the call.
 */
function CallAudio({ store, live, busy }: { store: RecorderStore; live: boolean; busy: boolean }) {
  const support = store.callAudioSupport;
  if (!support) return null;
  const on = store.includeCall.value;
  // Mid-recording the tab can only be changed to take the call again after it was lost.
  const pickable = !busy && (!live || (on && !store.callLive.value));
  return (
    <div class="stack" data-call-playback={store.callPlayback.value ? 'on' : 'off'}>
      <label class="row">
        <input
          type="checkbox"
          checked={support.supported && on}
          disabled={!support.supported || live || busy}
          aria-describedby={support.supported ? undefined : 'call-audio-reason'}
          onChange={(event) => store.setIncludeCall(event.currentTarget.checked)}
        />
        Include call audio
      </label>
      {!support.supported && (
        <p id="call-audio-reason" class="hint">
          {support.reason} {support.workaround}
        </p>
      )}
      {support.supported && on && <CallTabPicker store={store} live={live} pickable={pickable} />}
    </div>
  );
}

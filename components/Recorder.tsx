import type { Signal } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import { AUDIO_FILE_ACCEPT } from '@/lib/audio/audio-file';
import type { RecorderStore } from '@/lib/panel/recorder-store';
import { formatClock } from '@/lib/panel/recording-text';

export interface RecorderProps {
  store: RecorderStore;
  /**
   * A stored recording is ready for a note: every chunk saved, status `stopped`. Called after Stop
   * recording (5 seconds or longer) and after an audio file passed its checks and was stored.
   */
  onSubmitRecording(recordingId: string): void;
}

/**
 * Record the visit, or upload (or drop) a recording of it. Every control is a button or a native
 * field: reachable with Tab, pressed with Space or Enter.
 */
export function Recorder({ store, onSubmitRecording }: RecorderProps) {
  const phase = store.phase.value;
  const problem = store.problem.value;
  const progress = store.progress.value;
  const access = store.access.value;
  const fileInput = useRef<HTMLInputElement>(null);
  const mainButton = useRef<HTMLButtonElement>(null);
  const [dropping, setDropping] = useState(false);
  const live = phase === 'recording' || phase === 'paused';
  const busy = phase === 'starting' || phase === 'stopping' || phase === 'saving-file';

  const main =
    phase === 'recording'
      ? { label: 'Pause recording', action: store.pause }
      : phase === 'paused'
        ? { label: 'Resume recording', action: store.resume }
        : { label: 'Start recording', action: () => void store.start() };
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

      <div class="row">
        {/* One button that becomes Pause and Resume: keyboard focus stays on it as it changes. */}
        <button ref={mainButton} type="button" class={phase === 'recording' ? undefined : 'primary'} aria-disabled={busy} onClick={main.action}>
          {main.label}
        </button>
        {live && (
          <button
            type="button"
            onClick={(event) => {
              const hadFocus = document.activeElement === event.currentTarget;
              void store.stop().then((id) => {
                if (hadFocus) mainButton.current?.focus(); // the Stop button is gone: focus Start recording, not the page
                handOff(id);
              });
            }}
          >
            Stop recording
          </button>
        )}
        {(live || phase === 'stopping') && (
          <span class="recording-state">
            <span class={`dot${phase === 'recording' ? ' on' : ''}`} aria-hidden="true" />
            {phase === 'paused' ? 'Paused' : phase === 'stopping' ? 'Stopping' : 'Recording'}{' '}
            <span role="timer" aria-label="Recording time" class="clock">
              {formatClock(store.elapsedSeconds.value * 1000)}
            </span>
          </span>
        )}
      </div>

      {live && <LevelMeter level={store.level} />}
      {live && <p class="hint">Keep this panel open while recording. Each second is saved on this computer as it is recorded.</p>}

      <MicrophonePicker store={store} disabled={live || busy} />

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

      {progress && (
        <p role="status" class="status">
          {progress}
        </p>
      )}
      <p aria-live="polite" class="hint">
        {store.notice.value}
      </p>

      {store.silent.value && (
        <div role="alert" class="warning">
          <p>No sound has reached the microphone for 10 seconds.</p>
          <p>Check that the microphone is switched on, not muted, and the one chosen below. Recording continues.</p>
        </div>
      )}
      {store.nearLimit.value && (
        <div role="alert" class="warning">
          <p>The recording stops at 4 hours, the most the SOAP Note API takes: less than 10 minutes are left.</p>
          <p>It will be kept. To record more, press Start recording again after it stops.</p>
        </div>
      )}
      {problem && (
        <div role="alert" class="alert">
          <p>{problem.message}</p>
          <p>{problem.nextStep}</p>
          {problem.allowMicrophone && (
            <div class="actions">
              <button type="button" onClick={store.openMicrophonePage}>
                Allow microphone access
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Reads the level signal itself: ten samples a second re-render this bar and nothing else.
 * A meter with a name and a value for assistive technology; the bar is decoration.
 */
function LevelMeter({ level }: { level: Signal<number | undefined> }) {
  if (level.value === undefined) return null; // the browser gives no level: no meter rather than a false "silent"
  const percent = Math.round(level.value * 100);
  return (
    <div
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={percent < 15 ? 'Silent' : percent < 45 ? 'Quiet' : 'Sound'}
      class="level"
    >
      <div class="level-bar" style={{ width: `${percent}%` }} />
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

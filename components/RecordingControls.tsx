import type { Signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { RecorderStore } from '@/lib/panel/recorder-store';
import { formatClock } from '@/lib/panel/recording-text';

/**
 * Start, pause, resume and stop recording, the time and the level: the part of the recorder that
 * lives in the panel's action bar, in view in every state.
 */
export function RecordingControls(props: { store: RecorderStore; onSubmitRecording(recordingId: string): void; /** Start recording as the primary action (no note yet). */ emphasis: boolean }) {
  const { store, onSubmitRecording, emphasis } = props;
  const phase = store.phase.value;
  const mainButton = useRef<HTMLButtonElement>(null);
  const live = phase === 'recording' || phase === 'paused';
  const busy = phase === 'starting' || phase === 'stopping' || phase === 'saving-file';
  const main =
    phase === 'recording'
      ? { label: 'Pause recording', action: store.pause }
      : phase === 'paused'
        ? { label: 'Resume recording', action: store.resume }
        : { label: 'Start recording', action: () => void store.start() };
  return (
    <div class="row recording-controls">
      {/* One button that becomes Pause and Resume: keyboard focus stays on it as it changes. */}
      <button ref={mainButton} type="button" class={phase !== 'recording' && emphasis ? 'primary' : undefined} aria-disabled={busy} onClick={main.action}>
        {main.label}
      </button>
      {live && (
        <button
          type="button"
          onClick={(event) => {
            const hadFocus = document.activeElement === event.currentTarget;
            void store.stop().then((id) => {
              if (hadFocus) mainButton.current?.focus(); // the Stop button is gone: focus Start recording, not the page
              if (id) onSubmitRecording(id);
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
      {live && <LevelMeter level={store.level} name="Microphone level" />}
      {live && store.callLive.value && <LevelMeter level={store.callLevel} name="Call level" />}
    </div>
  );
}

/**
 * Reads the level signal itself: ten samples a second re-render this bar and nothing else.
 * A meter with a name and a value for assistive technology; the bar is decoration.
 */
function LevelMeter({ level, name }: { level: Signal<number | undefined>; name: string }) {
  if (level.value === undefined) return null; // the browser gives no level: no meter rather than a false "silent"
  const percent = Math.round(level.value * 100);
  return (
    <div
      role="meter"
      aria-label={name}
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

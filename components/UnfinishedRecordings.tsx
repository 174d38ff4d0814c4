import { useEffect, useRef } from 'preact/hooks';
import { formatLength, formatSize, startLabels } from '@/lib/panel/recording-text';
import type { UnfinishedRecording, UnfinishedRecordingsStore } from '@/lib/panel/unfinished-recordings';

export interface UnfinishedRecordingsProps {
  store: UnfinishedRecordingsStore;
  /** "Generate note from recording …": the recording is stored, status `stopped` (or `failed`: sending it failed before). */
  onSubmitRecording(recordingId: string): void;
}

/**
 * Recordings saved on this computer and not yet turned into notes: interrupted ones (the panel or
 * the browser closed mid-visit), stopped ones, ones whose sending failed. Each can be made into a
 * note or discarded; discarding deletes a visit, so it asks first.
 */
export function UnfinishedRecordings({ store, onSubmitRecording }: UnfinishedRecordingsProps) {
  const items = store.items.value;
  const problem = store.problem.value;
  if (items.length === 0 && !problem) return null;
  const labels = startLabels(
    items.map((r) => r.startedAt),
    Date.now(),
  );
  return (
    <section class="card stack" aria-labelledby="unfinished-heading">
      <h2 id="unfinished-heading">Unfinished recordings</h2>
      <p class="hint">Kept on this computer, encrypted, until a note is made from them or you discard them.</p>
      <p aria-live="polite" class="notice">
        {store.notice.value}
      </p>
      <ul class="items recordings">
        {items.map((recording, i) => (
          <RecordingItem
            key={recording.id}
            recording={recording}
            label={labels[i]!}
            confirming={store.confirming.value === recording.id}
            audioUrl={store.listening.value?.id === recording.id ? store.listening.value.url : undefined}
            onListen={() => void store.listen(recording.id)}
            onCloseListen={store.stopListening}
            onGenerate={() => {
              store.hide(recording.id);
              onSubmitRecording(recording.id);
            }}
            onAskDiscard={() => store.askDiscard(recording.id)}
            onCancel={store.cancelDiscard}
            onDiscard={() => void store.discard(recording.id)}
          />
        ))}
      </ul>
      {problem && (
        <div role="alert" class="alert">
          <p>{problem.message}</p>
          <p>{problem.nextStep}</p>
        </div>
      )}
    </section>
  );
}

interface RecordingItemProps {
  recording: UnfinishedRecording;
  label: string;
  confirming: boolean;
  /** Set while the clinician listens to it. */
  audioUrl: string | undefined;
  onListen(): void;
  onCloseListen(): void;
  onGenerate(): void;
  onAskDiscard(): void;
  onCancel(): void;
  onDiscard(): void;
}

function RecordingItem({ recording, label, confirming, audioUrl, onListen, onCloseListen, onGenerate, onAskDiscard, onCancel, onDiscard }: RecordingItemProps) {
  const keep = useRef<HTMLButtonElement>(null);
  const discard = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Into the question on the safe answer; back to Discard when it is answered "keep".
    if (confirming) keep.current?.focus();
    else if (wasConfirming.current) discard.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const length = recording.durationMs > 0 ? formatLength(recording.durationMs) : 'length unknown';
  const facts = [length, formatSize(recording.byteLength), recording.patient?.name && `for ${recording.patient.name}`].filter(Boolean).join(' · ');
  return (
    <li class="stack recording-item">
      <p>
        <strong>Started {label}</strong> · {facts}
      </p>
      <p class="hint">{statusLine(recording)}</p>
      {recording.liveElsewhere ? null : confirming ? (
        <div role="group" aria-label={`Discard recording ${label}?`} class="stack">
          <p>Delete this recording ({length}) for good? The visit cannot be recovered after this.</p>
          <div class="row">
            <button type="button" ref={keep} onClick={onCancel}>
              Keep recording {label}
            </button>
            <button type="button" class="danger" onClick={onDiscard}>
              Yes, discard recording {label}
            </button>
          </div>
        </div>
      ) : (
        <div class="row">
          {!recording.tooShort && (
            <button type="button" class="primary" onClick={onGenerate}>
              Generate note from recording {label}
            </button>
          )}
          {audioUrl ? (
            <button type="button" onClick={onCloseListen}>
              Close player {label}
            </button>
          ) : (
            <button type="button" onClick={onListen} disabled={recording.byteLength === 0}>
              Listen to recording {label}
            </button>
          )}
          <button type="button" ref={discard} onClick={onAskDiscard}>
            Discard recording {label}
          </button>
        </div>
      )}
      {audioUrl && !recording.liveElsewhere && <audio controls src={audioUrl} aria-label={`Recording ${label}`} class="player" />}
    </li>
  );
}

function statusLine(recording: UnfinishedRecording): string {
  if (recording.liveElsewhere) return 'Being recorded in another Chartside window.';
  const parts: string[] = [];
  if (recording.interrupted) parts.push('Interrupted: the panel or the browser closed while recording. Everything saved up to then is kept.');
  if (recording.status === 'failed') parts.push('Sending it for a note failed. Nothing was lost: try again.');
  if (recording.truncated) parts.push('Part of it could not be saved; it is whole up to its length shown.');
  if (recording.tooShort) parts.push('Under 5 seconds: too short for a note.');
  if (parts.length === 0) parts.push('Waiting to be made into a note.');
  return parts.join(' ');
}

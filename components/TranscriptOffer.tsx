/**
 * Shown when a recording's note came back with its transcript while the Transcript box already
 * held the clinician's text: the transcript is offered, never written over what they typed.
 */
export function TranscriptOffer({ onUse, onKeep }: { onUse(): void; onKeep(): void }) {
  return (
    <div role="group" aria-label="Transcript of the recording" class="stack">
      <p class="hint" style={{ margin: 0 }}>
        The transcript of the recording is ready. The Transcript box already has your text, so it was left as it is.
      </p>
      <div class="row">
        <button type="button" onClick={onUse}>
          Use the recording’s transcript
        </button>
        <button type="button" onClick={onKeep}>
          Keep my text
        </button>
      </div>
    </div>
  );
}

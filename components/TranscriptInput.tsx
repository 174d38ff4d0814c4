import type { Signal } from '@preact/signals';
import { MIN_TRANSCRIPT_LENGTH } from '@/lib/api/schemas';

export interface TranscriptInputProps {
  transcript: Signal<string>;
  length: number;
  /**
   * Once the note is the view, the transcript shrinks to a line with its length; `open` shows the
   * box again. Undefined: always shown (no note yet).
   */
  fold?: { open: boolean; onToggle(open: boolean): void };
}

export function TranscriptInput({ transcript, length, fold }: TranscriptInputProps) {
  const short = length > 0 && length < MIN_TRANSCRIPT_LENGTH;
  const hidden = fold !== undefined && !fold.open;
  return (
    <div>
      {fold ? (
        <div class="row disclosure-line">
          <span id="transcript-line">
            <strong>Transcript</strong>
            <span class="hint"> · {length === 0 ? 'empty' : `${length.toLocaleString()} characters`}</span>
          </span>
          <button type="button" class="link" aria-expanded={fold.open} aria-controls="transcript-box" onClick={() => fold.onToggle(!fold.open)}>
            {fold.open ? 'Hide transcript' : 'Show transcript'}
          </button>
        </div>
      ) : (
        <label for="transcript">Transcript</label>
      )}
      <div id="transcript-box" hidden={hidden}>
        {fold && (
          <label for="transcript" class="visually-hidden">
            Transcript
          </label>
        )}
        <textarea
          id="transcript"
          rows={8}
          value={transcript.value}
          onInput={(e) => (transcript.value = e.currentTarget.value)}
          aria-describedby="transcript-hint"
          placeholder="Paste the visit transcript, dictation or shorthand notes."
        />
        <p id="transcript-hint" class="hint">
          {length === 0
            ? `Type, paste or dictate the visit: at least ${MIN_TRANSCRIPT_LENGTH} characters.`
            : short
              ? `${length} of the ${MIN_TRANSCRIPT_LENGTH} characters the API needs at least.`
              : `${length.toLocaleString()} characters.`}
        </p>
      </div>
    </div>
  );
}

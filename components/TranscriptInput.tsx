import type { Signal } from '@preact/signals';
import { MIN_TRANSCRIPT_LENGTH } from '@/lib/api/schemas';

export interface TranscriptInputProps {
  transcript: Signal<string>;
  length: number;
  /**
   * Once the note is the view, the transcript shrinks to one line with its length; `open` (or
   * clicking into the line) shows the whole box again. Undefined: always whole (no note yet).
   */
  fold?: { open: boolean; onToggle(open: boolean): void };
}

/**
 * The visit as typed, pasted or returned with a recording. Shrunk, it is still the same box, one
 * line high: what it holds stays readable and editable, and nothing that finds it by name loses it.
 */
export function TranscriptInput({ transcript, length, fold }: TranscriptInputProps) {
  const short = length > 0 && length < MIN_TRANSCRIPT_LENGTH;
  const shrunk = fold !== undefined && !fold.open;
  const count = length === 0 ? 'empty' : `${length.toLocaleString('en-US')} characters`;
  return (
    <div class={shrunk ? 'transcript shrunk' : 'transcript'}>
      <div class="row disclosure-line">
        <label for="transcript" style={{ margin: 0 }}>
          Transcript
        </label>
        {fold && (
          <>
            <span class="hint" style={{ margin: 0 }}>
              {count}
            </span>
            <button type="button" class="link" aria-expanded={fold.open} aria-controls="transcript" onClick={() => fold.onToggle(!fold.open)}>
              {fold.open ? 'Shrink transcript' : 'Show transcript'}
            </button>
          </>
        )}
      </div>
      <textarea
        id="transcript"
        rows={shrunk ? 1 : 8}
        value={transcript.value}
        onInput={(e) => (transcript.value = e.currentTarget.value)}
        onFocus={() => shrunk && fold.onToggle(true)}
        aria-describedby="transcript-hint"
        placeholder="Paste the visit transcript, dictation or shorthand notes."
      />
      <p id="transcript-hint" class={shrunk ? 'visually-hidden' : 'hint'}>
        {length === 0
          ? `Type, paste or dictate the visit: at least ${MIN_TRANSCRIPT_LENGTH} characters.`
          : short
            ? `${length} of the ${MIN_TRANSCRIPT_LENGTH} characters the API needs at least.`
            : `${length.toLocaleString()} characters.`}
      </p>
    </div>
  );
}

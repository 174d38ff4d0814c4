import type { Signal } from '@preact/signals';
import { MIN_TRANSCRIPT_LENGTH } from '@/lib/api/schemas';

export function TranscriptInput({ transcript, length }: { transcript: Signal<string>; length: number }) {
  const short = length > 0 && length < MIN_TRANSCRIPT_LENGTH;
  return (
    <div>
      <label for="transcript">Transcript</label>
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
  );
}

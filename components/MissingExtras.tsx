import type { PanelStore } from '@/lib/panel/panel-store';
import { describeExtras } from '@/lib/note/requested-extras';

/**
 * Extras that were asked for (Include billing codes, Include patient summary) and did not come with
 * the note: said in words, never left out silently, with a way to get them that says what it costs.
 */
export function MissingExtras({ store }: { store: PanelStore }) {
  const missing = store.missingExtras.value;
  const asked = store.extrasRequest.value;
  if (missing.length === 0 || store.locked.value) return null;
  const what = describeExtras(missing);
  const running = asked?.status === 'running';
  return (
    <section class="stack notice" aria-labelledby="missing-extras-heading">
      <h2 id="missing-extras-heading">Not sent with the note</h2>
      <p style={{ margin: 0 }}>
        You asked for the {what}, but the SOAP Note API did not send {missing.length === 1 ? 'it' : 'them'} with this note.
      </p>
      <p class="hint" id="missing-extras-cost" style={{ margin: 0 }}>
        Getting {missing.length === 1 ? 'it' : 'them'} makes a new note from the same transcript, billed as a new note; only its {what} {missing.length === 1 ? 'is' : 'are'} added here, and your note stays as it is. From now on, notes with {what} from this API address arrive whole rather than section by section.
      </p>
      {store.extrasNeedTranscript.value && store.recordingId.value !== undefined && (
        <p style={{ margin: 0 }} id="missing-extras-transcript">
          This note came from a recording, and its transcript is not in the Transcript box. Type or paste what was said in the visit there first.
        </p>
      )}
      <div class="row">
        <button type="button" onClick={store.getMissingExtras} disabled={running} aria-describedby="missing-extras-cost">
          {running ? `Getting the ${what}…` : `Get the ${what}`}
        </button>
      </div>
      {running && <p role="status" class="hint" style={{ margin: 0 }}>Making a new note for the {what}…</p>}
      {asked?.status === 'error' && asked.error && (
        <div role="alert" class="alert">
          <p>{asked.error.message}</p>
          <p>{asked.error.nextStep}</p>
        </div>
      )}
    </section>
  );
}

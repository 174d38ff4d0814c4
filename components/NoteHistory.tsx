import { useEffect } from 'preact/hooks';
import type { Specialty } from '@/lib/api/specialties';
import { describePatient } from '@/lib/ehr/same-patient';
import { clockTime, expiryText } from '@/lib/panel/expiry-text';
import type { NoteHistoryStore } from '@/lib/panel/note-history-store';
import { HistoryAlert } from './HistoryAlert';

/**
 * The notes made in this browser session (gone when the browser closes): time, patient, specialty,
 * how long the API keeps each, and Reopen (GET /v1/note/:noteId) into the section boxes.
 */
export function NoteHistory({ store, specialties, onOpenSettings }: { store: NoteHistoryStore; specialties: Specialty[]; onOpenSettings(): void }) {
  useEffect(() => {
    const timer = setInterval(store.tick, 30_000);
    return () => clearInterval(timer);
  }, [store]);
  const entries = store.entries.value;
  const now = store.clock.value;
  const pending = store.pending.value;
  const label = (id: string | undefined) => (id ? (specialties.find((s) => s.id === id)?.label ?? id) : 'specialty not recorded');
  return (
    <section aria-label="Note history" class="stack card">
      <h2 style={{ margin: 0 }}>Note history</h2>
      <p class="hint">Notes made in this browser session. The list is cleared when the browser closes, or after the time without activity chosen in Settings; the SOAP Note API deletes each note when it expires.</p>
      {entries.length === 0 ? (
        <p class="hint">No notes yet.</p>
      ) : (
        <ul class="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {entries.map((entry) => {
            const when = clockTime(entry.completedAt);
            return (
              <li key={entry.jobId} class="row" style={{ justifyContent: 'space-between' }}>
                <span>
                  {when} · {entry.patient ? describePatient(entry.patient) : 'patient not recorded'} · {label(entry.specialty)} ·{' '}
                  <span>{expiryText(entry.expiresAt, now, entry.gone)}</span>
                </span>
                <button type="button" onClick={() => void store.reopen(entry)} disabled={store.reopening.value !== undefined}>
                  Reopen note from {when}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {store.reopening.value && <p role="status">Fetching the note from the SOAP Note API…</p>}
      {pending && (
        <div class="stack alert" role="group" aria-label="Replace the note?">
          <p>The section boxes hold a different or edited note. Replace it with the note from {clockTime(pending.entry.completedAt)}? What is in the boxes now will be lost.</p>
          <div class="actions">
            <button type="button" onClick={store.confirmReplace}>
              Replace note
            </button>
            <button type="button" onClick={store.cancelReplace}>
              Keep current note
            </button>
          </div>
        </div>
      )}
      {store.error.value && <HistoryAlert error={store.error.value} onOpenSettings={onOpenSettings} />}
      {store.notice.value && <p role="status">{store.notice.value}</p>}
    </section>
  );
}

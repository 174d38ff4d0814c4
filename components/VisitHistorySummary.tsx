import { diagnosisText, type VisitHistoryStore } from '@/lib/panel/visit-history-store';
import { CopyButton } from './CopyButton';
import { HistoryAlert } from './HistoryAlert';

/**
 * The visit-history summary: the patient's prior visits (from the chart, and notes made this
 * session), a focus, and the API's summary with key findings and active diagnoses. Works before the
 * visit starts: no transcript needed.
 */
export function VisitHistorySummary({ store, disabled, onOpenSettings }: { store: VisitHistoryStore; disabled: boolean; onOpenSettings(): void }) {
  const visits = store.visits.value;
  const excluded = store.excluded.value;
  const busy = store.busy.value;
  const result = store.result.value;
  const error = store.error.value;
  return (
    <section aria-label="Visit history" class="stack card">
      <h2 style={{ margin: 0 }}>Visit history</h2>
      {visits.length === 0 ? (
        <p class="hint">No prior visits yet: none were read from the chart, and no note was made for this patient in this browser session.</p>
      ) : (
        <fieldset class="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend class="hint">Visits to summarize</legend>
          {visits.map((v) => (
            <label class="checkbox" key={v.id} title={v.reason}>
              <input
                type="checkbox"
                checked={v.visit !== undefined && !excluded.has(v.id)}
                disabled={v.visit === undefined || busy || disabled}
                onChange={(e) => store.setIncluded(v.id, e.currentTarget.checked)}
              />
              <span>{v.label}</span>
              {v.reason && <span class="hint"> ({v.reason})</span>}
            </label>
          ))}
        </fieldset>
      )}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void store.summarize();
        }}
      >
        <label class="stack" style={{ gap: '0.2rem' }}>
          <span>Focus</span>
          <input type="text" value={store.focus.value} placeholder="e.g. diabetes management" onInput={(e) => (store.focus.value = e.currentTarget.value)} />
        </label>
        <div class="row">
          <button type="submit" disabled={busy || disabled}>
            Summarize visit history
          </button>
        </div>
      </form>
      {busy && <p role="status">Working on the visit history…</p>}
      {error && <HistoryAlert error={error} onOpenSettings={onOpenSettings} onRetry={() => void store.summarize()} />}
      {result && (
        <div class="stack" aria-label="Visit history summary" role="group">
          <h3 style={{ margin: 0 }}>Summary</h3>
          <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{result.summary}</p>
          <h3 style={{ margin: 0 }}>Key findings</h3>
          {result.key_findings.length > 0 ? (
            <ul aria-label="Key findings">{result.key_findings.map((f, i) => <li key={i}>{f}</li>)}</ul>
          ) : (
            <p class="hint">None listed.</p>
          )}
          <h3 style={{ margin: 0 }}>Active diagnoses</h3>
          {result.active_diagnoses.length > 0 ? (
            <ul aria-label="Active diagnoses">{result.active_diagnoses.map((d, i) => <li key={i}>{diagnosisText(d)}</li>)}</ul>
          ) : (
            <p class="hint">None listed.</p>
          )}
          <div class="row">
            <CopyButton label="Copy summary" content={store.clipboard} />
            <button type="button" onClick={() => void store.insert()} disabled={busy}>
              Insert summary
            </button>
            <span class="hint" style={{ margin: 0 }}>into the EHR’s Subjective field</span>
          </div>
          {store.notice.value && <p role="status">{store.notice.value}</p>}
        </div>
      )}
    </section>
  );
}

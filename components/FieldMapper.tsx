import { describeLocator } from '@/lib/ehr/taught-fields/taught-field';
import type { FieldTarget } from '@/lib/messaging/insert';
import { MAPPED_FIELD_NAMES } from '@/lib/panel/mapped-field-names';
import type { FieldMappingStore } from '@/lib/panel/field-mapping-store';


/**
 * Map fields: teach Chartside which field of this page takes which section, on a site no adapter
 * knows. While a step waits, the page outlines fields under the pointer; a click (or Enter in the
 * field) teaches it.
 */
export function FieldMapper({ store }: { store: FieldMappingStore }) {
  const state = store.state.value;
  const map = store.map.value;
  const error = store.error.value;
  const taught = map ? (Object.keys(map.fields) as FieldTarget[]) : [];
  return (
    <section aria-labelledby="field-map-heading" class="stack">
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="field-map-heading">Fields on this page</h2>
        {state.kind !== 'picking' && (
          <button type="button" onClick={() => void store.start()}>
            Map fields
          </button>
        )}
      </div>
      {state.kind === 'picking' && (
        <div class="stack">
          <p role="status" class="status">
            Click the {MAPPED_FIELD_NAMES[state.steps[state.index]!]} field in the page, or press Enter in it
            {state.steps.length > 1 ? ` (step ${state.index + 1} of ${state.steps.length})` : ''}.
          </p>
          <div class="row">
            <button type="button" onClick={() => void store.skip()}>
              Skip {MAPPED_FIELD_NAMES[state.steps[state.index]!]}
            </button>
            {state.index === 0 && state.steps.length > 1 && (
              <button type="button" onClick={() => void store.wholeNote()}>
                One field for the whole note
              </button>
            )}
            <button type="button" onClick={() => void store.cancel()}>
              Cancel mapping
            </button>
          </div>
        </div>
      )}
      {state.kind === 'finished' && (
        <p role="status" class="status">
          {state.taught.length > 0
            ? `Mapped ${state.taught.map((t) => MAPPED_FIELD_NAMES[t]).join(', ')}. Insert now uses these fields on this site.`
            : 'Nothing was mapped.'}
        </p>
      )}
      {state.kind === 'cancelled' && (
        <p role="status" class="status">
          Mapping cancelled; nothing changed.
        </p>
      )}
      {state.kind === 'no-access' && (
        <div role="alert" class="alert">
          <p>Chartside cannot see this page’s fields: it is not enabled on this site.</p>
          <p>Press Enable on this site in Patient context, then Map fields again.</p>
        </div>
      )}
      {error && (
        <div role="alert" class="alert">
          <p>{error.message}</p>
          <p>{error.nextStep}</p>
        </div>
      )}
      {map && taught.length > 0 && (
        <ul class="items" aria-label="Mapped fields">
          {taught.map((target) => {
            const field = map.fields[target]!;
            return (
              <li key={target}>
                <strong>{MAPPED_FIELD_NAMES[target]}</strong>: {describeLocator(field.locators[0]!)}
                {field.fragile && <span class="hint"> (found by its place on the page: map it again if the page changes)</span>}
              </li>
            );
          })}
        </ul>
      )}
      {!map && state.kind === 'idle' && <p class="hint">Where Insert finds no fields, teach them once per site with Map fields.</p>}
    </section>
  );
}

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { z } from 'zod/mini';
import { describeLocator } from '@/lib/ehr/taught-fields/taught-field';
import type { FieldTarget } from '@/lib/messaging/insert';
import { MAPPED_FIELD_NAMES } from '@/lib/panel/mapped-field-names';
import { FieldMapListSchema, requestBackground, ReteachOutcomeSchema } from '@/lib/messaging/request-background';
import type { FieldMap } from '@/lib/storage/field-maps';


/**
 * The options page's list of fields taught with Map fields, per site: where each is found, which
 * ones only by position (fragile), and buttons to teach one again or forget it.
 */
export function FieldMapList({ onOutcome }: { onOutcome(tone: 'ok' | 'error', text: string): void }) {
  const maps = useSignal<FieldMap[]>([]);
  const refresh = () =>
    requestBackground({ type: 'field-maps:list' }, FieldMapListSchema).then((r) => {
      if (r.ok) maps.value = r.data;
    });
  useEffect(() => void refresh(), []);

  async function forget(site: string, target?: FieldTarget) {
    const r = await requestBackground({ type: 'field-maps:delete', site, ...(target ? { target } : {}) }, z.object({ deleted: z.literal(true) }));
    if (!r.ok) return onOutcome('error', `${r.error.message} ${r.error.nextStep}`);
    onOutcome('ok', target ? `Forgot the ${MAPPED_FIELD_NAMES[target]} field on ${site}.` : `Forgot every mapped field on ${site}.`);
    await refresh();
  }

  async function reteach(site: string, target?: FieldTarget) {
    const r = await requestBackground({ type: 'field-maps:reteach', site, ...(target ? { target } : {}) }, ReteachOutcomeSchema);
    if (!r.ok) return onOutcome('error', `${r.error.message} ${r.error.nextStep}`);
    if (!r.data.opened) onOutcome('error', `No tab shows ${site}. Open the page with the note form, then choose Re-teach again.`);
    else onOutcome('ok', 'Chartside opened beside the page: click the field it asks for.');
  }

  return (
    <section class="stack" aria-labelledby="field-maps-heading">
      <h2 id="field-maps-heading">Mapped fields</h2>
      {maps.value.length === 0 ? (
        <p class="hint">None. On a site where Insert finds no fields, use Map fields in the side panel.</p>
      ) : (
        maps.value.map((map) => (
          <div key={map.site} class="stack">
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <h3 style={{ margin: 0 }}>{map.site}</h3>
              <div class="row">
                <button type="button" onClick={() => void reteach(map.site)}>
                  Re-teach all on {map.site}
                </button>
                <button type="button" onClick={() => void forget(map.site)}>
                  Delete mapped fields on {map.site}
                </button>
              </div>
            </div>
            <ul class="items" aria-label={`Mapped fields on ${map.site}`}>
              {(Object.keys(map.fields) as FieldTarget[]).map((target) => {
                const field = map.fields[target]!;
                return (
                  <li key={target} class="row" style={{ justifyContent: 'space-between' }}>
                    <span>
                      <strong>{MAPPED_FIELD_NAMES[target]}</strong>: {describeLocator(field.locators[0]!)}
                      {field.fragile && <span class="badge test"> fragile</span>}
                    </span>
                    <span class="row">
                      <button type="button" aria-label={`Re-teach ${MAPPED_FIELD_NAMES[target]} on ${map.site}`} onClick={() => void reteach(map.site, target)}>
                        Re-teach
                      </button>
                      <button type="button" aria-label={`Delete ${MAPPED_FIELD_NAMES[target]} on ${map.site}`} onClick={() => void forget(map.site, target)}>
                        Delete
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

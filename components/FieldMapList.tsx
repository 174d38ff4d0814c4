import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { z } from 'zod/mini';
import { describeLocator } from '@/lib/ehr/taught-fields/taught-field';
import type { FieldTarget } from '@/lib/messaging/insert';
import { MAPPED_FIELD_NAMES } from '@/lib/panel/mapped-field-names';
import { FieldMapListSchema, requestBackground, ReteachOutcomeSchema } from '@/lib/messaging/request-background';
import type { FieldMap } from '@/lib/storage/field-maps';
import { fieldMapsPolicyValue, readManagedPolicy, SET_BY_ORGANISATION } from '@/lib/storage/managed-policy';
import { browser } from 'wxt/browser';


/**
 * The options page's list of fields taught with Map fields, per site: where each is found, which
 * ones only by position (fragile), and buttons to teach one again or forget it.
 */
export function FieldMapList({ onOutcome }: { onOutcome(tone: 'ok' | 'error', text: string): void }) {
  const maps = useSignal<FieldMap[]>([]);
  /** Sites whose map the organisation's policy sets: shown, not changed here. */
  const managedSites = useSignal<string[]>([]);
  const refresh = () =>
    Promise.all([requestBackground({ type: 'field-maps:list' }, FieldMapListSchema), readManagedPolicy()]).then(([r, { policy }]) => {
      managedSites.value = Object.keys(policy.fieldMaps ?? {});
      if (r.ok) maps.value = r.data;
    });
  useEffect(() => {
    void refresh();
    const onChanged = (_: unknown, area: string) => {
      if (area === 'managed') void refresh();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  /** The map as the value of a policy's fieldMaps setting (docs/deploying.md, "fieldMaps"). */
  async function copyForPolicy(map: FieldMap) {
    try {
      await navigator.clipboard.writeText(fieldMapsPolicyValue(map));
      onOutcome('ok', `Copied the mapped fields of ${map.site}, as a policy's fieldMaps value.`);
    } catch {
      onOutcome('error', 'The browser did not let Chartside copy. Try again.');
    }
  }

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
        maps.value.map((map) => {
          const locked = managedSites.value.includes(map.site);
          return (
          <div key={map.site} class="stack">
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <h3 style={{ margin: 0 }}>{map.site}</h3>
              {locked && <span class="hint managed">{SET_BY_ORGANISATION}</span>}
              <div class="row">
                <button type="button" onClick={() => void copyForPolicy(map)}>
                  Copy for policy: {map.site}
                </button>
                <button type="button" disabled={locked} onClick={() => void reteach(map.site)}>
                  Re-teach all on {map.site}
                </button>
                <button type="button" disabled={locked} onClick={() => void forget(map.site)}>
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
                      <button type="button" disabled={locked} aria-label={`Re-teach ${MAPPED_FIELD_NAMES[target]} on ${map.site}`} onClick={() => void reteach(map.site, target)}>
                        Re-teach
                      </button>
                      <button type="button" disabled={locked} aria-label={`Delete ${MAPPED_FIELD_NAMES[target]} on ${map.site}`} onClick={() => void forget(map.site, target)}>
                        Delete
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
          );
        })
      )}
    </section>
  );
}

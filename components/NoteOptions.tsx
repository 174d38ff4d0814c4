import type { Signal } from '@preact/signals';
import type { Specialty } from '@/lib/api/specialties';
import { templatesFor, type NamedTemplate } from '@/lib/note/named-templates';
import { lazyComponent } from './lazy-module';

// Shown only while the Template box holds an id not kept yet: loaded then.
const TemplateNamer = lazyComponent(() => import('./TemplateNamer').then((m) => m.TemplateNamer));

/** The clinician's named templates (lib/storage/named-templates.ts), all specialties. */
export interface NamedTemplatesProps {
  list: Signal<NamedTemplate[]>;
  /** Keeps the id under the name for the specialty; resolves to the problem's words, or undefined once kept. */
  keep(specialty: string, id: string, name: string): Promise<string | undefined>;
}

export interface NoteOptionsProps {
  specialties: Specialty[];
  specialty: Signal<string>;
  template: Signal<string>;
  includeBillingCodes: Signal<boolean>;
  includePatientSummary: Signal<boolean>;
  /** Free text steering the note; collapsed until wanted (open while it holds text). */
  customInstructions?: Signal<string>;
  disabled: boolean;
  /** Extras the organisation's policy forbids: shown off and locked. */
  forbidden?: { billingCodes: boolean; patientSummary: boolean };
  namedTemplates?: NamedTemplatesProps;
}

export function NoteOptions({ specialties, specialty, template, includeBillingCodes, includePatientSummary, customInstructions, disabled, forbidden, namedTemplates }: NoteOptionsProps) {
  const noBilling = forbidden?.billingCodes ?? false;
  const noSummary = forbidden?.patientSummary ?? false;
  // A specialty saved earlier but missing from today's list is still shown, so it is never silently changed.
  const options = specialties.some((s) => s.id === specialty.value) || !specialty.value
    ? specialties
    : [...specialties, { id: specialty.value, label: specialty.value }];
  const chosenSpecialty = options.find((s) => s.id === specialty.value);
  // This specialty's kept templates, the last used first.
  const mine = namedTemplates ? templatesFor(namedTemplates.list.value, specialty.value) : [];
  const chosenTemplate = template.value.trim();
  const named = mine.find((t) => t.id === chosenTemplate);
  const listed = chosenTemplate === '' || chosenTemplate === 'standard' || (chosenSpecialty?.templates ?? []).some((v) => v.id === chosenTemplate);
  const unkept = !named && !listed;
  return (
    <div class="stack">
      <div class="row" style={{ alignItems: 'flex-end' }}>
        <div style={{ flex: '2 1 10rem' }}>
          <label for="specialty">Specialty</label>
          <select id="specialty" value={specialty.value} disabled={disabled} onChange={(e) => (specialty.value = e.currentTarget.value)}>
            {options.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div style={{ flex: '1 1 7rem' }}>
          <label for="template">Template</label>
          {/* A text box with a list: a combobox that offers the kept templates and still takes any id. */}
          <input
            id="template"
            type="text"
            list="template-choices"
            value={template.value}
            disabled={disabled}
            aria-describedby={named ? 'template-named' : undefined}
            onInput={(e) => (template.value = e.currentTarget.value)}
          />
          <datalist id="template-choices">
            {mine.map((t) => (
              <option key={t.id} value={t.id} label={t.name} />
            ))}
          </datalist>
        </div>
      </div>
      {named && (
        <p id="template-named" class="hint" style={{ marginTop: 0 }}>
          Template: {named.name}
        </p>
      )}
      {namedTemplates && unkept && (
        <TemplateNamer id={chosenTemplate} specialtyLabel={chosenSpecialty?.label ?? specialty.value} disabled={disabled} onKeep={(name) => namedTemplates.keep(specialty.value, chosenTemplate, name)} />
      )}
      <TemplateVariants specialty={chosenSpecialty} template={template} disabled={disabled} />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={includeBillingCodes.value && !noBilling}
          disabled={disabled || noBilling}
          aria-describedby={noBilling ? 'billing-managed' : undefined}
          onChange={(e) => (includeBillingCodes.value = e.currentTarget.checked)}
        />
        <span>Include billing codes</span>
      </label>
      {noBilling && (
        <p id="billing-managed" class="hint" style={{ marginTop: 0 }}>
          Set by your organisation
        </p>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={includePatientSummary.value && !noSummary}
          disabled={disabled || noSummary}
          aria-describedby={noSummary ? 'summary-managed summary-billed' : 'summary-billed'}
          onChange={(e) => (includePatientSummary.value = e.currentTarget.checked)}
        />
        <span>Include patient summary</span>
      </label>
      {noSummary && (
        <p id="summary-managed" class="hint" style={{ marginTop: 0 }}>
          Set by your organisation
        </p>
      )}
      <p id="summary-billed" class="hint" style={{ marginTop: 0 }}>
        The patient summary is billed as an extra output.
      </p>
      {customInstructions && (
        <details open={customInstructions.value.trim() !== ''}>
          <summary>Custom instructions</summary>
          <textarea
            aria-label="Custom instructions"
            aria-describedby="instructions-hint"
            rows={3}
            value={customInstructions.value}
            disabled={disabled}
            onInput={(e) => (customInstructions.value = e.currentTarget.value)}
          />
          <p id="instructions-hint" class="hint">
            Optional: how you want this note written, e.g. “use bullet points in the plan”. Sent with this note only.
          </p>
        </details>
      )}
    </div>
  );
}

/**
 * The template variants the API lists for the chosen specialty, one press each; the Template box
 * still takes any other id (a custom template). Shown only when the API lists more than the default.
 */
function TemplateVariants({ specialty, template, disabled }: { specialty: Specialty | undefined; template: Signal<string>; disabled: boolean }) {
  const variants = specialty?.templates ?? [];
  if (variants.length === 0 || (variants.length === 1 && variants[0]!.id === 'standard')) return null;
  const chosen = template.value.trim() || 'standard';
  return (
    <div role="group" aria-label="Template variants" class="row" style={{ flexWrap: 'wrap', gap: '0.35rem', alignItems: 'baseline' }}>
      <span class="hint">{specialty!.label} templates:</span>
      {variants.map((v) => (
        <button key={v.id} type="button" class="link" aria-pressed={chosen === v.id} disabled={disabled} title={v.id} onClick={() => (template.value = v.id)}>
          {v.label}
        </button>
      ))}
    </div>
  );
}

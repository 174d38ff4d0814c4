import { useSignal } from '@preact/signals';
import { TEMPLATE_NAME_MAX } from '@/lib/note/named-templates';

/**
 * Keeps a custom template id in the Template list under a name the clinician chooses (per
 * specialty). Loaded on demand: shown only while the Template box holds an id not in the list yet.
 */
export function TemplateNamer({ id, specialtyLabel, onKeep, disabled }: { id: string; specialtyLabel: string; onKeep(name: string): Promise<string | undefined>; disabled: boolean }) {
  const name = useSignal('');
  const problem = useSignal<string | undefined>(undefined);
  const keep = async () => {
    problem.value = await onKeep(name.value);
    if (problem.value === undefined) name.value = '';
  };
  return (
    <div class="stack">
      <div class="row" style={{ alignItems: 'flex-end' }}>
        <div style={{ flex: '1 1 10rem' }}>
          <label for="template-name">Template name</label>
          <input
            id="template-name"
            type="text"
            maxLength={TEMPLATE_NAME_MAX}
            value={name.value}
            disabled={disabled}
            aria-describedby="template-name-hint"
            onInput={(e) => (name.value = e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void keep();
              }
            }}
          />
        </div>
        <button type="button" disabled={disabled} onClick={() => void keep()}>
          Keep template
        </button>
      </div>
      <p id="template-name-hint" class="hint" style={{ margin: 0 }}>
        Keeps “{id}” in the Template list for {specialtyLabel} notes under this name, the last used first.
      </p>
      {problem.value && (
        <p role="alert" class="alert">
          {problem.value}
        </p>
      )}
    </div>
  );
}

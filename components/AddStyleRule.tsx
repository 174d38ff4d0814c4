import { useSignal } from '@preact/signals';
import { SECTION_LABELS, SOAP_SECTIONS, isSoapSection } from '@/lib/note/sections';
import type { StyleRule } from '@/lib/note/style-rules';
import type { RulesSaved } from '@/lib/storage/style-rules';

export interface AddStyleRuleProps {
  /** The specialty chosen in the panel: a rule may be kept for it only. */
  specialty: { id: string; label: string };
  onAdd(rule: StyleRule): Promise<RulesSaved>;
}

/** One style rule added from the panel, saved with the others (edited in full in the options page). */
export function AddStyleRule({ specialty, onAdd }: AddStyleRuleProps) {
  const text = useSignal('');
  const section = useSignal('');
  const onlyThis = useSignal(false);
  const said = useSignal<{ tone: 'ok' | 'error'; text: string } | undefined>(undefined);
  const busy = useSignal(false);

  async function add() {
    const body = text.value.trim();
    if (body === '') return void (said.value = { tone: 'error', text: 'Write the rule first, e.g. “as a numbered list”.' });
    busy.value = true;
    try {
      const rule: StyleRule = { text: body, ...(isSoapSection(section.value) && { section: section.value }), ...(onlyThis.value && { specialty: specialty.id }) };
      const saved = await onAdd(rule);
      if (!saved.ok) return void (said.value = { tone: 'error', text: saved.message });
      text.value = '';
      const scope = `${rule.section ? SECTION_LABELS[rule.section] : 'the whole note'}${rule.specialty ? `, ${specialty.label} notes only` : ''}`;
      said.value = { tone: 'ok', text: `Rule saved (${scope}): it is sent with the next note.` };
    } finally {
      busy.value = false;
    }
  }

  return (
    <details>
      <summary>Add a style rule</summary>
      <div class="stack">
        <div>
          <label for="new-style-rule">New style rule</label>
          <input
            id="new-style-rule"
            type="text"
            value={text.value}
            aria-describedby="new-style-rule-hint"
            onInput={(e) => (text.value = e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter adds the rule; it must not submit the note form around it (that generates a note).
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
          />
          <p id="new-style-rule-hint" class="hint">
            Sent with every note from now on. Edit or remove rules in Chartside settings.
          </p>
        </div>
        <div>
          <label for="new-style-rule-section">Rule applies to</label>
          <select id="new-style-rule-section" value={section.value} onChange={(e) => (section.value = e.currentTarget.value)}>
            <option value="">Whole note</option>
            {SOAP_SECTIONS.map((s) => (
              <option key={s} value={s}>
                {SECTION_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <label class="checkbox">
          <input type="checkbox" checked={onlyThis.value} onChange={(e) => (onlyThis.value = e.currentTarget.checked)} />
          <span>Only for {specialty.label} notes</span>
        </label>
        <button type="button" disabled={busy.value} onClick={() => void add()}>
          Add rule
        </button>
        {/* Always in the page, so the words are announced when they change. */}
        <div aria-live="polite">
          {said.value && (
            <p class={said.value.tone === 'error' ? 'alert' : 'hint'} role={said.value.tone === 'error' ? 'alert' : undefined}>
              {said.value.text}
            </p>
          )}
        </div>
      </div>
    </details>
  );
}

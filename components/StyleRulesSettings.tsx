import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FALLBACK_SPECIALTIES, type Specialty } from '@/lib/api/specialties';
import { requestBackground, SpecialtyListSchema } from '@/lib/messaging/request-background';
import { MAX_INSTRUCTIONS_LENGTH, type StyleRule } from '@/lib/note/style-rules';
import { exportRules, importRules, parseRuleLines, ruleLinesText } from '@/lib/note/style-rules-editing';
import { loadSettings } from '@/lib/storage/settings';
import { saveStyleRules } from '@/lib/storage/style-rules';
import { SET_BY_ORGANISATION } from '@/lib/storage/managed-policy';

/** The rules as the two boxes edit them: every note's, and each specialty's (by id). */
interface RuleTexts {
  all: string;
  bySpecialty: Record<string, string>;
}

function textsOf(rules: readonly StyleRule[]): RuleTexts {
  const ids = [...new Set(rules.flatMap((r) => (r.specialty === undefined ? [] : [r.specialty])))];
  return {
    all: ruleLinesText(rules.filter((r) => r.specialty === undefined)),
    bySpecialty: Object.fromEntries(ids.map((id) => [id, ruleLinesText(rules.filter((r) => r.specialty === id))])),
  };
}

function rulesOf(texts: RuleTexts): StyleRule[] {
  return [...parseRuleLines(texts.all), ...Object.entries(texts.bySpecialty).flatMap(([id, text]) => parseRuleLines(text, id))];
}

/**
 * The options page's style rules: written as text, one rule a line, for every note and per
 * specialty; "Plan: …" scopes a line to one section. Saved with Save rules; exported and imported
 * as a JSON file (an import replaces the saved rules, and a bad file changes nothing).
 */
export function StyleRulesSettings({ onOutcome }: { onOutcome(tone: 'ok' | 'error', text: string): void }) {
  const texts = useSignal<RuleTexts>({ all: '', bySpecialty: {} });
  const specialties = useSignal<readonly Specialty[]>(FALLBACK_SPECIALTIES);
  const chosen = useSignal('physician');
  const busy = useSignal(false);
  /** The saved rules are in the boxes: typing before that would be written over. */
  const loaded = useSignal(false);
  /** The organisation's policy sets the rules: shown, not editable. */
  const managed = useSignal(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const read = () =>
      loadSettings().then((s) => {
        managed.value = s.managed?.includes('styleRules') ?? false;
        // The clinician's unsaved typing is kept, unless the rules are (or stop being) the organisation's.
        if (!loaded.value || managed.value || s.managed === undefined) texts.value = textsOf(s.styleRules);
        loaded.value = true;
      });
    void read();
    const onChanged = (_: unknown, area: string) => {
      if (area === 'managed') void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    void requestBackground({ type: 'specialties:list' }, SpecialtyListSchema).then((r) => {
      if (r.ok && r.data.length > 0) specialties.value = r.data;
    });
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  const locked = !loaded.value || managed.value;

  const label = (id: string) => specialties.value.find((s) => s.id === id)?.label ?? id;
  const count = (n: number) => `${n} style rule${n === 1 ? '' : 's'}`;

  async function save(rules: StyleRule[], done: (saved: StyleRule[]) => string) {
    busy.value = true;
    try {
      const saved = await saveStyleRules(rules);
      if (!saved.ok) return onOutcome('error', saved.message.replace(/ for ([a-z_]+) /, (_, id: string) => ` for ${label(id)} `));
      texts.value = textsOf(saved.rules);
      onOutcome('ok', done(saved.rules));
    } finally {
      busy.value = false;
    }
  }

  function exportFile() {
    const rules = rulesOf(texts.value);
    const url = URL.createObjectURL(new Blob([exportRules(rules)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'chartside-style-rules.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    onOutcome('ok', `Exported ${count(rules.length)} to chartside-style-rules.json.`);
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    const read = importRules(await file.text());
    if (!read.ok) return onOutcome('error', read.message);
    await save(read.rules, (saved) => `Imported ${count(saved.length)} from ${file.name}; they replace the rules you had.`);
  }

  const specialtyText = texts.value.bySpecialty[chosen.value] ?? '';
  return (
    <section class="stack" aria-labelledby="style-rules-heading">
      <h2 id="style-rules-heading">Style rules</h2>
      <p class="hint" id="style-rules-hint">
        How you want every note written, sent with each note. One rule a line; start a line with a section’s name and a colon
        to apply it to that section only, e.g. “Plan: as a numbered list.”; other lines apply to the whole note. All rules and
        a note’s custom instructions together may have up to {MAX_INSTRUCTIONS_LENGTH.toLocaleString('en')} characters.
      </p>
      {managed.value && (
        <p class="hint managed" id="style-rules-managed">
          {SET_BY_ORGANISATION}
        </p>
      )}
      <div>
        <label for="style-rules-all">Style rules</label>
        <textarea
          id="style-rules-all"
          rows={4}
          disabled={locked}
          aria-describedby={managed.value ? 'style-rules-managed style-rules-hint' : 'style-rules-hint'}
          value={texts.value.all}
          onInput={(e) => (texts.value = { ...texts.value, all: e.currentTarget.value })}
        />
        <p class="hint">For notes of every specialty.</p>
      </div>
      <div>
        <label for="style-rules-specialty-choice">Rules for specialty</label>
        <select id="style-rules-specialty-choice" value={chosen.value} onChange={(e) => (chosen.value = e.currentTarget.value)}>
          {specialties.value.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
              {texts.value.bySpecialty[s.id]?.trim() ? ' (has rules)' : ''}
            </option>
          ))}
        </select>
        <label for="style-rules-specialty">Specialty style rules</label>
        <textarea
          id="style-rules-specialty"
          rows={3}
          disabled={locked}
          aria-describedby="style-rules-specialty-hint"
          value={specialtyText}
          onInput={(e) => (texts.value = { ...texts.value, bySpecialty: { ...texts.value.bySpecialty, [chosen.value]: e.currentTarget.value } })}
        />
        <p class="hint" id="style-rules-specialty-hint">
          Only for {label(chosen.value)} notes, sent after the rules above.
        </p>
      </div>
      <div class="row">
        <button type="button" class="primary" disabled={busy.value || locked} onClick={() => void save(rulesOf(texts.value), (saved) => `Saved ${count(saved.length)}.`)}>
          Save rules
        </button>
        <button type="button" disabled={busy.value || !loaded.value} onClick={exportFile}>
          Export rules
        </button>
        <button type="button" disabled={busy.value || locked} aria-describedby="import-rules-hint" onClick={() => fileInput.current?.click()}>
          Import rules
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Rules file"
          class="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const input = e.currentTarget;
            void importFile(input.files?.[0]).finally(() => (input.value = ''));
          }}
        />
      </div>
      <p class="hint" id="import-rules-hint">
        Export saves the rules shown here as a JSON file; Import reads such a file and replaces the saved rules with its rules.
      </p>
    </section>
  );
}

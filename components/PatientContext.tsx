import { useState } from 'preact/hooks';
import { apiAge, apiChatRole } from '@/lib/api/request-values';
import type { ChartContext, ChartItem, ItemSource, PatientIdentity } from '@/lib/ehr/chart-context';
import type { ChartStore } from '@/lib/panel/chart-store';
import { AGE_ID, GENDER_ID, NAME_ID, NKDA_ID, NKDA_TEXT, type ManualContext } from '@/lib/panel/request-context';
import { countSentLines, sentLinesText } from '@/lib/panel/sent-count';
import { Disclosure } from './Disclosure';
import { capitalize, PatientLine } from './PatientLine';

const GROUPS: { kind: ChartItem['kind']; title: string }[] = [
  { kind: 'medication', title: 'Medications' },
  { kind: 'allergy', title: 'Allergies' },
  { kind: 'problem', title: 'Problems and history' },
  { kind: 'history', title: 'Other history' },
];

export interface PatientContextProps {
  store: ChartStore;
  disabled: boolean;
  /** Who the note in the panel was written for: the patient line warns when the chart shows someone else. */
  notePatient?: PatientIdentity | undefined;
}

/**
 * The patient in one line at the top of the panel, and what will be sent with the transcript. The
 * list folds to a count ("12 items will be sent · Review") so the main job stays on one screen;
 * opened, each line has its checkbox (checked = sent) and there is room to type what the chart does
 * not show. What is checked here is exactly what is sent.
 */
export function PatientContext({ store, disabled, notePatient }: PatientContextProps) {
  // Folded on every panel open: the count says what goes, the list is one press away.
  const [open, setOpen] = useState(false);
  const site = store.site.value;
  const chart = store.chart.value;
  const reading = store.readState.value === 'reading';
  const enabling = store.enabling.value;
  const excluded = store.excluded.value;
  const noChart = store.readState.value === 'done' && !store.found.value;
  const check = (id: string) => !excluded.has(id);

  const found = Boolean(chart && store.found.value);
  const manualEntry = (
    <ManualEntry
      manual={store.manual.value}
      // Typed demographics matter where nothing was read; before a read they would only crowd the panel.
      demographics={noChart || site?.kind === 'unsupported' || site?.kind === 'unknown' ? 'open' : store.found.value ? 'none' : 'folded'}
      disabled={disabled}
      onChange={(m) => (store.manual.value = m)}
    />
  );
  return (
    <section aria-label="Patient context" class={`stack card patient-context${found && !open ? ' folded' : ''}`}>
      <div class="row patient-head">
        <h2 class="visually-hidden">Patient context</h2>
        {found ? <PatientLine chart={chart!} notePatient={notePatient} /> : <span class="patient-line-empty">Patient context</span>}
        {site?.kind === 'enabled' && (
          // Stays pressable while a read runs: a press joins it (lib/panel/chart-store.ts), and is answered with it.
          <button type="button" class="compact" onClick={() => void store.read()} aria-busy={reading}>
            Read chart
          </button>
        )}
      </div>

      {site?.kind === 'disabled' && (
        <div class="stack">
          <p class="hint">Chartside does not read {site.origin} yet. Enable it to bring in the patient’s medications, allergies and history.</p>
          <div>
            <button type="button" class="primary" onClick={() => void store.enable()} disabled={enabling} aria-busy={enabling}>
              Enable on this site
            </button>
          </div>
        </div>
      )}
      {site?.kind === 'unknown' && (
        <p class="hint">To read the chart in this tab, click the Chartside toolbar button while the tab is open.</p>
      )}
      {site?.kind === 'unsupported' && <p class="hint">This page cannot be read. Type the patient’s details below if the note needs them.</p>}
      {enabling && <p role="status">Enabling Chartside on {site?.kind === 'disabled' ? site.origin : 'this site'}…</p>}
      {reading && <p role="status">Reading the chart…{store.slowRead.value && ' The page is slow to answer; still waiting.'}</p>}
      {store.problem.value && (
        <div role="alert" class="alert">
          <p>{store.problem.value.message}</p>
          <p>{store.problem.value.nextStep}</p>
        </div>
      )}
      {noChart && <p>No chart was found on this page. Type what the note should know below.</p>}

      {found ? (
        <Disclosure
          label="Review"
          summary={sentLinesText(countSentLines({ chart, excluded, manual: store.manual.value, omitName: store.omitName.value }))}
          summaryFirst
          open={open}
          onToggle={setOpen}
          id="patient-context-items"
        >
          <ChartItems chart={chart!} check={check} disabled={disabled} onToggle={store.setIncluded} omitName={store.omitName.value} onOmitName={store.setOmitName} />
          {manualEntry}
        </Disclosure>
      ) : (
        manualEntry
      )}
    </section>
  );
}

interface ChartItemsProps {
  chart: ChartContext;
  check(id: string): boolean;
  disabled: boolean;
  onToggle(id: string, on: boolean): void;
  omitName: boolean;
  onOmitName(omit: boolean): void;
}

function ChartItems({ chart, check, disabled, onToggle, omitName, onOmitName }: ChartItemsProps) {
  /** `notSent`: why a line the API would refuse stays out whatever its checkbox (shown, so nothing is dropped unsaid). */
  const box = (id: string, text: string, source?: ItemSource, forceOff = false, notSent?: string) => (
    <li key={id}>
      <label class="checkbox">
        <input type="checkbox" checked={!forceOff && check(id)} disabled={disabled || forceOff} onChange={(e) => onToggle(id, e.currentTarget.checked)} />
        <span>{text}</span>
      </label>
      {source?.label && <span class="hint source">from {source.label}</span>}
      {notSent && <span class="hint">{notSent}</span>}
    </li>
  );
  const { identity, demographics } = chart;
  return (
    <div class="stack">
      <p class="hint">
        Read by the {chart.adapter === 'generic' ? 'general chart reader' : `${ADAPTER_NAMES[chart.adapter] ?? chart.adapter} reader`}. Checked lines are sent
        with the transcript.
      </p>
      <fieldset>
        <legend>Patient</legend>
        <ul class="items">
          {identity.name && box(NAME_ID, identity.name, undefined, omitName)}
          {demographics.age !== undefined &&
            (apiAge(demographics.age) === undefined
              ? box(AGE_ID, `${demographics.age} years old`, demographics.ageSource, true, 'Not sent: the API takes an age in whole years.')
              : box(AGE_ID, `${demographics.age} years old`, demographics.ageSource))}
          {demographics.gender && box(GENDER_ID, capitalize(demographics.gender), demographics.genderSource)}
        </ul>
        <label class="checkbox" style={{ marginTop: '0.3rem' }}>
          <input type="checkbox" checked={omitName} disabled={disabled} onChange={(e) => onOmitName(e.currentTarget.checked)} />
          <span>Leave the patient’s name out of what is sent</span>
        </label>
      </fieldset>
      {GROUPS.map(({ kind, title }) => {
        const items = chart.items.filter((i) => i.kind === kind);
        const nkda = kind === 'allergy' && chart.noKnownAllergies;
        if (items.length === 0 && !nkda) return null;
        return (
          <fieldset key={kind}>
            <legend>{title}</legend>
            <ul class="items">
              {items.map((item) => box(item.id, item.text, item.source))}
              {nkda && box(NKDA_ID, NKDA_TEXT)}
            </ul>
          </fieldset>
        );
      })}
      {chart.visitNotes.length > 0 && (
        <fieldset>
          <legend>Prior visit notes</legend>
          <ul class="items">
            {chart.visitNotes.map((note) => box(note.id, [note.date, note.provider, note.title].filter(Boolean).join(' — ') || note.text.slice(0, 80), note.source))}
          </ul>
        </fieldset>
      )}
      {chart.messages.length > 0 && (
        <fieldset>
          <legend>Portal messages</legend>
          <ul class="items">
            {chart.messages.map((m) =>
              apiChatRole(m.role) === undefined
                ? box(m.id, `${m.role}: ${m.content}`, m.source, true, 'Not sent: the page does not say whether the patient or the care team wrote it.')
                : box(m.id, `${m.role}: ${m.content}`, m.source),
            )}
          </ul>
        </fieldset>
      )}
    </div>
  );
}

const ADAPTER_NAMES: Record<string, string> = { openemr: 'OpenEMR', openmrs: 'OpenMRS', medplum: 'Medplum' };


function ManualEntry(props: { manual: ManualContext; demographics: 'open' | 'folded' | 'none'; disabled: boolean; onChange(m: ManualContext): void }) {
  const { manual, demographics, disabled, onChange } = props;
  const field = (key: keyof ManualContext) => ({
    value: manual[key],
    disabled,
    onInput: (e: { currentTarget: { value: string } }) => onChange({ ...manual, [key]: e.currentTarget.value }),
  });
  const demographicFields = (
    <div class="stack">
      <div class="row">
        <div style={{ flex: '1 1 5rem' }}>
          <label for="manual-age">Age</label>
          <input id="manual-age" type="text" inputMode="numeric" {...field('age')} />
        </div>
        <div style={{ flex: '2 1 8rem' }}>
          <label for="manual-gender">Gender</label>
          <input id="manual-gender" type="text" {...field('gender')} />
        </div>
      </div>
      <div>
        <label for="manual-medications">Medications (one per line)</label>
        <textarea id="manual-medications" rows={2} {...field('medications')} />
      </div>
      <div>
        <label for="manual-allergies">Allergies (one per line)</label>
        <textarea id="manual-allergies" rows={2} {...field('allergies')} />
      </div>
    </div>
  );
  return (
    <div class="stack">
      {demographics === 'open' && demographicFields}
      {demographics === 'folded' && (
        <details>
          <summary>Type the patient’s details instead</summary>
          {demographicFields}
        </details>
      )}
      <div>
        <label for="manual-history">History not in the chart</label>
        <textarea id="manual-history" rows={2} {...field('history')} />
      </div>
    </div>
  );
}

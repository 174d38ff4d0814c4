import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { LARGE_CHART_EXPECTED, largeChartHtml } from '../../../test/fixtures/ehr/large-chart';
import { fixtureDocument, htmlDocument } from '../../../test/support/fixture-dom';
import type { ChartContext, ChartItem } from '../chart-context';
import { ChartContextSchema, hasChart } from '../chart-context';
import { cssPath } from '../css-path';
import { mergeFrameCharts } from '../merge-frames';
import { pickAdapter } from '../registry';
import { visibleText } from '../visibility';
import { genericAdapter } from './generic-adapter';
import { readGenericChart, readGenericIdentity } from './generic-reader';

const TODAY = new Date(2026, 4, 2); // 2 May 2026

function read(file: string, today = TODAY): { chart: ChartContext; document: Document } {
  const { document, url } = fixtureDocument(file);
  return { chart: readGenericChart(document, url, today), document };
}

const texts = (chart: ChartContext, kind: ChartItem['kind']) => chart.items.filter((i) => i.kind === kind).map((i) => i.text);

/** Every source selector finds, in the same document, an element showing the item's first words. */
function expectSourcesFindTheirElements(chart: ChartContext, document: Document): void {
  for (const item of chart.items) {
    expect(item.source.adapter).toBe('generic');
    const el = document.querySelector(item.source.selector!);
    expect(el, item.source.selector).not.toBeNull();
    const firstWord = /[\p{L}\d]+/u.exec(item.text.replace(/^(?:Surgical|Family|Social) history: /, ''))![0];
    expect(visibleText(el!), item.text).toContain(firstWord);
  }
  for (const entry of [...chart.visitNotes, ...chart.messages]) {
    expect(document.querySelector(entry.source.selector!), entry.source.selector).not.toBeNull();
  }
  // The result crosses the content-script boundary: it must pass its own schema.
  expect(ChartContextSchema.safeParse(chart).success).toBe(true);
}

describe('genericAdapter', () => {
  it('answers every page weakly, so a specific adapter wins', () => {
    const { document, url } = htmlDocument('<p>anything</p>');
    expect(genericAdapter.id).toBe('generic');
    expect(genericAdapter.name).toBe('Generic chart');
    expect(genericAdapter.matches(document, url)).toBe(1);
    const specific = { ...genericAdapter, id: 'specific', matches: () => 10 };
    expect(pickAdapter([genericAdapter, specific], document, url).id).toBe('specific');
    expect(pickAdapter([genericAdapter], document, url)).toBe(genericAdapter);
  });

  it('reads with the real clock through the EhrAdapter interface', () => {
    const { document, url } = fixtureDocument('generic-clinic.html');
    const chart = genericAdapter.readChart(document, url);
    expect(chart.identity.name).toBe('Delphine Marsh');
    expect(chart.demographics.age).toBeGreaterThanOrEqual(67);
    expect(genericAdapter.readIdentity(document, url)).toEqual(chart.identity);
  });
});

describe('generic-clinic.html', () => {
  const { chart, document } = read('generic-clinic.html');

  it('reads the banner: name, ISO DOB, MRN', () => {
    expect(chart.adapter).toBe('generic');
    expect(chart.identity).toMatchObject({ name: 'Delphine Marsh', dob: '1958-07-22', mrn: 'GC-448120' });
    expect(chart.identity.source).toEqual({ adapter: 'generic', label: 'Patient', selector: '#banner > span:nth-of-type(1) > strong' });
  });

  it('computes the age from the DOB (no age shown), birthday-aware', () => {
    expect(chart.demographics.age).toBe(67);
    expect(chart.demographics.ageSource).toEqual({ adapter: 'generic', label: 'DOB', selector: '#banner > span:nth-of-type(2)' });
    expect(read('generic-clinic.html', new Date(2026, 6, 21)).chart.demographics.age).toBe(67);
    expect(read('generic-clinic.html', new Date(2026, 6, 22)).chart.demographics.age).toBe(68);
  });

  it('reads sex from the demographics list', () => {
    expect(chart.demographics.gender).toBe('female');
    expect(chart.demographics.genderSource).toEqual({ adapter: 'generic', label: 'Sex', selector: '#demographics > dl > dd:nth-of-type(1)' });
  });

  it('reads the medications table: the sig cells, not dates, prescribers or buttons', () => {
    expect(chart.items.filter((i) => i.kind === 'medication')).toEqual([
      { id: 'medication:0', kind: 'medication', text: 'Atorvastatin 40 mg nightly', source: { adapter: 'generic', label: 'Current Medications', selector: '#meds > table > tbody > tr:nth-of-type(1)' } },
      { id: 'medication:1', kind: 'medication', text: 'Levothyroxine 75 mcg daily before breakfast', source: { adapter: 'generic', label: 'Current Medications', selector: '#meds > table > tbody > tr:nth-of-type(2)' } },
      { id: 'medication:2', kind: 'medication', text: 'Sertraline 50 mg daily', source: { adapter: 'generic', label: 'Current Medications', selector: '#meds > table > tbody > tr:nth-of-type(3)' } },
      { id: 'medication:3', kind: 'medication', text: 'Vitamin D3 1000 IU daily', source: { adapter: 'generic', label: 'Current Medications', selector: '#meds > table > tbody > tr:nth-of-type(4)' } },
    ]);
  });

  it('reads the allergy list, skipping the hidden item', () => {
    expect(chart.items.filter((i) => i.kind === 'allergy')).toEqual([
      { id: 'allergy:0', kind: 'allergy', text: 'Penicillin (hives)', source: { adapter: 'generic', label: 'Allergies', selector: '#allergies > ul > li:nth-of-type(1)' } },
      { id: 'allergy:1', kind: 'allergy', text: 'Sulfa drugs (rash)', source: { adapter: 'generic', label: 'Allergies', selector: '#allergies > ul > li:nth-of-type(2)' } },
    ]);
    expect(chart.noKnownAllergies).toBe(false);
  });

  it('reads problem cards and <br>-separated history lines', () => {
    expect(texts(chart, 'problem')).toEqual(['Hypothyroidism — Since 2012', 'Hyperlipidemia — Since 2019', 'Major depressive disorder, recurrent, mild — Since 2016']);
    expect(chart.items.find((i) => i.kind === 'problem')!.source).toEqual({ adapter: 'generic', label: 'Problem List', selector: '#problems > div > div:nth-of-type(1)' });
    expect(texts(chart, 'history')).toEqual(['Appendectomy (1984)', 'Fractured left wrist (2003)', 'Gestational diabetes (1990)']);
    expect(chart.items.find((i) => i.kind === 'history')!.source).toEqual({ adapter: 'generic', label: 'Past Medical History', selector: '#pmh > p' });
  });

  it('reads prior notes with date, provider and title; a "Medications" heading inside a note stays in the note', () => {
    expect(chart.visitNotes).toEqual([
      {
        id: 'visit-note:0',
        date: '2026-03-02',
        provider: 'Dr. Aaron Pike',
        title: 'Follow-up: thyroid',
        text: 'Fatigue improved. TSH 2.1 on levothyroxine 75 mcg. Medications Levothyroxine 75 mcg daily, unchanged.',
        source: { adapter: 'generic', label: 'Prior Notes', selector: '#notes > article:nth-of-type(1)' },
      },
      {
        id: 'visit-note:1',
        date: '2025-11-18',
        provider: 'Priya Raman, NP',
        title: 'Annual physical',
        text: 'Well visit. Mood stable on sertraline. Lipids at goal on atorvastatin.',
        source: { adapter: 'generic', label: 'Prior Notes', selector: '#notes > article:nth-of-type(2)' },
      },
    ]);
    expect(texts(chart, 'medication')).not.toContain('Levothyroxine 75 mcg daily, unchanged.');
  });

  it('reads the portal thread: role from the sender, text, ISO timestamp', () => {
    expect(chart.messages).toEqual([
      {
        id: 'message:0',
        role: 'patient',
        content: 'Hi, I have been feeling more tired again this month. Should I change my thyroid pill?',
        timestamp: '2026-04-28T09:14:00-05:00',
        source: { adapter: 'generic', label: 'Patient Messages', selector: '#messages > ol > li:nth-of-type(1)' },
      },
      {
        id: 'message:1',
        role: 'provider',
        content: "Thanks for letting me know. Let's check a TSH before your visit; keep the same dose for now.",
        timestamp: '2026-04-28T13:05',
        source: { adapter: 'generic', label: 'Patient Messages', selector: '#messages > ol > li:nth-of-type(2)' },
      },
      {
        id: 'message:2',
        role: 'patient',
        content: 'Okay, I booked the lab for Thursday.',
        timestamp: '2026-04-29T08:02',
        source: { adapter: 'generic', label: 'Patient Messages', selector: '#messages > ol > li:nth-of-type(3)' },
      },
    ]);
  });

  it('reads nothing hidden, scripted, templated or of Chartside’s own UI', () => {
    const everything = JSON.stringify(chart);
    for (const decoy of ['Warfarin', 'Latex', 'Peanuts', 'Wrong Person', '1901', '999999', 'Atrial fibrillation', 'Template drug', 'Digoxin', 'Amiodarone', 'Codeine', 'Script Person', 'Chartside overlay']) {
      expect(everything).not.toContain(decoy);
    }
    expect(chart.items).toHaveLength(12);
  });

  it('gives every item a source selector that finds it again', () => {
    expectSourcesFindTheirElements(chart, document);
  });

  it('finds the SOAP fields by label, aria-label, placeholder and name', () => {
    const fields = genericAdapter.findNoteFields(document, new URL('http://127.0.0.1/'));
    expect(Object.fromEntries(Object.entries(fields).map(([k, el]) => [k, cssPath(el!)]))).toEqual({
      subjective: '#note-s',
      objective: '#note-o',
      assessment: '#note-a',
      plan: '#note-p',
    });
  });
});

describe('generic-nkda.html', () => {
  const { chart, document } = read('generic-nkda.html');

  it('reads "NKDA" as an explicit none', () => {
    expect(chart.noKnownAllergies).toBe(true);
    expect(texts(chart, 'allergy')).toEqual([]);
  });

  it('takes the shown "67 yo" age and the unlabelled name and sex of a banner with no DOB', () => {
    expect(chart.identity).toEqual({
      name: 'Kimball, Theodore',
      mrn: '77-30419',
      source: { adapter: 'generic', label: 'Name', selector: '#hdr > tbody > tr > td:nth-of-type(1) > b' },
    });
    expect(chart.demographics).toEqual({
      age: 67,
      ageSource: { adapter: 'generic', label: 'Age', selector: '#hdr > tbody > tr' },
      gender: 'male',
      genderSource: { adapter: 'generic', label: 'Sex', selector: '#hdr > tbody > tr' },
    });
    // No DOB on the page: the age cannot come from a clock.
    expect(read('generic-nkda.html', new Date(2040, 0, 1)).chart.demographics.age).toBe(67);
  });

  it('reads the age and sex of a compact banner ("F, 34") beside a room, a bed and an account number', () => {
    const { chart } = read('generic-compact-banner.html');
    expect(chart.identity).toMatchObject({ name: 'Okonkwo, Adaeze', mrn: '50-77120' });
    expect(chart.demographics).toMatchObject({ age: 34, gender: 'female' });
    expect(chart.demographics.ageSource).toMatchObject({ adapter: 'generic', label: 'Age', selector: '#banner' });
  });

  it('reads dt/dd medications, an ordered problem list, and a row-labelled history table split on semicolons', () => {
    expect(texts(chart, 'medication')).toEqual(['Metoprolol succinate ER: 25 mg by mouth daily', 'Aspirin: 81 mg daily', 'Omeprazole: 20 mg before breakfast']);
    expect(chart.items.find((i) => i.kind === 'medication')!.source).toEqual({ adapter: 'generic', label: 'Medication List', selector: '#med-box > div > dl > dt:nth-of-type(1)' });
    expect(texts(chart, 'problem')).toEqual(['Coronary artery disease', 'Gastroesophageal reflux disease']);
    expect(chart.items.find((i) => i.kind === 'problem')!.source.label).toBe('Active Problems (2)');
    expect(texts(chart, 'history')).toEqual(['CAD s/p PCI (2019)', 'Hypertension', 'Hyperlipidemia', 'Surgical history: Cholecystectomy 2008']);
    expect(chart.items.find((i) => i.text === 'Hypertension')!.source).toEqual({ adapter: 'generic', label: 'PMH', selector: '#history-box > div > table > tbody > tr:nth-of-type(1) > td' });
    expect(chart.visitNotes).toEqual([]);
    expect(chart.messages).toEqual([]);
    expectSourcesFindTheirElements(chart, document);
  });

  it('finds the one free-text note field', () => {
    const fields = genericAdapter.findNoteFields(document, new URL('http://127.0.0.1/'));
    expect(Object.keys(fields)).toEqual(['note']);
    expect(fields.note?.getAttribute('id')).toBe('progress');
  });
});

describe('explicit none', () => {
  const chartOf = (html: string) => {
    const { document, url } = htmlDocument(html);
    return readGenericChart(document, url, TODAY);
  };

  it('reads "None" and "No known allergies" under an Allergies heading as an explicit none', () => {
    expect(chartOf('<h2>Allergies</h2><ul><li>None</li></ul>').noKnownAllergies).toBe(true);
    expect(chartOf('<h2>Allergy List</h2><table><tr><td>No Known Drug Allergies</td></tr></table>').noKnownAllergies).toBe(true);
    expect(chartOf('<div>Patient: Ana Ruiz · Allergies: NKA</div>').noKnownAllergies).toBe(true);
  });

  it('does not read "none on file", a none elsewhere, or a none in a prior note as one', () => {
    expect(chartOf('<h2>Allergies</h2><p>No allergies on file</p>').noKnownAllergies).toBe(false);
    expect(chartOf('<h2>Medications</h2><ul><li>None</li></ul>').noKnownAllergies).toBe(false);
    expect(chartOf('<h2>Prior notes</h2><article><h3>Visit 01/02/2024</h3><p>Allergies: NKDA</p><p>NKDA</p></article>').noKnownAllergies).toBe(false);
  });

  it('reads a banner\'s inline allergy list', () => {
    const chart = chartOf('<div>Patient: Ana Ruiz <b>Allergies:</b> Penicillin (rash), Sulfa</div>');
    expect(texts(chart, 'allergy')).toEqual(['Penicillin (rash)', 'Sulfa']);
    expect(chart.noKnownAllergies).toBe(false);
  });
});

describe('generic-iframe.html + generic-iframe-chart.html', () => {
  const top = read('generic-iframe.html');
  const frame = read('generic-iframe-chart.html');

  it('reads the identity from the shell and the chart from the frame', () => {
    expect(top.chart.identity).toMatchObject({ name: 'Okafor, Lucia', dob: '1990-11-05', mrn: 'HV-20931' });
    expect(top.chart.demographics).toMatchObject({ age: 35, gender: 'female' });
    expect(top.chart.items).toEqual([]);
    expect(frame.chart.identity).toEqual({});
    expect(texts(frame.chart, 'medication')).toEqual(['Albuterol HFA 90 mcg, 2 puffs every 4 hours as needed', 'Fluticasone 110 mcg, 2 puffs twice daily', 'Cetirizine 10 mg daily']);
    expect(texts(frame.chart, 'allergy')).toEqual(['Aspirin — Bronchospasm, Severe', 'Cat dander — Rhinitis, Mild']);
    expect(texts(frame.chart, 'problem')).toEqual(['Moderate persistent asthma', 'Allergic rhinitis']);
    expect(frame.chart.items.find((i) => i.kind === 'allergy')!.source).toEqual({ adapter: 'generic', label: 'Allergy List', selector: '#allergy-panel > div:nth-of-type(2) > table > tbody > tr:nth-of-type(1)' });
    expect(frame.chart.visitNotes).toMatchObject([{ date: '2026-02-14', provider: 'Dr. Samuel Ortiz', text: 'Asthma flare after a cold; prednisone burst 5 days, resolved.' }]);
    expectSourcesFindTheirElements(frame.chart, frame.document);
  });

  it('merges into one chart', () => {
    const merged = mergeFrameCharts([top.chart, frame.chart])!;
    expect(merged.identity.name).toBe('Okafor, Lucia');
    expect(merged.items).toHaveLength(7);
    expect(hasChart(merged)).toBe(true);
  });
});

describe('no-chart.html', () => {
  const { chart, document } = read('no-chart.html');

  it('is an empty chart: no identity, no items, no notes, no messages', () => {
    expect(chart.identity).toEqual({});
    expect(chart.demographics).toEqual({});
    expect(chart.items).toEqual([]);
    expect(chart.visitNotes).toEqual([]);
    expect(chart.messages).toEqual([]);
    expect(chart.noKnownAllergies).toBe(false);
    expect(hasChart(chart)).toBe(false);
  });

  it('has no note fields (a contact form is not a note)', () => {
    expect(genericAdapter.findNoteFields(document, new URL('http://127.0.0.1/'))).toEqual({});
  });
});

describe('spa-patients.html', () => {
  const URL_ = 'http://127.0.0.1:8080/spa-patients.html';
  // The fixture's own script swaps patients (history.pushState): run it in a window that evaluates scripts.
  async function openSpa(): Promise<{ window: Window; document: Document }> {
    const window = new Window({
      url: URL_,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
    });
    window.document.write(readFileSync(path.resolve(__dirname, '../../../test/fixtures/ehr/spa-patients.html'), 'utf8'));
    await window.happyDOM.waitUntilComplete();
    return { window, document: window.document as unknown as Document };
  }

  it('reads each patient in turn as the app swaps them without reloading', async () => {
    const { window, document } = await openSpa();
    const here = () => new URL(window.location.href);
    try {
      const first = readGenericChart(document, here(), TODAY);
      expect(first.identity).toMatchObject({ name: 'Iris Vantongeren', dob: '1984-04-09', mrn: 'SPA-1001' });
      expect(first.demographics).toMatchObject({ age: 42, gender: 'female' });
      expect(texts(first, 'medication')).toEqual(['Lisinopril 20 mg daily', 'Sumatriptan 50 mg as needed for migraine']);
      expect(texts(first, 'allergy')).toEqual(['Codeine (nausea)']);

      (document.getElementById('next-patient') as HTMLElement).click();
      expect(window.location.search).toBe('?patient=p2');
      const second = readGenericChart(document, here(), TODAY);
      expect(second.url).toBe('http://127.0.0.1:8080/spa-patients.html?patient=p2');
      expect(second.identity).toMatchObject({ name: 'Tomasz Brightwater', dob: '1949-12-30', mrn: 'SPA-2002' });
      expect(second.demographics).toMatchObject({ age: 76, gender: 'male' });
      expect(texts(second, 'medication')).toEqual(['Apixaban 5 mg twice daily', 'Furosemide 40 mg daily', 'Tamsulosin 0.4 mg nightly']);
      expect(texts(second, 'allergy')).toEqual(['Iodinated contrast (hives)', 'Shellfish']);
      expect(readGenericIdentity(document, here(), TODAY)).toEqual(second.identity);

      (document.getElementById('open-p1') as HTMLElement).click();
      expect(readGenericChart(document, here(), TODAY).identity.name).toBe('Iris Vantongeren');
    } finally {
      await window.happyDOM.close();
    }
  });
});

describe('large chart (generated)', () => {
  // What it reads is the test; how fast is the bench's (test/bench/read-chart.ts). Building and reading
  // 10,000 elements in jsdom takes seconds on a machine busy with other suites, so it gets time.
  it('has at least 10,000 elements and reads the expected counts', { timeout: 60_000 }, () => {
    const { document, url } = htmlDocument(largeChartHtml());
    expect(document.getElementsByTagName('*').length).toBeGreaterThanOrEqual(10_000);
    const chart = readGenericChart(document, url, TODAY);
    expect(chart.identity).toMatchObject(LARGE_CHART_EXPECTED.patient);
    expect(chart.demographics).toMatchObject({ age: 78, gender: 'female' });
    expect(texts(chart, 'medication')).toHaveLength(LARGE_CHART_EXPECTED.medications);
    expect(texts(chart, 'allergy')).toHaveLength(LARGE_CHART_EXPECTED.allergies);
    expect(texts(chart, 'problem')).toHaveLength(LARGE_CHART_EXPECTED.problems);
    expect(texts(chart, 'history')).toHaveLength(LARGE_CHART_EXPECTED.history);
    expect(chart.visitNotes).toHaveLength(LARGE_CHART_EXPECTED.visitNotes);
    expect(chart.messages).toHaveLength(LARGE_CHART_EXPECTED.messages);
    expect(texts(chart, 'medication')[0]).toBe('Acetaminophen 5 mg oral daily');
    expect(chart.messages.map((m) => m.role).slice(0, 2)).toEqual(['patient', 'provider']);
    expect(JSON.stringify(chart)).not.toMatch(/decoy/i);
    expect(Object.keys(genericAdapter.findNoteFields(document, url))).toEqual(['subjective', 'objective', 'assessment', 'plan']);
  });

  it('is the same page every time', () => {
    expect(largeChartHtml()).toBe(largeChartHtml());
  });
});

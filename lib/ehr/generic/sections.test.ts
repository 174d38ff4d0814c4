import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { classifyHeading, findSections } from './sections';

describe('classifyHeading', () => {
  it.each([
    ['Medications', 'medication'],
    ['Current Medications', 'medication'],
    ['Active Meds', 'medication'],
    ['Medication List', 'medication'],
    ['Rx', 'medication'],
    ['Prescriptions (4)', 'medication'],
    ['Home medications:', 'medication'],
    ['Allergies', 'allergy'],
    ['Allergy List', 'allergy'],
    ['Adverse Reactions', 'allergy'],
    ['Drug Allergies', 'allergy'],
    ['Allergies & Intolerances', 'allergy'],
    ['Problem List', 'problem'],
    ['Problems', 'problem'],
    ['Active Problems', 'problem'],
    ['Diagnoses', 'problem'],
    ['Medical History', 'history'],
    ['Past Medical History', 'history'],
    ['PMH', 'history'],
    ['Surgical History', 'history'],
    ['Family History', 'history'],
    ['Social History', 'history'],
    ['Prior notes', 'visit-notes'],
    ['Visit Notes', 'visit-notes'],
    ['Encounters', 'visit-notes'],
    ['Previous visits', 'visit-notes'],
    ['Messages', 'messages'],
    ['Patient messages', 'messages'],
    ['Portal', 'messages'],
  ])('%s → %s', (text, kind) => {
    expect(classifyHeading(text)?.kind).toBe(kind);
  });

  it('prefixes family, social and surgical history so they are not read as the patient’s own conditions', () => {
    expect(classifyHeading('Family History')?.prefix).toBe('Family history: ');
    expect(classifyHeading('Past Medical History')?.prefix).toBeUndefined();
  });

  it.each(['Visit note', 'Add medication', 'Medication refills', 'Allergy season tips', 'Reconcile medications', 'Medication administration record', 'New message', 'Lab results', 'Vitals', 'Patient: Maria Alvarez', 'A long paragraph that happens to mention medications and allergies in passing, as prose does'])(
    'is not a section: %s',
    (text) => {
      expect(classifyHeading(text)).toBeUndefined();
    },
  );
});

describe('findSections', () => {
  const kinds = (html: string) => findSections(htmlDocument(html).document).map((s) => [s.kind, s.label, s.content.map((c) => c.tagName)]);

  it('titles the following siblings up to the next heading of the same rank', () => {
    expect(kinds('<h2>Medications</h2><ul><li>a</li></ul><p>b</p><h2>Allergies</h2><ul><li>c</li></ul><h2>Vitals</h2><p>d</p>')).toEqual([
      ['medication', 'Medications', ['UL', 'P']],
      ['allergy', 'Allergies', ['UL']],
    ]);
  });

  it('climbs out of a card header, but not into the next card', () => {
    const html = `
      <div class="card"><div class="card-header"><h3>Allergies</h3><button>+</button></div><div class="card-body"><ul><li>Latex</li></ul></div></div>
      <div class="card"><div class="card-header">Problems</div><div class="card-body"></div></div>
      <div class="card"><div class="card-header">Vitals</div><div class="card-body">BP 120/80</div></div>`;
    expect(kinds(html)).toEqual([['allergy', 'Allergies', ['DIV']]]);
  });

  it('reads legend, caption, dt, summary, a row th, a full-row th and aria-labelled regions', () => {
    const html = `
      <fieldset><legend>Allergies</legend><p>Latex</p></fieldset>
      <table><caption>Medications</caption><tr><td>Aspirin</td></tr></table>
      <dl><dt>PMH</dt><dd>Asthma</dd><dt>Other</dt><dd>x</dd></dl>
      <details><summary>Problem list</summary><p>Gout</p></details>
      <table><tr><th>Diagnoses</th><td>Gout</td></tr></table>
      <table><tr><th>Rx</th></tr><tr><td>Aspirin</td></tr><tr><td>Statin</td></tr></table>
      <section aria-label="Messages"><p>hi</p></section>
      <section aria-labelledby="h"><span id="h">Encounters</span><p>x</p></section>`;
    expect(kinds(html)).toEqual([
      ['allergy', 'Allergies', ['FIELDSET']],
      ['medication', 'Medications', ['TABLE']],
      ['history', 'PMH', ['DD']],
      ['problem', 'Problem list', ['DETAILS']],
      ['problem', 'Diagnoses', ['TD']],
      ['medication', 'Rx', ['TR', 'TR']],
      ['messages', 'Messages', ['SECTION']],
      ['visit-notes', 'Encounters', ['SECTION']],
    ]);
  });

  it('skips column headers, navigation, buttons and hidden headings', () => {
    const html = `
      <nav><h2>Medications</h2><ul><li>link</li></ul></nav>
      <button><span class="title">Allergies</span></button>
      <div hidden><h2>Problems</h2><ul><li>x</li></ul></div>
      <table><tr><th>Medication</th><th>Dose</th></tr><tr><td>Aspirin</td><td>81 mg</td></tr></table>`;
    expect(kinds(html)).toEqual([]);
  });
});

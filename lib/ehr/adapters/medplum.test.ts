/**
 * The Medplum adapter on DOM snapshots of the real `@medplum/react` components rendered over
 * `@medplum/mock` data (test/fixtures/medplum-app; rebuilt with `npm run build:fixtures` and
 * `node test/fixtures/medplum-app/snapshot.ts`).
 */
import { describe, expect, it } from 'vitest';
import { fixtureDocument, htmlDocument } from '../../../test/support/fixture-dom';
import type { ChartContext } from '../chart-context';
import { medplumAdapter } from './medplum';

const summary = (): { document: Document; url: URL } => fixtureDocument('medplum-summary.snapshot.html');
const encounter = (): { document: Document; url: URL } => fixtureDocument('medplum-encounter.snapshot.html');

/** What the summary panel shows for Homer (the fixture's seeded chart), in page order. */
const HOMER_ITEMS = [
  { kind: 'allergy', text: 'Peanuts', label: 'Allergies' },
  { kind: 'allergy', text: 'Penicillin G', label: 'Allergies' },
  { kind: 'problem', text: 'Type 2 diabetes mellitus (onset 2019-11-20)', label: 'Problems' },
  { kind: 'problem', text: 'Essential hypertension (onset 2015-03-02)', label: 'Problems' },
  { kind: 'medication', text: 'Metformin 500 mg oral tablet', label: 'Medications' },
  { kind: 'medication', text: 'Lisinopril 10 mg oral tablet', label: 'Medications' },
  { kind: 'history', text: 'Immunization: Influenza vaccine (given 2024-10-01)', label: 'Immunizations' },
  { kind: 'history', text: 'Smoking status: Former smoker', label: 'Smoking Status' },
];

function itemsOf(chart: ChartContext): { kind: string; text: string; label: string | undefined }[] {
  return chart.items.map((item) => ({ kind: item.kind, text: item.text, label: item.source.label }));
}

/** The element a source points at (its selector must find it again). */
function at(document: Document, selector: string | undefined): Element {
  expect(selector).toBeTruthy();
  const el = document.querySelector(selector!);
  expect(el, selector).not.toBeNull();
  return el!;
}

/** The section content (Mantine Collapse) under a summary section title. */
function sectionContent(document: Document, title: string): Element {
  const titleEl = Array.from(document.querySelectorAll('.CollapsibleSection_title')).find((el) => el.textContent === title)!;
  const root = titleEl.closest('.CollapsibleSection_root')!;
  return root.children[1]!;
}

describe('medplumAdapter.matches', () => {
  it('is sure on both Medplum views', () => {
    for (const { document, url } of [summary(), encounter()]) expect(medplumAdapter.matches(document, url)).toBeGreaterThanOrEqual(80);
  });

  it('answers 0 on a page that is not Medplum', () => {
    const { document, url } = fixtureDocument('sample-chart.html');
    expect(medplumAdapter.matches(document, url)).toBe(0);
  });

  it('answers 0 on another Mantine app, and 0 on a page that only borrows Medplum-like class names', () => {
    const mantine = htmlDocument('<html data-mantine-color-scheme="light"><body><div class="mantine-Paper-root"><p>Allergies</p></div></body></html>');
    expect(medplumAdapter.matches(mantine.document, mantine.url)).toBe(0);
    const copycat = htmlDocument('<html><body><div class="PatientSummary_panel">Allergies</div></body></html>');
    expect(medplumAdapter.matches(copycat.document, copycat.url)).toBe(0);
  });

  it('answers weakly for a Mantine page on a medplum.com host that shows no patient yet', () => {
    const { document } = htmlDocument('<html data-mantine-color-scheme="light"><body><div class="mantine-AppShell-root"></div></body></html>');
    expect(medplumAdapter.matches(document, new URL('https://app.medplum.com/'))).toBe(40);
  });
});

describe('medplumAdapter on the patient page (PatientHeader + PatientSummary)', () => {
  it('reads the identity from the patient header: name, DOB as ISO, the first identifier as MRN', () => {
    const { document, url } = summary();
    const chart = medplumAdapter.readChart(document, url);
    expect(chart.adapter).toBe('medplum');
    expect(chart.identity).toMatchObject({ name: 'Homer Simpson', dob: '1956-05-12', mrn: '123' });
    expect(chart.identity.source?.label).toBe('Name');
    expect(at(document, chart.identity.source?.selector).textContent).toBe('Homer Simpson');
  });

  it('reads age and gender from the header', () => {
    const { document, url } = summary();
    const { demographics } = medplumAdapter.readChart(document, url);
    // The snapshot shows "070Y" (rendered in 2026); a regenerated snapshot may show another age.
    expect(demographics.age).toBe(70);
    expect(demographics.gender).toBe('male');
    expect(demographics.ageSource?.label).toBe('Age');
    expect(at(document, demographics.ageSource?.selector).textContent).toBe('070Y');
    expect(at(document, demographics.genderSource?.selector).textContent).toBe('male');
  });

  it('reads allergies, problems, medications and history with their kinds, texts and section labels', () => {
    const { document, url } = summary();
    const chart = medplumAdapter.readChart(document, url);
    expect(itemsOf(chart)).toEqual(HOMER_ITEMS);
    expect(chart.items.map((item) => item.id)).toEqual(['allergy:0', 'allergy:1', 'problem:0', 'problem:1', 'medication:0', 'medication:1', 'history:0', 'history:1']);
    expect(chart.noKnownAllergies).toBe(false);
    expect(chart.visitNotes).toEqual([]);
    expect(chart.messages).toEqual([]);
  });

  it('gives every item a source selector that finds the text it was read from', () => {
    const { document, url } = summary();
    for (const item of medplumAdapter.readChart(document, url).items) {
      expect(item.source.adapter).toBe('medplum');
      const shown = at(document, item.source.selector).textContent ?? '';
      const name = item.text.replace(/^(Immunization|Smoking status): /, '').replace(/ \(.*\)$/, '');
      expect(shown).toContain(name);
    }
  });

  it('skips sections that are not chart lines (insurance, labs, vitals, goals, pharmacies, sexual orientation)', () => {
    const { document, url } = summary();
    const texts = medplumAdapter.readChart(document, url).items.map((item) => item.text).join('\n');
    expect(texts).not.toMatch(/SERVICE_REQUEST_CODE|BP Sys|\(none\)|Add /);
  });

  it('readIdentity agrees with readChart', () => {
    const { document, url } = summary();
    expect(medplumAdapter.readIdentity(document, url)).toEqual(medplumAdapter.readChart(document, url).identity);
  });

  it('offers no note field on the patient page', () => {
    const { document, url } = summary();
    expect(medplumAdapter.findNoteFields(document, url)).toEqual({});
  });

  it('still reads a section the clinician collapsed (Medplum keeps its content mounted, hidden)', () => {
    const { document, url } = summary();
    const content = sectionContent(document, 'Allergies');
    content.setAttribute('aria-hidden', 'true');
    content.setAttribute('inert', '');
    content.setAttribute('style', 'height: 0px; overflow: hidden; display: none;');
    const allergies = medplumAdapter.readChart(document, url).items.filter((item) => item.kind === 'allergy');
    expect(allergies.map((item) => item.text)).toEqual(['Peanuts', 'Penicillin G']);
  });

  it('notes statuses other than active, moves resolved problems to history, and drops entered-in-error', () => {
    const { document, url } = summary();
    const badge = (text: string): Element => {
      const item = Array.from(document.querySelectorAll('.SummaryItem_itemText')).find((el) => el.textContent === text)!;
      return item.closest('.SummaryItem_item')!.querySelector('.mantine-Badge-label')!;
    };
    badge('Essential hypertension').textContent = 'resolved';
    badge('Lisinopril 10 mg oral tablet').textContent = 'stopped';
    badge('Peanuts').textContent = 'entered-in-error';
    const items = itemsOf(medplumAdapter.readChart(document, url));
    expect(items).toContainEqual({ kind: 'history', text: 'Essential hypertension (resolved; onset 2015-03-02)', label: 'Problems' });
    expect(items).toContainEqual({ kind: 'medication', text: 'Lisinopril 10 mg oral tablet (stopped)', label: 'Medications' });
    expect(items.map((item) => item.text)).not.toContain('Peanuts');
  });

  it('reads a "No known allergies" entry as an explicit none, not as an allergy', () => {
    const { document, url } = summary();
    const texts = sectionContent(document, 'Allergies').querySelectorAll('.SummaryItem_itemText');
    texts[0]!.textContent = 'No known allergies';
    texts[1]!.closest('.SummaryItem_item')!.remove();
    const chart = medplumAdapter.readChart(document, url);
    expect(chart.noKnownAllergies).toBe(true);
    expect(chart.items.filter((item) => item.kind === 'allergy')).toEqual([]);
  });

  it("does not take another resource's header (a Practitioner's Name) for the patient", () => {
    const { document, url } = htmlDocument(
      '<html data-mantine-color-scheme="light"><body><div class="InfoBar_root"><div class="InfoBar_entry"><div class="InfoBar_key">Name</div>' +
        '<div class="InfoBar_value"><a href="/Practitioner/124">Alice Smith</a></div></div></div></body></html>',
    );
    expect(medplumAdapter.readIdentity(document, url)).toEqual({});
  });
});

describe('medplumAdapter on the encounter page (PatientSummary + chart note)', () => {
  it('reads the identity from the summary panel when there is no patient header (no MRN shown)', () => {
    const { document, url } = encounter();
    const chart = medplumAdapter.readChart(document, url);
    expect(chart.identity).toMatchObject({ name: 'Homer Simpson', dob: '1956-05-12' });
    expect(chart.identity.mrn).toBeUndefined();
    expect(at(document, chart.identity.source?.selector).textContent).toBe('Homer Simpson');
    expect(chart.demographics).toMatchObject({ age: 70, gender: 'male' });
    expect(chart.demographics.ageSource?.label).toBe('Birthdate & Age');
    expect(at(document, chart.demographics.ageSource?.selector).textContent).toBe('1956-05-12 (070Y)');
    expect(chart.demographics.genderSource?.label).toBe('Gender & Identity');
  });

  it('reads the same chart lines as the patient page', () => {
    const { document, url } = encounter();
    expect(itemsOf(medplumAdapter.readChart(document, url))).toEqual(HOMER_ITEMS);
  });

  it('finds the one free-text chart note: the textarea under "Fill chart note"', () => {
    const { document, url } = encounter();
    const fields = medplumAdapter.findNoteFields(document, url);
    expect(Object.keys(fields)).toEqual(['note']);
    const note = fields.note!;
    expect(note.tagName).toBe('TEXTAREA');
    expect(note.getAttribute('aria-hidden')).toBeNull();
    expect(note.closest('.mantine-Card-root')?.querySelector('h3')?.textContent).toBe('Fill chart note');
    // Not the timeline's comment box, nor Mantine's hidden measuring clone.
    expect(document.querySelector('input[placeholder="Add comment"]')).not.toBeNull();
    expect(document.querySelectorAll('textarea')).toHaveLength(2);
  });

  it('falls back to the only usable textarea when the note has no heading, and to none when it is ambiguous', () => {
    const { document, url } = encounter();
    document.querySelector('.mantine-Card-root h3')!.remove();
    const note = medplumAdapter.findNoteFields(document, url).note;
    expect(note?.classList.contains('mantine-Textarea-input')).toBe(true);
    note!.parentElement!.appendChild(document.createElement('textarea'));
    expect(medplumAdapter.findNoteFields(document, url)).toEqual({});
  });

  it('refuses a disabled (signed and locked) note', () => {
    const { document, url } = encounter();
    document.querySelector('textarea.mantine-Textarea-input')!.setAttribute('disabled', '');
    expect(medplumAdapter.findNoteFields(document, url)).toEqual({});
  });
});

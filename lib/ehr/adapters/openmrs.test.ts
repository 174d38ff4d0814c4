import { describe, expect, it } from 'vitest';
import { fixtureDocument, htmlDocument } from '../../../test/support/fixture-dom';
import { ChartContextSchema, type ChartContext } from '../chart-context';
import { ageOnDate } from '../dates';
import { openmrsAdapter } from './openmrs';

const CHART_URL = 'https://o3.example.org/openmrs/spa/patient/8f1e6a52-3b1c-4c47-9d1e-5a2c0f3b7e91/chart/patient-summary';

function load(file: string, url = CHART_URL) {
  return fixtureDocument(`openmrs/${file}`, url);
}

/** Every source's selector must find, in the same document, the element that holds the text. */
function expectSourceFinds(document: Document, selector: string | undefined, text: string): void {
  expect(selector, `selector for ${text}`).toBeTruthy();
  const el = document.querySelector(selector!);
  expect(el, `element for ${selector}`).not.toBeNull();
  expect(el!.textContent!.replace(/\s+/g, ' ')).toContain(text);
}

function texts(context: ChartContext, kind: string): string[] {
  return context.items.filter((item) => item.kind === kind).map((item) => item.text);
}

describe('openmrsAdapter on the O3 patient summary', () => {
  const { document, url } = load('patient-chart.html');
  const context = openmrsAdapter.readChart(document, url);

  it('is sure of O3 pages and of nothing else', () => {
    expect(openmrsAdapter.matches(document, url)).toBe(100);
    // The fixture served from a plain path: the banner plus O3's extension slots still decide.
    const plain = fixtureDocument('openmrs/patient-chart.html');
    expect(openmrsAdapter.matches(plain.document, plain.url)).toBe(60);
    const sample = fixtureDocument('sample-chart.html');
    expect(openmrsAdapter.matches(sample.document, sample.url)).toBe(0);
    // The generic clinic page at an O3-looking URL is still not a chart with O3 markers.
    expect(openmrsAdapter.matches(sample.document, new URL('https://clinic.example.org/openmrs/spa/home'))).toBe(10);
  });

  it('produces a context the schema accepts, labelled with this adapter', () => {
    expect(() => ChartContextSchema.parse(context)).not.toThrow();
    expect(context.adapter).toBe('openmrs');
    expect(context.url).toBe(CHART_URL);
    expect(context.items.every((item) => item.source.adapter === 'openmrs')).toBe(true);
  });

  it('reads identity from the patient banner: name, DOB as ISO, OpenMRS ID as MRN', () => {
    expect(context.identity).toMatchObject({ name: 'Amara Okafor', dob: '1971-03-14', mrn: '1007MXP' });
    expect(context.identity.source?.label).toBe('Patient banner');
    expectSourceFinds(document, context.identity.source?.selector, 'Amara Okafor');
    expect(document.querySelector(context.identity.source!.selector!)!.closest('header')!.getAttribute('aria-label')).toBe('patient banner');
  });

  it('reads age and gender from the banner, not from the hidden visit-tag popover', () => {
    expect(context.demographics.age).toBe(55);
    expect(context.demographics.gender).toBe('female');
    expectSourceFinds(document, context.demographics.ageSource?.selector, '55 yrs');
    expectSourceFinds(document, context.demographics.genderSource?.selector, 'Female');
  });

  it('reads readIdentity alone, the same as readChart', () => {
    const identity = openmrsAdapter.readIdentity(document, url);
    expect(identity).toEqual(context.identity);
  });

  it('reads every allergy with reaction, severity and comments; "--" and blank cells dropped', () => {
    expect(texts(context, 'allergy')).toEqual([
      'Penicillins — Anaphylaxis, Hives (severe); Reaction in 2009 after amoxicillin',
      'Sulfonamides — Rash (mild)',
      'Peanuts',
    ]);
    expect(context.noKnownAllergies).toBe(false);
    for (const item of context.items.filter((i) => i.kind === 'allergy')) {
      expect(item.source.label).toBe('Allergies');
      expectSourceFinds(document, item.source.selector, item.text.split(' — ')[0]!);
      expect(document.querySelector(item.source.selector!)!.closest('table')!.getAttribute('aria-label')).toBe('allergies summary');
    }
  });

  it('reads active conditions as problems and inactive ones as history, with onset', () => {
    expect(texts(context, 'problem')).toEqual([
      'Essential hypertension (onset 12 Jan 2019)',
      'Type 2 diabetes mellitus (onset 03 Jun 2016)',
      'Asthma',
    ]);
    expect(texts(context, 'history')).toEqual(['Community-acquired pneumonia (inactive, onset 20 Feb 2024)']);
    for (const item of context.items.filter((i) => i.kind === 'problem' || i.kind === 'history')) {
      expect(item.source.label).toBe('Conditions');
      expectSourceFinds(document, item.source.selector, item.text.split(' (')[0]!);
    }
  });

  it('reads only the active medications, with dosing, and not the prescriber tooltip', () => {
    expect(texts(context, 'medication')).toEqual([
      'Metformin — 500mg — tablet; DOSE 1 tablet — oral — twice daily — indefinite duration — take with meals; INDICATION Type 2 diabetes — QUANTITY 60 Tablet',
      'Amlodipine — 5mg — tablet; DOSE 1 tablet — oral — once daily — for 90 days — REFILLS 2',
    ]);
    expect(context.items.some((item) => /amoxicillin —/i.test(item.text))).toBe(false);
    for (const item of context.items.filter((i) => i.kind === 'medication')) {
      expect(item.source.label).toBe('Active Medications');
      expect(item.text).not.toContain('Ngozi');
      expectSourceFinds(document, item.source.selector, item.text.split(' — ')[0]!);
    }
  });

  it('reads visit notes: the expanded one with text and provider, collapsed ones by diagnoses', () => {
    expect(context.visitNotes.map(({ date, provider, title, text }) => ({ date, provider, title, text }))).toEqual([
      {
        date: '2026-10-02',
        provider: 'Dr. Ngozi Eze',
        title: 'Essential hypertension, Type 2 diabetes mellitus',
        text: 'Follow-up for BP and glucose. Home BP 138/86. HbA1c 7.4%, down from 8.1%. Continue metformin and amlodipine; recheck HbA1c in 3 months. Counselled on salt intake.',
      },
      { date: '2026-06-18', provider: undefined, title: 'Asthma', text: 'Diagnoses: Asthma' },
    ]);
    expect(context.visitNotes[0]!.source.label).toBe('Visit notes');
    expectSourceFinds(document, context.visitNotes[0]!.source.selector, 'Follow-up for BP and glucose.');
    expectSourceFinds(document, context.visitNotes[1]!.source.selector, '18 — Jun — 2026');
  });

  it('finds no note field on the summary page', () => {
    expect(openmrsAdapter.findNoteFields(document, url)).toEqual({});
  });

  it('reads nothing from the print-only copy of the banner', () => {
    // One identity, one list per kind: the hidden print header (name, "Female, 55 yrs, …") adds nothing.
    expect(context.items.filter((item) => /Okafor/.test(item.text))).toEqual([]);
  });
});

describe('openmrsAdapter and "no allergies"', () => {
  function withAllergiesWidget(html: string) {
    const { document, url } = load('patient-chart.html');
    const widget = document.querySelector('[data-extension-id="allergies-details-widget"]')!;
    widget.innerHTML = html;
    return openmrsAdapter.readChart(document, url);
  }

  it('reads the EmptyState as nothing recorded, not as an explicit none', () => {
    const context = withAllergiesWidget(`
      <div class="cds--layer-two"><div class="cds--tile">
        <div class="-esm-patient-common-lib__empty-state__desktopHeading___Rj5Mw"><h4>Allergies</h4></div>
        <p>There are no allergy intolerances to display for this patient</p>
        <p><button type="button" class="cds--btn cds--btn--ghost">Record allergy intolerances</button></p>
      </div></div>`);
    expect(texts(context, 'allergy')).toEqual([]);
    expect(context.noKnownAllergies).toBe(false);
    // The rest of the chart is still read.
    expect(texts(context, 'medication')).toHaveLength(2);
  });

  it('reads an allergen recorded as "No known allergies" as an explicit none', () => {
    const context = withAllergiesWidget(`
      <div><div><h4>Allergies</h4></div>
        <div class="cds--data-table-container"><div class="cds--data-table-content">
          <table aria-label="allergies summary" class="cds--data-table"><tbody>
            <tr><td>No known allergies</td><td></td><td>--</td><td>--</td><td class="cds--table-column-menu"></td></tr>
          </tbody></table>
        </div></div>
      </div>`);
    expect(texts(context, 'allergy')).toEqual([]);
    expect(context.noKnownAllergies).toBe(true);
  });

  it('reads the older "allergies overview" table (Name | Reactions)', () => {
    const context = withAllergiesWidget(`
      <div><div><h4>Allergies</h4></div>
        <div class="cds--data-table-container"><div class="cds--data-table-content">
          <table aria-label="allergies overview" class="cds--data-table"><tbody>
            <tr><td>Aspirin</td><td>Angioedema, Wheezing (severe)</td></tr>
          </tbody></table>
        </div></div>
      </div>`);
    expect(texts(context, 'allergy')).toEqual(['Aspirin — Angioedema, Wheezing (severe)']);
  });
});

describe('openmrsAdapter on the visit note workspace', () => {
  const { document, url } = load('visit-note-form.html', `${CHART_URL.replace('patient-summary', 'visits')}`);

  it('matches and reads the same patient from the banner', () => {
    expect(openmrsAdapter.matches(document, url)).toBe(100);
    expect(openmrsAdapter.readIdentity(document, url)).toMatchObject({ name: 'Amara Okafor', dob: '1971-03-14', mrn: '1007MXP' });
  });

  it('returns the single free-text note field: textarea#additionalNote', () => {
    const fields = openmrsAdapter.findNoteFields(document, url);
    expect(Object.keys(fields)).toEqual(['note']);
    expect(fields.note).toBe(document.getElementById('additionalNote'));
    expect(fields.note!.tagName).toBe('TEXTAREA');
    expect(document.querySelector(`label[for="${fields.note!.id}"]`)!.textContent).toBe('Write your notes');
  });

  it('reads empty widgets as nothing recorded', () => {
    const context = openmrsAdapter.readChart(document, url);
    expect(context.items).toEqual([]);
    expect(context.visitNotes).toEqual([]);
    expect(context.noKnownAllergies).toBe(false);
    expect(context.demographics).toMatchObject({ age: 55, gender: 'female' });
  });

  it('finds the textarea by the workspace title when its id changes', () => {
    const copy = load('visit-note-form.html').document;
    copy.getElementById('additionalNote')!.id = 'clinicalNote';
    expect(openmrsAdapter.findNoteFields(copy, url).note).toBe(copy.getElementById('clinicalNote'));
  });

  it('does not offer a hidden workspace window or the sticky note textarea', () => {
    const hidden = load('visit-note-form.html').document;
    const inner = hidden.querySelector('[class*="workspaceInnerContainer"]')!;
    inner.classList.add('-esm-styleguide__workspace2-module__hidden___Rk2Tn');
    expect(openmrsAdapter.findNoteFields(hidden, url)).toEqual({});

    const sticky = htmlDocument(
      `<div data-extension-slot-name="patient-header-slot"><header aria-label="patient banner"><span class="x__patientName___a">A B</span></header></div>
       <div class="cds--modal-container"><div class="cds--text-area__wrapper"><textarea id="sticky-note-text"></textarea></div></div>`,
      CHART_URL,
    );
    expect(openmrsAdapter.findNoteFields(sticky.document, sticky.url)).toEqual({});
  });
});

describe('openmrsAdapter banner edge cases', () => {
  function banner(demographics: string, extra = '') {
    return htmlDocument(
      `<div data-extension-slot-name="patient-header-slot"><div data-extension-id="patient-banner">
        <header aria-label="patient banner" role="banner">
          <div><div aria-label="Avatar for Baby Doe"><div title="Baby Doe"><span>BD</span></div></div></div>
          <div><div><div>${extra}</div></div><div>${demographics}</div></div>
        </header></div></div>`,
      CHART_URL,
    );
  }

  it('falls back to the avatar title for the name and computes infant ages in whole years', () => {
    const { document, url } = banner(
      '<span>13 mths, 8 days</span><span>·</span><span>16-Oct-2025</span><span>·</span><span><span><div class="cds--tag"><span>OpenMRS ID: </span><span>100AB2</span></div></span></span>',
    );
    const context = openmrsAdapter.readChart(document, url);
    expect(context.identity).toMatchObject({ name: 'Baby Doe', dob: '2025-10-16', mrn: '100AB2' });
    expect(context.demographics.age).toBe(ageOnDate('2025-10-16', new Date()));
  });

  it('prefers the OpenMRS ID over other identifiers and ignores tags without a "type: value" shape', () => {
    const { document, url } = banner(
      '<span>40 yrs</span><span>·</span><span>01-Jan-1986</span><span>·</span>' +
        '<span><label id="patient-banner-identifier-NAT-1"><span>National ID: </span><span>NAT-1</span></label></span><span>·</span>' +
        '<span><label id="patient-banner-identifier-77XK"><span>OpenMRS ID: </span><span>77XK</span></label></span>',
      '<div class="cds--tag">Active Visit</div>',
    );
    expect(openmrsAdapter.readIdentity(document, url)).toMatchObject({ name: 'Baby Doe', dob: '1986-01-01', mrn: '77XK' });
    expect(openmrsAdapter.readChart(document, url).demographics.age).toBe(40);
  });

  it('reads nothing and never throws on a page without a banner', () => {
    const { document, url } = htmlDocument('<p>OpenMRS login</p>', 'https://o3.example.org/openmrs/spa/login');
    expect(openmrsAdapter.readIdentity(document, url)).toEqual({});
    const context = openmrsAdapter.readChart(document, url);
    expect(context.items).toEqual([]);
    expect(openmrsAdapter.findNoteFields(document, url)).toEqual({});
  });
});

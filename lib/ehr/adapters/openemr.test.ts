import { describe, expect, it } from 'vitest';
import { fixtureDocument, htmlDocument } from '../../../test/support/fixture-dom';
import { SECTION_LABELS, SOAP_SECTIONS } from '../../note/sections';
import type { EhrAdapter } from '../adapter';
import { ChartContextSchema, type ChartContext, type ItemSource } from '../chart-context';
import { ageOnDate } from '../dates';
import { mergeFrameCharts } from '../merge-frames';
import { pickAdapter } from '../registry';
import { openemrAdapter } from './openemr';

const DOB = '1958-06-21';
const IDENTITY = { name: 'Evelyn Hartwell', dob: DOB, mrn: 'OE-20417' };

function load(file: string, url?: string) {
  return fixtureDocument(`openemr/${file}`, url);
}

function read(file: string, url?: string): { chart: ChartContext; document: Document } {
  const { document, url: pageUrl } = load(file, url);
  return { chart: openemrAdapter.readChart(document, pageUrl), document };
}

/** The element a source points at; fails the test when the selector finds nothing. */
function sourceElement(document: Document, source: ItemSource | undefined): Element {
  expect(source?.adapter).toBe('openemr');
  expect(source?.selector).toBeTruthy();
  const element = document.querySelector(source!.selector!);
  expect(element, `selector ${source?.selector}`).not.toBeNull();
  return element!;
}

/** A stand-in for the generic adapter: weakly matches everything. */
const generic: EhrAdapter = {
  id: 'generic',
  name: 'Generic',
  matches: () => 1,
  readChart: (_doc, url) => ({ adapter: 'generic', url: url.href, identity: {}, demographics: {}, items: [], noKnownAllergies: false, visitNotes: [], messages: [] }),
  readIdentity: () => ({}),
  findNoteFields: () => ({}),
};

describe('openemrAdapter.matches', () => {
  it.each(['main.html', 'dashboard.html', 'soap-form.html', 'encounters.html'])('scores %s high', (file) => {
    const { document, url } = load(file);
    const score = openemrAdapter.matches(document, url);
    expect(score).toBeGreaterThanOrEqual(60);
    expect(score).toBeLessThanOrEqual(100);
    expect(pickAdapter([generic, openemrAdapter], document, url)).toBe(openemrAdapter);
  });

  it('scores higher still on OpenEMR URLs', () => {
    const shell = load('main.html', 'https://emr.example.test/interface/main/tabs/main.php');
    const dashboard = load('dashboard.html', 'https://emr.example.test/interface/patient_file/summary/demographics.php');
    expect(openemrAdapter.matches(shell.document, shell.url)).toBeGreaterThan(openemrAdapter.matches(...docUrl(load('main.html'))));
    expect(openemrAdapter.matches(dashboard.document, dashboard.url)).toBe(100);
  });

  it('is 0 on the sample chart and other pages, and the generic adapter keeps them', () => {
    const sample = fixtureDocument('sample-chart.html');
    expect(openemrAdapter.matches(sample.document, sample.url)).toBe(0);
    expect(pickAdapter([generic, openemrAdapter], sample.document, sample.url)).toBe(generic);

    const clinic = htmlDocument(`<h1>Patient: Ann Lee</h1><h2>Allergies</h2><ul class="list-group"><li class="list-group-item">Peanuts</li></ul>
      <table><tr><th>Medication</th></tr><tr class="text"><td>Lisinopril</td></tr></table>`);
    expect(openemrAdapter.matches(clinic.document, clinic.url)).toBe(0);
  });

  it('does not take a plain S/O/A/P form, nor an OpenEMR-looking URL with nothing of OpenEMR on the page', () => {
    const plain = htmlDocument(`<form name="soap">${SOAP_SECTIONS.map((s) => `<fieldset><legend>${s}</legend><textarea name="${s}"></textarea></fieldset>`).join('')}</form>`);
    expect(openemrAdapter.matches(plain.document, plain.url)).toBe(0);
    const bare = htmlDocument('<p>Loading…</p>', 'https://emr.example.test/interface/main/tabs/main.php');
    expect(openemrAdapter.matches(bare.document, bare.url)).toBe(0);
  });
});

function docUrl(loaded: { document: Document; url: URL }): [Document, URL] {
  return [loaded.document, loaded.url];
}

describe('the tabs shell (main.html)', () => {
  it('reads the patient header: name, pubpid as MRN, DOB as ISO, age', () => {
    const { chart, document } = read('main.html');
    expect(ChartContextSchema.parse(chart)).toEqual(chart);
    expect(chart.adapter).toBe('openemr');
    expect(chart.identity).toMatchObject(IDENTITY);
    expect(chart.identity.source?.label).toBe('Patient');
    expect(sourceElement(document, chart.identity.source).textContent?.trim()).toBe('Evelyn Hartwell');
    expect(chart.demographics.age).toBe(68);
    expect(chart.demographics.ageSource?.label).toBe('Age');
    expect(sourceElement(document, chart.demographics.ageSource).textContent).toContain('Age: 68');
    expect(chart.demographics.gender).toBeUndefined();
    expect(chart.items).toEqual([]);
    expect(chart.visitNotes).toEqual([]);
  });

  it('shows the dashboard in the "pat" tab iframe (read in its own frame, not from here)', () => {
    const { document } = load('main.html');
    expect(document.querySelector('#framesDisplay .frameDisplay iframe[name="pat"]')?.getAttribute('src')).toBe('dashboard.html');
  });

  it('still knows the patient when the header panel is folded away', () => {
    const { document, url } = load('main.html');
    document.getElementById('attendantData')!.setAttribute('style', 'display: none;');
    expect(openemrAdapter.readIdentity(document, url)).toMatchObject(IDENTITY);
  });

  it.each([
    [' DOB: 2025-01-10 Age: 22 month', 1],
    [' DOB: 2021-02-03 Age: 5y 9m 21d', 5],
    [' DOB: 1941-05-06 Age at death: 80', 80],
  ])('reads the age in %j', (dobText, age) => {
    const { document, url } = htmlDocument(`<div id="attendantData"><div class="form-group"><div class="d-inline"><a class="ptName" href="#"><span>Test Child</span> <span class="text-muted">(<span>X1</span>)</span></a></div>
      <div class="mt-2"><span>${dobText}</span></div></div></div><div id="framesDisplay"></div>`);
    expect(openemrAdapter.readChart(document, url).demographics.age).toBe(age);
  });

  it('has no patient when none is chosen (Knockout renders no header)', () => {
    const { document, url } = load('main.html');
    document.querySelector('#attendantData .form-group')!.remove();
    expect(openemrAdapter.readIdentity(document, url)).toEqual({});
    expect(openemrAdapter.matches(document, url)).toBeGreaterThanOrEqual(60);
  });
});

describe('the dashboard (dashboard.html)', () => {
  it('reads allergies, medical problems, medications and prescriptions, exactly, in page order', () => {
    const { chart } = read('dashboard.html');
    expect(ChartContextSchema.parse(chart)).toEqual(chart);
    expect(chart.items.map((i) => [i.id, i.kind, i.text])).toEqual([
      ['allergy:0', 'allergy', 'Penicillin (Severe), reaction: Hives'],
      ['allergy:1', 'allergy', 'Sulfonamides (Moderate), reaction: Rash'],
      ['allergy:2', 'allergy', 'Latex, reaction: Contact dermatitis'],
      ['problem:0', 'problem', 'Essential hypertension'],
      ['problem:1', 'problem', 'Type 2 diabetes mellitus without complications'],
      ['problem:2', 'problem', 'Osteoarthritis of left knee'],
      ['medication:0', 'medication', 'Metformin 500 mg tablet — 1 tablet by mouth twice daily with meals'],
      ['medication:1', 'medication', 'Lisinopril 10 mg tablet — 1 tablet by mouth once daily'],
      ['medication:2', 'medication', 'Aspirin 81 mg'],
      ['medication:3', 'medication', 'Atorvastatin 20 mg — 1 in tablet h.s.'],
      ['medication:4', 'medication', 'Albuterol HFA 90 mcg/actuation — 2 in puff p.r.n.'],
    ]);
    expect(chart.noKnownAllergies).toBe(false);
    expect(chart.visitNotes).toEqual([]);
  });

  it('records where each item came from: the card title and an element in that card', () => {
    const { chart, document } = read('dashboard.html');
    const cardOf: Record<string, string> = {
      Allergies: 'allergy_ps_expand',
      'Medical Problems': 'medical_problem_ps_expand',
      Medications: 'medication_ps_expand',
      Prescriptions: 'prescriptions_ps_expand',
    };
    const labels = chart.items.map((i) => i.source.label);
    expect(labels).toEqual([...Array(3).fill('Allergies'), ...Array(3).fill('Medical Problems'), ...Array(3).fill('Medications'), 'Prescriptions', 'Prescriptions']);
    for (const item of chart.items) {
      const element = sourceElement(document, item.source);
      expect(element.closest(`#${cardOf[item.source.label!]}`), item.text).not.toBeNull();
      const name = item.text.split(/ \(| —|,/)[0]!;
      expect(element.textContent, item.text).toContain(name);
    }
    // Not read: the appointments and billing cards.
    expect(chart.items.some((i) => /Established Patient|Balance/.test(i.text))).toBe(false);
  });

  it('reads the collapsed Prescriptions card too (its content stays in the page)', () => {
    const { document } = load('dashboard.html');
    expect(document.getElementById('prescriptions_ps_expand')!.classList.contains('show')).toBe(false);
  });

  it('reads identity, sex and age from the Demographics card', () => {
    const { chart, document } = read('dashboard.html');
    expect(chart.identity).toMatchObject(IDENTITY);
    expect(chart.identity.source?.label).toBe('Name');
    expect(sourceElement(document, chart.identity.source).id).toBe('text_fname');
    expect(chart.demographics.gender).toBe('female');
    expect(chart.demographics.genderSource?.label).toBe('Sex');
    expect(sourceElement(document, chart.demographics.genderSource).id).toBe('text_sex');
    expect(chart.demographics.age).toBe(ageOnDate(DOB, new Date()));
    expect(chart.demographics.ageSource?.label).toBe('DOB');
    expect(sourceElement(document, chart.demographics.ageSource).id).toBe('text_DOB');
  });

  it('falls back to the page heading for the name when the Demographics card is not shown', () => {
    const { document, url } = load('dashboard.html');
    document.getElementById('demographics_ps_expand')!.closest('section')!.remove();
    const chart = openemrAdapter.readChart(document, url);
    expect(chart.identity).toEqual({ name: 'Evelyn Hartwell', source: expect.objectContaining({ label: 'Patient' }) });
    expect(chart.items).toHaveLength(11);
  });

  function withList(id: string, rows: string): { document: Document; url: URL } {
    const loaded = load('dashboard.html');
    const list = loaded.document.getElementById(id)!.querySelector('.clearfix')!;
    list.innerHTML = rows;
    return loaded;
  }

  it('reads "No Known Allergies" as an explicit none, and "Nothing Recorded" as nothing', () => {
    const nka = withList('allergy_ps_expand', '<div class="list-group list-group-flush pami-list"><div class="list-group-item p-0 pl-1">\n  No Known Allergies\n</div></div>');
    const nkaChart = openemrAdapter.readChart(nka.document, nka.url);
    expect(nkaChart.noKnownAllergies).toBe(true);
    expect(nkaChart.items.filter((i) => i.kind === 'allergy')).toEqual([]);

    const nothing = withList('allergy_ps_expand', '<div class="list-group list-group-flush pami-list"><div class="list-group-item p-0 pl-1">Nothing Recorded</div></div>');
    const nothingChart = openemrAdapter.readChart(nothing.document, nothing.url);
    expect(nothingChart.noKnownAllergies).toBe(false);
    expect(nothingChart.items.filter((i) => i.kind === 'allergy')).toEqual([]);
  });

  it('reads an allergy entered as "NKDA" as an explicit none, not an allergy', () => {
    const { document, url } = withList(
      'allergy_ps_expand',
      '<div class="list-group"><div class="list-group-item p-1"><div class="d-flex"><div class="flex-fill" title="NKDA Reaction:  - ">NKDA (<span class=""></span>)</div></div></div></div>',
    );
    const chart = openemrAdapter.readChart(document, url);
    expect(chart.noKnownAllergies).toBe(true);
    expect(chart.items.filter((i) => i.kind === 'allergy')).toEqual([]);
  });

  it('skips the empty-list rows of the other cards', () => {
    const { document, url } = load('dashboard.html');
    document.querySelector('#medical_problem_ps_expand .clearfix')!.innerHTML = '<div class="list-group"><div class="list-group-item p-0 pl-1">None</div></div>';
    document.querySelector('#medication_ps_expand .clearfix')!.innerHTML = '<div class="list-group"><div class="list-group-item p-0 pl-1">Nothing Recorded</div></div>';
    document.querySelector('#prescriptions_ps_expand .clearfix')!.innerHTML = "<table><tr class='text'><td>&nbsp;&nbsp;None</td></tr></table>";
    const chart = openemrAdapter.readChart(document, url);
    expect(chart.items.map((i) => i.kind)).toEqual(['allergy', 'allergy', 'allergy']);
  });

  it('readIdentity agrees with readChart', () => {
    for (const file of ['main.html', 'dashboard.html', 'encounters.html']) {
      const { document, url } = load(file);
      expect(openemrAdapter.readIdentity(document, url), file).toEqual(openemrAdapter.readChart(document, url).identity);
    }
  });
});

describe('frames: the shell and its dashboard tab, merged', () => {
  it('gives one chart: the header identity and age, the dashboard items and sex', () => {
    const merged = mergeFrameCharts([read('main.html').chart, read('dashboard.html').chart])!;
    expect(merged.adapter).toBe('openemr');
    expect(merged.identity).toMatchObject(IDENTITY);
    expect(merged.identity.source?.label).toBe('Patient');
    expect(merged.demographics.age).toBe(68);
    expect(merged.demographics.gender).toBe('female');
    expect(merged.items).toHaveLength(11);
  });
});

describe('the SOAP form (soap-form.html)', () => {
  it('finds the four textareas by name, labelled only by their fieldset legends', () => {
    const { document, url } = load('soap-form.html');
    const fields = openemrAdapter.findNoteFields(document, url);
    expect(Object.keys(fields)).toEqual([...SOAP_SECTIONS]);
    for (const section of SOAP_SECTIONS) {
      const field = fields[section]!;
      expect(field.tagName).toBe('TEXTAREA');
      expect(field.getAttribute('name')).toBe(section);
      expect(field.closest('form')?.getAttribute('name')).toBe('soap');
      expect(field.closest('fieldset')?.querySelector('legend')?.textContent?.trim()).toBe(SECTION_LABELS[section]);
      expect(field.getAttribute('onkeyup')).toContain('isSoapEdit = true');
    }
    expect(document.querySelectorAll('label')).toHaveLength(0);
    expect(fields.note).toBeUndefined();
  });

  it('has no chart on it', () => {
    const { chart } = read('soap-form.html');
    expect(chart.items).toEqual([]);
    expect(chart.identity).toEqual({});
  });

  it('finds no note fields on the dashboard', () => {
    const { document, url } = load('dashboard.html');
    expect(openemrAdapter.findNoteFields(document, url)).toEqual({});
  });
});

describe('Visit History (encounters.html)', () => {
  it('reads each encounter as a prior visit: date, provider, reason, issues, forms', () => {
    const { chart, document } = read('encounters.html');
    expect(ChartContextSchema.parse(chart)).toEqual(chart);
    expect(chart.visitNotes.map(({ id, date, provider, text }) => ({ id, date, provider, text }))).toEqual([
      {
        id: 'visit-note:0',
        date: '2026-10-02',
        provider: 'Morgan, Casey R',
        text: 'Follow-up of blood pressure and glucose; reports occasional morning headaches. Issues: Medical Problem: Essential hypertension; Medical Problem: Type 2 diabetes mellitus without complications. Forms: SOAP, Vitals',
      },
      { id: 'visit-note:1', date: '2026-04-15', provider: 'Okafor, Nneka', text: 'Left knee pain after gardening. Forms: SOAP' },
    ]);
    for (const note of chart.visitNotes) {
      expect(note.source.label).toBe('Visit History');
      expect(sourceElement(document, note.source).classList.contains('encrow')).toBe(true);
    }
    expect(chart.identity).toMatchObject(IDENTITY);
    expect(chart.identity.source?.label).toBe('Visit History');
  });

  it('reads nothing from the billing view', () => {
    const { document, url } = load('encounters.html');
    document.querySelector('#encounters thead th:nth-of-type(2)')!.className = 'billing_note';
    expect(openemrAdapter.readChart(document, url).visitNotes).toEqual([]);
  });
});

describe('odd markup', () => {
  it('never throws, and reads what it can', () => {
    const { document, url } = htmlDocument(`<body class="patient-demographic">
      <div id="allergy_ps_expand"><div class="list-group-item"><div class="flex-fill"></div></div><div class="list-group-item"></div></div>
      <div id="medication_ps_expand"><div class="list-group-item"><span></span></div><div class="list-group-item">Warfarin 5 mg</div></div>
      <div id="prescriptions_ps_expand"><table><tr><td></td></tr></table></div>
      <div id="demographics_ps_expand"><td id="text_DOB" data-value="not a date"></td></div>
      <div id="encounters"><table><tr class="encrow"><td>whenever</td></tr></table></div></body>`);
    const chart = openemrAdapter.readChart(document, url);
    expect(chart.items.map((i) => i.text)).toEqual(['Warfarin 5 mg']);
    expect(chart.identity).toEqual({});
    expect(() => openemrAdapter.readChart(htmlDocument('').document, url)).not.toThrow();
  });
});

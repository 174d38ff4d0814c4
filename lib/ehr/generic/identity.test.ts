import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { readDemographics } from './demographics';
import { isNameLike, nameFrom, readIdentityReading } from './identity';
import { readLabelledValues } from './labelled-values';

const TODAY = new Date(2026, 4, 2);

function identity(html: string) {
  const { document } = htmlDocument(html);
  const { reading, values } = readIdentityReading(document, TODAY);
  const demographics = readDemographics(values, reading, TODAY);
  return { name: reading.name?.value, dob: reading.dob?.value, mrn: reading.mrn?.value, age: demographics.age?.value, gender: demographics.gender?.value };
}

describe('labelled values', () => {
  it('reads labels and values in one text, in neighbours, in cells, in dt/dd, in column headers and in form fields', () => {
    const { document } = htmlDocument(`
      <p>Patient: Ana Ruiz DOB: 1/2/1980 MRN: 555-1 Sex: F</p>
      <p><b>Date of birth</b> 02/03/1981</p>
      <table><tr><td>Medical record number:</td><td>A-77</td></tr></table>
      <dl><dt>Gender</dt><dd>Female</dd></dl>
      <table><tr><th>Name</th><th>Age</th></tr><tr><td>Ana Ruiz</td><td>46</td></tr></table>
      <label for="d">Birth date</label><input id="d" value="1980-01-02">`);
    expect(readLabelledValues(document).map((v) => [v.field, v.value])).toEqual([
      ['patient', 'Ana Ruiz'],
      ['dob', '1/2/1980'],
      ['mrn', '555-1'],
      ['sex', 'F'],
      ['dob', '02/03/1981'],
      ['mrn', 'A-77'],
      ['sex', 'Female'],
      ['name', 'Ana Ruiz'],
      ['age', '46'],
      ['dob', '1980-01-02'],
    ]);
  });

  it('does not take another word’s label ("Provider name:", "Gestational age:") or a hidden one', () => {
    const { document } = htmlDocument('<p>Provider name: Dr. Pike</p><p>Gestational age: 38 weeks</p><p hidden>DOB: 01/01/1901</p><button>Patient: Click me</button>');
    expect(readLabelledValues(document)).toEqual([]);
  });
});

describe('identity', () => {
  it('prefers "Patient:" and reads DOB and MRN in common shapes', () => {
    expect(identity('<div><span>Patient: <strong>Ana Ruiz</strong></span> <span>DOB 01/02/1980 (46 y)</span> <span>MRN #A-1234</span> <span>Sex: Female</span></div>')).toEqual({
      name: 'Ana Ruiz',
      dob: '1980-01-02',
      mrn: 'A-1234',
      age: 46,
      gender: 'female',
    });
  });

  it('takes "Name:" only next to a DOB or MRN', () => {
    expect(identity('<div><p>Name: Ana Ruiz</p><p>DOB: 01/02/1980</p></div>').name).toBe('Ana Ruiz');
    expect(identity('<div><p>Name: Ana Ruiz</p></div><div><p>x</p><div><div><div><div><p>DOB: 01/02/1980</p></div></div></div></div></div>').name).toBeUndefined();
  });

  it('takes a prominent unlabelled name from the box holding the DOB or MRN', () => {
    expect(identity('<header><h1>RUIZ, Ana M.</h1><span>DOB: 1980-01-02</span><span>34 y F</span></header>')).toMatchObject({ name: 'RUIZ, Ana M.', age: 34, gender: 'female' });
  });

  it('computes the age from the DOB when none is shown, and rejects a DOB in the future', () => {
    expect(identity('<p>Patient: Ana Ruiz</p><p>DOB: Feb 29, 2000</p>').age).toBe(26);
    expect(identity('<p>DOB: 01/01/2030</p>').dob).toBeUndefined();
  });

  it('reads nothing from an empty form or a page without a patient', () => {
    expect(identity('<label for="n">Name</label><input id="n"><label for="d">Date of birth</label><input id="d" placeholder="MM/DD/YYYY">')).toEqual({ name: undefined, dob: undefined, mrn: undefined, age: undefined, gender: undefined });
  });
});

describe('names', () => {
  it.each(['Ana Ruiz', 'Kimball, Theodore', "Ana-Lucía O'Neil", 'RUIZ, Ana M.', 'Nguyễn Thị Lan'])('%s is a name', (text) => {
    expect(isNameLike(text)).toBe(true);
  });
  it.each(['Ana', 'Patient Portal', 'Unknown Patient', 'Select patient', '12345', 'Ana Ruiz 1980', 'Welcome back'])('%s is not', (text) => {
    expect(isNameLike(text)).toBe(false);
  });
  it('cuts a name at the next field', () => {
    expect(nameFrom('Ana Ruiz (46 y F)')).toBe('Ana Ruiz');
    expect(nameFrom('Ana Ruiz | DOB 1/2/1980')).toBe('Ana Ruiz');
    expect(nameFrom('Ana Ruiz DOB 1/2/1980')).toBe('Ana Ruiz');
  });
});

describe('compact banners: the name, then age and sex unlabelled', () => {
  const banner = (line: string) => `<header class="banner"><h2>${line}</h2><span>MRN: 40-11872</span></header><main><p>Room 4F · Bed 12 M-wing</p></main>`;
  it.each([
    ['Maria Alvarez 68 yo M', 68, 'male'],
    ['Maria Alvarez · 45 y/o F', 45, 'female'],
    ['Maria Alvarez 72M', 72, 'male'],
    ['Maria Alvarez, F, 34', 34, 'female'],
    ['Maria Alvarez | 34 yrs female', 34, 'female'],
    ['Maria Alvarez (68 M)', 68, 'male'],
    ['Maria Alvarez — Male, 68 years', 68, 'male'],
    ['Maria Alvarez • 68 y.o. male', 68, 'male'],
    ['Maria Alvarez F 34', 34, 'female'],
    ['Maria Alvarez 68yo', 68, undefined],
  ])('%s', (line, age, gender) => {
    expect(identity(banner(line))).toEqual({ name: 'Maria Alvarez', dob: undefined, mrn: '40-11872', age, gender });
  });

  it('reads "Age: 68y" and the age shown after a DOB', () => {
    expect(identity('<div><b>Maria Alvarez</b> <span>Age: 68y</span> <span>MRN 40-11872</span></div>')).toMatchObject({ name: 'Maria Alvarez', age: 68 });
    expect(identity('<div><b>Maria Alvarez</b> <span>DOB 03/14/1971 (55 y)</span> <span>F</span></div>')).toMatchObject({ name: 'Maria Alvarez', age: 55 });
  });

  it.each([
    'Maria Alvarez · MRN 123 M',
    'Maria Alvarez · Acct A12345M',
    'Maria Alvarez · Room 4F',
    'Maria Alvarez · Bed 12 M-wing',
    'Maria Alvarez · Suite F',
    'Maria Alvarez · Ph 555-0134',
    'J. M. Smith M.D.',
  ])('%s: no age, no sex', (line) => {
    const read = identity(`<header><h2>${line}</h2><span>MRN: 40-11872</span></header>`);
    expect([read.age, read.gender]).toEqual([undefined, undefined]);
  });
});

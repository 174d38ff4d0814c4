import { describe, expect, it } from 'vitest';
import { FALLBACK_SPECIALTIES, parseSpecialties } from './specialties';

describe('FALLBACK_SPECIALTIES', () => {
  it('holds the contract’s 24 specialties with unique ids', () => {
    expect(FALLBACK_SPECIALTIES).toHaveLength(24);
    expect(new Set(FALLBACK_SPECIALTIES.map((s) => s.id)).size).toBe(24);
    expect(FALLBACK_SPECIALTIES[0]).toEqual({ id: 'nurse_practitioner', label: 'Nurse Practitioner' });
    expect(FALLBACK_SPECIALTIES).toContainEqual({ id: 'slp', label: 'Speech Language Pathology' });
    expect(FALLBACK_SPECIALTIES.at(-1)).toEqual({ id: 'generic', label: 'Generic' });
  });
});

describe('parseSpecialties', () => {
  it('accepts an array of ids, labelling known ones from the contract', () => {
    expect(parseSpecialties(['slp', 'sports_medicine'])).toEqual([
      { id: 'slp', label: 'Speech Language Pathology' },
      { id: 'sports_medicine', label: 'Sports medicine' },
    ]);
  });

  it('accepts {id, name} objects', () => {
    expect(parseSpecialties([{ id: 'physician', name: 'Physician (MD/DO)' }])).toEqual([
      { id: 'physician', label: 'Physician (MD/DO)' },
    ]);
  });

  it('accepts {value, label} objects', () => {
    expect(parseSpecialties([{ value: 'dentist', label: 'Dentist' }])).toEqual([{ id: 'dentist', label: 'Dentist' }]);
  });

  it('accepts objects with only an id', () => {
    expect(parseSpecialties([{ id: 'ems' }])).toEqual([{ id: 'ems', label: 'Emergency Medical Services' }]);
  });

  it.each([
    ['specialties', { specialties: ['physician'] }],
    ['data', { object: 'list', data: [{ id: 'physician', name: 'Physician' }] }],
    ['any key', { whatever: [{ value: 'physician', label: 'Physician' }], count: 1 }],
    ['nested', { data: { specialties: ['physician'] } }],
  ])('accepts an object wrapping the list (%s)', (_name, json) => {
    expect(parseSpecialties(json)).toEqual([{ id: 'physician', label: 'Physician' }]);
  });

  it('skips unusable entries and duplicates', () => {
    expect(parseSpecialties(['physician', '', null, 3, { name: 'No id' }, 'physician'])).toEqual([
      { id: 'physician', label: 'Physician' },
    ]);
  });

  it('returns [] for shapes it does not understand', () => {
    expect(parseSpecialties(null)).toEqual([]);
    expect(parseSpecialties('physician')).toEqual([]);
    expect(parseSpecialties({ error: { message: 'nope' } })).toEqual([]);
    expect(parseSpecialties({ tags: [] })).toEqual([]);
  });

  it('keeps each specialty’s template variants, in whichever of the likely keys and shapes they come', () => {
    expect(
      parseSpecialties({
        specialties: [
          { id: 'physician', name: 'Physician', templates: [{ id: 'standard', name: 'Standard' }, { id: 'soap_brief' }, 'standard', ''] },
          { value: 'dentist', label: 'Dentist', template_variants: ['standard', 'perio_chart'] },
          { id: 'ems', variants: [{ value: 'run_report', label: 'Run report' }] },
          { id: 'slp', templates: 'not a list' },
        ],
      }),
    ).toEqual([
      { id: 'physician', label: 'Physician', templates: [{ id: 'standard', label: 'Standard' }, { id: 'soap_brief', label: 'Soap brief' }] },
      { id: 'dentist', label: 'Dentist', templates: [{ id: 'standard', label: 'Standard' }, { id: 'perio_chart', label: 'Perio chart' }] },
      { id: 'ems', label: 'Emergency Medical Services', templates: [{ id: 'run_report', label: 'Run report' }] },
      { id: 'slp', label: 'Speech Language Pathology' },
    ]);
  });
});

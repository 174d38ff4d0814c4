import { describe, expect, it } from 'vitest';
import { buildNoteRequest } from '../api/note-request';
import type { ChartContext } from '../ehr/chart-context';
import { AGE_ID, buildRequestContext, EMPTY_MANUAL, GENDER_ID, identityForNote, NAME_ID, NKDA_ID } from './request-context';

const source = { adapter: 'generic' };
const CHART: ChartContext = {
  adapter: 'generic',
  url: 'https://ehr.example.org/chart/1',
  identity: { name: 'Maria Alvarez', dob: '1971-03-14', mrn: '00482913' },
  demographics: { age: 55, gender: 'female' },
  items: [
    { id: 'medication:0', kind: 'medication', text: 'Lisinopril 10 mg daily', source },
    { id: 'medication:1', kind: 'medication', text: 'Metformin 500 mg twice daily', source },
    { id: 'allergy:0', kind: 'allergy', text: 'Penicillin (rash)', source },
    { id: 'problem:0', kind: 'problem', text: 'Type 2 diabetes mellitus', source },
    { id: 'history:0', kind: 'history', text: 'Appendectomy 1990', source },
  ],
  noKnownAllergies: false,
  visitNotes: [{ id: 'visit-note:0', date: '2026-10-01', provider: 'Dr. Chen', text: 'BP 150/90, lisinopril started.', source }],
  messages: [{ id: 'message:0', role: 'patient', content: 'My cough is worse at night.', timestamp: '2026-11-20T09:00:00Z', source }],
};

const select = (patch: Partial<Parameters<typeof buildRequestContext>[0]> = {}) =>
  buildRequestContext({ chart: CHART, excluded: new Set(), manual: EMPTY_MANUAL, omitName: false, ...patch });

describe('buildRequestContext', () => {
  it('sends every checked item in the fields the API knows', () => {
    expect(buildNoteRequest({ transcript: 'x'.repeat(60), specialty: 'physician', context: select() }).context).toEqual({
      patient_info: {
        name: 'Maria Alvarez',
        age: 55,
        gender: 'female',
        medications: ['Lisinopril 10 mg daily', 'Metformin 500 mg twice daily'],
        allergies: ['Penicillin (rash)'],
        medical_history: 'Type 2 diabetes mellitus; Appendectomy 1990',
      },
      patient_history: '2026-10-01 — Dr. Chen: BP 150/90, lisinopril started.',
      chat_messages: [{ role: 'patient', content: 'My cough is worse at night.', timestamp: '2026-11-20T09:00:00Z' }],
    });
  });

  it('leaves out exactly what is unchecked', () => {
    const context = select({ excluded: new Set(['allergy:0', 'medication:1', AGE_ID, GENDER_ID, 'visit-note:0', 'message:0', NAME_ID]) });
    const sent = buildNoteRequest({ transcript: 'x'.repeat(60), specialty: 'physician', context }).context;
    expect(sent).toEqual({
      patient_info: { medications: ['Lisinopril 10 mg daily'], medical_history: 'Type 2 diabetes mellitus; Appendectomy 1990' },
    });
    expect(JSON.stringify(sent)).not.toMatch(/Penicillin|Metformin|Maria|Chen|cough/);
  });

  it('keeps the name out when the setting says so, even if its box is checked', () => {
    expect(select({ omitName: true })?.patient_info?.name).toBeUndefined();
  });

  it('sends an explicit "No known allergies" only when the chart says so and it is checked', () => {
    const nkda: ChartContext = { ...CHART, items: CHART.items.filter((i) => i.kind !== 'allergy'), noKnownAllergies: true };
    expect(select({ chart: nkda })?.patient_info?.allergies).toEqual(['No known allergies']);
    expect(select({ chart: nkda, excluded: new Set([NKDA_ID]) })?.patient_info?.allergies).toEqual([]);
    expect(select({ chart: { ...nkda, noKnownAllergies: false } })?.patient_info?.allergies).toEqual([]);
  });

  it('uses what was typed when there is no chart, and adds typed history to the chart’s', () => {
    const manual = { age: '42', gender: 'Male', medications: 'Atorvastatin 20 mg\n\n Aspirin 81 mg ', allergies: 'Sulfa', history: 'Smoker, 20 pack-years' };
    expect(buildRequestContext({ chart: undefined, excluded: new Set(), manual, omitName: false })).toEqual({
      patient_info: { name: undefined, age: 42, gender: 'Male', medications: ['Atorvastatin 20 mg', 'Aspirin 81 mg'], allergies: ['Sulfa'], medical_history: undefined },
      patient_history: 'Smoker, 20 pack-years',
      chat_messages: [],
    });
    expect(select({ manual: { ...EMPTY_MANUAL, history: 'Smoker' } })?.patient_history).toBe('2026-10-01 — Dr. Chen: BP 150/90, lisinopril started.\n\nSmoker');
  });
});

describe('what the API accepts, from chart and typing', () => {
  const typed = (age: string) => buildRequestContext({ chart: undefined, excluded: new Set(), manual: { ...EMPTY_MANUAL, age }, omitName: false })?.patient_info?.age;

  it('takes a typed age only as whole years, never a guess from "45.5" or "45y"', () => {
    expect(typed(' 45 ')).toBe(45);
    for (const age of ['45.5', '45y', '4 5', '0', 'forty']) expect(typed(age)).toBeUndefined();
  });

  it('sends a portal thread’s messages as patient or provider, and leaves out those whose author it cannot tell', () => {
    const messages = [
      { id: 'message:0', role: 'patient', content: 'My cough is worse at night.', timestamp: '2026-11-20T09:00:00Z', source },
      { id: 'message:1', role: 'dr. chen', content: 'Use the inhaler twice a day.', source },
      { id: 'message:2', role: 'unknown', content: 'Reminder: appointment Friday.', source },
    ];
    const body = buildNoteRequest({ transcript: 'x'.repeat(60), specialty: 'physician', context: select({ chart: { ...CHART, messages } }) });
    expect(body.context?.chat_messages).toEqual([
      { role: 'patient', content: 'My cough is worse at night.', timestamp: '2026-11-20T09:00:00Z' },
      { role: 'provider', content: 'Use the inhaler twice a day.' },
    ]);
  });
});

describe('identityForNote', () => {
  it('is the chart’s identity, or nothing when the chart names no one', () => {
    expect(identityForNote(CHART)).toEqual(CHART.identity);
    expect(identityForNote({ ...CHART, identity: {} })).toBeUndefined();
    expect(identityForNote(undefined)).toBeUndefined();
  });
});

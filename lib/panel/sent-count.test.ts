import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../ehr/chart-context';
import { AGE_ID, EMPTY_MANUAL, NAME_ID } from './request-context';
import { countSentLines, sentLinesText } from './sent-count';

const source = { adapter: 'generic' };
const CHART: ChartContext = {
  adapter: 'generic',
  url: 'https://ehr.example.org/chart/1',
  identity: { name: 'Maria Alvarez', dob: '1971-03-14', mrn: '00482913' },
  demographics: { age: 55, gender: 'female' },
  items: [
    { id: 'medication:0', kind: 'medication', text: 'Lisinopril 10 mg daily', source },
    { id: 'allergy:0', kind: 'allergy', text: 'Penicillin (rash)', source },
  ],
  noKnownAllergies: false,
  visitNotes: [{ id: 'visit-note:0', text: 'BP 150/90.', source }],
  messages: [
    { id: 'message:0', role: 'patient', content: 'My cough is worse.', source },
    { id: 'message:1', role: 'unknown', content: 'Call back.', source },
  ],
};

const count = (patch: Partial<Parameters<typeof countSentLines>[0]> = {}) =>
  countSentLines({ chart: CHART, excluded: new Set(), manual: EMPTY_MANUAL, omitName: false, ...patch });

describe('countSentLines', () => {
  it('counts the checked lines the API takes: name, age, sex, items, visit notes, messages of known author', () => {
    expect(count()).toBe(7);
  });

  it('drops what the clinician unchecked and the name when it is left out', () => {
    expect(count({ excluded: new Set([AGE_ID, 'medication:0']) })).toBe(5);
    expect(count({ omitName: true })).toBe(6);
    expect(count({ excluded: new Set([NAME_ID]) })).toBe(6);
  });

  it('does not count an age the API refuses (months), nor "No known allergies" beside a sent allergy', () => {
    expect(count({ chart: { ...CHART, demographics: { age: 0.5, gender: 'female' }, noKnownAllergies: true } })).toBe(6);
    expect(count({ chart: { ...CHART, items: [], noKnownAllergies: true } })).toBe(6);
  });

  it('counts each typed field, with or without a chart', () => {
    expect(count({ chart: undefined, manual: { ...EMPTY_MANUAL, history: 'Smoker', medications: 'Aspirin' } })).toBe(2);
  });
});

describe('sentLinesText', () => {
  it('says the number in words a clinician reads at a glance', () => {
    expect(sentLinesText(12)).toBe('12 items will be sent');
    expect(sentLinesText(1)).toBe('1 item will be sent');
    expect(sentLinesText(0)).toBe('Nothing from the chart will be sent');
  });
});

import { describe, expect, it } from 'vitest';
import type { ChartItem } from '../../ehr/chart-context';
import { findNewMedications, type MedicationLine } from './new-medications';

const source = { adapter: 'generic' };
const med = (text: string, i = 0): ChartItem => ({ id: `medication:${i}`, kind: 'medication', text, source });
const MEDS = [med('Lisinopril 10 mg daily', 0), med('Metformin 500 mg twice daily', 1), med('Norco 5/325 PRN', 2)];

const brief = (sections: Parameters<typeof findNewMedications>[0], meds: readonly MedicationLine[] = MEDS) => findNewMedications(sections, meds).map((m) => `${m.section} ${m.drug}`);

describe('findNewMedications', () => {
  it('marks drugs not on the chart as possibly new, once, at the first mention', () => {
    const plan = 'Start amoxicillin 500 mg TID. Continue lisinopril. Amoxicillin x 10 days. Albuterol PRN.';
    const [first, ...rest] = findNewMedications({ plan }, MEDS);
    expect(first).toEqual({
      section: 'plan',
      drug: 'Amoxicillin',
      generic: 'amoxicillin',
      range: { start: 6, end: 17 },
      text: 'amoxicillin',
      explanation: "Amoxicillin is not on the chart's medication list: possibly new.",
    });
    expect(rest.map((m) => m.drug)).toEqual(['Albuterol']);
  });

  it('matches brands to generics, both ways, and combinations by ingredient', () => {
    expect(brief({ plan: 'Continue Zestril 10 mg and Glucophage.' })).toEqual([]);
    expect(brief({ plan: 'Continue hydrocodone PRN.' })).toEqual([]);
    expect(brief({ plan: 'Continue lisinopril.' }, [med('Zestril 10 mg')])).toEqual([]);
    expect(brief({ plan: 'Motrin 600 mg PRN' })).toEqual(['plan Motrin (ibuprofen)']);
  });

  it('marks a combination possibly new when one of its ingredients is not on the chart', () => {
    expect(brief({ plan: 'Start lisinopril/amlodipine.' }, [med('Lisinopril 10 mg')])).toHaveLength(1);
    expect(brief({ plan: 'Continue lisinopril/amlodipine.' }, [med('Lisinopril 10 mg'), med('Amlodipine 5 mg', 1)])).toEqual([]);
  });

  it('reads the whole note, in section order', () => {
    expect(brief({ subjective: 'Took ibuprofen at home.', plan: 'Start cephalexin. Ibuprofen PRN.' })).toEqual(['subjective Ibuprofen', 'plan Cephalexin']);
  });

  it('skips negated mentions and drug classes', () => {
    expect(brief({ plan: 'Avoid ibuprofen. No NSAIDs. Stop amoxicillin.' })).toEqual([]);
    expect(brief({ plan: 'Avoid ibuprofen; naproxen 500 mg BID.' })).toEqual(['plan Naproxen']);
  });

  it('says nothing when the chart has no medication list', () => {
    expect(brief({ plan: 'Start amoxicillin.' }, [])).toEqual([]);
    expect(findNewMedications({ plan: 'Start amoxicillin.' }, undefined)).toEqual([]);
    expect(brief({ plan: 'Start amoxicillin.' }, [{ id: 'allergy:0', kind: 'allergy', text: 'Penicillin' }])).toEqual([]);
  });

  it('takes typed lines too', () => {
    expect(brief({ plan: 'Continue atorvastatin; start aspirin 81 mg.' }, [{ text: 'Lipitor 20 mg' }])).toEqual(['plan Aspirin']);
  });
});

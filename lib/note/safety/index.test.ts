import { describe, expect, it } from 'vitest';
import type { ChartItem } from '../../ehr/chart-context';
import type { NoteSections } from '../sections';
import { runSafetyChecks, type SafetyCheckInput } from './index';

const source = { adapter: 'generic' };
const item = (kind: ChartItem['kind'], i: number, text: string): ChartItem => ({ id: `${kind}:${i}`, kind, text, source });

const MEDICATIONS = [item('medication', 0, 'Lisinopril 10 mg daily'), item('medication', 1, 'Metformin 500 mg twice daily'), item('medication', 2, 'Acetaminophen 500 mg as needed')];
const ALLERGIES = [item('allergy', 0, 'Penicillin (rash)')];

const TRANSCRIPT = [
  "Doctor: Hi, what brings you in today? Patient: I've had a sore throat and fever for three days, and a little cough.",
  'I took some Tylenol last night. Doctor: Your temperature is 38.4, heart rate 96, blood pressure 128 over 82, oxygen 98 percent.',
  'Your throat is red with exudates and the rapid strep is positive. Since you are allergic to penicillin, I will give you azithromycin,',
  '500 milligrams on day one, then 250 milligrams daily for four more days. Tylenol five hundred every six hours as needed for fever.',
  'Keep taking your lisinopril and metformin. Come back if you are not better in forty-eight hours, and follow up in one week.',
].join(' ');

const CONTEXT: SafetyCheckInput['context'] = {
  patient_info: {
    age: 55,
    gender: 'female',
    medications: MEDICATIONS.map((m) => m.text),
    allergies: ALLERGIES.map((a) => a.text),
    medical_history: 'Type 2 diabetes mellitus; Hypertension',
  },
};

const CLEAN: NoteSections = {
  subjective: '55-year-old female with sore throat and fever for 3 days, mild cough. Took Tylenol at home. Allergic to penicillin (rash).',
  objective: 'Temp 38.4 °C, HR 96, BP 128/82, SpO2 98%. Pharynx erythematous with tonsillar exudates. Rapid strep positive.',
  assessment: '1. Streptococcal pharyngitis.\n2. Hypertension, controlled.\n3. Type 2 diabetes.',
  plan: [
    '1. Azithromycin 500 mg on day 1, then 250 mg daily for 4 days (penicillin allergy).',
    '2. Acetaminophen 500 mg every 6 hours as needed for fever.',
    '3. Continue lisinopril 10 mg daily and metformin 500 mg twice daily.',
    '4. Return if not improving in 48 hours; follow up in 1 week.',
  ].join('\n'),
};

const input = (patch: Partial<SafetyCheckInput> = {}): SafetyCheckInput => ({
  sections: CLEAN,
  transcript: TRANSCRIPT,
  context: CONTEXT,
  allergies: ALLERGIES,
  medications: MEDICATIONS,
  visitDate: '2026-11-20',
  ...patch,
});

describe('runSafetyChecks', () => {
  it('finds nothing in a clean follow-up note with its transcript and chart', () => {
    const transcript = [
      'Doctor: How have you been since we started the lisinopril? Patient: Good, no cough, no dizziness.',
      "I check my pressure at home, it's been around 130 over 80. Doctor: Today it's 132 over 84, pulse 72, and you weigh 82 kilos.",
      'Your A1c came back at 7.1 percent, down from 7.8. Keep the lisinopril at 10 milligrams and the metformin 500 twice a day.',
      "Let's recheck the A1c in three months.",
    ].join(' ');
    const medications = MEDICATIONS.slice(0, 2);
    const context: SafetyCheckInput['context'] = {
      patient_info: { age: 55, medications: medications.map((m) => m.text), allergies: ['Sulfa'], medical_history: 'Type 2 diabetes mellitus; Hypertension' },
      patient_history: '2026-08-14 — Dr. Chen: BP 150/90, lisinopril started.',
    };
    const sections: NoteSections = {
      subjective: 'Follow-up of hypertension and type 2 diabetes. Lisinopril started 08/14/2026 for BP 150/90. Home BP around 130/80. No cough or dizziness.',
      objective: 'BP 132/84, HR 72, weight 82 kg. A1c 7.1% (previously 7.8%).',
      assessment: '1. Hypertension, improved on lisinopril.\n2. Type 2 diabetes, improving.',
      plan: '1. Continue lisinopril 10 mg daily.\n2. Continue metformin 500 mg twice daily.\n3. Recheck A1c in 3 months.\n4. Visit date 11/20/2026.',
    };
    expect(runSafetyChecks({ sections, transcript, context, allergies: [item('allergy', 0, 'Sulfa')], medications, visitDate: '2026-11-20' })).toEqual([]);
  });

  it('in a clean note that starts a drug, says only that the drug is new: the allergy is respected', () => {
    expect(runSafetyChecks(input()).map((f) => `${f.section} ${f.kind} ${f.severity} ${f.text}`)).toEqual(['plan new-medication info Azithromycin']);
    expect(runSafetyChecks(input({ medications: [...MEDICATIONS, item('medication', 3, 'Azithromycin 250 mg')] }))).toEqual([]);
  });

  it('reports each check, sorted by section and position, with stable ids', () => {
    const plan = CLEAN.plan.replace('Azithromycin 500 mg on day 1, then 250 mg daily for 4 days', 'Amoxicillin 875 mg twice daily for 10 days');
    const sections = { ...CLEAN, objective: CLEAN.objective.replace('HR 96', 'HR 112'), plan };
    const findings = runSafetyChecks(input({ sections }));
    expect(findings.map((f) => `${f.section} ${f.kind} ${f.severity} ${f.text}`)).toEqual([
      'objective unsupported caution HR 112',
      'plan allergy warning Amoxicillin',
      'plan unsupported caution Amoxicillin',
      'plan new-medication info Amoxicillin',
      'plan unsupported caution 875 mg',
      'plan unsupported caution 10 days',
    ]);
    const allergy = findings.find((f) => f.kind === 'allergy');
    expect(allergy).toMatchObject({
      match: 'conflict',
      allergy: 'Penicillin (rash)',
      allergyId: 'allergy:0',
      drugClass: 'penicillins',
      generic: 'amoxicillin',
      message: `Amoxicillin is a penicillin, and penicillins are on the chart's allergy list ("Penicillin (rash)").`,
    });
    for (const f of findings) expect(sections[f.section].slice(f.range.start, f.range.end)).toBe(f.text);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
    expect(runSafetyChecks(input({ sections })).map((f) => f.id)).toEqual(findings.map((f) => f.id));
    for (const f of findings) expect(f.id).not.toMatch(/amoxicillin|penicillin|rash/i);
  });

  it('reads allergies in the Plan only, unless told otherwise', () => {
    const sections = { ...CLEAN, assessment: `${CLEAN.assessment}\nConsider amoxicillin.` };
    const transcript = `${TRANSCRIPT} amoxicillin`;
    const medications = [...MEDICATIONS, item('medication', 3, 'amoxicillin'), item('medication', 4, 'azithromycin')];
    expect(runSafetyChecks(input({ sections, transcript, medications }))).toEqual([]);
    expect(runSafetyChecks(input({ sections, transcript, medications, allergySections: ['assessment', 'plan'] })).map((f) => `${f.section} ${f.kind} ${f.severity}`)).toEqual([
      'assessment allergy warning',
    ]);
  });

  it('reads the Assessment for allergies when an "Assessment and Plan" note left the Plan empty', () => {
    const sections = { assessment: 'Strep pharyngitis. Start amoxicillin 500 mg TID for 10 days.', plan: '' };
    const transcript = 'amoxicillin 500 mg three times a day for ten days';
    const medications = [...MEDICATIONS, item('medication', 3, 'amoxicillin')];
    expect(runSafetyChecks(input({ sections, transcript, medications })).map((f) => `${f.section} ${f.kind} ${f.severity} ${f.text}`)).toEqual([
      'assessment allergy warning amoxicillin',
    ]);
  });

  it('says nothing about allergies with NKDA, or about new drugs without a medication list', () => {
    const plan = 'Amoxicillin 500 mg TID for 10 days.';
    const transcript = 'amoxicillin 500 mg three times a day for ten days';
    expect(runSafetyChecks(input({ sections: { plan }, transcript, allergies: [{ text: 'NKDA' }], medications: [] }))).toEqual([]);
    expect(runSafetyChecks(input({ sections: { plan }, transcript, allergies: [], medications: undefined }))).toEqual([]);
  });

  it('takes support from every part of the sent context', () => {
    const context: SafetyCheckInput['context'] = {
      patient_info: { name: 'Ana', age: 61, medications: ['Atorvastatin 40 mg'] },
      patient_history: '2026-10-01 — Dr. Chen: BP 150/90, lisinopril started.',
      chat_messages: [{ role: 'patient', content: 'My sugar was 212 this morning', timestamp: '2026-11-19T09:00:00Z' }],
      custom_instructions: 'Use metric units',
    };
    const sections = { subjective: '61-year-old. Glucose 212 on 11/19/2026. BP 150/90 on 10/01/2026, lisinopril started. On atorvastatin 40 mg.' };
    expect(runSafetyChecks(input({ sections, transcript: '', context, medications: [] }))).toEqual([]);
  });

  it('handles a 50 KB note, pathological text included, without hanging', () => {
    const odd = `${'1/'.repeat(2_000)} ${'no '.repeat(2_000)} ${'a'.repeat(5_000)} ${'9'.repeat(3_000)} ${'- '.repeat(2_000)}`;
    const big = (s: string) => `${s}\n${odd}\n`.repeat(Math.ceil(12_500 / (s.length + odd.length)) + 1).slice(0, 12_500);
    const sections = { subjective: big(CLEAN.subjective), objective: big(CLEAN.objective), assessment: big(CLEAN.assessment), plan: big(CLEAN.plan) };
    const started = performance.now();
    const findings = runSafetyChecks(input({ sections }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(Array.isArray(findings)).toBe(true);
  });

  it('checks a ~5,000-character note, repeated sections and all, finding nothing in a clean one', () => {
    const sections = {
      subjective: CLEAN.subjective.repeat(10),
      objective: CLEAN.objective.repeat(10),
      assessment: `${CLEAN.assessment}\n`.repeat(12),
      plan: `${CLEAN.plan}\n`.repeat(5),
    };
    const length = Object.values(sections).join('').length;
    expect(length).toBeGreaterThan(4_500);
    expect(length).toBeLessThan(6_000);
    // Its speed is a benchmark (npm run bench: "Safety checks"), not an assertion here.
    expect(runSafetyChecks(input({ sections })).filter((f) => f.severity === 'warning')).toEqual([]);
  });
});

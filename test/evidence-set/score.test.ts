import { describe, expect, it } from 'vitest';
import { checkEvidence } from '../../lib/note/evidence/index';
import type { EvidenceReport, StatementEvidence } from '../../lib/note/evidence/index';
import { buildCase, fault, ok, type EvidenceCase } from './case';
import { occurrencesOf, scoreCases, type Check } from './score';

/** Four statements: two supported, two planted; two labelled omissions. */
const CASE: EvidenceCase = {
  id: 'score-tiny',
  specialty: 'physician',
  transcript: 'Doctor: Any cough? Patient: No. Doctor: Take ibuprofen four hundred milligrams. Come back in two weeks.',
  note: {
    subjective: [ok('Denies cough.'), fault('flipped-negation', 'Reports cough.')],
    plan: [ok('Ibuprofen 400 mg.'), fault('wrong-interval', 'Return in 6 weeks.')],
  },
  omitted: [
    { kind: 'follow-up', said: 'Come back in two weeks' },
    { kind: 'symptom', said: 'cough' },
  ],
};

const built = buildCase(CASE);
const rangeOf = (text: string) => built.statements.find((s) => s.text === text)!;

/** A fake engine that marks the given statements and lists the given transcript words as omissions. */
function fakeEngine(marks: Record<string, StatementEvidence['status']>, omitted: string[]): Check {
  return () =>
    ({
      statements: Object.entries(marks).map(([text, status]) => {
        const s = rangeOf(text);
        return { section: s.section, range: { start: s.start, end: s.end }, text, kind: 'sentence', status, claims: [], excerpts: [] } as unknown as StatementEvidence;
      }),
      omissions: omitted.map((w) => {
        const at = CASE.transcript.indexOf(w);
        return { kind: 'number', text: w, range: { start: at, end: at + w.length }, excerpt: { start: 0, end: 1 }, negated: false };
      }),
      summary: { withoutEvidence: 0, partlySupported: 0, supported: 0, omissions: omitted.length },
    }) satisfies EvidenceReport;
}

describe('scoreCases', () => {
  it('counts TP, FP and FN for "no evidence" under both rules', () => {
    const check = fakeEngine({ 'Denies cough.': 'partial', 'Reports cough.': 'none', 'Ibuprofen 400 mg.': 'supported', 'Return in 6 weeks.': 'partial' }, []);
    const score = scoreCases([CASE], check);
    expect(score.statements).toBe(4);
    expect(score.unsupported).toBe(2);
    expect(score.rules['none-or-partial'].counts).toEqual({ tp: 2, fp: 1, fn: 0 });
    expect(score.rules['none-or-partial'].precision).toBeCloseTo(2 / 3);
    expect(score.rules['none-or-partial'].recall).toBe(1);
    expect(score.rules.none.counts).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(score.rules.none.byFault).toEqual({ 'flipped-negation': { found: 1, planted: 1 }, 'wrong-interval': { found: 0, planted: 1 } });
    expect(score.rules.none.misses).toMatchObject([{ caseId: 'score-tiny', type: 'FN', fault: 'wrong-interval', text: 'Return in 6 weeks.' }]);
    expect(score.rules['none-or-partial'].misses).toMatchObject([{ type: 'FP', text: 'Denies cough.' }]);
  });

  it('treats no-claims and unaligned statements as predicted supported', () => {
    const score = scoreCases([CASE], fakeEngine({ 'Reports cough.': 'no-claims' }, []));
    expect(score.rules['none-or-partial'].counts).toEqual({ tp: 0, fp: 0, fn: 2 });
  });

  it('counts an omission found when it overlaps any occurrence of the words said, and one unlabelled as FP', () => {
    // "cough" is said once; "back in two" overlaps the follow-up; "four hundred milligrams" is not labelled.
    const score = scoreCases([CASE], fakeEngine({}, ['back in two', 'four hundred milligrams']));
    expect(score.omissions.counts).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(score.omissions.listed).toBe(2);
    expect(score.omissions.recall).toBe(0.5);
    expect(score.omissions.precision).toBe(0.5);
    expect(score.omissions.byKind).toEqual({ 'follow-up': { found: 1, total: 1 }, symptom: { found: 0, total: 1 } });
    expect(score.omissions.misses).toMatchObject([
      { type: 'FN', kind: 'symptom', text: 'cough' },
      { type: 'FP', text: 'four hundred milligrams' },
    ]);
  });

  it('finds every occurrence of a phrase', () => {
    expect(occurrencesOf('a cough, a cough', 'cough')).toEqual([
      { start: 2, end: 7 },
      { start: 11, end: 16 },
    ]);
  });

  it('runs on the real engine', () => {
    const score = scoreCases([CASE], checkEvidence);
    expect(score.statements).toBe(4);
    expect(score.rules['none-or-partial'].counts.tp + score.rules['none-or-partial'].counts.fn).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { FALLBACK_SPECIALTIES } from '../../lib/api/specialties';
import { buildCase, type FaultKind } from './case';
import { allCases } from './cases/index';

/** The set's own checks: every label is one the scorer (score.ts) can use. */

const SPECIALTY_IDS = FALLBACK_SPECIALTIES.map((s) => s.id);

const FAULT_KINDS: readonly FaultKind[] = ['changed-number', 'wrong-side', 'flipped-negation', 'swapped-drug', 'invented-finding', 'wrong-interval'];

describe('the evidence set', () => {
  it('is as large as issue 14 asks: at least 40 visits across at least 8 specialties', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(allCases.map((c) => c.specialty)).size).toBeGreaterThanOrEqual(8);
  });

  it('has unique case ids', () => {
    const ids = allCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allCases.map((c) => [c.id, c] as const))('%s builds, its labels are coherent, and every `said` is in its transcript', (_id, c) => {
    expect(SPECIALTY_IDS).toContain(c.specialty);
    const built = buildCase(c);
    expect(built.statements.length).toBeGreaterThanOrEqual(8);
    for (const s of built.statements) {
      expect(built.sections[s.section]!.slice(s.start, s.end)).toBe(s.text);
      // A fault is planted only in an unsupported statement, and an unsupported statement says why.
      expect(s.supported, s.text).toBe(s.fault === undefined);
    }
    for (const o of c.omitted) {
      const occurrences = c.transcript.split(o.said).length - 1;
      expect(occurrences, `"${o.said}" in ${c.id}`).toBeGreaterThanOrEqual(o.nth ?? 1);
    }
  });

  it('plants every fault kind at least twice and drops a medication change at least four times', () => {
    const planted = allCases.flatMap((c) => buildCase(c).statements.flatMap((s) => (s.fault ? [s.fault] : [])));
    for (const kind of FAULT_KINDS) expect(planted.filter((k) => k === kind).length, kind).toBeGreaterThanOrEqual(2);
    expect(allCases.flatMap((c) => c.omitted.filter((o) => o.planted)).length).toBeGreaterThanOrEqual(4);
  });
});

import { describe, expect, it } from 'vitest';
import { buildCase, type FaultKind } from './case';
import { expectUsableCase } from './case-checks';
import { allCases } from './cases/index';

/** The set's own checks: every label is one the scorer (score.ts) can use. */

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
    expectUsableCase(c, 8);
  });

  it('plants every fault kind at least twice and drops a medication change at least four times', () => {
    const planted = allCases.flatMap((c) => buildCase(c).statements.flatMap((s) => (s.fault ? [s.fault] : [])));
    for (const kind of FAULT_KINDS) expect(planted.filter((k) => k === kind).length, kind).toBeGreaterThanOrEqual(2);
    expect(allCases.flatMap((c) => c.omitted.filter((o) => o.planted)).length).toBeGreaterThanOrEqual(4);
  });
});

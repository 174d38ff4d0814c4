import { expect } from 'vitest';
import { FALLBACK_SPECIALTIES } from '../../lib/api/specialties';
import { buildCase, type EvidenceCase } from './case';

const SPECIALTY_IDS = FALLBACK_SPECIALTIES.map((s) => s.id);

/**
 * What makes a case one the scorer (score.ts) can use, for the labelled set and the held-out set
 * alike: a known specialty, at least `minStatements` statements whose ranges hold their text, a
 * fault planted only in an unsupported statement (and every unsupported one saying why), and every
 * omission's words in the transcript as often as `nth` says.
 */
export function expectUsableCase(c: EvidenceCase, minStatements: number): void {
  expect(SPECIALTY_IDS).toContain(c.specialty);
  const built = buildCase(c);
  expect(built.statements.length).toBeGreaterThanOrEqual(minStatements);
  for (const s of built.statements) {
    expect(built.sections[s.section]!.slice(s.start, s.end)).toBe(s.text);
    expect(s.supported, s.text).toBe(s.fault === undefined);
  }
  for (const o of c.omitted) {
    const occurrences = c.transcript.split(o.said).length - 1;
    expect(occurrences, `"${o.said}" in ${c.id}`).toBeGreaterThanOrEqual(o.nth ?? 1);
  }
}

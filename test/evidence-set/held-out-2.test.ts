import { describe, expect, it } from 'vitest';
import { buildCase } from './case';
import { expectUsableCase } from './case-checks';
import { cases as heldOut } from './cases/held-out';
import { cases as heldOut2 } from './cases/held-out-2';
import { allCases } from './cases/index';

/**
 * The second held-out set's structure only (the checks held-out.test.ts makes of the first); it never
 * runs the engine, so writing or checking these cases stays blind to the rules being measured.
 */

const MAIN_SPECIALTIES = ['nurse_practitioner', 'psychiatrist', 'physical_therapy', 'dentist', 'podiatrist', 'pharmacy', 'registered_nurse'];
// Specialties neither the main set nor the first held-out set has, so the rules meet new vocabulary.
const NEW_SPECIALTIES = ['ems', 'dietitian_nutritionist'];

describe('the second held-out evidence set', () => {
  it('has twelve visits, with ids unique and distinct from the main set and the first held-out set', () => {
    expect(heldOut2.length).toBe(12);
    const ids = heldOut2.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const otherIds = new Set([...allCases, ...heldOut].map((c) => c.id));
    for (const id of ids) {
      expect(id.startsWith('held-out-2-'), id).toBe(true);
      expect(otherIds.has(id), id).toBe(false);
    }
  });

  it('covers the main set specialties, physician three times, and two specialties the other sets lack', () => {
    const count = (s: string) => heldOut2.filter((c) => c.specialty === s).length;
    expect(count('physician')).toBe(3);
    for (const s of [...MAIN_SPECIALTIES, ...NEW_SPECIALTIES]) expect(count(s), s).toBe(1);
    const elsewhere = new Set([...allCases, ...heldOut].map((c) => c.specialty));
    for (const s of NEW_SPECIALTIES) expect(elsewhere.has(s), s).toBe(false);
  });

  it.each(heldOut2.map((c) => [c.id, c] as const))('%s builds, has 8-14 statements and 2-3 planted faults, and every `said` is in its transcript', (_id, c) => {
    expectUsableCase(c, 8);
    const { statements } = buildCase(c);
    expect(statements.length).toBeLessThanOrEqual(14);
    const faults = statements.filter((s) => s.fault).length;
    expect(faults).toBeGreaterThanOrEqual(2);
    expect(faults).toBeLessThanOrEqual(3);
  });

  it('plants every fault kind at least three times across the set', () => {
    const kinds = heldOut2.flatMap((c) => buildCase(c).statements.flatMap((s) => (s.fault ? [s.fault] : [])));
    for (const kind of ['changed-number', 'wrong-side', 'flipped-negation', 'swapped-drug', 'invented-finding', 'wrong-interval', 'other']) {
      expect(kinds.filter((k) => k === kind).length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it('drops a medication change in about half the visits', () => {
    const dropped = heldOut2.filter((c) => c.omitted.some((o) => o.planted)).length;
    expect(dropped).toBeGreaterThanOrEqual(5);
    expect(dropped).toBeLessThanOrEqual(7);
  });
});

import { describe, expect, it } from 'vitest';
import { buildCase } from './case';
import { expectUsableCase } from './case-checks';
import { cases as heldOut } from './cases/held-out';
import { allCases } from './cases/index';

/**
 * The held-out set's structure only (the same checks cases.test.ts makes of the main set); it never
 * runs the engine, so writing or checking these cases stays blind to the rules being measured.
 */

describe('the held-out evidence set', () => {
  it('has ten visits, with ids unique and distinct from the main set', () => {
    expect(heldOut.length).toBe(10);
    const ids = heldOut.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mainIds = new Set(allCases.map((c) => c.id));
    for (const id of ids) expect(mainIds.has(id), id).toBe(false);
  });

  it('covers the eight specialties of the main set, physician three times', () => {
    const count = (s: string) => heldOut.filter((c) => c.specialty === s).length;
    expect(count('physician')).toBe(3);
    for (const s of ['nurse_practitioner', 'psychiatrist', 'physical_therapy', 'dentist', 'podiatrist', 'pharmacy', 'registered_nurse']) {
      expect(count(s), s).toBe(1);
    }
  });

  it.each(heldOut.map((c) => [c.id, c] as const))('%s builds, has a planted fault, and every `said` is in its transcript', (_id, c) => {
    expectUsableCase(c, 10);
    expect(buildCase(c).statements.filter((s) => s.fault).length).toBeGreaterThanOrEqual(1);
  });

  it('drops a medication change in about half the visits', () => {
    expect(heldOut.filter((c) => c.omitted.some((o) => o.planted)).length).toBeGreaterThanOrEqual(4);
  });
});

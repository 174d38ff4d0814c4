import { describe, expect, it } from 'vitest';
import type { FieldTarget } from '../messaging/insert';
import { planInsert } from './insert-note';

const NOTE = { subjective: 'Sore throat.', objective: 'T 38.1', assessment: 'Pharyngitis.', plan: 'Fluids.' };
const frames = (entries: [number, FieldTarget[]][]) => new Map(entries);

describe('planInsert', () => {
  it('sends each section to the first frame (top first) that has its field', () => {
    const plan = planInsert(NOTE, frames([[0, ['subjective']], [3, ['objective', 'assessment', 'plan', 'subjective']]]));
    expect([...plan]).toEqual([
      [0, [{ target: 'subjective', text: 'Sore throat.' }]],
      [3, [{ target: 'objective', text: 'T 38.1' }, { target: 'assessment', text: 'Pharyngitis.' }, { target: 'plan', text: 'Fluids.' }]],
    ]);
  });

  it('inserts only what was asked, and skips empty sections', () => {
    expect([...planInsert({ plan: 'Fluids.' }, frames([[0, ['subjective', 'plan']]]))]).toEqual([[0, [{ target: 'plan', text: 'Fluids.' }]]]);
    expect([...planInsert({ ...NOTE, objective: '  ' }, frames([[0, ['objective']]]))]).toEqual([]);
  });

  it('puts the whole note, with headings, into a single note field when the page has no section fields', () => {
    const plan = planInsert(NOTE, frames([[5, ['note']]]));
    expect(plan.get(5)).toEqual([{ target: 'note', text: 'Subjective:\nSore throat.\n\nObjective:\nT 38.1\n\nAssessment:\nPharyngitis.\n\nPlan:\nFluids.' }]);
  });

  it('prefers section fields over a note field, and plans nothing where the page has no fields', () => {
    expect([...planInsert(NOTE, frames([[0, ['note']], [1, ['plan']]])).keys()]).toEqual([1]);
    expect(planInsert(NOTE, frames([])).size).toBe(0);
  });
});

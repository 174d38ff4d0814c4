import { describe, expect, it } from 'vitest';
import { composeWholeNote } from './compose-note';

describe('composeWholeNote', () => {
  it('puts each section under its plain-text heading, a blank line between', () => {
    expect(composeWholeNote({ subjective: 'Cough.\nNo fever.', objective: 'T 37.0', assessment: 'URI', plan: 'Fluids.' })).toBe(
      'Subjective:\nCough.\nNo fever.\n\nObjective:\nT 37.0\n\nAssessment:\nURI\n\nPlan:\nFluids.',
    );
  });

  it('leaves out empty and missing sections', () => {
    expect(composeWholeNote({ subjective: 'Cough.', objective: '  ', plan: 'Rest.' })).toBe('Subjective:\nCough.\n\nPlan:\nRest.');
  });
});

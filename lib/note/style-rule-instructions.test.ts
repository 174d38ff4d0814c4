import { describe, expect, it } from 'vitest';
import { MAX_INSTRUCTIONS_LENGTH, rulesFor, type StyleRule } from './style-rules';
import { instructionText } from './style-rule-instructions';

const RULES: StyleRule[] = [
  { text: 'No patient name in the note.' },
  { text: 'As a numbered list.', section: 'plan' },
  { text: 'Include the tooth numbers.', specialty: 'dentist', section: 'objective' },
  { text: 'Shorter.', specialty: 'psychiatrist', section: 'subjective' },
];

describe('the rule model', () => {


  it('takes every-note rules first, then the specialty’s own, and no other specialty’s', () => {
    expect(rulesFor(RULES, 'dentist').map((r) => r.text)).toEqual(['No patient name in the note.', 'As a numbered list.', 'Include the tooth numbers.']);
    expect(rulesFor(RULES, 'physician').map((r) => r.text)).toEqual(['No patient name in the note.', 'As a numbered list.']);
  });

});

describe('the instruction text', () => {
  it('names each rule’s section, and adds the note’s own custom instructions after the rules', () => {
    expect(instructionText(RULES, 'dentist', '  Mention the follow-up call.  ')).toEqual({
      ok: true,
      text: 'Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.\nObjective: Include the tooth numbers.\n\nMention the follow-up call.',
      rulesUsed: ['Whole note: No patient name in the note.', 'Plan: As a numbered list.', 'Objective: Include the tooth numbers.'],
    });
  });

  it('is the custom instructions alone without rules, and nothing at all without either', () => {
    expect(instructionText([], 'physician', 'Be brief.')).toEqual({ ok: true, text: 'Be brief.', rulesUsed: [] });
    expect(instructionText([], 'physician', '   ')).toEqual({ ok: true, text: undefined, rulesUsed: [] });
  });

  it('refuses, never cuts, a text over the limit', () => {
    const result = instructionText(RULES, 'physician', 'z'.repeat(MAX_INSTRUCTIONS_LENGTH));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.length).toBeGreaterThan(MAX_INSTRUCTIONS_LENGTH);
      expect(result.message).toContain('Nothing was sent');
      expect(result.message).toContain('4,000');
    }
    const exact = instructionText([], 'physician', 'z'.repeat(MAX_INSTRUCTIONS_LENGTH));
    expect(exact.ok && exact.text?.length).toBe(MAX_INSTRUCTIONS_LENGTH);
  });
});

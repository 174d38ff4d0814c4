import { describe, expect, it } from 'vitest';
import {
  checkRules,
  exportRules,
  importRules,
  instructionText,
  MAX_INSTRUCTIONS_LENGTH,
  MAX_RULE_LENGTH,
  parseRuleLines,
  ruleLinesText,
  rulesFor,
  type StyleRule,
} from './style-rules';

const RULES: StyleRule[] = [
  { text: 'No patient name in the note.' },
  { text: 'As a numbered list.', section: 'plan' },
  { text: 'Include the tooth numbers.', specialty: 'dentist', section: 'objective' },
  { text: 'Shorter.', specialty: 'psychiatrist', section: 'subjective' },
];

describe('the rule model', () => {
  it('reads one rule a line, a leading section name scoping it, any case', () => {
    expect(parseRuleLines('No patient name in the note.\n\n  plan :  As a numbered list.\r\nASSESSMENT: one line per problem\nPlan:\nTiming: after meals')).toEqual([
      { text: 'No patient name in the note.' },
      { text: 'As a numbered list.', section: 'plan' },
      { text: 'one line per problem', section: 'assessment' },
      // "Plan:" with nothing after it is no rule; "Timing:" is not a section.
      { text: 'Timing: after meals' },
    ]);
  });

  it('scopes lines to a specialty when asked, and writes back what it reads', () => {
    const rules = parseRuleLines('Objective: Include the tooth numbers.\nBe brief.', 'dentist');
    expect(rules).toEqual([
      { text: 'Include the tooth numbers.', specialty: 'dentist', section: 'objective' },
      { text: 'Be brief.', specialty: 'dentist' },
    ]);
    expect(parseRuleLines(ruleLinesText(rules), 'dentist')).toEqual(rules);
  });

  it('takes every-note rules first, then the specialty’s own, and no other specialty’s', () => {
    expect(rulesFor(RULES, 'dentist').map((r) => r.text)).toEqual(['No patient name in the note.', 'As a numbered list.', 'Include the tooth numbers.']);
    expect(rulesFor(RULES, 'physician').map((r) => r.text)).toEqual(['No patient name in the note.', 'As a numbered list.']);
  });

  it('refuses a rule too long, and rules whose text would be too long for some specialty', () => {
    expect(checkRules([{ text: 'x'.repeat(MAX_RULE_LENGTH + 1) }])).toMatchObject({ ok: false, message: expect.stringContaining(`at most ${MAX_RULE_LENGTH}`) });
    const many = Array.from({ length: 10 }, (_, i) => ({ text: `${i} ${'y'.repeat(MAX_RULE_LENGTH - 5)}`, specialty: 'dentist' }));
    expect(checkRules(many)).toMatchObject({ ok: false, message: expect.stringContaining('for dentist') });
    expect(checkRules(RULES)).toEqual({ ok: true, rules: RULES });
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

describe('export and import', () => {
  it('reads back what it exports', () => {
    expect(importRules(exportRules(RULES))).toEqual({ ok: true, rules: RULES });
  });

  it('refuses, with words saying nothing changed, a file that is not JSON, not rules, or holds a bad rule', () => {
    const bad = [
      'not json {',
      JSON.stringify([{ text: 'Plan: numbered.' }]),
      JSON.stringify({ format: 'chartside-style-rules', version: 2, rules: [] }),
      JSON.stringify({ format: 'chartside-style-rules', version: 1, rules: [{ text: 'Fine.' }, { text: 'Bad section.', section: 'billing' }] }),
      JSON.stringify({ format: 'chartside-style-rules', version: 1, rules: [{ text: '   ' }] }),
      JSON.stringify({ format: 'chartside-style-rules', version: 1, rules: [{ text: 'x'.repeat(MAX_RULE_LENGTH + 1) }] }),
    ];
    for (const file of bad) {
      const result = importRules(file);
      expect(result.ok, file.slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.message).toContain('Nothing was changed.');
    }
    const at = importRules(JSON.stringify({ format: 'chartside-style-rules', version: 1, rules: [{ text: 'Fine.' }, { text: 'Bad.', section: 'billing' }] }));
    expect(!at.ok && at.message).toContain('rules.1.section');
  });
});

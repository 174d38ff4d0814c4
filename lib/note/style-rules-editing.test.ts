import { describe, expect, it } from 'vitest';
import { checkRules, exportRules, importRules, parseRuleLines, ruleLinesText } from './style-rules-editing';
import { MAX_RULE_LENGTH, type StyleRule } from './style-rules';

const RULES: StyleRule[] = [
  { text: 'No patient name in the note.' },
  { text: 'As a numbered list.', section: 'plan' },
  { text: 'Include the tooth numbers.', specialty: 'dentist', section: 'objective' },
  { text: 'Shorter.', specialty: 'psychiatrist', section: 'subjective' },
];

describe('rules as lines of text', () => {
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
  it('refuses a rule too long, and rules whose text would be too long for some specialty', () => {
    expect(checkRules([{ text: 'x'.repeat(MAX_RULE_LENGTH + 1) }])).toMatchObject({ ok: false, message: expect.stringContaining(`at most ${MAX_RULE_LENGTH}`) });
    const many = Array.from({ length: 10 }, (_, i) => ({ text: `${i} ${'y'.repeat(MAX_RULE_LENGTH - 5)}`, specialty: 'dentist' }));
    expect(checkRules(many)).toMatchObject({ ok: false, message: expect.stringContaining('for dentist') });
    expect(checkRules(RULES)).toEqual({ ok: true, rules: RULES });
  });
});

describe('export and import', () => {
  it('reads back what it exports', () => {
    expect(importRules(exportRules(RULES))).toEqual({ ok: true, rules: RULES });
  });

  it('trims a file’s rule texts as typed ones are', () => {
    expect(importRules(JSON.stringify({ format: 'chartside-style-rules', version: 1, rules: [{ text: '  Be brief.  ', section: 'plan' }] }))).toEqual({
      ok: true,
      rules: [{ text: 'Be brief.', section: 'plan' }],
    });
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

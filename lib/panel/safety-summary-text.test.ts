import { describe, expect, it } from 'vitest';
import { safetySummaryText } from './safety-summary-text';

describe('safetySummaryText', () => {
  it('counts the findings by severity, most serious first, and leaves out severities with none', () => {
    expect(safetySummaryText([{ severity: 'info' }, { severity: 'warning' }, { severity: 'warning' }])).toBe('Safety checks: 2 to check, 1 to note.');
    expect(safetySummaryText([{ severity: 'caution' }])).toBe('Safety checks: 1 to verify.');
  });

  it('says when there is nothing to flag, and while the checks still load', () => {
    expect(safetySummaryText([])).toBe('Safety checks: nothing to flag.');
    expect(safetySummaryText(undefined)).toBe('Safety checks: checking…');
  });
});

describe('safetySummaryText with the evidence', () => {
  const evidence = (withoutEvidence: number, partlySupported: number, omissions: number) => ({ withoutEvidence, partlySupported, supported: 5, omissions });

  it('adds the statements without evidence and what was said but left out', () => {
    expect(safetySummaryText([{ severity: 'caution' }], evidence(3, 0, 2))).toBe('Safety checks: 1 to verify. 3 statements without evidence, 2 things said but not in the note.');
    expect(safetySummaryText([], evidence(1, 2, 1))).toBe('Safety checks: nothing to flag. 1 statement without evidence, 2 partly supported, 1 thing said but not in the note.');
  });

  it('says so when every statement has evidence and nothing was left out', () => {
    expect(safetySummaryText([], evidence(0, 0, 0))).toBe('Safety checks: nothing to flag. Every statement has evidence.');
  });
});

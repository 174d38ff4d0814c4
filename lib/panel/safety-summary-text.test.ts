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

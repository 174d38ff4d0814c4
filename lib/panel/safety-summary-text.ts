import type { SafetyFinding } from '../note/safety';

/**
 * The safety checks in one line above Insert all: "Safety checks: 2 to check, 1 to verify." Words
 * by severity, most serious first, so the line says what kind of reading the note needs.
 */
export function safetySummaryText(findings: readonly Pick<SafetyFinding, 'severity'>[] | undefined): string {
  if (!findings) return 'Safety checks: checking…';
  if (findings.length === 0) return 'Safety checks: nothing to flag.';
  const count = (severity: SafetyFinding['severity']) => findings.filter((f) => f.severity === severity).length;
  const parts = [
    [count('warning'), 'to check'],
    [count('caution'), 'to verify'],
    [count('info'), 'to note'],
  ] as const;
  return `Safety checks: ${parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`).join(', ')}.`;
}

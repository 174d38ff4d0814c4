import type { EvidenceSummary } from '../note/evidence';
import type { SafetyFinding } from '../note/safety';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The safety checks in one line above Insert all: "Safety checks: 2 to check, 1 to verify. 3
 * statements without evidence, 2 things said but not in the note." Words by severity, most
 * serious first, so the line says what kind of reading the note needs; then the evidence
 * engine's two directions. Never a reason not to insert: a summary of what to read.
 */
export function safetySummaryText(findings: readonly Pick<SafetyFinding, 'severity'>[] | undefined, evidence?: EvidenceSummary): string {
  if (!findings) return 'Safety checks: checking…';
  const count = (severity: SafetyFinding['severity']) => findings.filter((f) => f.severity === severity).length;
  const parts = [
    [count('warning'), 'to check'],
    [count('caution'), 'to verify'],
    [count('info'), 'to note'],
  ] as const;
  const checks = findings.length === 0 ? 'nothing to flag.' : `${parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`).join(', ')}.`;
  if (!evidence) return `Safety checks: ${checks}`;
  const words = [
    evidence.withoutEvidence > 0 && plural(evidence.withoutEvidence, 'statement without evidence', 'statements without evidence'),
    evidence.partlySupported > 0 && `${evidence.partlySupported} partly supported`,
    evidence.omissions > 0 && plural(evidence.omissions, 'thing said but not in the note', 'things said but not in the note'),
  ].filter((w): w is string => typeof w === 'string');
  if (words.length === 0) return `Safety checks: ${checks} Every statement has evidence.`;
  return `Safety checks: ${checks} ${words.join(', ').replace(/^./, (c) => c.toUpperCase())}.`;
}

import { findEvidenceIn, type EvidenceInput, type StatementEvidence } from './evidence';
import { findOmissionsIn, type Omission } from './omissions';
import { indexSources } from './sources';

/**
 * The evidence engine's one entry point for a caller: evidence for every statement of the note
 * and what the transcript said that the note leaves out, with the counts a summary shows before
 * Insert ("3 statements without evidence, 2 things said but not in the note"). The sources are
 * read once for both directions. Pure and local; call it off the typing path (debounced).
 */

export interface EvidenceSummary {
  /** Statements that make claims and have none found. */
  withoutEvidence: number;
  /** Statements with some of their claims found. */
  partlySupported: number;
  supported: number;
  /** Things said in the visit that are not in the note. */
  omissions: number;
}

export interface EvidenceReport {
  statements: readonly StatementEvidence[];
  omissions: readonly Omission[];
  summary: EvidenceSummary;
}

export function checkEvidence(input: EvidenceInput): EvidenceReport {
  const sources = indexSources(input.sources);
  const statements = findEvidenceIn(input.sections, sources);
  const transcript = sources.find((s) => s.ref.kind === 'transcript');
  const omissions = transcript ? findOmissionsIn(input.sections, transcript) : [];
  const count = (status: StatementEvidence['status']) => statements.filter((s) => s.status === status).length;
  return {
    statements,
    omissions,
    summary: { withoutEvidence: count('none'), partlySupported: count('partial'), supported: count('supported'), omissions: omissions.length },
  };
}

export { unsupportedClaimsOf } from './unsupported-claims';
export type { UnsupportedClaim, UnsupportedKind, UnsupportedOptions } from './unsupported-claims';
export type { Claim, ClaimKind, QuantityRole, Side } from './claims';
export type { ClaimEvidence, ClaimMatch, EvidenceInput, EvidenceStatus, Excerpt, StatementEvidence } from './evidence';
export type { Omission, OmissionKind } from './omissions';
export type { EvidenceSources, SourceRef } from './sources';
export type { Statement, StatementKind } from './statements';

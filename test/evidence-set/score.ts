/**
 * Scores the evidence engine (lib/note/evidence, `checkEvidence`) on the labelled set (case.ts):
 * how well its "no evidence" marks find the planted unsupported statements, and how well its
 * omissions find what the note leaves out. The engine is passed in (`check`), so that this file
 * imports nothing of lib/ but types and runs alike under vitest and in the bench's bundle.
 *
 * Statements. Each labelled statement is aligned with the engine statement(s) of the same section
 * whose range overlaps its own (the engine's splitter may cut differently). It is predicted
 * unsupported ("flagged") when any of them is marked `none` or `partial`: a statement with one claim
 * not found is one a reviewer must look at, and a planted fault usually leaves the statement's
 * other claims found (the wrong side of a knee that is in the visit: 'partial'). A second rule,
 * `none` alone, is reported beside it. Engine statements marked `no-claims`, or no engine statement
 * over the range, predict supported. Positive = labelled unsupported: TP flagged and unsupported,
 * FP flagged and supported, FN unsupported and not flagged.
 *
 * Omissions. A labelled omission is found when an engine omission's range overlaps an occurrence
 * (any) of its `said` words in the transcript; an engine omission is correct when it overlaps an
 * occurrence of any labelled `said` of its case. Recall over labelled omissions, precision over
 * engine omissions.
 */
import { buildCase, type EvidenceCase, type FaultKind, type OmittedKind } from './case.ts';
import type { EvidenceInput, EvidenceReport, EvidenceStatus } from '../../lib/note/evidence/index';

export type Check = (input: EvidenceInput) => EvidenceReport;

/** Which engine marks count as "no evidence". */
export type FlagRule = 'none-or-partial' | 'none';

const FLAGGED: Record<FlagRule, ReadonlySet<EvidenceStatus>> = {
  'none-or-partial': new Set<EvidenceStatus>(['none', 'partial']),
  none: new Set<EvidenceStatus>(['none']),
};

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface StatementMiss {
  caseId: string;
  text: string;
  /** FN: a planted fault not flagged; FP: a supported statement flagged. */
  type: 'FN' | 'FP';
  fault?: FaultKind;
  /** The engine's marks over the statement's range. */
  statuses: EvidenceStatus[];
  /** The statement's claims the engine found no match for (FP), or all its claims (FN). */
  claims: string[];
}

export interface OmissionMiss {
  caseId: string;
  /** FN: labelled, not listed by the engine; FP: listed by the engine, not labelled. */
  type: 'FN' | 'FP';
  kind: string;
  text: string;
  planted?: boolean;
}

export interface RuleScore {
  rule: FlagRule;
  counts: Counts;
  precision: number;
  recall: number;
  /** Recall per planted fault kind: found / planted. */
  byFault: Partial<Record<FaultKind, { found: number; planted: number }>>;
  misses: StatementMiss[];
}

export interface Score {
  cases: number;
  statements: number;
  unsupported: number;
  rules: Record<FlagRule, RuleScore>;
  omissions: {
    /** tp and fn: labelled omissions found and not; fp: engine omissions matching no label. */
    counts: Counts;
    /** Omissions the engine listed. */
    listed: number;
    precision: number;
    recall: number;
    /** Planted dropped medication changes: found / planted. */
    planted: { found: number; total: number };
    byKind: Partial<Record<OmittedKind, { found: number; total: number }>>;
    misses: OmissionMiss[];
  };
}

const ratio = (n: number, d: number) => (d === 0 ? NaN : n / d);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Every occurrence of `said` in `text` (exact, as the label requires). */
export function occurrencesOf(text: string, said: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  if (!said) return found;
  for (let at = text.indexOf(said); at >= 0; at = text.indexOf(said, at + 1)) found.push({ start: at, end: at + said.length });
  return found;
}

/**
 * The case as the panel gives it to the engine: a charted allergy is written "Allergy: X", as
 * lib/note/safety/evidence-sources.ts writes it, so that the drug reads as one not to give.
 */
export function inputOf(c: EvidenceCase): EvidenceInput {
  const chart = c.chart?.map((line) => (/^allerg/i.test(line.label) ? { ...line, text: `Allergy: ${line.text}` } : line));
  return {
    sections: buildCase(c).sections,
    sources: { transcript: c.transcript, ...(chart ? { chart } : {}), ...(c.history ? { history: c.history } : {}) },
  };
}

export function scoreCases(cases: readonly EvidenceCase[], check: Check): Score {
  const emptyRule = (rule: FlagRule): RuleScore => ({ rule, counts: { tp: 0, fp: 0, fn: 0 }, precision: NaN, recall: NaN, byFault: {}, misses: [] });
  const rules: Record<FlagRule, RuleScore> = { 'none-or-partial': emptyRule('none-or-partial'), none: emptyRule('none') };
  const om: Score['omissions'] = { counts: { tp: 0, fp: 0, fn: 0 }, listed: 0, precision: NaN, recall: NaN, planted: { found: 0, total: 0 }, byKind: {}, misses: [] };
  let statements = 0;
  let unsupported = 0;

  for (const c of cases) {
    const built = buildCase(c);
    const report = check(inputOf(c));

    for (const labelled of built.statements) {
      statements++;
      if (!labelled.supported) unsupported++;
      const over = report.statements.filter((s) => s.section === labelled.section && overlaps(s.range, labelled));
      const statuses = over.map((s) => s.status);
      for (const score of Object.values(rules)) {
        const flagged = statuses.some((s) => FLAGGED[score.rule].has(s));
        if (!labelled.supported) {
          const kind = labelled.fault ?? 'other';
          const k = (score.byFault[kind] ??= { found: 0, planted: 0 });
          k.planted++;
          if (flagged) k.found++;
        }
        if (flagged && !labelled.supported) score.counts.tp++;
        else if (flagged) {
          score.counts.fp++;
          const unmatched = over.flatMap((s) => s.claims.filter((e) => !e.match).map((e) => `${e.claim.kind}:${e.claim.text}`));
          score.misses.push({ caseId: c.id, text: labelled.text, type: 'FP', statuses, claims: unmatched });
        } else if (!labelled.supported) {
          score.counts.fn++;
          const claims = over.flatMap((s) => s.claims.map((e) => `${e.claim.kind}:${e.claim.text}${e.match ? '✓' : '✗'}`));
          score.misses.push({ caseId: c.id, text: labelled.text, type: 'FN', ...(labelled.fault ? { fault: labelled.fault } : {}), statuses, claims });
        }
      }
    }

    const labelledRanges = c.omitted.map((o) => ({ omitted: o, ranges: occurrencesOf(c.transcript, o.said) }));
    for (const { omitted, ranges } of labelledRanges) {
      const hit = report.omissions.some((e) => ranges.some((r) => overlaps(e.range, r)));
      const k = (om.byKind[omitted.kind] ??= { found: 0, total: 0 });
      k.total++;
      if (hit) k.found++;
      if (omitted.planted) {
        om.planted.total++;
        if (hit) om.planted.found++;
      }
      if (hit) om.counts.tp++;
      else {
        om.counts.fn++;
        om.misses.push({ caseId: c.id, type: 'FN', kind: omitted.kind, text: omitted.said, ...(omitted.planted ? { planted: true } : {}) });
      }
    }
    om.listed += report.omissions.length;
    for (const e of report.omissions) {
      const labelled = labelledRanges.some(({ ranges }) => ranges.some((r) => overlaps(e.range, r)));
      if (!labelled) {
        om.counts.fp++;
        om.misses.push({ caseId: c.id, type: 'FP', kind: e.kind, text: e.text });
      }
    }
  }

  for (const score of Object.values(rules)) {
    score.precision = ratio(score.counts.tp, score.counts.tp + score.counts.fp);
    score.recall = ratio(score.counts.tp, score.counts.tp + score.counts.fn);
  }
  // Recall counts labels (tp, fn); precision counts the engine's list (listed, fp).
  om.recall = ratio(om.counts.tp, om.counts.tp + om.counts.fn);
  om.precision = ratio(om.listed - om.counts.fp, om.listed);
  return { cases: cases.length, statements, unsupported, rules, omissions: om };
}

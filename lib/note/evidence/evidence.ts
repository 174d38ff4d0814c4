import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../sections';
import type { TextRange } from '../safety/text-range';
import { readClaims, type Claim } from './claims';
import { isConsentLine } from '../consent';
import { matchesIn } from './match';
import { indexSources, keysOf, type EvidenceSources, type IndexedSource, type SourceRef } from './sources';
import { splitStatements, type StatementKind } from './statements';

/**
 * Evidence for every statement of a note: which of its claims (claims.ts) the sources sent with the
 * request contain (match.ts), and where, so that a UI can show the words a statement rests on.
 *
 * Marks:
 * - `supported`: every claim was found;
 * - `partial`: some were, and what was not is a number, dose, date, drug or side, or more than half
 *   of the statement's words (fewer unsaid words are taken for paraphrase);
 * - `none`: it makes claims and none was found: the statements to look at first;
 * - `no-claims`: nothing in it can be checked ("Follow up as needed.", "Plan:", "Discussed at
 *   length."). Such a statement is neither supported nor unsupported; a UI shows it unmarked,
 *   rather than counting boilerplate as missing evidence.
 *
 * For each claim the match shown is the one that keeps the statement's evidence together: the
 * source statement holding the most of its claims first, then the nearest in the same source,
 * then the first found anywhere. Excerpts are those source statements (long ones cut to a window
 * around the words matched), with the matched ranges to highlight.
 *
 * Pure and local: nothing is sent or logged; statements and excerpts are PHI, to be shown only.
 */

export type EvidenceStatus = 'supported' | 'partial' | 'none' | 'no-claims';

export interface EvidenceInput {
  sections: Partial<NoteSections>;
  sources: EvidenceSources;
}

export interface ClaimMatch {
  source: SourceRef;
  /** Offsets in that source's text. */
  range: TextRange;
}

export interface ClaimEvidence {
  claim: Claim;
  /** The match shown for this claim; absent when the sources do not contain it. */
  match?: ClaimMatch;
  /** Unmatched, but a source has the same value with another unit ("500 mL" for "500 mg"). */
  otherUnit?: true;
  /** An unmatched drug the sources name the other way round (the note starts what the visit stopped). */
  otherPolarity?: true;
}

export interface Excerpt {
  source: SourceRef;
  /** The part of the source's text to show. */
  range: TextRange;
  /** The matched words inside `range`, in order (and the answer's words, "No", when a question's answer decided them). */
  highlights: readonly TextRange[];
  /** Who said it, when the transcript labels its speakers ("Patient", "Doctor"). */
  speaker?: string;
}

export interface StatementEvidence {
  section: SoapSection;
  /** Offsets in the section's text. */
  range: TextRange;
  text: string;
  kind: StatementKind;
  status: EvidenceStatus;
  claims: readonly ClaimEvidence[];
  excerpts: readonly Excerpt[];
}

/** A source statement longer than this is cut to a window around the words matched. */
const MAX_EXCERPT = 320;
const EXCERPT_MARGIN = 100;

interface Candidate {
  source: number;
  segment: number;
  claim: Claim;
}

/** The share of a statement's claims that may be unfound words (paraphrase) before it counts as partly supported. */
const PARAPHRASE_SHARE = 0.6;

function statusOf(claims: readonly ClaimEvidence[]): EvidenceStatus {
  if (claims.length === 0) return 'no-claims';
  const found = claims.filter((c) => c.match).length;
  if (found === claims.length) return 'supported';
  if (found === 0) return 'none';
  // A number, dose, date, drug or side nobody said is always worth a look. (A word said the other way
  // round is not: tried, "Denies lightheadedness" where the patient was lightheaded, but negation's
  // scope in talk is too loose — "Does the pain go down your leg? — No" — and it cost the labelled
  // set 0.854 → 0.779 precision for one flipped negation more found.)
  if (claims.some((c) => !c.match && c.claim.kind !== 'finding')) return 'partial';
  // Words are where a good note paraphrases ("dysuria" for "it burns"): a statement most of whose
  // claims were found is supported, its found numbers, drugs and sides counting with its found words;
  // one with more than 60% of its claims unfound (all of them words, by now) is partly. Measured on
  // the labelled set (test/evidence-set, 40 cases): counting words alone, precision 0.494; counting
  // every claim, 0.560, both at recall 0.947; at 0.7 recall fell to 0.915, at 0.5 precision to 0.527.
  const unsaid = claims.filter((c) => !c.match).length;
  return unsaid / claims.length > PARAPHRASE_SHARE ? 'partial' : 'supported';
}

/**
 * An Assessment names what the clinician concluded ("acute uncomplicated cystitis"), in words the
 * visit rarely says: its unsaid words are not held against it, while its numbers, drugs, sides and
 * intervals are checked as anywhere else, and its said words still count as support. Measured on
 * the labelled set (test/evidence-set): precision of "no evidence" 0.411 → 0.431, recall unchanged.
 */
function withoutConclusions(claims: readonly ClaimEvidence[]): ClaimEvidence[] {
  return claims.filter((c) => c.match || c.claim.kind !== 'finding');
}

/** One claim's matches in one source, with the source statement of each (`segments[i]` is where `matches[i]` is). */
interface Found {
  source: number;
  matches: readonly Claim[];
  segments: Int32Array;
  /** The distinct source statements among `segments`. */
  places: Int32Array;
}

/** A place (source, source statement) as one number: a Map keyed by it is far cheaper than by a string. */
const PLACE_SHIFT = 2 ** 24;
const placeOf = (source: number, segment: number) => source * PLACE_SHIFT + segment;

/** Pick one match per claim, keeping the statement's evidence in as few source statements as possible. */
function choose(foundPerClaim: readonly (readonly Found[])[]): (Candidate | undefined)[] {
  const score = new Map<number, number>();
  for (const found of foundPerClaim) {
    for (const f of found) for (const segment of f.places) score.set(placeOf(f.source, segment), (score.get(placeOf(f.source, segment)) ?? 0) + 1);
  }
  let best = -1;
  let bestScore = 0;
  for (const [place, n] of score) {
    if (n > bestScore || (n === bestScore && place < best)) {
      best = place;
      bestScore = n;
    }
  }
  const bestSource = Math.floor(best / PLACE_SHIFT);
  const bestSegment = best % PLACE_SHIFT;
  return foundPerClaim.map((found) => {
    if (found.length === 0) return undefined;
    const f = (best >= 0 && found.find((x) => x.source === bestSource)) || found[0]!;
    let at = 0;
    if (f.source === bestSource) {
      for (let i = 1; i < f.segments.length; i++) if (Math.abs(f.segments[i]! - bestSegment) < Math.abs(f.segments[at]! - bestSegment)) at = i;
    }
    return { source: f.source, segment: f.segments[at]!, claim: f.matches[at]! };
  });
}

/**
 * A note's finding matches by its stem and polarity alone, so one long note saying "pain" a thousand
 * times asks each source once, not a thousand times (a 100,000-character note froze the panel for seconds).
 */
const findingMatches = new WeakMap<IndexedSource, Map<string, readonly Claim[]>>();
const segmentsOf = new WeakMap<readonly Claim[], { segments: Int32Array; places: Int32Array }>();

function foundIn(claim: Claim, source: IndexedSource, s: number): Found | undefined {
  let matches: readonly Claim[];
  if (claim.kind === 'finding') {
    let memo = findingMatches.get(source);
    if (!memo) findingMatches.set(source, (memo = new Map()));
    const key = `${claim.stem}|${claim.negated}`;
    matches = memo.get(key) ?? memo.set(key, matchesIn(claim, source)).get(key)!;
  } else matches = matchesIn(claim, source);
  if (matches.length === 0) return undefined;
  let at = segmentsOf.get(matches);
  if (!at) {
    const segments = Int32Array.from(matches, (c) => source.segmentAt(c.range.start));
    at = { segments, places: Int32Array.from(new Set(segments)) };
    segmentsOf.set(matches, at);
  }
  return { source: s, matches, ...at };
}

function excerptsOf(chosen: readonly (Candidate | undefined)[], sources: readonly IndexedSource[]): Excerpt[] {
  const groups = new Map<string, { source: number; segment: number; highlights: TextRange[]; reach: number }>();
  for (const c of chosen) {
    if (!c) continue;
    const key = `${c.source}:${c.segment}`;
    const group = groups.get(key) ?? { source: c.source, segment: c.segment, highlights: [], reach: 0 };
    group.highlights.push(c.claim.range);
    // A question's answer decided what the words mean ("Any chest pain? — No."): the excerpt shows the answer too.
    const answered = sources[c.source]!.answerOf(c.claim);
    if (answered?.cue && answered.answerSentence) {
      if (!group.highlights.some((h) => h.start === answered.cue!.start)) group.highlights.push(answered.cue);
      group.reach = Math.max(group.reach, answered.answerSentence.end);
    }
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.source - b.source || a.segment - b.segment)
    .map((g) => {
      const source = sources[g.source]!;
      const highlights = [...g.highlights].sort((a, b) => a.start - b.start);
      let range = source.segments[g.segment] ?? { start: 0, end: source.text.length };
      if (range.end - range.start > MAX_EXCERPT) {
        const start = Math.max(range.start, highlights[0]!.start - EXCERPT_MARGIN);
        const end = Math.min(range.end, Math.max(...highlights.map((h) => h.end)) + EXCERPT_MARGIN);
        range = { start, end };
      }
      // A highlight may reach past its segment (a spoken number across a full stop): the excerpt covers it.
      range = { start: Math.min(range.start, highlights[0]!.start), end: Math.max(range.end, g.reach, ...highlights.map((h) => h.end)) };
      const speaker = source.speakerAt(highlights[0]!.start);
      return { source: source.ref, range, highlights, ...(speaker ? { speaker } : {}) };
    });
}

/** Evidence for every statement of one section's text, against indexed sources. */
export function findEvidenceInText(section: SoapSection, text: string, sources: readonly IndexedSource[]): StatementEvidence[] {
  if (!text) return [];
  const claims = readClaims(text);
  let next = 0;
  return splitStatements(text).map((statement) => {
    while (next < claims.length && claims[next]!.range.start < statement.range.start) next++;
    const own: Claim[] = [];
    for (let i = next; i < claims.length && claims[i]!.range.start < statement.range.end; i++) own.push(claims[i]!);
    // The consent to record line (lib/note/consent.ts) is Chartside's, not the visit's: it claims nothing.
    if (isConsentLine(statement.text)) own.length = 0;
    const chosen = choose(own.map((claim) => sources.flatMap((source, s) => foundIn(claim, source, s) ?? [])));
    const claimEvidence: ClaimEvidence[] = own.map((claim, i) => {
      const c = chosen[i];
      if (c) return { claim, match: { source: sources[c.source]!.ref, range: c.claim.range } };
      if (claim.kind === 'quantity' && sources.some((s) => s.byKey.has(keysOf(claim)[0]!))) return { claim, otherUnit: true };
      if (claim.kind === 'drug' && sources.some((s) => matchesIn({ ...claim, negated: !claim.negated }, s).length > 0)) return { claim, otherPolarity: true };
      return { claim };
    });
    return {
      section,
      range: statement.range,
      text: statement.text,
      kind: statement.kind,
      status: statusOf(section === 'assessment' ? withoutConclusions(claimEvidence) : claimEvidence),
      claims: claimEvidence,
      excerpts: excerptsOf(chosen, sources),
    };
  });
}

/** Evidence for every statement of the note, section by section, in note order. */
export function findEvidence(input: EvidenceInput): StatementEvidence[] {
  return findEvidenceIn(input.sections, indexSources(input.sources));
}

/** The same, against sources already indexed. */
export function findEvidenceIn(sections: Partial<NoteSections>, sources: readonly IndexedSource[]): StatementEvidence[] {
  return SOAP_SECTIONS.flatMap((section) => findEvidenceInText(section, sections[section] ?? '', sources));
}

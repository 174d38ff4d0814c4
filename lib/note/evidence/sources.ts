import { SOAP_SECTIONS, type NoteSections } from '../sections';
import { lastAtOrBefore } from '../safety/last-at-or-before';
import { isFindingNegated } from '../safety/negation';
import type { TextRange } from '../safety/text-range';
import { asCelsius, readClaims, type Claim } from './claims';
import { splitStatements } from './statements';

/**
 * What was sent with the request, each text read once into an index the evidence engine
 * (evidence.ts) and the omission finder (omissions.ts) look claims up in.
 */

export type SourceRef =
  | { kind: 'transcript' }
  | { kind: 'chart'; index: number; label: string }
  | { kind: 'history' }
  | { kind: 'message'; index: number; role: string }
  /**
   * The note itself, indexed only to look a transcript's claims up in (omissions.ts). Never a source
   * of evidence: `indexSources` never makes one, and a kind of its own keeps it from passing for one.
   */
  | { kind: 'note' };

export interface EvidenceSources {
  /** The visit transcript: typed, or the one the API returned for a recording. */
  transcript?: string;
  /** The chart lines that were checked, each with the label it was shown under ("Medications"). */
  chart?: readonly { label: string; text: string }[];
  history?: string;
  /** Portal messages, with who wrote them ("patient", "clinician"). */
  messages?: readonly { role: string; text: string }[];
}

export interface IndexedSource {
  ref: SourceRef;
  text: string;
  claims: readonly Claim[];
  /** The source's statements, for excerpts and for keeping one statement's evidence together. */
  segments: readonly TextRange[];
  /** Claims by lookup key (see `keysOf`). */
  byKey: ReadonlyMap<string, readonly Claim[]>;
  /** Is this finding claim (one of `claims`) denied in the source? Asked lazily: most words are never looked up. */
  findingNegated(claim: Claim): boolean;
  /** The index of the segment holding `offset`. */
  segmentAt(offset: number): number;
  /** Who was speaking at `offset`, in a transcript written with speaker labels ("Doctor:", "Patient:"). */
  speakerAt(offset: number): string | undefined;
}

/** A speaker label: a short capitalised name and a colon, opening a line or following a sentence. */
const SPEAKER = /(?:^|\n|[.?!]["')]?[ \t]+)[ \t]*((?:Dr\.?[ \t]+)?[A-Z][A-Za-z]*(?:[ \t][A-Z]?[A-Za-z]+)?)[ \t]*:[ \t]/g;
/** Words that take a colon in a sentence without naming a speaker. */
const NOT_SPEAKERS = /^(?:note|plan|assessment|allergies|medications|meds|labs|vitals|bp|hr|rr|temp|impression|history|diagnosis|re|subject)$/i;

function speakerLabels(text: string): { at: number; name: string }[] {
  const labels: { at: number; name: string }[] = [];
  SPEAKER.lastIndex = 0;
  for (let m = SPEAKER.exec(text); m; m = SPEAKER.exec(text)) {
    if (!NOT_SPEAKERS.test(m[1]!)) labels.push({ at: m.index + m[0].length, name: m[1]! });
    SPEAKER.lastIndex = m.index + m[0].length;
  }
  return labels;
}

/** Keys a claim is filed and looked up under; matching rules then decide (evidence.ts). */
export function keysOf(claim: Claim): string[] {
  switch (claim.kind) {
    case 'quantity': {
      const celsius = asCelsius(claim);
      return [`q:${Math.round(claim.value * 1000) / 1000}`, ...(celsius !== undefined ? [`t:${celsius}`] : [])];
    }
    case 'ratio':
      return [`r:${claim.a}/${claim.b}`];
    case 'date':
      return [`d:${claim.monthDay}`];
    case 'drug':
      return [...claim.parts.map((p) => `g:${p}`), ...claim.classes.map((c) => `c:${c}`)];
    case 'laterality':
      return [`s:${claim.side}`];
    case 'finding':
      return [`f:${claim.stem}`];
  }
}

export function indexText(ref: SourceRef, text: string): IndexedSource {
  const claims = readClaims(text, { source: true, findingNegation: false });
  const byKey = new Map<string, Claim[]>();
  for (const c of claims) {
    for (const key of keysOf(c)) {
      const list = byKey.get(key);
      if (list) list.push(c);
      else byKey.set(key, [c]);
    }
  }
  const segments = splitStatements(text).map((s) => s.range);
  const negation = new Map<number, boolean>();
  const labels = ref.kind === 'transcript' ? speakerLabels(text) : [];
  return {
    ref,
    text,
    claims,
    segments,
    byKey,
    findingNegated(claim) {
      let negated = negation.get(claim.range.start);
      if (negated === undefined) {
        negated = isFindingNegated(text, claim.range);
        negation.set(claim.range.start, negated);
      }
      return negated;
    },
    segmentAt(offset) {
      return lastAtOrBefore(segments, offset, (s) => s.start);
    },
    speakerAt(offset) {
      let found: string | undefined;
      for (const l of labels) {
        if (l.at > offset) break;
        found = l.name;
      }
      return found;
    },
  };
}

/** The note's sections as one text, indexed under its own kind: what omissions.ts looks the transcript's claims up in. */
export function indexNote(sections: Partial<NoteSections>): IndexedSource {
  return indexText({ kind: 'note' }, SOAP_SECTIONS.map((s) => sections[s] ?? '').join('\n'));
}

/** Every non-empty source, indexed, in a fixed order: transcript, chart lines, history, messages. */
export function indexSources(sources: EvidenceSources): IndexedSource[] {
  const indexed: IndexedSource[] = [];
  if (sources.transcript) indexed.push(indexText({ kind: 'transcript' }, sources.transcript));
  (sources.chart ?? []).forEach((line, index) => {
    if (line.text) indexed.push(indexText({ kind: 'chart', index, label: line.label }, line.text));
  });
  if (sources.history) indexed.push(indexText({ kind: 'history' }, sources.history));
  (sources.messages ?? []).forEach((m, index) => {
    if (m.text) indexed.push(indexText({ kind: 'message', index, role: m.role }, m.text));
  });
  return indexed;
}

import { SOAP_SECTIONS, type NoteSections } from '../sections';
import { lastAtOrBefore } from '../safety/last-at-or-before';
import { isFindingNegated } from '../safety/negation';
import { spellNumbersMapped, type SpelledText } from '../safety/spoken-numbers';
import type { TextRange } from '../safety/text-range';
import { asCelsius, asKilograms, readClaims, type Claim } from './claims';
import { questionsOf, speakerTurns, type Question } from './speakers';
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

export type Stance = 'affirmed' | 'negated' | 'unknown';

const ALLERGY_QUESTION = /\ballerg/i;

export interface IndexedSource {
  ref: SourceRef;
  text: string;
  /** The text with its spoken numbers in digits (spoken-numbers.ts), read once for every rule that needs it. */
  spelled: SpelledText;
  claims: readonly Claim[];
  /** The source's statements, for excerpts and for keeping one statement's evidence together. */
  segments: readonly TextRange[];
  /** Claims by lookup key (see `keysOf`). */
  byKey: ReadonlyMap<string, readonly Claim[]>;
  /** Is this finding claim (one of `claims`) denied in the source? Asked lazily: most words are never looked up. */
  findingNegated(claim: Claim): boolean;
  /**
   * What the source says of this claim (one of `claims`): affirmed, negated, or nothing either way
   * (`unknown`): a finding only asked about ("Do you smoke?" with no answer), or a side or a dose
   * named in a question the other speaker answered "no". Only a labelled transcript has any of
   * the last (speakers.ts); elsewhere a claim is negated or not by the words around it.
   */
  stanceOf(claim: Claim): Stance;
  /** The answered question that decided `stanceOf(claim)`, if it was one: its answer belongs in the excerpt. */
  answerOf(claim: Claim): Question | undefined;
  /** The index of the segment holding `offset`. */
  segmentAt(offset: number): number;
  /** Who was speaking at `offset`, in a transcript written with speaker labels ("Doctor:", "Patient:"). */
  speakerAt(offset: number): string | undefined;
}

/** Keys a claim is filed and looked up under; matching rules then decide (evidence.ts). */
export function keysOf(claim: Claim): string[] {
  switch (claim.kind) {
    case 'quantity': {
      const celsius = asCelsius(claim);
      const kilograms = asKilograms(claim);
      return [`q:${Math.round(claim.value * 1000) / 1000}`, ...(celsius !== undefined ? [`t:${celsius}`] : []), ...(kilograms !== undefined ? [`w:${kilograms}`] : [])];
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
  const spelled = spellNumbersMapped(text);
  const claims = readClaims(text, { source: true, findingNegation: false, spelled });
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
  const turns = ref.kind === 'transcript' ? speakerTurns(text) : [];
  const questions = questionsOf(text, turns);
  const decided = new Map<Claim, { stance: Stance; by?: Question }>();

  const findingNegated = (claim: Claim): boolean => {
    if (claim.negated) return true; // said absent by the word itself ("NKDA")
    let negated = negation.get(claim.range.start);
    if (negated === undefined) {
      negated = isFindingNegated(text, claim.range);
      negation.set(claim.range.start, negated);
    }
    return negated;
  };
  const questionAt = (offset: number): Question | undefined => {
    if (questions.length === 0) return undefined;
    const q = questions[lastAtOrBefore(questions, offset, (x) => x.range.start)]!;
    return q.range.start <= offset && offset < q.range.end ? q : undefined;
  };
  /** Is `claim`, named in a question, named again in the answer? Then the answer's own words say what it is. */
  const namedAgain = (claim: Claim, answer: TextRange): boolean =>
    keysOf(claim).some((key) => {
      const list = byKey.get(key) ?? [];
      if (list.length === 0) return false;
      const i = lastAtOrBefore(list, answer.end - 1, (c) => c.range.start);
      for (let k = i; k >= 0 && list[k]!.range.start >= answer.start; k--) if (list[k]!.range.start < answer.end) return true;
      return false;
    });
  // "Any allergies? — Sulfa, it gives me a rash.": the drug named in the answer is an allergen (not
  // to give), and the allergy asked about is had.
  // Only the answer's first sentence: "Sulfa. I take lisinopril daily." names one allergen.
  const allergyQuestions = questions.filter((q) => q.answerSentence && q.answer !== 'no' && ALLERGY_QUESTION.test(text.slice(q.range.start, q.range.end)));
  const inAnswer = (q: Question, offset: number) => q.answerSentence!.start <= offset && offset < q.answerSentence!.end;
  const allergyAnswerAt = (offset: number) => allergyQuestions.find((q) => inAnswer(q, offset));
  const namesAllergen = (q: Question) => claims.some((c) => c.kind === 'drug' && inAnswer(q, c.range.start));
  const decide = (claim: Claim): { stance: Stance; by?: Question } => {
    const hasPolarity = claim.kind === 'finding' || claim.kind === 'drug';
    const own = claim.kind === 'finding' ? findingNegated(claim) : claim.negated;
    const plain: Stance = own ? 'negated' : 'affirmed';
    if (claim.kind === 'drug' && allergyAnswerAt(claim.range.start)) return { stance: 'negated' };
    const q = questionAt(claim.range.start);
    if (q && q.answer === undefined && claim.kind === 'finding' && claim.stem === 'allergy' && allergyQuestions.includes(q) && namesAllergen(q)) {
      return { stance: 'affirmed' };
    }
    if (!q || !q.polar) return { stance: plain };
    if (!hasPolarity) return q.answer === 'no' ? { stance: 'unknown', by: q } : { stance: plain };
    if (q.answerTurn && namedAgain(claim, q.answerTurn)) return { stance: 'unknown' };
    switch (q.answer) {
      case undefined:
        // A finding only asked about is not evidence of it ("Do you smoke?"); a drug named in a question is still the drug spoken of.
        return claim.kind === 'finding' ? { stance: 'unknown' } : { stance: plain };
      case 'confirm':
        return { stance: plain, by: q };
      case 'no':
        // "No chest pain? No." is none; "Did you stop the metformin? No." could be either.
        return own && claim.kind === 'drug' ? { stance: 'unknown' } : { stance: 'negated', by: q };
      case 'yes':
        // "Did you stop the metformin? Yes." confirms the stop; "No fever? Yes." could be either.
        return own ? (claim.kind === 'drug' ? { stance: 'negated', by: q } : { stance: 'unknown' }) : { stance: 'affirmed', by: q };
    }
  };
  const decision = (claim: Claim) => {
    let d = decided.get(claim);
    if (!d) {
      d = decide(claim);
      decided.set(claim, d);
    }
    return d;
  };
  return {
    ref,
    text,
    spelled,
    claims,
    segments,
    byKey,
    findingNegated: (claim) => decision(claim).stance === 'negated',
    stanceOf: (claim) => decision(claim).stance,
    answerOf: (claim) => decision(claim).by,
    segmentAt(offset) {
      return lastAtOrBefore(segments, offset, (s) => s.start);
    },
    speakerAt(offset) {
      if (turns.length === 0) return undefined;
      const turn = turns[lastAtOrBefore(turns, offset, (t) => t.start)]!;
      return turn.start <= offset ? turn.speaker : undefined;
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

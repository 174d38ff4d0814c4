import type { NoteSections } from '../sections';
import type { TextRange } from '../safety/text-range';
import { stem, type Claim } from './claims';
import { matchesIn } from './match';
import { indexNote, indexText, type IndexedSource } from './sources';

/**
 * The other direction: clinical content said in the visit that the note never mentions, for the
 * clinician to add or to leave out knowingly. Found in the transcript, in transcript order:
 * - `medication`: a drug or drug class named, in any way, that the note does not name by any of
 *   its names (match.ts, polarity ignored: "stop the lisinopril" is covered by a note that names it);
 * - `dose-change`: a dose said in a sentence that changes one ("increase it to forty milligrams"),
 *   when the note lacks that dose with its unit;
 * - `allergy`: "allergic to X", "allergy to X", "X allergy" when the note does not name X;
 * - `follow-up`: "follow up / come back / see you / recheck in N weeks" when the note lacks that interval;
 * - `symptom`: a symptom from the list below, said or denied (`negated`), that the note does not
 *   mention in any polarity (a note that contradicts the visit is the evidence side's finding);
 * - `number`: any other number with a unit, a decimal, or a ratio such as a blood pressure, that the note lacks.
 * Each is listed once, where first said. One omission per stretch of words: the more specific kind wins (allergy, follow-up, dose change,
 * medication, symptom, number).
 * Pure and local; the texts are PHI, to be shown, never logged.
 */

export type OmissionKind = 'medication' | 'dose-change' | 'allergy' | 'follow-up' | 'symptom' | 'number';

export interface Omission {
  kind: OmissionKind;
  /** The words said, as in the transcript. */
  text: string;
  /** Offsets in the transcript. */
  range: TextRange;
  /** The transcript statement it was said in, for an excerpt. */
  excerpt: TextRange;
  /** Said as absent or not given ("no fever", "stop the lisinopril"). */
  negated: boolean;
}

const PRIORITY: readonly OmissionKind[] = ['allergy', 'follow-up', 'dose-change', 'medication', 'symptom', 'number'];

/** Symptoms a visit commonly names (lower case; matched by stems, word by word). */
const SYMPTOMS = [
  'chest pain', 'chest tightness', 'chest pressure', 'palpitations', 'shortness of breath', 'dyspnea', 'wheezing', 'cough', 'sputum',
  'fever', 'fevers', 'chills', 'night sweats', 'fatigue', 'weight loss', 'weight gain', 'headache', 'headaches', 'dizziness', 'lightheadedness',
  'fainting', 'syncope', 'nausea', 'vomiting', 'diarrhea', 'constipation', 'abdominal pain', 'stomach pain', 'heartburn', 'blood in the stool',
  'back pain', 'neck pain', 'joint pain', 'knee pain', 'hip pain', 'shoulder pain', 'swelling', 'edema', 'rash', 'itching', 'hives',
  'numbness', 'numb', 'tingling', 'weakness', 'sore throat', 'runny nose', 'congestion', 'ear pain', 'earache', 'blurry vision', 'blurred vision',
  'painful urination', 'burning with urination', 'frequency', 'urgency', 'blood in the urine', 'insomnia', 'anxiety', 'depressed mood',
  'suicidal thoughts', 'bleeding', 'bruising', 'cramping', 'cramps', 'stiffness', 'snoring', 'loss of appetite',
].map((s) => s.split(' ').filter((w) => !['of', 'the', 'in', 'with'].includes(w)).map(stem));

/** "Call if you get a fever", "watch for swelling": a warning sign named, not a symptom had. */
const WARNING_SIGN_BEFORE = /\b(?:if|unless|in case|watch for|look out for|call (?:us )?for)\b/i;

/** A sentence that changes a dose. */
const DOSE_CHANGE = /\b(?:increas\w*|decreas\w*|rais\w*|lower\w*|reduc\w*|bump\w*|doubl\w*|halv\w*|cut\w*|chang\w*|switch\w*|titrat\w*|up\s+(?:it|the\s+dose)|go\s+(?:up|down)|start\w*|stop\w*|add\w*)\b/i;

const FOLLOW_UP = /\b(?:follow(?:[- ]?up)?|f\/u|see\s+(?:you|him|her|them)(?:\s+back)?|come\s+back|coming\s+back|return|recheck|check\s+back|back\s+in|touch\s+base)\b[^.?!\n]{0,40}?\bin\s+(?:(a|an|\d+(?:\.\d+)?)|(a\s+couple\s+of))\s+(days?|weeks?|months?|years?)\b/gi;

const ALLERGY = [/\ballerg(?:ic|y|ies)\s+to\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)/gi, /\b([A-Za-z][\w-]*)\s+allerg(?:y|ies)\b/gi];

/** Words before "allergy" that name no allergen. */
const NOT_AN_ALLERGEN = new Set(['any', 'no', 'known', 'your', 'other', 'some', 'the', 'my', 'his', 'her', 'their', 'drug', 'drugs', 'food', 'medication', 'medicine', 'new', 'these', 'those', 'of']);

interface Candidate extends Omission {
  priority: number;
}

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;

/** Does the note mention a duration of `value` `unit` anywhere? */
function noteHasDuration(note: IndexedSource, value: number, unit: string): boolean {
  return (note.byKey.get(`q:${value}`) ?? []).some((c) => c.kind === 'quantity' && c.unit === unit);
}

const UNIT_OF: Record<string, string> = { day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month', year: 'year', years: 'year' };

/** What the transcript said that the note does not contain, in transcript order. */
export function findOmissions(sections: Partial<NoteSections>, transcript: string): Omission[] {
  return transcript ? findOmissionsIn(sections, indexText({ kind: 'transcript' }, transcript)) : [];
}

/** The same, against a transcript already indexed (for the evidence side too: see index.ts). */
export function findOmissionsIn(sections: Partial<NoteSections>, said: IndexedSource): Omission[] {
  const transcript = said.text;
  if (!transcript) return [];
  const note = indexNote(sections);
  const candidates: Candidate[] = [];
  const excerptOf = (range: TextRange) => said.segments[said.segmentAt(range.start)] ?? range;
  const add = (kind: OmissionKind, range: TextRange, negated: boolean) =>
    candidates.push({ kind, range, text: transcript.slice(range.start, range.end), excerpt: excerptOf(range), negated, priority: PRIORITY.indexOf(kind) });
  const inNote = (claim: Claim) => matchesIn(claim, note, said).length > 0;
  /** Where the note names a drug, in either polarity ("stop the lisinopril" is covered by a note that names it). */
  const namings = (claim: Claim) => [...matchesIn({ ...claim, negated: false }, note), ...matchesIn({ ...claim, negated: true }, note)];
  const named = (claim: Claim) => namings(claim).length > 0;

  // A dose said of a drug is in the note only beside that drug: "omeprazole 20 mg" is not written by
  // "lisinopril 20 mg" elsewhere in the note.
  const doseInNote = (dose: Claim, segment: TextRange): boolean => {
    const places = matchesIn(dose, note, said).map((m) => note.segmentAt(m.range.start));
    if (places.length === 0) return false;
    const drugs = said.claims.filter((c) => c.kind === 'drug' && c.range.start >= segment.start && c.range.end <= segment.end);
    if (drugs.length === 0) return true;
    const drugPlaces = new Set(drugs.flatMap(namings).map((m) => note.segmentAt(m.range.start)));
    return places.some((p) => drugPlaces.has(p));
  };

  const numbers = said.claims.filter((c) => c.kind === 'quantity' || c.kind === 'ratio');
  const numberInNote = (claim: Claim) => (claim.kind === 'quantity' && claim.role === 'dose' ? doseInNote(claim, excerptOf(claim.range)) : inNote(claim));
  // One spoken number has several readings over the same words ("one twelve over seventy", "three
  // twenty five milligrams" is 3, 25 mg and 325 mg): the note has it when it has any of them.
  const readingInNote = (claim: Claim) => numbers.some((other) => other !== claim && overlaps(other.range, claim.range) && numberInNote(other));

  for (const claim of said.claims) {
    if (claim.kind === 'drug') {
      if (!named(claim)) add('medication', claim.range, claim.negated);
    } else if (claim.kind === 'quantity' || claim.kind === 'ratio') {
      // A bare whole number is a count, an age, a score of a scale the note may word otherwise; a bare
      // decimal ("A1c was five point nine") is a measurement, and so is a number said for a vital sign ("heart rate eighty eight").
      if (claim.kind === 'quantity' && ((claim.unit === undefined && Number.isInteger(claim.value) && claim.role !== 'vital') || claim.unit === 'times')) continue;
      const segment = excerptOf(claim.range);
      if (numberInNote(claim) || readingInNote(claim)) continue;
      const doseChange = claim.kind === 'quantity' && claim.role === 'dose' && DOSE_CHANGE.test(transcript.slice(segment.start, segment.end));
      add(doseChange ? 'dose-change' : 'number', claim.range, false);
    }
  }

  // Symptoms: a run of finding words matching a listed symptom, said in either polarity.
  const findings = said.claims.filter((c): c is Extract<Claim, { kind: 'finding' }> => c.kind === 'finding');
  for (let i = 0; i < findings.length; i++) {
    for (const symptom of SYMPTOMS) {
      if (findings[i]!.stem !== symptom[0]) continue;
      const run = findings.slice(i, i + symptom.length);
      if (run.length < symptom.length || run.some((f, k) => f.stem !== symptom[k])) continue;
      const last = run[run.length - 1]!;
      // Words of one symptom sit together: "chest ... pain" across a sentence is not "chest pain".
      if (last.range.end - run[0]!.range.start > 30) continue;
      // Only asked about ("Any fever?" and no answer): nothing was said of it either way.
      const stance = said.stanceOf(run[0]!);
      // Had, where the note only denies it ("Denies numbness of the toes" for "the toes go numb"): the
      // patient's words are not in the note. (Not the reverse: a visit's "No" often answers more than the symptom.)
      const onlyDenied = (s: string) => (note.byKey.get(`f:${s}`) ?? []).every((c) => note.stanceOf(c) === 'negated');
      const had = stance === 'affirmed' && !WARNING_SIGN_BEFORE.test(transcript.slice(excerptOf(run[0]!.range).start, run[0]!.range.start));
      const missing = symptom.some((s) => !note.byKey.has(`f:${s}`)) || (had && symptom.every(onlyDenied));
      if (missing && stance !== 'unknown') add('symptom', { start: run[0]!.range.start, end: last.range.end }, stance === 'negated');
      break;
    }
  }

  for (const re of ALLERGY) {
    re.lastIndex = 0;
    for (let m = re.exec(transcript); m; m = re.exec(transcript)) {
      const range = { start: m.index, end: m.index + m[0].length };
      const allergen = m[1]!.toLowerCase();
      // "Any allergies?", "no known drug allergies": a question or a kind of allergy, no allergen.
      if (NOT_AN_ALLERGEN.has(allergen)) continue;
      const drugs = said.claims.filter((c) => c.kind === 'drug' && overlaps(c.range, range));
      const covered = drugs.length > 0 ? drugs.some(named) : note.byKey.has(`f:${stem(allergen)}`);
      if (!covered) add('allergy', range, false);
    }
  }

  const spelled = said.spelled;
  FOLLOW_UP.lastIndex = 0;
  for (let m = FOLLOW_UP.exec(spelled.text); m; m = FOLLOW_UP.exec(spelled.text)) {
    const value = m[2] ? 2 : m[1] === undefined || /^an?$/i.test(m[1]) ? 1 : Number(m[1]);
    const unit = UNIT_OF[m[3]!.toLowerCase()]!;
    if (noteHasDuration(note, value, unit) || (m[2] && noteHasDuration(note, 3, unit))) continue;
    add('follow-up', spelled.toSource({ start: m.index, end: m.index + m[0].length }), false);
  }

  candidates.sort((a, b) => a.priority - b.priority || a.range.start - b.range.start);
  const kept: Candidate[] = [];
  // Said again later ("the lisinopril… the lisinopril"): listed once, where first said.
  const repeated = new Set<string>();
  for (const c of candidates) {
    const key = `${c.kind}:${c.text.toLowerCase().replace(/\s+/g, ' ')}`;
    if (repeated.has(key) || kept.some((k) => overlaps(k.range, c.range))) continue;
    repeated.add(key);
    kept.push(c);
  }
  return kept.sort((a, b) => a.range.start - b.range.start).map(({ priority: _priority, ...omission }) => omission);
}

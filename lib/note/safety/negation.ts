import type { TextRange } from './text-range';

/**
 * Is a drug named as something not to give? "Avoid NSAIDs given allergy", "discontinue amoxicillin",
 * "no penicillins", "allergic to sulfa", "switch from amoxicillin to cephalexin" (amoxicillin only),
 * "penicillin-allergic", "ibuprofen (allergy)".
 *
 * The rule is deliberately simple and local:
 * - Only the clause the name is in counts. A clause ends at a line break, `;`, `!`, `?` or a full stop
 *   followed by a space (so "2.5 mg" does not end one).
 * - Before the name, the nearest cue wins: a negating cue ("no", "not", "avoid", "stop",
 *   "discontinue", "hold", "allergic to", "instead of", "switch from"…) negates unless an affirming cue
 *   ("start", "continue", "prescribe", "then", "but", "switch to"…) comes after it. So in "stop
 *   ibuprofen, start naproxen" naproxen stands, and in "no NSAIDs or aspirin" both are negated.
 * - Right after the name, a cue such as "allergy", "intolerance", "was stopped", "not tolerated",
 *   "(avoid)" negates it too.
 * - Hypotheticals count as not given: "amoxicillin would be first line, but…", "normally a
 *   cephalosporin". ("Consider amoxicillin" is a proposal, and stands.)
 * Reading further than that (conditionals, double negatives) is left to the clinician: a missed
 * negation only adds a finding to look at, it never hides one that is written plainly.
 */

/** How far back a clause is looked for; a longer clause is cut (keeps the work per mention bounded). */
const MAX_CLAUSE = 200;

/**
 * "allergic to sulfa", "Allergies: PCN"; not a bare "allergy" ("given allergy, azithromycin"). They
 * say a drug is not to be given, not that a finding is absent: "Allergy: sulfa (rash)" has a rash.
 */
const ALLERGY_CUES = ['allerg(?:y|ies|ic)\\s+to', 'allerg(?:y|ies)(?=\\s*:)', 'intoleran(?:t|ce)\\s+to', 'sensitivity to', 'reaction to'].join('|');

/** "from" as a change: after a verb of change, with at most two words between ("switched her from"). */
const CHANGE_FROM = String.raw`(?:switch|chang|transition|mov|wean|taper|convert)\w*(?:\s+\w+){0,2}\s+from`;

/**
 * Cues before a name that negate it (regex fragments, matched as whole words, case-insensitively).
 * `from`: how "from" negates (any "from" for the drug rule, only a change for the evidence engine,
 * never for a finding); `allergy`: whether allergy cues do (for a drug, not for a finding).
 */
function negatingCues(from: string | undefined, allergy: boolean): string {
  return [
    // Not "No," answering a question: "No, I have an IUD" says nothing against the IUD.
    'no(?![ \\t]*,)', 'not', 'never', 'without', 'off', 'no longer', ...(from ? [from] : []),
    'avoid(?:s|ed|ing|ance)?', 'stop(?:s|ped|ping)?', 'discontinu(?:e|ed|es|ing|ation)', "d/c(?:'?d)?", "dc'?d",
    'hold(?:s|ing)?', 'held', 'withh(?:old|eld|olding)', 'cease[ds]?',
    'instead of', 'rather than', 'in place of',
    ...(allergy ? [ALLERGY_CUES] : []),
    'contraindicat(?:ed|ion|es)',
    'declin(?:e|ed|es|ing)', 'refus(?:e|ed|es|ing)',
    'do not', 'does not', "don'?t", "doesn'?t", 'cannot', "can'?t", 'should not', "shouldn'?t", 'must not',
    // Hypotheticals: "normally amoxicillin, but given the allergy…"
    'would', 'normally', 'typically', 'usually', 'ordinarily', 'otherwise',
  ].join('|');
}

const NEGATING = negatingCues('from', true);

/** Cues before a name that affirm it, overriding an earlier negating cue in the clause. */
const AFFIRMING = [
  'start(?:s|ed|ing)?', 'begin', 'began', 'initiat(?:e|ed|ing)', 'prescrib(?:e|ed|ing)', 'give', 'given', 'giving',
  'continu(?:e|ed|es|ing)', 'resum(?:e|ed|ing)', 'restart(?:ed|ing)?', 'add(?:ed|ing)?', 'try', 'trial(?:\\s+of)?',
  'recommend(?:s|ed)?', 'rx', 'order(?:ed)?', 'increas(?:e|ed)', 'decreas(?:e|ed)', 'titrat(?:e|ed)', 'taper(?:ed)?',
  '(?:switch(?:ed)?|chang(?:e|ed)|transition(?:ed)?)\\s+to', 'then', 'but', 'however', 'instead(?!\\s+of)',
  'ok(?:ay)?\\s+to', '(?:may|can)\\s+(?:use|take)',
].join('|');

/** Words right after a name that negate it: "penicillin allergy", "amoxicillin was stopped", "NSAIDs (avoid)". */
const AFTER_CUES = [
  'allerg', 'intoleran', 'sensitiv', 'reaction', 'induced', 'related', 'associated', 'caused',
  'stopped', 'discontinued', 'd/c', 'held', 'avoid', 'declined', 'refused', 'failed', 'contraindicated',
  'not\\b', 'no longer', 'do not', "don'?t", 'would', 'could',
].join('|');

/** Cues before a finding that negate it: "denies chest pain", "negative for fever", "no edema". */
const FINDING_NEGATING = [
  // Not the drug rule's "from" ("switch from amoxicillin"): "kidney function from last week was fine".
  negatingCues(undefined, false),
  // "Negative for fever"; "Negative calcaneal squeeze test": nothing found on it.
  'den(?:y|ies|ied|ying)', 'negative(?:\\s+for)?', 'free\\s+of', 'absen(?:t|ce)\\s+of', 'rules?\\s+out', 'ruled\\s+out', 'resolution\\s+of', 'nor', 'neither',
].join('|');

/** Cues before a finding that affirm it: "denies chest pain but reports palpitations". */
const FINDING_AFFIRMING = [
  AFFIRMING,
  // "No change in diet": what is denied is the change; the diet is there.
  'changes?\\s+in',
  'reports?', 'reported', 'endors(?:e|es|ed)', 'complain(?:s|ed)?(?:\\s+of)?', 'positive\\s+for', 'notes?', 'noted', 'describes?', 'admits?(?:\\s+to)?', 'although', 'though', 'yet', 'except',
].join('|');

/** Words right after a finding that negate it: "chest pain resolved", "fever: none", "edema absent". */
const FINDING_AFTER = ['resolved', 'denied', 'absent', 'negative', 'not\\s+present', 'ruled\\s+out', 'none\\b', 'gone', 'unlikely'].join('|');

const cuesOf = (negating: string, affirming: string) => new RegExp(String.raw`\b(?:(${negating})|(${affirming})|(to))\b`, 'gi');
const afterOf = (after: string) => new RegExp(String.raw`[ \t]*(?:[(\-–:][ \t]*)?(?:(?:was|were|is|are|has been|have been|had been)[ \t]+)?(?:${after})`, 'iy');

/**
 * Words that state how something is. A list item after a comma that holds one is a statement of
 * its own, out of the reach of a "no" before the comma: "No tenderness over the kidneys, mild
 * tenderness above the pubic bone"; "no suicidal ideation, insight and judgment fair".
 */
const STATE_WORDS =
  /\b(?:mild|mildly|moderate|moderately|severe|severely|slight|slightly|trace|some|intact|normal|fair|good|poor|clear|regular|appropriate|present|positive|stable|equal|full|reduced|decreased|increased|elevated|limited|tender|swollen|red|warm)\b/i;

/**
 * Cues that negate a verb ("cannot sleep", "does not smoke"): their reach ends at a comma, where
 * "no" and "denies" run on through a list. "Cannot sleep on the left side, wakes 2 to 3 times a
 * night" wakes.
 */
const VERB_CUES = /^(?:not|cannot|can'?t|do not|does not|don'?t|doesn'?t|should not|shouldn'?t|must not|would)$/i;

const LIST_GOES_ON = /^[ \t]*(?:or|nor|and\s+no|or\s+any)\b/i;

interface Rules {
  cues: RegExp;
  after: RegExp;
  /** Negating cues whose reach ends at a comma (findings only). */
  verbCues?: RegExp;
  /** Words that make a list item after a comma a statement of its own (findings only). */
  state?: RegExp;
}

const DRUG_RULES: Rules = { cues: cuesOf(NEGATING, AFFIRMING), after: afterOf(AFTER_CUES) };
const EVIDENCE_DRUG_RULES: Rules = { cues: cuesOf(negatingCues(CHANGE_FROM, true), AFFIRMING), after: afterOf(AFTER_CUES) };
/**
 * For a finding, the cue after it may follow the rest of its name: "Quad lag is gone", "the ankle
 * swelling has resolved". Up to two words, then a verb, then the cue.
 */
const findingAfterOf = (after: string) =>
  new RegExp(String.raw`[ \t]*(?:[(\-–:][ \t]*)?(?:(?:[A-Za-z'-]+[ \t]+){1,2}(?:was|were|is|are|has|have|had)(?:[ \t]+been)?[ \t]+|(?:(?:was|were|is|are|has been|have been|had been)[ \t]+)?)(?:${after})`, 'iy');

const FINDING_RULES: Rules = { cues: cuesOf(FINDING_NEGATING, FINDING_AFFIRMING), after: findingAfterOf(FINDING_AFTER), state: STATE_WORDS, verbCues: VERB_CUES };

/** Where the clause holding `at` starts. */
function clauseStart(text: string, at: number): number {
  const floor = Math.max(0, at - MAX_CLAUSE);
  for (let i = at - 1; i >= floor; i--) {
    const c = text[i];
    if (c === '\n' || c === ';' || c === '!' || c === '?') return i + 1;
    if (c === '.' && i + 1 < at && /\s/.test(text[i + 1]!)) return i + 1;
  }
  return floor;
}

/** Is the drug at `range` named as something not to give? */
export function isNegated(text: string, range: TextRange): boolean {
  return negatedBy(DRUG_RULES, text, range);
}

/**
 * Is the drug at `range` spoken of as not given, for the evidence engine: as `isNegated`, but "from"
 * negates only after a change ("switch from amoxicillin", "taper off and away from prednisone"),
 * not as a cause ("dizziness from a higher amlodipine level", "INR high from the TMP-SMX
 * interaction"). The safety checks keep the wider rule: a drug named as a cause is not one the
 * note gives, and an allergy warning on it would be noise.
 */
export function isNotGivenInEvidence(text: string, range: TextRange): boolean {
  return negatedBy(EVIDENCE_DRUG_RULES, text, range);
}

/**
 * Is the finding or symptom at `range` denied or absent? The same clause rule as for drugs, with the
 * cues of a history and an exam: "denies", "negative for", "free of" negate; "reports", "endorses",
 * "complains of", "but" affirm again, so in "denies chest pain but reports palpitations" only the
 * chest pain is negated. Words after the name negate only when they say it is gone ("resolved",
 * "absent"): "chest pain associated with exertion" stands, where a drug "associated" reaction would not.
 */
export function isFindingNegated(text: string, range: TextRange): boolean {
  return negatedBy(FINDING_RULES, text, range);
}

/** Is the list item holding `range`, after a comma past `from` in the clause, a statement of its own? */
function ownStatement(state: RegExp, text: string, clause: number, from: number, range: TextRange): boolean {
  const comma = text.lastIndexOf(',', range.start - 1);
  if (comma < clause + from) return false;
  const stop = /[,;.!?\n]/.exec(text.slice(range.end));
  const item = text.slice(comma + 1, stop ? range.end + stop.index : text.length);
  // "No fever, chills, or tender lymph nodes": an item opened by "or" still belongs to the denied list.
  return !LIST_GOES_ON.test(item) && state.test(item);
}

function negatedBy(rules: Rules, text: string, range: TextRange): boolean {
  const CUES = rules.cues;
  const AFTER = rules.after;
  const clause = clauseStart(text, range.start);
  const before = text.slice(clause, range.start);
  let lastNegating = -1;
  let lastNegatingEnd = -1;
  let lastNegatingCue = '';
  let lastAffirming = -1;
  let sawFrom = false;
  CUES.lastIndex = 0;
  for (let m = CUES.exec(before); m; m = CUES.exec(before)) {
    if (m[1] !== undefined) {
      lastNegating = m.index;
      lastNegatingEnd = m.index + m[0].length;
      lastNegatingCue = m[1];
      if (/\bfrom$/i.test(m[1])) sawFrom = true;
    } else if (m[2] !== undefined || sawFrom) {
      // A bare "to" affirms only after "from": "switch from amoxicillin to cephalexin".
      lastAffirming = m.index;
    }
  }
  if (lastNegating > lastAffirming) {
    if (rules.verbCues?.test(lastNegatingCue) && before.includes(',', lastNegatingEnd)) return false;
    return !(rules.state && ownStatement(rules.state, text, clause, lastNegating, range));
  }
  AFTER.lastIndex = range.end;
  return AFTER.test(text);
}

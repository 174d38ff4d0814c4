import type { DrugClassId } from '../safety/drug-classes';
import { findDrugMentions, partsOf } from '../safety/drug-mentions';
import { isFindingNegated, isNotGivenInEvidence } from '../safety/negation';
import { DOSE_UNITS, findClaims, VITAL_UNITS, type Claim as NumberClaim } from '../safety/number-claims';
import { spellNumbersMapped, type SpelledText } from '../safety/spoken-numbers';
import type { TextRange } from '../safety/text-range';

/**
 * The checkable claims of a text: what must be found in a source for a statement to count as
 * supported. One reader for the note and for the sources, so both sides are read alike:
 * - `quantity`: a number with its unit, or a ratio, read by number-claims.ts after spoken-numbers.ts
 *   ("twenty milligrams" = 20 mg, "three weeks" = 3 weeks, "7.4 percent" = 7.4%, "one forty two over
 *   eighty eight" = 142/88); `role` says whether it is a dose, a vital sign, a duration or a number;
 * - `date`: a calendar date in any format number-claims.ts reads;
 * - `drug`: a drug or drug class from drug-mentions.ts, by its generic and ingredients (so "Lipitor"
 *   is atorvastatin) and its classes, and whether it is named as not given (negation.ts, drug rule);
 * - `laterality`: left, right or bilateral, with the next content word as its site ("left knee");
 * - `finding`: every other content word (stop words, number words and documentation verbs removed),
 *   lightly stemmed, and whether it is denied or absent (negation.ts, finding rule).
 * Ranges are offsets in the text as written (a spoken number covers all its words).
 */

export type QuantityRole = 'dose' | 'vital' | 'duration' | 'number';
export type Side = 'left' | 'right' | 'bilateral';

interface ClaimBase {
  range: TextRange;
  /** The words as written. */
  text: string;
  /** Denied, absent or named as not given. Always false for quantities, dates and sides. */
  negated: boolean;
}

export type Claim =
  | (ClaimBase & { kind: 'quantity'; role: QuantityRole; value: number; unit?: string; label?: string })
  | (ClaimBase & { kind: 'ratio'; role: QuantityRole; a: number; b: number; unit?: string; label?: string })
  | (ClaimBase & { kind: 'date'; iso?: string; monthDay: string })
  | (ClaimBase & { kind: 'drug'; parts: readonly string[]; classes: readonly DrugClassId[]; isClass: boolean })
  | (ClaimBase & { kind: 'laterality'; side: Side; site?: string })
  | (ClaimBase & { kind: 'finding'; stem: string });

export type ClaimKind = Claim['kind'];

const DURATION_UNITS = new Set(['day', 'week', 'month', 'year', 'hour', 'minute']);
const BP_LABEL = /^(?:bp|blood pressure)$/i;
const SPOKEN_BP_BEFORE = /\b(?:bp|blood pressure|pressure)\b[^.?!\n]{0,20}$/i;

function roleOf(unit: string | undefined, label: string | undefined): QuantityRole {
  if (label !== undefined || (unit !== undefined && VITAL_UNITS.has(unit))) return 'vital';
  if (unit !== undefined && DOSE_UNITS.has(unit)) return 'dose';
  if (unit !== undefined && DURATION_UNITS.has(unit)) return 'duration';
  return 'number';
}

/**
 * Words that carry no checkable content: English function words, number words, negation and
 * affirmation cues (negation is a property of a claim, not a claim), and the verbs and fillers of
 * documentation and of talk ("patient presents", "we discussed", "okay so").
 */
const STOP_WORDS = new Set(
  (
    'a an the and or but nor if then than so as at by for from in into of off on onto out over to up upon with within without via per ' +
    'is are was were be been being am do does did doing done have has had having will would shall should can could may might must ' +
    'i me my mine we us our you your he him his she her it its they them their this that these those there here what which who whom whose when where why how ' +
    'not no none never any some all each every both either neither other another such same own only just very too also again still yet ever even ' +
    'about above after before below between during since until while because though although however therefore thus ' +
    'one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred thousand point half ' +
    'first second third once twice ' +
    'patient pt pts presents presented presenting reports reported reporting report states stated says said notes noted note ' +
    'denies denied deny endorses endorsed complains complained complaint describes described admits ' +
    'today yesterday tomorrow now currently current recently recent ago lately week weeks day days month months year years ' +
    'well good fine okay ok yes yeah yep alright right sure thanks thank please hello hi um uh hmm mm like really actually ' +
    'know think see get got go going went come came take takes taking took make made let lets tell told ask asked want need needed ' +
    'discussed discuss advised counseled recommended recommend plan plans planned will continue continued cont ' +
    'follow following followup return prn needed as-needed likely possible possibly probably consistent appears seems ' +
    'mild moderate severe times time much many more most less least lot little bit something anything nothing thing things way ' +
    'start started starting begin began stop stopped stopping increase increased decrease decreased reduce reduced change changed switch switched resume ' +
    'daily nightly bid tid qid qd qhs po mg mcg ml kg lb ' +
    // Hedges and fillers a note adds that claim nothing of their own.
    'around approximately roughly meanwhile further otherwise overall usual usually generally mostly somewhat ongoing previously prior similar known ' +
    // A test's result is the polarity of what it found (negation.ts), not a claim of its own.
    'negative positive ' +
    'order ordered initiate initiated unlikely ' +
    // "Using albuterol", "uses a cane": how a drug or aid is taken is in its own words.
    'use uses used using'
  ).split(' '),
);

/**
 * Abbreviations notes write for words a visit says in full, read as the stems of those words (on
 * both sides, so "SOB" and "shortness of breath" support each other). Only unambiguous ones.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  sob: ['shortness', 'breath'], cp: ['chest', 'pain'], htn: ['hypertension'], hld: ['hyperlipidemia'], dm: ['diabetes'],
  bp: ['blood', 'pressure'], abd: ['abdominal'], ha: ['headache'], uri: ['upper', 'respiratory', 'infection'],
  uti: ['urinary', 'tract', 'infection'], le: ['lower', 'extremity'], ble: ['bilateral', 'lower', 'extremity'], ekg: ['ecg'],
  rct: ['root', 'canal'], abi: ['ankle-brachial', 'index'],
};

/** Abbreviations that say a finding is absent: "NKDA" is "no known drug allergies". */
const DENIED_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = { nkda: ['allergy'], nka: ['allergy'] };

/** Prefixes whose words are one finding, and the stem they share. */
const FAMILIES: readonly [string, string][] = [
  ['allerg', 'allergy'], ['diabet', 'diabetes'], ['hypertens', 'hypertension'], ['swell', 'swell'], ['swollen', 'swell'], ['dizz', 'dizzy'], ['nause', 'nausea'],
  // The clinical word and the one a patient says for it.
  ['edema', 'swell'], ['oedema', 'swell'], ['erythem', 'red'], ['redness', 'red'], ['purulen', 'pus'], ['tender', 'tender'],
  ['painful', 'pain'], ['hurt', 'pain'], ['renal', 'kidney'], ['medicine', 'drug'], ['medication', 'drug'],
];

/** A light stem shared by both sides: plurals and -ing/-ed endings ("coughing" = "coughs" = "cough"). */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  // Word families a visit and a note write differently: "allergic" = "allergy".
  const family = FAMILIES.find(([prefix]) => w.startsWith(prefix));
  if (family) return family[1];
  // "lightheadedness" is what "lightheaded" says, "numbness" what "numb" does.
  if (w.length > 7 && w.endsWith('ness')) w = w.slice(0, -4);
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

const SIDE_WORDS: Record<string, Side> = { left: 'left', right: 'right', bilateral: 'bilateral', bilaterally: 'bilateral', both: 'bilateral' };
/** "right" that is not a side: "right now", "all right", "that's right", "right away". */
const NOT_A_SIDE_AFTER = /^[ \t]*(?:now|away|here|there|then|after|before|back|on|so|okay|ok|yeah)\b|^[ \t]*[,.?!]/i;
/** "on the right.", "to the right, seventy to the left": a side, whatever follows it. */
const SIDE_AFTER_THE = /\b(?:on|to|at|from|of)[ \t]+the[ \t]*$/i;
const NOT_A_SIDE_BEFORE = /(?:\ball|\bthat's|\bthats|\bthat is|\byou're|\bis that|\bright|\bjust)[ \t]*$/i;

/** Words between a side and its site that say which part of it: "left great toe", "right lateral ankle". */
const SITE_MODIFIERS = new Set(['big', 'great', 'little', 'small', 'upper', 'lower', 'inner', 'outer', 'lateral', 'medial', 'anterior', 'posterior', 'distal', 'proximal', 'front', 'top', 'bottom', 'middle', 'index', 'ring']);

/** A word that is "non" and a finding of five letters or more: the finding, said absent. */
const NON_PREFIXED = /^non-?([a-z]{5,})$/;

const WORD = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g;

/** Characters already taken by a number, drug or side: a word there is not a finding too. */
class Covered {
  private readonly marks: Uint8Array;
  constructor(length: number) {
    this.marks = new Uint8Array(length);
  }
  add(range: TextRange): void {
    this.marks.fill(1, range.start, range.end);
  }
  has(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.marks[i]) return true;
    return false;
  }
}

export interface ReadOptions {
  /**
   * Read as a source: "both" is a side ("both knees"), which a note would write as "bilateral".
   */
  source?: boolean;
  /**
   * Work out whether each finding word is denied (default true). A source index turns this off and
   * asks negation.ts only for the words the note uses, which keeps a long transcript fast.
   */
  findingNegation?: boolean;
  /** `text` with its spoken numbers in digits, when the caller has it already (a source index keeps it for omissions.ts). */
  spelled?: SpelledText;
}

/** The numeric claims of `text`, spoken forms included ("one forty two over eighty eight" = 142/88). */
function quantityClaims(text: string, spelled: SpelledText): Claim[] {
  const claims: Claim[] = [];
  const spokenRatios: { range: TextRange; a: number; b: number }[] = [];
  const spokenRatio = /(\d+(?:\.\d+)?)[ \t]+(?:over|out of)[ \t]+(\d+(?:\.\d+)?)/gi;
  for (let m = spokenRatio.exec(spelled.text); m; m = spokenRatio.exec(spelled.text)) {
    spokenRatios.push({ range: { start: m.index, end: m.index + m[0].length }, a: Number(m[1]), b: Number(m[2]) });
  }
  for (const r of spokenRatios) {
    const range = spelled.toSource(r.range);
    // "blood pressure is one forty two over eighty eight": a vital sign when named just before.
    const role: QuantityRole = SPOKEN_BP_BEFORE.test(text.slice(Math.max(0, range.start - 40), range.start)) ? 'vital' : 'number';
    claims.push({ kind: 'ratio', role, a: r.a, b: r.b, range, text: text.slice(range.start, range.end), negated: false });
  }
  // Read strictly on both sides: "A1c" is not 1 °C and "1." opening a line is not a claim, in a transcript either.
  for (const c of writtenTogether(spelled.text, findClaims(spelled.text, false) as NumberClaim[])) {
    if (spokenRatios.some((r) => c.range.start < r.range.end && c.range.end > r.range.start)) continue;
    const range = spelled.toSource(c.range);
    const base = { range, text: text.slice(range.start, range.end), negated: false };
    if (c.type === 'date') claims.push({ ...base, kind: 'date', monthDay: c.monthDay, ...(c.iso ? { iso: c.iso } : {}) });
    else if (c.type === 'ratio') {
      const role: QuantityRole = c.label && BP_LABEL.test(c.label) ? 'vital' : roleOf(c.unit, c.label);
      claims.push({ ...base, kind: 'ratio', role, a: c.a, b: c.b, ...(c.unit ? { unit: c.unit } : {}), ...(c.label ? { label: c.label } : {}) });
    } else claims.push({ ...base, kind: 'quantity', role: roleOf(c.unit, c.label), value: c.value, ...(c.unit ? { unit: c.unit } : {}), ...(c.label ? { label: c.label } : {}) });
  }
  claims.push(...everyHours(spelled));
  withReadingUnits(text, claims);
  // Spoken readings appended by spellNumbers ("eight seventy-five" = 875) map onto the same words; keep one claim per range and value.
  const seen = new Set<string>();
  return claims.filter((c) => {
    const key = `${c.range.start}:${c.range.end}:${c.kind === 'quantity' ? c.value : c.kind === 'ratio' ? `${c.a}/${c.b}` : c.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "8 x 6 cm", "eight by six centimeters": both sizes are in the unit written after the second. */
const DIMENSION_BETWEEN = /^[ \t]*(?:x|×|by)[ \t]*$/i;
/** "0.6 milligrams per kilogram", "10 mg/kg": a dose by weight, not a dose. */
const PER_KILOGRAM_AFTER = /^[ \t]*(?:per|a|\/)[ \t]*(?:kilograms?|kilos?|kg)\b(?:[ \t]*(?:per|a|\/)[ \t]*day\b)?/i;
const BY_WEIGHT: Readonly<Record<string, string>> = { mg: 'mg/kg' };

/**
 * Numbers whose unit is written once for two of them, or whose unit goes on past the word a
 * reader stops at: the first of "8 x 6 cm" is 8 cm (not "8 times"), and "0.6 mg per kilogram" is
 * 0.6 mg/kg (not 0.6 mg, which a note's "0.6 mg/kg" would not be).
 */
function writtenTogether(text: string, found: NumberClaim[]): NumberClaim[] {
  return found.map((c, i) => {
    if (c.type !== 'value') return c;
    const next = found[i + 1];
    const firstEnd = c.unit === 'times' ? c.range.start + /^[\d.]+/.exec(text.slice(c.range.start))![0].length : c.range.end;
    if ((c.unit === undefined || c.unit === 'times') && next?.type === 'value' && next.unit !== undefined && next.unit !== 'times' && DIMENSION_BETWEEN.test(text.slice(firstEnd, next.range.start))) {
      return { ...c, unit: next.unit, range: { start: c.range.start, end: firstEnd } };
    }
    const perKilogram = c.unit !== undefined && BY_WEIGHT[c.unit] ? PER_KILOGRAM_AFTER.exec(text.slice(c.range.end)) : null;
    if (perKilogram) return { ...c, unit: /day\b/i.test(perKilogram[0]) ? `${BY_WEIGHT[c.unit!]}/day` : BY_WEIGHT[c.unit!]!, range: { start: c.range.start, end: c.range.end + perKilogram[0].length } };
    return c;
  });
}

/** "q6h", "q4-6h", "q 8 hrs": every N hours, the interval a visit says as "every six hours". */
const Q_HOURS = /\bq[ \t]?(\d+)(?:[ \t]*-[ \t]*(\d+))?[ \t]?(?:h|hr|hrs|hours?)\b/gi;

function everyHours(spelled: SpelledText): Claim[] {
  const claims: Claim[] = [];
  for (const m of spelled.text.matchAll(Q_HOURS)) {
    const range = spelled.toSource({ start: m.index, end: m.index + m[0].length });
    for (const n of [m[1], m[2]]) {
      if (n !== undefined) claims.push({ kind: 'quantity', role: 'duration', value: Number(n), unit: 'hour', range, text: m[0], negated: false });
    }
  }
  return claims;
}

/**
 * A spoken number's other reading takes the unit said after its words: "three twenty five
 * milligrams" is read 3, 25 mg and 325, and the 325 is 325 mg too (the reading is appended on a
 * line of its own, away from the unit).
 */
function withReadingUnits(text: string, claims: Claim[]): void {
  const withUnit = claims.filter((c): c is Extract<Claim, { kind: 'quantity' }> => c.kind === 'quantity' && c.unit !== undefined);
  for (const c of claims) {
    if (c.kind !== 'quantity' || c.unit !== undefined) continue;
    const owner = withUnit.find((u) => c.value !== u.value && String(c.value).endsWith(String(u.value)) && u.range.start <= c.range.start && u.range.end > c.range.end && /^[ \t-]*[A-Za-z%°/][A-Za-z%°/ \t]*$/.test(text.slice(c.range.end, u.range.end)));
    if (!owner) continue;
    c.unit = owner.unit;
    c.role = owner.role;
    c.range = owner.range;
    c.text = owner.text;
  }
}

const TEMPERATURE_UNITS = new Set(['c', 'f', 'deg']);
const TEMPERATURE_LABEL = /^(?:t|temp|temperature|t ?max)$/i;

/**
 * A quantity as a body temperature in °C (one decimal), when it can be one: written in °C, °F or
 * degrees, or a bare number in a body-temperature range without another label ("Temp 38.3" or a
 * spoken "a hundred and one"). So 38.3 °C and 101 °F are one claim.
 */
export function asCelsius(claim: Claim): number | undefined {
  if (claim.kind !== 'quantity') return undefined;
  const { value, unit, label } = claim;
  if (unit !== undefined ? !TEMPERATURE_UNITS.has(unit) : label !== undefined && !TEMPERATURE_LABEL.test(label)) return undefined;
  const fahrenheit = unit === 'f' || (unit !== 'c' && value >= 86 && value <= 113);
  const celsius = fahrenheit ? ((value - 32) * 5) / 9 : value;
  return celsius >= 30 && celsius <= 45 ? Math.round(celsius * 10) / 10 : undefined;
}

/** A weight in whole kilograms, when the quantity is one in kg or lb: so 70 kg and 154 lb are one claim. */
export function asKilograms(claim: Claim): number | undefined {
  if (claim.kind !== 'quantity' || (claim.unit !== 'kg' && claim.unit !== 'lb')) return undefined;
  return Math.round(claim.unit === 'lb' ? claim.value * 0.45359237 : claim.value);
}

/** Every claim in `text`, in order of position. Read a whole section (or source) at once: negation needs the clause. */
export function readClaims(text: string, options: ReadOptions = {}): Claim[] {
  const source = options.source ?? false;
  const findingNegation = options.findingNegation ?? true;
  const claims: Claim[] = quantityClaims(text, options.spelled ?? spellNumbersMapped(text));
  const covered = new Covered(text.length);
  for (const c of claims) covered.add(c.range);
  for (const m of findDrugMentions(text)) {
    const parts = m.kind === 'drug' ? partsOf(m) : [];
    claims.push({ kind: 'drug', range: m.range, text: m.text, parts, classes: m.classes, isClass: m.kind === 'class', negated: isNotGivenInEvidence(text, m.range) });
    covered.add(m.range);
  }
  const words: { start: number; end: number; lower: string }[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) words.push({ start: m.index, end: m.index + m[0].length, lower: m[0].toLowerCase() });
  const isContent = (w: { start: number; end: number; lower: string }) =>
    w.lower.length > 2 && !STOP_WORDS.has(w.lower) && !(w.lower in SIDE_WORDS) && !covered.has(w.start, w.end) && !STOP_WORDS.has(w.lower.split("'")[0]!);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const side = SIDE_WORDS[w.lower];
    if (side === undefined || covered.has(w.start, w.end)) continue;
    if (w.lower === 'both' && !source) continue;
    if (w.lower === 'right') {
      const before = text.slice(Math.max(0, w.start - 12), w.start);
      if (!SIDE_AFTER_THE.test(before) && (NOT_A_SIDE_AFTER.test(text.slice(w.end, w.end + 12)) || NOT_A_SIDE_BEFORE.test(before))) continue;
    }
    // The site: the next content word, within the next three words and the same clause, past the
    // words that say which part of it ("left big toe" is about the toe, "right lateral ankle" the ankle).
    // "Nails thickened bilaterally", "Wheezes bilaterally": the adverb is about what came before, not a site after it.
    const site = w.lower === 'bilaterally' ? undefined : words.slice(i + 1, i + 4).find((n) => isContent(n) && !SITE_MODIFIERS.has(n.lower) && !/[.,;:!?\n]/.test(text.slice(w.end, n.start)));
    const range = { start: w.start, end: w.end };
    claims.push({ kind: 'laterality', side, range, text: text.slice(range.start, range.end), negated: false, ...(site ? { site: stem(site.lower) } : {}) });
    covered.add(range);
  }
  for (const w of words) {
    const denied = DENIED_ABBREVIATIONS[w.lower];
    const expanded = denied ?? ABBREVIATIONS[w.lower];
    if (expanded ? covered.has(w.start, w.end) : !isContent(w)) continue;
    const range = { start: w.start, end: w.end };
    // "nonpurulent", "non-tender": the finding after "non", absent.
    const absent = NON_PREFIXED.exec(w.lower)?.[1];
    const negated = denied !== undefined || absent !== undefined || (findingNegation && isFindingNegated(text, range));
    for (const s of expanded ?? [stem(absent ?? w.lower)]) claims.push({ kind: 'finding', stem: s, range, text: text.slice(w.start, w.end), negated });
  }
  return claims.sort((a, b) => a.range.start - b.range.start);
}

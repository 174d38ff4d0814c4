import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../sections';
import { displayName, findDrugMentions, partsOf } from './drug-mentions';
import type { TextRange } from './text-range';

/**
 * Numbers, doses, vital signs, dates and drug names in the note that appear neither in the
 * transcript nor in the chart context that was sent: highlighted as possibly unsupported, for the
 * clinician to check. Nothing here proves a statement wrong or right.
 *
 * What counts as a statement (in the note; only digits are read there):
 * - a number with or without a unit ("500 mg", "38.1 C", "38.1°C", "x 10 days", "2+", "55-year-old");
 *   `kind` is `dose` for dose units (mg, mcg, g, mL, units, tabs, puffs…), `vital` after a vital-sign
 *   label ("BP 150/90", "HR 110", "SpO2 95%", "T 38.1") or with a vital unit (mmHg, bpm, °C/°F),
 *   otherwise `number`;
 * - a ratio ("150/90", "7/10", "5/325");
 * - a date ("11/20/2026", "2026-11-20", "Nov 20, 2026", "November 20");
 * - a drug name from drug-mentions.ts (`drug`).
 * Not statements: list numbering at the start of a line ("1.", "2)", "(3)"), "#2", times ("10:30"),
 * digits inside words or codes ("A1c", "SpO2", "T2DM", "COVID-19", "J06.9", "q6h", "3rd").
 *
 * What counts as support (anywhere in the transcript or the sent context, read leniently):
 * - the same value with the same unit, or without a unit on either side ("HR 110" is supported by
 *   "a hundred and ten"), or a compatible unit: °C/°F/"degrees" convert into each other (38.3 °C is
 *   supported by "101"), as do kg and lb; "500mg" and "500 mg" and "500 milligrams" are the same;
 * - spelled numbers in the sources count ("three days", "ninety-eight point six", "a hundred and
 *   one", "twice"), as do spoken ratios ("one fifty over ninety", "seven out of ten"), and a
 *   spoken dose such as "eight seventy-five" is also read as 875;
 * - a date is supported by the same calendar date in any format, or by the visit date (the caller
 *   passes it; today when not given): a note naturally states its date of service, so that one
 *   date is never flagged even when nobody said it;
 * - a drug is supported when the sources name it (a drug the note names as stopped or avoided is
 *   checked too: "stop lisinopril" when nobody mentioned lisinopril deserves a look), or a
 *   combination sharing an ingredient, by any name the finder knows (the note's "Augmentin" is
 *   supported by a transcript's "amoxicillin-clavulanate").
 * Support does not check that the value is attached to the same thing ("500 mg" is supported by
 * "500 steps"): the check is for numbers nobody said, which is where invented details show.
 *
 * Explanations quote the note; like the note they are PHI, to be shown, never logged.
 */

export type UnsupportedKind = 'number' | 'dose' | 'vital' | 'date' | 'drug';

export interface UnsupportedStatement {
  section: SoapSection;
  kind: UnsupportedKind;
  range: TextRange;
  /** The statement as written in the note. */
  text: string;
  explanation: string;
}

// ---------------------------------------------------------------------------------------------
// Units

type Unit = string;

/** Written unit (lower case; a space matches any run of spaces) → canonical unit. */
const UNIT_NAMES: Record<string, Unit> = {
  mg: 'mg', milligram: 'mg', milligrams: 'mg',
  mcg: 'mcg', 'µg': 'mcg', ug: 'mcg', microgram: 'mcg', micrograms: 'mcg',
  g: 'g', gm: 'g', gram: 'g', grams: 'g',
  kg: 'kg', kilogram: 'kg', kilograms: 'kg', kilo: 'kg', kilos: 'kg',
  lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb',
  ml: 'ml', cc: 'ml', milliliter: 'ml', milliliters: 'ml', millilitre: 'ml', millilitres: 'ml',
  l: 'l', liter: 'l', liters: 'l', litre: 'l', litres: 'l',
  unit: 'unit', units: 'unit', u: 'unit', iu: 'unit',
  meq: 'meq', mmol: 'mmol',
  '%': 'pct', percent: 'pct',
  c: 'c', celsius: 'c', centigrade: 'c',
  f: 'f', fahrenheit: 'f',
  '°': 'deg', degree: 'deg', degrees: 'deg',
  mmhg: 'mmhg', 'mm hg': 'mmhg',
  bpm: 'bpm', 'beats per minute': 'bpm', 'beats/min': 'bpm',
  '/min': 'permin', 'per minute': 'permin', 'breaths per minute': 'permin', 'breaths/min': 'permin',
  d: 'day', day: 'day', days: 'day',
  wk: 'week', wks: 'week', week: 'week', weeks: 'week',
  mo: 'month', mos: 'month', month: 'month', months: 'month',
  'year-old': 'year', 'years-old': 'year', 'year old': 'year', 'years old': 'year',
  y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year', yo: 'year', 'y/o': 'year',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  x: 'times', times: 'times',
  tab: 'tab', tabs: 'tab', tablet: 'tab', tablets: 'tab', pill: 'tab', pills: 'tab',
  cap: 'cap', caps: 'cap', capsule: 'cap', capsules: 'cap',
  puff: 'puff', puffs: 'puff',
  spray: 'spray', sprays: 'spray',
  drop: 'drop', drops: 'drop', gtt: 'drop', gtts: 'drop',
  dose: 'dose', doses: 'dose',
  refill: 'refill', refills: 'refill',
  cm: 'cm', mm: 'mm', ft: 'ft', feet: 'ft', oz: 'oz', ounce: 'oz', ounces: 'oz',
  'mg/kg': 'mg/kg', 'mg/kg/day': 'mg/kg/day', 'mg/dl': 'mg/dl', 'g/dl': 'g/dl', 'mmol/l': 'mmol/l',
  'pack-year': 'pack-year', 'pack-years': 'pack-year', 'pack year': 'pack-year', 'pack years': 'pack-year',
};

const DOSE_UNITS = new Set(['mg', 'mcg', 'g', 'ml', 'l', 'unit', 'meq', 'mmol', 'tab', 'cap', 'puff', 'spray', 'drop', 'dose', 'mg/kg', 'mg/kg/day']);
const VITAL_UNITS = new Set(['mmhg', 'bpm', 'permin', 'c', 'f']);
const TEMPERATURE = new Set(['c', 'f', 'deg']);
const WEIGHT = new Set(['kg', 'lb']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '[ \\t]+');

/** A unit right after a number: optional space or hyphen ("10-day"), optional degree sign, then the unit. */
const UNIT = new RegExp(
  String.raw`[ \t]*(?:-[ \t]*)?(?:(°[ \t]?)?(${Object.keys(UNIT_NAMES).sort((a, b) => b.length - a.length).map(escape).join('|')})(?![A-Za-z])|(°))`,
  'iy',
);

// ---------------------------------------------------------------------------------------------
// Statements

type Claim =
  | { type: 'value'; range: TextRange; value: number; unit?: Unit; label?: string }
  | { type: 'ratio'; range: TextRange; a: number; b: number; unit?: Unit; label?: string }
  | { type: 'date'; range: TextRange; iso?: string; monthDay: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(year: number | undefined, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  return day <= days && (year === undefined || (year >= 1800 && year <= 2200));
}

function dateClaim(range: TextRange, year: number | undefined, month: number, day: number): Claim | undefined {
  if (!realDate(year, month, day)) return undefined;
  const monthDay = `${pad(month)}-${pad(day)}`;
  return { type: 'date', range, monthDay, ...(year !== undefined ? { iso: `${year}-${monthDay}` } : {}) };
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [year: number | undefined, month: number, day: number] | undefined }[] = [
  // 2026-11-20 (also inside 2026-11-20T09:00:00Z)
  { re: /(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // 11/20/2026, 11/20/26, 11-20-2026 (month first, as US charts write)
  { re: /(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])/g, read: (m) => [fullYear(m[4]!), Number(m[1]), Number(m[3])] },
  // 20 Nov 2026, 20 November, 3rd of December
  {
    re: new RegExp(String.raw`(?<![\d.])(\d{1,2})(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t-]+${MONTH}(?:[ \t,-]+(\d{4}))?(?![A-Za-z\d])`, 'gi'),
    read: (m) => (m[2]!.toLowerCase() === 'may' && m[2] !== 'May' && !m[3] ? undefined : [m[3] ? Number(m[3]) : undefined, monthOf(m[2]!), Number(m[1])]),
  },
  // Nov 20, 2026, November 20th
  {
    re: new RegExp(String.raw`\b${MONTH}[ \t]+(\d{1,2})(?:st|nd|rd|th)?(?:,?[ \t]+(\d{4}))?(?![\d:])`, 'gi'),
    read: (m) => (m[1]!.toLowerCase() === 'may' && m[1] !== 'May' && !m[3] ? undefined : [m[3] ? Number(m[3]) : undefined, monthOf(m[1]!), Number(m[2])]),
  },
];

/** Every date in `text`, in order, not overlapping (the one starting first wins, then the earlier pattern). */
function findDates(text: string): Claim[] {
  const candidates: { claim: Claim; priority: number }[] = [];
  DATE_PATTERNS.forEach(({ re, read }, priority) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const parts = read(m);
      const range = { start: m.index, end: m.index + m[0].replace(/[\s,.-]+$/, '').length };
      const claim = parts && dateClaim(range, ...parts);
      if (claim) candidates.push({ claim, priority });
    }
  });
  candidates.sort((a, b) => a.claim.range.start - b.claim.range.start || a.priority - b.priority);
  const found: Claim[] = [];
  let end = 0;
  for (const { claim } of candidates) {
    if (claim.range.start < end) continue;
    found.push(claim);
    end = claim.range.end;
  }
  return found;
}

/** A vital-sign label just before a number: "BP 150/90", "HR: 110", "temp of 38.1", "SpO2 95%". */
const VITAL_LABEL =
  /(?:^|[^A-Za-z0-9])((?:bp|blood pressure|hr|heart rate|pulse|p|rr|resp(?:iratory)?(?: rate)?|t|temp|temperature|t ?max|spo2|sp02|o2 sat(?:uration)?s?|sats?|saturation|oxygen saturation|pulse ox(?:imetry)?|wt|weight|ht|height|bmi))[ \t]*(?:[:=]|is|was|of)?[ \t]*$/i;
const TEMPERATURE_LABEL = /^(?:t|temp|temperature|t ?max)$/i;

/** The vital-sign label written just before `at`, if any, and where it starts. */
function vitalLabel(text: string, at: number): { label: string; start: number } | undefined {
  const from = Math.max(0, at - 32);
  const m = VITAL_LABEL.exec(text.slice(from, at));
  if (!m) return undefined;
  const start = from + m.index + m[0].indexOf(m[1]!);
  // The slice may have cut a word: "at 38" is not "t 38".
  if (start === from && from > 0 && /[A-Za-z0-9]/.test(text[from - 1]!)) return undefined;
  return { label: m[1]!, start };
}

const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const NUMBER_AT = /\d+(?:,\d{3})*(?:\.\d+)?/y;
const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const toNumber = (s: string) => Number(s.replace(/,/g, ''));

function readUnit(text: string, at: number): { unit: Unit; end: number } | undefined {
  UNIT.lastIndex = at;
  const m = UNIT.exec(text);
  if (!m) return undefined;
  const written = m[2] !== undefined ? m[2].toLowerCase().replace(/[ \t]+/g, ' ') : '°';
  const unit = UNIT_NAMES[written];
  const end = at + m[0].length;
  // "2 f/u" is not two degrees Fahrenheit: a one-letter unit never runs on into a slash.
  if (unit === undefined || (written.length === 1 && text[end] === '/')) return undefined;
  return { unit, end };
}

/** "1." / "2)" / "(3)" opening a line (after any bullet): list numbering, not a statement. */
function isListNumber(text: string, start: number, end: number): boolean {
  const next = text[end];
  const opened = text[start - 1] === '(' && next === ')';
  if (!opened && next !== '.' && next !== ')') return false;
  if (!opened && end + 1 < text.length && !/\s/.test(text[end + 1]!)) return false;
  let i = opened ? start - 2 : start - 1;
  while (i >= 0 && /[ \t*•>-]/.test(text[i]!)) i--;
  return i < 0 || text[i] === '\n';
}

/**
 * Every statement in `text`. `lenient` (for the sources) keeps digits inside words and list numbers,
 * so that support is found wherever a value was written.
 */
function findClaims(text: string, lenient: boolean): Claim[] {
  const dates = findDates(text);
  const claims: Claim[] = [...dates];
  let d = 0;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    while (d < dates.length && dates[d]!.range.end <= start) d++;
    if (d < dates.length && dates[d]!.range.start <= start) continue;
    const before = text[start - 1];
    const after = text[end];
    // Times ("10:30") and the second half of odd forms ("1.2.3") are not statements.
    if ((after === ':' && isDigit(text[end + 1])) || (before === ':' && isDigit(text[start - 2]))) continue;
    if (before === '.' && isDigit(text[start - 2])) continue;
    if (!lenient) {
      const timesPrefix = (before === 'x' || before === 'X') && !isLetter(text[start - 2]);
      if (isLetter(before) && !timesPrefix) continue;
      if ((before === '-' || before === '–') && isLetter(text[start - 2])) continue;
      if (before === '#') continue;
      if (isListNumber(text, start, end)) continue;
      if (isLetter(after) && !readUnit(text, end)) continue;
    }

    let claim: Exclude<Claim, { type: 'date' }>;
    if (after === '/' && isDigit(text[end + 1])) {
      NUMBER_AT.lastIndex = end + 1;
      const second = NUMBER_AT.exec(text);
      if (!second) continue;
      const ratioEnd = end + 1 + second[0].length;
      claim = { type: 'ratio', range: { start, end: ratioEnd }, a: toNumber(m[0]), b: toNumber(second[0]) };
      end = ratioEnd;
      NUMBER.lastIndex = ratioEnd;
    } else {
      claim = { type: 'value', range: { start, end }, value: toNumber(m[0]) };
    }
    const unit = readUnit(text, end);
    if (unit) {
      claim.unit = unit.unit;
      claim.range = { start: claim.range.start, end: unit.end };
      NUMBER.lastIndex = Math.max(NUMBER.lastIndex, unit.end);
    }
    if (!lenient) {
      const label = vitalLabel(text, start);
      if (label) {
        claim.label = label.label;
        claim.range = { start: label.start, end: claim.range.end };
      }
    }
    claims.push(claim);
  }
  return claims.sort((a, b) => a.range.start - b.range.start);
}

function kindOf(claim: Claim): UnsupportedKind {
  if (claim.type === 'date') return 'date';
  const unit = claim.unit;
  if (claim.label !== undefined || (unit !== undefined && VITAL_UNITS.has(unit))) return 'vital';
  if (unit !== undefined && DOSE_UNITS.has(unit)) return 'dose';
  return 'number';
}

// ---------------------------------------------------------------------------------------------
// Spelled numbers in the sources

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ADVERBS: Record<string, string> = { once: '1 times', twice: '2 times', thrice: '3 times' };
const isNumberWord = (w: string) => w in SMALL || w in TENS || w === 'hundred' || w === 'thousand' || w === 'point';

/** Readings of one run of number words: the plain ones, plus "eight seventy-five" read as 875. */
function readNumberWords(words: readonly string[]): { plain: string[]; spoken: string[] } {
  const plain: string[] = [];
  const spoken: string[] = [];
  let total = 0;
  let current = 0;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' = 'none';
  let decimals = '';
  let inDecimals = false;
  const flush = () => {
    if (last !== 'none') plain.push(`${total + current}${decimals ? `.${decimals}` : ''}`);
    total = 0;
    current = 0;
    last = 'none';
    decimals = '';
    inDecimals = false;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (inDecimals) {
      const digit = w === 'oh' ? 0 : SMALL[w];
      if (digit !== undefined && digit < 10) {
        decimals += String(digit);
        continue;
      }
      flush();
    }
    if (w === 'point') {
      if (last !== 'none') inDecimals = true;
      continue;
    }
    if (w === 'a' || w === 'an') {
      flush();
      current = 1;
      last = 'unit';
      continue;
    }
    if (w === 'and') continue;
    if (w === 'hundred') {
      current = (current || 1) * 100;
      last = 'hundred';
      continue;
    }
    if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      last = 'thousand';
      continue;
    }
    const small = SMALL[w];
    const tens = TENS[w];
    if (tens !== undefined) {
      if (last === 'unit' && current > 0 && current < 10 && total === 0) {
        const unitNext = SMALL[words[i + 1] ?? ''];
        spoken.push(String(current * 100 + tens + (unitNext !== undefined && unitNext < 10 ? unitNext : 0)));
      }
      if (last !== 'none' && last !== 'hundred' && last !== 'thousand') flush();
      current += tens;
      last = 'tens';
    } else if (small !== undefined) {
      const joins = last === 'none' || last === 'hundred' || last === 'thousand' || (last === 'tens' && small < 10);
      if (!joins) flush();
      current += small;
      last = small < 10 ? 'unit' : 'teen';
    }
  }
  flush();
  return { plain, spoken };
}

/** Spoken blood pressure: "one fifty over ninety" → "150 over ninety". */
const SPOKEN_HUNDREDS = new RegExp(
  String.raw`\b(one|two)[ \t-]+(${Object.keys(TENS).join('|')})(?:[ \t-]+(one|two|three|four|five|six|seven|eight|nine))?(?=[ \t]+over\b)`,
  'gi',
);

/** The text with spelled numbers written in digits, and any spoken readings appended on their own lines. */
export function spellNumbers(text: string): string {
  const extra: string[] = [];
  const bp = text.replace(SPOKEN_HUNDREDS, (_all, h: string, t: string, u?: string) =>
    String(SMALL[h.toLowerCase()]! * 100 + TENS[t.toLowerCase()]! + (u ? SMALL[u.toLowerCase()]! : 0)),
  );
  const out: string[] = [];
  const tokens = bp.match(/[A-Za-z]+|[^A-Za-z]+/g) ?? [];
  for (let i = 0; i < tokens.length; ) {
    const lower = tokens[i]!.toLowerCase();
    const adverb = ADVERBS[lower];
    if (adverb !== undefined) {
      out.push(adverb);
      i += 1;
      continue;
    }
    const startsRun = (isNumberWord(lower) && lower !== 'point') || ((lower === 'a' || lower === 'an') && /^(hundred|thousand)$/i.test(tokens[i + 2] ?? '') && /^[ \t]+$/.test(tokens[i + 1] ?? ''));
    if (!startsRun) {
      out.push(tokens[i]!);
      i += 1;
      continue;
    }
    const words: string[] = [lower];
    let j = i + 1;
    while (j + 1 < tokens.length && /^[ \t-]+$/.test(tokens[j]!)) {
      const w = tokens[j + 1]!.toLowerCase();
      const next = tokens[j + 3]?.toLowerCase() ?? '';
      const ok = isNumberWord(w) || (w === 'and' && isNumberWord(next)) || (w === 'oh' && words.includes('point'));
      if (!ok) break;
      words.push(w);
      j += 2;
    }
    const { plain, spoken } = readNumberWords(words);
    out.push(plain.join(' '));
    extra.push(...spoken);
    i = j;
  }
  return extra.length > 0 ? `${out.join('')}\n${extra.join('\n')}` : out.join('');
}

// ---------------------------------------------------------------------------------------------
// Support

const numberKey = (n: number) => String(Math.round(n * 1000) / 1000);

/** What the transcript and the sent context say, read once. */
export interface SupportIndex {
  /** Value → the units it was written with ('' for none). */
  values: ReadonlyMap<string, ReadonlySet<Unit>>;
  /** Temperatures and weights, for °C/°F and kg/lb conversion. */
  measures: readonly { value: number; unit: Unit }[];
  ratios: ReadonlySet<string>;
  dates: ReadonlySet<string>;
  monthDays: ReadonlySet<string>;
  /** Generics and ingredients named. */
  drugs: ReadonlySet<string>;
}

export function buildSupportIndex(texts: readonly string[]): SupportIndex {
  const values = new Map<string, Set<Unit>>();
  const measures: { value: number; unit: Unit }[] = [];
  const ratios = new Set<string>();
  const dates = new Set<string>();
  const monthDays = new Set<string>();
  const drugs = new Set<string>();
  const seenMeasures = new Set<string>();
  const addValue = (value: number, unit: Unit) => {
    const key = numberKey(value);
    const set = values.get(key) ?? new Set<Unit>();
    set.add(unit);
    values.set(key, set);
    // Kept for conversion: temperatures (a bare number only in a body-temperature range) and weights.
    const temperature = (unit === '' && ((value >= 30 && value <= 45) || (value >= 86 && value <= 113))) || TEMPERATURE.has(unit);
    if ((temperature || WEIGHT.has(unit)) && !seenMeasures.has(`${value}${unit}`)) {
      seenMeasures.add(`${value}${unit}`);
      measures.push({ value, unit });
    }
  };
  for (const raw of texts) {
    if (!raw) continue;
    for (const m of findDrugMentions(raw)) if (m.kind === 'drug') for (const p of partsOf(m)) drugs.add(p);
    const text = spellNumbers(raw);
    for (const c of findClaims(text, true)) {
      if (c.type === 'date') {
        if (c.iso) dates.add(c.iso);
        monthDays.add(c.monthDay);
      } else if (c.type === 'ratio') {
        ratios.add(`${numberKey(c.a)}/${numberKey(c.b)}`);
        if (Number.isInteger(c.a) && Number.isInteger(c.b) && realDate(undefined, c.a, c.b)) monthDays.add(`${pad(c.a)}-${pad(c.b)}`);
        addValue(c.a, '');
        addValue(c.b, c.unit ?? '');
      } else {
        addValue(c.value, c.unit ?? '');
      }
    }
    const spokenRatio = /(\d+(?:\.\d+)?)[ \t]+(?:over|out of)[ \t]+(\d+(?:\.\d+)?)/gi;
    for (let m = spokenRatio.exec(text); m; m = spokenRatio.exec(text)) ratios.add(`${numberKey(Number(m[1]))}/${numberKey(Number(m[2]))}`);
  }
  return { values, measures, ratios, dates, monthDays, drugs };
}

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

/** Is a temperature or weight the same measure in another unit (38.3 °C and 101 °F)? */
function converts(value: number, unit: Unit | undefined, isTemperature: boolean, support: SupportIndex): boolean {
  if (isTemperature || (unit !== undefined && TEMPERATURE.has(unit))) {
    const asC = unit === 'f' || (unit !== 'c' && value > 80) ? ((value - 32) * 5) / 9 : value;
    return support.measures.some((m) => {
      if (!(m.unit === '' || TEMPERATURE.has(m.unit))) return false;
      const mAsC = m.unit === 'f' || (m.unit !== 'c' && m.value > 80) ? ((m.value - 32) * 5) / 9 : m.value;
      return mAsC >= 30 && mAsC <= 45 && near(asC, mAsC, 0.1);
    });
  }
  if (unit === 'kg' || unit === 'lb') {
    const asKg = unit === 'lb' ? value * 0.4536 : value;
    return support.measures.some((m) => WEIGHT.has(m.unit) && m.unit !== unit && near(asKg, m.unit === 'lb' ? m.value * 0.4536 : m.value, Math.max(0.5, asKg * 0.01)));
  }
  return false;
}

type Verdict = { supported: true } | { supported: false; otherUnit: boolean };

function judge(claim: Claim, support: SupportIndex, visit: { iso: string; monthDay: string }): Verdict {
  if (claim.type === 'date') {
    const ok = claim.iso ? support.dates.has(claim.iso) || claim.iso === visit.iso : support.monthDays.has(claim.monthDay) || claim.monthDay === visit.monthDay;
    return ok ? { supported: true } : { supported: false, otherUnit: false };
  }
  if (claim.type === 'ratio') {
    if (support.ratios.has(`${numberKey(claim.a)}/${numberKey(claim.b)}`)) return { supported: true };
    // "3/14" may be a date without a year.
    const maybeDate = Number.isInteger(claim.a) && Number.isInteger(claim.b) && realDate(undefined, claim.a, claim.b);
    const monthDay = `${pad(claim.a)}-${pad(claim.b)}`;
    if (maybeDate && (support.monthDays.has(monthDay) || visit.monthDay === monthDay)) return { supported: true };
    return { supported: false, otherUnit: false };
  }
  const units = support.values.get(numberKey(claim.value));
  const unit = claim.unit;
  if (units && (unit === undefined || units.has(unit) || units.has(''))) return { supported: true };
  if (units && unit !== undefined && TEMPERATURE.has(unit) && [...units].some((u) => TEMPERATURE.has(u))) {
    if (unit === 'deg' || units.has('deg')) return { supported: true };
  }
  const isTemperature = claim.label !== undefined && TEMPERATURE_LABEL.test(claim.label);
  if (converts(claim.value, unit, isTemperature, support)) return { supported: true };
  return { supported: false, otherUnit: units !== undefined };
}

const WHAT: Record<Exclude<UnsupportedKind, 'drug'>, string> = { number: 'The number', dose: 'The dose', vital: 'The vital sign', date: 'The date' };
const NOWHERE = 'appears in neither the transcript nor the chart context sent';

function explain(kind: UnsupportedKind, written: string, claim: Claim, otherUnit: boolean): string {
  const other = otherUnit && claim.type === 'value' ? ` (${numberKey(claim.value)} appears there only with another unit)` : '';
  return `${WHAT[kind as Exclude<UnsupportedKind, 'drug'>]} "${written}" ${NOWHERE}${other}: possibly unsupported.`;
}

export interface UnsupportedOptions {
  /** The visit date, ISO `YYYY-MM-DD`; dates equal to it are never flagged. Defaults to `today`'s local date. */
  visitDate?: string;
  today?: Date;
}

function localIso(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Possibly unsupported statements in one text. */
export function findUnsupportedInText(text: string, support: SupportIndex, options: UnsupportedOptions = {}): Omit<UnsupportedStatement, 'section'>[] {
  if (!text) return [];
  const iso = options.visitDate ?? localIso(options.today ?? new Date());
  const visit = { iso, monthDay: iso.slice(5, 10) };
  const found: Omit<UnsupportedStatement, 'section'>[] = [];
  for (const claim of findClaims(text, false)) {
    const verdict = judge(claim, support, visit);
    if (verdict.supported) continue;
    const kind = kindOf(claim);
    const written = text.slice(claim.range.start, claim.range.end);
    found.push({ kind, range: claim.range, text: written, explanation: explain(kind, written, claim, verdict.otherUnit) });
  }
  for (const m of findDrugMentions(text)) {
    if (m.kind !== 'drug' || partsOf(m).some((p) => support.drugs.has(p))) continue;
    found.push({ kind: 'drug', range: m.range, text: m.text, explanation: `${displayName(m)} is named in neither the transcript nor the chart context sent: possibly unsupported.` });
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

/** Possibly unsupported statements in each section of a note, in section order. */
export function findUnsupportedStatements(sections: Partial<NoteSections>, support: SupportIndex, options: UnsupportedOptions = {}): UnsupportedStatement[] {
  return SOAP_SECTIONS.flatMap((section) => findUnsupportedInText(sections[section] ?? '', support, options).map((s) => ({ section, ...s })));
}

import type { TextRange } from './text-range';

/**
 * Numbers, ratios and dates as written in clinical text, with their units: the one reader behind the
 * unsupported-number check (unsupported-statements.ts) and the evidence engine (lib/note/evidence/).
 * Spelled numbers are turned into digits first by spoken-numbers.ts.
 */
// ---------------------------------------------------------------------------------------------
// Units

export type Unit = string;

/** Written unit (lower case; a space matches any run of spaces) → canonical unit. */
export const UNIT_NAMES: Record<string, Unit> = {
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
  // "swelled up two nights ago" is two days.
  d: 'day', day: 'day', days: 'day', night: 'day', nights: 'day',
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
  sec: 'second', secs: 'second', seconds: 'second',
  cm: 'cm', centimeter: 'cm', centimeters: 'cm', centimetre: 'cm', centimetres: 'cm',
  mm: 'mm', millimeter: 'mm', millimeters: 'mm', millimetre: 'mm', millimetres: 'mm', ft: 'ft', feet: 'ft', oz: 'oz', ounce: 'oz', ounces: 'oz',
  'mg/kg': 'mg/kg', 'mg/kg/day': 'mg/kg/day', 'mg/dl': 'mg/dl', 'g/dl': 'g/dl', 'mmol/l': 'mmol/l',
  'pack-year': 'pack-year', 'pack-years': 'pack-year', 'pack year': 'pack-year', 'pack years': 'pack-year',
};

export const DOSE_UNITS = new Set(['mg', 'mcg', 'g', 'ml', 'l', 'unit', 'meq', 'mmol', 'tab', 'cap', 'puff', 'spray', 'drop', 'dose', 'mg/kg', 'mg/kg/day']);
export const VITAL_UNITS = new Set(['mmhg', 'bpm', 'permin', 'c', 'f']);
export const TEMPERATURE = new Set(['c', 'f', 'deg']);
export const WEIGHT = new Set(['kg', 'lb']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '[ \\t]+');

/** A unit right after a number: optional space or hyphen ("10-day"), optional degree sign, then the unit. */
const UNIT = new RegExp(
  String.raw`[ \t]*(?:-[ \t]*)?(?:(°[ \t]?)?(${Object.keys(UNIT_NAMES).sort((a, b) => b.length - a.length).map(escape).join('|')})(?![A-Za-z])|(°))`,
  'iy',
);

// ---------------------------------------------------------------------------------------------
// Statements

export type Claim =
  | { type: 'value'; range: TextRange; value: number; unit?: Unit; label?: string }
  | { type: 'ratio'; range: TextRange; a: number; b: number; unit?: Unit; label?: string }
  | { type: 'date'; range: TextRange; iso?: string; monthDay: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

export const pad = (n: number) => String(n).padStart(2, '0');

export function realDate(year: number | undefined, month: number, day: number): boolean {
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
  /(?:^|[^A-Za-z0-9])((?:bp|blood pressure|hr|heart rate|pulse|p|rr|resp(?:iratory)?(?: rate)?|t|temp|temperature|t ?max|spo2|sp02|o2 sat(?:uration)?s?|sats?|saturation|oxygen saturation|pulse ox(?:imetry)?|wt|weight|ht|height|bmi))[ \t]*(?:[:=]|is|was|of|'s)?[ \t]*(?:(?:about|around|approximately|roughly|maybe|like)[ \t]+)?$/i;
export const TEMPERATURE_LABEL = /^(?:t|temp|temperature|t ?max)$/i;

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
export function findClaims(text: string, lenient: boolean): Claim[] {
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

/** A number as a lookup key: 0.1 + 0.2 and 0.3 are the same value. */
export const numberKey = (n: number) => String(Math.round(n * 1000) / 1000);

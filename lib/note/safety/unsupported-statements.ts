import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../sections';
import { displayName, findDrugMentions, partsOf } from './drug-mentions';
import { DOSE_UNITS, findClaims, numberKey, pad, realDate, TEMPERATURE, TEMPERATURE_LABEL, VITAL_UNITS, WEIGHT, type Claim, type Unit } from './number-claims';
import { spellNumbers } from './spoken-numbers';
import type { TextRange } from './text-range';

export { spellNumbers } from './spoken-numbers';

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

function kindOf(claim: Claim): UnsupportedKind {
  if (claim.type === 'date') return 'date';
  const unit = claim.unit;
  if (claim.label !== undefined || (unit !== undefined && VITAL_UNITS.has(unit))) return 'vital';
  if (unit !== undefined && DOSE_UNITS.has(unit)) return 'dose';
  return 'number';
}

// ---------------------------------------------------------------------------------------------
// Support


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

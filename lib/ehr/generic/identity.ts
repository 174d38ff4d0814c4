/**
 * Who the chart is about, from banners and headers: "Patient: …", a "Name:" next to the DOB or
 * MRN, or a prominent name in the same box as them. Cheap (one walk over the page's text), and
 * deterministic, because the insert guard compares two readings of it.
 */
import { parseClinicalDate } from '../dates';
import { isIgnoredElement, visibleText } from '../visibility';
import { readLabelledValues, type LabelledValue } from './labelled-values';

export interface IdentityReading {
  name?: { value: string; element: Element; label: string };
  dob?: { value: string; element: Element; label: string; raw: string };
  mrn?: { value: string; element: Element; label: string };
  /** The smallest box holding what was found (the banner), where age and sex are looked for. */
  region?: Element;
}

const NOT_A_NAME = /\b(?:patient|patients|name|unknown|select|search|none|n\/a|dob|mrn|age|sex|gender|male|female|chart|record|login|log in|sign in|username|user|welcome|home|dashboard|clinic|hospital|health|medical|portal|appointments?|schedule|today|new)\b/i;

/** The part of a value that can be a person's name: up to the first separator, digit or bracket. */
export function nameFrom(value: string): string | undefined {
  const cut = value.split(/\s*(?:[|·•(\[\n\t]|\s-\s|\s–\s|\s—\s|\d|,\s*(?=\d)|\b(?:DOB|MRN|Age|Sex|Gender|Born)\b)/)[0] ?? '';
  const name = cut.replace(/[\s,;:]+$/, '').trim();
  return isNameLike(name) ? name : undefined;
}

/** Two to six words of letters ("Maria Alvarez", "Kimball, Theodore J.", "Ana-Lucía O'Neil"). */
export function isNameLike(text: string): boolean {
  if (text.length < 3 || text.length > 80) return false;
  if (!/^\p{L}[\p{L}\p{M}'’.\- ]*(?:,\s*\p{L}[\p{L}\p{M}'’.\- ]*)?$/u.test(text)) return false;
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length < 2 || words.length > 6) return false;
  return !NOT_A_NAME.test(text);
}

function mrnFrom(value: string): string | undefined {
  const m = /^[#:\s]*([A-Z0-9][A-Z0-9-]{1,30})/i.exec(value);
  return m && /\d/.test(m[1]!) ? m[1] : undefined;
}

/** True when `a` and `b` sit in one small box (a banner): a shared ancestor within `levels` of `a`. */
function near(a: Element, b: Element, levels = 4): boolean {
  let current: Element | null = a;
  for (let i = 0; current && i <= levels; i++, current = current.parentElement) {
    if (current.tagName === 'BODY') return false;
    if (current.contains(b)) return true;
  }
  return false;
}

const PROMINENT = 'h1,h2,h3,h4,strong,b,[class*=name],[class*=Name]';

/** A name shown without a label, in the same box as the DOB or MRN (a banner's big name). */
function unlabelledName(anchor: Element): { value: string; element: Element } | undefined {
  let box: Element | null = anchor.parentElement;
  for (let i = 0; box && i < 3 && box.tagName !== 'BODY'; i++, box = box.parentElement) {
    for (const el of Array.from(box.querySelectorAll(PROMINENT))) {
      if (isIgnoredElement(el)) continue;
      const value = nameFrom(visibleText(el, 120));
      if (value) return { value, element: el };
    }
  }
  return undefined;
}

/** The smallest common box of the identity's elements (grown to a few siblings for one), if banner-sized. */
function regionOf(elements: Element[]): Element | undefined {
  const [first, ...rest] = elements;
  if (!first) return undefined;
  let box: Element | null = rest.length ? first : first.parentElement;
  for (let i = 0; box && i < 6 && box.tagName !== 'BODY'; i++, box = box.parentElement) {
    if (!rest.every((el) => box!.contains(el))) continue;
    if (!rest.length && box.childElementCount < 2) continue;
    return (box.textContent ?? '').length <= 1_500 ? box : undefined;
  }
  return undefined;
}

/** Chooses the patient's identity among the page's labelled values. */
export function identityFromValues(values: readonly LabelledValue[], today: Date): IdentityReading {
  const reading: IdentityReading = {};
  const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  for (const v of values) {
    if (v.field !== 'dob') continue;
    const iso = parseClinicalDate(v.value, today);
    if (iso && iso <= todayIso) {
      reading.dob = { value: iso, element: v.element, label: v.label, raw: v.value };
      break;
    }
  }
  for (const v of values) {
    if (v.field !== 'mrn') continue;
    const mrn = mrnFrom(v.value);
    if (mrn) {
      reading.mrn = { value: mrn, element: v.element, label: v.label };
      break;
    }
  }
  const anchors = [reading.dob?.element, reading.mrn?.element].filter((el): el is Element => Boolean(el));
  for (const v of values) {
    if (v.field !== 'patient') continue;
    const name = nameFrom(v.value);
    if (name) {
      reading.name = { value: name, element: v.element, label: v.label };
      break;
    }
  }
  if (!reading.name) {
    for (const v of values) {
      if (v.field !== 'name' || !anchors.some((a) => near(v.labelElement, a))) continue;
      const name = nameFrom(v.value);
      if (name) {
        reading.name = { value: name, element: v.element, label: v.label };
        break;
      }
    }
  }
  if (!reading.name) {
    for (const anchor of anchors) {
      const found = unlabelledName(anchor);
      if (found) {
        reading.name = { ...found, label: 'Name' };
        break;
      }
    }
  }
  // A name found alone (a "Patient:" line) but a DOB/MRN far away elsewhere is still the page's.
  const region = regionOf([reading.name?.element, reading.dob?.element, reading.mrn?.element].filter((el): el is Element => Boolean(el)));
  if (region) reading.region = region;
  return reading;
}

/** Reads only the identity (what the insert guard compares): one walk over the page's text. */
export function readIdentityReading(doc: Document, today: Date): { reading: IdentityReading; values: LabelledValue[] } {
  const values = readLabelledValues(doc);
  return { reading: identityFromValues(values, today), values };
}

/**
 * Age and sex/gender: from their labels ("Age: 70", "Sex: F"), from the banner's unlabelled
 * compact forms ("67 yo M", "72M", "F, 34": ./compact-banner.ts), or — for age — computed from the date of birth when the chart shows only that.
 */
import { ageOnDate, parseAgeText } from '../dates';
import { visibleText } from '../visibility';
import { readCompactAgeSex } from './compact-banner';
import { firstValue, type IdentityReading } from './identity';
import type { LabelledValue } from './labelled-values';

export interface Reading<T> {
  value: T;
  element?: Element;
  label?: string;
}

export interface DemographicsReading {
  age?: Reading<number>;
  gender?: Reading<string>;
}

/** "F" → female, "Male" → male; other answers as written, lower-cased; unknown → undefined. */
export function normalizeGender(value: string): string | undefined {
  const text = value.split(/\s*[|·•,;(/]|\s+-\s+/)[0]?.trim().toLowerCase().replace(/\.$/, '') ?? '';
  if (!text || text.length > 40 || text.split(/\s+/).length > 3) return undefined;
  if (/^(?:f|female|woman|w)$/.test(text)) return 'female';
  if (/^(?:m|male|man)$/.test(text)) return 'male';
  if (/^(?:u|unknown|unk|not (?:specified|recorded|known)|declined|--?|n\/a|select\b.*)$/.test(text)) return undefined;
  if (/\d/.test(text)) return undefined;
  return text;
}

const DATE_LIKE = /\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/g;
const GENDER_WORD = /\b(female|male|woman|man|non-?binary|transgender (?:wo)?man|intersex)\b/i;

export function readDemographics(values: readonly LabelledValue[], identity: IdentityReading, today: Date): DemographicsReading {
  const out: DemographicsReading = {};
  const regionText = identity.region ? visibleText(identity.region, 1_500).replace(DATE_LIKE, ' ') : '';
  const compact = regionText ? readCompactAgeSex(regionText) : {};

  const age = firstValue(values, 'age', (value) => parseAgeText(`Age: ${value}`) ?? parseAgeText(value));
  if (age) out.age = age;
  if (!out.age && identity.dob) {
    const shown = parseAgeText(identity.dob.raw.replace(DATE_LIKE, ' '));
    if (shown !== undefined) out.age = { value: shown, element: identity.dob.element, label: identity.dob.label };
  }
  if (!out.age && identity.region) {
    const shown = parseAgeText(regionText) ?? compact.age;
    if (shown !== undefined) out.age = { value: shown, element: identity.region, label: 'Age' };
  }
  if (!out.age && identity.dob) {
    const age = ageOnDate(identity.dob.value, today);
    if (Number.isFinite(age) && age >= 0) out.age = { value: age, element: identity.dob.element, label: identity.dob.label };
  }

  const gender = firstValue(values, 'sex', normalizeGender);
  if (gender) out.gender = gender;
  if (!out.gender && identity.region) {
    const gender = compact.sex ?? normalizeGender(GENDER_WORD.exec(regionText)?.[1] ?? '');
    if (gender) out.gender = { value: gender, element: identity.region, label: 'Sex' };
  }
  return out;
}

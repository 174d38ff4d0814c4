/**
 * Age and sex as banners write them next to the name, unlabelled and compact: "68 yo M",
 * "45 y/o F", "72M", "F, 34", "34 yrs female", "68 y.o. male", "(68 M)", "Male, 68 years",
 * "DOB 03/14/1971 (55 y)", between separators such as `|`, `·`, `•`, `/`, `—`.
 *
 * The care this needs: a number is an age only when a unit says so ("68 yo", "55 y") or when a
 * sex letter or word sits right beside it ("72M", "F, 34"), and never when it belongs to
 * something else: part of an id ("A12345M", "MRN 123 M"), a room or bed ("Room 4F",
 * "Bed 12 M-wing"), a phone number or a date. A lone M or F is a sex only beside such an age,
 * never an initial ("J. M. Smith"), a degree ("M.D.") or a wing ("Suite F").
 */

export interface CompactAgeSex {
  age?: number;
  sex?: 'female' | 'male';
}

const UNIT = String.raw`(?:y\.?\s?o\b\.?|y\/o\b|yrs?\b\.?|years?(?:[\s-]old)?\b|-year-old\b|y\b)`;
/** A sex word or letter, ending where the word does ("Manager" and "M.D." are not one). */
const SEX = String.raw`(?:female|male|woman|man|F|M)(?![\p{L}\d]|\.\p{L})`;
/** Words that say the number or letter beside them is a place or an identifier, not an age or a sex. */
const NOT_PERSON = /(?<!\p{L})(?:room|rm|bed|bay|suite|ste|unit|floor|fl|ward|wing|apt|pod|zone|bldg|building|mrn|id|acct|account|enc|encounter|visit|csn|fin|no|number|ext|tel|phone|ph|fax|pager|temp|temperature|tmax|t|#|°)\W*$/iu;
/** Characters that glue a token into a longer one ("A12345M", "12-M", "4F-2", "M.D."). */
const GLUE_BEFORE = /[\p{L}\d#.\-_/°]$/u;
const GLUE_AFTER = /^(?:[\p{L}\d_#°-]|\.\p{L}|\.\d|\s*[-–]\s*\d)/u;

const FORMS: { re: RegExp; age: number; sex?: number; unitOrSex: boolean }[] = [
  // 68 yo M, 45 y/o F, 34 yrs female, 68 y.o. male, (55 y), 68-year-old woman, 68yo
  { re: new RegExp(String.raw`(\d{1,3})\s*-?\s*${UNIT}(?:\s*[,/]?\s*(${SEX}))?`, 'giu'), age: 1, sex: 2, unitOrSex: true },
  // 72M, 72 M, (68 M), 68 / F, 68, male
  { re: new RegExp(String.raw`(\d{1,3})\s*[,/]?\s*(${SEX})`, 'giu'), age: 1, sex: 2, unitOrSex: true },
  // F, 34 · Male, 68 years · F/34 · M 45y
  { re: new RegExp(String.raw`(${SEX})\s*[,/]?\s*(\d{1,3})(?:\s*${UNIT})?`, 'giu'), age: 2, sex: 1, unitOrSex: true },
];

function sexOf(word: string | undefined): CompactAgeSex['sex'] {
  if (!word) return undefined;
  const w = word.toLowerCase();
  if (w === 'f' || w === 'female' || w === 'woman') return 'female';
  if (w === 'm' || w === 'male' || w === 'man') return 'male';
  return undefined;
}

/** True when the match at `start..end` of `text` stands alone: not glued into a longer token, not a room's or an id's. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 4);
  if (GLUE_BEFORE.test(before) || GLUE_AFTER.test(after)) return false;
  return !NOT_PERSON.test(before.trimEnd());
}

/** The age and sex of the first compact form in `text` (dates already blanked by the caller). */
export function readCompactAgeSex(text: string): CompactAgeSex {
  const sample = text.slice(0, 1_500).replace(/\s+/g, ' ');
  let best: { index: number; out: CompactAgeSex } | undefined;
  for (const form of FORMS) {
    form.re.lastIndex = 0;
    for (let m = form.re.exec(sample); m; m = form.re.exec(sample)) {
      // Single letters must be capitals, and a sex letter needs a word break on its far side too.
      const sexWord = form.sex ? m[form.sex] : undefined;
      if (sexWord && sexWord.length === 1 && sexWord !== sexWord.toUpperCase()) continue;
      if (!standsAlone(sample, m.index, m.index + m[0].length)) continue;
      const age = Number(m[form.age]);
      if (!(age >= 0 && age <= 130)) continue;
      const out: CompactAgeSex = { age };
      const sex = sexOf(sexWord);
      if (sex) out.sex = sex;
      if (!best || m.index < best.index || (m.index === best.index && sex && !best.out.sex)) best = { index: m.index, out };
      break;
    }
  }
  return best?.out ?? {};
}

import { lastAtOrBefore } from './last-at-or-before';
import type { TextRange } from './text-range';

/**
 * Spelled numbers in speech ("twenty milligrams", "one forty two over eighty eight", "a hundred and
 * one point two", "twice") written in digits, so that number-claims.ts can read a transcript.
 */

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ADVERBS: Record<string, string> = { once: '1 times', twice: '2 times', thrice: '3 times' };
const isNumberWord = (w: string) => w in SMALL || w in TENS || w === 'hundred' || w === 'thousand' || w === 'point';

/** Words before "point" that make it the noun ("at that point two weeks ago"), not a decimal point. */
const POINT_AS_NOUN_AFTER = /^(?:that|this|some|which|what|the|a|any|one|no|each|every)$/i;

/** Does the run of words at `i` start with a spoken decimal point, as in "colchicine, point six milligrams"? */
function leadingPoint(tokens: readonly string[], i: number): boolean {
  if (tokens[i]!.toLowerCase() !== 'point' || !/^[ \t]+$/.test(tokens[i + 1] ?? '')) return false;
  const digit = (tokens[i + 2] ?? '').toLowerCase();
  if (digit !== 'oh' && !((SMALL[digit] ?? 10) < 10)) return false;
  return !POINT_AS_NOUN_AFTER.test(tokens[i - 2] ?? '');
}

/** Do the tokens from `j` (a space, then words and spaces) say " and a half"? */
function andAHalfAt(tokens: readonly string[], j: number): boolean {
  const words = [tokens[j + 1], tokens[j + 3], tokens[j + 5]].map((t) => t?.toLowerCase());
  return words[0] === 'and' && words[1] === 'a' && words[2] === 'half' && [tokens[j], tokens[j + 2], tokens[j + 4]].every((t) => t !== undefined && /^[ \t]+$/.test(t));
}

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
      // "point six" alone is 0.6 (the run only starts with "point" before a digit: see leadingPoint).
      if (last === 'none') last = 'unit';
      inDecimals = true;
      continue;
    }
    if (w === 'a' || w === 'an') {
      flush();
      current = 1;
      last = 'unit';
      continue;
    }
    if (w === 'and') {
      // "a hundred and one" is one number; "between eighty and one thirty" is two.
      if (last !== 'hundred' && last !== 'thousand') flush();
      continue;
    }
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
      // "two ten", "two fifteen": read as 210 and 215 too, as "one twenty" is 120 (a glucose, a weight).
      if (small >= 10 && last === 'unit' && current > 0 && current < 10 && total === 0) spoken.push(String(current * 100 + small));
      const joins = last === 'none' || last === 'hundred' || last === 'thousand' || (last === 'tens' && small < 10);
      if (!joins) flush();
      current += small;
      last = small < 10 ? 'unit' : 'teen';
    }
  }
  flush();
  // "nine one one": digits said one by one are also the number they spell (911, a room, a phone).
  if (words.length >= 3 && words.every((w) => w === 'oh' || (SMALL[w] ?? 10) < 10)) spoken.push(words.map((w) => (w === 'oh' ? 0 : SMALL[w])).join(''));
  return { plain, spoken };
}

/** The teens and ten, which follow a spoken hundred alone ("one twelve over seventy" is 112). */
const TEENS = Object.keys(SMALL).filter((w) => SMALL[w]! >= 10);

/**
 * Spoken blood pressure: "one fifty over ninety" → "150 over ninety", and "one ten over seventy",
 * "one twelve over seventy" → 110 and 112 (a systolic said as its hundred and then its teen).
 */
const SPOKEN_HUNDREDS = new RegExp(
  String.raw`\b(one|two)[ \t-]+(?:(${Object.keys(TENS).join('|')})(?:[ \t-]+(one|two|three|four|five|six|seven|eight|nine))?|(${TEENS.join('|')}))(?=[ \t]+over\b)`,
  'iy',
);

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const MONTH_NAME = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const SPOKEN_DAY = new RegExp(String.raw`(?:(twenty|thirty)[ \t-]+)?(${Object.keys(ORDINALS).join('|')})\b`, 'iy');
const MONTH_BEFORE = new RegExp(String.raw`\b${MONTH_NAME}[ \t]+(?:the[ \t]+)?$`, 'i');
const MONTH_AFTER = new RegExp(String.raw`^[ \t]+(?:of[ \t]+)?${MONTH_NAME}\b`, 'i');

/** A spoken day of the month next to its month ("March fourteenth", "the twenty-first of May"), and where it ends. */
function spokenDay(text: string, at: number): { day: number; end: number } | undefined {
  SPOKEN_DAY.lastIndex = at;
  const m = SPOKEN_DAY.exec(text);
  if (!m) return undefined;
  const end = at + m[0].length;
  const day = (m[1] ? TENS[m[1].toLowerCase()]! : 0) + ORDINALS[m[2]!.toLowerCase()]!;
  if (day > 31 || (m[1] && ORDINALS[m[2]!.toLowerCase()]! > 9)) return undefined;
  const nextToMonth = MONTH_BEFORE.test(text.slice(Math.max(0, at - 16), at)) || MONTH_AFTER.test(text.slice(end, end + 16));
  return nextToMonth ? { day, end } : undefined;
}

/** The words a spoken number, day or count can open with: any other token is copied unchanged. */
const MAY_START = new Set([...Object.keys(SMALL), ...Object.keys(TENS), ...Object.keys(ADVERBS), ...Object.keys(ORDINALS), 'hundred', 'thousand', 'point', 'a', 'an']);

/** A piece of the spelled text and the source characters it stands for; `exact` when copied unchanged. */
interface Segment {
  out: number;
  src: number;
  srcEnd: number;
  exact: boolean;
}

/** The spelled text, and a way back from its offsets to the original's (for highlighting the words said). */
export interface SpelledText {
  text: string;
  /** The original range behind `range` of the spelled text: a number read from words covers all of them. */
  toSource(range: TextRange): TextRange;
}

/** The text with spelled numbers written in digits, any spoken readings appended on their own lines, and the map back. */
export function spellNumbersMapped(text: string): SpelledText {
  const segments: Segment[] = [];
  let outLength = 0;
  const pieces: string[] = [];
  const emit = (piece: string, src: number, srcEnd: number, exact: boolean) => {
    // Text copied unchanged maps back by its offset alone: one segment holds a whole run of it, which
    // keeps a long transcript's map small (most of its words are no numbers).
    const last = segments[segments.length - 1];
    if (exact && last?.exact && last.srcEnd === src) last.srcEnd = srcEnd;
    else segments.push({ out: outLength, src, srcEnd, exact });
    pieces.push(piece);
    outLength += piece.length;
  };
  const tokens = text.match(/[A-Za-z]+|[^A-Za-z]+/g) ?? [];
  const starts: number[] = [];
  for (let i = 0, at = 0; i < tokens.length; at += tokens[i]!.length, i++) starts.push(at);
  const extra: { reading: string; src: number; srcEnd: number }[] = [];
  for (let i = 0; i < tokens.length; ) {
    const start = starts[i]!;
    const first = tokens[i]!.toLowerCase();
    if (!MAY_START.has(first)) {
      emit(tokens[i]!, start, start + tokens[i]!.length, true);
      i += 1;
      continue;
    }
    SPOKEN_HUNDREDS.lastIndex = start;
    const bp = first === 'one' || first === 'two' ? SPOKEN_HUNDREDS.exec(text) : null;
    if (bp) {
      // Spoken blood pressure: "one fifty over ninety" → "150 over ninety".
      const [, h, t, u, teen] = bp;
      const rest = teen ? SMALL[teen.toLowerCase()]! : TENS[t!.toLowerCase()]! + (u ? SMALL[u.toLowerCase()]! : 0);
      emit(String(SMALL[h!.toLowerCase()]! * 100 + rest), start, start + bp[0].length, false);
      while (i < tokens.length && starts[i]! < start + bp[0].length) i++;
      continue;
    }
    const day = first in ORDINALS || first === 'twenty' || first === 'thirty' ? spokenDay(text, start) : undefined;
    if (day) {
      emit(String(day.day), start, day.end, false);
      while (i < tokens.length && starts[i]! < day.end) i++;
      continue;
    }
    const lower = tokens[i]!.toLowerCase();
    const adverb = ADVERBS[lower];
    if (adverb !== undefined) {
      emit(adverb, start, start + lower.length, false);
      i += 1;
      continue;
    }
    const startsRun = (isNumberWord(lower) && lower !== 'point') || leadingPoint(tokens, i) || ((lower === 'a' || lower === 'an') && /^(hundred|thousand)$/i.test(tokens[i + 2] ?? '') && /^[ \t]+$/.test(tokens[i + 1] ?? ''));
    if (!startsRun) {
      emit(tokens[i]!, start, start + tokens[i]!.length, true);
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
    // "two and a half milligrams" is 2.5 mg.
    if (andAHalfAt(tokens, j) && plain.length > 0 && Number.isInteger(Number(plain[plain.length - 1]))) {
      plain[plain.length - 1] = String(Number(plain[plain.length - 1]) + 0.5);
      j += 6;
    }
    const end = starts[j - 1]! + tokens[j - 1]!.length;
    emit(plain.join(' '), start, end, false);
    for (const reading of spoken) extra.push({ reading, src: start, srcEnd: end });
    i = j;
  }
  for (const e of extra) {
    emit('\n', e.srcEnd, e.srcEnd, false);
    emit(e.reading, e.src, e.srcEnd, false);
  }
  const spelled = pieces.join('');
  const segmentAt = (offset: number): Segment => segments[lastAtOrBefore(segments, offset, (s) => s.out)]!;
  const toSource = (range: TextRange): TextRange => {
    if (segments.length === 0) return { start: 0, end: 0 };
    const first = segmentAt(range.start);
    const last = segmentAt(Math.max(range.start, range.end - 1));
    const start = first.exact ? first.src + (range.start - first.out) : first.src;
    const end = last.exact ? last.src + (range.end - last.out) : last.srcEnd;
    return { start, end: Math.max(start, end) };
  };
  return { text: spelled, toSource };
}

/** The text with spelled numbers written in digits, and any spoken readings appended on their own lines. */
export function spellNumbers(text: string): string {
  return spellNumbersMapped(text).text;
}

import type { TextRange } from '../safety/text-range';

/**
 * A section's text cut into statements: the unit a mark of evidence is given to (and, in a source,
 * the unit an excerpt is drawn from).
 *
 * - Every line break ends a statement: notes put one item per line.
 * - A line opening with a bullet ("-", "*", "•") or a number ("1.", "2)", "(3)") is an `item`; the
 *   marker is left out of the range, so a highlight covers the words only.
 * - Within a line, a sentence ends at ".", "!" or "?" followed by a space and an upper-case letter,
 *   a digit, a quote or "#" (a tooth number), but not after a title or Latin abbreviation that never ends one ("Dr.",
 *   "e.g.", "vs."), and not after a dotted dosing abbreviation or a unit ("b.i.d.", "mg.") unless a
 *   capital follows. Decimals ("7.4") and times ("10:30") have no space after the mark, so they
 *   never end one.
 * - A line of prose is a `sentence`; a line without closing punctuation that holds one statement
 *   only (a list line such as "Lisinopril 20 mg daily") is a `line`.
 */

export type StatementKind = 'sentence' | 'item' | 'line';

export interface Statement {
  /** Offsets in the section's text, trimmed of the bullet or number and surrounding spaces. */
  range: TextRange;
  text: string;
  kind: StatementKind;
}

/** Words after which a full stop never ends a sentence. */
const NEVER_ENDS = new Set(['dr', 'drs', 'mr', 'mrs', 'ms', 'mx', 'prof', 'st', 'vs', 'e.g', 'i.e', 'eg', 'ie', 'approx', 'cf']);

/** A list marker opening a line: bullets, "1.", "2)", "(3)", "a)". */
const MARKER = /^[ \t]*(?:[-*•–·>][ \t]+|\(?\d{1,3}[.)][ \t]+|\(\d{1,3}\)[ \t]+|[a-z]\)[ \t]+)/;

/** The word right before a full stop at `dot` (lower case, inner dots kept: "b.i.d", "e.g"). */
function wordBefore(text: string, dot: number): string {
  let i = dot - 1;
  while (i >= 0 && /[A-Za-z.]/.test(text[i]!)) i--;
  return text.slice(i + 1, dot).toLowerCase();
}

/** Does the sentence mark at `at` (".", "!" or "?") end a sentence, given the line ends at `lineEnd`? */
function endsSentence(text: string, at: number, lineEnd: number): boolean {
  let next = at + 1;
  // Closing quotes and brackets belong to the sentence that ends.
  while (next < lineEnd && /["')\]]/.test(text[next]!)) next++;
  if (next >= lineEnd) return true;
  if (!/[ \t]/.test(text[next]!)) return false;
  while (next < lineEnd && /[ \t]/.test(text[next]!)) next++;
  if (next >= lineEnd) return true;
  const following = text[next]!;
  // "#14 tender to percussion." opens with a tooth number.
  const startsNew = /[A-Z0-9"'(#]/.test(following);
  if (text[at] !== '.') return startsNew || /[a-z]/.test(following);
  const word = wordBefore(text, at);
  if (NEVER_ENDS.has(word)) return false;
  // A single capital ("J. Smith") is an initial, unless a number comes before it: then it is a
  // unit ("Temp 99.4 F.").
  if (/^[a-z]$/.test(word) && /[A-Z]/.test(text[at - 1]!) && !/\d[ \t]?$/.test(text.slice(Math.max(0, at - 4), at - 1))) return false;
  return startsNew;
}

function trimmed(text: string, start: number, end: number): TextRange | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

/** The statements of `text`, in order, not overlapping. */
export function splitStatements(text: string): Statement[] {
  const statements: Statement[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const marker = MARKER.exec(text.slice(lineStart, lineEnd));
    const contentStart = lineStart + (marker ? marker[0].length : 0);
    const pieces: TextRange[] = [];
    let from = contentStart;
    for (let i = contentStart; i < lineEnd; i++) {
      const c = text[i];
      if ((c === '.' || c === '!' || c === '?') && endsSentence(text, i, lineEnd)) {
        let end = i + 1;
        while (end < lineEnd && /["')\]]/.test(text[end]!)) end++;
        const r = trimmed(text, from, end);
        if (r) pieces.push(r);
        from = end;
        i = end - 1;
      }
    }
    const rest = trimmed(text, from, lineEnd);
    if (rest) pieces.push(rest);
    const closed = pieces.length > 0 && /[.!?]["')\]]*$/.test(text.slice(pieces[0]!.start, pieces[0]!.end));
    pieces.forEach((range, k) => {
      const kind: StatementKind = marker && k === 0 ? 'item' : pieces.length === 1 && !closed ? 'line' : 'sentence';
      statements.push({ range, text: text.slice(range.start, range.end), kind });
    });
    lineStart = lineEnd + 1;
  }
  return statements;
}

import type { SoapSection } from './sections';

/**
 * Splits plain generated note text, in which the section headings arrive inline ("Subjective:\n…",
 * "**Plan:**", "## Assessment", "PLAN: Rest and fluids"), into per-section deltas as the text arrives.
 *
 * - Headings are recognised only at the start of a line, case-insensitively, for a fixed list of
 *   names (S/O/A/P, "Assessment and Plan", "Patient summary", "Billing codes", …). A line such as
 *   "Chief complaint: cough" or "Planned follow up" is text, never a heading.
 * - A heading line is: optional indent, optional `#`…`######`, optional `**`/`__`/`*`/`_` around the
 *   name, the name, then either a colon (text may follow on the same line: "Plan: Rest") or the end
 *   of the line ("## Plan", "**Plan**", "Plan").
 * - Only the start of the current line that could still become a heading is held back (at most a few
 *   dozen characters); everything else is released at once. Work is O(total length).
 * - Whitespace is trimmed around headings: a section never starts with whitespace, and whitespace at
 *   the end of a section is held back and dropped when the next heading (or the end) arrives, so the
 *   deltas never have to be taken back.
 * - Text before the first heading goes to `subjective` (whitespace dropped), so a stream without any
 *   heading loses nothing. When a section is entered again (a second "Subjective:" heading, or the
 *   "Subjective:" heading after such preamble text), its new text is joined with a blank line.
 * - Extra sections ("Patient summary:", "Billing codes:", "Billing codes disclaimer:") collect their
 *   text, which `end()` returns whole as `{kind: 'extra', key, text}` keyed by the API field name.
 *
 * Not reusable after `end()`.
 */

export type InlineTarget = { kind: 'section'; section: SoapSection } | { kind: 'extra'; key: string };

export type InlineHeadingOut =
  | { kind: 'section'; section: SoapSection; text: string }
  | { kind: 'extra'; key: string; text: string };

const section = (s: SoapSection): InlineTarget => ({ kind: 'section', section: s });
const extra = (key: string): InlineTarget => ({ kind: 'extra', key });

/** Heading names (lower case; a space matches one space, `_` or `-`) and where their text goes. */
const HEADINGS: ReadonlyArray<readonly [string, InlineTarget]> = [
  ['subjective', section('subjective')],
  ['objective', section('objective')],
  ['assessment', section('assessment')],
  ['assessment and plan', section('assessment')],
  ['assessment & plan', section('assessment')],
  ['assessment/plan', section('assessment')],
  ['plan', section('plan')],
  ['patient summary', extra('patient_summary')],
  ['billing codes', extra('billing_codes')],
  ['billing codes disclaimer', extra('billing_codes_disclaimer')],
];

type Match = { type: 'no' } | { type: 'partial' } | { type: 'heading'; target: InlineTarget; rest: number };

const NO: Match = { type: 'no' };
const PARTIAL: Match = { type: 'partial' };

/** The most spaces/tabs accepted in any one gap of a heading line (keeps held-back text bounded). */
const MAX_GAP = 8;

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Index after at most MAX_GAP spaces/tabs from i, or -1 if there are more. */
function skipGap(line: string, i: number): number {
  let k = i;
  while (k < line.length && isBlank(line.charCodeAt(k))) {
    if (k - i >= MAX_GAP) return -1;
    k++;
  }
  return k;
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Whether `line` (from a line start, without its line end) is a heading line.
 * `eol`: the line is complete. When it is not, 'partial' means more text could still make it one.
 */
export function matchHeading(line: string, eol: boolean): Match {
  const n = line.length;
  const ranOut: Match = eol ? NO : PARTIAL;
  let i = skipGap(line, 0);
  if (i < 0) return NO;
  if (i === n) return ranOut;

  let hashes = 0;
  while (i < n && line.charCodeAt(i) === 35 /* # */ && hashes < 6) {
    i++;
    hashes++;
  }
  if (hashes > 0) {
    i = skipGap(line, i);
    if (i < 0) return NO;
  }
  if (i === n) return ranOut;

  let open = '';
  const c = line[i];
  if (c === '*' || c === '_') {
    if (i + 1 === n) return ranOut;
    open = line[i + 1] === c ? c + c : c;
    i += open.length;
    if (i === n) return ranOut;
  }

  let partial = false;
  for (const [name, target] of HEADINGS) {
    const m = matchAfterOpen(line, i, name, target, open, eol);
    if (m.type === 'heading') return m;
    if (m.type === 'partial') partial = true;
  }
  return partial ? PARTIAL : NO;
}

function matchAfterOpen(
  line: string,
  start: number,
  name: string,
  target: InlineTarget,
  open: string,
  eol: boolean,
): Match {
  const n = line.length;
  const ranOut: Match = eol ? NO : PARTIAL;
  let i = start;
  for (let j = 0; j < name.length; j++, i++) {
    if (i === n) return ranOut;
    const want = name.charCodeAt(j);
    const got = lower(line.charCodeAt(i));
    if (want === 32 ? !(got === 32 || got === 95 || got === 45) : got !== want) return NO;
  }
  const heading: Match = { type: 'heading', target, rest: n };

  // After the name: [gap] [closing decoration] [gap] [":" [closing decoration]] rest
  i = skipGap(line, i);
  if (i < 0) return NO;
  if (i === n) return eol ? heading : PARTIAL;

  let closed = false;
  if (open) {
    const avail = line.slice(i, i + open.length);
    if (avail === open) {
      i += open.length;
      closed = true;
    } else if (i + avail.length === n && open.startsWith(avail)) {
      return ranOut;
    }
    i = skipGap(line, i);
    if (i < 0) return NO;
    if (i === n) return eol ? heading : PARTIAL;
  }

  if (line.charCodeAt(i) !== 58 /* : */) return NO;
  i++;
  if (open && !closed) {
    // The closing decoration after the colon ("**Plan:**"): as much of it as is there.
    let k = 0;
    while (k < open.length && i + k < n && line[i + k] === open[0]) k++;
    if (k < open.length && i + k === n && !eol) return PARTIAL;
    i += k;
  }
  return { type: 'heading', target, rest: i };
}

function isWs(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0xfeff;
}

function targetKey(t: InlineTarget): string {
  return t.kind === 'section' ? `s:${t.section}` : `x:${t.key}`;
}

export class InlineHeadingSplitter {
  private target: InlineTarget = section('subjective');
  /** 'start': at the start of a line, `held` may still become a heading; 'body': rest of a line. */
  private lineMode: 'start' | 'body' = 'start';
  private held = '';
  /** Whitespace at the end of the current section, released only if more text follows. */
  private pendingWs = '';
  /** The current section has received text since its heading. */
  private targetHasText = false;
  /** Sections that have received any text (entering one again adds a blank line). */
  private readonly written = new Set<string>();
  private readonly extras = new Map<string, string>();
  private out: InlineHeadingOut[] = [];

  push(text: string): InlineHeadingOut[] {
    if (text) this.process(text);
    return this.take();
  }

  end(): InlineHeadingOut[] {
    if (this.lineMode === 'start' && this.held) {
      const held = this.held;
      this.held = '';
      const m = matchHeading(held, true);
      if (m.type === 'heading') {
        this.switchTo(m.target);
        this.content(held.slice(m.rest));
      } else {
        this.content(held);
      }
    }
    this.pendingWs = '';
    for (const [key, text] of this.extras) {
      if (text) this.out.push({ kind: 'extra', key, text });
    }
    return this.take();
  }

  private take(): InlineHeadingOut[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private process(text: string): void {
    const n = text.length;
    // Next LF / CR at or after i, cached so a chunk is scanned once (-1: none left).
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    const nextNewline = (i: number): number => {
      if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
      if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
      if (nextLf === -1) return nextCr;
      if (nextCr === -1) return nextLf;
      return Math.min(nextLf, nextCr);
    };

    let i = 0;
    while (i < n) {
      const nl = nextNewline(i);
      if (this.lineMode === 'body') {
        if (nl === -1) {
          this.content(i === 0 ? text : text.slice(i));
          return;
        }
        this.content(text.slice(i, nl + 1));
        this.lineMode = 'start';
        i = nl + 1;
        continue;
      }

      const lineEnd = nl === -1 ? n : nl;
      const candidate = this.held + text.slice(i, lineEnd);
      const m = matchHeading(candidate, nl !== -1);
      if (m.type === 'partial') {
        // Only possible when the line is not finished (nl === -1): wait for more.
        this.held = candidate;
        return;
      }
      this.held = '';
      if (m.type === 'heading') {
        this.switchTo(m.target);
        this.content(candidate.slice(m.rest));
      } else {
        this.content(candidate);
      }
      if (nl === -1) {
        this.lineMode = 'body';
        return;
      }
      this.content(text[nl]!);
      this.lineMode = 'start';
      i = nl + 1;
    }
  }

  private switchTo(target: InlineTarget): void {
    this.pendingWs = '';
    this.target = target;
    this.targetHasText = false;
  }

  private content(text: string): void {
    if (!text) return;
    if (!this.targetHasText) {
      let s = 0;
      while (s < text.length && isWs(text.charCodeAt(s))) s++;
      if (s === text.length) return;
      if (s > 0) text = text.slice(s);
      const key = targetKey(this.target);
      this.pendingWs = this.written.has(key) ? '\n\n' : '';
      this.written.add(key);
      this.targetHasText = true;
    }
    let k = text.length;
    while (k > 0 && isWs(text.charCodeAt(k - 1))) k--;
    if (k === 0) {
      this.pendingWs += text;
      return;
    }
    const body = k === text.length ? text : text.slice(0, k);
    this.write(this.pendingWs ? this.pendingWs + body : body);
    this.pendingWs = k === text.length ? '' : text.slice(k);
  }

  private write(text: string): void {
    const t = this.target;
    if (t.kind === 'extra') {
      this.extras.set(t.key, (this.extras.get(t.key) ?? '') + text);
      return;
    }
    const last = this.out[this.out.length - 1];
    if (last && last.kind === 'section' && last.section === t.section) last.text += text;
    else this.out.push({ kind: 'section', section: t.section, text });
  }
}

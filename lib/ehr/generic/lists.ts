/**
 * Items from whatever a section heading titles: list items, table rows (the meaningful cells,
 * header and "None" rows skipped), dt/dd pairs, card grids, and `<br>`-separated lines.
 */
import type { Passes } from '../passes';
import { isControl, isIgnoredElement, isIgnoredSelf, visibleLines } from '../visibility';

export interface ExtractedItem {
  text: string;
  element: Element;
}

export interface ExtractOptions {
  /** Joins a table row's kept cells: medications read as one sig ("Atorvastatin 40 mg nightly"). */
  rowStyle?: 'sig' | 'detail';
  /** Splits inline text lists ("Penicillin, sulfa; latex") on commas as well as semicolons. */
  splitCommas?: boolean;
  /** The heading's own text, never an item. */
  headingText?: string;
  /** Stop after this many items. */
  max?: number;
}

export interface Extracted {
  items: ExtractedItem[];
  /** Lines that said there is nothing ("None", "No known allergies"), as read. */
  noneLines: string[];
}

/** "None", "No active medications", "Nothing recorded", "N/A", "—": an empty list said in words. */
const NONE_LINE = /^(?:none(?: (?:known|reported|recorded|documented|listed|on file))?|no(?:ne)? (?:\w+ ){0,3}(?:on file|recorded|documented|reported|listed|found|to display|available)|no (?:active |current |known )?(?:medications?|meds|problems?|diagnos[ie]s|conditions|allerg(?:y|ies)|history|items|records?|data|entries|results|notes|messages)|nothing (?:recorded|to show|on file)|n\/?a|nil|-+|—|–)\.?$/i;

/** The explicit "no known allergies" forms. */
export const NO_KNOWN_ALLERGIES = /^(?:nkda|nka|nkfa|no known (?:drug |medication |food |environmental )?allerg(?:y|ies)(?: to (?:drugs|medications))?|no known drug allerg(?:y|ies)(?: \(nkda\))?|allerg(?:y|ies)\s*:?\s*(?:nkda|none known|no known (?:drug )?allergies|none))\.?$/i;

/** Links and buttons that manage a list rather than belong to it. */
const ACTION_LINE = /^(?:\+\s*)?(?:add|edit|view|show|see|hide|load|more|less|update|remove|delete|print|expand|collapse|refresh|manage|review)(?:\s+(?:all|more|less|new|details?|history|\d+ more|an?|the))*(?:\s+(?:medications?|meds|allerg(?:y|ies)|problems?|conditions?|diagnos[ie]s|notes?|items?|entries|history))?\s*(?:\(\d+\))?\s*[.…]*$/i;

export function isNoneLine(text: string): boolean {
  return NONE_LINE.test(text) || NO_KNOWN_ALLERGIES.test(text);
}

const LIST_TAGS = new Set(['UL', 'OL', 'TABLE', 'DL', 'MENU']);
const STRUCTURE = 'ul,ol,table,dl';

/** Reads items from the elements a section heading titles. */
export function extractItems(roots: readonly Element[], options: ExtractOptions = {}): Extracted {
  const out: Extracted = { items: [], noneLines: [] };
  const heading = options.headingText?.replace(/\s*:\s*$/, '').toLowerCase();
  const max = options.max ?? 200;
  const push = (text: string, element: Element): void => {
    const clean = text.replace(/\s+/g, ' ').trim().replace(/^[•·▪◦*-]\s+/, '');
    if (!clean || out.items.length >= max) return;
    if (heading && clean.replace(/\s*:\s*$/, '').toLowerCase() === heading) return;
    if (isNoneLine(clean)) {
      out.noneLines.push(clean);
      return;
    }
    if (ACTION_LINE.test(clean) || !/[\p{L}\p{N}]/u.test(clean)) return;
    out.items.push({ text: clean, element });
  };
  for (const root of roots) collect(root, options, push, 0);
  return out;
}

type Push = (text: string, element: Element) => void;

function collect(el: Element, options: ExtractOptions, push: Push, depth: number): void {
  if (depth > 12 || isIgnoredSelf(el) || isControl(el)) return;
  switch (el.tagName) {
    case 'UL':
    case 'OL':
    case 'MENU':
      for (const li of Array.from(el.children)) {
        if (li.tagName !== 'LI' || isIgnoredSelf(li)) continue;
        push(itemText(li), li);
      }
      return;
    case 'TABLE':
      readTable(el, options, push);
      return;
    case 'DL':
      readDefinitions(el, push);
      return;
    case 'FORM':
    case 'TEXTAREA':
    case 'INPUT':
      return;
    default:
      break;
  }
  const children = readableChildren(el);
  if (hasOwnText(el) || children.every((child) => child.tagName === 'BR' || INLINE_TAGS.has(child.tagName))) {
    // Text with <br>s or one line per block (or nothing but text): each line is an item.
    for (const line of visibleLines(el, { skipControls: true })) for (const part of splitOutsideBrackets(line, options.splitCommas ? ';,' : ';')) push(part, el);
    return;
  }
  if (children.length === 1 || el.querySelector(STRUCTURE)) {
    for (const child of children) collect(child, options, push, depth + 1);
    return;
  }
  // A grid of cards or a stack of blocks: each child is one item.
  for (const child of children) {
    if (LIST_TAGS.has(child.tagName)) collect(child, options, push, depth + 1);
    else push(itemText(child), child);
  }
}

const INLINE_TAGS = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'EM', 'I', 'KBD', 'LABEL', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'FONT']);

/** One item's text: its lines, the first being the item and the rest its details. */
export function itemText(el: Element): string {
  const lines = visibleLines(el, { skipControls: true, maxChars: 4_000 });
  return lines.join(' — ');
}

/**
 * Splits "CAD s/p PCI; Hypertension; GERD" on any of `separators` outside `brackets` (pairs of
 * opening and closing characters): parts trimmed, blanks dropped.
 */
export function splitOutsideBrackets(line: string, separators: string, brackets = '()[]'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const bracket = brackets.indexOf(ch);
    if (bracket >= 0 && bracket % 2 === 0) depth++;
    else if (bracket >= 0 && depth > 0) depth--;
    else if (depth === 0 && separators.includes(ch)) {
      parts.push(line.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(line.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Children that can hold chart text: not hidden, not page controls. */
function readableChildren(el: Element): Element[] {
  return Array.from(el.children).filter((child) => !isIgnoredSelf(child) && !isControl(child));
}

/** Text directly in the element, not only in its children. */
function hasOwnText(el: Element): boolean {
  return Array.from(el.childNodes).some((node) => node.nodeType === 3 && /\S/.test(node.nodeValue ?? ''));
}

export function hasText(el: Element): boolean {
  return /\S/.test(el.textContent ?? '');
}

/** Columns that hold the item or what it is (kept), and bookkeeping columns (dropped). */
const KEEP_COLUMN = /\b(?:name|medications?|drugs?|medicines?|allergens?|substances?|agents?|allerg(?:y|ies)|problems?|diagnos[ie]s|conditions?|descriptions?|dose|dosage|strength|sig|frequency|route|directions|instructions|reactions?|severity|comments?|notes?|details?)\b/i;
const DROP_COLUMN = /\b(?:dates?|start(?:ed)?|end(?:ed)?|stop(?:ped)?|onset|prescri\w*|provider|author|by|ordered|updated|last|entered|recorded|refills?|qty|quantity|pharmacy|actions?|edit|id|code|icd\S*|snomed|rxnorm|ndc|source|type)\b|^#$/i;
const STATUS_COLUMN = /^\s*status\s*$/i;
const INACTIVE_STATUS = /\b(?:discontinued|stopped|inactive|cancel+ed|entered in error|completed|expired|refuted)\b/i;

function cellText(cell: Element): string {
  return visibleLines(cell, { skipControls: true, maxChars: 2_000 }).join(' ');
}

function readTable(table: Element, options: ExtractOptions, push: Push): void {
  const rows = tableRows(table);
  let headers: string[] | undefined;
  for (const row of rows) {
    const cells = Array.from(row.children).filter((cell) => (cell.tagName === 'TD' || cell.tagName === 'TH') && !isIgnoredSelf(cell));
    if (!cells.length) continue;
    const isHeaderRow = row.parentElement?.tagName === 'THEAD' || cells.every((cell) => cell.tagName === 'TH');
    if (isHeaderRow) {
      headers = expandColspans(cells).map((cell) => cellText(cell));
      continue;
    }
    const texts = expandColspans(cells).map((cell) => (cell ? cellText(cell) : ''));
    const text = rowText(texts, headers, options);
    if (text === undefined) continue;
    push(text, row);
  }
}

/** The table's own visible rows (not a nested table's), without an ancestor walk per row. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === 'TR') {
      if (!isIgnoredSelf(child)) rows.push(child);
    } else if ((child.tagName === 'TBODY' || child.tagName === 'THEAD' || child.tagName === 'TFOOT') && !isIgnoredSelf(child)) {
      for (let row = child.firstElementChild; row; row = row.nextElementSibling) if (row.tagName === 'TR' && !isIgnoredSelf(row)) rows.push(row);
    }
  }
  return rows;
}

function expandColspans(cells: Element[]): Element[] {
  const out: Element[] = [];
  for (const cell of cells) {
    const span = Math.min(Number(cell.getAttribute('colspan')) || 1, 20);
    for (let i = 0; i < span; i++) out.push(cell);
  }
  return out;
}

/** The row as one item, or undefined for a row that is not one (inactive, empty). */
function rowText(texts: string[], headers: string[] | undefined, options: ExtractOptions): string | undefined {
  if (headers && texts.some((text, i) => STATUS_COLUMN.test(headers[i] ?? '') && INACTIVE_STATUS.test(text))) return undefined;
  const kept: string[] = [];
  texts.forEach((text, i) => {
    if (!text || text === texts[i - 1]) return; // empty, or a spanned cell repeated
    if (headers) {
      const header = headers[i] ?? '';
      if (STATUS_COLUMN.test(header)) return;
      if (!header && i > 0) return;
      if (DROP_COLUMN.test(header) && !KEEP_COLUMN.test(header)) return;
    } else if (i > 0 && (looksLikeDateOnly(text) || ACTION_LINE.test(text))) {
      return;
    }
    kept.push(text);
  });
  const [first, ...rest] = kept.slice(0, 5);
  if (first === undefined) return undefined;
  if (!rest.length) return first;
  return options.rowStyle === 'sig' ? `${first} ${rest.join(' ')}` : `${first} — ${rest.join(', ')}`;
}

function looksLikeDateOnly(text: string): boolean {
  return /^(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9}\.? \d{4})(?:\s+\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?)?$/.test(text.trim());
}

function readDefinitions(dl: Element, push: Push): void {
  // dt/dd pairs, also when each pair sits in its own <div> (allowed by HTML).
  const entries: Element[] = [];
  for (const child of Array.from(dl.children)) {
    if (isIgnoredSelf(child)) continue;
    if (child.tagName === 'DIV') entries.push(...Array.from(child.children).filter((c) => !isIgnoredSelf(c)));
    else entries.push(child);
  }
  let term: Element | undefined;
  let answered = true;
  for (const entry of entries) {
    if (entry.tagName === 'DT') {
      if (term && !answered) push(itemText(term), term);
      term = entry;
      answered = false;
    } else if (entry.tagName === 'DD') {
      const value = itemText(entry);
      if (term) push(value ? `${itemText(term)}: ${value}` : itemText(term), term);
      else push(value, entry);
      answered = true;
    }
  }
  if (term && !answered) push(itemText(term), term);
}

/**
 * The repeated blocks under a section — one per note or message: list items, table rows, or
 * children that look alike (same tag and class); a lone block is one entry.
 */
export function entryElements(roots: readonly Element[]): Element[] {
  const out: Element[] = [];
  const blocks = roots.filter((root) => !isIgnoredSelf(root) && !isControl(root));
  // The heading's siblings are the notes themselves (`<h2>Prior notes</h2><article/><article/>`).
  if (blocks.length >= 2 && looksRepeated(blocks)) pushEntries(blocks, out, 0);
  else for (const root of blocks) expandEntries(root, out, 0);
  return out;
}

/**
 * Reads each entry under the sections' content (see `entryElements`), keeping up to `max` readings:
 * as passes (lib/ehr/passes.ts) of one entry each.
 */
export function* entryPasses<T>(roots: readonly Element[], read: (entry: Element) => T | undefined, max: number): Passes<T[]> {
  const out: T[] = [];
  for (const entry of entryElements(roots)) {
    yield;
    const reading = read(entry);
    if (reading) out.push(reading);
    if (out.length >= max) break;
  }
  return out;
}

/** Repeated blocks: each is an entry, or holds one per item when it is a list or table. */
function pushEntries(blocks: readonly Element[], out: Element[], depth: number): void {
  for (const block of blocks) {
    if (block.tagName === 'UL' || block.tagName === 'OL' || block.tagName === 'TABLE') expandEntries(block, out, depth);
    else if (hasText(block)) out.push(block);
  }
}

function expandEntries(el: Element, out: Element[], depth: number): void {
  if (isIgnoredSelf(el) || isControl(el) || el.tagName === 'FORM') return;
  if (el.tagName === 'UL' || el.tagName === 'OL') {
    for (const li of Array.from(el.children)) if (li.tagName === 'LI' && !isIgnoredSelf(li)) out.push(li);
    return;
  }
  if (el.tagName === 'TABLE') {
    for (const row of tableRows(el)) {
      if (row.parentElement?.tagName === 'THEAD') continue;
      if (Array.from(row.children).every((cell) => cell.tagName === 'TH')) continue;
      out.push(row);
    }
    return;
  }
  const children = readableChildren(el).filter((child) => child.tagName !== 'BR');
  if (!hasOwnText(el) && depth < 6) {
    if (children.length === 1) return expandEntries(children[0]!, out, depth + 1);
    if (children.length >= 2 && looksRepeated(children)) return pushEntries(children, out, depth + 1);
  }
  if (hasText(el)) out.push(el);
}

/** Tags that hold one entry each when repeated; repeated paragraphs are one entry's text. */
const ENTRY_TAGS = new Set(['DIV', 'ARTICLE', 'SECTION', 'LI', 'ASIDE', 'DETAILS', 'FIGURE', 'BLOCKQUOTE', 'UL', 'OL', 'TABLE']);

function looksRepeated(children: readonly Element[]): boolean {
  const counts = new Map<string, number>();
  for (const child of children) {
    if (!ENTRY_TAGS.has(child.tagName)) continue;
    const key = `${child.tagName}.${child.getAttribute('class')?.split(/\s+/)[0] ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const most = Math.max(...counts.values());
  return most >= 2 && most * 2 >= children.length;
}

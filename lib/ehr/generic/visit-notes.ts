/**
 * Prior visit notes ("Prior notes", "Visit notes", "Encounters", "Previous visits"): each note's
 * date, provider, title and text.
 */
import { parseClinicalDate } from '../dates';
import { runAtOnce, type Passes } from '../passes';
import { isIgnoredElement, visibleLines, visibleText } from '../visibility';
import { entryPasses } from './lists';

export interface VisitNoteReading {
  date?: string;
  provider?: string;
  title?: string;
  text: string;
  element: Element;
}

const PROVIDER_LABEL = /\b(?:provider|author|signed(?: by)?|seen by|clinician|physician|attending|written by|by)\s*:\s*([^|·•\n]+)/i;
const DOCTOR = /\bDr\.?\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’-]+){0,2}/u;
const CREDENTIALED = /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’-]+){1,2},?\s+(?:MD|DO|NP|PA-C|PA|RN|APRN|FNP-C|FNP|DNP|MBBS|MBChB|PhD)\b/u;

/** A clinician's name in a line: after "Provider:"/"Signed by:", or "Dr. …", or "Name, MD". */
export function providerFrom(line: string): string | undefined {
  const labelled = PROVIDER_LABEL.exec(line)?.[1]?.trim();
  if (labelled) {
    const named = DOCTOR.exec(labelled)?.[0] ?? CREDENTIALED.exec(labelled)?.[0];
    return (named ?? labelled.split(/\s+(?:on|at)\s+|\s*[(,]\s*(?=\d)/)[0] ?? labelled).trim();
  }
  return (DOCTOR.exec(line)?.[0] ?? CREDENTIALED.exec(line)?.[0])?.trim();
}

const TITLE_SELECTOR = 'h1,h2,h3,h4,h5,h6,[role=heading],[class*=title],[class*=Title],summary';

/** The first match that is not hidden (usually the first match: one query, no list). */
export function firstReadable(root: Element, selector: string): Element | undefined {
  const first = root.querySelector(selector);
  if (!first) return undefined;
  if (!isIgnoredElement(first)) return first;
  return Array.from(root.querySelectorAll(selector)).find((el) => !isIgnoredElement(el));
}
const HEADER_LINES = 3;

export function readVisitNote(entry: Element, today: Date): VisitNoteReading | undefined {
  const lines = visibleLines(entry, { skipControls: true, maxChars: 12_000 });
  if (!lines.length) return undefined;
  const header = new Set<number>();
  const reading: VisitNoteReading = { text: '', element: entry };

  const time = entry.querySelector('time[datetime]');
  const timeDate = time && !isIgnoredElement(time) ? parseClinicalDate(time.getAttribute('datetime') ?? '', today) : undefined;
  if (timeDate) reading.date = timeDate;
  lines.slice(0, HEADER_LINES).forEach((line, i) => {
    const date = parseClinicalDate(line, today);
    if (date) {
      reading.date ??= date;
      if (line.length < 120) header.add(i);
    }
    const provider = providerFrom(line);
    if (provider && !reading.provider) {
      reading.provider = provider;
      if (line.length < 120) header.add(i);
    }
  });
  const titleEl = firstReadable(entry, TITLE_SELECTOR);
  if (titleEl) {
    const title = visibleText(titleEl, 300);
    const index = lines.indexOf(title);
    if (title && !parseClinicalDate(title, today) && !providerFrom(title)) reading.title = title;
    if (index >= 0 && index < HEADER_LINES) header.add(index);
  }
  const body = lines.filter((_, i) => !header.has(i));
  reading.text = (body.length ? body : lines).join(' ');
  return reading;
}

/** Every note under the sections' content, in page order: entries that show a date, a provider or a title. */
export function readVisitNotes(roots: readonly Element[], today: Date): VisitNoteReading[] {
  return runAtOnce(visitNotePasses(roots, today));
}

/** `readVisitNotes` as passes (lib/ehr/passes.ts) of one note each. */
export function visitNotePasses(roots: readonly Element[], today: Date): Passes<VisitNoteReading[]> {
  return entryPasses(
    roots,
    (entry) => {
      const note = readVisitNote(entry, today);
      return note && (note.date || note.provider || note.title) ? note : undefined;
    },
    100,
  );
}

import type { ChartContext, ChartItemKind, Demographics, ItemSource, PatientIdentity, PortalMessage, VisitNote } from './chart-context';
import { cssPath } from './css-path';

/** Longest text kept for one item; a runaway element must not flood the request. */
const MAX_ITEM_CHARS = 2_000;
const MAX_NOTE_CHARS = 12_000;

/** Collapses whitespace the way a reader sees the text. */
export function cleanText(value: string | null | undefined, max = MAX_ITEM_CHARS): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * Collects what an adapter reads into a ChartContext: ids, de-duplication, sources, limits.
 * Every adapter builds its result through this, so they all behave the same at the edges.
 */
export class ChartBuilder {
  private readonly items: ChartContext['items'] = [];
  private readonly seen = new Set<string>();
  private readonly visitNotes: VisitNote[] = [];
  private readonly messages: PortalMessage[] = [];
  private identity: PatientIdentity = {};
  private demographics: Demographics = {};
  private noKnownAllergies = false;
  /** Each new source's element: its selector is worked out in `build()`. */
  private readonly elements = new Map<ItemSource, Element>();

  constructor(
    private readonly adapter: string,
    private readonly url: string,
  ) {}

  source(element: Element | undefined, label?: string): ItemSource {
    const source: ItemSource = { adapter: this.adapter };
    if (label) source.label = cleanText(label, 200);
    if (element) this.elements.set(source, element);
    return source;
  }

  /** Adds a medication, allergy, problem or history line; blank and repeated lines are skipped. */
  addItem(kind: ChartItemKind, value: string, element?: Element, label?: string): void {
    const text = cleanText(value);
    if (!text) return;
    const key = `${kind}\u0000${text.toLowerCase()}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ id: `${kind}:${this.items.filter((i) => i.kind === kind).length}`, kind, text, source: this.source(element, label) });
  }

  markNoKnownAllergies(): void {
    this.noKnownAllergies = true;
  }

  /** Fills identity fields not already known (the first, most specific reading wins). */
  setIdentity(identity: Omit<PatientIdentity, 'source'>, element?: Element, label?: string): void {
    const next = { ...this.identity };
    if (!next.name && identity.name) next.name = cleanText(identity.name, 200);
    if (!next.dob && identity.dob) next.dob = identity.dob;
    if (!next.mrn && identity.mrn) next.mrn = cleanText(identity.mrn, 80);
    if (!next.source && (identity.name || identity.dob || identity.mrn)) next.source = this.source(element, label);
    this.identity = next;
  }

  setAge(age: number, element?: Element, label?: string): void {
    if (this.demographics.age !== undefined || !Number.isFinite(age) || age < 0 || age > 130) return;
    this.demographics = { ...this.demographics, age: Math.floor(age), ageSource: this.source(element, label) };
  }

  setGender(gender: string, element?: Element, label?: string): void {
    const value = cleanText(gender, 60).toLowerCase();
    if (this.demographics.gender || !value) return;
    this.demographics = { ...this.demographics, gender: value, genderSource: this.source(element, label) };
  }

  addVisitNote(note: { date?: string; provider?: string; title?: string; text: string }, element?: Element, label?: string): void {
    const text = cleanText(note.text, MAX_NOTE_CHARS);
    if (!text) return;
    const visit: VisitNote = { id: `visit-note:${this.visitNotes.length}`, text, source: this.source(element, label) };
    if (note.date) visit.date = note.date;
    if (note.provider) visit.provider = cleanText(note.provider, 200);
    if (note.title) visit.title = cleanText(note.title, 300);
    this.visitNotes.push(visit);
  }

  addMessage(message: { role: string; content: string; timestamp?: string }, element?: Element, label?: string): void {
    const content = cleanText(message.content, MAX_ITEM_CHARS);
    if (!content) return;
    const entry: PortalMessage = { id: `message:${this.messages.length}`, role: cleanText(message.role, 60).toLowerCase() || 'unknown', content, source: this.source(element, label) };
    if (message.timestamp) entry.timestamp = message.timestamp;
    this.messages.push(entry);
  }

  build(): ChartContext {
    // Selectors last, in one go: ancestors' ids are shared, so each is checked for uniqueness once.
    const uniqueIds = new Map<string, boolean>();
    for (const [source, element] of this.elements) source.selector = cssPath(element, uniqueIds).slice(0, 500);
    this.elements.clear();
    return {
      adapter: this.adapter,
      url: this.url,
      identity: this.identity,
      demographics: this.demographics,
      items: this.items.slice(0, 500),
      noKnownAllergies: this.noKnownAllergies && !this.items.some((i) => i.kind === 'allergy'),
      visitNotes: this.visitNotes.slice(0, 100),
      messages: this.messages.slice(0, 200),
    };
  }
}

import { z } from 'zod/mini';
import type { NoteSections } from './sections';

/**
 * Consent to record: while the setting asks for it (on by default), a recording starts only after
 * the clinician ticks `Patient agreed to be recorded`. The time of that tick (and, if the clinician
 * gave one, their name) is kept with the recording and its job, and becomes one line of the note
 * made from it, in the place the clinician chose in settings. It is section text like any other,
 * so the note history, Copy and Insert carry it.
 */

export const CONSENT_PLACEMENTS = ['subjective-end', 'subjective-start', 'plan-end'] as const;
export type ConsentPlacement = (typeof CONSENT_PLACEMENTS)[number];
export const DEFAULT_CONSENT_PLACEMENT: ConsentPlacement = 'subjective-end';

/** The options page's words for each place. */
export const CONSENT_PLACEMENT_LABELS: Record<ConsentPlacement, string> = {
  'subjective-end': 'End of Subjective',
  'subjective-start': 'Start of Subjective',
  'plan-end': 'End of Plan',
};

/** The clinician's name as typed for the consent line: one short line of text. */
export const CONSENT_NAME_MAX = 80;

/** What a recording keeps of its consent. No PHI: a time, the clinician's own name, a place. */
export const RecordingConsentSchema = z.object({
  /** When the clinician confirmed the patient agreed (epoch ms). */
  confirmedAt: z.number(),
  /** The clinician's name, as given in settings; absent: "the clinician". */
  by: z.optional(z.string().check(z.maxLength(CONSENT_NAME_MAX))),
  placement: z._default(z.catch(z.enum(CONSENT_PLACEMENTS), DEFAULT_CONSENT_PLACEMENT), DEFAULT_CONSENT_PLACEMENT),
});
export type RecordingConsent = z.infer<typeof RecordingConsentSchema>;

/** A name for the line: trimmed, one line, short; empty means none. */
export function cleanConsentName(name: string | undefined): string | undefined {
  const clean = (name ?? '').replace(/\s+/g, ' ').trim().slice(0, CONSENT_NAME_MAX);
  return clean === '' ? undefined : clean;
}

/**
 * "Patient consented to audio recording of this visit; confirmed by Dr A. Lee at 14:32 on 7 Dec 2026."
 * In the local time of this computer (`timeZone` for tests).
 */
export function consentLine(consent: Pick<RecordingConsent, 'confirmedAt' | 'by'>, timeZone?: string): string {
  const at = new Date(consent.confirmedAt);
  const zone = timeZone ? { timeZone } : {};
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone }).format(at);
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', ...zone }).format(at);
  const by = cleanConsentName(consent.by) ?? 'the clinician';
  return `${CONSENT_LINE_OPENING} ${by} at ${time} on ${date}.`;
}

const CONSENT_LINE_OPENING = 'Patient consented to audio recording of this visit; confirmed by';

/**
 * Chartside's own consent line, not something said in the visit: the evidence checks make no claims
 * of it (its time and date are when the box was ticked, which no transcript says).
 */
export function isConsentLine(text: string): boolean {
  return text.trim().startsWith(CONSENT_LINE_OPENING);
}

/**
 * The note with the consent line in its place: a paragraph of its own at the end or the start of
 * the section. A section that already holds the line (a note shown again) is left as it is.
 */
export function placeConsentLine(sections: NoteSections, line: string, placement: ConsentPlacement): NoteSections {
  const section = placement === 'plan-end' ? 'plan' : 'subjective';
  const text = sections[section];
  if (text.includes(line)) return sections;
  const body = placement === 'subjective-start' ? text.trimStart() : text.trimEnd();
  const placed = body === '' ? line : placement === 'subjective-start' ? `${line}\n\n${body}` : `${body}\n\n${line}`;
  return { ...sections, [section]: placed };
}

/** Both at once, for a note made from a recording with consent kept. */
export function withConsent(sections: NoteSections, consent: RecordingConsent | undefined, timeZone?: string): NoteSections {
  return consent ? placeConsentLine(sections, consentLine(consent, timeZone), consent.placement) : sections;
}

/**
 * A section rewritten by Regenerate keeps the consent line its old text had, where it was (first or
 * last): the API writes the new text from the visit alone and knows nothing of the line.
 */
export function carryConsentLine(previous: string, next: string): string {
  const paragraphs = previous.split(/\n\s*\n/);
  const index = paragraphs.findIndex(isConsentLine);
  if (index < 0) return next;
  const line = paragraphs[index]!.trim();
  if (next.includes(line)) return next;
  const body = next.trim();
  if (body === '') return line;
  return index === 0 && paragraphs.length > 1 ? `${line}\n\n${body}` : `${body}\n\n${line}`;
}

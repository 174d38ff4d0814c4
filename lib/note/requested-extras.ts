import { hasBillingCodes, patientSummaryOf } from './extras-text';
import type { NoteExtras } from './note-state';

/**
 * The outputs a clinician can ask for beyond S/O/A/P. The vendor promises them from `POST /v1/note`
 * and says only that the stream "supports" the flags: a stream may end without them, and a note must
 * never lose one silently.
 */
export const REQUESTABLE_EXTRAS = ['billing_codes', 'patient_summary'] as const;
export type RequestableExtra = (typeof REQUESTABLE_EXTRAS)[number];

/** The include flags of a note request (text or recording). */
export interface ExtraFlags {
  include_billing_codes?: boolean | undefined;
  include_patient_summary?: boolean | undefined;
}

export function requestedExtras(flags: ExtraFlags): RequestableExtra[] {
  const wanted: RequestableExtra[] = [];
  if (flags.include_billing_codes) wanted.push('billing_codes');
  if (flags.include_patient_summary) wanted.push('patient_summary');
  return wanted;
}

export function hasExtra(extras: NoteExtras, extra: RequestableExtra): boolean {
  return extra === 'billing_codes' ? hasBillingCodes(extras) : patientSummaryOf(extras) !== '';
}

/** What was asked for and is not in the note. */
export function missingExtras(flags: ExtraFlags, extras: NoteExtras): RequestableExtra[] {
  return requestedExtras(flags).filter((extra) => !hasExtra(extras, extra));
}

/** The API's fields that carry one extra (billing codes travel with their disclaimer). */
export function fieldsOf(extra: RequestableExtra): readonly (keyof NoteExtras)[] {
  return extra === 'billing_codes' ? ['billing_codes', 'billing_codes_text', 'billing_codes_disclaimer'] : ['patient_summary'];
}

/**
 * The `extra` events that carry these extras from another copy of the note (GET /v1/note/:noteId, or
 * a second, whole note), for whichever of their fields it has: one step for the background and the panel.
 */
export function extraEventsFrom(source: object, extras: readonly RequestableExtra[]): { type: 'extra'; key: keyof NoteExtras; value: unknown }[] {
  const fields = source as Record<string, unknown>;
  return extras.flatMap((extra) => fieldsOf(extra).flatMap((key) => (fields[key] === undefined ? [] : [{ type: 'extra' as const, key, value: fields[key] }])));
}

/** The flags that ask for just these extras. */
export function flagsFor(extras: readonly RequestableExtra[]): Required<ExtraFlags> {
  return { include_billing_codes: extras.includes('billing_codes'), include_patient_summary: extras.includes('patient_summary') };
}

/** "billing codes", "patient summary", "billing codes and patient summary": for sentences and button names. */
export function describeExtras(extras: readonly RequestableExtra[]): string {
  const words = extras.map((e) => (e === 'billing_codes' ? 'billing codes' : 'patient summary'));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

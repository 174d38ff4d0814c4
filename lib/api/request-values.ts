/**
 * Values in the form the SOAP Note API accepts, checked before anything is sent (as the vendor's own
 * client checks them): a value that cannot be put in that form is left out rather than sent to be
 * refused, because one refused field costs the clinician the whole note.
 */

/** The vendor's client takes a patient's age as a positive whole number of years; anything else is left out. */
export function apiAge(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 150 ? value : undefined;
}

/** An age the clinician typed: digits only ("45", " 45 "); "45.5", "45y" or "forty" are not guessed at. */
export function typedAge(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? apiAge(Number(trimmed)) : undefined;
}

export type ChatRole = 'patient' | 'provider';

// The patient's side of a portal thread: the patient, or someone writing for them.
const PATIENT_AUTHOR = /^(?:the\s+)?(?:patient|pt|client|member|resident|self|caregiver|parent|guardian|proxy|family(?: member)?)\b/i;
// The practice's side: clinicians by title or role, and the practice itself ("you" is the clinician reading).
const PROVIDER_AUTHOR =
  /^(?:provider|clinician|doctor|dr\b\.?|physician|surgeon|nurse|rn|lpn|np|aprn|fnp|md|do|pa(?:-c)?|ma|medical assistant|therapist|counsel(?:l)?or|pharmacist|dietitian|midwife|practitioner|care team|care coordinator|staff|office|clinic|practice|front desk|you|me)\b/i;
// A title or credential after a name: "Anna Chen, MD", "Sam Lee RN", "Jo Park (NP)".
const PROVIDER_CREDENTIAL = /[\s,(](?:md|do|rn|lpn|np|aprn|fnp|pa-c|pa|dds|dmd|dpt|pharmd|lcsw|psyd|phd)\)?\.?$/i;

/**
 * `patient` or `provider` for the author a portal message names ('Patient', 'Dr. Chen', 'clinician',
 * 'Nurse', 'Anna Chen, MD'); undefined when the words do not say which side wrote it (a bare name,
 * 'unknown'). The API knows only those two roles, so a message without one is not sent.
 */
export function apiChatRole(author: string | null | undefined): ChatRole | undefined {
  const words = (author ?? '').trim().replace(/\s+/g, ' ');
  if (words === '') return undefined;
  if (PATIENT_AUTHOR.test(words)) return 'patient';
  if (PROVIDER_AUTHOR.test(words) || PROVIDER_CREDENTIAL.test(words)) return 'provider';
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** True when y-m-d is a day on the calendar (not 2026-02-30). */
function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A visit date as the API documents it, an ISO 8601 date (`2026-02-15`). A full ISO timestamp gives its
 * date as written (the day the chart shows, not the day in UTC); anything else is undefined.
 */
export function apiVisitDate(value: string | null | undefined): string | undefined {
  const match = ISO_DATE.exec((value ?? '').trim());
  if (!match) return undefined;
  const [, y, m, d] = match;
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return undefined;
  const text = (value ?? '').trim();
  if (text.length > 10 && Number.isNaN(Date.parse(text))) return undefined;
  return `${y}-${m}-${d}`;
}

/** A message time as the vendor's example has it (ISO 8601 date and time); anything else is left out. */
export function apiTimestamp(value: string | null | undefined): string | undefined {
  const text = (value ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && apiVisitDate(text) !== undefined ? text : undefined;
}

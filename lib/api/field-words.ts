/**
 * The request fields a 400's `details` can name, in the clinician's words: `context.patient_info.age`
 * means nothing at the bedside, "the patient's age" does. Only fields Chartside sends are known; any
 * other name reads as undefined and the caller keeps its general sentence.
 */

const WORDS: Record<string, string> = {
  body: 'the request',
  transcript: 'the transcript',
  specialty: 'the specialty',
  template: 'the template',
  context: 'the patient context',
  'context.patient_info': 'the patient’s details',
  'context.patient_info.name': 'the patient’s name',
  'context.patient_info.age': 'the patient’s age',
  'context.patient_info.gender': 'the patient’s gender',
  'context.patient_info.medications': 'the medication list',
  'context.patient_info.allergies': 'the allergy list',
  'context.patient_info.medical_history': 'the medical history',
  'context.patient_history': 'the prior visit notes and history',
  'context.chat_messages': 'the portal messages',
  'context.custom_instructions': 'the custom instructions',
  include_billing_codes: 'the billing codes option',
  include_patient_summary: 'the patient summary option',
  include_icd11: 'the ICD-11 option',
  include_transcript: 'the transcript option',
  audio: 'the recording',
  metadata: 'the recording’s note settings',
  // POST /v1/visit-summary
  patient_info: 'the patient’s details',
  'patient_info.name': 'the patient’s name',
  'patient_info.age': 'the patient’s age',
  focus: 'the focus',
  visits: 'the visits',
};

/** Words for one element of a list, by its field under the list (`n` counts from 1). */
const ITEM_WORDS: Record<string, Record<string, (n: number) => string>> = {
  'context.chat_messages': {
    '': (n) => `portal message ${n}`,
    role: (n) => `who wrote portal message ${n}`,
    content: (n) => `the text of portal message ${n}`,
    timestamp: (n) => `the time of portal message ${n}`,
  },
  'context.patient_info.medications': { '': (n) => `medication ${n}` },
  'context.patient_info.allergies': { '': (n) => `allergy ${n}` },
  visits: {
    '': (n) => `visit ${n}`,
    visit_date: (n) => `the date of visit ${n}`,
    provider: (n) => `the provider of visit ${n}`,
    soap_note: (n) => `the note of visit ${n}`,
    summary: (n) => `the summary of visit ${n}`,
  },
};

/** `context.chat_messages[1].role`, `visits.0.visit_date`, `/context/patient_info/age`, `body.transcript` → parts. */
function partsOf(path: string): string[] {
  return path
    .trim()
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\[["']?([^\]"']+)["']?\]/g, '.$1')
    .split(/[./]/)
    .filter((p) => p !== '');
}

/**
 * "the patient’s age" for `context.patient_info.age`; undefined for a field Chartside does not know.
 * A leading `body.` (FastAPI style) or `metadata.` (the upload's JSON part) is looked through.
 */
export function fieldInOurWords(path: string): string | undefined {
  let parts = partsOf(path);
  if (parts[0] === 'body' && parts.length > 1) parts = parts.slice(1);
  if (parts[0] === 'metadata' && parts.length > 1) parts = parts.slice(1);
  const index = parts.findIndex((p) => /^\d+$/.test(p));
  if (index < 0) return WORDS[parts.join('.')];
  const list = parts.slice(0, index).join('.');
  const item = ITEM_WORDS[list];
  const n = Number(parts[index]) + 1;
  // Deeper than one field under the item (`visits.0.soap_note.plan`): name the item's field.
  const field = parts[index + 1] ?? '';
  const words = item?.[field] ?? item?.[''];
  return words ? words(n) : WORDS[list];
}

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

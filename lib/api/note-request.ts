import { apiAge, apiChatRole, apiTimestamp } from './request-values';
import type { ChatMessage, NoteContext, NoteRequest, PatientInfo } from './schemas';

/**
 * What the panel knows when it asks for a note: everything may be missing, blank or null
 * (a chart that shows no allergies, an age that did not parse).
 */
export interface NoteOptionsInput {
  specialty: string;
  template?: string | null;
  context?: {
    patient_info?: {
      name?: string | null;
      age?: number | null;
      gender?: string | null;
      medications?: readonly (string | null | undefined)[] | null;
      allergies?: readonly (string | null | undefined)[] | null;
      medical_history?: string | null;
    } | null;
    patient_history?: string | null;
    chat_messages?: readonly { role?: string | null; content?: string | null; timestamp?: string | null }[] | null;
    custom_instructions?: string | null;
  } | null;
  include_billing_codes?: boolean | null;
  include_patient_summary?: boolean | null;
  include_icd11?: boolean | null;
}

export interface NoteRequestInput extends NoteOptionsInput {
  transcript: string;
}

/** Everything a note request carries besides the transcript (the audio upload's `metadata` is this). */
export type NoteOptions = Omit<NoteRequest, 'transcript'>;

function text(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function texts(values: readonly (string | null | undefined)[] | null | undefined): string[] | undefined {
  const kept = (values ?? []).filter((v): v is string => text(v) !== undefined);
  return kept.length > 0 ? kept : undefined;
}

/** Drops keys whose value is undefined; returns undefined when nothing is left. */
function compact<T extends object>(obj: T): T | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

type ContextInput = NonNullable<NoteOptionsInput['context']>;

function patientInfo(input: NonNullable<ContextInput['patient_info']>): PatientInfo | undefined {
  return compact<PatientInfo>({
    name: text(input.name),
    age: apiAge(input.age),
    gender: text(input.gender),
    medications: texts(input.medications),
    allergies: texts(input.allergies),
    medical_history: text(input.medical_history),
  });
}

/**
 * Portal messages as the API takes them: the author as `patient` or `provider` (the portal's own words
 * mapped: 'Patient', 'Dr. Chen', 'clinician', 'Nurse'). A message whose author cannot be told is left
 * out, never sent as `unknown`: the API would refuse it, or worse, read the clinician's words as the
 * patient's. A time that is not ISO 8601 is left off the message, which is still sent.
 */
function chatMessages(input: NonNullable<ContextInput['chat_messages']>): ChatMessage[] | undefined {
  const messages = input.flatMap((m): ChatMessage[] => {
    const content = text(m.content);
    const role = apiChatRole(m.role);
    if (content === undefined || role === undefined) return [];
    const message: ChatMessage = { role, content };
    const timestamp = apiTimestamp(m.timestamp);
    if (timestamp !== undefined) message.timestamp = timestamp;
    return [message];
  });
  return messages.length > 0 ? messages : undefined;
}

/**
 * The options of a note request, sending only what is known: blank strings, empty lists and empty
 * objects are left out, and each `include_*` flag is sent only when true (the patient summary is billed,
 * so it is never on by default). Only the current field names are produced; the deprecated aliases
 * have no way in. Values the API would refuse are left out (an age that is not a positive whole number,
 * a message without a known author, a time that is not ISO 8601); others are not altered.
 */
export function buildNoteOptions(input: NoteOptionsInput): NoteOptions {
  const options: NoteOptions = { specialty: input.specialty };
  const template = text(input.template);
  if (template !== undefined) options.template = template;

  if (input.context) {
    const context = compact<NoteContext>({
      patient_info: input.context.patient_info ? patientInfo(input.context.patient_info) : undefined,
      patient_history: text(input.context.patient_history),
      chat_messages: input.context.chat_messages ? chatMessages(input.context.chat_messages) : undefined,
      custom_instructions: text(input.context.custom_instructions),
    });
    if (context !== undefined) options.context = context;
  }

  if (input.include_billing_codes === true) options.include_billing_codes = true;
  if (input.include_patient_summary === true) options.include_patient_summary = true;
  if (input.include_icd11 === true) options.include_icd11 = true;
  return options;
}

/** The body for POST /v1/note and /v1/stream/note: the transcript as given, plus buildNoteOptions. */
export function buildNoteRequest(input: NoteRequestInput): NoteRequest {
  return { transcript: input.transcript, ...buildNoteOptions(input) };
}

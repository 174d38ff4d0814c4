/**
 * Notes: request validation, a deterministic note built from the transcript, and the note store with
 * expiry. Same request in → same sections out, always; every note says it came from the emulator.
 */
import { SPECIALTIES, SPECIALTY_IDS } from './specialties.ts';

export interface BillingCode {
  code: string;
  description: string;
}

export interface Note {
  noteId: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  /** Text notes always; audio notes only when `include_transcript` was read. */
  transcript?: string;
  /** `hcpcs` only when the visit mentions a supply, drug or vaccine the emulator knows (HCPCS_RULES). */
  billing_codes?: { icd10: BillingCode[]; cpt: BillingCode[]; hcpcs?: BillingCode[]; icd11?: BillingCode[] };
  billing_codes_disclaimer?: string;
  patient_summary?: string;
  expires_at: string;
}

export interface NoteRequest {
  transcript: string;
  specialty: string;
  template?: string;
  context?: Record<string, unknown>;
  include_billing_codes?: boolean;
  include_patient_summary?: boolean;
  include_icd11?: boolean;
}

/** A 400 VALIDATION_ERROR, with `details.field` naming what is wrong. */
export interface Invalid {
  message: string;
  details: { field: string; issue: string };
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: Invalid };

export const EMULATOR_MARK = '[Chartside API emulator] ';
export const BILLING_DISCLAIMER =
  'Recommended codes for review. Not a substitute for professional coding. Verify all codes before submission.';
export const MIN_TRANSCRIPT_CHARS = 50;

/** Used for audio uploads that carry no `emulator_transcript` field. */
export const SAMPLE_VISIT_TRANSCRIPT =
  'Patient reports lower back pain for three weeks after lifting boxes at work. ' +
  'She denies numbness or weakness in the legs. Pain is worse in the morning and eases with walking. ' +
  'Blood pressure 128/82, heart rate 72. Tenderness over the lumbar paraspinal muscles, range of motion limited at 40 degrees of flexion. ' +
  'Likely mechanical low back strain. ' +
  'Start ibuprofen 400 mg as needed, refer to physical therapy, and follow up in four weeks.';

const invalid = (field: string, issue: string, message: string): { ok: false; error: Invalid } => ({
  ok: false,
  error: { message, details: { field, issue } },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the fields the contract defines for POST /v1/note and /v1/stream/note. */
export function validateNoteRequest(body: unknown): Validated<NoteRequest> {
  if (!isObject(body)) return invalid('body', 'not_an_object', 'The request body must be a JSON object.');
  const { transcript, specialty, template, context } = body;
  if (transcript === undefined || transcript === null || transcript === '') {
    return invalid('transcript', 'required', 'transcript is required.');
  }
  if (typeof transcript !== 'string') return invalid('transcript', 'not_a_string', 'transcript must be a string.');
  if (transcript.trim().length < MIN_TRANSCRIPT_CHARS) {
    return invalid('transcript', 'too_short', `transcript must be at least ${MIN_TRANSCRIPT_CHARS} characters.`);
  }
  const badSpecialty = checkSpecialty(specialty);
  if (badSpecialty) return badSpecialty;
  if (template !== undefined && typeof template !== 'string') {
    return invalid('template', 'not_a_string', 'template must be a string.');
  }
  if (context !== undefined && !isObject(context)) return invalid('context', 'not_an_object', 'context must be an object.');
  const badContext = context === undefined ? undefined : checkContext(context);
  if (badContext) return badContext;
  for (const flag of ['include_billing_codes', 'include_patient_summary', 'include_icd11'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') {
      return invalid(flag, 'not_a_boolean', `${flag} must be a boolean.`);
    }
  }
  return {
    ok: true,
    value: {
      transcript,
      specialty: specialty as string,
      template: template as string | undefined,
      context: context as Record<string, unknown> | undefined,
      include_billing_codes: body.include_billing_codes === true,
      include_patient_summary: body.include_patient_summary === true,
      include_icd11: body.include_icd11 === true,
    },
  };
}

/**
 * What the vendor's own client checks before sending, refused here as a strict server would: an age
 * that is not a positive whole number, a chat message whose role is not `patient` or `provider`.
 */
function checkContext(context: Record<string, unknown>): { ok: false; error: Invalid } | undefined {
  const info = context.patient_info;
  if (info !== undefined && !isObject(info)) return invalid('context.patient_info', 'not_an_object', 'context.patient_info must be an object.');
  const age = isObject(info) ? info.age : undefined;
  if (age !== undefined && !(typeof age === 'number' && Number.isInteger(age) && age > 0)) {
    return invalid('context.patient_info.age', 'not_a_positive_integer', 'context.patient_info.age must be a positive integer.');
  }
  const messages = context.chat_messages;
  if (messages === undefined) return undefined;
  if (!Array.isArray(messages)) return invalid('context.chat_messages', 'not_an_array', 'context.chat_messages must be an array.');
  for (const [i, m] of messages.entries()) {
    const role = isObject(m) ? m.role : undefined;
    if (role !== 'patient' && role !== 'provider') {
      return invalid(`context.chat_messages[${i}].role`, 'invalid_role', `context.chat_messages[${i}].role must be "patient" or "provider".`);
    }
  }
  return undefined;
}

export function checkSpecialty(specialty: unknown): { ok: false; error: Invalid } | undefined {
  if (specialty === undefined || specialty === null || specialty === '') {
    return invalid('specialty', 'required', 'specialty is required.');
  }
  if (typeof specialty !== 'string' || !SPECIALTY_IDS.has(specialty)) {
    return invalid('specialty', 'unknown', 'specialty must be one of the values listed by GET /v1/specialties.');
  }
  return undefined;
}

// ── The deterministic note ─────────────────────────────────────────────────────────────────────────

type Section = 'subjective' | 'objective' | 'assessment' | 'plan';

const PLAN_WORDS =
  /\b(plan|will|start|continue|follow[- ]?up|refer|prescrib\w*|recommend\w*|schedule|return|advise\w*|instruct\w*|order\w*|increase|decrease|hold|stop|recheck|repeat)\b/i;
const ASSESSMENT_WORDS =
  /\b(assessment|impression|diagnos\w*|likely|consistent with|suspect\w*|probable|possible|rule out|differential)\b/i;
const SUBJECTIVE_WORDS = /\b(reports?|complain\w*|states?|presents?|denies|feels?|history|since|worried|c\/o)\b/i;
const OBJECTIVE_WORDS =
  /\d|\b(exam\w*|bp|blood pressure|heart rate|pulse|temp\w*|vitals?|weight|tender\w*|range of motion|rom|auscultat\w*|palpat\w*|lungs?|reflex\w*|spo2|saturation|observed|swelling|rash)\b/i;

/** Which SOAP section a transcript sentence belongs in (simple keyword rules, first match wins). */
export function classifySentence(sentence: string): Section {
  if (PLAN_WORDS.test(sentence)) return 'plan';
  if (ASSESSMENT_WORDS.test(sentence)) return 'assessment';
  if (SUBJECTIVE_WORDS.test(sentence)) return 'subjective';
  if (OBJECTIVE_WORDS.test(sentence)) return 'objective';
  return 'subjective';
}

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`));
}

/** The patient-context sentences that show a test the request's `context` reached the note. */
function contextSentences(context: Record<string, unknown> | undefined): string[] {
  if (!context) return [];
  const out: string[] = [];
  const info = isObject(context.patient_info) ? context.patient_info : {};
  const age = typeof info.age === 'number' || typeof info.age === 'string' ? String(info.age) : undefined;
  const gender = typeof info.gender === 'string' && info.gender ? info.gender : undefined;
  if (age && gender) out.push(`${age}-year-old ${gender}.`);
  else if (age) out.push(`${age}-year-old patient.`);
  else if (gender) out.push(`Patient gender: ${gender}.`);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '');
  const meds = list(info.medications);
  if (meds) out.push(`Current medications: ${meds}.`);
  const allergies = list(info.allergies);
  if (allergies) out.push(`Allergies: ${allergies}.`);
  if (typeof info.medical_history === 'string' && info.medical_history) out.push(`Medical history: ${info.medical_history}.`);
  if (typeof context.patient_history === 'string' && context.patient_history) out.push('Prior visit history reviewed.');
  if (Array.isArray(context.chat_messages) && context.chat_messages.length > 0) {
    out.push(`Pre-visit messages reviewed: ${context.chat_messages.length}.`);
  }
  return out;
}

export interface NoteSections {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

export function buildSections(req: NoteRequest): NoteSections {
  const buckets: Record<Section, string[]> = { subjective: [], objective: [], assessment: [], plan: [] };
  for (const sentence of splitSentences(req.transcript)) buckets[classifySentence(sentence)].push(sentence);

  const specialtyName = SPECIALTIES.find((s) => s.id === req.specialty)?.name ?? req.specialty;
  const subjective = [...contextSentences(req.context), ...buckets.subjective];
  const planLines = buckets.plan.length > 0 ? [...buckets.plan] : ['Follow up as clinically indicated.'];
  const instructions = req.context?.custom_instructions;
  if (typeof instructions === 'string' && instructions) planLines.push(`Custom instructions applied: ${instructions}`);

  return {
    subjective: EMULATOR_MARK + (subjective.length > 0 ? subjective.join(' ') : 'No subjective complaints were stated.'),
    objective: buckets.objective.length > 0 ? buckets.objective.join(' ') : 'No objective findings were stated in the transcript.',
    // The em dash keeps a multi-byte character in every note, for tests that cut streams mid-character.
    assessment: `${specialtyName} assessment — ${
      buckets.assessment.length > 0 ? buckets.assessment.join(' ') : 'impression pending clinician review of the transcript.'
    }`,
    plan: planLines.map((line, i) => `${i + 1}. ${line}`).join('\n'),
  };
}

const CODE_RULES: Array<{ words: RegExp; icd10: BillingCode; icd11: BillingCode }> = [
  {
    words: /headache/i,
    icd10: { code: 'R51.9', description: 'Headache, unspecified' },
    icd11: { code: '8A8Z', description: 'Headache disorders, unspecified' },
  },
  {
    words: /hypertension|blood pressure/i,
    icd10: { code: 'I10', description: 'Essential (primary) hypertension' },
    icd11: { code: 'BA00', description: 'Essential hypertension' },
  },
  {
    words: /back pain|low back|lumbar/i,
    icd10: { code: 'M54.50', description: 'Low back pain, unspecified' },
    icd11: { code: 'ME84.2', description: 'Low back pain' },
  },
  {
    words: /diabet/i,
    icd10: { code: 'E11.9', description: 'Type 2 diabetes mellitus without complications' },
    icd11: { code: '5A11', description: 'Type 2 diabetes mellitus' },
  },
  {
    words: /cough/i,
    icd10: { code: 'R05.9', description: 'Cough, unspecified' },
    icd11: { code: 'MD12', description: 'Cough' },
  },
];

/**
 * HCPCS Level II codes for what a visit gave or supplied: most visits have none, so the key is then left
 * out, as a server might (the client must cope with both).
 */
const HCPCS_RULES: Array<{ words: RegExp; hcpcs: BillingCode }> = [
  {
    words: /influenza vaccin|flu (?:shot|vaccine)/i,
    hcpcs: { code: 'G0008', description: 'Administration of influenza virus vaccine' },
  },
  {
    words: /ketorolac|toradol/i,
    hcpcs: { code: 'J1885', description: 'Injection, ketorolac tromethamine, per 15 mg' },
  },
  {
    words: /\bcrutches\b/i,
    hcpcs: { code: 'E0114', description: 'Crutches, underarm, other than wood, adjustable or fixed, pair' },
  },
  {
    words: /nebuli[sz]er/i,
    hcpcs: { code: 'E0570', description: 'Nebulizer, with compressor' },
  },
];

function billingCodes(req: NoteRequest): NonNullable<Note['billing_codes']> {
  const rules = CODE_RULES.filter((r) => r.words.test(req.transcript));
  const fallback = {
    icd10: { code: 'Z00.00', description: 'Encounter for general adult medical examination without abnormal findings' },
    icd11: { code: 'QA00.0', description: 'General adult medical examination' },
  };
  const chosen = rules.length > 0 ? rules : [fallback];
  const cpt =
    req.transcript.length > 400
      ? { code: '99214', description: 'Office visit, established patient, moderate complexity' }
      : { code: '99213', description: 'Office visit, established patient, low complexity' };
  const hcpcs = HCPCS_RULES.filter((r) => r.words.test(req.transcript)).map((r) => ({ ...r.hcpcs }));
  return {
    icd10: chosen.map((r) => ({ ...r.icd10 })),
    cpt: [cpt],
    ...(hcpcs.length > 0 ? { hcpcs } : {}),
    ...(req.include_icd11 ? { icd11: chosen.map((r) => ({ ...r.icd11 })) } : {}),
  };
}

function patientSummary(req: NoteRequest, sections: NoteSections): string {
  const sentences = splitSentences(req.transcript);
  const complaint = sentences.find((s) => classifySentence(s) === 'subjective') ?? sentences[0] ?? '';
  const firstStep = (sections.plan.split('\n')[0] ?? '').replace(/^\d+\.\s*/, '');
  return `${EMULATOR_MARK}During your visit today we talked about what brought you in: ${complaint} What happens next: ${firstStep}`;
}

/** The whole note for a request: deterministic for the same request, id and expiry. */
export function buildNote(req: NoteRequest, ids: { noteId: string; expiresAt: string }, options: { billingDisclaimer?: string | false } = {}): Note {
  const sections = buildSections(req);
  const disclaimer = options.billingDisclaimer === undefined ? BILLING_DISCLAIMER : options.billingDisclaimer;
  return {
    noteId: ids.noteId,
    ...sections,
    transcript: req.transcript,
    ...(req.include_billing_codes ? { billing_codes: billingCodes(req), ...(disclaimer === false ? {} : { billing_codes_disclaimer: disclaimer }) } : {}),
    ...(req.include_patient_summary ? { patient_summary: patientSummary(req, sections) } : {}),
    expires_at: ids.expiresAt,
  };
}

// ── The store ──────────────────────────────────────────────────────────────────────────────────────

export type NoteStatus = 'processing' | 'completed' | 'failed';

export interface AsyncPlan {
  /** Polls answered `processing` before settling (when `readyAt` is not set). */
  polls: number;
  /** Settles at this time instead, when set. */
  readyAt?: number;
  fail: boolean;
  /** The failed job's message (default ASYNC_FAILURE_MESSAGE). */
  failMessage?: string;
  /** Never settles by itself: only `settle()` ends it. */
  hold?: boolean;
}

/** Where an async job stands, without counting as a poll. */
export interface JobInfo {
  status: NoteStatus;
  /** GET /v1/audio/status/:id and GET /v1/note/:id requests answered so far. */
  polls: number;
}

interface Stored {
  note: Note;
  status: NoteStatus;
  expiresAtMs: number;
  expired: boolean;
  pollsSeen: number;
  plan?: AsyncPlan;
  failMessage?: string;
}

export const ASYNC_FAILURE_MESSAGE = 'Transcription failed: the recording could not be processed.';

export interface NoteStore {
  /** A new note id and its expiry time. */
  allocate(): { noteId: string; expiresAt: string };
  put(note: Note, asyncPlan?: AsyncPlan): void;
  /** The GET view of a note (advancing an async job by one poll), or undefined if unknown or expired. */
  poll(noteId: string): (Partial<Note> & { noteId: string; status: NoteStatus; [k: string]: unknown }) | undefined;
  expire(noteId: string): void;
  /**
   * Ends an async job now, `completed` or `failed` (with an optional message), whatever its plan said
   * or how it had ended. False, changing nothing, for an unknown or expired note or one that was never async.
   */
  settle(noteId: string, outcome: { status: 'completed' } | { status: 'failed'; message?: string }): boolean;
  /** An async job's state, or undefined for an unknown, expired or never-async note. */
  job(noteId: string): JobInfo | undefined;
  clear(): void;
}

export function createNoteStore(opts: { now: () => number; ttlMs: number }): NoteStore {
  const notes = new Map<string, Stored>();
  let counter = 0;
  /** The note behind an async job, if it is still there. */
  const asyncJob = (noteId: string) => {
    const stored = notes.get(noteId);
    return stored && stored.plan && !stored.expired && opts.now() < stored.expiresAtMs ? stored : undefined;
  };
  return {
    allocate() {
      counter += 1;
      return {
        noteId: `note_emu${String(counter).padStart(12, '0')}`,
        expiresAt: new Date(opts.now() + opts.ttlMs).toISOString(),
      };
    },
    put(note, asyncPlan) {
      notes.set(note.noteId, {
        note,
        status: asyncPlan ? 'processing' : 'completed',
        expiresAtMs: Date.parse(note.expires_at),
        expired: false,
        pollsSeen: 0,
        plan: asyncPlan,
      });
    },
    poll(noteId) {
      const stored = notes.get(noteId);
      if (!stored || stored.expired || opts.now() >= stored.expiresAtMs) return undefined;
      if (stored.status === 'processing' && stored.plan) {
        const plan = stored.plan;
        const due = plan.readyAt !== undefined ? opts.now() >= plan.readyAt : stored.pollsSeen >= plan.polls;
        const ready = !plan.hold && due;
        if (ready) stored.status = plan.fail ? 'failed' : 'completed';
        if (ready && plan.fail) stored.failMessage = plan.failMessage;
      }
      stored.pollsSeen += 1;
      const { noteId: id, expires_at } = stored.note;
      if (stored.status === 'processing') return { noteId: id, status: 'processing', expires_at };
      if (stored.status === 'failed') {
        const message = stored.failMessage ?? ASYNC_FAILURE_MESSAGE;
        return { noteId: id, status: 'failed', message, error: { code: 'TRANSCRIPTION_FAILED', message } };
      }
      return { ...stored.note, status: 'completed' };
    },
    expire(noteId) {
      const stored = notes.get(noteId);
      if (stored) stored.expired = true;
    },
    settle(noteId, outcome) {
      const stored = asyncJob(noteId);
      if (!stored) return false;
      stored.status = outcome.status;
      stored.failMessage = outcome.status === 'failed' ? outcome.message : undefined;
      return true;
    },
    job(noteId) {
      const stored = asyncJob(noteId);
      return stored ? { status: stored.status, polls: stored.pollsSeen } : undefined;
    },
    clear() {
      notes.clear();
      counter = 0;
    },
  };
}

import { batch, computed, effect, signal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import { buildNoteOptions, buildNoteRequest, type NoteRequestInput } from '../api/note-request';
import type { PatientIdentity } from '../ehr/chart-context';
import { MIN_TRANSCRIPT_LENGTH } from '../api/schemas';
import { isRunningStatus, type AudioJob, type GenerationUpdate, type JobSnapshot, type JobStatus, type WireStreamEvent } from '../messaging/background-to-ui';
import type { GenerationCommand } from '../messaging/ui-to-background';
import { applyStreamEvent, emptyNoteState, mergeSectionChunk, type NoteState } from '../note/note-state';
import type { NoteRequest } from '../api/schemas';
import { regenerateFailure, regenerateRequest, replaceSection } from '../note/section-regenerate';
import { carryConsentLine, type RecordingConsent } from '../note/consent';
import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../note/sections';
import { extraEventsFrom, flagsFor, missingExtras as extrasMissingFrom, type RequestableExtra } from '../note/requested-extras';
import type { Draft } from '../storage/drafts';
import type { StyleRule } from '../note/style-rules';
import { instructionText } from '../note/style-rule-instructions';

export type PanelStatus = 'idle' | JobStatus;

/** Problems the panel finds itself, before anything is sent. */
export interface LocalProblem {
  kind: 'transcript-too-short' | 'no-specialty' | 'instructions-too-long' | 'no-consent';
  message: string;
  nextStep: string;
}

export interface Retrying {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  error: ApiErrorInfo;
}

/** How far a note from a recording has got, for the status line. */
export interface AudioProgress {
  /** Size of the audio being sent, once the background has read it. */
  bytes?: number;
  /** Status checks the API has answered while processing. */
  polls: number;
  /** How long the API had been processing it at the last check. */
  elapsedMs?: number;
  /** The key's request limit refused the last status check(s): when the next check is due, from the snapshot's time. */
  limited?: { nextCheckInMs: number };
}

/** Said when Generate note is pressed (or its shortcut used) before the box is ticked, while the setting asks for it. */
export const TRANSCRIPT_CONSENT_REFUSAL: LocalProblem = {
  kind: 'no-consent',
  message: 'Chartside makes a note from a transcript of a recorded visit only after the patient agrees to the recording, so nothing was sent.',
  nextStep: 'Ask the patient, tick Patient agreed to be recorded, then press Generate note.',
};

/**
 * The patient's consent for a note from the typed transcript (settings: 'Also for typed transcripts
 * of a recorded conversation'). The tick is the recorder's `Patient agreed to be recorded`.
 */
export interface TranscriptConsent {
  /** Whether it is asked for, and what the tick gives (undefined: not ticked). */
  current(): { required: boolean; consent: RecordingConsent | undefined };
  /** Generate note was refused for want of it: show the clinician the box. */
  refused(): void;
  /** It went with a note: the next one is asked for again. */
  used(): void;
}

/** The background lost the job (the browser restarted): the recording is kept, so it can be sent again. */
const LOST_AUDIO_JOB: ApiErrorInfo = {
  kind: 'unknown',
  message: 'Chartside lost track of this recording’s note when the browser restarted.',
  nextStep: 'The recording is kept: press Retry to send it again.',
  retryable: true,
};

export interface PanelStoreDeps {
  bindingKey: string;
  send(command: GenerationCommand): void;
  saveDraft(draft: Draft): Promise<void>;
  /** The chart context the clinician chose to send (nothing when there is no chart store). */
  context?: () => NoteRequestInput['context'];
  /** Who the chart shows now: kept with the note for the wrong-patient guard. */
  identity?: () => PatientIdentity | undefined;
  /** Consent for a note from the typed transcript; absent: never asked for. */
  transcriptConsent?: TranscriptConsent;
  /** The clinician's saved style rules (settings), read when a note is asked for. */
  styleRules?: () => readonly StyleRule[];
  newJobId?: () => string;
  /** How long typing may go unsaved; a crash loses at most this much. */
  saveDelayMs?: number;
}

/** Asking again for extras a stream left out: a second, whole note whose extras join the one on show. */
export interface ExtrasRequest {
  jobId: string;
  wanted: RequestableExtra[];
  status: 'running' | 'error';
  error?: ApiErrorInfo;
}

/** Regenerating one section: a new note from the same inputs, of which only that section is taken. */
export interface SectionRegeneration {
  section: SoapSection;
  /** Empty when it was refused before anything was sent. */
  jobId: string;
  status: 'running' | 'error';
  /** The section's text when Regenerate was pressed (the clinician's edits in it included). */
  previous: string;
  /**
   * The section the API is writing now. It writes the whole note in order, and only `section` is
   * taken: regenerating the Plan waits while the other three stream, and the panel says so.
   */
  apiAt?: SoapSection;
  error?: ApiErrorInfo;
}

/** Statuses during which a retry notice (an attempt being repeated) still applies. */
const SENDING: ReadonlySet<PanelStatus> = new Set(['starting', 'uploading']);

/**
 * The side panel's state for one EHR tab, as signals the components read.
 *
 * The panel owns the draft (transcript, options, the edited note); the background owns the job
 * while it runs. When a job ends the panel takes its note over for editing.
 */
export function createPanelStore(deps: PanelStoreDeps) {
  const transcript = signal('');
  const specialty = signal('physician');
  const template = signal('standard');
  const includeBillingCodes = signal(false);
  const includePatientSummary = signal(false);
  /** Free-text steering for the note, sent as `context.custom_instructions` when not blank. */
  const customInstructions = signal('');
  /** The style rules the note on show was written with, each as the line sent ("Plan: …"); undefined when not known. */
  const rulesUsed = signal<string[] | undefined>(undefined);

  const jobId = signal<string | undefined>(undefined);
  const status = signal<PanelStatus>('idle');
  const note = signal<NoteState>(emptyNoteState());
  const error = signal<ApiErrorInfo | undefined>(undefined);
  const problem = signal<LocalProblem | undefined>(undefined);
  const retrying = signal<Retrying | undefined>(undefined);
  const interruption = signal<JobSnapshot['interruption']>(undefined);
  const loaded = signal(false);
  /** The patient the current note was generated for. */
  const patient = signal<PatientIdentity | undefined>(undefined);
  /** True once the panel holds the note for editing (the job has ended). */
  const ownsNote = signal(false);
  /** Waiting for the background to say where a job from before the panel opened stands. */
  const syncing = signal(false);
  /** The stored recording the current job turns into a note (none for a note from the transcript). */
  const recordingId = signal<string | undefined>(undefined);
  const audio = signal<AudioProgress | undefined>(undefined);
  /** Whether the background says sending the recording again can help (it is kept and passed the checks). */
  const recordingRetryable = signal(true);
  /**
   * The transcript that came back with a recording's note, when the Transcript box already held
   * text: offered, never written over what the clinician typed.
   */
  const offeredTranscript = signal<string | undefined>(undefined);
  /** Extras asked for that did not come with the note: said in the panel, with a way to get them. */
  const missingExtras = signal<RequestableExtra[]>([]);
  /** The note is being made with POST /v1/note, so it arrives whole, not section by section. */
  const wholeDelivery = signal(false);
  const extrasRequest = signal<ExtrasRequest | undefined>(undefined);
  /** The request the note on show was made with, when it was made from the transcript here. */
  const sentRequest = signal<NoteRequest | undefined>(undefined);
  /** The consent sent with that request: Retry of the same transcript sends it again, without a new tick. */
  let sentConsent: RecordingConsent | undefined;
  const regeneration = signal<SectionRegeneration | undefined>(undefined);
  /** The last regenerate that replaced a section: Undo regenerate puts `previous` back. */
  const undoRegenerate = signal<{ section: SoapSection; previous: string } | undefined>(undefined);
  /** The regenerated section's text as it streams in (it starts empty: the new text replaces the old). */
  let regeneratedText = '';
  /** An empty list for an empty list is no change: a fresh panel must not save a draft it has not touched. */
  const setMissingExtras = (next: RequestableExtra[]) => {
    if (next.length > 0 || missingExtras.peek().length > 0) missingExtras.value = next;
  };
  /** The whole note behind `extrasRequest`, as its events arrive. */
  let extrasNote: NoteState = emptyNoteState();
  /** The job whose returned transcript has been dealt with (filled or offered), so a repeated snapshot does not do it twice. */
  let transcriptTakenFor: string | undefined;

  const running = computed(() => isRunningStatus(status.value));
  /** The note may not be edited: the stream (or a snapshot on its way) would overwrite the edit. */
  const locked = computed(() => running.value || syncing.value);
  const regenerating = computed(() => (regeneration.value?.status === 'running' ? regeneration.value.section : undefined));
  const sections = computed<NoteSections>(() => note.value.sections);
  const hasNote = computed(() => SOAP_SECTIONS.some((s) => sections.value[s].trim() !== ''));
  /** The section the stream is writing now: the last one with text. */
  const writingSection = computed<SoapSection | undefined>(() => {
    if (status.value !== 'streaming') return undefined;
    return [...SOAP_SECTIONS].reverse().find((s) => sections.value[s] !== '');
  });
  const transcriptLength = computed(() => transcript.value.trim().length);
  /** Getting missing extras needs the visit's words, and the panel has none (a recording's note that came without its transcript). */
  const extrasNeedTranscript = computed(() => (offeredTranscript.value ?? transcript.value).trim().length < MIN_TRANSCRIPT_LENGTH);
  /** The last job was made from a recording, failed, and the recording can be sent again. */
  const canRetryRecording = computed(() => status.value === 'error' && recordingId.value !== undefined && recordingRetryable.value);

  const draft = computed<Draft>(() => ({
    transcript: transcript.value,
    specialty: specialty.value,
    template: template.value,
    includeBillingCodes: includeBillingCodes.value,
    includePatientSummary: includePatientSummary.value,
    customInstructions: customInstructions.value,
    ...(rulesUsed.value !== undefined && { rulesUsed: rulesUsed.value }),
    jobId: jobId.value,
    recordingId: recordingId.value,
    offeredTranscript: offeredTranscript.value,
    patient: patient.value,
    ...(sentRequest.value !== undefined && { request: sentRequest.value }),
    // A section being regenerated is saved as it was: a panel closed mid-stream must not come back with half a section.
    note: ownsNote.value ? { sections: savedSections(), extras: note.value.extras } : undefined,
    ...(missingExtras.value.length > 0 ? { missingExtras: missingExtras.value } : {}),
    ...(undoRegenerate.value !== undefined && { undoRegenerate: undoRegenerate.value }),
  }));

  function savedSections(): NoteSections {
    const asked = regeneration.value;
    const sections = note.value.sections;
    return asked?.status === 'running' ? replaceSection(sections, asked.section, asked.previous) : sections;
  }

  function hydrate(saved: Draft): void {
    batch(() => {
      transcript.value = saved.transcript;
      specialty.value = saved.specialty;
      template.value = saved.template;
      includeBillingCodes.value = saved.includeBillingCodes;
      includePatientSummary.value = saved.includePatientSummary;
      customInstructions.value = saved.customInstructions ?? '';
      rulesUsed.value = saved.rulesUsed;
      jobId.value = saved.jobId;
      sentRequest.value = saved.request;
      recordingId.value = saved.recordingId;
      offeredTranscript.value = saved.offeredTranscript;
      patient.value = saved.patient;
      setMissingExtras(saved.missingExtras ?? []);
      undoRegenerate.value = saved.note ? saved.undoRegenerate : undefined;
      if (saved.note) {
        note.value = { ...emptyNoteState(), sections: saved.note.sections, extras: saved.note.extras };
        ownsNote.value = true;
        status.value = 'complete';
      }
      loaded.value = true;
    });
    // A job the panel has not taken over yet may still be running, or have ended while closed.
    if (saved.jobId && !saved.note) {
      syncing.value = true;
      deps.send({ type: 'subscribe', jobId: saved.jobId });
    }
  }

  // Save the draft shortly after every change; `flush` saves at once (page hide).
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (loaded.value) void deps.saveDraft(draft.peek());
  };
  const stopSaving = effect(() => {
    void draft.value;
    if (!loaded.peek()) return;
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = setTimeout(flush, deps.saveDelayMs ?? 250);
  });

  /** `again`: the consent of the request being retried, for the same transcript. */
  function generate(again?: { consent: RecordingConsent | undefined }): void {
    if (running.value || regenerating.value) return;
    const length = transcriptLength.value;
    if (length < MIN_TRANSCRIPT_LENGTH) {
      problem.value = {
        kind: 'transcript-too-short',
        message:
          length === 0
            ? 'There is no transcript yet.'
            : `The transcript is ${length} characters long; the SOAP Note API needs at least ${MIN_TRANSCRIPT_LENGTH}.`,
        nextStep: 'Type, paste or dictate more of the visit, then press Generate note again.',
      };
      return;
    }
    if (!specialty.value) {
      problem.value = { kind: 'no-specialty', message: 'No specialty is chosen.', nextStep: 'Choose a specialty, then press Generate note again.' };
      return;
    }
    const built = instructions();
    if (!built) return;
    // Refused before anything is sent: no note from a recorded visit's transcript without the patient's consent.
    const asked = deps.transcriptConsent?.current();
    const consent = asked?.required ? (asked.consent ?? again?.consent) : undefined;
    if (asked?.required && !consent) {
      problem.value = TRANSCRIPT_CONSENT_REFUSAL;
      deps.transcriptConsent?.refused();
      return;
    }
    const id = newJobId();
    const request = buildNoteRequest({ transcript: transcript.value.trim(), ...chosenOptions(built.text) });
    beginJob(id, 'starting', undefined, deps.identity?.());
    sentRequest.value = request;
    sentConsent = consent;
    rulesUsed.value = built.rulesUsed;
    deps.send({ type: 'generate', jobId: id, bindingKey: deps.bindingKey, request, ...whoFor(), ...(consent && { consent }) });
    if (asked?.consent) deps.transcriptConsent?.used();
  }

  /** The clinician ticked the box: the refusal that asked for it is done with. */
  function consentGiven(): void {
    if (problem.peek()?.kind === 'no-consent') problem.value = undefined;
  }

  const newJobId = () => (deps.newJobId ?? (() => crypto.randomUUID()))();

  /** The job's patient, sent along for the session's note history. */
  const whoFor = () => (patient.peek() ? { patient: patient.peek() } : {});

  /**
   * The instruction field for a note asked for now: the style rules that apply and the custom
   * instructions. Too long, it stops the note with words on show (nothing is cut or sent).
   */
  function instructions() {
    const built = instructionText(deps.styleRules?.() ?? [], specialty.value, customInstructions.value);
    if (built.ok) return built;
    problem.value = { kind: 'instructions-too-long', message: built.message, nextStep: built.nextStep };
    return undefined;
  }

  /** What the clinician chose, the same for a note from the transcript and one from a recording. */
  function chosenOptions(instructionField: string | undefined) {
    return {
      specialty: specialty.value,
      template: template.value.trim() || 'standard',
      include_billing_codes: includeBillingCodes.value,
      include_patient_summary: includePatientSummary.value,
      context: withInstructions(deps.context?.(), instructionField),
    };
  }

  /** A new note (generated or reopened) starts with no problem, error, retry or interruption on show. */
  function clearProblems(): void {
    problem.value = undefined;
    error.value = undefined;
    retrying.value = undefined;
    interruption.value = undefined;
    setMissingExtras([]);
    wholeDelivery.value = false;
    extrasRequest.value = undefined;
    regeneration.value = undefined;
    undoRegenerate.value = undefined;
  }

  /**
   * Gets the extras the last note was asked for and did not bring, as a new note made with
   * POST /v1/note from the same visit (billed as one; the panel says so before the press). Only
   * its extras are taken: the note on show, and the clinician's edits in it, stay as they are.
   */
  function getMissingExtras(): void {
    const wanted = missingExtras.value;
    if (wanted.length === 0 || extrasRequest.value?.status === 'running' || running.value || regenerating.value) return;
    const source = extrasTranscript();
    if (source.length < MIN_TRANSCRIPT_LENGTH) {
      extrasRequest.value = { jobId: '', wanted, status: 'error', error: noTranscriptForExtras(recordingId.value !== undefined) };
      return;
    }
    const built = instructionText(deps.styleRules?.() ?? [], specialty.value, customInstructions.value);
    if (!built.ok) {
      extrasRequest.value = { jobId: '', wanted, status: 'error', error: { kind: 'validation', message: built.message, nextStep: built.nextStep, retryable: false } };
      return;
    }
    const id = newJobId();
    extrasNote = emptyNoteState();
    extrasRequest.value = { jobId: id, wanted, status: 'running' };
    const request = buildNoteRequest({ transcript: source, ...chosenOptions(built.text), ...flagsFor(wanted) });
    deps.send({ type: 'generate', jobId: id, bindingKey: deps.bindingKey, request, whole: true, ...whoFor() });
  }

  /**
   * The visit's words for a note made to get extras: a recording's own transcript while it is still
   * offered (the box holds other text), else what is in the Transcript box.
   */
  function extrasTranscript(): string {
    return (offeredTranscript.value ?? transcript.value).trim();
  }

  function receiveExtras(update: GenerationUpdate, asked: ExtrasRequest): void {
    if (update.type === 'snapshot') extrasNote = { ...emptyNoteState(), sections: update.job.note.sections, extras: update.job.note.extras };
    else if (update.type === 'event' && update.event.type !== 'error') extrasNote = applyStreamEvent(extrasNote, update.event);
    const status = update.type === 'snapshot' ? update.job.status : update.type === 'status' ? update.status : undefined;
    const failure = update.type === 'snapshot' ? update.job.error : update.type === 'status' ? update.error : undefined;
    if (status === undefined || isRunningStatus(status)) return;
    batch(() => {
      if (status !== 'complete') {
        extrasRequest.value = {
          ...asked,
          status: 'error',
          error: failure ?? { kind: 'unknown', message: 'The extras did not arrive.', nextStep: 'Press the button to try again.', retryable: true },
        };
        return;
      }
      // Copied as the whole note holds them (already read, free-text codes included), not read again.
      const taken: NoteState['extras'] = { ...note.value.extras };
      for (const { key, value } of extraEventsFrom(extrasNote.extras, asked.wanted)) (taken as Record<string, unknown>)[key] = value;
      note.value = { ...note.value, extras: taken };
      setMissingExtras(extrasMissingFrom(flagsFor(asked.wanted), taken));
      extrasRequest.value =
        missingExtras.value.length === 0
          ? undefined
          : { ...asked, status: 'error', error: { kind: 'bad_response', message: 'The SOAP Note API made the note but did not send them either.', nextStep: 'This server does not seem to offer them; ask its administrator.', retryable: false } };
    });
  }

  /**
   * Regenerate one section with an instruction: a new note (billed; the panel says so before the
   * press) from the same inputs as the note on show, the instruction scoped to that section. Only
   * that section is replaced, streaming into its box; every other section, and the clinician's edits
   * in it, stays exactly as it is. Ending any other way than complete puts the old text back.
   */
  function regenerateSection(section: SoapSection, instruction: string): void {
    if (locked.value || regenerating.value || extrasRequest.value?.status === 'running' || !hasNote.value) return;
    const previous = note.value.sections[section];
    const refuse = (error: ApiErrorInfo) => void (regeneration.value = { section, jobId: '', status: 'error', previous, error });
    const base = regenerateBase();
    if (!base.ok) return refuse(base.error);
    const built = regenerateRequest(base.request, section, instruction);
    if (!built.ok) return refuse(built.error);
    const id = newJobId();
    regeneratedText = '';
    batch(() => {
      regeneration.value = { section, jobId: id, status: 'running', previous };
      undoRegenerate.value = undefined;
    });
    deps.send({
      type: 'generate',
      jobId: id,
      bindingKey: deps.bindingKey,
      request: built.request,
      regenerate: { section, keep: { ...note.value.sections } },
      ...whoFor(),
    });
  }

  /**
   * The inputs of the note on show: the request it was made with, else (a recording's note, one
   * reopened from the history) the visit's words and the options as they are now.
   */
  function regenerateBase(): { ok: true; request: NoteRequest } | { ok: false; error: ApiErrorInfo } {
    if (sentRequest.value) return { ok: true, request: sentRequest.value };
    const source = extrasTranscript();
    if (source.length < MIN_TRANSCRIPT_LENGTH) return { ok: false, error: noTranscriptForExtras(recordingId.value !== undefined) };
    const built = instructionText(deps.styleRules?.() ?? [], specialty.value, customInstructions.value);
    if (!built.ok) return { ok: false, error: { kind: 'validation', message: built.message, nextStep: built.nextStep, retryable: false } };
    return { ok: true, request: buildNoteRequest({ transcript: source, ...chosenOptions(built.text) }) };
  }

  function receiveRegeneration(update: GenerationUpdate, asked: SectionRegeneration): void {
    const { section } = asked;
    if (update.type === 'snapshot') {
      // A panel that subscribed again (the worker restarted) gets what the job holds so far.
      const held = update.job.note.sections[section];
      if (held !== '' && held !== regeneratedText) {
        regeneratedText = held;
        note.value = { ...note.value, sections: replaceSection(note.value.sections, section, held) };
      }
    } else if (update.type === 'event' && update.event.type === 'section') {
      const at = update.event.section;
      if (regeneration.peek()?.apiAt !== at && regeneration.peek()?.status === 'running') regeneration.value = { ...asked, apiAt: at };
      if (at === section) {
        regeneratedText = mergeSectionChunk(regeneratedText, update.event.content, update.event.mode);
        note.value = { ...note.value, sections: replaceSection(note.value.sections, section, regeneratedText) };
      }
    }
    const ended = update.type === 'snapshot' ? update.job.status : update.type === 'status' ? update.status : undefined;
    const failure = update.type === 'snapshot' ? update.job.error : update.type === 'status' ? update.error : undefined;
    if (update.type === 'unknown-job') return endRegeneration(asked, 'error', undefined);
    if (ended === undefined || isRunningStatus(ended)) return;
    if (ended === 'complete' && regeneratedText.trim() !== '') {
      regeneratedText = carryConsentLine(asked.previous, regeneratedText);
      batch(() => {
        note.value = { ...note.value, sections: replaceSection(note.value.sections, section, regeneratedText) };
        regeneration.value = undefined;
        undoRegenerate.value = { section, previous: asked.previous };
        ownsNote.value = true;
      });
      return;
    }
    endRegeneration(asked, ended === 'complete' ? 'empty' : ended === 'cancelled' ? 'cancelled' : ended === 'incomplete' ? 'incomplete' : 'error', failure);
  }

  function endRegeneration(asked: SectionRegeneration, ended: Parameters<typeof regenerateFailure>[1], failure: ApiErrorInfo | undefined): void {
    batch(() => {
      note.value = { ...note.value, sections: replaceSection(note.value.sections, asked.section, asked.previous) };
      regeneration.value = { ...asked, status: 'error', error: regenerateFailure(asked.section, ended, failure) };
    });
  }

  /** Puts back the section's text from before the last regenerate (the clinician's edits in it included). */
  function undoRegeneration(): void {
    const undo = undoRegenerate.value;
    if (!undo || locked.value || regenerating.value) return;
    batch(() => {
      note.value = { ...note.value, sections: replaceSection(note.value.sections, undo.section, undo.previous) };
      undoRegenerate.value = undefined;
    });
  }

  function stopRegeneration(): void {
    const asked = regeneration.value;
    if (asked?.status === 'running') deps.send({ type: 'stop', jobId: asked.jobId });
  }

  function beginJob(id: string, first: JobStatus, recording: string | undefined, who: PatientIdentity | undefined): void {
    batch(() => {
      clearProblems();
      jobId.value = id;
      recordingId.value = recording;
      audio.value = recording === undefined ? undefined : { polls: 0 };
      recordingRetryable.value = true;
      offeredTranscript.value = undefined;
      patient.value = who;
      ownsNote.value = false;
      note.value = emptyNoteState();
      status.value = first;
    });
  }

  /**
   * Turns a recording kept in the recording store into a note, through the background (which reads
   * the audio from the store itself). Sends the same choices as a note from the transcript; the note
   * arrives like any other, and the transcript that comes back with it fills the Transcript box.
   * `patient`: who the recording was made for, when that is not the chart shown now (a recording
   * recovered after a restart); defaults to the chart's patient, as for a typed transcript.
   */
  function generateFromRecording(id: string, options: { patient?: PatientIdentity } = {}): void {
    if (running.value) return;
    if (!specialty.value) {
      problem.value = { kind: 'no-specialty', message: 'No specialty is chosen.', nextStep: 'Choose a specialty, then send the recording again.' };
      return;
    }
    const built = instructions();
    if (!built) return;
    const job = newJobId();
    const sent = buildNoteOptions(chosenOptions(built.text));
    beginJob(job, 'uploading', id, options.patient ?? deps.identity?.());
    sentRequest.value = undefined;
    rulesUsed.value = built.rulesUsed;
    deps.send({ type: 'generate-audio', jobId: job, bindingKey: deps.bindingKey, recordingId: id, options: sent, ...whoFor() });
  }

  /** The alert's retry: the same recording again if the last job was one, else the transcript. */
  function retry(): void {
    if (recordingId.value !== undefined) {
      if (canRetryRecording.value) generateFromRecording(recordingId.value, patient.value ? { patient: patient.value } : {});
      return;
    }
    // The same visit's words again: the consent already confirmed for them goes with them.
    generate({ consent: sentRequest.value?.transcript === transcript.value.trim() ? sentConsent : undefined });
  }

  /** The returned transcript replaces what is in the Transcript box, at the clinician's word. */
  function useOfferedTranscript(): void {
    if (offeredTranscript.value === undefined) return;
    batch(() => {
      transcript.value = offeredTranscript.value!;
      offeredTranscript.value = undefined;
    });
  }

  function dismissOfferedTranscript(): void {
    offeredTranscript.value = undefined;
  }

  /**
   * The rule for a recording's transcript: it fills the Transcript box only when the box is empty.
   * Anything in the box, typed before the recording was sent or while it was processed, is the
   * clinician's and is never replaced without asking: the transcript is offered instead.
   */
  function takeTranscript(job: string, text: string | undefined): void {
    if (text === undefined || text.trim() === '' || transcriptTakenFor === job) return;
    transcriptTakenFor = job;
    fillOrOffer(text);
  }

  function fillOrOffer(text: string): void {
    const current = transcript.value.trim();
    if (current === '') transcript.value = text;
    else if (current !== text.trim()) offeredTranscript.value = text;
  }

  function progressOf(job: JobSnapshot, info: AudioJob): AudioProgress {
    const progress: AudioProgress = { polls: info.polls };
    if (info.bytes !== undefined) progress.bytes = info.bytes;
    if (info.processingSince !== undefined) progress.elapsedMs = Math.max(0, job.updatedAt - info.processingSince);
    if ((info.limitedChecks ?? 0) > 0) progress.limited = { nextCheckInMs: Math.max(0, (info.nextPollAt ?? job.updatedAt) - job.updatedAt) };
    return progress;
  }

  /** Adds text sent from the page (context menu) to the end of the transcript, on its own line. */
  function appendTranscript(text: string): void {
    const current = transcript.value.replace(/\s+$/, '');
    transcript.value = current ? `${current}\n${text}` : text;
  }

  /**
   * Shows a note from elsewhere (reopened from the session's note history) in the section boxes,
   * for editing and inserting like a generated one. Refused while a job runs. `who`: the patient it
   * was written for, so the wrong-patient guard still applies. A recorded visit's transcript comes
   * back with it, by the same rule as when the note was made: into an empty Transcript box, else offered.
   */
  function showNote(
    shown: { sections: NoteSections; extras: NoteState['extras']; transcript?: string },
    who: PatientIdentity | undefined,
  ): boolean {
    if (locked.value || regenerating.value) return false;
    batch(() => {
      clearProblems();
      jobId.value = undefined;
      sentRequest.value = undefined;
      recordingId.value = undefined;
      audio.value = undefined;
      patient.value = who;
      // The session's history keeps no rules with a note: say none rather than the last note's.
      rulesUsed.value = undefined;
      note.value = { ...emptyNoteState(), sections: { ...shown.sections }, extras: { ...shown.extras } };
      ownsNote.value = true;
      status.value = 'complete';
      offeredTranscript.value = undefined;
      if (shown.transcript !== undefined && shown.transcript.trim() !== '') fillOrOffer(shown.transcript);
    });
    return true;
  }

  function stop(): void {
    if (jobId.value && running.value) deps.send({ type: 'stop', jobId: jobId.value });
  }

  function editSection(section: SoapSection, text: string): void {
    if (locked.value || regenerating.value === section) return;
    note.value = { ...note.value, sections: { ...note.value.sections, [section]: text } };
    ownsNote.value = true;
  }

  function setStatus(next: JobStatus, err?: ApiErrorInfo, why?: JobSnapshot['interruption']): void {
    batch(() => {
      status.value = next;
      error.value = err;
      interruption.value = why;
      if (!SENDING.has(next)) retrying.value = undefined;
      if (!isRunningStatus(next)) ownsNote.value = true;
    });
  }

  function receive(update: GenerationUpdate): void {
    const asked = extrasRequest.peek();
    const updateJob = update.type === 'snapshot' ? update.job.id : update.jobId;
    if (asked?.status === 'running' && updateJob === asked.jobId) return receiveExtras(update, asked);
    const regen = regeneration.peek();
    if (regen?.status === 'running' && updateJob === regen.jobId) return receiveRegeneration(update, regen);
    if (update.type === 'snapshot') {
      if (update.job.id !== jobId.value) return;
      const job = update.job;
      batch(() => {
        syncing.value = false;
        wholeDelivery.value = job.delivery === 'whole';
        if (!isRunningStatus(job.status)) setMissingExtras(job.missingExtras ?? []);
        note.value =
          job.interruption === 'worker-restarted'
            ? keepWhatWasShown(note.value, job.note)
            : { ...emptyNoteState(), sections: job.note.sections, extras: job.note.extras };
        if (job.audio) {
          recordingId.value = job.audio.recordingId;
          audio.value = progressOf(job, job.audio);
          recordingRetryable.value = job.audio.canRetry ?? true;
          if (job.status === 'complete') takeTranscript(job.id, job.audio.transcript);
        }
        setStatus(job.status, job.error, job.interruption);
      });
      return;
    }
    if (update.jobId !== jobId.value) return;
    switch (update.type) {
      case 'event':
        applyWireEvent(update.event);
        break;
      case 'status':
        batch(() => {
          if (!isRunningStatus(update.status)) setMissingExtras(update.missingExtras ?? []);
          setStatus(update.status, update.error, update.interruption);
        });
        break;
      case 'retrying':
        retrying.value = { attempt: update.attempt, maxAttempts: update.maxAttempts, delayMs: update.delayMs, error: update.error };
        break;
      case 'unknown-job':
        // The browser was restarted or data cleared: nothing to show beyond the draft.
        syncing.value = false;
        if (!isRunningStatus(status.value)) break;
        if (recordingId.value !== undefined) setStatus('error', LOST_AUDIO_JOB);
        else setStatus('incomplete', undefined, 'worker-restarted');
        break;
    }
  }

  function applyWireEvent(event: WireStreamEvent): void {
    if (event.type === 'error') return; // the status update that follows carries it
    if (status.value === 'starting') status.value = 'streaming';
    note.value = applyStreamEvent(note.value, event);
  }

  /** The background went away. If a job was running, ask again: the restarted worker knows how it ended. */
  function backgroundLost(): void {
    if (jobId.value && running.value) deps.send({ type: 'subscribe', jobId: jobId.value });
    const regen = regeneration.peek();
    if (regen?.status === 'running') deps.send({ type: 'subscribe', jobId: regen.jobId });
  }

  function dispose(): void {
    flush();
    stopSaving();
  }

  /** Clear all data: stop saving without a last save, so nothing this panel holds is written back. */
  function forget(): void {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    loaded.value = false;
    stopSaving();
  }

  return {
    transcript, specialty, template, includeBillingCodes, includePatientSummary, customInstructions, rulesUsed,
    jobId, patient, status, note, error, problem, retrying, interruption, loaded, missingExtras, wholeDelivery, extrasRequest,
    recordingId, audio, offeredTranscript, canRetryRecording, extrasNeedTranscript,
    running, locked, sections, hasNote, writingSection, transcriptLength,
    regeneration, regenerating, undoRegenerate,
    hydrate, generate: () => generate(), consentGiven, generateFromRecording, retry, getMissingExtras, useOfferedTranscript, dismissOfferedTranscript,
    regenerateSection, undoRegeneration, stopRegeneration,
    stop, appendTranscript, editSection, showNote, receive, backgroundLost, flush, dispose, forget,
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;

/** The chart context with the instruction field (style rules and custom instructions) added: the contract puts it in `context`. */
function withInstructions(context: NoteRequestInput['context'], instructions: string | undefined): NoteRequestInput['context'] {
  if (instructions === undefined) return context;
  return { ...(context ?? {}), custom_instructions: instructions };
}

/**
 * A job the browser's worker restart cut short comes back as the worker last saved it, which lags the
 * stream by up to a save interval: the panel, which got every chunk live, may hold more. Whatever the
 * clinician already saw stays (a section the panel holds as an extension of the saved one wins), and
 * anything only the saved copy has is taken.
 */
function keepWhatWasShown(shown: NoteState, saved: JobSnapshot['note']): NoteState {
  const sections = { ...saved.sections };
  for (const s of SOAP_SECTIONS) if (shown.sections[s].startsWith(saved.sections[s])) sections[s] = shown.sections[s];
  return { ...emptyNoteState(), sections, extras: { ...saved.extras, ...shown.extras } };
}

/** Why missing extras cannot be asked for: no transcript to make the new note from, and what to do. */
function noTranscriptForExtras(fromRecording: boolean): ApiErrorInfo {
  return fromRecording
    ? {
        kind: 'validation',
        message: 'This note was made from a recording, and its transcript is not in the Transcript box: the SOAP Note API sent none with the note, or it was cleared.',
        nextStep: 'Type or paste what was said in the visit into the Transcript box, then press the button again.',
        retryable: false,
      }
    : {
        kind: 'validation',
        message: 'The transcript this note was made from is no longer in the Transcript box.',
        nextStep: 'Put the visit’s transcript back, then press the button again.',
        retryable: false,
      };
}

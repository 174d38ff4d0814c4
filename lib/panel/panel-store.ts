import { batch, computed, effect, signal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import { buildNoteRequest, type NoteRequestInput } from '../api/note-request';
import type { PatientIdentity } from '../ehr/chart-context';
import { MIN_TRANSCRIPT_LENGTH } from '../api/schemas';
import type { GenerationUpdate, JobSnapshot, JobStatus, WireStreamEvent } from '../messaging/background-to-ui';
import type { GenerationCommand } from '../messaging/ui-to-background';
import { applyStreamEvent, emptyNoteState, type NoteState } from '../note/note-state';
import { SOAP_SECTIONS, type NoteSections, type SoapSection } from '../note/sections';
import type { Draft } from '../storage/drafts';

export type PanelStatus = 'idle' | JobStatus;

/** Problems the panel finds itself, before anything is sent. */
export interface LocalProblem {
  kind: 'transcript-too-short' | 'no-specialty';
  message: string;
  nextStep: string;
}

export interface Retrying {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  error: ApiErrorInfo;
}

export interface PanelStoreDeps {
  bindingKey: string;
  send(command: GenerationCommand): void;
  saveDraft(draft: Draft): Promise<void>;
  /** The chart context the clinician chose to send (nothing when there is no chart store). */
  context?: () => NoteRequestInput['context'];
  /** Who the chart shows now: kept with the note for the wrong-patient guard. */
  identity?: () => PatientIdentity | undefined;
  newJobId?: () => string;
  /** How long typing may go unsaved; a crash loses at most this much. */
  saveDelayMs?: number;
}

const RUNNING: ReadonlySet<PanelStatus> = new Set(['starting', 'streaming']);

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

  const running = computed(() => RUNNING.has(status.value));
  /** The note may not be edited: the stream (or a snapshot on its way) would overwrite the edit. */
  const locked = computed(() => running.value || syncing.value);
  const sections = computed<NoteSections>(() => note.value.sections);
  const hasNote = computed(() => SOAP_SECTIONS.some((s) => sections.value[s].trim() !== ''));
  /** The section the stream is writing now: the last one with text. */
  const writingSection = computed<SoapSection | undefined>(() => {
    if (status.value !== 'streaming') return undefined;
    return [...SOAP_SECTIONS].reverse().find((s) => sections.value[s] !== '');
  });
  const transcriptLength = computed(() => transcript.value.trim().length);

  const draft = computed<Draft>(() => ({
    transcript: transcript.value,
    specialty: specialty.value,
    template: template.value,
    includeBillingCodes: includeBillingCodes.value,
    includePatientSummary: includePatientSummary.value,
    jobId: jobId.value,
    patient: patient.value,
    note: ownsNote.value ? { sections: note.value.sections, extras: note.value.extras } : undefined,
  }));

  function hydrate(saved: Draft): void {
    batch(() => {
      transcript.value = saved.transcript;
      specialty.value = saved.specialty;
      template.value = saved.template;
      includeBillingCodes.value = saved.includeBillingCodes;
      includePatientSummary.value = saved.includePatientSummary;
      jobId.value = saved.jobId;
      patient.value = saved.patient;
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

  function generate(): void {
    if (running.value) return;
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
    const id = (deps.newJobId ?? (() => crypto.randomUUID()))();
    const request = buildNoteRequest({
      transcript: transcript.value.trim(),
      specialty: specialty.value,
      template: template.value.trim() || 'standard',
      include_billing_codes: includeBillingCodes.value,
      include_patient_summary: includePatientSummary.value,
      context: deps.context?.(),
    });
    batch(() => {
      problem.value = undefined;
      error.value = undefined;
      retrying.value = undefined;
      interruption.value = undefined;
      jobId.value = id;
      patient.value = deps.identity?.();
      ownsNote.value = false;
      note.value = emptyNoteState();
      status.value = 'starting';
    });
    deps.send({ type: 'generate', jobId: id, bindingKey: deps.bindingKey, request });
  }

  /** Adds text sent from the page (context menu) to the end of the transcript, on its own line. */
  function appendTranscript(text: string): void {
    const current = transcript.value.replace(/\s+$/, '');
    transcript.value = current ? `${current}\n${text}` : text;
  }

  function stop(): void {
    if (jobId.value && running.value) deps.send({ type: 'stop', jobId: jobId.value });
  }

  function editSection(section: SoapSection, text: string): void {
    if (locked.value) return;
    note.value = { ...note.value, sections: { ...note.value.sections, [section]: text } };
    ownsNote.value = true;
  }

  function setStatus(next: JobStatus, err?: ApiErrorInfo, why?: JobSnapshot['interruption']): void {
    batch(() => {
      status.value = next;
      error.value = err;
      interruption.value = why;
      if (next !== 'starting') retrying.value = undefined;
      if (!RUNNING.has(next)) ownsNote.value = true;
    });
  }

  function receive(update: GenerationUpdate): void {
    if (update.type === 'snapshot') {
      if (update.job.id !== jobId.value) return;
      batch(() => {
        syncing.value = false;
        note.value = { ...emptyNoteState(), sections: update.job.note.sections, extras: update.job.note.extras };
        setStatus(update.job.status, update.job.error, update.job.interruption);
      });
      return;
    }
    if (update.jobId !== jobId.value) return;
    switch (update.type) {
      case 'event':
        applyWireEvent(update.event);
        break;
      case 'status':
        setStatus(update.status, update.error, update.interruption);
        break;
      case 'retrying':
        retrying.value = { attempt: update.attempt, maxAttempts: update.maxAttempts, delayMs: update.delayMs, error: update.error };
        break;
      case 'unknown-job':
        // The browser was restarted or data cleared: nothing to show beyond the draft.
        syncing.value = false;
        if (RUNNING.has(status.value)) setStatus('incomplete', undefined, 'worker-restarted');
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
  }

  function dispose(): void {
    flush();
    stopSaving();
  }

  return {
    transcript, specialty, template, includeBillingCodes, includePatientSummary,
    jobId, patient, status, note, error, problem, retrying, interruption, loaded,
    running, locked, sections, hasNote, writingSection, transcriptLength,
    hydrate, generate, stop, appendTranscript, editSection, receive, backgroundLost, flush, dispose,
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;

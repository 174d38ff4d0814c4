import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiErrorInfo } from '../api/errors';
import type { JobSnapshot } from '../messaging/background-to-ui';
import { GenerationCommandSchema, type GenerationCommand } from '../messaging/ui-to-background';
import type { Draft } from '../storage/drafts';
import { createPanelStore, type PanelStoreDeps } from './panel-store';

const JOB_ID = '0b6f3c1e-6a57-4d2b-9c8e-2f0a4d1b7e93';
const OTHER_JOB = '9d0e4a2b-1c3f-4e5a-8b7c-6d5e4f3a2b1c';
const TRANSCRIPT = 'Patient reports a sore throat for three days, no fever, mild cough at night.';
const SAVE_DELAY = 250;

const SERVER_ERROR: ApiErrorInfo = { kind: 'server', message: 'The SOAP Note API had an internal error.', nextStep: 'Try again.', retryable: true, status: 500 };

function setup(options: { saveDelayMs?: number; context?: PanelStoreDeps['context']; identity?: PanelStoreDeps['identity']; styleRules?: PanelStoreDeps['styleRules']; transcriptConsent?: PanelStoreDeps['transcriptConsent'] } = {}) {
  const sent: GenerationCommand[] = [];
  const drafts: Draft[] = [];
  const send = vi.fn((command: GenerationCommand) => {
    // What the panel sends must pass the background's own validation.
    GenerationCommandSchema.parse(command);
    sent.push(command);
  });
  const saveDraft = vi.fn(async (draft: Draft) => {
    drafts.push(structuredClone(draft));
  });
  const store = createPanelStore({
    bindingKey: 'tab-7',
    send,
    saveDraft,
    newJobId: () => JOB_ID,
    ...(options.context ? { context: options.context } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.styleRules ? { styleRules: options.styleRules } : {}),
    ...(options.transcriptConsent ? { transcriptConsent: options.transcriptConsent } : {}),
    ...(options.saveDelayMs === undefined ? {} : { saveDelayMs: options.saveDelayMs }),
  });
  return { store, sent, drafts, send, saveDraft };
}

function draft(patch: Partial<Draft> = {}): Draft {
  return {
    transcript: '',
    specialty: 'physician',
    template: 'standard',
    includeBillingCodes: false,
    includePatientSummary: false,
    customInstructions: '',
    ...patch,
  };
}

function snapshot(patch: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    id: JOB_ID,
    bindingKey: 'tab-7',
    status: 'streaming',
    note: { sections: { subjective: 'Sore throat.', objective: '', assessment: '', plan: '' }, extras: {} },
    startedAt: 1,
    updatedAt: 2,
    ...patch,
  };
}

/** A store whose job JOB_ID is running (generate was pressed). */
function running() {
  const s = setup();
  s.store.hydrate(draft({ transcript: TRANSCRIPT }));
  s.store.generate();
  expect(s.store.status.value).toBe('starting');
  s.sent.length = 0;
  return s;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('generate', () => {
  it('sends the chosen chart context and keeps the patient the note is for with the draft', () => {
    vi.useFakeTimers();
    const identity = { name: 'Maria Alvarez', dob: '1971-03-14', mrn: '00482913' };
    const { store, sent, drafts } = setup({
      context: () => ({ patient_info: { age: 55, medications: ['Lisinopril 10 mg daily'] } }),
      identity: () => identity,
    });
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    store.generate();
    expect(sent[0]).toMatchObject({ type: 'generate', request: { context: { patient_info: { age: 55, medications: ['Lisinopril 10 mg daily'] } } } });
    vi.advanceTimersByTime(SAVE_DELAY);
    expect(drafts.at(-1)?.patient).toEqual(identity);
    vi.useRealTimers();
  });

  it('refuses a transcript that is too short and sends nothing', () => {
    const { store, send } = setup();
    store.hydrate(draft({ transcript: '   short transcript   ' }));
    store.generate();
    expect(store.problem.value?.kind).toBe('transcript-too-short');
    expect(store.problem.value?.message).toContain('16 characters'); // 'short transcript', trimmed
    expect(store.status.value).toBe('idle');
    expect(store.jobId.value).toBeUndefined();
    expect(send).not.toHaveBeenCalled();
  });

  it('says so when there is no transcript at all', () => {
    const { store, send } = setup();
    store.transcript.value = '    ';
    store.generate();
    expect(store.problem.value).toMatchObject({ kind: 'transcript-too-short', message: 'There is no transcript yet.' });
    expect(send).not.toHaveBeenCalled();
  });

  it('counts 49 trimmed characters as too short and 50 as enough', () => {
    const { store, send } = setup();
    store.transcript.value = `  ${'x'.repeat(49)}  `;
    store.generate();
    expect(send).not.toHaveBeenCalled();
    store.transcript.value = `  ${'x'.repeat(50)}  `;
    store.generate();
    expect(send).toHaveBeenCalledTimes(1);
    expect(store.problem.value).toBeUndefined();
  });

  it('refuses when no specialty is chosen', () => {
    const { store, send } = setup();
    store.transcript.value = TRANSCRIPT;
    store.specialty.value = '';
    store.generate();
    expect(store.problem.value?.kind).toBe('no-specialty');
    expect(send).not.toHaveBeenCalled();
  });

  it('sends generate with the trimmed transcript, options and only the include flags that are on', () => {
    const { store, sent } = setup();
    store.hydrate(draft({ transcript: `\n  ${TRANSCRIPT}  \n`, specialty: 'pediatrics', template: 'brief', includeBillingCodes: true }));
    store.generate();

    expect(sent).toEqual([
      {
        type: 'generate',
        jobId: JOB_ID,
        bindingKey: 'tab-7',
        request: { transcript: TRANSCRIPT, specialty: 'pediatrics', template: 'brief', include_billing_codes: true },
      },
    ]);
    const request = (sent[0] as Extract<GenerationCommand, { type: 'generate' }>).request;
    expect(request).not.toHaveProperty('include_patient_summary');
    expect(store.status.value).toBe('starting');
    expect(store.jobId.value).toBe(JOB_ID);
    expect(store.running.value).toBe(true);
  });

  it('sends the patient summary flag only when asked, and a blank template as standard', () => {
    const { store, sent } = setup();
    store.hydrate(draft({ transcript: TRANSCRIPT, template: '   ', includePatientSummary: true }));
    store.generate();
    const request = (sent[0] as Extract<GenerationCommand, { type: 'generate' }>).request;
    expect(request).toEqual({ transcript: TRANSCRIPT, specialty: 'physician', template: 'standard', include_patient_summary: true });
  });

  it('makes a UUID job id by default', () => {
    const sent: GenerationCommand[] = [];
    const store = createPanelStore({ bindingKey: 'tab-1', send: (c) => sent.push(c), saveDraft: async () => undefined });
    store.transcript.value = TRANSCRIPT;
    store.generate();
    expect(GenerationCommandSchema.safeParse(sent[0]).success).toBe(true);
    expect(store.jobId.value).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does nothing while a job is running, and clears the previous problem when it starts', () => {
    const s = setup();
    s.store.transcript.value = 'short';
    s.store.generate();
    expect(s.store.problem.value).toBeDefined();
    s.store.transcript.value = TRANSCRIPT;
    s.store.generate();
    expect(s.store.problem.value).toBeUndefined();
    s.store.generate();
    expect(s.send).toHaveBeenCalledTimes(1);
  });
});

describe('receive', () => {
  it('fills the sections and status from its own job’s snapshot, events and status', () => {
    const { store } = running();
    store.receive({ type: 'snapshot', job: snapshot({ status: 'starting', note: { sections: { subjective: '', objective: '', assessment: '', plan: '' }, extras: {} } }) });
    expect(store.status.value).toBe('starting');

    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'subjective', content: 'Sore ', mode: 'append' } });
    expect(store.status.value).toBe('streaming');
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'subjective', content: 'throat.', mode: 'append' } });
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'plan', content: 'Rest.', mode: 'append' } });
    expect(store.sections.value).toEqual({ subjective: 'Sore throat.', objective: '', assessment: '', plan: 'Rest.' });
    expect(store.writingSection.value).toBe('plan');
    expect(store.hasNote.value).toBe(true);

    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete' });
    expect(store.status.value).toBe('complete');
    expect(store.running.value).toBe(false);
    expect(store.writingSection.value).toBeUndefined();
  });

  it('replaces the note with a snapshot (a reopened panel catching up)', () => {
    const { store } = running();
    store.receive({ type: 'snapshot', job: snapshot({ status: 'streaming', note: { sections: { subjective: 'So far', objective: 'BP 120/80', assessment: '', plan: '' }, extras: { noteId: 'n1' } } }) });
    expect(store.status.value).toBe('streaming');
    expect(store.sections.value).toEqual({ subjective: 'So far', objective: 'BP 120/80', assessment: '', plan: '' });
    expect(store.note.value.extras).toEqual({ noteId: 'n1' });
  });

  it('keeps the text it showed when the saved snapshot of a job cut by a worker restart lags behind it', () => {
    const { store } = running();
    const live = (section: 'subjective' | 'objective', content: string) =>
      store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section, content, mode: 'append' } });
    live('subjective', 'Sore throat for three days.');
    live('objective', 'Temp 38.1');
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'extra', key: 'noteId', value: 'n1' } });
    // The worker saved the note before the last chunks arrived, then the browser stopped it.
    store.receive({
      type: 'snapshot',
      job: snapshot({
        status: 'incomplete',
        interruption: 'worker-restarted',
        note: { sections: { subjective: 'Sore throat for', objective: '', assessment: '', plan: '' }, extras: {} },
      }),
    });
    expect(store.status.value).toBe('incomplete');
    expect(store.sections.value).toEqual({ subjective: 'Sore throat for three days.', objective: 'Temp 38.1', assessment: '', plan: '' });
    expect(store.note.value.extras).toEqual({ noteId: 'n1' });
  });

  it('takes the saved text after a worker restart where the panel holds less or something else', () => {
    const { store } = running();
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'subjective', content: 'Sore', mode: 'append' } });
    store.receive({
      type: 'snapshot',
      job: snapshot({
        status: 'incomplete',
        interruption: 'worker-restarted',
        note: { sections: { subjective: 'Sore throat.', objective: 'BP 120/80', assessment: '', plan: '' }, extras: {} },
      }),
    });
    expect(store.sections.value).toEqual({ subjective: 'Sore throat.', objective: 'BP 120/80', assessment: '', plan: '' });
  });

  it('ignores updates for another job', () => {
    const { store } = running();
    store.receive({ type: 'snapshot', job: snapshot({ id: OTHER_JOB, status: 'complete' }) });
    store.receive({ type: 'event', jobId: OTHER_JOB, event: { type: 'section', section: 'subjective', content: 'Not ours.', mode: 'append' } });
    store.receive({ type: 'status', jobId: OTHER_JOB, status: 'error', error: SERVER_ERROR });
    store.receive({ type: 'retrying', jobId: OTHER_JOB, attempt: 1, maxAttempts: 3, delayMs: 500, error: SERVER_ERROR });
    store.receive({ type: 'unknown-job', jobId: OTHER_JOB });
    expect(store.status.value).toBe('starting');
    expect(store.sections.value.subjective).toBe('');
    expect(store.error.value).toBeUndefined();
    expect(store.retrying.value).toBeUndefined();
    expect(store.interruption.value).toBeUndefined();
  });

  it('takes error and interruption from a status update', () => {
    const { store } = running();
    store.receive({ type: 'status', jobId: JOB_ID, status: 'error', error: SERVER_ERROR });
    expect(store.status.value).toBe('error');
    expect(store.error.value).toEqual(SERVER_ERROR);

    const again = running();
    again.store.receive({ type: 'status', jobId: JOB_ID, status: 'incomplete', interruption: 'stream-cut' });
    expect(again.store.status.value).toBe('incomplete');
    expect(again.store.interruption.value).toBe('stream-cut');
  });

  it('shows a retry notice while starting, and drops it once the stream starts', () => {
    const { store } = running();
    store.receive({ type: 'retrying', jobId: JOB_ID, attempt: 1, maxAttempts: 3, delayMs: 1200, error: SERVER_ERROR });
    expect(store.retrying.value).toEqual({ attempt: 1, maxAttempts: 3, delayMs: 1200, error: SERVER_ERROR });
    expect(store.status.value).toBe('starting');
    store.receive({ type: 'status', jobId: JOB_ID, status: 'streaming' });
    expect(store.retrying.value).toBeUndefined();
  });

  it('marks a running job incomplete (worker-restarted) when the background does not know it', () => {
    const { store } = running();
    store.receive({ type: 'unknown-job', jobId: JOB_ID });
    expect(store.status.value).toBe('incomplete');
    expect(store.interruption.value).toBe('worker-restarted');
    expect(store.running.value).toBe(false);
  });

  it('ignores unknown-job for a job that already ended', () => {
    const { store } = running();
    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete' });
    store.receive({ type: 'unknown-job', jobId: JOB_ID });
    expect(store.status.value).toBe('complete');
    expect(store.interruption.value).toBeUndefined();
  });
});

describe('stop', () => {
  it('sends stop for the running job only', () => {
    const { store, sent } = running();
    store.stop();
    expect(sent).toEqual([{ type: 'stop', jobId: JOB_ID }]);
    store.receive({ type: 'status', jobId: JOB_ID, status: 'cancelled' });
    store.stop();
    expect(sent).toHaveLength(1);
  });
});

describe('editSection', () => {
  it('is refused while the job runs and allowed once it ended', () => {
    const { store } = running();
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'subjective', content: 'Sore throat.', mode: 'append' } });
    store.editSection('subjective', 'Edited while streaming');
    expect(store.sections.value.subjective).toBe('Sore throat.');

    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete' });
    store.editSection('subjective', 'Sore throat, 3 days.');
    expect(store.sections.value.subjective).toBe('Sore throat, 3 days.');
  });
});

describe('draft saving', () => {
  it('saves nothing before hydrate (it would overwrite the saved draft with an empty one)', () => {
    const { store, saveDraft } = setup();
    store.transcript.value = 'typed before load';
    vi.advanceTimersByTime(10 * SAVE_DELAY);
    store.flush();
    expect(saveDraft).not.toHaveBeenCalled();
  });

  it('saves shortly after a change, once per burst of typing', () => {
    const { store, drafts } = setup();
    store.hydrate(draft({ transcript: 'Hello' }));
    vi.advanceTimersByTime(SAVE_DELAY);
    drafts.length = 0;

    store.transcript.value = 'Hello t';
    vi.advanceTimersByTime(SAVE_DELAY - 1);
    store.transcript.value = 'Hello there';
    vi.advanceTimersByTime(SAVE_DELAY - 1);
    expect(drafts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(drafts).toEqual([draft({ transcript: 'Hello there', jobId: undefined, note: undefined })]);
  });

  it('honours saveDelayMs', () => {
    const { store, drafts } = setup({ saveDelayMs: 1000 });
    store.hydrate(draft({ transcript: 'Hello' }));
    vi.advanceTimersByTime(999);
    expect(drafts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(drafts).toHaveLength(1);
  });

  it('does not save the note while the job runs, and saves the edited note once it ended', () => {
    const { store, drafts } = running();
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'subjective', content: 'Sore throat.', mode: 'append' } });
    vi.advanceTimersByTime(SAVE_DELAY);
    expect(drafts.at(-1)).toMatchObject({ transcript: TRANSCRIPT, jobId: JOB_ID });
    expect(drafts.at(-1)?.note).toBeUndefined();

    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete' });
    store.editSection('plan', 'Fluids and rest.');
    vi.advanceTimersByTime(SAVE_DELAY);
    expect(drafts.at(-1)).toEqual({
      transcript: TRANSCRIPT,
      specialty: 'physician',
      template: 'standard',
      includeBillingCodes: false,
      includePatientSummary: false,
      customInstructions: '',
      rulesUsed: [],
      jobId: JOB_ID,
      // The request the note was made with, so Regenerate <section> can send the same inputs after a reopen.
      request: { transcript: TRANSCRIPT, specialty: 'physician', template: 'standard' },
      note: { sections: { subjective: 'Sore throat.', objective: '', assessment: '', plan: 'Fluids and rest.' }, extras: {} },
    });
  });

  it('flush() saves at once and cancels the pending save', () => {
    const { store, drafts, saveDraft } = setup();
    store.hydrate(draft({ transcript: 'Hello' }));
    store.transcript.value = 'Hello there';
    store.flush();
    expect(drafts).toEqual([draft({ transcript: 'Hello there', jobId: undefined, note: undefined })]);
    vi.advanceTimersByTime(10 * SAVE_DELAY);
    expect(saveDraft).toHaveBeenCalledTimes(1);
  });

  it('dispose() saves what is pending and stops saving', () => {
    const { store, saveDraft, drafts } = setup();
    store.hydrate(draft({ transcript: 'Hello' }));
    store.transcript.value = 'Last words';
    store.dispose();
    expect(drafts.at(-1)?.transcript).toBe('Last words');
    const calls = saveDraft.mock.calls.length;
    store.transcript.value = 'After dispose';
    vi.advanceTimersByTime(10 * SAVE_DELAY);
    expect(saveDraft).toHaveBeenCalledTimes(calls);
  });
});

describe('hydrate', () => {
  it('restores the draft’s fields', () => {
    const { store } = setup();
    store.hydrate(draft({ transcript: TRANSCRIPT, specialty: 'pediatrics', template: 'brief', includeBillingCodes: true, includePatientSummary: true }));
    expect(store.loaded.value).toBe(true);
    expect(store.transcript.value).toBe(TRANSCRIPT);
    expect(store.specialty.value).toBe('pediatrics');
    expect(store.template.value).toBe('brief');
    expect(store.includeBillingCodes.value).toBe(true);
    expect(store.includePatientSummary.value).toBe(true);
    expect(store.status.value).toBe('idle');
  });

  it('subscribes to a job the draft names but has not taken over', () => {
    const { store, sent } = setup();
    store.hydrate(draft({ transcript: TRANSCRIPT, jobId: JOB_ID }));
    expect(sent).toEqual([{ type: 'subscribe', jobId: JOB_ID }]);
    // Until the answer comes, an edit would be overwritten by it: the note is locked.
    expect(store.locked.value).toBe(true);
    store.editSection('plan', 'typed too early');
    expect(store.sections.value.plan).toBe('');
    // …and takes what the background answers.
    store.receive({ type: 'snapshot', job: snapshot({ status: 'complete' }) });
    expect(store.status.value).toBe('complete');
    expect(store.sections.value.subjective).toBe('Sore throat.');
    expect(store.locked.value).toBe(false);
  });

  it('shows a saved note as complete and asks the background nothing', () => {
    const { store, sent, drafts } = setup();
    const note = { sections: { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' }, extras: { noteId: 'n1' } };
    store.hydrate(draft({ transcript: TRANSCRIPT, jobId: JOB_ID, note }));
    expect(sent).toEqual([]);
    expect(store.status.value).toBe('complete');
    expect(store.sections.value).toEqual(note.sections);
    expect(store.note.value.extras).toEqual({ noteId: 'n1' });
    // The panel owns it: editable, and saved with the draft.
    store.editSection('assessment', 'A, revised');
    store.flush();
    expect(store.sections.value.assessment).toBe('A, revised');
    expect(drafts.at(-1)?.note).toEqual({ sections: { ...note.sections, assessment: 'A, revised' }, extras: { noteId: 'n1' } });
  });

  it('sends nothing for a draft without a job', () => {
    const { store, sent } = setup();
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    expect(sent).toEqual([]);
  });
});

describe('backgroundLost', () => {
  it('re-subscribes to a running job', () => {
    const { store, sent } = running();
    store.backgroundLost();
    expect(sent).toEqual([{ type: 'subscribe', jobId: JOB_ID }]);
  });

  it('does nothing when no job is running', () => {
    const { store, sent } = running();
    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete' });
    store.backgroundLost();
    const idle = setup();
    idle.store.backgroundLost();
    expect(sent).toEqual([]);
    expect(idle.sent).toEqual([]);
  });
});

describe('generateFromRecording', () => {
  const RECORDING = '5f1d7c9e-2b3a-4c8d-9e0f-1a2b3c4d5e6f';
  const RETURNED = 'Patient reports lower back pain for three weeks after lifting boxes at work.';

  function audioSnapshot(patch: Partial<JobSnapshot> = {}, audio: Partial<NonNullable<JobSnapshot['audio']>> = {}): JobSnapshot {
    return snapshot({
      status: 'uploading',
      note: { sections: { subjective: '', objective: '', assessment: '', plan: '' }, extras: {} },
      audio: { recordingId: RECORDING, polls: 0, ...audio },
      ...patch,
    });
  }
  const completed = (transcript = RETURNED) =>
    audioSnapshot(
      { status: 'complete', note: { sections: { subjective: 'Low back pain.', objective: 'Tender.', assessment: 'Strain.', plan: 'PT.' }, extras: { noteId: 'n1' } } },
      { noteId: 'n1', polls: 2, transcript },
    );

  function sending(transcript = '') {
    const s = setup({ context: () => ({ patient_info: { age: 61 } }), identity: () => ({ name: 'Maria Alvarez', dob: '1971-03-14' }) });
    s.store.hydrate(draft({ transcript, specialty: 'physical_therapy', includeBillingCodes: true }));
    s.store.generateFromRecording(RECORDING);
    return s;
  }

  it('sends the recording with the same choices as a text note, and no transcript', () => {
    const { store, sent, drafts } = sending('Typed notes that are not sent.');
    expect(sent).toEqual([
      {
        type: 'generate-audio',
        jobId: JOB_ID,
        bindingKey: 'tab-7',
        recordingId: RECORDING,
        options: { specialty: 'physical_therapy', template: 'standard', include_billing_codes: true, context: { patient_info: { age: 61 } } },
        // For the session's note history: who the note is for.
        patient: { name: 'Maria Alvarez', dob: '1971-03-14' },
      },
    ]);
    expect(store.status.value).toBe('uploading');
    expect(store.running.value).toBe(true);
    expect(store.recordingId.value).toBe(RECORDING);
    vi.advanceTimersByTime(SAVE_DELAY);
    expect(drafts.at(-1)).toMatchObject({ jobId: JOB_ID, recordingId: RECORDING, patient: { name: 'Maria Alvarez' } });
  });

  it('keeps the patient the recording was made for when it is given', () => {
    const { store } = setup({ identity: () => ({ name: 'Chart Now' }) });
    store.hydrate(draft());
    store.generateFromRecording(RECORDING, { patient: { name: 'Recorded For' } });
    expect(store.patient.value).toEqual({ name: 'Recorded For' });
  });

  it('refuses without a specialty, and does nothing while a job runs', () => {
    const s = setup();
    s.store.hydrate(draft({ specialty: '' }));
    s.store.generateFromRecording(RECORDING);
    expect(s.store.problem.value?.kind).toBe('no-specialty');
    expect(s.send).not.toHaveBeenCalled();
    const busy = running();
    busy.store.generateFromRecording(RECORDING);
    expect(busy.sent).toEqual([]);
  });

  it('shows upload and processing progress from the snapshots, and keeps a retry notice while uploading', () => {
    const { store } = sending();
    store.receive({ type: 'snapshot', job: audioSnapshot({}, { bytes: 3_500_000 }) });
    expect(store.audio.value).toEqual({ bytes: 3_500_000, polls: 0 });
    store.receive({ type: 'retrying', jobId: JOB_ID, attempt: 1, maxAttempts: 3, delayMs: 1000, error: SERVER_ERROR });
    expect(store.retrying.value?.attempt).toBe(1);
    store.receive({ type: 'snapshot', job: audioSnapshot({ status: 'uploading' }, { bytes: 3_500_000 }) });
    expect(store.retrying.value?.attempt).toBe(1);

    store.receive({ type: 'snapshot', job: audioSnapshot({ status: 'processing', updatedAt: 95_000 }, { noteId: 'n1', polls: 3, processingSince: 5_000 }) });
    expect(store.status.value).toBe('processing');
    expect(store.running.value).toBe(true);
    expect(store.retrying.value).toBeUndefined();
    expect(store.audio.value).toEqual({ polls: 3, elapsedMs: 90_000 });

    // The key's request limit refused a check: the job carries on, and the panel hears when the next is due.
    store.receive({
      type: 'snapshot',
      job: audioSnapshot({ status: 'processing', updatedAt: 100_000 }, { noteId: 'n1', polls: 3, processingSince: 5_000, limitedChecks: 1, nextPollAt: 160_000 }),
    });
    expect(store.status.value).toBe('processing');
    expect(store.audio.value).toEqual({ polls: 3, elapsedMs: 95_000, limited: { nextCheckInMs: 60_000 } });
  });

  it('puts the note in the sections and the returned transcript in an empty Transcript box', () => {
    const { store } = sending();
    store.receive({ type: 'snapshot', job: completed() });
    expect(store.status.value).toBe('complete');
    expect(store.sections.value).toEqual({ subjective: 'Low back pain.', objective: 'Tender.', assessment: 'Strain.', plan: 'PT.' });
    expect(store.transcript.value).toBe(RETURNED);
    expect(store.offeredTranscript.value).toBeUndefined();
    // The clinician corrects it and generates again from the text.
    store.transcript.value = `${RETURNED} Corrected.`;
    store.receive({ type: 'snapshot', job: completed() }); // a repeated snapshot does not undo the correction
    expect(store.transcript.value).toBe(`${RETURNED} Corrected.`);
  });

  it('never writes over text in the Transcript box: offers the returned transcript instead', () => {
    const { store, drafts } = sending();
    store.transcript.value = 'Typed while it was processing.';
    store.receive({ type: 'snapshot', job: completed() });
    expect(store.transcript.value).toBe('Typed while it was processing.');
    expect(store.offeredTranscript.value).toBe(RETURNED);
    vi.advanceTimersByTime(SAVE_DELAY);
    expect(drafts.at(-1)?.offeredTranscript).toBe(RETURNED);

    store.useOfferedTranscript();
    expect(store.transcript.value).toBe(RETURNED);
    expect(store.offeredTranscript.value).toBeUndefined();
  });

  it('Keep my text drops the offer; the same text already in the box is not offered', () => {
    const first = sending('Something typed before.');
    first.store.receive({ type: 'snapshot', job: completed() });
    first.store.dismissOfferedTranscript();
    expect(first.store.offeredTranscript.value).toBeUndefined();
    expect(first.store.transcript.value).toBe('Something typed before.');

    const same = sending(RETURNED);
    same.store.receive({ type: 'snapshot', job: completed() });
    expect(same.store.offeredTranscript.value).toBeUndefined();
  });

  it('extras a recording\'s note lacks are got from its returned transcript, in the box or still offered', () => {
    const missing = (transcript: string) =>
      ({ ...completed(transcript), missingExtras: ['billing_codes'] }) satisfies JobSnapshot;
    const filled = sending();
    filled.store.receive({ type: 'snapshot', job: missing(RETURNED) });
    expect(filled.store.missingExtras.value).toEqual(['billing_codes']);
    expect(filled.store.transcript.value).toBe(RETURNED);
    expect(filled.store.extrasNeedTranscript.value).toBe(false);
    filled.sent.length = 0;
    filled.store.getMissingExtras();
    expect(filled.sent).toMatchObject([{ type: 'generate', whole: true, request: { transcript: RETURNED, include_billing_codes: true } }]);

    const offered = sending('Typed notes, not the visit.');
    offered.store.receive({ type: 'snapshot', job: missing(RETURNED) });
    offered.sent.length = 0;
    offered.store.getMissingExtras();
    expect(offered.sent).toMatchObject([{ type: 'generate', request: { transcript: RETURNED } }]);
  });

  it('a recording\'s note that came without a transcript says to type or paste the visit before extras can be got', () => {
    const { store, sent } = sending();
    store.receive({ type: 'snapshot', job: { ...completed(''), missingExtras: ['patient_summary'] } });
    expect(store.missingExtras.value).toEqual(['patient_summary']);
    expect(store.extrasNeedTranscript.value).toBe(true);
    sent.length = 0;
    store.getMissingExtras();
    expect(sent).toEqual([]);
    expect(store.extrasRequest.value?.error).toMatchObject({
      message: expect.stringMatching(/made from a recording/),
      nextStep: expect.stringMatching(/Type or paste what was said in the visit/),
    });
    store.transcript.value = RETURNED;
    store.getMissingExtras();
    expect(sent).toMatchObject([{ type: 'generate', request: { transcript: RETURNED, include_patient_summary: true } }]);
  });

  it('a recorded note reopened from history brings its transcript back: into an empty box, else offered', () => {
    const shown = { sections: { subjective: 'Low back pain.', objective: '', assessment: '', plan: 'PT.' }, extras: {}, transcript: RETURNED };
    const empty = setup();
    empty.store.hydrate(draft());
    expect(empty.store.showNote(shown, undefined)).toBe(true);
    expect(empty.store.transcript.value).toBe(RETURNED);

    const typed = setup();
    typed.store.hydrate(draft({ transcript: 'Another visit typed here.' }));
    typed.store.showNote(shown, undefined);
    expect(typed.store.transcript.value).toBe('Another visit typed here.');
    expect(typed.store.offeredTranscript.value).toBe(RETURNED);
  });

  it('Retry sends the same recording again when the background says it can help', () => {
    const { store, sent } = sending();
    store.receive({ type: 'snapshot', job: audioSnapshot({ status: 'error', error: SERVER_ERROR }, { canRetry: true }) });
    expect(store.status.value).toBe('error');
    expect(store.canRetryRecording.value).toBe(true);
    sent.length = 0;
    store.retry();
    expect(sent).toMatchObject([{ type: 'generate-audio', recordingId: RECORDING, options: { specialty: 'physical_therapy' } }]);
    expect(store.status.value).toBe('uploading');
    expect(store.error.value).toBeUndefined();
  });

  it('offers no retry for a recording that failed the checks or is gone', () => {
    const { store, sent } = sending();
    store.receive({ type: 'snapshot', job: audioSnapshot({ status: 'error', error: { ...SERVER_ERROR, kind: 'validation', retryable: false } }, { canRetry: false }) });
    expect(store.canRetryRecording.value).toBe(false);
    sent.length = 0;
    store.retry();
    expect(sent).toEqual([]);
  });

  it('says the job was lost, with Retry, when the background no longer knows it', () => {
    const { store } = sending();
    store.receive({ type: 'unknown-job', jobId: JOB_ID });
    expect(store.status.value).toBe('error');
    expect(store.error.value?.message).toMatch(/lost track/);
    expect(store.canRetryRecording.value).toBe(true);
  });

  it('re-subscribes to an audio job when the background goes away, and after a reopen', () => {
    const { store, sent } = sending();
    store.receive({ type: 'snapshot', job: audioSnapshot({ status: 'processing' }, { noteId: 'n1' }) });
    sent.length = 0;
    store.backgroundLost();
    expect(sent).toEqual([{ type: 'subscribe', jobId: JOB_ID }]);

    const reopened = setup();
    reopened.store.hydrate(draft({ jobId: JOB_ID, recordingId: RECORDING }));
    expect(reopened.sent).toEqual([{ type: 'subscribe', jobId: JOB_ID }]);
    expect(reopened.store.recordingId.value).toBe(RECORDING);
    reopened.store.receive({ type: 'snapshot', job: completed() });
    expect(reopened.store.transcript.value).toBe(RETURNED);
  });

  it('a note from the transcript afterwards is not a recording job', () => {
    const { store, sent } = sending();
    store.receive({ type: 'snapshot', job: completed() });
    sent.length = 0;
    store.generate(); // the returned transcript is in the box
    expect(sent).toMatchObject([{ type: 'generate', request: { transcript: RETURNED } }]);
    expect(store.recordingId.value).toBeUndefined();
  });
});

describe('custom instructions', () => {
  it('go in context.custom_instructions when set, beside the chart context, and are kept in the draft', () => {
    const { store, sent, drafts } = setup({ context: () => ({ patient_info: { name: 'Maria Alvarez' } }) });
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    store.customInstructions.value = '  Use bullet points in the plan.  ';
    store.generate();
    const command = sent.find((c) => c.type === 'generate');
    expect(command?.type === 'generate' && command.request.context).toEqual({ patient_info: { name: 'Maria Alvarez' }, custom_instructions: 'Use bullet points in the plan.' });
    store.flush();
    expect(drafts.at(-1)?.customInstructions).toBe('  Use bullet points in the plan.  ');
  });
  it('are left out when blank', () => {
    const { store, sent } = setup();
    store.hydrate(draft({ transcript: TRANSCRIPT, customInstructions: '   ' }));
    store.generate();
    const command = sent.find((c) => c.type === 'generate');
    expect(command?.type === 'generate' && command.request.context).toBeUndefined();
  });
});

describe('style rules', () => {
  const RULES = [
    { text: 'No patient name in the note.' },
    { text: 'As a numbered list.', section: 'plan' as const },
    { text: 'Name the teeth.', specialty: 'dentist', section: 'objective' as const },
  ];
  const instructionsSent = (sent: GenerationCommand[]) => {
    const command = sent.find((c) => c.type === 'generate');
    return command?.type === 'generate' ? command.request.context?.custom_instructions : undefined;
  };

  it('go with the note, scoped, those of the chosen specialty only, before the custom instructions; the draft keeps which were used', () => {
    const { store, sent, drafts } = setup({ styleRules: () => RULES });
    store.hydrate(draft({ transcript: TRANSCRIPT, specialty: 'dentist', customInstructions: 'Mention the recall.' }));
    store.generate();
    expect(instructionsSent(sent)).toBe('Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.\nObjective: Name the teeth.\n\nMention the recall.');
    expect(store.rulesUsed.value).toEqual(['Whole note: No patient name in the note.', 'Plan: As a numbered list.', 'Objective: Name the teeth.']);
    store.flush();
    expect(drafts.at(-1)?.rulesUsed).toEqual(store.rulesUsed.value);
  });

  it('are read when the note is asked for, so a rule saved meanwhile is sent', () => {
    let rules: typeof RULES = [];
    const { store, sent } = setup({ styleRules: () => rules });
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    rules = RULES;
    store.generate();
    expect(instructionsSent(sent)).toBe('Style rules:\nWhole note: No patient name in the note.\nPlan: As a numbered list.');
  });

  it('too long with the custom instructions: nothing is sent and the panel says why', () => {
    const { store, sent } = setup({ styleRules: () => RULES });
    store.hydrate(draft({ transcript: TRANSCRIPT, customInstructions: 'x'.repeat(4000) }));
    store.generate();
    expect(sent).toEqual([]);
    expect(store.problem.value).toMatchObject({ kind: 'instructions-too-long', message: expect.stringContaining('Nothing was sent') });
    expect(store.status.value).toBe('idle');
  });

  it('a reopened note from the history lists none, not the last note’s', () => {
    const { store } = setup({ styleRules: () => RULES });
    store.hydrate(draft({ transcript: TRANSCRIPT, rulesUsed: ['Plan: As a numbered list.'] }));
    expect(store.rulesUsed.value).toEqual(['Plan: As a numbered list.']);
    store.showNote({ sections: { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' }, extras: {} }, undefined);
    expect(store.rulesUsed.value).toBeUndefined();
  });
});

describe('requested extras the note came without', () => {
  const CODES = { icd10: [{ code: 'J02.9', description: 'Acute pharyngitis, unspecified' }], cpt: [] };

  /** A note asked for with both extras that completed with neither, and the clinician's edit in Plan. */
  function completedWithout(missing: ('billing_codes' | 'patient_summary')[] = ['billing_codes', 'patient_summary']) {
    const ids = [JOB_ID, OTHER_JOB];
    const sent: GenerationCommand[] = [];
    const drafts: Draft[] = [];
    const store = createPanelStore({
      bindingKey: 'tab-7',
      send: (command) => {
        GenerationCommandSchema.parse(command);
        sent.push(command);
      },
      saveDraft: async (d) => void drafts.push(structuredClone(d)),
      newJobId: () => ids.shift()!,
    });
    store.hydrate(draft({ transcript: TRANSCRIPT, includeBillingCodes: true, includePatientSummary: true }));
    store.generate();
    store.receive({ type: 'event', jobId: JOB_ID, event: { type: 'section', section: 'plan', content: 'Fluids.', mode: 'append' } });
    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete', missingExtras: missing });
    store.editSection('plan', 'Fluids and rest; my edit.');
    sent.length = 0;
    return { store, sent, drafts };
  }

  it('names what is missing once the note is done, and keeps saying so after the panel reopens', async () => {
    const { store, drafts } = completedWithout();
    expect(store.missingExtras.value).toEqual(['billing_codes', 'patient_summary']);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY);
    expect(drafts.at(-1)!.missingExtras).toEqual(['billing_codes', 'patient_summary']);
    const reopened = setup();
    reopened.store.hydrate(drafts.at(-1)!);
    expect(reopened.store.missingExtras.value).toEqual(['billing_codes', 'patient_summary']);
  });

  it('getting them asks for a whole note with only the missing flags, and adds only its extras: the edited note stays', () => {
    const { store, sent } = completedWithout(['billing_codes']);
    store.getMissingExtras();
    expect(sent).toHaveLength(1);
    const command = sent[0]!;
    expect(command).toMatchObject({ type: 'generate', jobId: OTHER_JOB, whole: true });
    expect(command.type === 'generate' && command.request).toMatchObject({ transcript: TRANSCRIPT, include_billing_codes: true });
    expect(command.type === 'generate' && command.request.include_patient_summary).toBeFalsy();
    expect(store.extrasRequest.value?.status).toBe('running');
    expect(store.status.value).toBe('complete'); // the note on show is not a running job again

    store.receive({ type: 'snapshot', job: snapshot({ id: OTHER_JOB, status: 'starting', note: { sections: { subjective: '', objective: '', assessment: '', plan: '' }, extras: {} } }) });
    store.receive({ type: 'event', jobId: OTHER_JOB, event: { type: 'section', section: 'plan', content: 'Another plan.', mode: 'append' } });
    store.receive({ type: 'event', jobId: OTHER_JOB, event: { type: 'extra', key: 'billing_codes', value: CODES } });
    store.receive({ type: 'event', jobId: OTHER_JOB, event: { type: 'extra', key: 'patient_summary', value: 'Not asked for.' } });
    store.receive({ type: 'event', jobId: OTHER_JOB, event: { type: 'done' } });
    store.receive({ type: 'status', jobId: OTHER_JOB, status: 'complete' });

    expect(store.sections.value.plan).toBe('Fluids and rest; my edit.');
    expect(store.note.value.extras.billing_codes).toEqual(CODES);
    expect(store.note.value.extras.patient_summary).toBeUndefined();
    expect(store.missingExtras.value).toEqual([]);
    expect(store.extrasRequest.value).toBeUndefined();
  });

  it('a failed request says why and keeps offering; one that again lacks them says the server does not offer them', () => {
    const { store } = completedWithout(['patient_summary']);
    store.getMissingExtras();
    store.receive({ type: 'status', jobId: OTHER_JOB, status: 'error', error: SERVER_ERROR });
    expect(store.extrasRequest.value).toMatchObject({ status: 'error', error: SERVER_ERROR });
    expect(store.missingExtras.value).toEqual(['patient_summary']);
    expect(store.sections.value.plan).toBe('Fluids and rest; my edit.');
  });

  it('needs the transcript the note was made from', () => {
    const { store, sent } = completedWithout();
    store.transcript.value = '';
    store.getMissingExtras();
    expect(sent).toEqual([]);
    expect(store.extrasRequest.value?.error?.message).toMatch(/transcript/);
  });

  it('a new note clears the notice and ignores the old request’s answer', () => {
    const ids = [JOB_ID, OTHER_JOB, '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'];
    const sent: GenerationCommand[] = [];
    const store = createPanelStore({ bindingKey: 'tab-7', send: (c) => void sent.push(c), saveDraft: async () => {}, newJobId: () => ids.shift()! });
    store.hydrate(draft({ transcript: TRANSCRIPT, includeBillingCodes: true }));
    store.generate();
    store.receive({ type: 'status', jobId: JOB_ID, status: 'complete', missingExtras: ['billing_codes'] });
    store.getMissingExtras();
    store.generate();
    expect(store.missingExtras.value).toEqual([]);
    store.receive({ type: 'event', jobId: OTHER_JOB, event: { type: 'extra', key: 'billing_codes', value: CODES } });
    store.receive({ type: 'status', jobId: OTHER_JOB, status: 'complete' });
    expect(store.note.value.extras.billing_codes).toBeUndefined();
  });

  it('a note made whole says so while it is written', () => {
    const s = running();
    s.store.receive({ type: 'snapshot', job: snapshot({ status: 'starting', delivery: 'whole' }) });
    expect(s.store.wholeDelivery.value).toBe(true);
  });
});

describe('a fresh panel', () => {
  it('saves no draft it has not touched (Clear all data and the idle timeout leave none behind)', async () => {
    const s = setup();
    s.store.hydrate(draft());
    await vi.advanceTimersByTimeAsync(SAVE_DELAY * 4);
    expect(s.drafts).toEqual([]);
  });
});

describe('consent for a note from the typed transcript', () => {
  const CONSENT = { confirmedAt: 1_765_000_000_000, by: 'Dr A. Lee', placement: 'subjective-end' as const };
  /** The recorder's tick, as mount-side-panel.tsx hands it over. */
  function tick(required: boolean) {
    const state = { ticked: false, refusals: 0 };
    const consent = {
      current: () => ({ required, consent: required && state.ticked ? CONSENT : undefined }),
      refused: () => void (state.refusals += 1),
      used: () => void (state.ticked = false),
    };
    return { state, consent };
  }

  it('while asked for, Generate note (button or shortcut: the same call) is refused with its reason until the box is ticked, and sends nothing', () => {
    const { state, consent } = tick(true);
    const { store, send } = setup({ transcriptConsent: consent });
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    store.generate();
    expect(store.problem.value).toMatchObject({ kind: 'no-consent', nextStep: 'Ask the patient, tick Patient agreed to be recorded, then press Generate note.' });
    expect(state.refusals).toBe(1);
    expect(send).not.toHaveBeenCalled();
    // Ticking answers the refusal; Generate note then sends the consent with the note.
    state.ticked = true;
    store.consentGiven();
    expect(store.problem.value).toBeUndefined();
    store.generate();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({ type: 'generate', consent: CONSENT });
    // Used: the next note is asked for again.
    expect(state.ticked).toBe(false);
  });

  it('Retry of the same transcript sends the consent it was confirmed with, without a new tick; a changed transcript is asked for again', () => {
    const { state, consent } = tick(true);
    const { store, sent } = setup({ transcriptConsent: consent });
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    state.ticked = true;
    store.generate();
    store.receive({ type: 'status', jobId: JOB_ID, status: 'error', error: SERVER_ERROR });
    store.retry();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ type: 'generate', consent: CONSENT });
    store.receive({ type: 'status', jobId: JOB_ID, status: 'error', error: SERVER_ERROR });
    store.transcript.value = `${TRANSCRIPT} Also a headache.`;
    store.retry();
    expect(sent).toHaveLength(2);
    expect(store.problem.value?.kind).toBe('no-consent');
  });

  it('not asked for: the note goes without consent and the tick is left alone', () => {
    const { state, consent } = tick(false);
    const { store, sent } = setup({ transcriptConsent: consent });
    store.hydrate(draft({ transcript: TRANSCRIPT }));
    store.generate();
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('consent');
    expect(state.refusals).toBe(0);
  });
});

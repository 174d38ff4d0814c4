import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiErrorInfo } from '../api/errors';
import type { JobSnapshot } from '../messaging/background-to-ui';
import { GenerationCommandSchema, type GenerationCommand } from '../messaging/ui-to-background';
import type { Draft } from '../storage/drafts';
import { createPanelStore } from './panel-store';

const NOTE_JOB = '0b6f3c1e-6a57-4d2b-9c8e-2f0a4d1b7e93';
const REGEN_JOB = '9d0e4a2b-1c3f-4e5a-8b7c-6d5e4f3a2b1c';
const TRANSCRIPT = 'Patient reports a sore throat for three days, no fever, mild cough at night.';
const GENERATED = { subjective: 'Sore throat for three days.', objective: 'No fever.', assessment: 'Viral pharyngitis.', plan: '1. Rest.\n2. Fluids.' };
const LIMIT: ApiErrorInfo = {
  kind: 'balance',
  message: 'Your SOAP Note API balance is used up, or your test key has used its requests for today.',
  nextStep: 'Add funds in the SOAP Note API dashboard, or wait until tomorrow if you use a test key (10 requests a day).',
  retryable: false,
  status: 429,
};

/** A store holding a complete note from the transcript (job NOTE_JOB), Subjective edited by hand. */
function withNote() {
  const sent: GenerationCommand[] = [];
  const drafts: Draft[] = [];
  const ids = [NOTE_JOB, REGEN_JOB, REGEN_JOB];
  const store = createPanelStore({
    bindingKey: 'tab-7',
    send: (command) => sent.push(GenerationCommandSchema.parse(command)),
    saveDraft: async (d) => void drafts.push(structuredClone(d)),
    newJobId: () => ids.shift()!,
    context: () => ({ patient_info: { age: 40 } }),
  });
  store.hydrate({ transcript: TRANSCRIPT, specialty: 'physician', template: 'standard', includeBillingCodes: true, includePatientSummary: false, customInstructions: 'Be brief.' });
  store.generate();
  store.receive({ type: 'snapshot', job: job(NOTE_JOB, 'complete', GENERATED) });
  store.editSection('subjective', 'Sore throat for three days. Edited by the clinician.');
  sent.length = 0;
  return { store, sent, drafts };
}

function job(id: string, status: JobSnapshot['status'], sections: JobSnapshot['note']['sections'], error?: ApiErrorInfo): JobSnapshot {
  return { id, bindingKey: 'tab-7', status, note: { sections, extras: {} }, startedAt: 1, updatedAt: 2, ...(error && { error }) };
}

const chunk = (content: string, section: 'plan' | 'subjective' = 'plan') =>
  ({ type: 'event', jobId: REGEN_JOB, event: { type: 'section', section, content, mode: 'append' } }) as const;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('regenerateSection', () => {
  it('sends the note’s own request again with the instruction scoped to the section, and what the note now holds', () => {
    const { store, sent } = withNote();
    store.transcript.value = 'Something typed afterwards that the note was not made from, long enough to send.';
    store.regenerateSection('plan', 'shorter');
    expect(sent).toHaveLength(1);
    const command = sent[0]!;
    if (command.type !== 'generate') throw new Error(command.type);
    expect(command.jobId).toBe(REGEN_JOB);
    expect(command.request.transcript).toBe(TRANSCRIPT);
    expect(command.request.context?.patient_info).toEqual({ age: 40 });
    expect(command.request.context?.custom_instructions).toBe('Be brief.\n\nRewrite only the Plan section: shorter');
    expect(command.request.include_billing_codes).toBeUndefined();
    expect(command.regenerate).toEqual({ section: 'plan', keep: { ...GENERATED, subjective: 'Sore throat for three days. Edited by the clinician.' } });
  });

  it('a regenerated section keeps the consent line it had, where it was: the API knows nothing of it', () => {
    const { store } = withNote();
    const line = 'Patient consented to audio recording of this visit; confirmed by Dr A. Lee at 14:32 on 7 Dec 2026.';
    store.editSection('subjective', `Sore throat for three days.\n\n${line}`);
    store.regenerateSection('subjective', 'shorter');
    store.receive(chunk('Sore throat, 3 days.', 'subjective'));
    store.receive({ type: 'status', jobId: REGEN_JOB, status: 'complete' });
    expect(store.sections.value.subjective).toBe(`Sore throat, 3 days.\n\n${line}`);
    store.undoRegeneration();
    expect(store.sections.value.subjective).toBe(`Sore throat for three days.\n\n${line}`);
  });

  it('streams into the chosen section only; the other sections and the clinician’s edit stay exactly; undo puts the old text back', () => {
    const { store } = withNote();
    const before = { ...store.sections.value };
    store.regenerateSection('plan', 'shorter');
    expect(store.regenerating.value).toBe('plan');
    store.receive({ type: 'snapshot', job: job(REGEN_JOB, 'starting', { ...before, plan: '' }) });
    store.receive(chunk('1. Rest'));
    expect(store.sections.value.plan).toBe('1. Rest');
    // A chunk for another section of the new note is not taken.
    store.receive(chunk('A different subjective.', 'subjective'));
    store.receive(chunk(' and fluids.'));
    store.receive({ type: 'status', jobId: REGEN_JOB, status: 'complete' });
    expect(store.sections.value).toEqual({ ...before, plan: '1. Rest and fluids.' });
    expect(store.regenerating.value).toBeUndefined();
    expect(store.undoRegenerate.value).toEqual({ section: 'plan', previous: GENERATED.plan });
    // The main job's status is untouched: the note is still complete and editable.
    expect(store.status.value).toBe('complete');
    store.undoRegeneration();
    expect(store.sections.value).toEqual(before);
    expect(store.undoRegenerate.value).toBeUndefined();
  });

  it('says which section the API is on while it writes the ones before the section asked for', () => {
    const { store } = withNote();
    store.regenerateSection('plan', 'shorter');
    expect(store.regeneration.value?.apiAt).toBeUndefined();
    store.receive(chunk('A different subjective.', 'subjective'));
    expect(store.regeneration.value?.apiAt).toBe('subjective');
    expect(store.sections.value.plan).toBe(GENERATED.plan); // the old Plan stays on show meanwhile
    store.receive(chunk('1. Rest'));
    expect(store.regeneration.value?.apiAt).toBe('plan');
  });

  it('Undo regenerate still works after the panel is closed and opened again (it is in the draft)', async () => {
    const { store, drafts } = withNote();
    store.regenerateSection('plan', 'shorter');
    store.receive(chunk('1. Rest.'));
    store.receive({ type: 'status', jobId: REGEN_JOB, status: 'complete' });
    await vi.advanceTimersByTimeAsync(1000);
    const saved = drafts.at(-1)!;
    expect(saved.undoRegenerate).toEqual({ section: 'plan', previous: GENERATED.plan });

    const reopened = createPanelStore({ bindingKey: 'tab-7', send: () => undefined, saveDraft: async () => undefined, newJobId: () => NOTE_JOB });
    reopened.hydrate(saved);
    expect(reopened.sections.value.plan).toBe('1. Rest.');
    reopened.undoRegeneration();
    expect(reopened.sections.value.plan).toBe(GENERATED.plan);
  });

  it('keeps the section read-only while it streams, the others editable', () => {
    const { store } = withNote();
    store.regenerateSection('plan', '');
    store.editSection('plan', 'typed over');
    store.editSection('objective', 'No fever. Throat red.');
    expect(store.sections.value.plan).toBe(GENERATED.plan);
    expect(store.sections.value.objective).toBe('No fever. Throat red.');
  });

  it('puts the old text back with the limit’s words when the test key has used its 10 requests', () => {
    const { store } = withNote();
    store.regenerateSection('plan', 'shorter');
    store.receive(chunk('1. Re'));
    store.receive({ type: 'status', jobId: REGEN_JOB, status: 'error', error: LIMIT });
    expect(store.sections.value.plan).toBe(GENERATED.plan);
    const failed = store.regeneration.value;
    expect(failed?.status).toBe('error');
    expect(failed?.error?.message).toMatch(/Plan was not regenerated: .*test key has used its requests for today.* Plan is as it was before\./);
    expect(failed?.error?.nextStep).toMatch(/10 requests a day/);
    expect(store.undoRegenerate.value).toBeUndefined();
  });

  it('a stopped or cut-off regenerate leaves the old text, in words', () => {
    const stopped = withNote();
    stopped.store.regenerateSection('plan', 'shorter');
    stopped.store.stopRegeneration();
    expect(stopped.sent.at(-1)).toEqual({ type: 'stop', jobId: REGEN_JOB });
    stopped.store.receive(chunk('1. Half'));
    stopped.store.receive({ type: 'status', jobId: REGEN_JOB, status: 'cancelled' });
    expect(stopped.store.sections.value.plan).toBe(GENERATED.plan);
    expect(stopped.store.regeneration.value?.error?.message).toBe('Regenerating Plan was stopped. Plan is as it was before.');

    const cut = withNote();
    cut.store.regenerateSection('plan', 'shorter');
    cut.store.receive(chunk('1. Half'));
    cut.store.receive({ type: 'status', jobId: REGEN_JOB, status: 'incomplete', interruption: 'stream-cut' });
    expect(cut.store.sections.value.plan).toBe(GENERATED.plan);
    expect(cut.store.regeneration.value?.error?.message).toMatch(/cut off/);
  });

  it('saves the draft with the old section while the new one streams (a panel closed mid-stream comes back whole)', async () => {
    const { store, drafts } = withNote();
    store.regenerateSection('plan', 'shorter');
    store.receive(chunk('1. Half'));
    await vi.advanceTimersByTimeAsync(300);
    expect(drafts.at(-1)?.note?.sections.plan).toBe(GENERATED.plan);
    store.receive({ type: 'status', jobId: REGEN_JOB, status: 'complete' });
    await vi.advanceTimersByTimeAsync(300);
    expect(drafts.at(-1)?.note?.sections.plan).toBe('1. Half');
  });

  it('does nothing while a note is being written, and blocks Generate note while it runs', () => {
    const { store, sent } = withNote();
    store.regenerateSection('plan', 'shorter');
    sent.length = 0;
    store.regenerateSection('objective', 'shorter');
    store.generate();
    expect(sent).toEqual([]);
  });

  it('for a note whose request is not known (reopened from history), uses the visit’s words and options as they are', () => {
    const { store, sent } = withNote();
    store.showNote({ sections: GENERATED, extras: {} }, undefined);
    store.regenerateSection('assessment', 'more detail');
    const command = sent[0]!;
    if (command.type !== 'generate') throw new Error(command.type);
    expect(command.request.transcript).toBe(TRANSCRIPT);
    expect(command.request.context?.custom_instructions).toBe('Be brief.\n\nRewrite only the Assessment section: more detail');
  });

  it('refuses in words when there is no transcript to make the new note from', () => {
    const { store, sent } = withNote();
    store.showNote({ sections: GENERATED, extras: {} }, undefined);
    store.transcript.value = '';
    store.regenerateSection('plan', 'shorter');
    expect(sent).toEqual([]);
    expect(store.regeneration.value?.status).toBe('error');
    expect(store.regeneration.value?.error?.message).toMatch(/no longer in the Transcript box/);
  });
});

import { describe, expect, it } from 'vitest';
import { toErrorInfo } from '../api/errors';
import { errorFromResponse } from '../api/errors';
import type { NoteRequest } from '../api/schemas';
import { MAX_REGENERATE_INSTRUCTION_LENGTH, regenerateFailure, regenerateProgress, regenerateRequest, replaceSection, scopedInstruction } from './section-regenerate';
import { MAX_INSTRUCTIONS_LENGTH } from './style-rules';

const BASE: NoteRequest = {
  transcript: 'Patient reports a sore throat for three days, no fever, mild cough at night.',
  specialty: 'physician',
  template: 'standard',
  context: { patient_info: { age: 40, allergies: ['penicillin'] }, custom_instructions: 'Style rules:\nPlan: numbered list' },
  include_billing_codes: true,
  include_patient_summary: true,
};

describe('scopedInstruction', () => {
  it('names the one section to rewrite, with the instruction', () => {
    expect(scopedInstruction('plan', '  shorter ')).toBe('Rewrite only the Plan section: shorter');
    expect(scopedInstruction('objective', '')).toBe('Rewrite only the Objective section.');
  });
});

describe('regenerateRequest', () => {
  it('sends the same inputs, the note’s own instructions first and the scoped one after', () => {
    const built = regenerateRequest(BASE, 'plan', 'shorter');
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.request.transcript).toBe(BASE.transcript);
    expect(built.request.specialty).toBe('physician');
    expect(built.request.template).toBe('standard');
    expect(built.request.context?.patient_info).toEqual(BASE.context?.patient_info);
    expect(built.request.context?.custom_instructions).toBe('Style rules:\nPlan: numbered list\n\nRewrite only the Plan section: shorter');
  });

  it('does not ask for billing codes or a (billed) patient summary again: only one section is taken', () => {
    const built = regenerateRequest(BASE, 'plan', 'shorter');
    if (!built.ok) throw new Error('refused');
    expect(built.request.include_billing_codes).toBeUndefined();
    expect(built.request.include_patient_summary).toBeUndefined();
  });

  it('works for a note that had no context or instructions', () => {
    const built = regenerateRequest({ transcript: BASE.transcript, specialty: 'physician' }, 'subjective', 'add the review of systems');
    if (!built.ok) throw new Error('refused');
    expect(built.request.context).toEqual({ custom_instructions: 'Rewrite only the Subjective section: add the review of systems' });
  });

  it('refuses, in words, an instruction over its length, and one that makes the field too long', () => {
    const long = regenerateRequest(BASE, 'plan', 'x'.repeat(MAX_REGENERATE_INSTRUCTION_LENGTH + 1));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toMatch(/Nothing was sent/);
    const full = regenerateRequest({ ...BASE, context: { custom_instructions: 'y'.repeat(MAX_INSTRUCTIONS_LENGTH - 10) } }, 'plan', 'shorter');
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.error.nextStep).toMatch(/Shorten the instruction/);
  });
});

describe('replaceSection', () => {
  it('changes only the chosen section, every other section’s text exactly as it was', () => {
    const sections = { subjective: 'Edited by hand.  \n', objective: 'BP 120/80.', assessment: 'Pharyngitis.', plan: '1. Rest.' };
    const next = replaceSection(sections, 'plan', '1. Rest and fluids.');
    expect(next).toEqual({ ...sections, plan: '1. Rest and fluids.' });
    expect(sections.plan).toBe('1. Rest.');
  });
});

describe('regenerateFailure', () => {
  it('says the test key’s daily limit in the API error’s own words, and that the section is as it was', async () => {
    const limit = toErrorInfo(
      await errorFromResponse(new Response(JSON.stringify({ error: { code: 'DAILY_LIMIT_EXCEEDED', message: 'Test key limit' } }), { status: 429 })),
    );
    const words = regenerateFailure('plan', 'error', limit);
    expect(words.kind).toBe('balance');
    expect(words.message).toMatch(/^Plan was not regenerated: .*test key has used its requests for today/);
    expect(words.message).toMatch(/Plan is as it was before\.$/);
    expect(words.nextStep).toMatch(/10 requests a day/);
  });

  it('says a stop and a cut stream plainly', () => {
    expect(regenerateFailure('assessment', 'cancelled', undefined).message).toBe('Regenerating Assessment was stopped. Assessment is as it was before.');
    expect(regenerateFailure('plan', 'incomplete', undefined).message).toMatch(/cut off .* not used/);
    expect(regenerateFailure('plan', 'empty', undefined).message).toMatch(/without a Plan section/);
  });
});

describe('regenerateProgress', () => {
  it('says where the API is while it writes the sections before the one asked for, and that the old text stays until then', () => {
    expect(regenerateProgress('plan', undefined)).toBe('Regenerating Plan: waiting for the SOAP Note API to start writing.');
    expect(regenerateProgress('plan', 'objective')).toBe(
      'Regenerating Plan: the SOAP Note API writes the note in order and is on Objective now; the Plan shown is the old one until the new one starts.',
    );
    expect(regenerateProgress('plan', 'plan')).toBe('Regenerating Plan: the new text replaces the old as it arrives.');
    expect(regenerateProgress('subjective', 'assessment')).toBe('Regenerating Subjective: the new Subjective is in; the SOAP Note API is finishing the note.');
  });
});

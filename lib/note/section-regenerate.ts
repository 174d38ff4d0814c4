import type { ApiErrorInfo } from '../api/errors';
import type { NoteRequest } from '../api/schemas';
import { SECTION_LABELS, SOAP_SECTIONS, type NoteSections, type SoapSection } from './sections';
import { MAX_INSTRUCTIONS_LENGTH } from './style-rules';

/**
 * Regenerating one section: a new note is asked for with the same inputs as the note on show plus an
 * instruction scoped to that section, and only that section of the answer is taken. Pure functions;
 * the panel store runs the job (lib/panel/panel-store.ts).
 */

/** What the instruction box may hold: a short steer ("shorter", "add the review of systems"). */
export const MAX_REGENERATE_INSTRUCTION_LENGTH = 500;

/** The line added to the instruction field, naming the one section to rewrite. */
export function scopedInstruction(section: SoapSection, instruction: string): string {
  const label = SECTION_LABELS[section];
  const text = instruction.trim();
  return text === '' ? `Rewrite only the ${label} section.` : `Rewrite only the ${label} section: ${text}`;
}

export type RegenerateRequest = { ok: true; request: NoteRequest } | { ok: false; error: ApiErrorInfo };

/**
 * The request for a regenerate: `base` (the request the note on show was made with) with the scoped
 * instruction after any instructions it already carried. Extras (billing codes, patient summary) are
 * not asked for again: only one section is taken, and the patient summary is billed on its own.
 * Too long an instruction field is refused whole, never cut.
 */
export function regenerateRequest(base: NoteRequest, section: SoapSection, instruction: string): RegenerateRequest {
  if (instruction.trim().length > MAX_REGENERATE_INSTRUCTION_LENGTH) {
    return {
      ok: false,
      error: {
        kind: 'validation',
        message: `The instruction is ${instruction.trim().length.toLocaleString('en')} characters long; Chartside sends at most ${MAX_REGENERATE_INSTRUCTION_LENGTH}. Nothing was sent.`,
        nextStep: 'Shorten the instruction, then press Regenerate again.',
        retryable: false,
      },
    };
  }
  const earlier = base.context?.custom_instructions?.trim();
  const custom = [earlier, scopedInstruction(section, instruction)].filter((p) => p !== undefined && p !== '').join('\n\n');
  if (custom.length > MAX_INSTRUCTIONS_LENGTH) {
    return {
      ok: false,
      error: {
        kind: 'validation',
        message: `With the note's style rules and custom instructions, the instructions come to ${custom.length.toLocaleString('en')} characters; Chartside sends at most ${MAX_INSTRUCTIONS_LENGTH.toLocaleString('en')}. Nothing was sent.`,
        nextStep: 'Shorten the instruction, then press Regenerate again.',
        retryable: false,
      },
    };
  }
  const { include_billing_codes: _codes, include_patient_summary: _summary, include_icd11: _icd11, ...rest } = base;
  return { ok: true, request: { ...rest, context: { ...(base.context ?? {}), custom_instructions: custom } } };
}

/** The note's sections with only `section` changed; every other section's text is kept exactly. */
export function replaceSection(sections: NoteSections, section: SoapSection, text: string): NoteSections {
  return { ...sections, [section]: text };
}

/**
 * Why a regenerate ended without a new section, in words: the API's own error when there is one
 * (the test key's daily limit among them), else what happened. The previous text is back in every case.
 */
export function regenerateFailure(section: SoapSection, ended: 'error' | 'cancelled' | 'incomplete' | 'empty', error: ApiErrorInfo | undefined): ApiErrorInfo {
  const label = SECTION_LABELS[section];
  const kept = `${label} is as it was before.`;
  if (error && ended !== 'cancelled') return { ...error, message: `${label} was not regenerated: ${error.message} ${kept}` };
  switch (ended) {
    case 'cancelled':
      return { kind: 'aborted', message: `Regenerating ${label} was stopped. ${kept}`, nextStep: 'Press Regenerate again when you are ready.', retryable: true };
    case 'incomplete':
      return { kind: 'stream', message: `The new ${label} was cut off before it was finished, so it was not used. ${kept}`, nextStep: 'Press Regenerate again.', retryable: true };
    case 'empty':
      return { kind: 'bad_response', message: `The SOAP Note API sent a note without a ${label} section. ${kept}`, nextStep: 'Press Regenerate again, or edit the section by hand.', retryable: true };
    case 'error':
      return { kind: 'unknown', message: `${label} was not regenerated. ${kept}`, nextStep: 'Press Regenerate again.', retryable: true };
  }
}

/**
 * What the panel says while a section is regenerated. The API writes the whole note in order and
 * only `section` is taken, so regenerating the Plan waits while three other sections stream: the
 * clinician is told where the API is, and that the old text stays until the new one starts.
 */
export function regenerateProgress(section: SoapSection, apiAt: SoapSection | undefined): string {
  const label = SECTION_LABELS[section];
  if (apiAt === section) return `Regenerating ${label}: the new text replaces the old as it arrives.`;
  if (apiAt === undefined) return `Regenerating ${label}: waiting for the SOAP Note API to start writing.`;
  const order = SOAP_SECTIONS.indexOf(apiAt) < SOAP_SECTIONS.indexOf(section);
  return order
    ? `Regenerating ${label}: the SOAP Note API writes the note in order and is on ${SECTION_LABELS[apiAt]} now; the ${label} shown is the old one until the new one starts.`
    : `Regenerating ${label}: the new ${label} is in; the SOAP Note API is finishing the note.`;
}

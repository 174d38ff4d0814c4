import { describe, expect, it } from 'vitest';
import { fieldInOurWords, joinWords } from './field-words';

describe('fieldInOurWords', () => {
  it('names the fields Chartside sends as a clinician would', () => {
    expect(fieldInOurWords('context.patient_info.age')).toBe('the patient’s age');
    expect(fieldInOurWords('transcript')).toBe('the transcript');
    expect(fieldInOurWords('context.custom_instructions')).toBe('the custom instructions');
    expect(fieldInOurWords('patient_info.age')).toBe('the patient’s age');
  });

  it('counts list items from 1, in any path spelling', () => {
    expect(fieldInOurWords('context.chat_messages[0].role')).toBe('who wrote portal message 1');
    expect(fieldInOurWords('context.chat_messages.2.timestamp')).toBe('the time of portal message 3');
    expect(fieldInOurWords('/visits/1/visit_date')).toBe('the date of visit 2');
    expect(fieldInOurWords('visits[0].soap_note.plan')).toBe('the note of visit 1');
    expect(fieldInOurWords('context.patient_info.allergies[3]')).toBe('allergy 4');
  });

  it('looks through a body. or metadata. prefix', () => {
    expect(fieldInOurWords('body.specialty')).toBe('the specialty');
    expect(fieldInOurWords('metadata.context.patient_info.age')).toBe('the patient’s age');
  });

  it('does not guess at a field it does not know', () => {
    expect(fieldInOurWords('frobnicate')).toBeUndefined();
    expect(fieldInOurWords('context.patient_info.shoe_size')).toBeUndefined();
    expect(fieldInOurWords('')).toBeUndefined();
  });
});

describe('joinWords', () => {
  it('reads as a sentence', () => {
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

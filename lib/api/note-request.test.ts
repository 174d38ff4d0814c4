import { describe, expect, it } from 'vitest';
import { buildNoteOptions, buildNoteRequest } from './note-request';

const transcript = 'Patient presents with headaches since the medication change two weeks ago.';

describe('buildNoteRequest', () => {
  it('sends only transcript and specialty when nothing else is known', () => {
    expect(
      buildNoteRequest({
        transcript,
        specialty: 'physician',
        template: '',
        context: { patient_info: { name: ' ', medications: [], allergies: [''] }, patient_history: '', chat_messages: [] },
        include_billing_codes: false,
        include_patient_summary: false,
        include_icd11: null,
      }),
    ).toEqual({ transcript, specialty: 'physician' });
  });

  it('keeps what is known, unchanged', () => {
    expect(
      buildNoteRequest({
        transcript,
        specialty: 'physician',
        template: 'standard',
        context: {
          patient_info: { name: 'John Smith', age: 45, gender: null, medications: ['Lisinopril 10mg', ''], allergies: null },
          chat_messages: [
            { role: 'patient', content: 'I have headaches', timestamp: '2026-03-14T10:00:00Z' },
            { role: 'provider', content: '   ' },
            { role: 'provider', content: 'How often?', timestamp: '' },
          ],
          custom_instructions: 'Use bullet points in the plan.',
        },
        include_billing_codes: true,
        include_patient_summary: true,
        include_icd11: true,
      }),
    ).toEqual({
      transcript,
      specialty: 'physician',
      template: 'standard',
      context: {
        patient_info: { name: 'John Smith', age: 45, medications: ['Lisinopril 10mg'] },
        chat_messages: [
          { role: 'patient', content: 'I have headaches', timestamp: '2026-03-14T10:00:00Z' },
          { role: 'provider', content: 'How often?' },
        ],
        custom_instructions: 'Use bullet points in the plan.',
      },
      include_billing_codes: true,
      include_patient_summary: true,
      include_icd11: true,
    });
  });

  it('drops an age that is not a usable number', () => {
    expect(buildNoteRequest({ transcript, specialty: 'physician', context: { patient_info: { age: Number.NaN } } })).toEqual({
      transcript,
      specialty: 'physician',
    });
  });

  it('sends an age only as a positive whole number, as the vendor’s client does', () => {
    const ageOf = (age: number) => buildNoteRequest({ transcript, specialty: 'physician', context: { patient_info: { age, gender: 'female' } } }).context?.patient_info;
    expect(ageOf(45)).toEqual({ age: 45, gender: 'female' });
    for (const age of [0, -1, 45.5, Number.POSITIVE_INFINITY]) expect(ageOf(age)).toEqual({ gender: 'female' });
  });

  it('sends portal messages as patient or provider, mapping the portal’s words, and leaves out an author it cannot tell', () => {
    const body = buildNoteRequest({
      transcript,
      specialty: 'physician',
      context: {
        chat_messages: [
          { role: 'Patient', content: 'Headaches since Monday.', timestamp: '2026-03-14T10:00:00Z' },
          { role: 'Dr. Chen', content: 'How often?' },
          { role: 'clinician', content: 'Any nausea?' },
          { role: 'nurse', content: 'Please log your BP.', timestamp: 'yesterday 9:14 AM' },
          { role: 'unknown', content: 'Who wrote this?' },
          { role: 'maria alvarez', content: 'A name alone says neither side.' },
          { content: 'No author at all.' },
        ],
      },
    });
    expect(body.context?.chat_messages).toEqual([
      { role: 'patient', content: 'Headaches since Monday.', timestamp: '2026-03-14T10:00:00Z' },
      { role: 'provider', content: 'How often?' },
      { role: 'provider', content: 'Any nausea?' },
      // A time that is not ISO 8601 is left off; the message is still sent.
      { role: 'provider', content: 'Please log your BP.' },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/unknown/);
  });

  it('sends no chat_messages at all when no author can be told', () => {
    expect(buildNoteRequest({ transcript, specialty: 'physician', context: { chat_messages: [{ role: 'unknown', content: 'Hm.' }] } })).toEqual({
      transcript,
      specialty: 'physician',
    });
  });

  it('never produces deprecated aliases, whatever it is given', () => {
    const input = { transcript, specialty: 'physician', shorthand_notes: 'x', provider_type: 'y', template_id: 'z' };
    const body = buildNoteRequest(input);
    expect(body).not.toHaveProperty('shorthand_notes');
    expect(body).not.toHaveProperty('provider_type');
    expect(body).not.toHaveProperty('template_id');
  });
});

describe('buildNoteOptions', () => {
  it('is the request without the transcript', () => {
    expect(buildNoteOptions({ specialty: 'slp', include_patient_summary: true })).toEqual({
      specialty: 'slp',
      include_patient_summary: true,
    });
  });
});

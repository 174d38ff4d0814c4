import { describe, expect, it } from 'vitest';
import {
  AudioAcceptedSchema,
  AudioStatusSchema,
  DEFAULT_BILLING_DISCLAIMER,
  ErrorBodySchema,
  NoteRequestSchema,
  NoteSchema,
  NoteWithStatusSchema,
  VisitSummaryRequestSchema,
  VisitSummarySchema,
} from './schemas';

const transcript = 'Patient presents with headaches since the medication change two weeks ago.';

describe('NoteRequestSchema', () => {
  it('accepts the vendor example request', () => {
    const req = {
      transcript,
      specialty: 'nurse_practitioner',
      include_billing_codes: true,
      include_patient_summary: true,
      context: {
        patient_info: {
          name: 'John Smith',
          age: 45,
          gender: 'male',
          medications: ['Lisinopril 10mg'],
          allergies: ['Penicillin'],
          medical_history: 'Type 2 diabetes',
        },
        patient_history: 'Last visit 2 weeks ago',
        chat_messages: [{ role: 'patient', content: 'Headaches', timestamp: '2026-03-14T10:00:00Z' }],
        custom_instructions: 'Be brief.',
      },
      include_icd11: true,
    };
    expect(NoteRequestSchema.parse(req)).toEqual(req);
  });

  it('lets through only what the API accepts: whole-year ages and patient/provider roles', () => {
    const base = { transcript, specialty: 'physician' };
    expect(NoteRequestSchema.safeParse({ ...base, context: { patient_info: { age: 45.5 } } }).success).toBe(false);
    expect(NoteRequestSchema.safeParse({ ...base, context: { patient_info: { age: 0 } } }).success).toBe(false);
    expect(NoteRequestSchema.safeParse({ ...base, context: { chat_messages: [{ role: 'unknown', content: 'x' }] } }).success).toBe(false);
    expect(NoteRequestSchema.safeParse({ ...base, context: { chat_messages: [{ role: 'Patient', content: 'x' }] } }).success).toBe(false);
    expect(NoteRequestSchema.safeParse({ ...base, context: { patient_info: { age: 45 }, chat_messages: [{ role: 'provider', content: 'x' }] } }).success).toBe(true);
  });

  it('rejects a transcript under 50 characters with a plain message', () => {
    const result = NoteRequestSchema.safeParse({ transcript: 'too short', specialty: 'physician' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at least 50 characters/);
  });

  it('strips deprecated aliases and unknown keys so they are never sent', () => {
    const parsed = NoteRequestSchema.parse({
      transcript,
      specialty: 'physician',
      shorthand_notes: transcript,
      provider_type: 'physician',
      template_id: 'x',
      something_new: 1,
    });
    expect(Object.keys(parsed).sort()).toEqual(['specialty', 'transcript']);
  });
});

describe('NoteSchema', () => {
  const vendorNote = {
    noteId: 'note_01jfg8h4kx9a3bc7d2ef',
    subjective: 'S',
    objective: 'O',
    assessment: 'A',
    plan: 'P',
    transcript,
    billing_codes: {
      icd10: [{ code: 'I10', description: 'Essential (primary) hypertension' }],
      cpt: [{ code: '99214', description: 'Office visit' }],
    },
    billing_codes_disclaimer: DEFAULT_BILLING_DISCLAIMER,
    patient_summary: 'During your visit…',
    expires_at: '2026-06-15T00:00:00Z',
  };

  it('parses the vendor example response', () => {
    expect(NoteSchema.parse(vendorNote)).toEqual(vendorNote);
  });

  it('tolerates and keeps unknown fields', () => {
    const parsed = NoteSchema.parse({ ...vendorNote, model: 'v2', usage: { tokens: 12 } });
    expect(parsed).toMatchObject({ model: 'v2', usage: { tokens: 12 } });
  });

  it('defaults missing or null sections to empty strings', () => {
    const parsed = NoteSchema.parse({ noteId: 'n1', subjective: 'S', objective: null });
    expect(parsed).toMatchObject({ subjective: 'S', objective: '', assessment: '', plan: '' });
  });

  it('drops malformed optional fields and billing entries instead of failing', () => {
    const parsed = NoteSchema.parse({
      noteId: 'n1',
      patient_summary: 42,
      billing_codes: { icd10: [{ code: 'I10' }, { nope: true }, 'x'], cpt: 'none' },
    });
    expect(parsed.patient_summary).toBeUndefined();
    expect(parsed.billing_codes).toEqual({ icd10: [{ code: 'I10', description: '' }], cpt: [] });
  });

  it('reads HCPCS codes like the other systems, dropping entries that are not codes', () => {
    const parsed = NoteSchema.parse({
      noteId: 'n1',
      billing_codes: {
        icd10: [{ code: 'J10.1', description: 'Influenza' }],
        cpt: [],
        hcpcs: [{ code: 'G0008', description: 'Administration of influenza virus vaccine' }, { description: 'no code' }, 7],
      },
    });
    expect(parsed.billing_codes?.hcpcs).toEqual([{ code: 'G0008', description: 'Administration of influenza virus vaccine' }]);
    expect(NoteSchema.parse({ noteId: 'n1', billing_codes: { icd10: [], cpt: [], hcpcs: 'none' } }).billing_codes?.hcpcs).toEqual([]);
  });

  it('needs a noteId to count as a note', () => {
    expect(NoteSchema.safeParse({ subjective: 'S' }).success).toBe(false);
    expect(NoteSchema.safeParse('<html>').success).toBe(false);
  });
});

describe('NoteWithStatusSchema and audio schemas', () => {
  it('accepts a processing note without sections, status in any case', () => {
    const parsed = NoteWithStatusSchema.parse({ noteId: 'n1', status: 'PROCESSING' });
    expect(parsed.status).toBe('processing');
    expect(parsed.subjective).toBeUndefined();
  });

  it('rejects an unknown status', () => {
    expect(AudioStatusSchema.safeParse({ noteId: 'n1', status: 'exploded' }).success).toBe(false);
  });

  it('parses an audio status with extra fields', () => {
    const parsed = AudioStatusSchema.parse({ noteId: 'n1', status: 'failed', message: 'bad audio', progress: 0.5 });
    expect(parsed).toMatchObject({ status: 'failed', message: 'bad audio', progress: 0.5 });
  });

  it('parses the 202 receipt', () => {
    const body = { noteId: 'n1', status: 'processing', message: 'Audio accepted.' };
    expect(AudioAcceptedSchema.parse(body)).toEqual(body);
    expect(AudioAcceptedSchema.parse({ noteId: 'n1' }).status).toBe('processing');
  });
});

describe('VisitSummaryRequestSchema', () => {
  it('accepts the vendor example', () => {
    const req = {
      patient_info: { name: 'Jane Doe', age: 62 },
      focus: 'diabetes management',
      visits: [
        { visit_date: '2026-02-15', provider: 'Dr. Smith', soap_note: { assessment: 'E11.65', plan: 'Metformin' } },
        { visit_date: '2026-01-10', summary: 'Routine follow-up.' },
      ],
    };
    expect(VisitSummaryRequestSchema.parse(req)).toEqual(req);
  });

  it('needs at least one visit', () => {
    const result = VisitSummaryRequestSchema.safeParse({ visits: [] });
    expect(result.error?.issues[0]?.message).toMatch(/at least one visit/);
  });

  it('needs a soap_note or a summary on every visit', () => {
    const result = VisitSummaryRequestSchema.safeParse({ visits: [{ visit_date: '2026-01-10' }] });
    expect(result.error?.issues[0]?.message).toMatch(/SOAP note or a summary/);
  });

  it('needs an ISO date', () => {
    expect(VisitSummaryRequestSchema.safeParse({ visits: [{ visit_date: '10/01/2026', summary: 'x' }] }).success).toBe(false);
    expect(VisitSummaryRequestSchema.safeParse({ visits: [{ visit_date: '2026-13-45', summary: 'x' }] }).success).toBe(false);
    expect(VisitSummaryRequestSchema.safeParse({ visits: [{ visit_date: '2026-01-10T09:30:00Z', summary: 'x' }] }).success).toBe(true);
  });

  it('sends every visit date in the documented form, YYYY-MM-DD', () => {
    const parsed = VisitSummaryRequestSchema.parse({ visits: [{ visit_date: '2026-01-10T21:30:00-05:00', summary: 'x' }, { visit_date: ' 2026-02-15 ', summary: 'y' }] });
    expect(parsed.visits.map((v) => v.visit_date)).toEqual(['2026-01-10', '2026-02-15']);
    expect(VisitSummaryRequestSchema.safeParse({ visits: [{ visit_date: '2026-02-30', summary: 'x' }] }).success).toBe(false);
  });

  it('takes the patient’s age only as a positive whole number', () => {
    const visits = [{ visit_date: '2026-01-10', summary: 'x' }];
    expect(VisitSummaryRequestSchema.safeParse({ patient_info: { age: 62 }, visits }).success).toBe(true);
    for (const age of [0, 62.5, -1]) expect(VisitSummaryRequestSchema.safeParse({ patient_info: { age }, visits }).success).toBe(false);
  });
});

describe('VisitSummarySchema', () => {
  it('parses the vendor example and tolerates odd entries', () => {
    const parsed = VisitSummarySchema.parse({
      summary: '62-year-old…',
      key_findings: ['A1C up', 3],
      active_diagnoses: [{ code: 'E11.65', description: 'Type 2 DM' }],
      generated_at: 'now',
    });
    expect(parsed.key_findings).toEqual(['A1C up']);
    expect(parsed.active_diagnoses).toEqual([{ code: 'E11.65', description: 'Type 2 DM' }]);
  });

  it('defaults missing lists', () => {
    expect(VisitSummarySchema.parse({ summary: 's' })).toEqual({ summary: 's', key_findings: [], active_diagnoses: [] });
  });
});

describe('ErrorBodySchema', () => {
  it('parses the documented error body, with extra fields', () => {
    const parsed = ErrorBodySchema.parse({
      error: { code: 'invalid_api_key', message: 'The API key is missing or invalid.', details: {}, request_id: 'r1' },
    });
    expect(parsed.error.code).toBe('invalid_api_key');
  });
});

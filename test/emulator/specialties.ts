import type { SpecialtiesShape } from './faults.ts';

/** The contract's 24 specialties, in the vendor's order. */
export const SPECIALTIES: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'nurse_practitioner', name: 'Nurse Practitioner' },
  { id: 'physician', name: 'Physician' },
  { id: 'psychiatrist', name: 'Psychiatrist' },
  { id: 'psychotherapist', name: 'Psychotherapist' },
  { id: 'physical_therapy', name: 'Physical Therapy' },
  { id: 'occupational_therapy', name: 'Occupational Therapy' },
  { id: 'chiropractor', name: 'Chiropractor' },
  { id: 'dentist', name: 'Dentist' },
  { id: 'acupuncture', name: 'Acupuncture' },
  { id: 'social_worker', name: 'Social Worker' },
  { id: 'registered_nurse', name: 'Registered Nurse' },
  { id: 'slp', name: 'Speech Language Pathology' },
  { id: 'veterinary', name: 'Veterinary' },
  { id: 'massage_therapy', name: 'Massage Therapy' },
  { id: 'pharmacy', name: 'Pharmacy' },
  { id: 'podiatrist', name: 'Podiatrist' },
  { id: 'dietitian_nutritionist', name: 'Dietitian / Nutritionist' },
  { id: 'athletic_trainer', name: 'Athletic Trainer' },
  { id: 'aroma_therapy', name: 'Aromatherapy' },
  { id: 'exercise_therapy', name: 'Exercise Therapy' },
  { id: 'ems', name: 'Emergency Medical Services' },
  { id: 'paramedic', name: 'Paramedic' },
  { id: 'genetic_counselling', name: 'Genetic Counseling' },
  { id: 'generic', name: 'Generic' },
];

export const SPECIALTY_IDS: ReadonlySet<string> = new Set(SPECIALTIES.map((s) => s.id));

/**
 * Template variants listed with some specialties (the vendor lists each specialty's variants without
 * documenting the key; `templates` of `{id, name}` here). Any template id is accepted by POST /v1/note.
 */
export const TEMPLATE_VARIANTS: Readonly<Record<string, ReadonlyArray<{ id: string; name: string }>>> = {
  physician: [
    { id: 'standard', name: 'Standard' },
    { id: 'brief', name: 'Brief' },
    { id: 'detailed', name: 'Detailed' },
  ],
  psychiatrist: [
    { id: 'standard', name: 'Standard' },
    { id: 'intake', name: 'Intake' },
  ],
};

/** GET /v1/specialties in each of the shapes the contract says a client must accept. */
export function specialtiesBody(shape: SpecialtiesShape): unknown {
  switch (shape) {
    case 'ids':
      return SPECIALTIES.map((s) => s.id);
    case 'wrapped':
      return { specialties: SPECIALTIES.map((s) => ({ ...s })) };
    case 'valueLabel':
      return SPECIALTIES.map((s) => ({ value: s.id, label: s.name }));
    default:
      return SPECIALTIES.map((s) => (TEMPLATE_VARIANTS[s.id] ? { ...s, templates: TEMPLATE_VARIANTS[s.id]!.map((t) => ({ ...t })) } : { ...s }));
  }
}

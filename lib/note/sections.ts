/** The four sections of a SOAP note, in the order a note is read and inserted. */
export const SOAP_SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const;

export type SoapSection = (typeof SOAP_SECTIONS)[number];

/** The heading a clinician reads for each section (also the accessible names of the panel's section boxes). */
export const SECTION_LABELS: Record<SoapSection, string> = {
  subjective: 'Subjective',
  objective: 'Objective',
  assessment: 'Assessment',
  plan: 'Plan',
};

export type NoteSections = Record<SoapSection, string>;

export function emptySections(): NoteSections {
  return { subjective: '', objective: '', assessment: '', plan: '' };
}

export function isSoapSection(value: unknown): value is SoapSection {
  return typeof value === 'string' && (SOAP_SECTIONS as readonly string[]).includes(value);
}

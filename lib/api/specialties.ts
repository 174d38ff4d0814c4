/** A specialty the user can pick: `id` is what the API wants in `specialty`, `label` what the user reads. */
export interface Specialty {
  id: string;
  label: string;
  /** The template variants the API lists for it (`id` goes in `template`); absent when it lists none. */
  templates?: TemplateVariant[];
}

export interface TemplateVariant {
  id: string;
  label: string;
}

/**
 * The contract's list, used when GET /v1/specialties is unreachable or answers something unreadable,
 * and to put human labels on a live list that only sends ids.
 */
export const FALLBACK_SPECIALTIES: readonly Specialty[] = Object.freeze([
  { id: 'nurse_practitioner', label: 'Nurse Practitioner' },
  { id: 'physician', label: 'Physician' },
  { id: 'psychiatrist', label: 'Psychiatrist' },
  { id: 'psychotherapist', label: 'Psychotherapist' },
  { id: 'physical_therapy', label: 'Physical Therapy' },
  { id: 'occupational_therapy', label: 'Occupational Therapy' },
  { id: 'chiropractor', label: 'Chiropractor' },
  { id: 'dentist', label: 'Dentist' },
  { id: 'acupuncture', label: 'Acupuncture' },
  { id: 'social_worker', label: 'Social Worker' },
  { id: 'registered_nurse', label: 'Registered Nurse' },
  { id: 'slp', label: 'Speech Language Pathology' },
  { id: 'veterinary', label: 'Veterinary' },
  { id: 'massage_therapy', label: 'Massage Therapy' },
  { id: 'pharmacy', label: 'Pharmacy' },
  { id: 'podiatrist', label: 'Podiatrist' },
  { id: 'dietitian_nutritionist', label: 'Dietitian / Nutritionist' },
  { id: 'athletic_trainer', label: 'Athletic Trainer' },
  { id: 'aroma_therapy', label: 'Aromatherapy' },
  { id: 'exercise_therapy', label: 'Exercise Therapy' },
  { id: 'ems', label: 'Emergency Medical Services' },
  { id: 'paramedic', label: 'Paramedic' },
  { id: 'genetic_counselling', label: 'Genetic Counseling' },
  { id: 'generic', label: 'Generic' },
].map((s) => Object.freeze(s)));

const KNOWN_LABELS = new Map(FALLBACK_SPECIALTIES.map((s) => [s.id, s.label]));

/** A readable label for an id we have no label for: `sports_medicine` → "Sports medicine". */
function labelFor(id: string): string {
  const known = KNOWN_LABELS.get(id);
  if (known) return known;
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `{id|value, name|label}` or a bare id, the shapes the list's entries come in. */
function idAndLabel(item: unknown, label: (id: string) => string): { id: string; label: string } | undefined {
  const bareId = nonEmptyString(item);
  if (bareId) return { id: bareId, label: label(bareId) };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const id = nonEmptyString(record.id) ?? nonEmptyString(record.value);
  if (!id) return undefined;
  return { id, label: nonEmptyString(record.name) ?? nonEmptyString(record.label) ?? label(id) };
}

// The vendor says the list carries each specialty's template variants without documenting the key.
const TEMPLATE_KEYS = ['templates', 'template_variants', 'variants'];

function templatesOf(record: Record<string, unknown>): TemplateVariant[] {
  const list = TEMPLATE_KEYS.map((key) => record[key]).find(Array.isArray);
  if (!list) return [];
  const seen = new Set<string>();
  return list.flatMap((item) => {
    const variant = idAndLabel(item, templateLabel);
    if (!variant || seen.has(variant.id)) return [];
    seen.add(variant.id);
    return [variant];
  });
}

/** `standard` → "Standard", `soap_brief` → "Soap brief": the id's words when no name came. */
function templateLabel(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function specialtyFrom(item: unknown): Specialty | undefined {
  const found = idAndLabel(item, labelFor);
  if (!found) return undefined;
  const templates = typeof item === 'object' && item !== null ? templatesOf(item as Record<string, unknown>) : [];
  return templates.length > 0 ? { ...found, templates } : found;
}

function fromArray(items: readonly unknown[]): Specialty[] {
  const seen = new Set<string>();
  const out: Specialty[] = [];
  for (const item of items) {
    const specialty = specialtyFrom(item);
    if (specialty && !seen.has(specialty.id)) {
      seen.add(specialty.id);
      out.push(specialty);
    }
  }
  return out;
}

// Keys tried first when an object wraps the list; any other key holding a usable array is tried after.
const PREFERRED_KEYS = ['specialties', 'data', 'items', 'results'];

/**
 * Normalises whatever GET /v1/specialties returns. The vendor does not document the shape, so this
 * accepts an array of ids, an array of `{id|value, name|label}`, or an object wrapping such an array
 * (`{specialties: [...]}`, `{data: [...]}`, …, one level of nesting deeper too). Unusable entries are
 * skipped; an unrecognised shape gives `[]` so the caller can fall back to FALLBACK_SPECIALTIES.
 */
export function parseSpecialties(json: unknown): Specialty[] {
  return parseAt(json, 0);
}

function parseAt(json: unknown, depth: number): Specialty[] {
  if (Array.isArray(json)) return fromArray(json);
  if (typeof json !== 'object' || json === null || depth > 1) return [];
  const record = json as Record<string, unknown>;
  const keys = [
    ...PREFERRED_KEYS.filter((key) => key in record),
    ...Object.keys(record).filter((key) => !PREFERRED_KEYS.includes(key)),
  ];
  for (const key of keys) {
    const value = record[key];
    if (Array.isArray(value)) {
      const found = fromArray(value);
      if (found.length > 0) return found;
    }
  }
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const found = parseAt(value, depth + 1);
      if (found.length > 0) return found;
    }
  }
  return [];
}

/**
 * A field the clinician taught Chartside ("this box is the Plan"), described so it can be found
 * again after a reload, a new patient or a small page change: by what the page says the field is
 * (id, name, a stable attribute, its label), and by its position only when nothing else identifies it.
 *
 * Plain types and a hand-written check, no zod: this ships in the inserter that runs in EHR pages
 * (the background checks the same shape with zod in lib/storage/field-maps.ts).
 */
import type { FieldTarget } from '../../messaging/insert';

export type FieldLocator =
  | { by: 'id'; id: string }
  | { by: 'name'; tag: string; name: string }
  | { by: 'attribute'; tag: string; attribute: string; value: string }
  /** The text of the field's label, caption or legend, as `fieldLabels` reads it (lower-cased). */
  | { by: 'label'; text: string }
  /** A CSS path of tags and positions: breaks when the page's layout changes. */
  | { by: 'position'; css: string };

export interface TaughtField {
  /** The frame the field lives in: its scheme and host, and whether it is the tab's top frame. */
  frame: { origin: string; top: boolean };
  /** Strongest first; a `position` locator only when there is no other. */
  locators: FieldLocator[];
  /** True when the field could only be described by its position. */
  fragile: boolean;
}

export type TaughtFields = Partial<Record<FieldTarget, TaughtField>>;

/** Attributes pages keep stable for their own tests and styling, strongest first. */
export const STABLE_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'data-field', 'data-name', 'aria-label', 'placeholder', 'title'] as const;

const MAX_TEXT = 500;
const TARGETS = new Set<string>(['subjective', 'objective', 'assessment', 'plan', 'note']);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;

export function isFieldLocator(value: unknown): value is FieldLocator {
  if (typeof value !== 'object' || value === null) return false;
  const l = value as Record<string, unknown>;
  switch (l.by) {
    case 'id':
      return str(l.id);
    case 'name':
      return str(l.tag) && str(l.name);
    case 'attribute':
      return str(l.tag) && (STABLE_ATTRIBUTES as readonly string[]).includes(l.attribute as string) && str(l.value);
    case 'label':
      return str(l.text);
    case 'position':
      return str(l.css);
    default:
      return false;
  }
}

export function isTaughtField(value: unknown): value is TaughtField {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const frame = f.frame as Record<string, unknown> | undefined;
  return (
    typeof frame === 'object' && frame !== null && str(frame.origin) && typeof frame.top === 'boolean' &&
    Array.isArray(f.locators) && f.locators.length > 0 && f.locators.length <= 8 && f.locators.every(isFieldLocator) &&
    typeof f.fragile === 'boolean'
  );
}

export function isTaughtFields(value: unknown): value is TaughtFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([target, field]) => TARGETS.has(target) && isTaughtField(field));
}

/** How the options page and the panel describe where a taught field is found. */
export function describeLocator(locator: FieldLocator): string {
  switch (locator.by) {
    case 'id':
      return `the field with id “${locator.id}”`;
    case 'name':
      return `the field named “${locator.name}”`;
    case 'attribute':
      return `the field with ${locator.attribute} “${locator.value}”`;
    case 'label':
      return `the field labelled “${locator.text}”`;
    case 'position':
      return 'the field at that place on the page';
  }
}

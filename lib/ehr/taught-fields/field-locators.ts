/**
 * Describing a field so it can be found again (`locatorsFor`) and finding it (`findByLocators`).
 * The two live together because each locator kind must be found exactly the way it was made.
 */
import { cssPath } from '../css-path';
import { editableTarget } from '../fill';
import { FIELD_SELECTOR, labelsOf, normalizeLabel } from '../generic/note-fields';
import { STABLE_ATTRIBUTES, type FieldLocator } from './taught-field';

/** Enough robust ways to find a field that one page change rarely breaks all of them. */
const MAX_ROBUST = 3;
const MAX_VALUE = 200;

/**
 * Ids and names a framework generated per render or per record (`:r3:`, `ember512`, uuids,
 * `note_48213`): they will not be there next time, so they do not identify the field.
 */
function looksGenerated(value: string): boolean {
  return (
    value.length > MAX_VALUE ||
    value.includes(':') ||
    /\d{3,}/.test(value) ||
    /[0-9a-f]{8}-?[0-9a-f]{4}/i.test(value) ||
    /^(?:ember|ext-|mui-|react-|rc[-_]|radix-|headlessui-|mat-input-|cdk-|ng-|yui_|gwt-|x-auto-)/i.test(value)
  );
}

/**
 * Elements of `tag` whose `attribute` is exactly `value`. Compared in code rather than through a
 * selector, so a stored value is only ever text (no quoting to get wrong, no selector injection).
 */
function withAttribute(doc: Document, tag: string, attribute: string, value: string): Element[] {
  if (!/^[a-z*][a-z0-9-]*$/.test(tag)) return [];
  return Array.from(doc.getElementsByTagName(tag)).filter((el) => el.getAttribute(attribute) === value);
}

/** What may take a click as "this field": a text control, an editor's editable root, an editor iframe. */
const CANDIDATES = `${FIELD_SELECTOR},iframe`;

function isFillable(el: Element): boolean {
  return editableTarget(el) !== null;
}

/** The element's visible labels (label, aria-labelledby, legend, caption before it), normalised. */
function labelTexts(el: Element): string[] {
  return labelsOf(el)
    .filter((l) => l.kind === 'label')
    .map((l) => normalizeLabel(l.text))
    .filter((t) => t.length > 0 && t.length <= MAX_VALUE);
}

function matchesOf(doc: Document, locator: FieldLocator): Element[] {
  switch (locator.by) {
    case 'id':
      return withAttribute(doc, '*', 'id', locator.id);
    case 'name':
      return withAttribute(doc, locator.tag, 'name', locator.name);
    case 'attribute':
      return withAttribute(doc, locator.tag, locator.attribute, locator.value);
    case 'label':
      return Array.from(doc.querySelectorAll(CANDIDATES)).filter((el) => labelTexts(el).includes(locator.text));
    case 'position':
      try {
        return Array.from(doc.querySelectorAll(locator.css));
      } catch {
        return [];
      }
  }
}

/** The one element the locator names, if exactly one does and it can take text. */
export function findByLocator(doc: Document, locator: FieldLocator): Element | undefined {
  const found = matchesOf(doc, locator);
  return found.length === 1 && isFillable(found[0]!) ? found[0] : undefined;
}

/** The first locator, strongest first, that still names exactly one fillable field. */
export function findByLocators(doc: Document, locators: readonly FieldLocator[]): Element | undefined {
  for (const locator of locators) {
    const found = findByLocator(doc, locator);
    if (found) return found;
  }
  return undefined;
}

/**
 * Ways to find `field` again, strongest first: a stable id, its name, a stable attribute, its label
 * text, each kept only when it names this field and no other. Its CSS position only when none of
 * those exists (and the caller marks the field fragile).
 */
export function locatorsFor(field: Element): { locators: FieldLocator[]; fragile: boolean } {
  const doc = field.ownerDocument;
  const tag = field.tagName.toLowerCase();
  const candidates: FieldLocator[] = [];
  const id = field.getAttribute('id');
  if (id && !looksGenerated(id)) candidates.push({ by: 'id', id });
  const name = field.getAttribute('name');
  if (name && !looksGenerated(name)) candidates.push({ by: 'name', tag, name });
  for (const attribute of STABLE_ATTRIBUTES) {
    const value = field.getAttribute(attribute)?.trim();
    if (value && !looksGenerated(value)) candidates.push({ by: 'attribute', tag, attribute, value });
  }
  for (const text of new Set(labelTexts(field))) candidates.push({ by: 'label', text });

  const robust = candidates.filter((locator) => findByLocator(doc, locator) === field).slice(0, MAX_ROBUST);
  if (robust.length > 0) return { locators: robust, fragile: false };
  return { locators: [{ by: 'position', css: cssPath(field) }], fragile: true };
}

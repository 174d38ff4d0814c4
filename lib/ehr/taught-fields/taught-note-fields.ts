import type { NoteFields } from '../adapter';
import { siteOfUrl } from '../site';
import { findByLocators, locatorsFor } from './field-locators';
import type { TaughtField, TaughtFields } from './taught-field';

/** Which frame this is, in the terms a taught field records (scheme and host, top or not). */
export function frameOf(view: Window): TaughtField['frame'] | undefined {
  const origin = siteOfUrl(view.location.href)?.origin;
  return origin ? { origin, top: view === view.top } : undefined;
}

const sameFrame = (a: TaughtField['frame'], b: TaughtField['frame']) => a.origin === b.origin && a.top === b.top;

/** The taught fields that live in this frame and are still on its page (a field that has gone is simply absent). */
export function findTaughtFields(doc: Document, taught: TaughtFields, frame: TaughtField['frame']): NoteFields {
  const fields: NoteFields = {};
  for (const [target, field] of Object.entries(taught) as [keyof NoteFields, TaughtField][]) {
    if (!sameFrame(field.frame, frame)) continue;
    const element = findByLocators(doc, field.locators);
    if (element) fields[target] = element;
  }
  return fields;
}

/** What to store for a field the clinician just picked in this frame. */
export function teachField(field: Element, frame: TaughtField['frame']): TaughtField {
  return { frame, ...locatorsFor(field) };
}

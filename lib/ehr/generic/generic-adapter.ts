/**
 * The generic adapter as the inserter uses it: the generic reader (./generic-reader.ts) and the
 * note fields it finds by their labels. Kept apart so the chart reader in every frame, which never
 * looks for note fields, does not carry their code.
 */
import type { EhrAdapter } from '../adapter';
import { genericReader } from './generic-reader';
import { findNoteFields } from './note-fields';

export const genericAdapter: EhrAdapter = { ...genericReader, findNoteFields: (doc) => findNoteFields(doc) };

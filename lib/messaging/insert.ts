/**
 * The insert conversation between background and content script (no zod here: this ships in the
 * inserter script; the background checks every answer's shape with `isFillReport`).
 */
import type { SoapSection } from '../note/sections';

export type FieldTarget = SoapSection | 'note';
export type InsertMode = 'append' | 'replace';

export type InserterRequest =
  | { type: 'fields:find' }
  | { type: 'fields:fill'; entries: { target: FieldTarget; text: string; mode: InsertMode }[] }
  | { type: 'fields:undo' };

/** What happened to one field. `not-found`: the page has no such field; `failed`: it would not take the text. */
export interface FieldReport {
  target: FieldTarget;
  status: 'inserted' | 'appended' | 'replaced' | 'not-found' | 'failed' | 'restored';
  reason?: string;
}

const TARGETS = new Set(['subjective', 'objective', 'assessment', 'plan', 'note']);
const STATUSES = new Set(['inserted', 'appended', 'replaced', 'not-found', 'failed', 'restored']);

export function isInserterRequest(message: unknown): message is InserterRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; entries?: unknown };
  if (m.type === 'fields:find' || m.type === 'fields:undo') return true;
  if (m.type !== 'fields:fill' || !Array.isArray(m.entries)) return false;
  return m.entries.every(
    (e: unknown) =>
      typeof e === 'object' && e !== null &&
      TARGETS.has((e as { target?: string }).target ?? '') &&
      typeof (e as { text?: unknown }).text === 'string' &&
      ((e as { mode?: unknown }).mode === 'append' || (e as { mode?: unknown }).mode === 'replace'),
  );
}

export function isFieldReportList(value: unknown): value is FieldReport[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r: unknown) =>
        typeof r === 'object' && r !== null && TARGETS.has((r as FieldReport).target) && STATUSES.has((r as FieldReport).status) &&
        ((r as FieldReport).reason === undefined || typeof (r as FieldReport).reason === 'string'),
    )
  );
}

export function isFieldList(value: unknown): value is FieldTarget[] {
  return Array.isArray(value) && value.every((t) => TARGETS.has(t as string));
}

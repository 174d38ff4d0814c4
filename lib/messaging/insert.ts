/**
 * The insert conversation between background and content script (no zod here: this ships in the
 * inserter script; the background checks every answer's shape with `isFillReport`).
 */
import { isTaughtFields, type TaughtFields } from '../ehr/taught-fields/taught-field';
import type { SoapSection } from '../note/sections';

export type FieldTarget = SoapSection | 'note';
export type InsertMode = 'append' | 'replace';

/**
 * `taught`: the fields the clinician mapped on this site (Map fields). When present, they are the
 * only fields used: a mapped field that has gone is reported, never guessed at.
 */
export type InserterRequest =
  | { type: 'fields:find'; taught?: TaughtFields }
  | { type: 'fields:fill'; entries: { target: FieldTarget; text: string; mode: InsertMode }[]; taught?: TaughtFields }
  | { type: 'fields:undo' }
  /** Wait for the clinician to pick the field for `target` in this frame; answered with a `TaughtField` or nothing. */
  | { type: 'field:pick'; target: FieldTarget }
  /** Stop waiting for a pick (another frame got it, or the clinician skipped or cancelled). */
  | { type: 'field:pick-stop' };

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
  const m = message as { type?: unknown; entries?: unknown; taught?: unknown; target?: unknown };
  if (m.type === 'fields:undo' || m.type === 'field:pick-stop') return true;
  if (m.type === 'field:pick') return TARGETS.has(m.target as string);
  if (m.taught !== undefined && !isTaughtFields(m.taught)) return false;
  if (m.type === 'fields:find') return true;
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

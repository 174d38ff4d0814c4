import { isInserterRequest, type FieldReport, type FieldTarget, type InserterRequest } from '../../messaging/insert';
import type { EhrAdapter, NoteFields } from '../adapter';
import { fillField, undoFill, type FillResult } from '../fill';
import { pickAdapter } from '../registry';
import { pickField } from '../taught-fields/field-picker';
import type { TaughtFields } from '../taught-fields/taught-field';
import { findTaughtFields, frameOf, teachField } from '../taught-fields/taught-note-fields';
import { answerBackground } from './answer-background';

/** What the last insert changed in this frame, so Undo insert can put it back. Lives and dies with the page. */
let lastInsert: { field: Element; target: FieldTarget; before: string; after: string }[] = [];

/** The pick waiting in this frame, if any: a new pick or a stop ends it. */
let picking: AbortController | undefined;

const PICK_LABELS: Record<FieldTarget, string> = { subjective: 'Subjective', objective: 'Objective', assessment: 'Assessment', plan: 'Plan', note: 'the whole note' };

/**
 * Injected into a tab's frames only when the clinician inserts (it is not part of the always-present
 * chart reader). Answers the background: which note fields this frame has, fill them, undo the last fill.
 */
export function answerInsertRequests(adapters: readonly EhrAdapter[]): void {
  answerBackground('inserter', isInserterRequest, (request) => handle(request, adapters));
}

/** The taught fields where the clinician mapped this site, else what the page's adapter finds. */
function fieldsOf(adapters: readonly EhrAdapter[], taught: TaughtFields | undefined): NoteFields {
  if (taught) {
    const frame = frameOf(window);
    return frame ? findTaughtFields(document, taught, frame) : {};
  }
  const url = new URL(location.href);
  return pickAdapter(adapters, document, url).findNoteFields(document, url);
}

async function pick(target: FieldTarget): Promise<unknown> {
  picking?.abort();
  const frame = frameOf(window);
  // Editor iframes without a URL of their own (TinyMCE's) are picked from their parent frame.
  if (!frame || location.protocol === 'about:') return undefined;
  const controller = (picking = new AbortController());
  const field = await pickField(document, { label: PICK_LABELS[target], signal: controller.signal });
  if (picking === controller) picking = undefined;
  return field ? teachField(field, frame) : undefined;
}

async function handle(request: InserterRequest, adapters: readonly EhrAdapter[]): Promise<unknown> {
  if (request.type === 'field:pick') return pick(request.target);
  if (request.type === 'field:pick-stop') {
    picking?.abort();
    return true;
  }
  if (request.type === 'fields:find') return Object.keys(fieldsOf(adapters, request.taught));
  if (request.type === 'fields:undo') {
    const reports: FieldReport[] = [];
    for (const { field, target, before, after } of lastInsert.reverse()) {
      // `after` lets undo refuse a field the clinician edited since, rather than wipe their typing.
      const result = await undoFill(field, before, { after });
      reports.push(report(target, result, 'restored'));
    }
    lastInsert = [];
    return reports;
  }
  const fields = fieldsOf(adapters, request.taught);
  const reports: FieldReport[] = [];
  const changed: typeof lastInsert = [];
  for (const entry of request.entries) {
    const field = fields[entry.target];
    if (!field) {
      reports.push({ target: entry.target, status: 'not-found' });
      continue;
    }
    const result = await fillField(field, entry.text, { mode: entry.mode });
    // A failed fill may still have changed the field: anything that changed can be undone.
    if (result.after !== result.before) changed.push({ field, target: entry.target, before: result.before, after: result.after });
    reports.push(report(entry.target, result));
  }
  if (changed.length > 0) lastInsert = changed;
  return reports;
}

function report(target: FieldTarget, result: FillResult, success?: FieldReport['status']): FieldReport {
  if (result.status === 'failed') return { target, status: 'failed', reason: result.reason ?? 'The field did not take the text.' };
  return { target, status: success ?? result.status };
}

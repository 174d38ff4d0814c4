/**
 * Takes an insert back: the field returns to the text it had before, entered through the same
 * editor path as the insert, so the editor's model, the form's dirty flags and the editor's own
 * undo stack all see an ordinary edit.
 */
import { isTextControl } from './editor-kind';
import { cleanText, failure, onResolvedField, writeField, type FillResult } from './fill-field';
import { comparable, readFieldText, walkText, type TextRun } from './read-field';

/**
 * After an append, what came after the earlier text (so that text keeps its formatting in a rich
 * editor): the earlier text's last text node, or null when the field is not laid out that way.
 */
function appendedAfter(el: HTMLElement, previous: string): Text | null {
  const want = comparable(previous);
  if (isTextControl(el) || want === '') return null;
  const runs: TextRun[] = [];
  const raw = walkText(el, runs);
  const last = runs.find((run) => comparable(raw.slice(0, run.end)) === want);
  return last && comparable(raw.slice(last.end)) !== '' ? last.node : null;
}

export interface UndoOptions {
  /**
   * What the insert left in the field (`fillField`'s `after`). When given, the undo is refused if
   * the field no longer reads so: the clinician has edited it since, and restoring would lose that.
   */
  after?: string;
}

/** Restores the field to `previousText` (what `fillField` returned as `before`). Never throws. */
export function undoFill(el: Element, previousText: string, options: UndoOptions = {}): Promise<FillResult> {
  return onResolvedField(el, 'undo', async ({ target, kind, before }) => {
    // An input's or textarea's value comes back exactly; an editor's as its lines.
    const previous = isTextControl(target) ? previousText.replace(/\r\n?/g, '\n') : cleanText(previousText);
    if (comparable(before) === comparable(previous)) return { status: 'replaced', before, after: before };
    if (options.after !== undefined && comparable(before) !== comparable(options.after)) return failure(before, before, 'the field was edited after the insert');
    const after = appendedAfter(target, previous);
    // Draft.js cannot follow a delete across its blocks: it takes the whole previous text instead.
    const { ok, reason } = after && kind !== 'draftjs' ? await writeField(target, kind, '', { after }, previous) : await writeField(target, kind, previous, 'all', previous);
    const now = readFieldText(target);
    return ok ? { status: 'replaced', before, after: now } : failure(before, now, reason ?? 'the field could not be restored');
  });
}

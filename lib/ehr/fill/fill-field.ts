/**
 * Puts text into one note field through the field's own input path, so the editor's model, the
 * page framework's state and the editor's undo stack all follow; marks the form dirty as a typing
 * user would; then reads the field back and says whether it now holds the expected text.
 */
import { nextTask } from '../next-task';
import { focusField, holdsFocus, selectField, selectionAnnounced, type Where } from './caret';
import { detectEditorKind, editableTarget, isTextControl, type EditorKind } from './editor-kind';
import { dataTransferHidden, enterText, finishLikeUser, type InputPath } from './input-paths';
import { comparable, readFieldText } from './read-field';

export type FillMode = 'append' | 'replace';

export interface FillOptions {
  /** `append` (default) adds after a blank line when the field has text; `replace` leaves only the new text. */
  mode?: FillMode;
}

export interface FillResult {
  status: 'inserted' | 'appended' | 'replaced' | 'failed';
  /** The field's text before (as `readFieldText` reads it). */
  before: string;
  /** The field's text after. */
  after: string;
  reason?: string;
}

/**
 * Input paths per editor, tried in order until the read-back matches (see input-paths.ts).
 * execCommand first wherever the editor follows it (it keeps the browser's or the editor's undo
 * stack); the editor's own event handling for those that do not (checked in Chromium and Firefox
 * against the real editors).
 */
const PATHS: Record<EditorKind, InputPath[]> = {
  input: ['command', 'setter'],
  textarea: ['command', 'setter'],
  contenteditable: ['command', 'beforeinput', 'typed', 'paste', 'dom'],
  'tinymce-body': ['lines', 'paste', 'dom'],
  prosemirror: ['lines', 'paste'],
  quill: ['lines', 'paste'],
  ckeditor5: ['paste-blocks', 'typed'],
  slate: ['beforeinput', 'typed', 'paste'],
  draftjs: ['paste', 'textinput', 'key'],
  unknown: [],
};

/** How long an editor may take to render an accepted edit (React editors render in a later task). */
const SETTLE_MS = 80;

type Outcome = 'match' | 'changed' | 'unchanged';

/**
 * Waits until the field reads `want`, or `SETTLE_MS` passed: then says whether it changed at all.
 * Looks again every task at first (most editors are done within one), then every few ms.
 */
async function settle(el: HTMLElement, was: string, want: string): Promise<Outcome> {
  const start = Date.now();
  let outcome: Outcome;
  do {
    await (Date.now() - start < 8 ? nextTask() : new Promise((resolve) => setTimeout(resolve, 4)));
    const now = comparable(readFieldText(el));
    if (now === want) return 'match';
    outcome = now === was ? 'unchanged' : 'changed';
  } while (Date.now() - start < SETTLE_MS);
  return outcome;
}

export interface WriteResult {
  ok: boolean;
  reason?: string;
}

/**
 * Enters `text` (empty: deletes) at `where` so that the field then reads `expected`. When a path changed the field but not to `expected`, later paths replace the whole
 * field with `expected`, so text never goes in twice.
 */
export async function writeField(el: HTMLElement, kind: EditorKind, text: string, where: Where, expected: string): Promise<WriteResult> {
  const was = comparable(readFieldText(el));
  const want = comparable(expected);
  let changed = false;
  for (const path of PATHS[kind]) {
    focusField(el);
    const announced = isTextControl(el) ? null : selectionAnnounced(el);
    selectField(el, where);
    await announced;
    if ((path === 'command' || path === 'lines') && (typeof el.ownerDocument.execCommand !== 'function' || !holdsFocus(el))) continue;
    const pastes = path === 'paste' || path === 'paste-blocks';
    if (text === '' ? pastes || path === 'textinput' : path === 'key' || (dataTransferHidden && (path === 'beforeinput' || pastes))) continue;
    enterText(el, path, text, where);
    const outcome = await settle(el, was, want);
    if (outcome === 'match') {
      finishLikeUser(el);
      return { ok: true };
    }
    if (outcome === 'changed') {
      changed = true;
      text = expected;
      where = 'all';
    }
  }
  if (changed) finishLikeUser(el);
  return { ok: false, reason: changed ? 'the field changed, but does not read back as the expected text' : 'the field did not take the text' };
}

function isReadOnly(el: HTMLElement): boolean {
  return (el as HTMLInputElement).disabled === true || (el as HTMLInputElement).readOnly === true || el.getAttribute('aria-readonly') === 'true' || el.getAttribute('aria-disabled') === 'true';
}

/** Plain text with `\n` line ends and no blank lines or spaces at either end. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\s+$/g, '');
}

/** Lines joined with spaces, for single-line inputs. */
export function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** What goes between existing text and appended text: a blank line (a space in a single-line input). */
function separator(kind: EditorKind, before: string): string {
  if (kind === 'input') return /\s$/.test(before) ? '' : ' ';
  if (kind !== 'textarea') return '\n\n';
  const trailing = /\n*$/.exec(before.replace(/[ \t]+$/, ''))?.[0].length ?? 0;
  return '\n'.repeat(Math.max(0, 2 - trailing));
}

export function failure(before: string, after: string, reason: string): FillResult {
  return { status: 'failed', before, after, reason };
}

/**
 * Resolves the field and checks it can take text; the failure to report when it cannot.
 * Shared with `undoFill`.
 */
export interface ResolvedField {
  target: HTMLElement;
  kind: EditorKind;
  before: string;
}

export function resolveField(el: Element): ResolvedField | FillResult {
  // A field kept from an earlier insert may have been replaced since (the page re-rendered it).
  if (!el.isConnected) return failure('', '', 'the field is no longer on the page');
  const target = editableTarget(el);
  if (!target) return failure('', '', 'no editable field here');
  const before = readFieldText(target);
  const kind = detectEditorKind(target);
  if (kind === 'unknown') return failure(before, before, 'not a text field');
  if (isReadOnly(target)) return failure(before, before, 'the field is read-only');
  return { target, kind, before };
}

/**
 * Runs `work` on the field `el` resolves to, or answers why there is none. Never throws: an editor
 * that throws midway is reported as `<what> failed`, with the field's text as it was before.
 */
export async function onResolvedField(el: Element, what: string, work: (field: ResolvedField) => Promise<FillResult>): Promise<FillResult> {
  let before = '';
  try {
    const field = resolveField(el);
    if ('status' in field) return field;
    before = field.before;
    return await work(field);
  } catch (error) {
    return failure(before, before, `${what} failed: ${String(error)}`);
  }
}

/** Fills one field with plain text (never HTML). Never throws. */
export function fillField(el: Element, text: string, options: FillOptions = {}): Promise<FillResult> {
  return onResolvedField(el, 'fill', async ({ target, kind, before }) => {
    const insert = kind === 'input' ? oneLine(cleanText(text)) : cleanText(text);
    if (insert === '') return failure(before, before, 'no text to insert');
    const hadText = before.trim() !== '';
    const append = (options.mode ?? 'append') === 'append' && hadText;
    const sep = append ? separator(kind, before) : '';
    const { ok, reason } = await writeField(target, kind, sep + insert, append ? 'end' : 'all', append ? before + sep + insert : insert);
    const after = readFieldText(target);
    if (!ok) return failure(before, after, reason ?? 'the field did not take the text');
    return { status: append ? 'appended' : hadText ? 'replaced' : 'inserted', before, after };
  });
}

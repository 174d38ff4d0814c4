/**
 * Which kind of editor a note field is, from the markers each editor puts in its DOM, and which
 * element actually takes the text when the caller holds a wrapper, a label or a hidden source
 * textarea. No `instanceof` and no globals: the element may live in another frame's realm.
 */

export type EditorKind = 'input' | 'textarea' | 'contenteditable' | 'prosemirror' | 'quill' | 'slate' | 'ckeditor5' | 'draftjs' | 'tinymce-body' | 'unknown';

/** Editor markers, most specific first; each is matched on the editing host or an ancestor. */
const MARKERS: [Exclude<EditorKind, 'input' | 'textarea' | 'contenteditable' | 'unknown'>, string][] = [
  ['slate', '[data-slate-editor]'],
  ['prosemirror', '.ProseMirror'],
  ['quill', '.ql-editor'],
  ['ckeditor5', '.ck-editor__editable,.ck-content[contenteditable]'],
  ['draftjs', '.public-DraftEditor-content,[data-contents]'],
  ['tinymce-body', 'body#tinymce,.mce-content-body'],
];

/** `input` types that take free text. */
const TEXT_INPUT = /^(?:text|search|)$/;

const EDITABLE = '[contenteditable]:not([contenteditable=false])';

export function isTextInput(el: Element): el is HTMLInputElement {
  return el.tagName === 'INPUT' && TEXT_INPUT.test((el.getAttribute('type') ?? '').toLowerCase());
}

export function isTextControl(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return el.tagName === 'TEXTAREA' || isTextInput(el);
}

/** True when the element's own content is editable (attribute check; works where `isContentEditable` does not). */
export function isEditable(el: Element): boolean {
  if ((el as HTMLElement).isContentEditable) return true;
  const attr = el.getAttribute('contenteditable');
  if (attr !== null && attr.toLowerCase() !== 'false') return true;
  return el.tagName === 'BODY' && el.ownerDocument.designMode === 'on';
}

/** The editing host: the outermost editable element containing `el`. */
function editingHost(el: Element): HTMLElement {
  let host = el;
  for (let p = el.parentElement; p && isEditable(p); p = p.parentElement) host = p;
  return host as HTMLElement;
}

export function detectEditorKind(el: Element): EditorKind {
  if (el.tagName === 'TEXTAREA') return 'textarea';
  if (isTextInput(el)) return 'input';
  if (!isEditable(el)) return 'unknown';
  for (const [kind, selector] of MARKERS) if (el.closest(selector)) return kind;
  return 'contenteditable';
}

function isHidden(el: Element): boolean {
  return el.hasAttribute('hidden') || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '') || el.getAttribute('aria-hidden') === 'true';
}

/** The editable body of a same-origin editor iframe (TinyMCE), or null. */
function frameBody(frame: Element): HTMLElement | null {
  try {
    const body = (frame as HTMLIFrameElement).contentDocument?.body;
    return body && isEditable(body) ? body : null;
  } catch {
    return null;
  }
}

/** The editable a rich editor put right after the hidden source element it replaced (TinyMCE, CKEditor 5). */
function editorOver(source: Element): HTMLElement | null {
  if (!isHidden(source)) return null;
  const next = source.nextElementSibling;
  if (!next) return null;
  const frame = next.matches('.tox-tinymce,.mce-tinymce') ? next.querySelector('iframe') : null;
  if (frame) return frameBody(frame);
  return next.matches('.ck-editor') ? next.querySelector<HTMLElement>('.ck-editor__editable') : null;
}

/**
 * The element that takes the text: the field itself, the editing host of an element inside an
 * editor, the control of a `<label>`, the editor over a hidden source element, the body of an
 * editor iframe, or the first field inside a wrapper. Null when there is none.
 */
export function editableTarget(el: Element): HTMLElement | null {
  if (isTextControl(el)) return editorOver(el) ?? (el as HTMLElement);
  if (isEditable(el)) return editingHost(el);
  if (el.tagName === 'IFRAME') return frameBody(el);
  if (el.tagName === 'LABEL') {
    const control = (el as HTMLLabelElement).control;
    if (control) return editableTarget(control);
  }
  const editor = editorOver(el);
  if (editor) return editor;
  // A wrapper: an editor inside it, else its first visible field.
  const candidates = [...Array.from(el.querySelectorAll(MARKERS.map(([, s]) => s).join(','))), ...Array.from(el.querySelectorAll(`textarea,input,${EDITABLE},iframe`))];
  for (const candidate of candidates) {
    if (isHidden(candidate) && !editorOver(candidate)) continue;
    if (candidate.tagName === 'INPUT' && !isTextInput(candidate)) continue;
    const target = candidate.tagName === 'IFRAME' ? frameBody(candidate) : isTextControl(candidate) || isEditable(candidate) ? editableTarget(candidate) : null;
    if (target) return target;
  }
  return null;
}

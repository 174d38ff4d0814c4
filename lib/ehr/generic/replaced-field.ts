/**
 * The page's own field that a rich-text editor replaced. TinyMCE, CKEditor 4/5 (classic),
 * Summernote, Froala and Quill set-ups hide the page's `<textarea>` (or keep a hidden input in
 * sync) and put their editor beside it; the page's `<label for>`, `aria-label`, `name` and `id`
 * stay on the hidden element, while the editable the clinician types into carries only the
 * editor's own generic label ("Rich Text Area", "Editor editing area: main"). Content scripts
 * cannot see the editors' page-world registries (`tinymce.get`), so this follows the DOM each
 * editor writes:
 * - TinyMCE (iframe mode): the body `#tinymce` of iframe `#X_ifr`, inside `.tox-tinymce`, the
 *   next sibling of the hidden `textarea#X`.
 * - CKEditor 5 classic: `.ck-editor__editable` inside `.ck-editor`, the next sibling of the hidden source element.
 * - CKEditor 4: body of `iframe.cke_wysiwyg_frame` inside `#cke_X`, the next sibling of `textarea#X`.
 * - Summernote: `.note-editable` inside `.note-editor`, the next sibling of the hidden textarea.
 * - Froala: `.fr-element` inside `.fr-box`, beside (or around) the hidden textarea.
 * - Quill: `.ql-editor` inside `.ql-container` (the page's own div, which may carry the label),
 *   often with a hidden input or textarea beside it that the page syncs on submit.
 */
import { isIgnoredElement } from '../visibility';

const EDITOR_ROOT = '.tox-tinymce,.mce-tinymce,.ck-editor,.cke,.note-editor,.fr-box,.ql-container';
const SOURCE_FIELD = 'textarea,input';

/** Hidden from the clinician: the editor hid it (`display:none`, `aria-hidden`) or it is a hidden input. */
function isHiddenSource(el: Element): boolean {
  if (!el.matches(SOURCE_FIELD)) return false;
  if (el.tagName === 'INPUT') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (type !== 'hidden' && type !== 'text') return false;
  }
  return el.getAttribute('type') === 'hidden' || isIgnoredElement(el) || el.getAttribute('aria-hidden') === 'true';
}

/** The frame element an editable `<body>` fills, when the frame is same-origin. */
function frameOf(body: Element): Element | undefined {
  if (body.tagName !== 'BODY') return undefined;
  try {
    return body.ownerDocument.defaultView?.frameElement ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hidden source field of the editor at `root`. The editors that replace a field insert their
 * box right after it, so it is the box's previous sibling (or, Froala, inside the box). Quill
 * replaces nothing: the page's synced input is usually right after the container, or before its
 * toolbar when the editor sits alone in its wrapper.
 */
function hiddenSourceOf(root: Element): Element | undefined {
  if (root.classList.contains('ql-container')) {
    const after = root.nextElementSibling;
    if (after && isHiddenSource(after)) return after;
    const toolbar = root.previousElementSibling?.classList.contains('ql-toolbar') ? root.previousElementSibling : root;
    const before = toolbar.previousElementSibling;
    const alone = root.parentElement?.querySelectorAll('.ql-container').length === 1;
    return before && alone && isHiddenSource(before) ? before : undefined;
  }
  const before = root.previousElementSibling;
  if (before && isHiddenSource(before)) return before;
  const inside = Array.from(root.children).filter(isHiddenSource);
  return inside.length === 1 ? inside[0] : undefined;
}

/**
 * The elements whose labels name `editable`'s field, nearest first: the hidden field the editor
 * replaced and, for Quill, the container the page labelled. Empty when `editable` is no editor's.
 */
export function replacedFieldsOf(editable: Element): Element[] {
  const frame = frameOf(editable);
  if (frame) {
    // TinyMCE names its frame after the textarea it replaced; CKEditor 4 names its box `cke_<id>`.
    const doc = frame.ownerDocument;
    const id = frame.id.endsWith('_ifr') ? frame.id.slice(0, -'_ifr'.length) : undefined;
    const byId = id ? doc.getElementById(id) : null;
    if (byId && byId.matches(SOURCE_FIELD)) return [byId];
  }
  const start = frame ?? editable;
  const root = start.closest(EDITOR_ROOT);
  if (!root || root === editable) return [];
  const out: Element[] = [];
  const source = hiddenSourceOf(root);
  if (source) out.push(source);
  if (!source && root.id.startsWith('cke_')) {
    const byId = root.ownerDocument.getElementById(root.id.slice('cke_'.length));
    if (byId && byId.matches(SOURCE_FIELD)) out.push(byId);
  }
  // Quill's container is the page's own element, labelled like any field.
  if (root.classList.contains('ql-container')) out.push(root);
  return out;
}

/**
 * Focus and selection inside one field: select everything (to replace it), put the caret at the
 * end of the text (to append), or select from a point to the end (to take an append back out).
 * Works in the field's own document, which may be a frame's.
 */
import { isTextControl } from './editor-kind';

/**
 * Resolves once the document has announced the selection just made: editors (Slate, ProseMirror,
 * Draft.js) sync their own selection on `selectionchange`, which fires in a later task. The timer
 * covers a selection that did not change (no event comes then).
 */
export function selectionAnnounced(el: HTMLElement): Promise<void> {
  const doc = el.ownerDocument;
  return new Promise((resolve) => {
    const done = (): void => {
      doc.removeEventListener('selectionchange', done);
      resolve();
    };
    doc.addEventListener('selectionchange', done);
    setTimeout(done, 30);
  });
}

export function focusField(el: HTMLElement): void {
  try {
    el.focus();
  } catch {
    // A field that cannot take focus is caught by `holdsFocus`.
  }
}

/** True when edits through the document (execCommand) would land in this field and nowhere else. */
export function holdsFocus(el: HTMLElement): boolean {
  if (isTextControl(el)) return (el.getRootNode() as Document | ShadowRoot).activeElement === el;
  const sel = el.ownerDocument.getSelection();
  return Boolean(sel && sel.rangeCount > 0 && el.contains(sel.getRangeAt(0).commonAncestorContainer));
}

const isVoid = (node: Node): boolean => node.nodeType !== 1 || node.nodeName === 'BR' || (node as Element).getAttribute('contenteditable') === 'false' || !node.firstChild;
/** A comment, or whitespace-only text that has a sibling on the far side (source formatting). */
const isSkippable = (node: Node, sibling: Node | null): boolean => node.nodeType === 8 || (node.nodeType === 3 && !(node as Text).data.trim() && sibling !== null);

/**
 * Where a caret at the start or end of an editable's text goes: inside the first or last
 * paragraph (before an empty paragraph's filler `<br>`), never outside the blocks. Selecting
 * "everything" between these two points keeps the first paragraph, so an editor that wants its
 * text inside blocks (Quill, in Firefox) still gets it there.
 */
function edgePoint(el: Node, atEnd: boolean): [Node, number] {
  let node = el;
  for (;;) {
    let child = atEnd ? node.lastChild : node.firstChild;
    while (child && ((atEnd && child.nodeName === 'BR') || isSkippable(child, atEnd ? child.previousSibling : child.nextSibling))) child = atEnd ? child.previousSibling : child.nextSibling;
    if (!child) return [node, 0];
    if (child.nodeType === 3) return [child, atEnd ? (child as Text).data.length : 0];
    if (isVoid(child)) {
      const index = Array.prototype.indexOf.call(node.childNodes, child) as number;
      return [node, atEnd ? index + 1 : index];
    }
    node = child;
  }
}

function selectRange(el: HTMLElement, start: [Node, number] | null, end: [Node, number] | null): void {
  const doc = el.ownerDocument;
  const sel = doc.getSelection();
  if (!sel) return;
  const range = doc.createRange();
  range.selectNodeContents(el);
  if (start) range.setStart(...start);
  if (end) range.setEnd(...end);
  sel.removeAllRanges();
  sel.addRange(range);
}

/**
 * Where an edit goes: over the whole content (`all`), after the text (`end`), or over everything
 * after one text node of the field (`{ after }`: what an append added).
 */
export type Where = 'all' | 'end' | { after: Text };

export function selectField(el: HTMLElement, where: Where): void {
  try {
    if (isTextControl(el)) {
      const length = el.value.length;
      el.setSelectionRange(where === 'all' ? 0 : length, length);
      return;
    }
    const end = edgePoint(el, true);
    if (where === 'all') selectRange(el, edgePoint(el, false), end);
    else if (where === 'end') selectRange(el, end, end);
    else selectRange(el, [where.after, where.after.data.length], null);
  } catch {
    // A selection that could not be made is caught by `holdsFocus` or the read-back.
  }
}

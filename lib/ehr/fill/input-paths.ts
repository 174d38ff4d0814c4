/**
 * The ways text can enter a field, each as an editor would receive it from a user. Every path
 * takes plain text: nothing here parses HTML, so server text can only ever become text.
 *
 * - `command`: one `execCommand('insertText')` on the field's own selection: the browser edits as
 *   if typed (its own undo step, a trusted `input`). Chrome makes lines into paragraphs, Firefox
 *   into `<br>`s; both are right where the DOM is the only model (textareas, plain editables).
 * - `lines`: the same line by line, with `insertParagraph` between lines, for editors that rebuild
 *   their model from DOM mutations and want paragraphs (ProseMirror, Quill, TinyMCE). Chrome and
 *   Firefox fire no `beforeinput` for execCommand, so editors that only listen to that (Slate,
 *   CKEditor 5, Draft.js) never see it: they get the paths below.
 * - `setter`: an input's or textarea's native `value` setter (not an own `value` property a
 *   framework defined on the element, such as React's value tracker), then `input`.
 * - `beforeinput`: an `insertFromPaste` InputEvent carrying a DataTransfer, for editors that apply
 *   `beforeinput` to their own model (Slate): one edit, one undo step.
 * - `typed`: `beforeinput` as typing sends it, line by line: `insertText` with the line as `data`,
 *   `insertParagraph` between lines (Slate, CKEditor 5, Lexical). No DataTransfer: in a Firefox
 *   content script the page cannot read a DataTransfer's data the extension set, so there the
 *   `beforeinput` and `paste` paths arrive empty and this one carries the text.
 * - `paste`: a paste ClipboardEvent with `text/plain`, for editors with a paste pipeline.
 * - `paste-blocks`: the same with every line break doubled, for an editor whose plain-text paste
 *   makes a blank line a new paragraph but a single line break a soft break inside one (CKEditor
 *   5). Each line then becomes a paragraph and a blank line an empty one, as typing with Enter
 *   makes them (and as `typed` does where a paste cannot carry text), still in one undo step.
 * - `textinput`: line by line as legacy `textInput` events with an Enter `keydown` between lines,
 *   for editors built on React's `onBeforeInput` (Draft.js), when `paste` cannot carry the text.
 * - `key`: deleting only, a Backspace `keydown`, for editors that delete through key commands
 *   (Draft.js, whose DOM must not change under it).
 * - `dom`: text nodes and paragraphs written into a plain contenteditable, then `input`.
 */
import type { Where } from './caret';
import { isTextControl } from './editor-kind';

export type InputPath = 'command' | 'lines' | 'setter' | 'beforeinput' | 'typed' | 'paste' | 'paste-blocks' | 'textinput' | 'key' | 'dom';

type Win = typeof globalThis;

/**
 * Firefox content scripts (their sandbox has `cloneInto`): a DataTransfer the extension filled
 * reads as empty to the page's own code, so paths that carry text in one cannot work there.
 */
export const dataTransferHidden = typeof (globalThis as { cloneInto?: unknown }).cloneInto === 'function';

function windowOf(el: Element): Win {
  return (el.ownerDocument.defaultView ?? globalThis) as Win;
}

function dataTransfer(win: Win, text: string): DataTransfer {
  const dt = new win.DataTransfer();
  dt.setData('text/plain', text);
  return dt;
}

function inputEvent(win: Win, type: 'beforeinput' | 'input', init: InputEventInit): InputEvent {
  return new win.InputEvent(type, { bubbles: true, cancelable: type === 'beforeinput', composed: true, ...init });
}

function command(el: HTMLElement, text: string, byLine: boolean): void {
  const doc = el.ownerDocument;
  if (text === '') {
    doc.execCommand('delete');
    return;
  }
  if (!byLine) {
    doc.execCommand('insertText', false, text);
    return;
  }
  text.split('\n').forEach((line, i) => {
    if (i > 0) doc.execCommand('insertParagraph');
    if (line) doc.execCommand('insertText', false, line);
  });
}

/** The `value` setter of the element's class, skipping any `value` defined on the element itself. */
function nativeValueSetter(el: Element): ((this: Element, v: string) => void) | undefined {
  for (let proto = Object.getPrototypeOf(el) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(proto, 'value');
    if (desc) return desc.set;
  }
  return undefined;
}

function setter(el: HTMLInputElement | HTMLTextAreaElement, text: string, where: Where): void {
  const value = where === 'end' ? el.value + text : text;
  const set = nativeValueSetter(el);
  if (set) set.call(el, value);
  else el.value = value;
  try {
    el.setSelectionRange(value.length, value.length);
  } catch {
    // Not every input type has a selection.
  }
  el.dispatchEvent(inputEvent(windowOf(el), 'input', { inputType: text === '' ? 'deleteContent' : 'insertText', data: text || null }));
}

function beforeInput(el: HTMLElement, text: string): void {
  const win = windowOf(el);
  const init: InputEventInit = text === '' ? { inputType: 'deleteContentBackward' } : { inputType: 'insertFromPaste', data: text, dataTransfer: dataTransfer(win, text) };
  // A cancelled beforeinput means the editor applied it; `input` tells the page an edit happened.
  if (!el.dispatchEvent(inputEvent(win, 'beforeinput', init))) el.dispatchEvent(inputEvent(win, 'input', init));
}

function typed(el: HTMLElement, text: string): void {
  if (text === '') return beforeInput(el, text);
  const win = windowOf(el);
  text.split('\n').forEach((line, i) => {
    if (i > 0) el.dispatchEvent(inputEvent(win, 'beforeinput', { inputType: 'insertParagraph' }));
    if (line) el.dispatchEvent(inputEvent(win, 'beforeinput', { inputType: 'insertText', data: line }));
  });
  // An editor may hold typed text until the next input event (CKEditor 5 waits up to 50 ms for
  // the DOM mutation native typing would make): one that means nothing lets it apply the text now.
  el.dispatchEvent(inputEvent(win, 'beforeinput', { inputType: '' }));
}

function paste(el: HTMLElement, text: string): void {
  if (text === '') return;
  const win = windowOf(el);
  const clipboardData = dataTransfer(win, text);
  const event = new win.ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData });
  // Firefox gives the event its own, empty DataTransfer (writable while the event is untrusted).
  if (event.clipboardData && event.clipboardData.getData('text/plain') !== text) event.clipboardData.setData('text/plain', text);
  if (!event.clipboardData) Object.defineProperty(event, 'clipboardData', { value: clipboardData });
  el.dispatchEvent(event);
}

function key(el: HTMLElement, name: 'Backspace' | 'Enter'): void {
  const code = name === 'Enter' ? 13 : 8;
  el.dispatchEvent(new (windowOf(el).KeyboardEvent)('keydown', { bubbles: true, cancelable: true, composed: true, key: name, code: name, keyCode: code, which: code }));
}

function textInput(el: HTMLElement, text: string): void {
  const doc = el.ownerDocument;
  text.split('\n').forEach((line, i) => {
    if (i > 0) key(el, 'Enter');
    if (!line) return;
    const event = doc.createEvent('TextEvent');
    event.initTextEvent('textInput', true, true, windowOf(el) as unknown as Window, line);
    el.dispatchEvent(event);
  });
}

const BLOCK_CHILD = /^(?:P|DIV|H[1-6]|LI|PRE|BLOCKQUOTE)$/;

/**
 * Writes lines into a plain contenteditable as the browser does when typing: the first line at
 * the caret, each further line as a new block (`<div>`, or the field's own block tag).
 */
function dom(el: HTMLElement, text: string, where: Where): void {
  const doc = el.ownerDocument;
  const [first = '', ...rest] = text.split('\n');
  const blockTag = Array.from(el.children).find((c) => BLOCK_CHILD.test(c.tagName))?.tagName ?? (el.tagName === 'BODY' ? 'P' : 'DIV');
  const sel = doc.getSelection();
  const range = sel?.rangeCount ? sel.getRangeAt(0) : null;
  const firstNode = doc.createTextNode(first);
  if (where !== 'all' && range && el.contains(range.commonAncestorContainer)) {
    range.deleteContents();
    if (first) range.insertNode(firstNode);
  } else {
    if (where === 'all') el.replaceChildren();
    if (first) el.append(firstNode);
  }
  for (const line of rest) {
    const block = doc.createElement(blockTag);
    block.append(line ? doc.createTextNode(line) : doc.createElement('br'));
    el.append(block);
  }
  el.dispatchEvent(inputEvent(windowOf(el), 'input', { inputType: text ? 'insertText' : 'deleteContent', data: text || null }));
}

/**
 * Sends `text` into the field by one path, over the selection already made (`where` says which);
 * empty text deletes the selection. Never throws; whether it worked is for the read-back to say.
 */
export function enterText(el: HTMLElement, path: InputPath, text: string, where: Where): void {
  try {
    if (path === 'command' || path === 'lines') command(el, text, path === 'lines');
    else if (path === 'setter') {
      if (isTextControl(el)) setter(el, text, where);
    } else if (path === 'beforeinput') beforeInput(el, text);
    else if (path === 'typed') typed(el, text);
    else if (path === 'paste') paste(el, text);
    else if (path === 'paste-blocks') paste(el, text.replace(/\n/g, '\n\n'));
    else if (path === 'textinput') textInput(el, text);
    else if (path === 'key') key(el, 'Backspace');
    else dom(el, text, where);
  } catch {
    // An editor that throws on an event has refused it; the read-back reports the failure.
  }
}

/**
 * What a typing user's edit ends with, so forms mark themselves dirty: `keyup` (OpenEMR's dirty
 * flag), `change` for inputs and textareas, then `blur` last. The keyup is of End, a key that
 * edits nothing: TinyMCE records an undo level (and so marks itself dirty and fires `change`) on
 * the keyup of a navigation key, and its body in an iframe never sees a blur from here.
 */
export function finishLikeUser(el: HTMLElement): void {
  const win = windowOf(el);
  try {
    el.dispatchEvent(new win.KeyboardEvent('keyup', { bubbles: true, cancelable: true, composed: true, key: 'End', code: 'End', keyCode: 35, which: 35 }));
    if (isTextControl(el)) el.dispatchEvent(new win.Event('change', { bubbles: true }));
    el.blur();
  } catch {
    // The edit itself is done; only the dirty marks are missing, which the read-back cannot see.
  }
}

/**
 * A field's text as the clinician sees it: the value of an input or textarea; for an editable,
 * one line per paragraph (block), `<br>` as a line break, an empty paragraph as an empty line.
 * Unlike `innerText` it does not double the break between `<p>`s, so a note inserted as lines
 * reads back as the same lines in every editor.
 */
import { editableTarget, isTextControl } from './editor-kind';

const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
/** Characters editors put in the DOM that nobody sees (caret fillers, zero-width markers). */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** One text node of the walk and where its text starts in the walk's output. */
export interface TextRun {
  node: Text;
  start: number;
  end: number;
}

function preservesWhitespace(root: Element): boolean {
  if (root.getAttribute('contenteditable') === 'plaintext-only') return true;
  try {
    return /pre|break-spaces/.test(root.ownerDocument.defaultView?.getComputedStyle(root).whiteSpace ?? '');
  } catch {
    return false;
  }
}

/**
 * The walk behind `readFieldText` and undo: the editable's text (not yet trimmed) and, when asked,
 * every text node with its span in that text.
 */
export function walkText(root: Element, runs?: TextRun[]): string {
  const pre = preservesWhitespace(root);
  let out = '';
  const lineBreak = (): void => {
    if (out !== '' && !out.endsWith('\n')) out += '\n';
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      let text = (node as Text).data.replace(INVISIBLE, '').replace(/\u00a0/g, ' ');
      if (!pre) {
        text = text.replace(/[ \t\r\n\f]+/g, ' ');
        if (out === '' || out.endsWith('\n') || out.endsWith(' ')) text = text.replace(/^ /, '');
      }
      runs?.push({ node: node as Text, start: out.length, end: out.length + text.length });
      out += text;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIP.has(el.tagName) || el.hasAttribute('data-slate-placeholder')) return;
    if (el.tagName === 'BR') {
      out += '\n';
      return;
    }
    const block = BLOCK.has(el.tagName);
    if (block) lineBreak();
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
    if (block) lineBreak();
  };
  for (let child = root.firstChild; child; child = child.nextSibling) visit(child);
  return out;
}

/** Line endings as `\n`, no spaces at line ends, no blank lines at either end. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}

/** The field's current plain text (the value of an input; an editable's lines). Never throws. */
export function readFieldText(el: Element): string {
  try {
    const target = editableTarget(el) ?? el;
    if (isTextControl(target)) return target.value;
    return tidy(walkText(target));
  } catch {
    return '';
  }
}

/** The text compared when a fill is checked: whitespace and invisible characters collapsed. */
export function comparable(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

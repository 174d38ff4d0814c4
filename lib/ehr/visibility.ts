/**
 * What a clinician can see on the page, decided cheaply. Reading a 10,000-element chart must take
 * milliseconds, so nothing here asks for computed style per element: it looks at tags and
 * attributes only. `isRendered` (layout-aware) is for the few elements an adapter actually reads.
 *
 * Uses no globals (no `NodeFilter`, no `HTMLElement`): works on any Document, including the
 * happy-dom ones unit tests load.
 */

/** Elements whose content is never chart text. */
const IGNORED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'HEAD', 'IFRAME', 'OBJECT', 'CANVAS', 'svg']);

/** Marks Chartside's own UI on a page (highlight overlays, badges): never read it back as chart. */
export const CHARTSIDE_UI_ATTRIBUTE = 'data-chartside-ui';

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?:;|$)/i;

/**
 * True when this element itself hides its content: a non-content tag, `hidden`,
 * `aria-hidden="true"`, an inline `display:none`/`visibility:hidden`, `input[type=hidden]`, or
 * Chartside's own UI. Ancestors are not looked at (a tree walk rejects whole subtrees instead).
 */
export function isIgnoredSelf(el: Element): boolean {
  if (IGNORED_TAGS.has(el.tagName)) return true;
  const count = el.attributes.length;
  if (count === 0) return false;
  // Most elements carry only a class: nothing to check then.
  if (count === 1 && el.hasAttribute('class')) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute(CHARTSIDE_UI_ATTRIBUTE)) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  if (el.tagName === 'INPUT' && el.getAttribute('type')?.toLowerCase() === 'hidden') return true;
  return false;
}

/** True when the element or any ancestor is ignored (see `isIgnoredSelf`): O(depth), attribute checks only. */
export function isIgnoredElement(el: Element): boolean {
  for (let current: Element | null = el; current; current = current.parentElement) {
    if (isIgnoredSelf(current)) return true;
  }
  return false;
}

/**
 * Layout-aware visibility for the few elements actually read (stylesheet `display:none`, closed
 * ancestors): uses `checkVisibility()` where the browser has it, else trusts the cheap checks.
 */
export function isRendered(el: Element): boolean {
  if (isIgnoredElement(el)) return false;
  const check = (el as Element & { checkVisibility?: (options?: { visibilityProperty?: boolean }) => boolean }).checkVisibility;
  if (typeof check !== 'function') return true;
  try {
    return check.call(el, { visibilityProperty: true });
  } catch {
    return true;
  }
}

/** Elements that start a new line of text when rendered. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;

/** The first node after `node`'s subtree, within `root` (null at the end). */
export function nodeAfter(node: Node, root: Node): Node | null {
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}

/** Page controls and screen-reader-only text: on screen, but not chart content ("Edit", "Remove Lisinopril"). */
const CONTROL_TAGS = new Set(['BUTTON', 'SELECT', 'OPTION', 'DATALIST', 'TEXTAREA']);
const CONTROL_ROLES = new Set(['button', 'menu', 'menubar', 'toolbar', 'tooltip']);
const SCREEN_READER_ONLY = /(?:^|\s)(?:sr-only|visually-hidden|visuallyhidden|screen-reader-text|screenreader|a11y-hidden|offscreen)(?:\s|$)/;

/** True for a button, a select, a `role=button`/menu/toolbar, or screen-reader-only text. */
export function isControl(el: Element): boolean {
  if (CONTROL_TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && CONTROL_ROLES.has(role)) return true;
  const cls = el.getAttribute('class');
  return cls !== null && SCREEN_READER_ONLY.test(cls);
}

export interface TextOptions {
  /** Stop reading after this many characters (default 50,000). */
  maxChars?: number;
  /** Also skip buttons, selects, toolbars and screen-reader-only text (see `isControl`). */
  skipControls?: boolean;
}

/**
 * The visible text under `el`, split where the page breaks lines (block elements, `<br>`), each line
 * whitespace-collapsed, blank lines dropped. Ignored descendants (hidden, scripts, Chartside UI)
 * are skipped whole. `el` itself is read even if ignored: callers decide about the root.
 * A number as second argument is `maxChars`.
 *
 * A TreeWalker without a filter, skipping ignored subtrees itself: a JavaScript `NodeFilter` costs a
 * call from the engine into script per node, which on a 10,000-element chart was most of the time.
 */
export function visibleLines(el: Element, options: number | TextOptions = {}): string[] {
  const { maxChars = 50_000, skipControls = false } = typeof options === 'number' ? { maxChars: options } : options;
  const lines: string[] = [];
  let line = '';
  let total = 0;
  const flush = (): void => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const walker = el.ownerDocument.createTreeWalker(el, SHOW_ELEMENT_AND_TEXT);
  // Where each open block element ends (the node after it): a line ends there too.
  const blockEnds: (Node | null)[] = [];
  let node: Node | null = walker.nextNode();
  while (node) {
    while (blockEnds.length && blockEnds[blockEnds.length - 1] === node) {
      blockEnds.pop();
      flush();
    }
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      line += value;
      total += value.length;
      if (total > maxChars) break;
    } else if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (isIgnoredSelf(element) || (skipControls && isControl(element))) {
        const next = nodeAfter(element, el);
        if (!next) break;
        walker.currentNode = next;
        node = next;
        continue;
      }
      if (BLOCK_TAGS.has(element.tagName)) {
        flush();
        if (element.firstChild) blockEnds.push(nodeAfter(element, el));
      } else if (line && line.charCodeAt(line.length - 1) > 32) {
        // Adjacent inline elements without whitespace (JSX drops it) still read as separate words:
        // `<span>DOB: 1/2/1980</span><span>46 y</span>`. Flex layouts show them apart, too.
        line += ' ';
      }
    }
    node = walker.nextNode();
  }
  flush();
  return lines;
}

/** The visible text under `el` on one line: ignored descendants skipped, whitespace collapsed. */
export function visibleText(el: Element, options: number | TextOptions = {}): string {
  const maxChars = typeof options === 'number' ? options : (options.maxChars ?? 50_000);
  return visibleLines(el, options).join(' ').slice(0, maxChars);
}

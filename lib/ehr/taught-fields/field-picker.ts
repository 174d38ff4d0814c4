/**
 * The page side of `Map fields`: while the clinician teaches one section, the field under the
 * pointer is outlined, and a click on it (or Enter in it) picks it. Escape gives up. Nothing on the
 * page is changed except Chartside's own outline and banner, which are removed when picking ends.
 */
import { CHARTSIDE_UI_ATTRIBUTE } from '../visibility';
import { isEditable, isTextControl } from '../fill/editor-kind';

export interface PickOptions {
  /** "Plan", "the whole note": shown on the outline and the banner. */
  label: string;
  signal: AbortSignal;
}

/** The outermost editable element containing `el` (the editor's root, not its paragraph). */
function editingRoot(el: Element): Element {
  let root = el;
  for (let p = el.parentElement; p && isEditable(p); p = p.parentElement) root = p;
  return root;
}

/**
 * The field a pointer or key event on `el` means, in `doc`: a text control, an editor's editable
 * root, the control of a label, or the iframe of an editor whose body is editable (TinyMCE).
 */
export function fieldAt(el: Element | null, doc: Document): Element | undefined {
  if (!el) return undefined;
  if (el.ownerDocument !== doc) {
    // An event inside a same-origin editor iframe: the iframe is the field, as the fill engine sees it.
    const frame = Array.from(doc.querySelectorAll('iframe')).find((f) => frameDocument(f) === el.ownerDocument);
    return frame && isEditable(el.ownerDocument.body) ? frame : undefined;
  }
  if (el.tagName === 'LABEL') {
    const control = (el as HTMLLabelElement).control;
    return control ? fieldAt(control, doc) : undefined;
  }
  if (isTextControl(el)) return el;
  if (isEditable(el)) return editingRoot(el);
  return undefined;
}

function frameDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

/** Same-origin child frames whose whole body is an editor: their events are listened to from here. */
function editorFrameDocuments(doc: Document): Document[] {
  return Array.from(doc.querySelectorAll('iframe'))
    .map(frameDocument)
    .filter((d): d is Document => d !== null && d.body !== null && isEditable(d.body));
}

function createOverlay(doc: Document, label: string) {
  const box = doc.createElement('div');
  box.setAttribute(CHARTSIDE_UI_ATTRIBUTE, '');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText =
    'all:initial;position:fixed;z-index:2147483647;pointer-events:none;display:none;box-sizing:border-box;' +
    'outline:3px solid #2563eb;outline-offset:2px;background:rgba(37,99,235,0.08);border-radius:4px;';
  const tag = doc.createElement('div');
  tag.style.cssText =
    'all:initial;position:absolute;left:0;top:-1.6em;font:600 12px/1.4 system-ui,sans-serif;color:#fff;background:#2563eb;' +
    'padding:1px 6px;border-radius:3px;white-space:nowrap;';
  tag.textContent = `Use for ${label}`;
  box.append(tag);
  (doc.body ?? doc.documentElement).append(box);
  return {
    show(field: Element) {
      const rect = field.getBoundingClientRect();
      box.style.left = `${rect.left}px`;
      box.style.top = `${rect.top}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
      box.style.display = 'block';
    },
    hide() {
      box.style.display = 'none';
    },
    remove() {
      box.remove();
    },
  };
}

/** A banner in the top frame, so the clinician knows what the page is waiting for. */
function createBanner(doc: Document, label: string): { remove(): void } {
  const banner = doc.createElement('div');
  banner.setAttribute(CHARTSIDE_UI_ATTRIBUTE, '');
  banner.setAttribute('role', 'status');
  banner.style.cssText =
    'all:initial;position:fixed;z-index:2147483647;left:50%;top:8px;transform:translateX(-50%);pointer-events:none;' +
    'font:14px/1.4 system-ui,sans-serif;color:#fff;background:#1e3a8a;padding:6px 12px;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3);';
  banner.textContent = `Chartside: click the field for ${label} (or press Enter in it). Esc cancels.`;
  (doc.body ?? doc.documentElement).append(banner);
  return banner;
}

/** Waits for the clinician to pick a field in `doc`; undefined when they press Escape or `signal` aborts. */
export function pickField(doc: Document, { label, signal }: PickOptions): Promise<Element | undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(undefined);
    const view = doc.defaultView;
    const overlay = createOverlay(doc, label);
    const banner = view && view === view.top ? createBanner(doc, label) : undefined;
    const docs = [doc, ...editorFrameDocuments(doc)];
    const listen = new AbortController();
    const options = { capture: true, signal: listen.signal };

    const finish = (field: Element | undefined) => {
      listen.abort();
      overlay.remove();
      banner?.remove();
      resolve(field);
    };
    signal.addEventListener('abort', () => finish(undefined), { once: true, signal: listen.signal });

    /** A click on a field, or Enter in one, teaches it; the page should not also act on that event. */
    const pickFrom = (event: Event) => {
      const field = fieldAt(event.target as Element, doc);
      if (!field) return;
      event.preventDefault();
      event.stopPropagation();
      finish(field);
    };

    for (const d of docs) {
      d.addEventListener(
        'mouseover',
        (event) => {
          const field = fieldAt(event.target as Element, doc);
          if (field) overlay.show(field);
          else overlay.hide();
        },
        options,
      );
      d.addEventListener('click', pickFrom, options);
      d.addEventListener(
        'keydown',
        (event) => {
          const key = (event as KeyboardEvent).key;
          if (key === 'Escape') finish(undefined);
          else if (key === 'Enter') pickFrom(event);
        },
        options,
      );
    }
  });
}

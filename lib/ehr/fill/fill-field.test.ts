// @vitest-environment happy-dom
/*
 * happy-dom has no `document.execCommand`, so these tests run the paths that do not need it: the
 * native value setter for inputs and textareas, and for editables the `beforeinput`, paste and
 * DOM paths. The `execCommand('insertText')` path and the real editors (Tiptap, Quill, Slate,
 * TinyMCE, CKEditor 5, Draft.js) are covered by the Chromium end-to-end tests on the editor
 * fixture pages, which read each editor's own model.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fillField } from './fill-field';

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

/** Records the events a form would see, in order. */
function recordEvents(el: Element): string[] {
  const log: string[] = [];
  for (const type of ['beforeinput', 'input', 'keyup', 'change', 'blur']) {
    el.addEventListener(type, (event) => log.push(type === 'input' ? `input:${(event as InputEvent).inputType}` : type));
  }
  return log;
}

describe('fillField on a textarea', () => {
  it('inserts into an empty field, then fires input, keyup, change and blur in that order', async () => {
    document.body.innerHTML = '<textarea id="plan"></textarea>';
    const log = recordEvents($('#plan'));
    const result = await fillField($('#plan'), 'Rest.\nFluids.');
    expect(result).toEqual({ status: 'inserted', before: '', after: 'Rest.\nFluids.' });
    expect($<HTMLTextAreaElement>('#plan').value).toBe('Rest.\nFluids.');
    expect(log).toEqual(['input:insertText', 'keyup', 'change', 'blur']);
  });

  it('appends after a blank line when the field has text', async () => {
    document.body.innerHTML = '<textarea id="t">Seen last week.</textarea>';
    const result = await fillField($('#t'), 'Better today.');
    expect(result.status).toBe('appended');
    expect(result.before).toBe('Seen last week.');
    expect($<HTMLTextAreaElement>('#t').value).toBe('Seen last week.\n\nBetter today.');
  });

  it('makes exactly one blank line whatever the existing text ends with', async () => {
    for (const [existing, expected] of [
      ['a\n', 'a\n\nb'],
      ['a\n\n', 'a\n\nb'],
      ['a  ', 'a  \n\nb'],
    ] as const) {
      document.body.innerHTML = '<textarea id="t"></textarea>';
      $<HTMLTextAreaElement>('#t').value = existing;
      await fillField($('#t'), 'b');
      expect($<HTMLTextAreaElement>('#t').value).toBe(expected);
    }
  });

  it('treats a field of only whitespace as empty', async () => {
    document.body.innerHTML = '<textarea id="t">\n  \n</textarea>';
    expect((await fillField($('#t'), 'x')).status).toBe('inserted');
    expect($<HTMLTextAreaElement>('#t').value).toBe('x');
  });

  it('replaces the whole text on request', async () => {
    document.body.innerHTML = '<textarea id="t">old text</textarea>';
    const result = await fillField($('#t'), 'new text', { mode: 'replace' });
    expect(result).toEqual({ status: 'replaced', before: 'old text', after: 'new text' });
  });

  it('normalises CRLF and trims blank lines around the text', async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    await fillField($('#t'), '\r\n\r\nline 1\r\nline 2\r\n\r\n');
    expect($<HTMLTextAreaElement>('#t').value).toBe('line 1\nline 2');
  });

  it("goes through the native value setter, so React's value tracker sees a change and fires onChange", async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    const el = $<HTMLTextAreaElement>('#t');
    // What React does to every controlled field: an own `value` property that remembers the last
    // value set through it; onChange fires only when the DOM value differs from what it remembers.
    const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!;
    let tracked = '';
    const setsThroughTracker: string[] = [];
    Object.defineProperty(el, 'value', {
      configurable: true,
      get() {
        return native.get!.call(this);
      },
      set(v: string) {
        setsThroughTracker.push(v);
        tracked = v;
        native.set!.call(this, v);
      },
    });
    const onChange: string[] = [];
    el.addEventListener('input', () => {
      const value = el.value;
      if (value !== tracked) {
        tracked = value;
        onChange.push(value);
      }
    });
    const result = await fillField(el, 'Tracked text');
    expect(result.status).toBe('inserted');
    expect(setsThroughTracker).toEqual([]);
    expect(onChange).toEqual(['Tracked text']);
  });

  it('reports a failure when the page puts the old value back (a controlled field that rejects it)', async () => {
    document.body.innerHTML = '<textarea id="t">kept</textarea>';
    const el = $<HTMLTextAreaElement>('#t');
    el.addEventListener('input', () => {
      el.value = 'kept';
    });
    const result = await fillField(el, 'new');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/did not take/);
    expect(result.after).toBe('kept');
  });

  it('refuses read-only and disabled fields', async () => {
    document.body.innerHTML = '<textarea id="r" readonly>x</textarea><textarea id="d" disabled></textarea>';
    expect(await fillField($('#r'), 'y')).toEqual({ status: 'failed', before: 'x', after: 'x', reason: 'the field is read-only' });
    expect((await fillField($('#d'), 'y')).status).toBe('failed');
    expect($<HTMLTextAreaElement>('#r').value).toBe('x');
  });

  it('refuses empty text', async () => {
    document.body.innerHTML = '<textarea id="t">x</textarea>';
    expect((await fillField($('#t'), ' \n ')).reason).toBe('no text to insert');
    expect($<HTMLTextAreaElement>('#t').value).toBe('x');
  });

  it('marks an OpenEMR-style form dirty through its keyup handler', async () => {
    document.body.innerHTML = '<textarea name="plan" onkeyup="window.soapDirty = true"></textarea>';
    const win = window as unknown as { soapDirty?: boolean };
    win.soapDirty = false;
    $('textarea').addEventListener('keyup', () => (win.soapDirty = true));
    await fillField($('textarea'), 'x');
    expect(win.soapDirty).toBe(true);
  });
});

describe('fillField on a single-line input', () => {
  it('joins lines with spaces', async () => {
    document.body.innerHTML = '<input id="i">';
    const result = await fillField($('#i'), 'Cough.\n\n  No fever.\nTired.');
    expect(result.status).toBe('inserted');
    expect($<HTMLInputElement>('#i').value).toBe('Cough. No fever. Tired.');
  });

  it('appends after a space', async () => {
    document.body.innerHTML = '<input id="i" value="Cough.">';
    await fillField($('#i'), 'No fever.\nTired.');
    expect($<HTMLInputElement>('#i').value).toBe('Cough. No fever. Tired.');
  });
});

describe('fillField on a contenteditable', () => {
  it('writes lines as paragraphs, read back as lines', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"></div>';
    const result = await fillField($('#c'), 'one\ntwo\n\nfour');
    expect(result).toEqual({ status: 'inserted', before: '', after: 'one\ntwo\n\nfour' });
    // As the browser lays out typed lines in a plain contenteditable.
    expect($('#c').innerHTML).toBe('one<div>two</div><div><br></div><div>four</div>');
  });

  it('appends after a blank line, keeping the existing markup', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"><p><b>Seen</b> last week.</p></div>';
    const result = await fillField($('#c'), 'Better.');
    expect(result.status).toBe('appended');
    expect(result.after).toBe('Seen last week.\n\nBetter.');
    expect($('#c').innerHTML).toBe('<p><b>Seen</b> last week.</p><p><br></p><p>Better.</p>');
  });

  it('replaces everything on request', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"><p>old</p><p>older</p></div>';
    const result = await fillField($('#c'), 'new', { mode: 'replace' });
    expect(result).toEqual({ status: 'replaced', before: 'old\nolder', after: 'new' });
  });

  it('never inserts HTML: markup in the text stays text', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"></div>';
    const text = 'Denies <img src=x onerror="window.__xss=1"> & <b>pain</b>\n<script>window.__xss=2</script>';
    const result = await fillField($('#c'), text);
    expect(result.status).toBe('inserted');
    expect($('#c').querySelector('img,b,script')).toBeNull();
    expect($('#c').textContent).toBe(text.replace('\n', ''));
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('hands the text to an editor that takes it from beforeinput (as Slate does), and inserts it once', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true" data-slate-editor="true"></div>';
    const el = $('#c');
    const seen: { inputType: string; text: string | undefined }[] = [];
    el.addEventListener('beforeinput', (event) => {
      const e = event as InputEvent;
      seen.push({ inputType: e.inputType, text: e.dataTransfer?.getData('text/plain') });
      e.preventDefault();
      // A stand-in for the editor's own model update and render: later, but not on a timer a loaded
      // machine could push past the engine's settle time.
      queueMicrotask(() => el.replaceChildren(...(e.dataTransfer?.getData('text/plain') ?? '').split('\n').map((line) => Object.assign(document.createElement('p'), { textContent: line }))));
    });
    const log = recordEvents(el);
    const result = await fillField(el, 'a\nb');
    expect(result.status).toBe('inserted');
    expect(seen).toEqual([{ inputType: 'insertFromPaste', text: 'a\nb' }]);
    expect(el.innerHTML).toBe('<p>a</p><p>b</p>');
    expect(log).toEqual(['beforeinput', 'input:insertFromPaste', 'keyup', 'blur']);
  });

  it('falls back to a paste event with text/plain for an editor with a paste pipeline', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"></div>';
    const el = $('#c');
    el.addEventListener('paste', (event) => {
      const e = event as ClipboardEvent;
      e.preventDefault();
      el.textContent = e.clipboardData?.getData('text/plain') ?? '';
    });
    const result = await fillField(el, 'pasted');
    expect(result.status).toBe('inserted');
    expect(el.innerHTML).toBe('pasted');
  });

  it('gives CKEditor 5 each line as a paragraph and a blank line as an empty one, as Enter would make them', async () => {
    document.body.innerHTML = '<div id="c" class="ck-content ck-editor__editable" contenteditable="true"></div>';
    const el = $('#c');
    const pasted: string[] = [];
    // CKEditor's plain-text paste (`plainTextToHtml`): a blank line starts a paragraph, a single line break is a soft break.
    el.addEventListener('paste', (event) => {
      const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
      pasted.push(text);
      event.preventDefault();
      el.replaceChildren(
        ...text.split('\n\n').map((block) => {
          const p = document.createElement('p');
          block.split('\n').forEach((line, i) => p.append(...(i > 0 ? [document.createElement('br')] : []), line));
          if (!block) p.append(document.createElement('br'));
          return p;
        }),
      );
    });
    const result = await fillField(el, 'one\ntwo\n\nfour');
    expect(result).toEqual({ status: 'inserted', before: '', after: 'one\ntwo\n\nfour' });
    expect(pasted).toEqual(['one\n\ntwo\n\n\n\nfour']);
    expect(el.innerHTML).toBe('<p>one</p><p>two</p><p><br></p><p>four</p>');
  });

  it('does not insert twice when a path changed the field but not to the expected text', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"><p>old</p></div>';
    const el = $('#c');
    // An editor that takes beforeinput but mangles it (drops the last line).
    el.addEventListener('beforeinput', (event) => {
      event.preventDefault();
      const text = (event as InputEvent).dataTransfer?.getData('text/plain') ?? '';
      el.append(Object.assign(document.createElement('p'), { textContent: text.split('\n').slice(0, -1).join(' ') }));
    });
    const result = await fillField(el, 'x\ny');
    expect(result.status).toBe('appended');
    expect(result.after).toBe('old\n\nx\ny');
  });

  it('fills a TinyMCE-style body in its own document', async () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.body.id = 'tinymce';
    doc.body.className = 'mce-content-body';
    doc.body.setAttribute('contenteditable', 'true');
    doc.body.innerHTML = '<p>existing</p>';
    const result = await fillField(doc.body, 'added');
    expect(result.status).toBe('appended');
    expect(doc.body.innerHTML).toBe('<p>existing</p><p><br></p><p>added</p>');
  });
});

describe('fillField never throws', () => {
  it('reports an element that cannot take text', async () => {
    document.body.innerHTML = '<div id="x">static</div>';
    expect(await fillField($('#x'), 'y')).toEqual({ status: 'failed', before: '', after: '', reason: 'no editable field here' });
  });

  it('survives an editor whose handlers throw', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"></div>';
    $('#c').addEventListener('beforeinput', () => {
      throw new Error('editor bug');
    });
    $('#c').addEventListener('keyup', () => {
      throw new Error('editor bug');
    });
    const result = await fillField($('#c'), 'still works');
    expect(result.status).toBe('inserted');
  });
});

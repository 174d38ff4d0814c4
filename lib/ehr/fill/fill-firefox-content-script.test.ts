// @vitest-environment happy-dom
/*
 * In a Firefox content script the page cannot read a DataTransfer the extension filled, so the
 * fill must not rely on one there: editors that take `beforeinput` get the text typed, line by
 * line. (The sandbox is recognised by its `cloneInto` global, stubbed here.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('fillField in a Firefox content script', () => {
  it('types the text into a beforeinput editor as insertText and insertParagraph, with no DataTransfer', async () => {
    vi.stubGlobal('cloneInto', () => undefined);
    const { fillField } = await import('./fill-field');
    document.body.innerHTML = '<div id="c" class="ck-content ck-editor__editable" contenteditable="true"><p><br></p></div>';
    const el = document.getElementById('c')!;
    const seen: string[] = [];
    let lines = [''];
    el.addEventListener('beforeinput', (event) => {
      const e = event as InputEvent;
      seen.push(`${e.inputType}:${e.data ?? ''}:${e.dataTransfer ? 'dt' : ''}`);
      e.preventDefault();
      if (e.inputType === 'insertText') lines[lines.length - 1] += e.data ?? '';
      else if (e.inputType === 'insertParagraph') lines.push('');
      else if (e.inputType.startsWith('delete')) lines = [''];
      // Rendered as editors do: an empty paragraph holds a filler <br>.
      el.replaceChildren(...lines.map((line) => Object.assign(document.createElement('p'), line ? { textContent: line } : { innerHTML: '<br>' })));
    });
    const result = await fillField(el, 'one\n\nthree');
    expect(result.status).toBe('inserted');
    expect(result.after).toBe('one\n\nthree');
    expect(seen).toEqual(['insertText:one:', 'insertParagraph::', 'insertParagraph::', 'insertText:three:', '::']);
  });
});

import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { CHARTSIDE_UI_ATTRIBUTE } from '../visibility';
import { fieldAt, pickField } from './field-picker';

const PAGE = `<form><label for="a">Box A</label><textarea id="a"></textarea>
  <div class="ProseMirror" contenteditable="true" id="pm"><p id="para">text</p></div>
  <button id="save">Save</button><input type="checkbox" id="check"></form>`;

function click(el: Element): MouseEvent {
  const event = new (el.ownerDocument.defaultView as unknown as typeof globalThis).MouseEvent('click', { bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
}

function key(el: Element, name: string): void {
  el.dispatchEvent(new (el.ownerDocument.defaultView as unknown as typeof globalThis).KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
}

describe('fieldAt', () => {
  it('takes text controls, an editor’s root for a click on its paragraph, and a label’s control; nothing else', () => {
    const { document } = htmlDocument(PAGE);
    const $ = (s: string) => document.querySelector(s)!;
    expect(fieldAt($('#a'), document)).toBe($('#a'));
    expect(fieldAt($('#para'), document)).toBe($('#pm'));
    expect(fieldAt($('label'), document)).toBe($('#a'));
    expect(fieldAt($('#save'), document)).toBeUndefined();
    expect(fieldAt($('#check'), document)).toBeUndefined();
    expect(fieldAt($('form'), document)).toBeUndefined();
  });
});

describe('pickField', () => {
  it('picks the field clicked, keeps the click from the page, and removes its outline and banner', async () => {
    const { document } = htmlDocument(PAGE);
    let pageSawClick = false;
    document.querySelector('#para')!.addEventListener('click', () => (pageSawClick = true));
    const picking = pickField(document, { label: 'Plan', signal: new AbortController().signal });
    expect(document.querySelectorAll(`[${CHARTSIDE_UI_ATTRIBUTE}]`).length).toBeGreaterThan(0);
    expect(document.body.textContent).toContain('click the field for Plan');
    click(document.querySelector('#save')!); // not a field: ignored, still waiting
    const event = click(document.querySelector('#para')!);
    expect(await picking).toBe(document.querySelector('#pm'));
    expect(event.defaultPrevented).toBe(true);
    expect(pageSawClick).toBe(false);
    expect(document.querySelectorAll(`[${CHARTSIDE_UI_ATTRIBUTE}]`)).toHaveLength(0);
  });

  it('picks the focused field on Enter (keyboard users), and gives up on Escape', async () => {
    const { document } = htmlDocument(PAGE);
    const byKeyboard = pickField(document, { label: 'Subjective', signal: new AbortController().signal });
    key(document.querySelector('#a')!, 'Enter');
    expect(await byKeyboard).toBe(document.querySelector('#a'));
    const escaped = pickField(document, { label: 'Subjective', signal: new AbortController().signal });
    key(document.body, 'Escape');
    expect(await escaped).toBeUndefined();
    expect(document.querySelectorAll(`[${CHARTSIDE_UI_ATTRIBUTE}]`)).toHaveLength(0);
  });

  it('stops waiting when told to, and a click afterwards is the page’s again', async () => {
    const { document } = htmlDocument(PAGE);
    const controller = new AbortController();
    const picking = pickField(document, { label: 'Plan', signal: controller.signal });
    controller.abort();
    expect(await picking).toBeUndefined();
    expect(click(document.querySelector('#a')!).defaultPrevented).toBe(false);
  });
});

// @vitest-environment happy-dom
/* Undo through the paths happy-dom has (see fill-field.test.ts); real editors are covered in Chromium. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fillField } from './fill-field';
import { undoFill } from './undo';

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('undoFill', () => {
  it('empties a textarea an insert filled, with the events a form needs', async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    const filled = await fillField($('#t'), 'note');
    const log: string[] = [];
    for (const type of ['input', 'keyup', 'change', 'blur']) $('#t').addEventListener(type, () => log.push(type));
    const undone = await undoFill($('#t'), filled.before);
    expect(undone).toEqual({ status: 'replaced', before: 'note', after: '' });
    expect(log).toEqual(['input', 'keyup', 'change', 'blur']);
  });

  it("restores a textarea's earlier text exactly after an append", async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    $<HTMLTextAreaElement>('#t').value = 'earlier\n';
    const filled = await fillField($('#t'), 'added');
    expect($<HTMLTextAreaElement>('#t').value).toBe('earlier\n\nadded');
    await undoFill($('#t'), filled.before);
    expect($<HTMLTextAreaElement>('#t').value).toBe('earlier\n');
  });

  it("takes only the appended paragraphs out of an editable, so the earlier text keeps its formatting", async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"><p><b>Seen</b> last week.</p></div>';
    const filled = await fillField($('#c'), 'Better.\nEating.');
    const undone = await undoFill($('#c'), filled.before);
    expect(undone.status).toBe('replaced');
    expect(undone.after).toBe('Seen last week.');
    expect($('#c').querySelector('b')?.textContent).toBe('Seen');
  });

  it('restores the earlier text after a replace', async () => {
    document.body.innerHTML = '<div id="c" contenteditable="true"><p>one</p><p>two</p></div>';
    const filled = await fillField($('#c'), 'new', { mode: 'replace' });
    const undone = await undoFill($('#c'), filled.before);
    expect(undone.after).toBe('one\ntwo');
  });

  it('does nothing when the field already reads the earlier text', async () => {
    document.body.innerHTML = '<textarea id="t">same</textarea>';
    const log: string[] = [];
    $('#t').addEventListener('input', () => log.push('input'));
    expect(await undoFill($('#t'), 'same')).toEqual({ status: 'replaced', before: 'same', after: 'same' });
    expect(log).toEqual([]);
  });

  it('refuses, when told what the insert left, a field edited since', async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    const filled = await fillField($('#t'), 'note');
    $<HTMLTextAreaElement>('#t').value = "note, and the clinician's own words";
    const undone = await undoFill($('#t'), filled.before, { after: filled.after });
    expect(undone.status).toBe('failed');
    expect(undone.reason).toBe('the field was edited after the insert');
    expect($<HTMLTextAreaElement>('#t').value).toBe("note, and the clinician's own words");
    $<HTMLTextAreaElement>('#t').value = 'note';
    expect((await undoFill($('#t'), filled.before, { after: filled.after })).after).toBe('');
  });

  it('refuses a field the page has since replaced', async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    const old = $('#t');
    await fillField(old, 'note');
    document.body.innerHTML = '<textarea id="t">note</textarea>';
    expect(await undoFill(old, '')).toEqual({ status: 'failed', before: '', after: '', reason: 'the field is no longer on the page' });
    expect($<HTMLTextAreaElement>('#t').value).toBe('note');
  });

  it('never throws', async () => {
    document.body.innerHTML = '<div id="x">static</div>';
    expect((await undoFill($('#x'), 'y')).status).toBe('failed');
  });
});

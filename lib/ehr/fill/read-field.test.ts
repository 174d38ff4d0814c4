// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { comparable, readFieldText } from './read-field';

function field(markup: string, style = 'white-space: pre-wrap'): HTMLElement {
  document.body.innerHTML = `<div id="f" contenteditable="true" style="${style}">${markup}</div>`;
  return document.getElementById('f')!;
}

describe('readFieldText', () => {
  it("reads an input's and a textarea's value exactly", () => {
    document.body.innerHTML = '<input id="i" value=" a b "><textarea id="t"></textarea>';
    (document.getElementById('t') as HTMLTextAreaElement).value = 'line 1\n\nline 3\n';
    expect(readFieldText(document.getElementById('i')!)).toBe(' a b ');
    expect(readFieldText(document.getElementById('t')!)).toBe('line 1\n\nline 3\n');
  });

  it('reads one line per paragraph, without the doubled break innerText puts between <p>s', () => {
    expect(readFieldText(field('<p>one</p><p>two</p>'))).toBe('one\ntwo');
  });

  it('reads an empty paragraph (with its filler <br>) as an empty line', () => {
    // Quill, CKEditor 5, TinyMCE, ProseMirror and plain contenteditable all write a blank line so.
    expect(readFieldText(field('<p>one</p><p><br></p><p>three</p>'))).toBe('one\n\nthree');
    expect(readFieldText(field('one<div>two</div><div><br></div><div>four</div>'))).toBe('one\ntwo\n\nfour');
    expect(readFieldText(field('<p>one</p><p><br class="ProseMirror-trailingBreak"></p>'))).toBe('one');
  });

  it('reads <br> inside a paragraph as a line break', () => {
    expect(readFieldText(field('<p>one<br>two</p><p>three</p>'))).toBe('one\ntwo\nthree');
  });

  it('reads nested inline formatting as plain text', () => {
    expect(readFieldText(field('<p>BP <strong>120/80</strong>, <em>HR</em> 72</p>'))).toBe('BP 120/80, HR 72');
  });

  it("leaves out Slate's placeholder and zero-width markers", () => {
    const slate = field(
      '<div data-slate-node="element"><span data-slate-node="text"><span data-slate-leaf="true"><span data-slate-placeholder="true" contenteditable="false">Type here</span><span data-slate-zero-width="n" data-slate-length="0">\ufeff<br></span></span></span></div>',
    );
    expect(readFieldText(slate)).toBe('');
  });

  it('reads Draft.js blocks one per line', () => {
    const draft = field(
      '<div data-contents="true"><div data-block="true"><div class="public-DraftStyleDefault-block"><span><span data-text="true">first</span></span></div></div><div data-block="true"><div class="public-DraftStyleDefault-block"><span><br data-text="true"></span></div></div><div data-block="true"><div class="public-DraftStyleDefault-block"><span><span data-text="true">third</span></span></div></div></div>',
    );
    expect(readFieldText(draft)).toBe('first\n\nthird');
  });

  it('collapses source-formatting whitespace where the field does not preserve it', () => {
    const el = field('\n  <p>  one\n   two </p>\n  <p>three</p>\n', 'white-space: normal');
    expect(readFieldText(el)).toBe('one two\nthree');
  });

  it('keeps spaces and newlines where the field preserves them', () => {
    document.body.innerHTML = '<div id="f" contenteditable="plaintext-only">a  b\nc</div>';
    expect(readFieldText(document.getElementById('f')!)).toBe('a  b\nc');
  });

  it('reads non-breaking spaces as spaces', () => {
    expect(readFieldText(field('<p>a\u00a0\u00a0b</p>'))).toBe('a  b');
  });

  it('reads through a wrapper to the field inside', () => {
    document.body.innerHTML = '<div id="w"><div class="ProseMirror" contenteditable="true"><p>inside</p></div></div>';
    expect(readFieldText(document.getElementById('w')!)).toBe('inside');
  });
});

describe('comparable', () => {
  it('ignores how whitespace, line breaks and invisible characters fall', () => {
    expect(comparable('a\n\n b\u00a0c\u200b\ufeff ')).toBe(comparable('a b c'));
  });
});

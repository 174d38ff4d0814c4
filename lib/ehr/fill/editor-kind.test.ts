// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { detectEditorKind, editableTarget } from './editor-kind';

function html(markup: string): void {
  document.body.innerHTML = markup;
}

const $ = (selector: string): Element => document.querySelector(selector)!;

beforeEach(() => html(''));

describe('detectEditorKind', () => {
  it('tells inputs and textareas apart, and only text inputs count', () => {
    html('<input id="a"><input id="b" type="text"><input id="c" type="search"><input id="d" type="checkbox"><textarea id="e"></textarea>');
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => detectEditorKind($(`#${id}`)))).toEqual(['input', 'input', 'input', 'unknown', 'textarea']);
  });

  it('knows each editor by its own markers', () => {
    html(`
      <div id="pm" class="tiptap ProseMirror" contenteditable="true"><p>x</p></div>
      <div class="ql-container"><div id="quill" class="ql-editor" contenteditable="true"><p>x</p></div></div>
      <div id="slate" data-slate-editor="true" contenteditable="true"></div>
      <div id="ck" class="ck ck-content ck-editor__editable ck-editor__editable_inline" contenteditable="true"></div>
      <div id="draft" class="notranslate public-DraftEditor-content" contenteditable="true"><div data-contents="true"></div></div>
      <div id="tiny-inline" class="mce-content-body" contenteditable="true"></div>
      <div id="plain" contenteditable="true"></div>
      <div id="plaintext" contenteditable="plaintext-only"></div>
      <div id="static">not editable</div>
      <div id="off" contenteditable="false"></div>`);
    const kinds = ['pm', 'quill', 'slate', 'ck', 'draft', 'tiny-inline', 'plain', 'plaintext', 'static', 'off'].map((id) => detectEditorKind($(`#${id}`)));
    expect(kinds).toEqual(['prosemirror', 'quill', 'slate', 'ckeditor5', 'draftjs', 'tinymce-body', 'contenteditable', 'contenteditable', 'unknown', 'unknown']);
  });

  it("knows TinyMCE's iframe body", () => {
    html('');
    document.body.id = 'tinymce';
    document.body.className = 'mce-content-body';
    document.body.setAttribute('contenteditable', 'true');
    expect(detectEditorKind(document.body)).toBe('tinymce-body');
    document.body.removeAttribute('id');
    document.body.removeAttribute('class');
    document.body.removeAttribute('contenteditable');
  });

  it('answers for an element inside an editor by the editor around it', () => {
    html('<div class="ProseMirror" contenteditable="true"><p id="p">x</p></div>');
    expect(detectEditorKind($('#p'))).toBe('prosemirror');
  });
});

describe('editableTarget', () => {
  it('returns a field as itself', () => {
    html('<textarea id="t"></textarea><div id="c" contenteditable="true"></div>');
    expect(editableTarget($('#t'))).toBe($('#t'));
    expect(editableTarget($('#c'))).toBe($('#c'));
  });

  it("climbs from an editor's paragraph to its editing host", () => {
    html('<div id="host" class="ProseMirror" contenteditable="true"><p><strong id="s">x</strong></p></div>');
    expect(editableTarget($('#s'))).toBe($('#host'));
  });

  it('goes down from a wrapper to the editable inside it (Quill, Tiptap mount points)', () => {
    html('<div id="wrap" class="ql-container"><div id="ed" class="ql-editor" contenteditable="true"></div><div class="ql-clipboard" contenteditable="true" tabindex="-1"></div></div>');
    expect(editableTarget($('#wrap'))).toBe($('#ed'));
    html('<div id="wrap"><div class="ql-clipboard" contenteditable="true"></div><div class="tiptap ProseMirror" id="ed" contenteditable="true"></div></div>');
    expect(editableTarget($('#wrap'))).toBe($('#ed'));
  });

  it('follows a label to its control', () => {
    html('<label id="l" for="plan">Plan</label><textarea id="plan"></textarea>');
    expect(editableTarget($('#l'))).toBe($('#plan'));
  });

  it('skips hidden fields and non-text inputs inside a wrapper', () => {
    html('<div id="w"><input type="hidden" name="csrf"><input type="checkbox"><textarea style="display:none"></textarea><input id="ok" name="note"></div>');
    expect(editableTarget($('#w'))).toBe($('#ok'));
  });

  it('finds the CKEditor 5 editable next to the hidden source element it replaced', () => {
    html('<div id="src" style="display: none;"></div><div class="ck ck-reset ck-editor"><div class="ck-editor__main"><div id="ed" class="ck-content ck-editor__editable" contenteditable="true"></div></div></div>');
    expect(editableTarget($('#src'))).toBe($('#ed'));
  });

  it('returns null when there is nothing to type into', () => {
    html('<div id="x"><span>text</span></div><div id="ro" contenteditable="false">x</div>');
    expect(editableTarget($('#x'))).toBeNull();
    expect(editableTarget($('#ro'))).toBeNull();
  });
});

/**
 * Editors that hide the page's labelled field and put their own editable beside it: the markup
 * below is each editor's DOM as it writes it (trimmed to the elements that matter), and the
 * editable must be found as the field the hidden element's label names.
 */
import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { findNoteFields } from './note-fields';

/** Each found field as the `data-k` mark on it (editables carry one; hidden sources do not). */
function found(html: string): Record<string, string | null> {
  const { document } = htmlDocument(html);
  return Object.fromEntries(Object.entries(findNoteFields(document)).map(([section, el]) => [section, el!.getAttribute('data-k')]));
}

const ckeditor5 = (source: string, k: string) => `${source}
  <div class="ck ck-reset ck-editor ck-rounded-corners" role="application" dir="ltr" lang="en">
    <div class="ck ck-editor__top ck-reset_all" role="presentation"><div class="ck ck-sticky-panel"><div class="ck ck-toolbar" role="toolbar" aria-label="Editor toolbar"><button class="ck ck-button" type="button"><span class="ck ck-button__label">Undo</span></button></div></div></div>
    <div class="ck ck-editor__main" role="presentation"><div class="ck-blurred ck ck-content ck-editor__editable ck-rounded-corners ck-editor__editable_inline" lang="en" dir="ltr" role="textbox" aria-label="Rich Text Editor. Editing area: main. Press Alt+0 for help." contenteditable="true" data-k="${k}"><p><br data-cke-filler="true"></p></div></div>
  </div>`;
const summernote = (source: string, k: string) => `${source}
  <div class="note-editor note-frame card"><div class="note-toolbar card-header" role="toolbar"></div>
    <div class="note-editing-area"><div class="note-placeholder"></div><textarea class="note-codable" aria-multiline="true" style="display:none"></textarea>
      <div class="note-editable card-block" contenteditable="true" role="textbox" aria-multiline="true" data-k="${k}"><p><br></p></div></div>
    <output class="note-status-output" role="status" aria-live="polite"></output></div>`;
const quill = (attrs: string, k: string, hidden = '') => `<div class="field">
  <div class="ql-toolbar ql-snow"><span class="ql-formats"><button type="button" class="ql-bold"></button></span></div>
  <div ${attrs} class="ql-container ql-snow"><div class="ql-editor ql-blank" data-gramm="false" contenteditable="true" data-k="${k}"><p><br></p></div></div>${hidden}</div>`;
const froala = (source: string, k: string) => `<div class="fr-box fr-basic fr-top" role="application">
  <div class="fr-toolbar fr-desktop fr-top fr-basic"></div>
  <div class="fr-wrapper" dir="auto"><div class="fr-element fr-view" dir="auto" contenteditable="true" aria-disabled="false" spellcheck="true" data-k="${k}"><p><br></p></div></div>
  ${source}</div>`;
const cke4 = (id: string, source: string, k: string) => `${source}
  <div id="cke_${id}" class="cke_1 cke cke_reset cke_chrome cke_editor_${id}" role="application"><div class="cke_inner cke_reset">
    <div id="cke_1_contents" class="cke_contents cke_reset"><div contenteditable="true" class="cke_wysiwyg_div cke_reset" role="textbox" aria-label="Rich Text Editor, ${id}" data-k="${k}"></div></div></div></div>`;

const hiddenTextarea = (attrs: string) => `<textarea ${attrs} style="display: none;" aria-hidden="true"></textarea>`;

describe('an editor labelled through the field it replaced', () => {
  const SOAP = (editor: (source: string, k: string) => string) => `<form>
    <div class="field"><label for="s">Subjective</label>${editor(hiddenTextarea('id="s"'), 'S')}</div>
    <div class="field">${editor(hiddenTextarea('id="o" aria-label="Objective"'), 'O')}</div>
    <div class="field">${editor(hiddenTextarea('name="soap[assessment]"'), 'A')}</div>
    <div class="field">${editor(hiddenTextarea('id="txtPlan"'), 'P')}</div></form>`;

  it.each([
    ['CKEditor 5 classic', ckeditor5],
    ['Summernote', summernote],
    ['Froala', froala],
  ])('%s: per-section fields by <label for>, aria-label, name and id', (_, editor) => {
    expect(found(SOAP(editor))).toEqual({ subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' });
  });

  it('CKEditor 4 (div mode): the `cke_<id>` box leads back to the textarea', () => {
    const html = ['s', 'o', 'a', 'p'].map((id, i) => `<label for="${id}">${['HPI', 'Exam', 'Impression', 'Plan'][i]}</label>${cke4(id, `<textarea id="${id}" style="visibility:hidden; display:none;"></textarea>`, id.toUpperCase())}`);
    expect(found(`<form>${html.join('')}</form>`)).toEqual({ subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' });
  });

  it('Quill: the labelled container, or the hidden input the page syncs', () => {
    expect(
      found(`<form>
        <label for="subj">Subjective</label>${quill('id="subj"', 'S')}
        ${quill('id="editor-2"', 'O', '<input type="hidden" name="objective">')}
        ${quill('aria-label="Assessment" id="q3"', 'A')}
        ${quill('id="editor-4"', 'P', '<textarea name="plan" hidden></textarea>')}</form>`),
    ).toEqual({ subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' });
  });

  it.each([
    ['CKEditor 5 classic, <label for>', `<label for="n">Visit note</label>${ckeditor5(hiddenTextarea('id="n" name="body"'), 'N')}`],
    ['CKEditor 5 classic, aria-label', ckeditor5(hiddenTextarea('aria-label="Progress note" name="body"'), 'N')],
    ['Summernote, <label for>', `<label for="n">Clinical note</label>${summernote(hiddenTextarea('id="n"'), 'N')}`],
    ['Quill, labelled container', `<label for="q">Note</label>${quill('id="q"', 'N')}`],
  ])('a single note field: %s', (_, html) => {
    expect(found(`<form>${html}</form>`)).toEqual({ note: 'N' });
  });

  it('an editor with no labelled field behind it stays unlabelled', () => {
    expect(found(`<form>${ckeditor5(hiddenTextarea('id="x1" name="body1"'), 'X')}</form>`)).toEqual({});
  });

  it('a visible textarea next to an editor is not taken as what the editor replaced', () => {
    expect(found(`<form>${summernote('<label for="p">Plan</label><textarea id="p" data-k="T"></textarea>', 'E')}</form>`)).toEqual({ plan: 'T' });
  });
});

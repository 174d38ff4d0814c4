import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { findNoteFields } from './note-fields';

function fields(html: string): Record<string, string | null> {
  const { document } = htmlDocument(html);
  return Object.fromEntries(Object.entries(findNoteFields(document)).map(([section, el]) => [section, el!.getAttribute('id')]));
}

describe('findNoteFields', () => {
  it('finds OpenEMR-style textareas labelled only by their fieldset legend', () => {
    expect(
      fields(`<form>
        <fieldset><legend>Subjective</legend><textarea id="s" name="subjective"></textarea></fieldset>
        <fieldset><legend>Objective</legend><textarea id="o" name="objective"></textarea></fieldset>
        <fieldset><legend>Assessment</legend><textarea id="a" name="assessment"></textarea></fieldset>
        <fieldset><legend>Plan</legend><textarea id="p" name="plan"></textarea></fieldset></form>`),
    ).toEqual({ subjective: 's', objective: 'o', assessment: 'a', plan: 'p' });
  });

  it.each([
    ['<label for="x">S:</label><textarea id="x"></textarea>', 'subjective'],
    ['<label>HPI <textarea id="x"></textarea></label>', 'subjective'],
    ['<textarea id="x" aria-label="Chief complaint"></textarea>', 'subjective'],
    ['<span id="l">History</span><textarea id="x" aria-labelledby="l"></textarea>', 'subjective'],
    ['<h4>O</h4><textarea id="x"></textarea>', 'objective'],
    ['<textarea id="x" placeholder="Enter physical exam"></textarea>', 'objective'],
    ['<label for="x">Vitals</label><input id="x" type="text">', 'objective'],
    ['<div contenteditable="true" id="x" aria-label="Impression"></div>', 'assessment'],
    ['<div role="textbox" id="x" aria-label="Diagnosis"></div>', 'assessment'],
    ['<textarea id="x" name="soap[recommendations]"></textarea>', 'plan'],
    ['<textarea id="x" name="txtTreatmentPlan"></textarea>', 'plan'],
    ['<label for="x">P</label><textarea id="x"></textarea>', 'plan'],
  ])('%s → %s', (html, section) => {
    expect(fields(html)).toEqual({ [section]: 'x' });
  });

  it.each([
    // CKEditor 5 adds a sentence of its own to the label of its editable.
    ['<div contenteditable="true" id="x" aria-label="Plan. Press Alt+0 for help."></div>', 'plan'],
    ['<div contenteditable="true" id="x" aria-label="HPI. Press Alt+0 for help."></div>', 'subjective'],
    ['<div contenteditable="true" id="x" aria-label="Vital signs. Press Alt+0 for help."></div>', 'objective'],
    ['<div contenteditable="true" id="x" aria-label="Dx. Press Alt+0 for help."></div>', 'assessment'],
    ['<div contenteditable="true" id="x" aria-label="Plan of care. Type here."></div>', 'plan'],
    ['<label for="x">Vitals: today</label><input id="x" type="text">', 'objective'],
    ['<label for="x">Recommendations — for the patient</label><textarea id="x"></textarea>', 'plan'],
    ['<label for="x">Subjective (HPI)</label><textarea id="x"></textarea>', 'subjective'],
    ['<label for="x">Plan for today</label><textarea id="x"></textarea>', 'plan'],
  ])('a label that starts with a section’s name as a word: %s → %s', (html, section) => {
    expect(fields(html)).toEqual({ [section]: 'x' });
  });

  it.each([
    '<label for="x">Planet</label><input id="x" type="text">',
    '<label for="x">Objectives</label><textarea id="x"></textarea>',
    // A date, a code, an insurance plan: about a section, not its text.
    '<label for="x">Assessment date</label><input id="x" type="text">',
    '<label for="x">Assessment</label><input id="x" type="date">',
    '<label for="x">Plan of care due date</label><input id="x" type="text">',
    '<label for="x">Plan name</label><input id="x" type="text">',
    '<label for="x">Diagnosis (ICD-10 code)</label><input id="x" type="text">',
    '<div contenteditable="true" id="x" aria-label="Plan type. Press Alt+0 for help."></div>',
    // A single letter or a vague word leads many labels that are no section.
    '<label for="x">P.O. Box</label><input id="x" type="text">',
    '<label for="x">CC: Dr. Okafor</label><input id="x" type="text">',
    '<label for="x">History — family</label><textarea id="x"></textarea>',
  ])('no section for a label that only looks like one: %s', (html) => {
    expect(fields(html)).toEqual({});
  });

  it('prefers a visible label to a name', () => {
    expect(fields('<textarea id="by-name" name="plan"></textarea><label for="by-label">Plan</label><textarea id="by-label"></textarea>')).toEqual({ plan: 'by-label' });
  });

  it('skips hidden, disabled, read-only and Chartside fields, and single letters in names', () => {
    expect(
      fields(`<textarea id="a" name="plan" hidden></textarea><textarea id="b" aria-label="Plan" disabled></textarea>
        <textarea id="c" aria-label="Plan" readonly></textarea><div data-chartside-ui><textarea id="d" aria-label="Plan"></textarea></div>
        <input type="hidden" id="e" name="subjective"><textarea id="f" name="s"></textarea>`),
    ).toEqual({});
  });

  it('gives one free-text note field as `note`, but not two, and not beside SOAP fields', () => {
    expect(fields('<label for="n">Clinical note</label><textarea id="n"></textarea><label for="r">Reason</label><input id="r" type="text">')).toEqual({ note: 'n' });
    expect(fields('<div contenteditable="true" id="n" aria-label="Visit note"><p>x</p></div>')).toEqual({ note: 'n' });
    expect(fields('<textarea id="n1" aria-label="Note"></textarea><textarea id="n2" aria-label="Notes"></textarea>')).toEqual({});
    expect(fields('<textarea id="n" aria-label="Note"></textarea><textarea id="p" aria-label="Plan"></textarea>')).toEqual({ plan: 'p' });
    expect(fields('<input id="n" type="text" aria-label="Note">')).toEqual({});
  });

  it('names an editor frame’s editable body by the frame’s title where the body has no label of its own (TinyMCE in Firefox)', () => {
    const { document } = htmlDocument('<html><body id="tinymce" class="mce-content-body" data-id="plan" contenteditable="true"><p><br></p></body></html>');
    const frame = document.createElement('iframe');
    frame.setAttribute('title', 'Plan');
    Object.defineProperty(document.defaultView!, 'frameElement', { value: frame, configurable: true });
    expect(findNoteFields(document)).toEqual({ plan: document.body });
    frame.setAttribute('title', 'Rich Text Area');
    expect(findNoteFields(document)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureDocument, htmlDocument } from '../../../test/support/fixture-dom';
import { findByLocators, locatorsFor } from './field-locators';

const $ = (doc: Document, selector: string) => doc.querySelector(selector)!;

describe('locatorsFor', () => {
  it('describes a field by its id, name and label, strongest first, and finds it again', () => {
    const { document } = htmlDocument('<label for="plan-box">Plan of the day</label><textarea id="plan-box" name="dayPlan"></textarea><textarea id="other"></textarea>');
    const field = $(document, '#plan-box');
    const { locators, fragile } = locatorsFor(field);
    expect(fragile).toBe(false);
    expect(locators).toEqual([
      { by: 'id', id: 'plan-box' },
      { by: 'name', tag: 'textarea', name: 'dayPlan' },
      { by: 'label', text: 'plan of the day' },
    ]);
    expect(findByLocators(document, locators)).toBe(field);
  });

  it('leaves out ids and names a framework generates (React, Ember, uuids, record numbers)', () => {
    const { document } = htmlDocument(
      '<textarea id=":r3:" name="note_48213"></textarea><textarea id="ember512" data-testid="soap-plan"></textarea><textarea id="3f2a9c1e-77aa-4c1e-9d1b-1234567890ab" title="Exam notes"></textarea>',
    );
    const [a, b, c] = Array.from(document.querySelectorAll('textarea'));
    expect(locatorsFor(a!)).toEqual({ locators: [{ by: 'position', css: 'html > body > textarea:nth-of-type(1)' }], fragile: true });
    expect(locatorsFor(b!).locators).toEqual([{ by: 'attribute', tag: 'textarea', attribute: 'data-testid', value: 'soap-plan' }]);
    expect(locatorsFor(c!).locators).toEqual([{ by: 'attribute', tag: 'textarea', attribute: 'title', value: 'Exam notes' }]);
  });

  it('keeps only locators that name this field and no other', () => {
    const { document } = htmlDocument('<div><div>Notes</div><textarea name="n"></textarea></div><div><div>Notes</div><textarea name="n"></textarea></div>');
    const second = document.querySelectorAll('textarea')[1]!;
    const { locators, fragile } = locatorsFor(second);
    expect(fragile).toBe(true);
    expect(locators).toHaveLength(1);
    expect(findByLocators(document, locators)).toBe(second);
  });

  it('identifies the unlabelled fixture’s boxes by the caption beside each, not by position', () => {
    const { document } = fixtureDocument('insert/unlabelled.html');
    const boxes = Array.from(document.querySelectorAll('textarea'));
    const taught = boxes.map((box) => locatorsFor(box));
    expect(taught.map((t) => t.locators)).toEqual([1, 2, 3, 4].map((n) => [{ by: 'label', text: `box ${n}` }]));
    taught.forEach((t, i) => expect(findByLocators(document, t.locators)).toBe(boxes[i]));
  });

  it('describes a rich editor by its editable root', () => {
    const { document } = htmlDocument('<div class="ProseMirror" contenteditable="true" aria-label="Assessment editor"><p>x</p></div>');
    expect(locatorsFor($(document, '.ProseMirror')).locators).toEqual([
      { by: 'attribute', tag: 'div', attribute: 'aria-label', value: 'Assessment editor' },
      { by: 'label', text: 'assessment editor' },
    ]);
  });
});

describe('findByLocators', () => {
  it('finds the field after the page re-rendered with other fields around it', () => {
    const before = htmlDocument('<section><label for="p">Plan</label><textarea id="p" name="plan"></textarea></section>').document;
    const { locators } = locatorsFor($(before, '#p'));
    const after = htmlDocument('<header><textarea id="search"></textarea></header><main><section><label for="p">Plan</label><textarea id="p" name="plan"></textarea></section></main>').document;
    expect(findByLocators(after, locators)).toBe($(after, '#p'));
  });

  it('falls back to a weaker locator when a stronger one has gone', () => {
    const after = htmlDocument('<label for="renamed">Plan of the day</label><textarea id="renamed"></textarea>').document;
    expect(findByLocators(after, [{ by: 'id', id: 'plan-box' }, { by: 'label', text: 'plan of the day' }])).toBe($(after, '#renamed'));
  });

  it('finds nothing when the field has gone, when a locator became ambiguous, or when it names something that takes no text', () => {
    const gone = htmlDocument('<textarea id="x"></textarea>').document;
    expect(findByLocators(gone, [{ by: 'id', id: 'plan-box' }])).toBeUndefined();
    const twice = htmlDocument('<textarea name="plan"></textarea><textarea name="plan"></textarea>').document;
    expect(findByLocators(twice, [{ by: 'name', tag: 'textarea', name: 'plan' }])).toBeUndefined();
    const button = htmlDocument('<button id="plan-box">Plan</button>').document;
    expect(findByLocators(button, [{ by: 'id', id: 'plan-box' }])).toBeUndefined();
    const broken = htmlDocument('<textarea></textarea>').document;
    expect(findByLocators(broken, [{ by: 'position', css: 'textarea:nth-of-type(' }])).toBeUndefined();
  });

  it('treats quotes in stored values as text, not as selector syntax', () => {
    const { document } = htmlDocument(`<textarea title='Say "hi"'></textarea>`);
    expect(findByLocators(document, [{ by: 'attribute', tag: 'textarea', attribute: 'title', value: 'Say "hi"' }])).toBe($(document, 'textarea'));
  });
});

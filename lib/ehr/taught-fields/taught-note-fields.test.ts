import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { findTaughtFields, teachField } from './taught-note-fields';

const TOP = { origin: 'https://ehr.example.org', top: true };

describe('taught note fields', () => {
  it('finds each taught field in the frame it was taught in, and only there', () => {
    const { document } = htmlDocument('<div><div>Box 1</div><textarea></textarea></div><div><div>Box 2</div><textarea></textarea></div>');
    const [one, two] = Array.from(document.querySelectorAll('textarea'));
    const taught = { subjective: teachField(one!, TOP), plan: teachField(two!, TOP) };
    expect(findTaughtFields(document, taught, TOP)).toEqual({ subjective: one, plan: two });
    expect(findTaughtFields(document, taught, { ...TOP, top: false })).toEqual({});
    expect(findTaughtFields(document, taught, { origin: 'https://other.example.org', top: true })).toEqual({});
  });

  it('leaves out a taught field that is no longer on the page rather than guessing', () => {
    const taughtOn = htmlDocument('<label for="p">Plan</label><textarea id="p"></textarea>').document;
    const taught = { plan: teachField(taughtOn.querySelector('#p')!, TOP) };
    const later = htmlDocument('<label for="q">Notes</label><textarea id="q"></textarea>').document;
    expect(findTaughtFields(later, taught, TOP)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { spellNumbers } from './spoken-numbers';

describe('spellNumbers', () => {
  it('reads a spoken decimal point with nothing before it as a number below one', () => {
    expect(spellNumbers('colchicine, point six milligrams, two tablets')).toBe('colchicine, 0.6 milligrams, 2 tablets');
    expect(spellNumbers('one point two')).toBe('1.2');
  });

  it('reads "and a half" after a number', () => {
    expect(spellNumbers('take two and a half milligrams tomorrow')).toBe('take 2.5 milligrams tomorrow');
    expect(spellNumbers('two and a bit')).toBe('2 and a bit');
  });

  it('leaves "point" the noun alone', () => {
    expect(spellNumbers('at that point two weeks ago')).toBe('at that point 2 weeks ago');
    expect(spellNumbers('the point is three days')).toBe('the point is 3 days');
  });
});

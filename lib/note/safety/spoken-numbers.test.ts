import { describe, expect, it } from 'vitest';
import { spellNumbers } from './spoken-numbers';

describe('spellNumbers', () => {
  it('reads a spoken decimal point with nothing before it as a number below one', () => {
    expect(spellNumbers('colchicine, point six milligrams, two tablets')).toBe('colchicine, 0.6 milligrams, 2 tablets');
    expect(spellNumbers('one point two')).toBe('1.2');
  });

  it('leaves "point" the noun alone', () => {
    expect(spellNumbers('at that point two weeks ago')).toBe('at that point 2 weeks ago');
    expect(spellNumbers('the point is three days')).toBe('the point is 3 days');
  });
});

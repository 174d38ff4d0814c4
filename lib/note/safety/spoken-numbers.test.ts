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

  it('reads "and" inside a number only after hundred or thousand', () => {
    expect(spellNumbers('a hundred and one')).toBe('101');
    expect(spellNumbers('between eighty and one thirty')).toBe('between 80 1 30\n130');
  });

  it('reads a digit and a teen as hundreds too: "two ten" is 210', () => {
    expect(spellNumbers('two ten to two forty')).toBe('2 10 to 2 40\n210\n240');
  });

  it('leaves "point" the noun alone', () => {
    expect(spellNumbers('at that point two weeks ago')).toBe('at that point 2 weeks ago');
    expect(spellNumbers('the point is three days')).toBe('the point is 3 days');
  });

  it('reads a systolic said as its hundred and a teen: "one ten over seventy" is 110/70', () => {
    expect(spellNumbers('about one ten over seventy')).toBe('about 110 over 70');
    expect(spellNumbers('one twelve over seventy')).toBe('112 over 70');
  });

  it('reads digits said one by one as the number they spell too: "nine one one" is 911', () => {
    expect(spellNumbers('call nine one one')).toBe('call 9 1 1\n911');
    expect(spellNumbers('two three times')).toBe('2 3 times');
  });
});

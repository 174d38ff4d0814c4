import { describe, expect, it } from 'vitest';
import { splitStatements } from './statements';

const texts = (text: string) => splitStatements(text).map((s) => s.text);

describe('splitStatements', () => {
  it('splits sentences and gives each its range in the section', () => {
    const text = 'Cough for three weeks. Denies fever!  Worse at night?';
    const statements = splitStatements(text);
    expect(statements.map((s) => s.text)).toEqual(['Cough for three weeks.', 'Denies fever!', 'Worse at night?']);
    for (const s of statements) expect(text.slice(s.range.start, s.range.end)).toBe(s.text);
  });

  it('does not split on titles, Latin abbreviations, decimals, dosing abbreviations or times', () => {
    expect(texts('Seen by Dr. Patel today. A1c 7.4 percent, up from 6.9.')).toEqual(['Seen by Dr. Patel today.', 'A1c 7.4 percent, up from 6.9.']);
    expect(texts('Metformin 500 mg. twice daily with meals. Recheck in 3 months.')).toEqual(['Metformin 500 mg. twice daily with meals.', 'Recheck in 3 months.']);
    expect(texts('Amoxicillin 875 mg b.i.d. with food for 10 days.')).toEqual(['Amoxicillin 875 mg b.i.d. with food for 10 days.']);
    expect(texts('Avoid NSAIDs, e.g. Ibuprofen and naproxen. Seen at 10:30. Stable.')).toEqual(['Avoid NSAIDs, e.g. Ibuprofen and naproxen.', 'Seen at 10:30.', 'Stable.']);
    expect(texts('Take metformin 500 mg b.i.d. Follow up in 3 months.')).toEqual(['Take metformin 500 mg b.i.d.', 'Follow up in 3 months.']);
  });

  it('ends a sentence before a tooth number and after a unit letter, but not after an initial', () => {
    expect(texts('Within normal limits. #14 tender to percussion.')).toEqual(['Within normal limits.', '#14 tender to percussion.']);
    expect(texts('Temp 99.4 F. Maximal opening 35 mm.')).toEqual(['Temp 99.4 F.', 'Maximal opening 35 mm.']);
    expect(texts('Seen with J. Smith today.')).toEqual(['Seen with J. Smith today.']);
  });

  it('reads numbered and bulleted plan items without their markers, one per line', () => {
    const text = 'Plan:\n1. Start lisinopril 10 mg daily.\n2) Recheck BP in 2 weeks\n- Low-salt diet. Walk daily.\n• Labs: BMP';
    const statements = splitStatements(text);
    expect(statements.map((s) => [s.kind, s.text])).toEqual([
      ['line', 'Plan:'],
      ['item', 'Start lisinopril 10 mg daily.'],
      ['item', 'Recheck BP in 2 weeks'],
      ['item', 'Low-salt diet.'],
      ['sentence', 'Walk daily.'],
      ['item', 'Labs: BMP'],
    ]);
    for (const s of statements) expect(text.slice(s.range.start, s.range.end)).toBe(s.text);
  });

  it('reads list lines and skips blank ones', () => {
    expect(splitStatements('Lisinopril 20 mg daily\n\n  Atorvastatin 40 mg nightly  \n').map((s) => [s.kind, s.text])).toEqual([
      ['line', 'Lisinopril 20 mg daily'],
      ['line', 'Atorvastatin 40 mg nightly'],
    ]);
    expect(splitStatements('')).toEqual([]);
  });
});

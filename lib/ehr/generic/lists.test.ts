import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../../test/support/fixture-dom';
import { entryElements, extractItems, isNoneLine, type ExtractOptions } from './lists';

function items(html: string, options: ExtractOptions = {}): { texts: string[]; none: string[] } {
  const { document } = htmlDocument(`<div id="root">${html}</div>`);
  const root = document.getElementById('root')!;
  const out = extractItems(Array.from(root.children), options);
  return { texts: out.items.map((i) => i.text), none: out.noneLines };
}

describe('extractItems', () => {
  it('reads list items, skipping hidden ones and buttons inside them', () => {
    expect(items('<ul><li>Aspirin 81 mg <button>Edit</button></li><li hidden>Warfarin</li><li style="display:none">Digoxin</li><li>Statin<span class="sr-only">Remove statin</span></li></ul>').texts).toEqual(['Aspirin 81 mg', 'Statin']);
  });

  it('reads table rows by their header: keeps the item and its sig, drops dates, prescribers, actions and inactive rows', () => {
    const html = `<table>
      <thead><tr><th>Drug</th><th>Strength</th><th>Sig</th><th>Prescribed</th><th>Status</th><th></th></tr></thead>
      <tbody>
        <tr><td>Lisinopril</td><td>10 mg</td><td>daily</td><td>01/02/2020</td><td>Active</td><td><a href="#">Edit</a></td></tr>
        <tr><td>Simvastatin</td><td>20 mg</td><td>nightly</td><td>01/02/2018</td><td>Discontinued</td><td></td></tr>
        <tr><td colspan="6">No more medications on file</td></tr>
      </tbody></table>`;
    expect(items(html, { rowStyle: 'sig' })).toEqual({ texts: ['Lisinopril 10 mg daily'], none: ['No more medications on file'] });
    expect(items(html).texts).toEqual(['Lisinopril — 10 mg, daily']);
  });

  it('reads headerless rows without date-only or action cells, and skips "None" rows', () => {
    expect(items('<table><tr><td>Penicillin</td><td>Hives</td><td>03/04/2015</td><td>Edit</td></tr><tr><td>None</td></tr></table>')).toEqual({ texts: ['Penicillin — Hives'], none: ['None'] });
  });

  it('reads dt/dd pairs, also wrapped in divs, and a term without a description', () => {
    expect(items('<dl><dt>Metformin</dt><dd>500 mg twice daily</dd><div><dt>Aspirin</dt><dd>81 mg</dd></div><dt>Vitamin D</dt></dl>').texts).toEqual(['Metformin: 500 mg twice daily', 'Aspirin: 81 mg', 'Vitamin D']);
  });

  it('reads a card grid, one item per card, its lines joined', () => {
    expect(items('<div class="grid"><div class="c"><div>Gout</div><div>Since 2010</div></div><div class="c"><div>Asthma</div></div></div>').texts).toEqual(['Gout — Since 2010', 'Asthma']);
  });

  it('reads <br>-separated lines, splitting semicolons, and commas when asked (not inside brackets)', () => {
    expect(items('<p>Penicillin (hives, rash)<br>Sulfa, latex<br>Eggs; peanuts</p>').texts).toEqual(['Penicillin (hives, rash)', 'Sulfa, latex', 'Eggs', 'peanuts']);
    expect(items('<p>Penicillin (hives, rash)<br>Sulfa, latex</p>', { splitCommas: true }).texts).toEqual(['Penicillin (hives, rash)', 'Sulfa', 'latex']);
  });

  it('reports explicit nones and drops action links and the heading repeated', () => {
    expect(items('<p>NKDA</p>')).toEqual({ texts: [], none: ['NKDA'] });
    expect(items('<ul><li>No Known Drug Allergies</li><li>+ Add allergy</li><li>View all (12)</li><li>Allergies</li></ul>', { headingText: 'Allergies' })).toEqual({ texts: [], none: ['No Known Drug Allergies'] });
  });

  it('does not read forms', () => {
    expect(items('<form><label>Medication</label><input value="Aspirin"><textarea>Note</textarea></form>').texts).toEqual([]);
  });
});

describe('isNoneLine', () => {
  it.each(['None', 'none known', 'NKDA', 'NKA', 'No known allergies', 'No Known Drug Allergies', 'No active medications', 'No problems recorded', 'N/A', '—'])('%s', (text) => {
    expect(isNoneLine(text)).toBe(true);
  });
  it.each(['Nonsteroidal anti-inflammatory drugs', 'Naproxen', 'No added salt diet'])('not %s', (text) => {
    expect(isNoneLine(text)).toBe(false);
  });
});

describe('entryElements', () => {
  it('finds the repeated blocks: list items, rows, alike children, or the siblings themselves', () => {
    const { document } = htmlDocument(`
      <div id="a"><div class="list"><article class="n"><h3>t</h3><p>x</p><p>y</p></article><article class="n"><p>z</p></article></div></div>
      <div id="b"><table><thead><tr><th>Date</th></tr></thead><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table></div>
      <div id="c"><p>one note</p><p>in paragraphs</p></div>`);
    const tags = (id: string) => entryElements([document.getElementById(id)!]).map((e) => e.tagName);
    expect(tags('a')).toEqual(['ARTICLE', 'ARTICLE']);
    expect(tags('b')).toEqual(['TR', 'TR']);
    expect(tags('c')).toEqual(['DIV']);
    const siblings = Array.from(document.querySelectorAll('article'));
    expect(entryElements(siblings)).toEqual(siblings);
  });
});

import { describe, expect, it } from 'vitest';
import { htmlDocument } from '../../test/support/fixture-dom';
import { isIgnoredElement, isIgnoredSelf, isRendered, visibleLines, visibleText } from './visibility';

function byId(doc: Document, id: string): Element {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
}

describe('isIgnoredElement', () => {
  const { document } = htmlDocument(`
    <div id="plain">Lisinopril</div>
    <div id="hidden" hidden><span id="inside-hidden">Warfarin</span></div>
    <div id="aria" aria-hidden="true">x</div>
    <div id="aria-false" aria-hidden="false">x</div>
    <div id="none" style="color: red; display : none">x</div>
    <div id="none-important" style="display:none !important">x</div>
    <div id="invisible" style="visibility:hidden">x</div>
    <div id="display-block" style="display:block">x</div>
    <input id="hidden-input" type="hidden" value="Warfarin" />
    <input id="text-input" type="text" />
    <script id="script">var meds = ['Warfarin'];</script>
    <style id="style">.a{}</style>
    <template id="template"><p>x</p></template>
    <noscript id="noscript">x</noscript>
    <svg id="svg"><text id="svg-text">x</text></svg>
    <div data-chartside-ui><p id="ours">Chartside</p></div>
  `);

  it.each(['hidden', 'inside-hidden', 'aria', 'none', 'none-important', 'invisible', 'hidden-input', 'script', 'style', 'template', 'noscript', 'svg', 'svg-text', 'ours'])(
    'ignores #%s',
    (id) => {
      expect(isIgnoredElement(byId(document, id))).toBe(true);
    },
  );

  it.each(['plain', 'aria-false', 'display-block', 'text-input'])('reads #%s', (id) => {
    expect(isIgnoredElement(byId(document, id))).toBe(false);
    expect(isRendered(byId(document, id))).toBe(true);
  });

  it('isIgnoredSelf looks at the element only', () => {
    expect(isIgnoredSelf(byId(document, 'inside-hidden'))).toBe(false);
    expect(isIgnoredSelf(byId(document, 'hidden'))).toBe(true);
    expect(isIgnoredSelf(document.head)).toBe(true);
  });

  it('isRendered is false for ignored elements', () => {
    expect(isRendered(byId(document, 'inside-hidden'))).toBe(false);
  });
});

describe('visibleText', () => {
  it('skips ignored descendants and collapses whitespace', () => {
    const { document } = htmlDocument(`
      <section id="s">
        <h2>Medications</h2>
        <ul>
          <li>Lisinopril   10 mg</li>
          <li hidden>Warfarin 5 mg</li>
          <li style="display:none">Digoxin</li>
          <li>Metformin<script>var x = "Amiodarone";</script> 500 mg</li>
          <li aria-hidden="true">Icon</li>
          <li><span data-chartside-ui>✓ included</span>Aspirin 81 mg</li>
        </ul>
      </section>`);
    const section = byId(document, 's');
    expect(visibleText(section)).toBe('Medications Lisinopril 10 mg Metformin 500 mg Aspirin 81 mg');
  });

  it('splits lines at blocks and <br>', () => {
    const { document } = htmlDocument(`<div id="d">Penicillin<br>Sulfa <b>drugs</b><br/>  <br>Latex<div>Peanuts</div>Shellfish<p>Eggs</p></div>`);
    expect(visibleLines(byId(document, 'd'))).toEqual(['Penicillin', 'Sulfa drugs', 'Latex', 'Peanuts', 'Shellfish', 'Eggs']);
  });

  it('keeps inline elements on one line', () => {
    const { document } = htmlDocument(`<p id="p">Maria <strong>Alvarez</strong>, <em>55</em> y</p>`);
    expect(visibleText(byId(document, 'p'))).toBe('Maria Alvarez, 55 y');
  });

  it('stops at maxChars', () => {
    const { document } = htmlDocument(`<div id="d">${'word '.repeat(1000)}</div>`);
    expect(visibleText(byId(document, 'd'), 100).length).toBeLessThanOrEqual(100);
  });
});

describe('visibleText between elements', () => {
  it('keeps adjacent inline elements apart, as a flex banner shows them', () => {
    const { document } = htmlDocument('<div id="d"><span>DOB: 1/2/1980</span><span>46 y</span><span>F</span></div>');
    expect(visibleText(byId(document, 'd'))).toBe('DOB: 1/2/1980 46 y F');
  });

  it('skips controls only when asked', () => {
    const { document } = htmlDocument('<li id="li">Aspirin <button>Edit</button><span class="sr-only">row 1</span><span role="button">×</span></li>');
    expect(visibleText(byId(document, 'li'))).toBe('Aspirin Edit row 1 ×');
    expect(visibleText(byId(document, 'li'), { skipControls: true })).toBe('Aspirin');
  });
});

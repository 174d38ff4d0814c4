import { describe, expect, it } from 'vitest';
import { cutAt as cut, seededRandom } from '../../test/support/stream-cuts';
import { InlineHeadingSplitter, matchHeading, type InlineHeadingOut } from './inline-headings';
import { emptySections, type NoteSections } from './sections';

interface Result {
  sections: NoteSections;
  extras: Record<string, string>;
}

function fold(outs: InlineHeadingOut[], into: Result): void {
  for (const o of outs) {
    if (o.kind === 'section') into.sections[o.section] += o.text;
    else into.extras[o.key] = o.text;
  }
}

function split(chunks: string[]): Result {
  const r: Result = { sections: emptySections(), extras: {} };
  const s = new InlineHeadingSplitter();
  for (const c of chunks) fold(s.push(c), r);
  fold(s.end(), r);
  return r;
}

function sections(partial: Partial<NoteSections>): NoteSections {
  return { ...emptySections(), ...partial };
}

const NOTE =
  'Subjective:\nPatient reports cough for 3 days. Café visit.\n\n' +
  'Objective:\nTemp 38.1 °C 😷\nPlanned follow up noted by nurse.\n\n' +
  'Assessment:\nAcute bronchitis.\n\n' +
  'Plan:\nRest and fluids.\nReturn if worse.\n';

const NOTE_EXPECTED = sections({
  subjective: 'Patient reports cough for 3 days. Café visit.',
  objective: 'Temp 38.1 °C 😷\nPlanned follow up noted by nurse.',
  assessment: 'Acute bronchitis.',
  plan: 'Rest and fluids.\nReturn if worse.',
});

describe('matchHeading', () => {
  it.each([
    'Subjective:',
    'SUBJECTIVE:',
    'subjective:',
    '**Subjective:**',
    '**Subjective**:',
    '## Subjective',
    '### Subjective:',
    '**Subjective**',
    'Subjective',
    '  Subjective:',
    '__Subjective__',
    '*Subjective:*',
    'Subjective :',
    '# **Subjective**',
  ])('%j is a heading', (line) => {
    expect(matchHeading(line, true)).toMatchObject({ type: 'heading', target: { kind: 'section', section: 'subjective' } });
  });

  it.each([
    'Planned follow up',
    'Plans:',
    'Plan of care',
    'Plan.',
    'Chief complaint: cough',
    '- Plan: rest',
    '* Plan: rest',
    'The plan: rest',
    'P: 88',
    '',
    '          Plan:',
  ])('%j is not a heading', (line) => {
    expect(matchHeading(line, true).type).toBe('no');
  });

  it('says partial for every prefix of a heading, and no once it cannot become one', () => {
    for (const h of ['Subjective:', '**Plan:**', '## Assessment', 'Patient summary:', 'Billing codes disclaimer:']) {
      for (let i = 0; i < h.length; i++) expect(matchHeading(h.slice(0, i), false).type, h.slice(0, i)).toBe('partial');
    }
    expect(matchHeading('Plann', false).type).toBe('no');
    expect(matchHeading('Patient r', false).type).toBe('no');
    expect(matchHeading('Hello', false).type).toBe('no');
  });

  it('finds where same-line text begins', () => {
    expect(matchHeading('Plan: Rest', false)).toMatchObject({ type: 'heading', rest: 5 });
    expect(matchHeading('**Plan:** Rest', false)).toMatchObject({ type: 'heading', rest: 9 });
    expect(matchHeading('**Plan**: Rest', false)).toMatchObject({ type: 'heading', rest: 9 });
  });
});

describe('InlineHeadingSplitter', () => {
  it('splits a note by its headings and trims the blank lines around them', () => {
    expect(split([NOTE])).toEqual({ sections: NOTE_EXPECTED, extras: {} });
  });

  it('gives the same sections for the note cut at every offset, and every pair of offsets', () => {
    for (let i = 0; i <= NOTE.length; i++) {
      for (let j = i; j <= NOTE.length; j++) {
        const got = split(cut(NOTE, [i, j]));
        if (JSON.stringify(got.sections) !== JSON.stringify(NOTE_EXPECTED)) {
          expect(got.sections, `cut at ${i}, ${j}`).toEqual(NOTE_EXPECTED);
        }
      }
    }
  });

  it('gives the same sections one character at a time, and cut at random', () => {
    expect(split([...NOTE]).sections).toEqual(NOTE_EXPECTED);
    const rnd = seededRandom(42);
    for (let k = 0; k < 300; k++) {
      const offsets = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => Math.floor(rnd() * (NOTE.length + 1))).sort(
        (a, b) => a - b,
      );
      expect(split(cut(NOTE, offsets)).sections, offsets.join(',')).toEqual(NOTE_EXPECTED);
    }
  });

  it('holds back only what could still be a heading', () => {
    const s = new InlineHeadingSplitter();
    expect(s.push('Subjective:\nCough.')).toEqual([{ kind: 'section', section: 'subjective', text: 'Cough.' }]);
    // "\n\nPl" could be the start of "Plan:": held back; the blank lines are held as trailing whitespace.
    expect(s.push('\n\nPl')).toEqual([]);
    // "Planned" cannot be a heading: released at once, with the whitespace before it.
    expect(s.push('anned')).toEqual([{ kind: 'section', section: 'subjective', text: '\n\nPlanned' }]);
    expect(s.push(' visit.\n\nPl')).toEqual([{ kind: 'section', section: 'subjective', text: ' visit.' }]);
    expect(s.push('an:')).toEqual([]);
    expect(s.push('\nRest')).toEqual([{ kind: 'section', section: 'plan', text: 'Rest' }]);
    expect(s.push('\n')).toEqual([]);
    expect(s.end()).toEqual([]);
  });

  it('recognises markdown and capitalised headings', () => {
    const text =
      '**Subjective:**\nCough.\n\n## Objective\nClear lungs.\n\n### ASSESSMENT:\nURI.\n\n**Plan**\nRest.\n';
    expect(split([text]).sections).toEqual(
      sections({ subjective: 'Cough.', objective: 'Clear lungs.', assessment: 'URI.', plan: 'Rest.' }),
    );
  });

  it('keeps text on the heading line', () => {
    const text = 'Subjective: Cough for 3 days.\nNo fever.\nObjective:Clear.\nAssessment: URI\nPlan: Rest and fluids';
    const expected = sections({
      subjective: 'Cough for 3 days.\nNo fever.',
      objective: 'Clear.',
      assessment: 'URI',
      plan: 'Rest and fluids',
    });
    for (let i = 0; i <= text.length; i++) expect(split(cut(text, [i])).sections, `cut at ${i}`).toEqual(expected);
    expect(split(['**Plan:** Rest']).sections.plan).toBe('Rest');
    expect(split(['**Plan:**', '** note']).sections.plan).toBe('** note');
  });

  it('does not take "Planned…", "Plans:" or other colon lines for headings', () => {
    const text = 'Plan:\nRest.\nPlanned follow up in 2 weeks.\nPlans: none\nChief complaint: cough\n';
    expect(split([text]).sections).toEqual(
      sections({ plan: 'Rest.\nPlanned follow up in 2 weeks.\nPlans: none\nChief complaint: cough' }),
    );
  });

  it('puts text without any heading in subjective', () => {
    expect(split(['\n\n  Patient is well.\n', 'Nothing else.\n\n']).sections).toEqual(
      sections({ subjective: 'Patient is well.\nNothing else.' }),
    );
    expect(split(['Plan']).sections).toEqual(sections({}));
    expect(split(['Planned']).sections).toEqual(sections({ subjective: 'Planned' }));
    expect(split(['', '\n', '   ']).sections).toEqual(sections({}));
  });

  it('drops whitespace before the first heading and keeps other preamble text in subjective', () => {
    expect(split(['\n\n\nSubjective:\n\n\nCough.\n\n\n']).sections).toEqual(sections({ subjective: 'Cough.' }));
    expect(split(['Here is the note:\n\nSubjective:\nCough.\nPlan:\nRest.']).sections).toEqual(
      sections({ subjective: 'Here is the note:\n\nCough.', plan: 'Rest.' }),
    );
  });

  it('joins a section entered twice with a blank line and skips empty sections', () => {
    expect(split(['Subjective:\nA\nObjective:\n\nSubjective:\nB\n']).sections).toEqual(
      sections({ subjective: 'A\n\nB' }),
    );
  });

  it('collects extra sections and returns them whole at the end', () => {
    const s = new InlineHeadingSplitter();
    const r: Result = { sections: emptySections(), extras: {} };
    fold(s.push('Plan:\nRest.\n\nPatient summary:\nYou have a cold.'), r);
    fold(s.push('\nDrink water.\n\nBilling codes:\nJ06.9\n\n'), r);
    expect(r.extras).toEqual({});
    fold(s.push('Billing codes disclaimer: Verify codes.\n'), r);
    fold(s.end(), r);
    expect(r).toEqual({
      sections: sections({ plan: 'Rest.' }),
      extras: {
        patient_summary: 'You have a cold.\nDrink water.',
        billing_codes: 'J06.9',
        billing_codes_disclaimer: 'Verify codes.',
      },
    });
  });

  it('maps "Assessment and Plan" to assessment', () => {
    expect(split(['Assessment and Plan:\nURI, rest.']).sections).toEqual(sections({ assessment: 'URI, rest.' }));
  });

  it('accepts CRLF and CR line ends in the text', () => {
    expect(split(['Subjective:\r\nCough.\r\n\r\nPlan:\r\nRest.\r\n']).sections).toEqual(
      sections({ subjective: 'Cough.', plan: 'Rest.' }),
    );
    expect(split(['Subjective:\rCough.\r\rPlan:\rRest.']).sections).toEqual(
      sections({ subjective: 'Cough.', plan: 'Rest.' }),
    );
  });

  it('keeps the text of an unfinished heading-like last line', () => {
    expect(split(['Plan:\nRest.\nPl']).sections).toEqual(sections({ plan: 'Rest.\nPl' }));
    expect(split(['Plan:\nRest.\n**Subjective:*']).sections.subjective).toBe('');
  });

  it('is linear: a 100,000-character note in 2,000 pushes, and one character at a time', () => {
    const para = 'Patient reports intermittent symptoms; plan discussed. Planned review next week. ';
    const sectionText = (n: number) => Array.from({ length: n }, (_, i) => para + (i % 3 === 2 ? '\n' : '')).join('');
    let text = '';
    for (const h of ['Subjective', 'Objective', 'Assessment', 'Plan']) text += `${h}:\n${sectionText(300)}\n\n`;
    expect(text.length).toBeGreaterThan(95_000);
    const size = Math.ceil(text.length / 2000);
    const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
    const t0 = performance.now();
    const a = split(chunks);
    const b = split([...text]);
    const elapsed = performance.now() - t0;
    expect(a).toEqual(b);
    expect(a.sections.plan.startsWith('Patient reports')).toBe(true);
    expect(a.sections.objective.length).toBeGreaterThan(20_000);
    expect(elapsed).toBeLessThan(1500);
  });
});

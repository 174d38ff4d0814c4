import { describe, expect, it } from 'vitest';
import { checkEvidence } from '../note/evidence';
import { appendLine, excerptRuns, missingClaims, omissionLine, runsOf, sourceLabel, statementAt } from './evidence-view';

const TRANSCRIPT = 'Doctor: Your blood pressure is one forty two over eighty eight.\nPatient: I stopped the lisinopril last week.';

describe('evidence view', () => {
  const sections = { objective: 'BP 142/88. BP 150/90.', plan: 'Restart lisinopril.' };
  const sources = { transcript: TRANSCRIPT, chart: [{ label: 'Medications', text: 'Lisinopril 10 mg daily' }] };
  const report = checkEvidence({ sections, sources });

  it('cuts an excerpt into plain and highlighted runs, without the speaker label it names elsewhere', () => {
    const bp = report.statements.find((s) => s.text === 'BP 142/88.')!;
    const runs = excerptRuns(sources, bp.excerpts[0]!);
    expect(runs.filter((r) => r.marked).map((r) => r.text)).toEqual(['one forty two over eighty eight']);
    expect(runs.map((r) => r.text).join('')).toBe('Your blood pressure is one forty two over eighty eight.');
    expect(sourceLabel(bp.excerpts[0]!.source, bp.excerpts[0]!.speaker)).toBe('Transcript (Doctor)');
  });

  it('keeps overlapping and out-of-range highlights inside the excerpt', () => {
    expect(runsOf('abcdefgh', { start: 1, end: 6 }, [{ start: 0, end: 2 }, { start: 1, end: 3 }, { start: 5, end: 9 }])).toEqual([
      { text: 'bc', marked: true },
      { text: 'de', marked: false },
      { text: 'f', marked: true },
    ]);
  });

  it('finds the statement under the caret, and names what was not found', () => {
    const second = statementAt(report.statements, 'objective', 13)!;
    expect(second.text).toBe('BP 150/90.');
    expect(second.status).toBe('none');
    expect(missingClaims(second)).toEqual(['BP 150/90']);
    expect(statementAt(report.statements, 'objective', 0)?.text).toBe('BP 142/88.');
    expect(statementAt(report.statements, 'assessment', 0)).toBeUndefined();
  });

  it('labels chart excerpts by the list they came from', () => {
    expect(sourceLabel({ kind: 'chart', index: 0, label: 'Medications' })).toBe('Chart: Medications');
    expect(sourceLabel({ kind: 'message', index: 0, role: 'patient' })).toBe('Portal message (patient)');
  });

  it('adds an omission as its sentence, without the speaker, on a line of its own', () => {
    const omission = { kind: 'medication' as const, text: 'lisinopril', range: { start: 0, end: 0 }, excerpt: { start: TRANSCRIPT.indexOf('Patient:'), end: TRANSCRIPT.length }, negated: true };
    expect(omissionLine(TRANSCRIPT, omission)).toBe('I stopped the lisinopril last week.');
    const { text, added } = appendLine('1. Restart lisinopril.\n', 'I stopped it.');
    expect(text).toBe('1. Restart lisinopril.\nI stopped it.');
    expect(text.slice(added.start, added.end)).toBe('I stopped it.');
    expect(appendLine('', 'Line.').text).toBe('Line.');
  });
});

/**
 * The evidence bench's timing input (issue 14: "a 100-statement note against a 60-minute transcript,
 * ~9,000 words"), made deterministically from the labelled set: the cases' transcripts one after
 * another, repeated with a visit marker until the words reach the target, and the cases' labelled
 * statements taken round-robin across cases into a note of the target size, each in its own section.
 * Built from real-looking visits so that every matching rule does its usual work, not from filler.
 */
import { buildCase, type EvidenceCase } from './case.ts';
import type { EvidenceInput } from '../../lib/note/evidence/index';
import type { SoapSection } from '../../lib/note/sections';

export interface TimingInput {
  input: EvidenceInput;
  words: number;
  statements: number;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function timingInput(cases: readonly EvidenceCase[], targetWords = 9000, targetStatements = 100): TimingInput {
  if (cases.length === 0) throw new Error('no cases to build the timing input from');
  const parts: string[] = [];
  let words = 0;
  for (let round = 1; words < targetWords; round++) {
    for (const c of cases) {
      if (words >= targetWords) break;
      const part = `Visit part ${round}.\n${c.transcript}`;
      parts.push(part);
      words += wordCount(part);
    }
  }
  const built = cases.map((c) => buildCase(c).statements);
  const bySection: Record<SoapSection, string[]> = { subjective: [], objective: [], assessment: [], plan: [] };
  let taken = 0;
  for (let i = 0; taken < targetStatements; i++) {
    let any = false;
    for (const list of built) {
      const s = list[i];
      if (!s || taken >= targetStatements) continue;
      any = true;
      // One statement a line: the engine splits list lines and sentences alike.
      bySection[s.section].push(s.item !== undefined ? `${bySection[s.section].length + 1}. ${s.text}` : s.text);
      taken++;
    }
    if (!any) break;
  }
  const sections = Object.fromEntries(Object.entries(bySection).map(([k, v]) => [k, v.join('\n')])) as Record<SoapSection, string>;
  return { input: { sections, sources: { transcript: parts.join('\n') } }, words, statements: taken };
}

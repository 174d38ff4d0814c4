import { describe, expect, it } from 'vitest';
import { checkEvidence } from './index';

describe('checkEvidence', () => {
  it('counts statements without evidence and things said but not in the note, for the summary before Insert', () => {
    const transcript = 'Patient: I have had a cough for two weeks. Doctor: We will increase the lisinopril to forty milligrams.';
    const report = checkEvidence({
      sections: { subjective: 'Cough for 2 weeks.', objective: 'Wheezing in the right lower lobe.', plan: 'Follow up as needed.' },
      sources: { transcript },
    });
    expect(report.statements.map((s) => s.status)).toEqual(['supported', 'none', 'no-claims']);
    expect(report.omissions.map((o) => `${o.kind}: ${o.text}`)).toEqual(['medication: lisinopril', 'dose-change: forty milligrams']);
    expect(report.summary).toEqual({ withoutEvidence: 1, partlySupported: 0, supported: 1, omissions: 2 });
  });

  it('lists no omissions without a transcript, and still checks the chart', () => {
    const report = checkEvidence({ sections: { plan: 'Continue metformin 500 mg.' }, sources: { chart: [{ label: 'Medications', text: 'metformin 500 mg BID' }] } });
    expect(report.summary).toEqual({ withoutEvidence: 0, partlySupported: 0, supported: 1, omissions: 0 });
  });
});

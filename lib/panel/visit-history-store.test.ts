import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import type { VisitSummary, VisitSummaryRequest } from '../api/schemas';
import type { ChartContext } from '../ehr/chart-context';
import type { InsertOutcomeInfo, Result } from '../messaging/request-background';
import type { NoteHistoryEntry } from '../storage/note-history';
import { createVisitHistoryStore, summaryText } from './visit-history-store';

const source = { adapter: 'generic' };
const chart: ChartContext = {
  adapter: 'generic',
  url: 'http://127.0.0.1/chart',
  identity: { name: 'Maria Alvarez', dob: '1971-03-14', mrn: '00482913' },
  demographics: { age: 55 },
  items: [],
  noKnownAllergies: false,
  visitNotes: [
    { id: 'visit-note:0', date: '2026-01-15', provider: 'Dr. Ana Ruiz', title: 'Diabetes follow-up', text: 'A1c 7.9.', source },
    { id: 'visit-note:1', date: '2025-11-03', text: 'BP 142/90.', source },
    { id: 'visit-note:2', title: 'Undated note', text: 'Something.', source },
  ],
  messages: [],
};

const sections = { subjective: 'Thirsty.', objective: '', assessment: 'T2DM.', plan: 'Labs.' };
const completedAt = new Date(2026, 2, 2, 10, 42).getTime();
const same: NoteHistoryEntry = { jobId: 'j1', completedAt, patient: { name: 'ALVAREZ, Maria', mrn: '00482913' }, specialty: 'physician', sections };
const other: NoteHistoryEntry = { jobId: 'j2', completedAt, patient: { name: 'John Smith' }, sections };
const nobody: NoteHistoryEntry = { jobId: 'j3', completedAt, sections };

const SUMMARY: VisitSummary = {
  summary: 'Two visits.',
  key_findings: ['A1c rising'],
  active_diagnoses: [{ code: 'E11.9', description: 'Type 2 diabetes mellitus' }],
};

function setup(opts: { chart?: ChartContext; history?: NoteHistoryEntry[]; omitName?: boolean; excluded?: string[]; insert?: Result<InsertOutcomeInfo> } = {}) {
  const summarize = vi.fn(async (_req: VisitSummaryRequest): Promise<Result<VisitSummary>> => ({ ok: true, data: SUMMARY }));
  const insert = vi.fn(async () => opts.insert ?? ({ ok: true, data: { kind: 'done', reports: [{ target: 'subjective', status: 'appended' }] } } as Result<InsertOutcomeInfo>));
  const store = createVisitHistoryStore({
    chart: signal(opts.chart ?? chart),
    history: signal(opts.history ?? [same, other, nobody]),
    omitName: () => opts.omitName ?? false,
    excludedContext: () => new Set(opts.excluded ?? []),
    summarize,
    insert,
    specialtyLabel: (id) => (id === 'physician' ? 'Physician' : id),
  });
  return { store, summarize, insert };
}

describe('createVisitHistoryStore', () => {
  it('offers the chart’s prior visits and only this patient’s session notes; undated visits cannot be sent', () => {
    const { store } = setup();
    expect(store.visits.value.map((v) => [v.label, v.visit !== undefined])).toEqual([
      ['2026-01-15 — Diabetes follow-up — Dr. Ana Ruiz', true],
      ['2025-11-03', true],
      ['Undated — Undated note', false],
      ['Note from this session, 10:42 — Physician', true],
    ]);
  });

  it('sends a chart visit’s timestamp as the documented date, and cannot send a date it cannot read', async () => {
    const visitNotes = [
      { id: 'visit-note:0', date: '2026-01-15T16:30:00-05:00', text: 'A1c 7.9.', source },
      { id: 'visit-note:1', date: '2026-02-30', text: 'BP 142/90.', source },
    ];
    const { store, summarize } = setup({ chart: { ...chart, visitNotes }, history: [] });
    expect(store.visits.value.map((v) => v.visit !== undefined)).toEqual([true, false]);
    expect(store.visits.value[1]?.reason).toMatch(/could not be read as a calendar date/);
    await store.summarize();
    expect(summarize.mock.calls[0]?.[0].visits).toEqual([{ visit_date: '2026-01-15', summary: 'A1c 7.9.' }]);
  });

  it('leaves out an age the API would refuse (an infant’s 0, a fraction)', async () => {
    for (const age of [0, 0.5]) {
      const { store, summarize } = setup({ chart: { ...chart, demographics: { age } }, history: [] });
      await store.summarize();
      expect(summarize.mock.calls[0]?.[0].patient_info).toEqual({ name: 'Maria Alvarez' });
    }
  });

  it('offers no session notes when the chart names no patient', () => {
    const { store } = setup({ chart: { ...chart, identity: {}, visitNotes: [] } });
    expect(store.visits.value).toEqual([]);
  });

  it('sends the picked visits, oldest first, with the focus and the patient’s name and age', async () => {
    const { store, summarize } = setup();
    store.setIncluded('chart:visit-note:1', false);
    store.focus.value = '  diabetes management ';
    await store.summarize();
    expect(summarize).toHaveBeenCalledWith({
      patient_info: { name: 'Maria Alvarez', age: 55 },
      focus: 'diabetes management',
      visits: [
        { visit_date: '2026-01-15', provider: 'Dr. Ana Ruiz', summary: 'Diabetes follow-up. A1c 7.9.' },
        { visit_date: '2026-03-02', soap_note: { subjective: 'Thirsty.', assessment: 'T2DM.', plan: 'Labs.' } },
      ],
    });
    expect(store.result.value).toEqual(SUMMARY);
  });

  it('leaves the name out when the clinician chose to, and sends no focus when none is typed', async () => {
    const { store, summarize } = setup({ omitName: true });
    await store.summarize();
    const req = summarize.mock.calls[0]?.[0];
    expect(req?.patient_info).toEqual({ age: 55 });
    expect(req).not.toHaveProperty('focus');
  });

  it('sends neither name nor age when their Patient context lines are unchecked', async () => {
    const { store, summarize } = setup({ excluded: ['identity:name', 'demographics:age'] });
    await store.summarize();
    expect(summarize.mock.calls[0]?.[0]).not.toHaveProperty('patient_info');
    const { store: ageOnly, summarize: sent } = setup({ excluded: ['identity:name'] });
    await ageOnly.summarize();
    expect(sent.mock.calls[0]?.[0]?.patient_info).toEqual({ age: 55 });
  });

  it('asks for a visit instead of sending none', async () => {
    const { store, summarize } = setup();
    for (const v of store.visits.value) store.setIncluded(v.id, false);
    await store.summarize();
    expect(summarize).not.toHaveBeenCalled();
    expect(store.error.value?.message).toBe('No visit is picked.');
  });

  it('shows the API’s error as it came', async () => {
    const { store, summarize } = setup();
    const error = { kind: 'validation' as const, message: 'visits[0] bad', nextStep: 'Fix it.', retryable: false };
    summarize.mockResolvedValueOnce({ ok: false, error });
    await store.summarize();
    expect(store.error.value).toEqual(error);
    expect(store.result.value).toBeUndefined();
  });

  it('inserts the summary text into Subjective for the patient it is about', async () => {
    const { store, insert } = setup();
    await store.summarize();
    await store.insert();
    expect(insert).toHaveBeenCalledWith({ sections: { subjective: summaryText(SUMMARY) }, patient: chart.identity });
    expect(store.notice.value).toMatch(/Subjective/);
    expect(store.clipboard().text).toBe(summaryText(SUMMARY));
    expect(store.clipboard().html).toContain('<li>E11.9 — Type 2 diabetes mellitus</li>');
  });

  it('turns a wrong-patient refusal into an alert', async () => {
    const { store } = setup({ insert: { ok: true, data: { kind: 'wrong-patient', expected: { name: 'Maria Alvarez' } } } });
    await store.summarize();
    await store.insert();
    expect(store.error.value?.message).toMatch(/different patient/);
  });
});

describe('summaryText', () => {
  it('puts summary, key findings and active diagnoses under headings', () => {
    expect(summaryText(SUMMARY)).toBe(
      'Visit history summary\nTwo visits.\n\nKey findings\n- A1c rising\n\nActive diagnoses\n- E11.9 — Type 2 diabetes mellitus',
    );
  });
});

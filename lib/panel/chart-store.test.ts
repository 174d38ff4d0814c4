import { describe, expect, it, vi } from 'vitest';
import type { ChartContext } from '../ehr/chart-context';
import type { ChartReadResult, Result, SiteStatus } from '../messaging/request-background';
import { ChartDraftSchema, type ChartDraft } from '../storage/chart-drafts';
import { createChartStore, type ChartStoreDeps } from './chart-store';

const source = { adapter: 'generic' };
const chartFor = (name: string, meds: string[]): ChartContext => ({
  adapter: 'generic',
  url: 'https://ehr.example.org/',
  identity: { name },
  demographics: {},
  items: meds.map((text, i) => ({ id: `medication:${i}`, kind: 'medication' as const, text, source })),
  noKnownAllergies: false,
  visitNotes: [],
  messages: [],
});

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

function setup(patch: Partial<ChartStoreDeps> = {}) {
  const saved: ChartDraft[] = [];
  let site: SiteStatus = { kind: 'disabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' };
  let chart = chartFor('Maria Alvarez', ['Lisinopril 10 mg']);
  const deps: ChartStoreDeps = {
    tabId: 7,
    siteStatus: vi.fn(async () => ok(site)),
    enableSite: vi.fn(async () => {
      site = { ...site, kind: 'enabled' } as SiteStatus;
      return ok(site);
    }),
    readChart: vi.fn(async () => ok<ChartReadResult>({ found: true, chart })),
    requestPermission: vi.fn(async () => true),
    saveDraft: vi.fn(async (d: ChartDraft) => void saved.push(d)),
    saveOmitName: vi.fn(async () => undefined),
    ...patch,
  };
  const store = createChartStore(deps);
  return { store, deps, saved, setChart: (c: ChartContext) => (chart = c), setSite: (s: SiteStatus) => (site = s) };
}

describe('createChartStore', () => {
  it('reads nothing from a site that is not enabled', async () => {
    const { store, deps } = setup();
    await store.hydrate(ChartDraftSchema.parse({}), false);
    expect(store.site.value?.kind).toBe('disabled');
    expect(deps.readChart).not.toHaveBeenCalled();
  });

  it('reads an enabled site on opening, unless told not to (the idle timeout has just cleared it)', async () => {
    const idle = setup();
    idle.setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await idle.store.hydrate(ChartDraftSchema.parse({}), false, { readNow: false });
    expect(idle.deps.readChart).not.toHaveBeenCalled();
    expect(idle.store.site.value?.kind).toBe('enabled');
    await idle.store.read();
    expect(idle.store.chart.value?.identity.name).toBe('Maria Alvarez');

    const usual = setup();
    usual.setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await usual.store.hydrate(ChartDraftSchema.parse({}), false);
    expect(usual.deps.readChart).toHaveBeenCalledTimes(1);
  });

  it('asks the browser for permission first when enabling, then reads the chart', async () => {
    const { store, deps } = setup();
    await store.hydrate(ChartDraftSchema.parse({}), false);
    await store.enable();
    expect(deps.requestPermission).toHaveBeenCalledWith('https://ehr.example.org/*');
    expect(deps.enableSite).toHaveBeenCalledWith(7);
    expect(store.chart.value?.identity.name).toBe('Maria Alvarez');
  });

  it('says so, and enables nothing, when the permission is refused', async () => {
    const { store, deps } = setup({ requestPermission: vi.fn(async () => false) });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    await store.enable();
    expect(deps.enableSite).not.toHaveBeenCalled();
    expect(store.problem.value?.message).toContain('not allowed');
  });

  it('keeps exclusions when the same patient is read again, and drops them for another patient', async () => {
    const { store, setChart, setSite } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    store.setIncluded('medication:0', false);
    await store.read();
    expect(store.context()?.patient_info?.medications).toEqual([]);
    setChart(chartFor('John Park', ['Atorvastatin 20 mg']));
    await store.pageChanged();
    expect(store.chart.value?.identity.name).toBe('John Park');
    expect(store.context()?.patient_info?.medications).toEqual(['Atorvastatin 20 mg']);
  });

  it('saves the chart and the choices to the session draft', async () => {
    const { store, saved, setSite } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    store.setIncluded('medication:0', false);
    expect(saved.at(-1)).toMatchObject({ found: true, excluded: ['medication:0'], chart: { identity: { name: 'Maria Alvarez' } } });
  });

  it('restores a saved chart without reading again', async () => {
    const { store, deps, setSite } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', ['Lisinopril 10 mg']), found: true, excluded: ['medication:0'] }), true);
    expect(deps.readChart).not.toHaveBeenCalled();
    expect(store.omitName.value).toBe(true);
    expect(store.context()?.patient_info).toMatchObject({ name: undefined, medications: [] });
  });

  it('reads again when the page changes during a read, so the panel ends with the loaded page', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const { store, setChart, setSite } = setup({
      readChart: vi.fn(async () => {
        calls += 1;
        const chart = calls === 1 ? chartFor('Loading…', []) : chartFor('John Park', ['Atorvastatin 20 mg']);
        if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
        return ok<ChartReadResult>({ found: true, chart });
      }),
    });
    void setChart;
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', []), found: true }), false);
    const first = store.read();
    await store.pageChanged();
    release();
    await first;
    expect(calls).toBe(2);
    expect(store.chart.value?.identity.name).toBe('John Park');
  });
});

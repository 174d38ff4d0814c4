import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChartContext } from '../ehr/chart-context';
import type { ChartReadResult, Result, SiteStatus } from '../messaging/request-background';
import { ChartDraftSchema, type ChartDraft } from '../storage/chart-drafts';
import { createChartStore, ENABLE_PATIENCE_MS, READ_PATIENCE_MS, SLOW_READ_MS, type ChartStoreDeps } from './chart-store';

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

  it('reopened on an enabled site, reads the chart again and never shows the saved one: the tab may show another patient now', async () => {
    const { store, deps, setSite, setChart } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    setChart(chartFor('John Park', ['Atorvastatin 20 mg']));
    const answer = deferred<Result<ChartReadResult>>();
    vi.mocked(deps.readChart).mockImplementationOnce(() => answer.promise);
    const opening = store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', ['Lisinopril 10 mg']), found: true, excluded: ['medication:0'] }), true);
    await vi.waitFor(() => expect(deps.readChart).toHaveBeenCalledTimes(1));
    // While the read runs, nothing of the saved patient is shown or would be sent.
    expect(store.chart.value).toBeUndefined();
    expect(store.context()?.patient_info?.name).toBeUndefined();
    expect(JSON.stringify(store.context() ?? {})).not.toContain('Lisinopril');
    answer.resolve(ok<ChartReadResult>({ found: true, chart: chartFor('John Park', ['Atorvastatin 20 mg']) }));
    await opening;
    expect(store.chart.value?.identity.name).toBe('John Park');
    expect(store.omitName.value).toBe(true);
    // Another patient starts fresh: what was left out for the saved patient is sent for this one.
    expect(store.context()?.patient_info).toMatchObject({ name: undefined, medications: ['Atorvastatin 20 mg'] });
  });

  it('reopened on the same patient, keeps what the clinician left out', async () => {
    const { store, deps, setSite } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    await store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', ['Lisinopril 10 mg']), found: true, excluded: ['medication:0'] }), false);
    expect(deps.readChart).toHaveBeenCalledTimes(1);
    expect(store.chart.value?.identity.name).toBe('Maria Alvarez');
    expect(store.context()?.patient_info?.medications).toEqual([]);
  });

  it('the opening read asked for before the drafts load is answered once, and still keeps what the clinician left out', async () => {
    const { store, deps, setSite } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    store.prefetchOpening();
    expect(deps.readChart).toHaveBeenCalledTimes(1);
    expect(deps.siteStatus).toHaveBeenCalledTimes(1);
    // The answers have arrived before the draft is applied: what was left out must still be left out.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', ['Lisinopril 10 mg']), found: true, excluded: ['medication:0'] }), false);
    expect(deps.readChart).toHaveBeenCalledTimes(1);
    expect(deps.siteStatus).toHaveBeenCalledTimes(1);
    expect(store.chart.value?.identity.name).toBe('Maria Alvarez');
    expect(store.context()?.patient_info?.medications).toEqual([]);
    // Read chart later asks the page again.
    await store.read();
    expect(deps.readChart).toHaveBeenCalledTimes(2);
  });

  it('an opening read asked for early is not shown for a site that turned out not to be enabled', async () => {
    const { store } = setup();
    store.prefetchOpening();
    await store.hydrate(ChartDraftSchema.parse({}), false);
    expect(store.site.value?.kind).toBe('disabled');
    expect(store.chart.value).toBeUndefined();
  });

  it('reopened on a site that is no longer enabled, shows nothing it read before', async () => {
    const { store, deps } = setup();
    await store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', ['Lisinopril 10 mg']), found: true }), false);
    expect(deps.readChart).not.toHaveBeenCalled();
    expect(store.chart.value).toBeUndefined();
    expect(store.context()?.patient_info?.name).toBeUndefined();
  });

  it('a page change read before the panel finished opening is kept: the saved chart and its choices do not come back over it', async () => {
    const { store, deps, setSite, setChart } = setup();
    setSite({ kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' });
    setChart(chartFor('John Park', ['Atorvastatin 20 mg']));
    // The panel hears of the navigation while it is still loading its saved draft (a busy computer).
    await store.pageChanged();
    expect(store.chart.value?.identity.name).toBe('John Park');
    await store.hydrate(ChartDraftSchema.parse({ chart: chartFor('Maria Alvarez', ['Lisinopril 10 mg']), found: true, excluded: ['medication:0'] }), false);
    expect(store.chart.value?.identity.name).toBe('John Park');
    expect(store.context()?.patient_info?.medications).toEqual(['Atorvastatin 20 mg']);
    expect(deps.readChart).toHaveBeenCalledTimes(1);
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
    await store.hydrate(ChartDraftSchema.parse({}), false, { readNow: false });
    const first = store.read();
    // pageChanged ends once the read that follows the change is shown.
    const change = store.pageChanged();
    await vi.waitFor(() => expect(calls).toBe(1));
    release();
    await Promise.all([first, change]);
    expect(calls).toBe(2);
    expect(store.chart.value?.identity.name).toBe('John Park');
  });
});

/** A promise the test settles when it wants (a slow background, a busy page). */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const ENABLED: SiteStatus = { kind: 'enabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' };

describe('createChartStore on a busy computer', () => {
  afterEach(() => void vi.useRealTimers());

  it('Read chart pressed again and again during a slow read joins it: the page is asked once, and every press ends with the chart shown', async () => {
    const answer = deferred<Result<ChartReadResult>>();
    const { store, deps, setSite } = setup({ readChart: vi.fn(() => answer.promise) });
    setSite(ENABLED);
    await store.hydrate(ChartDraftSchema.parse({}), false, { readNow: false });
    const shownWhenAnswered: (string | undefined)[] = [];
    const presses = [1, 2, 3, 4, 5].map(() => store.read().then(() => shownWhenAnswered.push(store.chart.value?.identity.name)));
    expect(store.readState.value).toBe('reading');
    answer.resolve(ok<ChartReadResult>({ found: true, chart: chartFor('John Park', []) }));
    await Promise.all(presses);
    expect(deps.readChart).toHaveBeenCalledTimes(1);
    expect(shownWhenAnswered).toEqual(['John Park', 'John Park', 'John Park', 'John Park', 'John Park']);
    expect(store.readState.value).toBe('done');
  });

  it('a page change during a read is followed by exactly one more read, and a press meanwhile is answered by that one', async () => {
    const answers = [deferred<Result<ChartReadResult>>(), deferred<Result<ChartReadResult>>()];
    let calls = 0;
    const { store, deps, setSite } = setup({ readChart: vi.fn(() => answers[calls++]!.promise) });
    setSite(ENABLED);
    await store.hydrate(ChartDraftSchema.parse({}), false, { readNow: false });
    const first = store.read();
    await Promise.all([store.pageChanged(), store.pageChanged(), store.pageChanged()].map((p) => (void p, undefined)));
    await vi.waitFor(() => expect(deps.siteStatus).toHaveBeenCalledTimes(4));
    await Promise.resolve();
    let pressAnswered: string | undefined;
    const press = store.read().then(() => (pressAnswered = store.chart.value?.identity.name));
    answers[0]!.resolve(ok<ChartReadResult>({ found: true, chart: chartFor('Loading…', []) }));
    await first;
    await vi.waitFor(() => expect(deps.readChart).toHaveBeenCalledTimes(2));
    answers[1]!.resolve(ok<ChartReadResult>({ found: true, chart: chartFor('John Park', []) }));
    await press;
    expect(pressAnswered).toBe('John Park');
    expect(deps.readChart).toHaveBeenCalledTimes(2);
    expect(store.readState.value).toBe('done');
  });

  it('a slow read says it is still waiting; one whose answer never comes ends in words, and the next press reads again', async () => {
    vi.useFakeTimers();
    const { store, deps, setSite } = setup({ readChart: vi.fn(() => new Promise<Result<ChartReadResult>>(() => undefined)) });
    setSite(ENABLED);
    const opening = store.hydrate(ChartDraftSchema.parse({}), false);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.readState.value).toBe('reading');
    expect(store.slowRead.value).toBe(false);
    await vi.advanceTimersByTimeAsync(SLOW_READ_MS);
    expect(store.slowRead.value).toBe(true);
    expect(store.problem.value).toBeUndefined();
    await vi.advanceTimersByTimeAsync(READ_PATIENCE_MS);
    await opening;
    expect(store.readState.value).toBe('failed');
    expect(store.problem.value?.message).toBe('The chart did not answer in time.');
    void store.read();
    expect(deps.readChart).toHaveBeenCalledTimes(2);
  });

  it('an answer that comes after the panel stopped waiting is still shown, unless a newer read showed its own', async () => {
    vi.useFakeTimers();
    const answers = [deferred<Result<ChartReadResult>>(), deferred<Result<ChartReadResult>>()];
    let calls = 0;
    const { store, setSite } = setup({ readChart: vi.fn(() => answers[calls++]!.promise) });
    setSite(ENABLED);
    await store.hydrate(ChartDraftSchema.parse({}), false, { readNow: false });
    void store.read();
    await vi.advanceTimersByTimeAsync(READ_PATIENCE_MS);
    expect(store.readState.value).toBe('failed');
    answers[0]!.resolve(ok<ChartReadResult>({ found: true, chart: chartFor('John Park', []) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.chart.value?.identity.name).toBe('John Park');

    const second = store.read();
    answers[1]!.resolve(ok<ChartReadResult>({ found: true, chart: chartFor('Ada Byrne', []) }));
    await second;
    expect(store.chart.value?.identity.name).toBe('Ada Byrne');
    expect(store.readState.value).toBe('done');
    expect(store.problem.value).toBeUndefined();
  });

  it('Enable on this site says it is enabling, ignores a second press meanwhile, and ends with the chart read', async () => {
    const enabled = deferred<Result<SiteStatus>>();
    const { store, deps } = setup({ enableSite: vi.fn(() => enabled.promise) });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    const press = store.enable();
    expect(store.enabling.value).toBe(true);
    void store.enable();
    enabled.resolve(ok(ENABLED));
    await press;
    expect(deps.enableSite).toHaveBeenCalledTimes(1);
    expect(store.enabling.value).toBe(false);
    expect(store.site.value?.kind).toBe('enabled');
    expect(store.chart.value?.identity.name).toBe('Maria Alvarez');
  });

  it('an enable the background could not complete ends in words saying why and what to do', async () => {
    const { store, deps } = setup({
      enableSite: vi.fn(async () => ok<SiteStatus>({ kind: 'disabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' })),
    });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    await store.enable();
    expect(store.problem.value?.message).toBe('The browser did not give Chartside access to https://ehr.example.org.');
    expect(store.problem.value?.nextStep).toContain('Press Enable on this site again');
    expect(deps.readChart).not.toHaveBeenCalled();
  });

  it('an enable whose answer never comes ends in words, not a button that did nothing', async () => {
    vi.useFakeTimers();
    const { store } = setup({ enableSite: vi.fn(() => new Promise<Result<SiteStatus>>(() => undefined)) });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    const press = store.enable();
    await vi.advanceTimersByTimeAsync(ENABLE_PATIENCE_MS);
    await press;
    expect(store.enabling.value).toBe(false);
    expect(store.problem.value?.message).toBe('Enabling Chartside on this site did not finish.');
  });

  it('a site status asked before Enable on this site and answered after it does not put the button back', async () => {
    const stale = deferred<Result<SiteStatus>>();
    let statusCalls = 0;
    let site: SiteStatus = { kind: 'disabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' };
    const { store } = setup({
      siteStatus: vi.fn(async () => (++statusCalls === 2 ? stale.promise : ok(site))),
      enableSite: vi.fn(async () => ok((site = ENABLED))),
    });
    await store.hydrate(ChartDraftSchema.parse({}), false);
    const change = store.pageChanged(); // the tab's "complete", asked before the press
    await store.enable();
    stale.resolve(ok<SiteStatus>({ kind: 'disabled', origin: 'https://ehr.example.org', pattern: 'https://ehr.example.org/*' }));
    await change;
    expect(store.site.value?.kind).toBe('enabled');
    expect(store.chart.value?.identity.name).toBe('Maria Alvarez');
  });
});

import { batch, computed, effect, signal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import type { ChartContext } from '../ehr/chart-context';
import type { ChartReadResult, Result, SiteStatus } from '../messaging/request-background';
import type { ChartDraft } from '../storage/chart-drafts';
import { buildRequestContext, EMPTY_MANUAL, identityForNote, type ManualContext } from './request-context';

export interface ChartStoreDeps {
  tabId: number | undefined;
  siteStatus(tabId: number): Promise<Result<SiteStatus>>;
  enableSite(tabId: number): Promise<Result<SiteStatus>>;
  readChart(tabId: number): Promise<Result<ChartReadResult>>;
  /** Asks the browser for the site's host permission; must be the first thing a click does. */
  requestPermission(pattern: string): Promise<boolean>;
  saveDraft(draft: ChartDraft): Promise<void>;
  saveOmitName(omit: boolean): Promise<void>;
}

export type ReadState = 'idle' | 'reading' | 'done' | 'failed';

/**
 * The panel's patient context for one EHR tab: whether Chartside may read the site, what it read,
 * and what the clinician chose to send. `context()` is exactly what goes into the request.
 */
export function createChartStore(deps: ChartStoreDeps) {
  const site = signal<SiteStatus | undefined>(undefined);
  const readState = signal<ReadState>('idle');
  const chart = signal<ChartContext | undefined>(undefined);
  const found = signal(false);
  const excluded = signal<ReadonlySet<string>>(new Set());
  const manual = signal<ManualContext>(EMPTY_MANUAL);
  const omitName = signal(false);
  const problem = signal<{ message: string; nextStep: string } | undefined>(undefined);
  const loaded = signal(false);

  const draft = computed<ChartDraft>(() => ({ chart: chart.value, found: found.value, excluded: [...excluded.value], manual: manual.value }));
  const stopSaving = effect(() => {
    const value = draft.value;
    if (loaded.peek()) void deps.saveDraft(value);
  });

  function fail(error: ApiErrorInfo | { message: string; nextStep: string }): void {
    problem.value = { message: error.message, nextStep: error.nextStep };
  }

  async function refreshSite(): Promise<SiteStatus | undefined> {
    if (deps.tabId === undefined) {
      site.value = { kind: 'unknown' };
      return site.value;
    }
    const result = await deps.siteStatus(deps.tabId);
    if (!result.ok) {
      fail(result.error);
      return undefined;
    }
    site.value = result.data;
    return result.data;
  }

  /** A read asked for while one is under way (the page changed again): done once the current one ends. */
  let readAgain = false;

  async function read(): Promise<void> {
    if (deps.tabId === undefined) return;
    if (readState.value === 'reading') {
      // A navigation reports its new address before the page has loaded, then "complete": the
      // second read must not be dropped, or the panel would keep what the half-loaded page showed.
      readAgain = true;
      return;
    }
    readAgain = false;
    readState.value = 'reading';
    problem.value = undefined;
    const result = await deps.readChart(deps.tabId);
    batch(() => {
      if (!result.ok) {
        readState.value = 'failed';
        fail(result.error);
        return;
      }
      const previous = chart.value;
      chart.value = result.data.chart;
      found.value = result.data.found;
      // A re-read of the same patient keeps what the clinician left out; another patient starts fresh.
      if (!sameIdentity(previous, result.data.chart)) excluded.value = new Set();
      readState.value = 'done';
    });
    if (readAgain) await read();
  }

  /**
   * `readNow: false` after the idle timeout cleared patient data: the chart is read again when the
   * clinician asks (Read chart) or the EHR page changes, not by a panel nobody is looking at.
   */
  async function hydrate(saved: ChartDraft, omit: boolean, { readNow = true }: { readNow?: boolean } = {}): Promise<void> {
    batch(() => {
      chart.value = saved.chart;
      found.value = saved.found;
      excluded.value = new Set(saved.excluded);
      manual.value = saved.manual;
      omitName.value = omit;
      if (saved.chart) readState.value = 'done';
      loaded.value = true;
    });
    const status = await refreshSite();
    if (status?.kind === 'enabled' && !saved.chart && readNow) await read();
  }

  /** "Enable on this site": the permission prompt first (it needs the click), then the background's part. */
  async function enable(): Promise<void> {
    const status = site.value;
    if (status?.kind !== 'disabled' || deps.tabId === undefined) return;
    const granted = await deps.requestPermission(status.pattern).catch(() => false);
    if (!granted) {
      fail({ message: `Chartside was not allowed to read ${status.origin}.`, nextStep: 'Press Enable on this site again and choose Allow, or type the patient’s details below.' });
      return;
    }
    const result = await deps.enableSite(deps.tabId);
    if (!result.ok) return fail(result.error);
    site.value = result.data;
    if (result.data.kind === 'enabled') await read();
  }

  /** The tab navigated (a new page, or a single-page EHR changed the address). */
  async function pageChanged(): Promise<void> {
    const status = await refreshSite();
    if (status?.kind === 'enabled') await read();
  }

  function setIncluded(id: string, included: boolean): void {
    const next = new Set(excluded.value);
    if (included) next.delete(id);
    else next.add(id);
    excluded.value = next;
  }

  function setOmitName(omit: boolean): void {
    omitName.value = omit;
    void deps.saveOmitName(omit);
  }

  function appendHistory(text: string): void {
    const current = manual.value.history.replace(/\s+$/, '');
    manual.value = { ...manual.value, history: current ? `${current}\n${text}` : text };
  }

  const context = () =>
    buildRequestContext({ chart: chart.peek(), excluded: excluded.peek(), manual: manual.peek(), omitName: omitName.peek() });
  const identity = () => identityForNote(chart.peek());

  return {
    site, readState, chart, found, excluded, manual, omitName, problem,
    hydrate, read, enable, pageChanged, setIncluded, setOmitName, appendHistory, context, identity,
    dispose: () => stopSaving(),
  };
}

export type ChartStore = ReturnType<typeof createChartStore>;

function sameIdentity(a: ChartContext | undefined, b: ChartContext | undefined): boolean {
  if (!a || !b) return false;
  const id = (c: ChartContext) => [c.identity.name ?? '', c.identity.dob ?? '', c.identity.mrn ?? ''].join('|').toLowerCase();
  return id(a) === id(b);
}

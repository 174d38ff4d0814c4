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

/** After this, "Reading the chart…" adds that the page is slow to answer (a busy computer, a large chart). */
export const SLOW_READ_MS = 4_000;
/** Past the background's own deadline for a read: only an answer that never comes reaches it. */
export const READ_PATIENCE_MS = 20_000;
/** Enabling is registration and injection in the background; only a lost answer takes this long. */
export const ENABLE_PATIENCE_MS = 20_000;

const READ_TOO_SLOW = {
  message: 'The chart did not answer in time.',
  nextStep: 'The computer may be busy. Press Read chart to try again, or type the patient’s details below.',
};
const ENABLE_TOO_SLOW = {
  message: 'Enabling Chartside on this site did not finish.',
  nextStep: 'The computer may be busy. Press Enable on this site again.',
};

function notEnabled(origin: string, now: SiteStatus): { message: string; nextStep: string } {
  if (now.kind === 'disabled') {
    return {
      message: `The browser did not give Chartside access to ${origin}.`,
      nextStep: 'Press Enable on this site again and choose Allow. If no prompt appears, allow the site in the browser’s settings for Chartside.',
    };
  }
  return { message: 'The tab changed before Chartside could enable it.', nextStep: 'Open the chart again, then press Enable on this site.' };
}

/** `promise`'s value, or `undefined` once `ms` have passed first. */
function withPatience<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

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
  /** Enable on this site is under way (the panel says so, and the button waits). */
  const enabling = signal(false);
  /** The read under way has taken long enough for the panel to say it is still waiting. */
  const slowRead = signal(false);

  const draft = computed<ChartDraft>(() => ({ chart: chart.value, found: found.value, excluded: [...excluded.value], manual: manual.value }));
  const stopSaving = effect(() => {
    const value = draft.value;
    if (loaded.peek()) void deps.saveDraft(value);
  });

  function fail(error: ApiErrorInfo | { message: string; nextStep: string }): void {
    problem.value = { message: error.message, nextStep: error.nextStep };
  }

  /**
   * Site status answers are applied newest first: a status asked for before Enable on this site was
   * pressed (a page change, the panel opening) must not arrive late and put the button back.
   */
  let siteAsked = 0;

  /**
   * The opening's two questions to the background (is the site enabled, what does the chart show),
   * asked as soon as the panel binds rather than after its drafts are loaded: the answers come
   * while the drafts load. Only the opening read takes them, and only after the drafts are applied,
   * so what the clinician left out is decided exactly as without them.
   */
  let opening: { site: Promise<Result<SiteStatus>>; chart: Promise<Result<ChartReadResult>> } | undefined;

  function prefetchOpening(): void {
    if (deps.tabId === undefined || opening) return;
    const failed = (): Result<never> => ({ ok: false, error: { kind: 'unknown', retryable: true, ...READ_TOO_SLOW } });
    opening = { site: deps.siteStatus(deps.tabId).catch(failed), chart: deps.readChart(deps.tabId).catch(failed) };
  }

  async function refreshSite(prefetched?: Promise<Result<SiteStatus>>): Promise<SiteStatus | undefined> {
    if (deps.tabId === undefined) {
      site.value = { kind: 'unknown' };
      return site.value;
    }
    const asked = ++siteAsked;
    const result = await (prefetched ?? deps.siteStatus(deps.tabId));
    // Stale, or Enable on this site is deciding: the newer answer (or the enable) acts instead.
    if (asked !== siteAsked || enabling.peek()) return undefined;
    if (!result.ok) {
      fail(result.error);
      return undefined;
    }
    site.value = result.data;
    return result.data;
  }

  /**
   * One read at a time per panel. Read chart pressed while a read is under way joins it (asking the
   * page again would only queue behind the answer it is still working on, and on a busy computer
   * every press would then wait longer); a page change during a read is followed by exactly one more
   * read, which later presses join. Every caller's promise ends when the answer it waits for is shown.
   */
  let inFlight: Promise<void> | undefined;
  let followUp: Promise<void> | undefined;
  /** Answers are numbered: a late one never replaces what a newer read showed. */
  let readsStarted = 0;
  let shownRead = 0;

  /**
   * The chart saved when the panel last closed. It is never shown again: while the panel was closed
   * the tab may have moved to another patient, and the previous patient's medications and allergies
   * beside this patient's chart would be sent with this patient's note. The opening read compares
   * it with what it finds, so the same patient keeps what the clinician left out.
   */
  let unconfirmed: ChartContext | undefined;

  function read(prefetched?: Promise<Result<ChartReadResult>>): Promise<void> {
    if (deps.tabId === undefined) return Promise.resolve();
    return followUp ?? inFlight ?? startRead(deps.tabId, prefetched);
  }

  /** A navigation reports its new address before the page has loaded, then "complete": read after the read under way. */
  function readAfterChange(): Promise<void> {
    if (deps.tabId === undefined) return Promise.resolve();
    const tabId = deps.tabId;
    if (!inFlight) return startRead(tabId);
    followUp ??= inFlight.then(() => {
      followUp = undefined;
      return inFlight ?? startRead(tabId);
    });
    return followUp;
  }

  function startRead(tabId: number, prefetched?: Promise<Result<ChartReadResult>>): Promise<void> {
    const number = ++readsStarted;
    readState.value = 'reading';
    slowRead.value = false;
    problem.value = undefined;
    const slowTimer = setTimeout(() => (slowRead.value = true), SLOW_READ_MS);
    let patienceTimer: ReturnType<typeof setTimeout> | undefined;
    // The background ends its read in CHART_READ_DEADLINE_MS; this only catches an answer that never
    // comes (a background that went away mid-request), so the panel never says "Reading…" for ever.
    const patience = new Promise<'out of patience'>((resolve) => (patienceTimer = setTimeout(() => resolve('out of patience'), READ_PATIENCE_MS)));
    const answer = (prefetched ?? deps.readChart(tabId)).catch((): Result<ChartReadResult> => ({ ok: false, error: { kind: 'unknown', retryable: true, ...READ_TOO_SLOW } }));
    // A late answer is still shown, unless a newer read has shown its own.
    void answer.then((result) => show(number, result));
    const run = Promise.race([answer, patience])
      .then((outcome) => {
        if (outcome === 'out of patience' && shownRead < number) {
          readState.value = 'failed';
          fail(READ_TOO_SLOW);
        }
      })
      .finally(() => {
        clearTimeout(slowTimer);
        clearTimeout(patienceTimer);
        slowRead.value = false;
        if (inFlight === run) inFlight = undefined;
      });
    inFlight = run;
    return run;
  }

  function show(number: number, result: Result<ChartReadResult>): void {
    if (number < shownRead) return;
    shownRead = number;
    batch(() => {
      if (!result.ok) {
        if (number === readsStarted) {
          readState.value = 'failed';
          fail(result.error);
        }
        return;
      }
      const previous = chart.value ?? unconfirmed;
      unconfirmed = undefined;
      chart.value = result.data.chart;
      found.value = result.data.found;
      // A re-read of the same patient keeps what the clinician left out; another patient starts fresh.
      if (!sameIdentity(previous, result.data.chart)) excluded.value = new Set();
      if (number === readsStarted) {
        readState.value = 'done';
        problem.value = undefined;
      }
    });
  }

  /**
   * Opening the panel: what the clinician typed and chose comes back, and on an enabled site the
   * chart is read again (a site that is not enabled shows nothing it read before).
   *
   * `readNow: false` after the idle timeout cleared patient data: the chart is read again when the
   * clinician asks (Read chart) or the EHR page changes, not by a panel nobody is looking at.
   */
  async function hydrate(saved: ChartDraft, omit: boolean, { readNow = true }: { readNow?: boolean } = {}): Promise<void> {
    // A read that already answered (the page changed while the panel opened) has decided what is left out.
    const decided = shownRead > 0;
    batch(() => {
      if (!decided) excluded.value = new Set(saved.excluded);
      manual.value = saved.manual;
      omitName.value = omit;
      loaded.value = true;
    });
    if (!decided) unconfirmed = saved.chart;
    const asked = opening;
    opening = undefined;
    const status = await refreshSite(asked?.site);
    // The page changed while the panel opened: the read that started then answers instead.
    if (readsStarted > 0) return followUp ?? inFlight;
    if (status?.kind === 'enabled' && readNow) await read(asked?.chart);
  }

  /**
   * "Enable on this site": the permission prompt first (it needs the click), then the background's
   * part, then the chart. Ends in the site enabled and read, or in words saying why not; "Enabling…"
   * shows meanwhile, and a second press while it runs does nothing more.
   */
  async function enable(): Promise<void> {
    const status = site.value;
    if (status?.kind !== 'disabled' || deps.tabId === undefined || enabling.peek()) return;
    const permission = deps.requestPermission(status.pattern).catch(() => false);
    enabling.value = true;
    problem.value = undefined;
    try {
      if (!(await permission)) {
        fail({ message: `Chartside was not allowed to read ${status.origin}.`, nextStep: 'Press Enable on this site again and choose Allow, or type the patient’s details below.' });
        return;
      }
      const result = await withPatience(deps.enableSite(deps.tabId), ENABLE_PATIENCE_MS);
      if (result === undefined) return fail(ENABLE_TOO_SLOW);
      if (!result.ok) return fail(result.error);
      siteAsked++;
      site.value = result.data;
      if (result.data.kind !== 'enabled') return fail(notEnabled(status.origin, result.data));
    } finally {
      enabling.value = false;
    }
    await read();
  }

  /** The tab navigated (a new page, or a single-page EHR changed the address). */
  async function pageChanged(): Promise<void> {
    const status = await refreshSite();
    if (status?.kind === 'enabled') await readAfterChange();
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
    site, readState, slowRead, enabling, chart, found, excluded, manual, omitName, problem,
    prefetchOpening, hydrate, read: () => read(), enable, pageChanged, setIncluded, setOmitName, appendHistory, context, identity,
    dispose: () => stopSaving(),
  };
}

export type ChartStore = ReturnType<typeof createChartStore>;

function sameIdentity(a: ChartContext | undefined, b: ChartContext | undefined): boolean {
  if (!a || !b) return false;
  const id = (c: ChartContext) => [c.identity.name ?? '', c.identity.dob ?? '', c.identity.mrn ?? ''].join('|').toLowerCase();
  return id(a) === id(b);
}

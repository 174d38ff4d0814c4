import { effect, signal } from '@preact/signals';
import type { NamedTemplate } from '../note/named-templates';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { FALLBACK_SPECIALTIES, type Specialty } from '../api/specialties';
import {
  ChartReadResultSchema,
  FieldMapOfTabSchema,
  FieldReportListSchema,
  InsertOutcomeSchema,
  PickOutcomeSchema,
  ReopenedNoteSchema,
  requestBackground,
  SiteStatusSchema,
  SpecialtyListSchema,
  VaultStatusSchema,
} from '../messaging/request-background';
import { createTestKeyNotice } from './test-key-notice';
import { takeCaptures, watchCaptures } from '../storage/captures';
import { loadChartDraft, saveChartDraft } from '../storage/chart-drafts';
import { findDraft, saveDraft } from '../storage/drafts';
import { loadSitePreference, saveSitePreference } from '../storage/site-preferences';
import { loadSettings, saveSettings, typedTranscriptConsentRequired, type Settings } from '../storage/settings';
import { readManagedPolicy } from '../storage/managed-policy';
import { followForbiddenExtras, followSettingsChanges, type ForbiddenExtras } from './policy-follow';
import type { StyleRule } from '../note/style-rules';
import { loadPanelLayout, savePanelLayout, type PanelLayout } from '../storage/panel-layout';
import { SidePanel } from '@/components/SidePanel';
import { bindingKeyOf, followActiveTab, resolveBinding, type PanelBinding } from './binding';
import { createChartStore, type ChartStore } from './chart-store';
import { createFieldMappingStore, type FieldMappingStore } from './field-mapping-store';
import { mappingRequestOf } from './mapping-request';
import { createInsertStore, type InsertStore } from './insert-store';
import { listenForShortcuts } from './shortcut-commands';
import { listenForDataClear } from './data-clear-listener';
import { GenerationConnection } from './generation-connection';
import { exposeE2eHooks } from './e2e-hooks';
import { createPanelStore, type PanelStore } from './panel-store';
import { createPanelRecording } from './panel-recording';
import { startIdleWatch } from './panel-idle';
import { openSummaryPrintPage } from './print-summary';
import { openingDraft, rememberSitePreferences, siteOriginOf } from './site-preferences';
import { VisitSummarySchema } from '../api/schemas';
import { isHistoryKey, listNoteHistory } from '../storage/note-history';
import { createNoteHistoryStore } from './note-history-store';
import type { VisitHistoryDeps } from './visit-history-store';

/**
 * Wires the side panel: binds it to a tab, loads that tab's draft and chart context, connects to
 * the background's jobs, follows the tab's navigations (single-page EHRs included), and re-wires
 * when an unpinned panel follows the clinician to another tab.
 */
export async function mountSidePanel(root: HTMLElement, search: string): Promise<void> {
  // Sealed settings take the longest of what the first binding loads (the sealing key is in IndexedDB):
  // asked for first, while the idle check runs.
  let openingSettings: ReturnType<typeof loadSettings> | undefined = loadSettings();
  const firstSettings = openingSettings;
  // The remembered layout is read before the first render, so a folded area never flickers open.
  const [{ notice: idleNotice, activity }, layout] = await Promise.all([startIdleWatch(), loadPanelLayout().catch((): PanelLayout => ({}))]);
  const optionsOpen = signal(layout.optionsOpen ?? false);
  const onOptionsToggle = (open: boolean) => void savePanelLayout({ optionsOpen: open });
  const specialties = signal<Specialty[]>([...FALLBACK_SPECIALTIES]);
  // The clinician's style rules (settings), read again whenever the options page or the panel saves them.
  const styleRules = signal<readonly StyleRule[]>([]);
  void openingSettings.then((s) => (styleRules.value = s.styleRules));
  // Extras the organisation forbids are shown off and locked (the background never asks for them either).
  const forbiddenExtras = signal<ForbiddenExtras>({ billingCodes: false, patientSummary: false });
  followForbiddenExtras((forbidden) => (forbiddenExtras.value = forbidden));
  followSettingsChanges((s) => (styleRules.value = s.styleRules));
  // The clinician's named templates (sealed settings): the Template list, the last used first.
  const namedTemplates = signal<NamedTemplate[]>([]);
  void openingSettings.then((s) => (namedTemplates.value = s.namedTemplates));
  const keepTemplate = async (specialty: string, id: string, name: string): Promise<string | undefined> => {
    const { addNamedTemplate } = await import('../storage/named-templates');
    const saved = await addNamedTemplate({ specialty, id, name });
    if (!saved.ok) return saved.message;
    namedTemplates.value = saved.templates;
    return undefined;
  };
  /** A note was asked for with a kept template: it moves to the top of its specialty's list. */
  const usedTemplate = (specialty: string, id: string) => {
    if (!namedTemplates.peek().some((t) => t.specialty === specialty && t.id === id)) return;
    void import('../storage/named-templates')
      .then(({ markTemplateUsed }) => markTemplateUsed(specialty, id))
      .then((saved) => saved.ok && (namedTemplates.value = saved.templates));
  };
  let stopMarkingTemplates: (() => void) | undefined;
  const onAddStyleRule = async (rule: StyleRule) => {
    // Loaded on the first Add rule: the panel's start-up code has a budget (test/packaging/bundle-budgets.ts).
    const { addStyleRule } = await import('../storage/style-rules');
    const saved = await addStyleRule(rule);
    if (saved.ok) styleRules.value = saved.rules;
    return saved;
  };
  void requestBackground({ type: 'specialties:list' }, SpecialtyListSchema).then((result) => {
    if (result.ok && result.data.length > 0) specialties.value = result.data;
  });

  let store: PanelStore | undefined;
  let chart: ChartStore | undefined;
  let mapping: FieldMappingStore | undefined;
  let currentInsert: InsertStore | undefined;
  let binding: PanelBinding | undefined;
  const connection = new GenerationConnection(
    (update) => store?.receive(update),
    () => store?.backgroundLost(),
  );

  const openSettings = () => void browser.runtime.openOptionsPage();
  const TEST_KEY_SEEN = 'test-key-notice-seen';
  const testKeyNotice = createTestKeyNotice({
    keyKind: async () => {
      const status = await requestBackground({ type: 'vault:status' }, VaultStatusSchema);
      return status.ok ? status.data.kind : undefined;
    },
    seen: async () => (await browser.storage.local.get(TEST_KEY_SEEN))[TEST_KEY_SEEN] === true,
    markSeen: () => browser.storage.local.set({ [TEST_KEY_SEEN]: true }),
  });
  let stopWatchingChartForKey: (() => void) | undefined;
  if (import.meta.env.MODE === 'e2e') exposeE2eHooks(() => store);

  let stopWatchingCaptures: (() => void) | undefined;
  let stopWatchingJobEnds: (() => void) | undefined;
  let stopRememberingSite: (() => void) | undefined;

  const { recorder, unfinished, submitRecording, toggleRecording } = createPanelRecording({ store: () => store, identity: () => chart?.identity(), boundTabId: () => binding?.tabId });
  // Whether to ask for the patient's consent before recording, where its line goes, and by whom: settings.
  // And whether Generate note asks for it too, before a note from the typed transcript.
  const followConsent = (s: Settings) =>
    recorder.applyConsentSettings({ required: s.consentRequired, typed: typedTranscriptConsentRequired(s), placement: s.consentPlacement, name: s.consentName });
  void firstSettings.then(followConsent);
  // The clinician's choice, or the organisation's policy (requireRecordingConsent), changed.
  followSettingsChanges(followConsent);
  // Ticking the box answers Generate note's refusal for want of it.
  effect(() => {
    if (recorder.consentedAt.value !== undefined) store?.consentGiven();
  });
  // Keyboard shortcuts (forwarded by the background for the active tab): record, generate, insert all.
  listenForShortcuts(browser.runtime, () => binding?.tabId, (command) => {
    activity.activity();
    if (command === 'generate-note') return store?.generate();
    if (command === 'insert-all') return void currentInsert?.insertAll();
    toggleRecording();
  });

  // This session's notes (all tabs), written by the background when a note completes.
  const noteHistory = createNoteHistoryStore({
    list: listNoteHistory,
    getNote: (noteId, jobId) => requestBackground({ type: 'note:get', noteId, jobId }, ReopenedNoteSchema),
    boxes: () => store && { sections: () => store!.sections.peek(), locked: () => store!.locked.peek(), show: store.showNote },
  });
  void noteHistory.refresh();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && Object.keys(changes).some(isHistoryKey)) void noteHistory.refresh();
  });

  async function bind(next: PanelBinding): Promise<void> {
    store?.dispose();
    chart?.dispose();
    void mapping?.cancel();
    stopWatchingCaptures?.();
    stopWatchingJobEnds?.();
    stopRememberingSite?.();
    stopWatchingChartForKey?.();
    // The tick is kept when the panel follows another tab: a telehealth clinician ticks it, then goes
    // to the call's tab (Firefox's sidebar follows the active tab), and Start recording must not be
    // refused for it. It is used up by the recording or note it was given for.
    binding = next;
    const bindingKey = bindingKeyOf(next);
    const tabId = next.tabId;
    const chartStore = createChartStore({
      tabId,
      siteStatus: (id) => requestBackground({ type: 'site:status', tabId: id }, SiteStatusSchema),
      enableSite: (id) => requestBackground({ type: 'site:enable', tabId: id }, SiteStatusSchema),
      readChart: (id) => requestBackground({ type: 'chart:read', tabId: id }, ChartReadResultSchema),
      requestPermission: (pattern) => browser.permissions.request({ origins: [pattern] }),
      saveDraft: (draft) => saveChartDraft(bindingKey, draft),
      saveOmitName: async (omit) => void (await saveSettings({ omitPatientName: omit })),
    });
    // The site's status and the chart are asked for now, answered while the drafts load (not after
    // the idle timeout cleared patient data: then the chart is read when the clinician asks).
    if (idleNotice.peek() === undefined) chartStore.prefetchOpening();
    const panelStore = createPanelStore({
      bindingKey,
      send: (command) => connection.send(command),
      saveDraft: (draft) => saveDraft(bindingKey, draft),
      context: chartStore.context,
      identity: chartStore.identity,
      styleRules: () => styleRules.peek(),
      transcriptConsent: {
        current: () => recorder.consentForTranscript(),
        refused: () => recorder.transcriptConsentRefused(),
        used: () => recorder.transcriptConsentUsed(),
      },
    });
    const insertStore =
      tabId === undefined
        ? undefined
        : createInsertStore({
            tabId,
            insert: (request) => requestBackground({ type: 'note:insert', ...request }, InsertOutcomeSchema),
            undo: (id) => requestBackground({ type: 'note:undo', tabId: id }, FieldReportListSchema),
            note: () => ({ sections: panelStore.sections.peek(), patient: panelStore.patient.peek() }),
          });
    const mappingStore = createFieldMappingStore({
      tabId,
      pick: (id, target) => requestBackground({ type: 'fields:pick', tabId: id, target }, PickOutcomeSchema),
      stop: (id) => browser.runtime.sendMessage({ type: 'fields:pick-stop', tabId: id }),
      mapOfTab: (id) => requestBackground({ type: 'field-maps:of-tab', tabId: id }, FieldMapOfTabSchema),
    });
    const visitHistory: VisitHistoryDeps = {
      chart: chartStore.chart,
      history: noteHistory.entries,
      omitName: () => chartStore.omitName.peek(),
      excludedContext: () => chartStore.excluded.peek(),
      summarize: (request) => requestBackground({ type: 'visit-summary:create', request }, VisitSummarySchema),
      insert:
        tabId === undefined
          ? undefined
          : ({ sections, patient }) => requestBackground({ type: 'note:insert', tabId, sections, mode: 'append', ...(patient && { patient }) }, InsertOutcomeSchema),
      specialtyLabel: (id) => specialties.peek().find((s) => s.id === id)?.label ?? id,
    };
    stopMarkingTemplates?.();
    let wasRunning = panelStore.running.peek();
    stopMarkingTemplates = effect(() => {
      const running = panelStore.running.value;
      if (running && !wasRunning) usedTemplate(panelStore.specialty.peek(), panelStore.template.peek().trim());
      wasRunning = running;
    });
    store = panelStore;
    chart = chartStore;
    mapping = mappingStore;
    currentInsert = insertStore;
    const popOut =
      tabId === undefined || next.pinned
        ? undefined
        : () => void browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html?tabId=${tabId}`), type: 'popup', width: 460, height: 820 });
    render(<SidePanel store={panelStore} chart={chartStore} inserting={insertStore} mapping={tabId === undefined ? undefined : mappingStore} specialties={specialties} onOpenSettings={openSettings} onPopOut={popOut} recorder={recorder} unfinished={unfinished} onSubmitRecording={submitRecording} visitHistory={visitHistory} noteHistory={noteHistory} onPrintSummary={openSummaryPrintPage} idleNotice={idleNotice} testKeyNotice={testKeyNotice} optionsOpen={optionsOpen} onOptionsToggle={onOptionsToggle} onAddStyleRule={onAddStyleRule} forbiddenExtras={forbiddenExtras} namedTemplates={{ list: namedTemplates, keep: keepTemplate }} />, root);
    stopWatchingChartForKey = effect(() => {
      if (chartStore.found.value || chartStore.chart.value?.identity.name) void testKeyNotice.chartRead();
    });
    const draft = openingDraft({
      findDraft: () => findDraft(bindingKey),
      siteOrigin: async () => {
        if (tabId === undefined) return undefined;
        const result = await requestBackground({ type: 'site:status', tabId }, SiteStatusSchema);
        return result.ok ? siteOriginOf(result.data) : undefined;
      },
      loadPreference: loadSitePreference,
      organisationDefault: async () => {
        const { policy } = await readManagedPolicy();
        return { specialty: policy.defaultSpecialty, template: policy.defaultTemplate };
      },
    });
    const settingsLoad = openingSettings ?? loadSettings();
    openingSettings = undefined;
    const [opening, chartDraft, settings] = await Promise.all([draft, loadChartDraft(bindingKey), settingsLoad]);
    styleRules.value = settings.styleRules;
    panelStore.hydrate(opening);
    // The specialty and template the clinician picks are remembered for this EHR site.
    stopRememberingSite = rememberSitePreferences({
      specialty: panelStore.specialty,
      template: panelStore.template,
      origin: () => siteOriginOf(chartStore.site.peek()),
      save: saveSitePreference,
    });
    await chartStore.hydrate(chartDraft, settings.omitPatientName, { readNow: idleNotice.peek() === undefined });
    // Text sent from the page with the context menu, while the panel was closed or since.
    const applyCaptures = async () => {
      for (const capture of await takeCaptures(bindingKey)) {
        if (capture.target === 'transcript') panelStore.appendTranscript(capture.text);
        else chartStore.appendHistory(capture.text);
      }
    };
    stopWatchingCaptures = watchCaptures(bindingKey, () => void applyCaptures());
    // A job from a recording that ended (note made, or failed and kept): the unfinished list changes.
    stopWatchingJobEnds = effect(() => {
      const status = panelStore.status.value;
      if (status === 'complete' || status === 'error' || status === 'cancelled') void unfinished.refresh();
    });
    await applyCaptures();
    await mappingStore.refresh();
    document.documentElement.dataset.ready = 'true';
    // Re-teach from the options page opens the panel already waiting for the clicks.
    const steps = mappingRequestOf(search);
    if (steps && next.pinned) void mappingStore.start(steps);
  }

  // A new page in the bound tab, or a single-page EHR that changed its address: read again. Listened
  // for before binding, so a navigation while the panel opens (a busy computer makes that window
  // long) is followed rather than missed; bind() sets `binding` and `chart` before its first wait.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (tabId !== binding?.tabId) return;
    // A new document reports its address while loading and then `complete`: read once, at `complete`
    // (reading at both read a cold page twice, doubling the reader's main-thread time on every load).
    // A single-page EHR's own navigation reports only its new address: read then.
    if (change.status === 'complete' || (change.url !== undefined && change.status !== 'loading')) void chart?.pageChanged();
  });

  const initial = await resolveBinding(search);
  await bind(initial);
  await followActiveTab(initial, (next) => void bind(next));

  // Nothing typed is lost when the panel closes: save at once, not after the usual short delay.
  // Clear all data (options page): stop saving at once, then start afresh once everything is gone.
  listenForDataClear(browser.runtime, {
    clearing: () => {
      activity.stop();
      store?.forget();
      chart?.dispose();
      stopRememberingSite?.();
    },
    cleared: () => location.reload(),
  });

  addEventListener('pagehide', () => {
    store?.flush();
    stopRememberingSite?.();
    // The page must not keep waiting for a click the closed panel would not hear of.
    void mapping?.cancel();
  });
  addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      store?.generate();
    }
  });
}

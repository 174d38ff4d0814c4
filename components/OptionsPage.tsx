import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ApiErrorInfo } from '@/lib/api/errors';
import { requestBackground, SiteListSchema, VaultStatusSchema, type VaultStatus } from '@/lib/messaging/request-background';
import { checkApiKeyFormat } from '@/lib/storage/api-key-format';
import {
  checkApiBaseUrl,
  DEFAULT_API_BASE_URL,
  DEFAULT_IDLE_TIMEOUT_MINUTES,
  IDLE_TIMEOUT_CHOICES,
  loadSettings,
  originPattern,
  saveSettings,
  type IdleTimeoutMinutes,
} from '@/lib/storage/settings';
import { describeIdleMinutes } from '@/lib/panel/idle-notice-text';
import { idleChoicesUnder, idleTimeoutUnder, NO_POLICY, readManagedPolicy, SET_BY_ORGANISATION, type PolicySettingName, type ReadPolicy } from '@/lib/storage/managed-policy';
import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { FieldMapList } from './FieldMapList';
import { lazyComponent } from './lazy-module';

// Loaded once the page is up: the options page's start-up code has a budget (test/packaging/bundle-budgets.ts).
const StyleRulesSettings = lazyComponent(() => import('./StyleRulesSettings').then((m) => m.StyleRulesSettings));
const ConsentSettings = lazyComponent(() => import('./ConsentSettings').then((m) => m.ConsentSettings));

export interface OptionsPageProps {
  /** Asks the browser for access to an API proxy's origin; must run inside the click. */
  requestOrigin(pattern: string): Promise<boolean>;
}

type Outcome = { tone: 'ok' | 'error'; text: string; nextStep?: string };

export function OptionsPage({ requestOrigin }: OptionsPageProps) {
  const keyInput = useSignal('');
  const baseUrl = useSignal(DEFAULT_API_BASE_URL);
  const idleMinutes = useSignal<IdleTimeoutMinutes>(DEFAULT_IDLE_TIMEOUT_MINUTES);
  const vault = useSignal<VaultStatus>({ hasKey: false });
  const outcome = useSignal<Outcome | undefined>(undefined);
  const busy = useSignal(false);
  const sites = useSignal<string[]>([]);
  /** The organisation's policy: what it sets is shown locked; what it got wrong is listed. */
  const policy = useSignal<ReadPolicy>(NO_POLICY);
  const managed = useSignal<readonly PolicySettingName[]>([]);
  const isManaged = (setting: PolicySettingName) => managed.value.includes(setting);
  /** Bumped by Clear all data, so the mapped-field list reads the (now empty) store again. */
  const clears = useSignal(0);
  const refreshSites = () =>
    requestBackground({ type: 'sites:list' }, SiteListSchema).then((r) => {
      if (r.ok) sites.value = r.data;
    });

  const readSettings = () =>
    Promise.all([loadSettings(), readManagedPolicy()]).then(([s, p]) => {
      baseUrl.value = s.apiBaseUrl;
      idleMinutes.value = s.idleTimeoutMinutes;
      managed.value = s.managed ?? [];
      policy.value = p;
    });

  useEffect(() => {
    void refreshSites();
    void readSettings();
    // A change of policy shows at once, without reopening the page.
    const onChanged = (_: unknown, area: string) => {
      if (area !== 'managed') return;
      void readSettings();
      void refreshSites();
    };
    browser.storage.onChanged.addListener(onChanged);
    void requestBackground({ type: 'vault:status' }, VaultStatusSchema).then((r) => {
      if (r.ok) vault.value = r.data;
      document.documentElement.dataset.ready = 'true';
    });
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const typedKind = keyInput.value.trim() ? checkApiKeyFormat(keyInput.value) : undefined;
  const kind = typedKind?.ok ? typedKind.kind : vault.value.kind;

  const fail = (error: ApiErrorInfo | { message: string; nextStep?: string }) =>
    (outcome.value = { tone: 'error', text: error.message, nextStep: error.nextStep });

  const save = async () => {
    const url = checkApiBaseUrl(baseUrl.value);
    if (!url.ok) return fail({ message: url.message });
    const key = keyInput.value.trim();
    if (key) {
      const check = checkApiKeyFormat(key);
      if (!check.ok) return fail({ message: check.message });
    } else if (!vault.value.hasKey) {
      return fail({ message: 'Enter your API key first.', nextStep: 'Find it in the SOAP Note API dashboard under API keys.' });
    }
    // The permission prompt must be the first thing the click does: browsers allow it only during a user gesture.
    if (url.origin !== new URL(DEFAULT_API_BASE_URL).origin) {
      const granted = await requestOrigin(originPattern(url.origin)).catch(() => false);
      if (!granted) {
        return fail({ message: `Chartside was not allowed to reach ${url.origin}.`, nextStep: 'Press Save again and choose Allow, or use the default API address.' });
      }
    }
    busy.value = true;
    try {
      // The organisation's address is used, never saved as the clinician's own.
      if (!isManaged('apiBaseUrl')) await saveSettings({ apiBaseUrl: url.url });
      baseUrl.value = url.url;
      if (key) {
        const saved = await requestBackground({ type: 'vault:save-key', apiKey: key }, VaultStatusSchema);
        if (!saved.ok) return fail(saved.error);
        vault.value = saved.data;
        keyInput.value = '';
      }
      outcome.value = { tone: 'ok', text: 'Saved.' };
    } finally {
      busy.value = false;
    }
  };

  const test = async () => {
    busy.value = true;
    outcome.value = { tone: 'ok', text: 'Testing the connection…' };
    const result = await requestBackground({ type: 'settings:test-connection' }, z.object({ connected: z.literal(true) }));
    busy.value = false;
    outcome.value = result.ok
      ? {
          tone: 'ok',
          text: 'Connected: the SOAP Note API accepted your key. It was sent an empty note request, which the API refuses after checking the key, so no note was made and nothing was billed.',
        }
      : { tone: 'error', text: result.error.message, nextStep: result.error.nextStep };
  };

  // Saved on change, apart from Save: it needs no key, and a choice that protects patients should not
  // wait for a second click.
  const chooseIdleTimeout = async (value: string) => {
    const minutes = IDLE_TIMEOUT_CHOICES.find((choice) => String(choice) === value);
    if (minutes === undefined) return;
    idleMinutes.value = idleTimeoutUnder(policy.value.policy, (await saveSettings({ idleTimeoutMinutes: minutes })).idleTimeoutMinutes);
    outcome.value = { tone: 'ok', text: `Patient data will be cleared after ${describeIdleMinutes(idleMinutes.value)} without activity.` };
  };

  const clearAll = async () => {
    if (!confirm('Delete everything Chartside keeps in this browser: settings, the saved API key, the sites it reads, mapped fields, drafts, notes, note history and recordings not yet made into notes?')) return;
    const result = await requestBackground({ type: 'data:clear-all' }, z.object({ cleared: z.literal(true) }));
    if (!result.ok) return fail(result.error);
    vault.value = { hasKey: false };
    baseUrl.value = DEFAULT_API_BASE_URL;
    idleMinutes.value = DEFAULT_IDLE_TIMEOUT_MINUTES;
    sites.value = [];
    clears.value += 1;
    // What the organisation sets is not the clinician's data: it stays.
    void readSettings();
    void refreshSites();
    outcome.value = { tone: 'ok', text: 'All Chartside data in this browser was deleted.' };
  };

  return (
    <main class="stack" style={{ maxWidth: '40rem', margin: '0 auto', padding: '1.5rem' }}>
      <h1>Chartside settings</h1>
      {(managed.value.length > 0 || policy.value.ignored.length > 0) && (
        <section class="stack" aria-labelledby="policy-heading">
          <h2 id="policy-heading">Your organisation’s settings</h2>
          {managed.value.length > 0 && <p class="hint">Your organisation set some of these settings through browser policy. They are marked “{SET_BY_ORGANISATION}” and cannot be changed here.</p>}
          {policy.value.ignored.length > 0 && (
            <div role="note" aria-labelledby="policy-ignored-heading" class="alert">
              <h3 id="policy-ignored-heading" style={{ margin: 0 }}>
                Policy values Chartside ignored
              </h3>
              <p>Your organisation’s policy has values Chartside cannot use. Each was ignored on its own; the rest of the policy applies. Tell your IT team:</p>
              <ul>
                {policy.value.ignored.map((note) => (
                  <li key={note.setting}>
                    <code>{note.setting}</code>: {note.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div>
          <label for="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={keyInput.value}
            placeholder={vault.value.masked ?? 'snapi_sk_test_… or snapi_sk_live_…'}
            aria-describedby="api-key-hint"
            onInput={(e) => (keyInput.value = e.currentTarget.value)}
          />
          <p id="api-key-hint" class="hint">
            {vault.value.hasKey ? `Saved key: ${vault.value.masked}. Enter a new key to replace it. ` : 'No key saved yet. '}
            {kind && <span class={`badge ${kind}`}>{kind === 'test' ? 'Test key' : 'Live key'}</span>}{' '}
            {kind === 'test' && 'Test keys generate real notes but are limited to 10 requests a day.'}
            {kind === 'live' && 'Live keys are billed per note.'}
            {policy.value.policy.allowedApiKeyKinds && ` Your organisation allows only ${policy.value.policy.allowedApiKeyKinds.map((k) => `${k} keys`).join(' and ')}.`}
          </p>
          {typedKind && !typedKind.ok && <p class="hint">{typedKind.message}</p>}
        </div>
        <div>
          <label for="api-base-url">API base URL</label>
          <input
            id="api-base-url"
            type="url"
            value={baseUrl.value}
            disabled={isManaged('apiBaseUrl')}
            onInput={(e) => (baseUrl.value = e.currentTarget.value)}
            aria-describedby={isManaged('apiBaseUrl') ? 'api-base-url-managed api-base-url-hint' : 'api-base-url-hint'}
          />
          {isManaged('apiBaseUrl') && (
            <p id="api-base-url-managed" class="hint managed">
              {SET_BY_ORGANISATION}
            </p>
          )}
          <p id="api-base-url-hint" class="hint">
            Leave as {DEFAULT_API_BASE_URL} unless your organisation runs a proxy. It must use https (plain http only for a proxy on this computer).
          </p>
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy.value}>
            Save
          </button>
          <button type="button" onClick={test} disabled={busy.value || (!vault.value.hasKey && !keyInput.value)}>
            Test connection
          </button>
        </div>
      </form>
      <p role="status" class={outcome.value?.tone === 'error' ? 'alert' : 'status'}>
        {outcome.value && [outcome.value.text, outcome.value.nextStep].filter(Boolean).join(' ')}
      </p>
      <section class="stack" aria-labelledby="sites-heading">
        <h2 id="sites-heading">Sites Chartside reads</h2>
        {sites.value.length === 0 ? (
          <p class="hint">None yet. Open a patient’s chart, open Chartside beside it and press Enable on this site.</p>
        ) : (
          <ul class="items">
            {sites.value.map((origin) => (
              <li key={origin} class="row">
                <span>{origin}</span>
                {policy.value.policy.enabledSites?.includes(origin) && <span class="hint managed">{SET_BY_ORGANISATION}</span>}
                <button
                  type="button"
                  disabled={policy.value.policy.enabledSites?.includes(origin) ?? false}
                  onClick={async () => {
                    const r = await requestBackground({ type: 'site:disable', origin }, z.object({ disabled: z.literal(true) }));
                    if (!r.ok) return fail(r.error);
                    outcome.value = { tone: 'ok', text: `Chartside no longer reads ${origin}.` };
                    await refreshSites();
                  }}
                >
                  Stop reading {origin}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ConsentSettings key={clears.value} onOutcome={(tone, text) => (outcome.value = { tone, text })} />
      <StyleRulesSettings key={clears.value} onOutcome={(tone, text) => (outcome.value = { tone, text })} />
      <FieldMapList key={clears.value} onOutcome={(tone, text) => (outcome.value = { tone, text })} />
      <section class="stack" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p class="hint">
          Transcripts, chart details and notes stay in this browser's memory, and are sent only to the API above. They are gone
          when the browser closes, or sooner, after the time chosen below without you using Chartside. Recordings not yet made
          into notes are kept, encrypted, until their note exists.
        </p>
        <div>
          <label for="idle-timeout">Clear patient data after</label>
          <select
            id="idle-timeout"
            value={String(idleMinutes.value)}
            disabled={isManaged('idleTimeoutMinutes')}
            aria-describedby={isManaged('idleTimeoutMinutes') || isManaged('maxIdleTimeoutMinutes') ? 'idle-timeout-managed idle-timeout-hint' : 'idle-timeout-hint'}
            onChange={(e) => void chooseIdleTimeout(e.currentTarget.value)}
          >
            {idleChoicesUnder(policy.value.policy).map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {describeIdleMinutes(minutes)}
              </option>
            ))}
          </select>
          {isManaged('idleTimeoutMinutes') && (
            <p id="idle-timeout-managed" class="hint managed">
              {SET_BY_ORGANISATION}
            </p>
          )}
          {!isManaged('idleTimeoutMinutes') && isManaged('maxIdleTimeoutMinutes') && (
            <p id="idle-timeout-managed" class="hint managed">
              {SET_BY_ORGANISATION}: at most {describeIdleMinutes(idleChoicesUnder(policy.value.policy).at(-1)!)}.
            </p>
          )}
          <p id="idle-timeout-hint" class="hint">
            Without activity in the side panel for this long, Chartside clears the transcript, chart details, notes and note history
            from the panel and this browser's memory. Never while a recording or a note is in progress. Settings, the key, sites and
            mapped fields stay.
          </p>
        </div>
        <div>
          <button type="button" onClick={clearAll} aria-describedby="clear-all-hint">
            Clear all data
          </button>
          <p id="clear-all-hint" class="hint">
            Deletes everything Chartside keeps in this browser: settings, the saved API key, access to the sites it reads, mapped
            fields, the cached specialty list, drafts, notes, note history and recordings not yet made into notes.
          </p>
        </div>
      </section>
    </main>
  );
}

/**
 * Launches Debian's Chromium with the e2e build of the extension loaded, and opens its pages.
 * Shared by the end-to-end suite, the demo and the benchmarks.
 */
import { chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_BUILD = path.resolve('.output/chrome-mv3-e2e');

/** A well-formed test key the emulator accepts. */
export const TEST_API_KEY = 'snapi_sk_test_chartsideE2E0001';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  background: Worker;
  /** The profile directory: named on the browser process's command line (how a benchmark finds its processes). */
  userDataDir: string;
  /**
   * Everything Chromium logged so far, the console of every context among it (service worker,
   * extension pages, content scripts, pages: `INFO:CONSOLE(…)] "…"` lines, uncaught errors too).
   * Still readable after close().
   */
  consoleOutput(): string;
  close(): Promise<void>;
}

export interface ChromiumLaunchOptions {
  headless?: boolean;
  extraArgs?: string[];
  /**
   * `host:port` of a proxy for every request not to loopback (test/support/offsite-request-sink.ts):
   * Chromium never proxies loopback, so the emulator and the fixture pages are reached directly.
   */
  offsiteProxy?: string;
  /**
   * Let pages make sound: Playwright launches Chromium with `--mute-audio`, under which every tab is
   * silent (a captured tab is all zeros) and none is ever `audible`. The call-audio suite needs both.
   */
  audible?: boolean;
  /**
   * The unpacked extension to load (default the e2e build). Chromium derives the extension's id from
   * this path, so a copy elsewhere is another id: the policy suite uses one, so that its policy
   * (keyed by id, read by every Chromium on the machine) reaches no other test's browser.
   */
  extensionDir?: string;
}

/**
 * The id Chromium gives an unpacked extension with no manifest `key`: the first 32 hex digits of the
 * SHA-256 of its absolute path, each digit 0–f written as a letter a–p. Known before launch, so a
 * switch naming the extension can be passed at launch.
 */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export async function launchChromiumWithExtension(options: ChromiumLaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? CHROME_BUILD;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No e2e build at ${extensionDir}: run \`npm run build:e2e\` first.`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'chartside-chromium-'));
  // No spell-check dictionary download on the first text field (the one request of its own Chromium makes then).
  mkdirSync(path.join(userDataDir, 'Default'));
  writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ browser: { enable_spellchecking: false }, spellcheck: { dictionaries: [], dictionary: '' } }));
  const logDir = mkdtempSync(path.join(tmpdir(), 'chartside-chromium-log-'));
  const logFile = path.join(logDir, 'chromium.log');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    ...(options.audible && { ignoreDefaultArgs: ['--mute-audio'] }),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // Chromium 137+ hides --load-extension behind the first switch; the others (Chromium 150's AI-mode
      // eligibility check, Aim*, and its preconnects to the search engine among them), with the sign-in and
      // component-update addresses below, silence Chromium's own calls home, so that any request to a
      // host off this machine is the extension's or a page's (test/support/offsite-request-sink.ts).
      '--disable-features=DisableLoadExtensionCommandLineSwitch,AutofillServerCommunication,NetworkTimeServiceQuerying,OptimizationHints,OptimizationHintsFetching,OptimizationGuideModelDownloading,OptimizationTargetPrediction,AimServerEligibility,AimEligibilityService,AiModeOmniboxEntryPoint,AimEnabled,PreconnectToSearch,PreconnectFromKeyedService',
      '--gaia-url=http://127.0.0.1:9',
      // Chromium 150 also preconnects to its Google base address and checks in with GCM at start-up.
      '--google-base-url=http://127.0.0.1:9',
      '--gcm-checkin-url=http://127.0.0.1:9',
      '--gcm-registration-url=http://127.0.0.1:9',
      '--gcm-mcs-endpoint=http://127.0.0.1:9',
      '--component-updater=url-source=http://127.0.0.1:9',
      '--optimization-guide-service-get-hints-url=https://127.0.0.1:9/',
      '--optimization-guide-service-get-models-url=https://127.0.0.1:9/',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // This machine has no network beyond loopback: no background traffic to time out on.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium's own log, to a file: it carries every context's console, the service worker's included,
      // which Playwright's console events do not.
      '--enable-logging',
      '--v=0',
      `--log-file=${logFile}`,
      ...(options.offsiteProxy ? [`--proxy-server=http://${options.offsiteProxy}`] : []),
      ...(options.extraArgs ?? []),
    ],
  });
  const background = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(background.url()).host;
  let closedLog: string | undefined;
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  return {
    context,
    extensionId,
    background,
    userDataDir,
    consoleOutput: () => closedLog ?? readLog(),
    async close() {
      await context.close();
      closedLog = readLog();
      rmSync(userDataDir, { recursive: true, force: true });
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

export function extensionUrl(ext: ExtensionBrowser, page: string): string {
  return `chrome-extension://${ext.extensionId}/${page}`;
}

/** Saves an API key and base URL through the options page, as a clinician would. */
export async function configureThroughOptions(ext: ExtensionBrowser, apiBaseUrl: string, apiKey = TEST_API_KEY): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(extensionUrl(ext, 'options.html'));
  await page.locator('html[data-ready="true"]').waitFor();
  await page.getByLabel('API key', { exact: true }).fill(apiKey);
  await page.getByRole('textbox', { name: 'API base URL', exact: true }).fill(apiBaseUrl);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.close();
}

/** The id Chromium gave a tab, found from the background by the tab's URL. */
export async function tabIdOf(ext: ExtensionBrowser, url: string): Promise<number> {
  return ext.background.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === target);
    if (tab?.id === undefined) throw new Error('tab not found');
    return tab.id;
  }, url);
}

/** Opens the side panel page bound to a tab, as the pop-out window does, and waits until it is ready. */
export async function openPanel(ext: ExtensionBrowser, tabId: number, page?: Page): Promise<Page> {
  const panel = page ?? (await ext.context.newPage());
  await panel.goto(extensionUrl(ext, `sidepanel.html?tabId=${tabId}`));
  await panel.locator('html[data-ready="true"]').waitFor();
  return panel;
}

/**
 * Stops the extension's service worker through DevTools (as Chrome does to an idle one: its timers
 * and memory are gone), speaking through `page`, and waits until DevTools says it has stopped.
 * Returns the worker's running states as DevTools reports them from then on (it keeps filling).
 */
export async function stopExtensionWorker(ext: ExtensionBrowser, page: Page): Promise<string[]> {
  const cdp = await ext.context.newCDPSession(page);
  const runningStatus: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${ext.extensionId}/`)) runningStatus.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => runningStatus.includes('stopped')).toBe(true);
  return runningStatus;
}

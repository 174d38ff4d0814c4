/**
 * Starts Firefox ESR over WebDriver BiDi (puppeteer-core) with the e2e build installed, its
 * moz-extension:// UUID pinned so tests know the extension's pages' addresses.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../manifest.config.ts';
import { showTranscript } from './firefox-panel-areas.ts';
import { waitForInPage } from './page-wait.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = path.resolve('.output/firefox-mv3-e2e');
export const EXTENSION_UUID = '7d0b3c52-4a7e-4d4b-9b8e-2f1c6a9e0c11';

export interface FirefoxExtension {
  browser: Browser;
  origin: string;
  /**
   * Everything Firefox printed so far: with `devtools.console.stdout.*` on, that is the console of every
   * context (background event page, extension pages, content scripts, pages), one `console.log: "…"`
   * line per call, uncaught errors too. Still readable after close().
   */
  consoleOutput(): string;
  close(): Promise<void>;
}

/**
 * `prefs`: extra Firefox preferences for one suite (a fake microphone, for instance). `offsiteProxy`:
 * `host:port` of a proxy for every request not to loopback (test/support/offsite-request-sink.ts);
 * Firefox never proxies loopback, so the emulator and the fixture pages are reached directly.
 */
export async function launchFirefoxWithExtension(options: { prefs?: Record<string, unknown>; offsiteProxy?: string; executablePath?: string } = {}): Promise<FirefoxExtension> {
  if (!existsSync(path.join(FIREFOX_BUILD, 'manifest.json'))) {
    throw new Error(`No e2e build at ${FIREFOX_BUILD}: run \`npm run build:e2e\` first.`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'chartside-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    // A copy of the browser's folder with a policies.json of its own (test/support/browser-policy.ts), or Debian's.
    executablePath: options.executablePath ?? FIREFOX_PATH,
    headless: true,
    userDataDir,
    // Firefox 138+ wants it for script in parent-process pages (evaluateInBrowserChrome's about:config).
    args: ['--remote-allow-system-access'],
    // Lets `services.settings.server` below take effect outside Mozilla's own test harness.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Host permissions of MV3 add-ons are opt-in in Firefox; the test build's loopback hosts are granted up front.
      'extensions.originControls.grantByDefault': true,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.shell.checkDefaultBrowser': false,
      // Firefox's own calls home, pointed nowhere (as Mozilla's own test harness does), so that any request
      // to a host off this machine is the extension's or a page's (test/support/offsite-request-sink.ts).
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      // Firefox ESR 140.12 checks for a captive portal at start-up (detectportal.firefox.com).
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // Every console call of every context to stdout, where consoleOutput() reads it.
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': true,
      ...(options.offsiteProxy && offsiteProxyPrefs(options.offsiteProxy)),
      ...options.prefs,
    },
  });
  let output = '';
  const collect = (chunk: Buffer | string) => void (output += String(chunk));
  browser.process()?.stdout?.on('data', collect);
  browser.process()?.stderr?.on('data', collect);
  await browser.installExtension(FIREFOX_BUILD);
  return {
    browser,
    origin: `moz-extension://${EXTENSION_UUID}`,
    consoleOutput: () => output,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function offsiteProxyPrefs(hostPort: string): Record<string, unknown> {
  const [host, port] = hostPort.split(':');
  return {
    'network.proxy.type': 1,
    'network.proxy.http': host,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': host,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.share_proxy_settings': true,
  };
}

/**
 * Opens an extension page. Navigations to moz-extension:// pages do not report load over BiDi,
 * so the page's own ready flag is what we wait for.
 */
export async function openExtensionPage(ext: FirefoxExtension, pagePath: string): Promise<Page> {
  const page = await ext.browser.newPage();
  void page.goto(`${ext.origin}/${pagePath}`).catch(() => undefined);
  // Poll rather than waitForSelector: while the moz-extension page is still replacing about:blank,
  // BiDi's script.evaluate can fail outright ("right-hand side of 'in' should be an object") instead
  // of waiting, which would end the wait early. A failed probe just means "not ready yet".
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await page.evaluate(() => document.documentElement.dataset.ready === 'true').catch(() => false);
    if (ready) return page;
    if (Date.now() > deadline) throw new Error(`${pagePath} did not become ready within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Saves the test key and the emulator's address through the options page, as a clinician would; the page stays open. */
export async function configureThroughOptions(ext: FirefoxExtension, apiBaseUrl: string, apiKey: string): Promise<Page> {
  const options = await openExtensionPage(ext, 'options.html');
  await (await options.waitForSelector('::-p-aria(API key)'))!.type(apiKey);
  const baseUrl = (await options.waitForSelector('::-p-aria(API base URL)'))!;
  await baseUrl.click({ count: 3 });
  await baseUrl.type(apiBaseUrl);
  await (await options.waitForSelector('::-p-aria(Save[role="button"])'))!.click();
  await waitForInPage(options, () => document.querySelector('[role="status"]')?.textContent?.includes('Saved.'));
  return options;
}

/** The id of the tab showing `url`, as the toolbar button would know it (asked from an extension page). */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number | undefined> {
  return extensionPage.evaluate(async (wanted: string) => {
    const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser;
    return (await api.tabs.query({})).find((t) => t.url === wanted)?.id;
  }, url);
}

/** Clicks the button named `name` (its accessible name), once it is there. */
export async function click(page: Page, name: string, timeout = 15_000): Promise<void> {
  await (await page.waitForSelector(`::-p-aria(${name}[role="button"])`, { timeout }))!.click();
}

/** Polls `probe` until it is true; a probe that throws counts as "not yet" (see openExtensionPage). */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every `role` element's text on the page, joined with " | " ('' when there is none). */
export function textOfRole(page: Page, role: 'status' | 'alert'): Promise<string> {
  return page.evaluate((r: string) => Array.from(document.querySelectorAll(`[role="${r}"]`)).map((s) => s.textContent ?? '').join(' | '), role);
}

/** Whether the alert holds a button of exactly this text. */
export function alertButton(panel: Page, name: string): Promise<boolean> {
  return panel.evaluate((n: string) => Array.from(document.querySelectorAll('[role="alert"] button')).some((b) => b.textContent?.trim() === n), name);
}

/** Clicks the alert's button of exactly this text (an aria selector cannot hold the parentheses of "(may bill again)"). */
export function clickAlertButton(panel: Page, name: string): Promise<void> {
  return panel.evaluate((n: string) => {
    const button = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="alert"] button')).find((b) => b.textContent?.trim() === n);
    if (!button) throw new Error(`no alert button ${n}`);
    button.click();
  }, name);
}

export const NOTE_SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;

/** The note as the panel shows it, keyed like the fixtures' `__fixture.state()` (lower-case section names). */
export function panelSections(panel: Page): Promise<Record<string, string>> {
  return panel.evaluate(
    (names: readonly string[]) =>
      Object.fromEntries(names.map((n) => [n.toLowerCase(), (document.querySelector(`textarea[aria-label="${n}"]`) as HTMLTextAreaElement | null)?.value ?? ''])),
    NOTE_SECTIONS,
  );
}

/** A fixture page's own editor model, from its `__fixture.state()` (keyed like panelSections). */
export function fixtureState(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => (window as unknown as { __fixture: { state(): Record<string, string> } }).__fixture.state());
}

/** Types the transcript into the panel and presses Generate note. */
export async function generate(panel: Page, transcript: string): Promise<void> {
  await showTranscript(panel); // folded to a line once a note exists
  await (await panel.waitForSelector('::-p-aria(Transcript)'))!.type(transcript);
  await click(panel, 'Generate note');
}

/**
 * Opens `url` in a new tab and the panel bound to that tab (as the pop-out window is); `settings`
 * is any open extension page (it asks for the tab's id).
 */
export async function openChartWithPanel(ext: FirefoxExtension, settings: Page, url: string): Promise<{ chart: Page; panel: Page }> {
  const chart = await ext.browser.newPage();
  await chart.goto(url);
  const tabId = await tabIdOf(settings, url);
  if (tabId === undefined) throw new Error(`no tab shows ${url}`);
  return { chart, panel: await openExtensionPage(ext, `sidepanel.html?tabId=${tabId}`) };
}

type BiDiConnection = { send(method: string, params: object): Promise<{ result: any }> };

function bidiOf(ext: FirefoxExtension): BiDiConnection {
  return (ext.browser as unknown as { connection: BiDiConnection }).connection;
}

/**
 * A background tab showing about:config, kept for the browser's life. Firefox's about: pages run
 * with the system principal, so script there sees `Services` and `WebExtensionPolicy`. Firefox ESR
 * 140's WebDriver BiDi has no way into the browser window itself (`browsingContext.getTree` ignores
 * `moz:scope: chrome`, which later Firefox added), and Marionette's chrome context cannot be had
 * beside puppeteer's BiDi session ("Maximum number of active sessions"). In the background, the tab
 * never becomes the active tab a panel or the toolbar button would follow.
 */
const privilegedContexts = new WeakMap<Browser, Promise<string>>();

function privilegedContextOf(ext: FirefoxExtension): Promise<string> {
  let context = privilegedContexts.get(ext.browser);
  if (!context) {
    context = openPrivilegedTab(bidiOf(ext));
    privilegedContexts.set(ext.browser, context);
  }
  return context;
}

async function openPrivilegedTab(bidi: BiDiConnection): Promise<string> {
  const { result: created } = await bidi.send('browsingContext.create', { type: 'tab', background: true });
  const context: string = created.context;
  // about: pages do not report load over BiDi (as moz-extension pages do not): wait for the privileged global instead.
  await bidi.send('browsingContext.navigate', { context, url: 'about:config', wait: 'none' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const probe = await bidi
      .send('script.evaluate', { expression: 'typeof WebExtensionPolicy', target: { context }, awaitPromise: false })
      .catch(() => undefined);
    if (probe?.result?.result?.value === 'function') return context;
    if (Date.now() > deadline) throw new Error('about:config did not load with system privileges within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `expression` (privileged JavaScript, may be async) with Firefox's system principal, in the
 * about:config tab above. `policy` there is Chartside's WebExtensionPolicy. Also where Firefox's
 * preferences are changed while it runs (`Services.prefs`, as test/support/firefox-axe.ts switches
 * the colour scheme).
 */
export async function evaluateInBrowserChrome(ext: FirefoxExtension, expression: string): Promise<unknown> {
  const context = await privilegedContextOf(ext);
  const { result } = await bidiOf(ext).send('script.evaluate', {
    expression: `(async () => { const policy = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}); ${expression} })()`,
    target: { context },
    awaitPromise: true,
  });
  if (result.type !== 'success') throw new Error(`chrome evaluate failed: ${JSON.stringify(result.exceptionDetails?.text ?? result)}`);
  return result.result?.value;
}

/** The event page's state as Firefox tracks it: 'running', 'suspending', 'stopped', … */
export async function backgroundState(ext: FirefoxExtension): Promise<string> {
  return String(await evaluateInBrowserChrome(ext, 'return String(policy.extension.backgroundState);'));
}

/**
 * Stops the background event page now, as Firefox does to an idle one (its timers and memory are
 * gone; persistent listeners such as alarms and runtime.onConnect wake it again): Firefox's own
 * `Extension.terminateBackground()`, which its test harness uses for the same purpose, told not to
 * wait for listener promises still pending (the idle timer's reason to postpone). Throws unless the
 * page was stopped.
 */
export async function terminateBackground(ext: FirefoxExtension): Promise<void> {
  const state = await evaluateInBrowserChrome(
    ext,
    'await policy.extension.terminateBackground({ disableResetIdleForTest: true }); return String(policy.extension.backgroundState);',
  );
  if (state !== 'stopped') throw new Error(`the background event page was not stopped (it is ${String(state)})`);
}

/** Sets the Transcript box as a paste would (typing emoji key by key is not what a clinician does either). */
export async function pasteTranscript(panel: Page, text: string): Promise<void> {
  await panel.waitForSelector('::-p-aria(Transcript)');
  await panel.evaluate((t: string) => {
    const box = document.getElementById('transcript') as HTMLTextAreaElement;
    box.value = t;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

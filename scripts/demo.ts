/**
 * `npm run demo`: Chartside end to end on this machine, with no account and no network.
 *
 * Builds the test build of the extension, starts the SOAP Note API emulator and the sample EHR page,
 * opens Chromium with the extension, configures it through its options page, enables the sample EHR
 * site in the panel's Patient context and prints what it read from the (made-up) patient's chart,
 * writes a note from a sample transcript with that context, copies it and prints what was copied,
 * then presses Insert all and prints what each of the chart's note fields holds, and Undo insert and
 * shows them empty again. It exits non-zero if any of that did not happen.
 * Screenshots go to demo-output/ (or --out DIR).
 *
 * Runs under Node 22's type stripping: erasable syntax only, `.ts` in relative imports.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import type { Emulator } from '../test/emulator/server.ts';
import type { FixtureServer } from '../test/fixtures/serve-fixtures.ts';
import type { ExtensionBrowser } from '../test/support/chromium-extension.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `Usage: npm run demo -- [options]
       node scripts/demo.ts [options]

Runs Chartside end to end against the local SOAP Note API emulator: builds the
test build of the extension, opens Chromium with it, lets the panel read the sample
chart's made-up patient, writes a note with that context, copies it and prints it,
inserts it into the chart's note fields and prints what they hold, undoes the insert
and shows them empty again, and saves screenshots.

Options:
  --headless   Run Chromium without a window (the default when no display is set:
               neither DISPLAY nor WAYLAND_DISPLAY).
  --no-build   Skip \`npm run build:e2e\` and use the build in .output/chrome-mv3-e2e/.
  --out DIR    Where to save the screenshots (default: demo-output/ in the repository).
  -h, --help   Show this help.

Headed, the browser stays open at the end until you press Ctrl+C.
Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

/** A made-up visit for the sample chart's made-up patient. */
const SAMPLE_TRANSCRIPT =
  'This is a made-up demo visit. ' +
  'Maria Alvarez reports she has taken lisinopril and metformin every day since her last visit and walks about twenty minutes most evenings. ' +
  'She states her morning headaches are less frequent and denies chest pain, shortness of breath or blurred vision. ' +
  'She reports fasting sugars at home between 130 and 160. ' +
  'She states she is allergic to penicillin, which gives her a rash. ' +
  'Blood pressure today 142/88, pulse 76, weight 82 kg, down 2 kg from March. ' +
  'Foot exam: intact sensation to monofilament, no ulcers. ' +
  'Last A1c 7.4 percent. ' +
  'Impression: hypertension not at goal; type 2 diabetes improving but still above target. ' +
  'Increase lisinopril to 20 mg daily. ' +
  'Continue metformin 500 mg twice daily. ' +
  'Basic metabolic panel in two weeks and recheck blood pressure in one month. ' +
  'Follow up in three months with a repeat A1c.';
const SPECIALTY_LABEL = 'Nurse Practitioner';
const NOTE_READY = 'Note ready. Review and edit it before you use it.';
const SCREENSHOTS = [
  'panel-context.png',
  'panel-streaming.png',
  'panel-note.png',
  'chart.png',
  'chart-inserted.png',
  'chart-undone.png',
  'options.png',
];
const TOTAL_STEPS = 8;
/** The sample chart's note fields, as its page labels them (each a legend over a textarea). */
const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;

/** A failure with a plain next step for the person running the demo. */
class DemoError extends Error {
  hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

// ── Arguments ──────────────────────────────────────────────────────────────────────────────────

interface Args {
  build: boolean;
  headless: boolean;
  headlessReason: string;
  out: string;
}

function parseCommandLine(argv: string[]): Args | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      headless: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      out: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new DemoError(`Unexpected argument: ${positionals[0]}`, 'See npm run demo -- --help.');
  if (values.out === '') throw new DemoError('--out needs a folder.', 'For example: npm run demo -- --out /tmp/chartside-demo');
  const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = Boolean(values.headless) || !display;
  return {
    build: !values['no-build'],
    headless,
    headlessReason: values.headless ? '--headless' : display ? 'a display is available' : 'no DISPLAY or WAYLAND_DISPLAY set',
    out: path.resolve(values.out ?? path.join(ROOT, 'demo-output')),
  };
}

// ── Output ─────────────────────────────────────────────────────────────────────────────────────

let stepNumber = 0;
let stepTitle = '';
let stepStarted = 0;

function step(title: string): void {
  stepNumber += 1;
  stepTitle = title;
  stepStarted = Date.now();
  console.log(`\n[${stepNumber}/${TOTAL_STEPS}] ${title}`);
}

function info(line: string): void {
  console.log(`      ${line}`);
}

function elapsed(): string {
  return `${((Date.now() - stepStarted) / 1000).toFixed(1)} s`;
}

// ── Resources, and cleaning them up ────────────────────────────────────────────────────────────

const resources: { ext?: ExtensionBrowser; emulator?: Emulator; ehr?: FixtureServer } = {};
let cleaning: Promise<void> | undefined;

function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    const { ext, emulator, ehr } = resources;
    if (ext) await withTimeout(ext.close(), 10_000);
    if (emulator) await withTimeout(emulator.close(), 5_000);
    if (ehr) await withTimeout(ehr.close(), 5_000);
  })();
  return cleaning;
}

/** Resolves when the user presses Ctrl+C (or the process is asked to stop) or closes the browser. */
let keepingOpen = false;
let stopRequested: ((why: string) => void) | undefined;

function onSignal(signal: NodeJS.Signals): void {
  if (keepingOpen && stopRequested) {
    stopRequested(signal);
    return;
  }
  console.error(`\n${signal === 'SIGINT' ? 'Ctrl+C' : signal}: stopping the demo and closing the browser…`);
  void cleanup().then(() => process.exit(130));
}

// ── Steps ──────────────────────────────────────────────────────────────────────────────────────

function runNpmScript(script: string): Promise<void> {
  // Under `npm run`, npm_execpath is npm's own CLI: run it with this Node, whatever PATH says.
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && /\.(c?js|mjs)$/.test(npmCli) ? [process.execPath, [npmCli, 'run', script]] : ['npm', ['run', script]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) =>
      reject(new DemoError(`Could not start npm: ${error.message}`, 'Put Node 22 and npm on PATH, or build yourself with npm run build:e2e and pass --no-build.')),
    );
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new DemoError(
            `npm run ${script} failed (${signal ? `killed by ${signal}` : `exit code ${code}`}).`,
            'Fix the build errors printed above, then run npm run demo again. If modules are missing, run npm install first.',
          ),
        );
    });
  });
}

function checkDependencies(): void {
  for (const dep of ['@playwright/test', 'wxt']) {
    if (!existsSync(path.join(ROOT, 'node_modules', dep, 'package.json'))) {
      throw new DemoError(`The dependency ${dep} is not installed.`, `Run npm install in ${ROOT}, then npm run demo again.`);
    }
  }
}

/** Places a headed window on the screen (best effort: the demo does not depend on it). */
async function placeWindow(ext: ExtensionBrowser, page: Page, left: number, top: number): Promise<void> {
  try {
    const cdp = await ext.context.newCDPSession(page);
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left, top, windowState: 'normal' } });
    await cdp.detach();
  } catch {
    // A window manager may refuse; the pages still work.
  }
}

async function screenshot(page: Page, out: string, name: string, fullPage = false): Promise<string> {
  const file = path.join(out, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Waits for the status line to match, failing early with the panel's alert if one appears. */
async function waitForStatus(panel: Page, pattern: RegExp, what: string, timeoutMs: number): Promise<void> {
  const status = panel.getByRole('status').filter({ hasText: pattern });
  const alert = panel.getByRole('alert').filter({ hasText: /\S/ });
  const winner = await Promise.race([
    status.first().waitFor({ timeout: timeoutMs }).then(() => 'status' as const),
    alert.first().waitFor({ timeout: timeoutMs }).then(() => 'alert' as const),
  ]).catch(() => 'timeout' as const);
  if (winner === 'status') return;
  if (winner === 'alert') {
    const text = (await alert.first().innerText()).trim().replace(/\s+/g, ' ');
    throw new DemoError(`The panel showed an error while waiting for ${what}: "${text}"`, 'Read the error above; run the demo again once it is fixed.');
  }
  const now = (await panel.getByRole('status').first().innerText().catch(() => '')).trim();
  throw new DemoError(
    `Timed out after ${timeoutMs / 1000} s waiting for ${what} (the status line says: "${now || '(nothing)'}").`,
    'Look at the panel screenshot below, then run the demo again.',
  );
}

/** One line of the Patient context region: its checkbox label, whether it is checked (= sent), where it was read. */
interface ContextLine {
  text: string;
  sent: boolean;
  source: string;
}

/** What the Patient context region shows after reading a chart, as the clinician sees it. */
interface ReadContext {
  /** The bold line at the top: the patient's name, then DOB and MRN when the chart shows them. */
  heading: string;
  /** "Read by the general chart reader. …" */
  reader: string;
  groups: { title: string; lines: ContextLine[] }[];
}

/** Reads the Patient context region's checkboxes back from the panel, grouped as the panel groups them. */
async function readContextRegion(panel: Page): Promise<ReadContext> {
  return panel.evaluate(() => {
    const region = document.querySelector('section[aria-label="Patient context"]');
    if (!region) throw new Error('The panel has no Patient context region.');
    const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const linesOf = (list: Element) =>
      [...list.querySelectorAll(':scope > li')].map((li) => ({
        text: clean(li.querySelector('label.checkbox span')?.textContent),
        sent: Boolean(li.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked),
        source: clean(li.querySelector('.source')?.textContent),
      }));
    const groups: { title: string; lines: ContextLine[] }[] = [];
    // The patient's own lines (name, age, gender) sit in a list outside the fieldsets.
    for (const list of region.querySelectorAll('ul.items')) {
      const fieldset = list.closest('fieldset');
      const title = fieldset ? clean(fieldset.querySelector('legend')?.textContent) : 'Patient';
      groups.push({ title, lines: linesOf(list) });
    }
    // The panel writes a (visually hidden) separator between the name and its facts, as a screen reader hears it.
    const heading = clean(region.querySelector('p.identity')?.textContent);
    const reader = clean([...region.querySelectorAll('p.hint')].find((p) => /^Read by/.test(clean(p.textContent)))?.textContent);
    return { heading, reader, groups };
  });
}

/** Prints what the panel read, grouped, with a mark for what is sent with the transcript. */
function printContext(read: ReadContext): void {
  info(`read: ${read.heading}`);
  const width = Math.max(...read.groups.map((g) => g.title.length));
  const textWidth = Math.max(...read.groups.flatMap((g) => g.lines.map((l) => l.text.length)));
  for (const group of read.groups) {
    group.lines.forEach((line, i) => {
      const title = i === 0 ? group.title : '';
      const text = line.source ? `${line.text.padEnd(textWidth)}  (${line.source})` : line.text;
      info(`  ${title.padEnd(width)}  [${line.sent ? 'x' : ' '}] ${text}`);
    });
  }
  const all = read.groups.flatMap((g) => g.lines);
  const sent = all.filter((l) => l.sent).length;
  info(
    `[x] = checked, sent with the transcript: ${sent} of ${all.length}` +
      (sent < all.length ? ` (not sent: ${all.filter((l) => !l.sent).map((l) => l.text).join('; ')})` : ''),
  );
}

/** One note field of the sample chart, read from the chart's own page: its label and what it holds. */
interface ChartField {
  label: string;
  value: string;
}

/** Reads every note field of the sample chart from its DOM, so what is printed is what the EHR holds. */
async function readChartFields(chart: Page): Promise<ChartField[]> {
  return chart.evaluate(() =>
    [...document.querySelectorAll('form#soap fieldset')].map((fieldset) => ({
      label: (fieldset.querySelector('legend')?.textContent ?? '').trim(),
      value: fieldset.querySelector('textarea')?.value ?? '',
    })),
  );
}

/** Prints each field, its text indented under its label (or "(empty)"). */
function printChartFields(fields: ChartField[]): void {
  const width = Math.max(...fields.map((f) => f.label.length));
  for (const { label, value } of fields) {
    const lines = value.trimEnd().split('\n');
    if (!value.trim()) {
      info(`${label.padEnd(width)}  (empty)`);
      continue;
    }
    info(`${label.padEnd(width)}  ${lines[0]}`);
    for (const line of lines.slice(1)) info(`${''.padEnd(width)}  ${line}`);
  }
}

/**
 * Polls the chart's fields until `done` holds for all four or the time is up, and returns the last
 * read: the panel's report can arrive a moment before (or after) the page's own fields settle.
 */
async function waitForChartFields(chart: Page, done: (fields: ChartField[]) => boolean, timeoutMs: number): Promise<ChartField[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const fields = await readChartFields(chart);
    if (done(fields) || Date.now() > until) return fields;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The sample chart's four note fields, in order, or a failure naming what the page had instead. */
function checkFieldLabels(fields: ChartField[]): void {
  const labels = fields.map((f) => f.label).join(', ');
  if (labels !== SECTIONS.join(', ')) {
    throw new DemoError(
      `The sample chart's note fields are "${labels || '(none)'}", not ${SECTIONS.join(', ')}.`,
      'test/fixtures/ehr/sample-chart.html has changed: put its four SOAP fields back, or update the demo.',
    );
  }
}

/** Where the panel was photographed when the demo failed, if it got that far. */
let errorScreenshot: string | undefined;

async function main(args: Args): Promise<void> {
  let panelForErrors: Page | undefined;
  try {
    // 1 ─ Build
    step(args.build ? 'Building the test build of the extension (npm run build:e2e)' : 'Using the existing test build of the extension (--no-build)');
    checkDependencies();
    if (args.build) {
      await runNpmScript('build:e2e');
      info(`built in ${elapsed()}`);
    } else {
      info('build skipped: using .output/chrome-mv3-e2e/ as it is');
    }

    // The shared helpers resolve the build from the working directory.
    process.chdir(ROOT);
    const { startEmulator } = await import('../test/emulator/server.ts');
    const { serveFixtures } = await import('../test/fixtures/serve-fixtures.ts');
    const { CHROMIUM_PATH, CHROME_BUILD, configureThroughOptions, extensionUrl, launchChromiumWithExtension, openPanel, tabIdOf } =
      await import('../test/support/chromium-extension.ts');
    if (!existsSync(path.join(CHROME_BUILD, 'manifest.json'))) {
      throw new DemoError(
        `There is no test build at ${CHROME_BUILD}.`,
        args.build ? 'The build did not produce it: check the build output above.' : 'Run the demo without --no-build, or run npm run build:e2e first.',
      );
    }
    mkdirSync(args.out, { recursive: true });

    // 2 ─ Emulator and sample EHR
    step('Starting the SOAP Note API emulator and the sample EHR page');
    resources.emulator = await startEmulator();
    // Small, slightly slow chunks, so the note is seen streaming in.
    resources.emulator.setFaults({ chunkSize: 16, chunkDelayMs: 25 });
    resources.ehr = await serveFixtures();
    const { emulator, ehr } = resources;
    info(`API emulator:  ${emulator.url}  (no account, no network; every note is marked [Chartside API emulator])`);
    info(`Sample chart:  ${ehr.url}/sample-chart.html  (Maria Alvarez — a made-up patient)`);

    // 3 ─ Chromium
    step(`Launching Chromium with the extension — ${args.headless ? 'headless' : 'headed'} (${args.headlessReason})`);
    if (!existsSync(CHROMIUM_PATH)) {
      throw new DemoError(
        `Chromium not found at ${CHROMIUM_PATH}.`,
        'Install it (Debian/Ubuntu: sudo apt-get install chromium), or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      );
    }
    try {
      resources.ext = await launchChromiumWithExtension({ headless: args.headless });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!args.headless && /display|x server|ozone|wayland/i.test(message)) {
        throw new DemoError(`Chromium could not open a window: ${firstLine(message)}`, 'Run npm run demo -- --headless, or check DISPLAY / WAYLAND_DISPLAY.');
      }
      if (/serviceworker/i.test(message)) {
        throw new DemoError(
          `Chromium started, but the extension's background did not (${firstLine(message)}).`,
          'The build may be broken or was being rebuilt: run npm run demo again without --no-build. On a very busy machine, just run it again.',
        );
      }
      throw new DemoError(
        `Chromium did not start with the extension: ${firstLine(message)}`,
        `Check that ${CHROMIUM_PATH} runs (${CHROMIUM_PATH} --version)${args.headless ? '' : ', or try --headless'}.`,
      );
    }
    const ext = resources.ext;
    // Playwright's own Ctrl+C handler would kill Chromium and exit at once, leaving the emulator, the
    // sample EHR server and the profile folder behind; this script's handler closes everything in order.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (listener !== onSignal) process.removeListener(signal, listener);
    }
    info(`${CHROMIUM_PATH}, extension id ${ext.extensionId}`);

    // 4 ─ Configure, open the chart and the panel
    step('Configuring the extension and opening the sample chart with the side panel');
    await configureThroughOptions(ext, emulator.url);
    info(`options page: API base URL ${emulator.url}, test API key saved`);
    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 700 });
    await options.goto(extensionUrl(ext, 'options.html'));
    await options.locator('html[data-ready="true"]').waitFor();
    await screenshot(options, args.out, 'options.png');
    await options.close();

    // The persistent context starts with one blank tab: the chart goes there.
    const chart = ext.context.pages().find((p) => p.url() === 'about:blank') ?? (await ext.context.newPage());
    await chart.setViewportSize({ width: 1280, height: 800 });
    await chart.goto(`${ehr.url}/sample-chart.html`);
    const tabId = await tabIdOf(ext, chart.url());
    // Copy is read back from the chart's page: extension origins cannot be granted clipboard access.
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(chart.url()).origin });

    let panel: Page;
    if (args.headless) {
      panel = await openPanel(ext, tabId);
    } else {
      // Its own window beside the chart, as the panel's Pop out button does.
      const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
      await ext.background.evaluate(() => chrome.windows.create({ url: 'about:blank', type: 'popup', width: 480, height: 900 }));
      panel = await opened;
      panel = await openPanel(ext, tabId, panel);
      await placeWindow(ext, chart, 0, 0);
      await placeWindow(ext, panel, 1290, 0);
    }
    panelForErrors = panel;
    await panel.setViewportSize({ width: 480, height: 900 });
    info(`chart in tab ${tabId}; panel bound to it (sidepanel.html?tabId=${tabId})`);

    // 5 ─ Read the chart, then write a note
    step(`Reading the sample chart into the panel, then writing a note (specialty "${SPECIALTY_LABEL}")`);
    const region = panel.getByRole('region', { name: 'Patient context', exact: true });
    const enable = region.getByRole('button', { name: 'Enable on this site', exact: true });
    await enable.waitFor({ timeout: 10_000 }).catch(async () => {
      const shown = (await region.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      throw new DemoError(
        `The panel's Patient context did not offer "Enable on this site" (it shows: "${shown || '(nothing)'}").`,
        'Look at the panel screenshot below, then run the demo again.',
      );
    });
    const readStarted = Date.now();
    await enable.click();
    // Read: the patient's lines appear. Or the region says it found nothing, or shows an alert.
    const outcome = await Promise.race([
      // Read: the region folds what it read to a count, with Review to see each line.
      region.getByRole('button', { name: 'Review', exact: true }).waitFor({ timeout: 15_000 }).then(() => 'read' as const),
      region.getByText(/^No chart was found/).first().waitFor({ timeout: 15_000 }).then(() => 'nothing' as const),
      region.getByRole('alert').first().waitFor({ timeout: 15_000 }).then(() => 'alert' as const),
    ]).catch(() => 'timeout' as const);
    if (outcome !== 'read') {
      const shown =
        outcome === 'alert'
          ? (await region.getByRole('alert').first().innerText()).replace(/\s+/g, ' ').trim()
          : (await region.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      throw new DemoError(
        outcome === 'nothing'
          ? 'The panel found no chart on the sample page.'
          : outcome === 'alert'
            ? `The panel could not read the sample chart: "${shown}"`
            : `Timed out after 15 s waiting for the panel to read the sample chart (it shows: "${shown}").`,
        'Look at the panel screenshot below, then run the demo again.',
      );
    }
    const read = await readContextRegion(panel);
    info(`"Enable on this site" pressed for ${new URL(chart.url()).origin}; chart read in ${((Date.now() - readStarted) / 1000).toFixed(1)} s`);
    if (read.reader) info(read.reader);
    printContext(read);
    // The picture shows every line with its checkbox: Review unfolds them, and folds them again after.
    const review = region.getByRole('button', { name: 'Review', exact: true });
    await review.click();
    await region.screenshot({ path: path.join(args.out, 'panel-context.png') });
    await review.click();
    // What the chart says about the patient's age and gender, to find again in the note.
    const patientLines = read.groups.find((g) => g.title === 'Patient')?.lines ?? [];
    const ageLine = patientLines.find((l) => /^\d+ years? old$/.test(l.text));
    // The other line there is the name, which also heads the region.
    const genderLine = patientLines.find((l) => l !== ageLine && !read.heading.startsWith(l.text));
    if (!ageLine?.sent || !genderLine?.sent) {
      throw new DemoError(
        "The panel did not read the sample patient's age and gender, or left them unchecked.",
        'Look at panel-context.png, then run the demo again.',
      );
    }
    // The panel shows gender as the chart writes it ("Female"); the request carries it lower-cased.
    const expectedOpening = `${Number.parseInt(ageLine.text, 10)}-year-old ${genderLine.text.toLowerCase()}.`;

    const transcriptBox = panel.getByRole('textbox', { name: 'Transcript', exact: true });
    if (args.headless) await transcriptBox.fill(SAMPLE_TRANSCRIPT);
    else {
      await transcriptBox.click();
      await transcriptBox.pressSequentially(SAMPLE_TRANSCRIPT, { delay: 4 });
    }
    info(`transcript: ${SAMPLE_TRANSCRIPT.length} characters (a made-up visit); Generate note`);
    const noteOptions = panel.getByRole('button', { name: 'Note options', exact: true });
    if ((await noteOptions.getAttribute('aria-expanded')) === 'false') await noteOptions.click();
    await panel.getByRole('combobox', { name: 'Specialty', exact: true }).selectOption({ label: SPECIALTY_LABEL }, { timeout: 15_000 });
    const started = Date.now();
    await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
    await waitForStatus(panel, /^Writing the note/, 'the note to start streaming', 30_000);
    // Let part of the note arrive first, so the picture shows it streaming in.
    await panel
      .getByRole('status')
      .filter({ hasText: /^(Writing the note: (Objective|Assessment|Plan)|Note ready)/ })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    // The panel as it is: the note streams in at the top, the actions below it (nothing to scroll).
    await screenshot(panel, args.out, 'panel-streaming.png');
    info(`streaming… screenshot taken (${(await panel.getByRole('status').first().innerText()).trim()})`);
    await waitForStatus(panel, new RegExp(`^${escapeRegExp(NOTE_READY)}$`), '"Note ready"', 60_000);
    info(`note ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const request = emulator.requests.find((r) => r.path === '/v1/stream/note');
    const sentInfo = (request?.body as { context?: { patient_info?: Record<string, unknown> } } | undefined)?.context?.patient_info;
    if (sentInfo) {
      const sentFields = Object.entries(sentInfo)
        .map(([key, value]) => (Array.isArray(value) ? `${key} (${value.length})` : `${key} ${JSON.stringify(value)}`))
        .join(', ');
      info(`the API received context.patient_info: ${sentFields}`);
    } else {
      info('the API received no patient context');
    }
    await transcriptBox.evaluate((box) => (box.scrollTop = 0));
    await screenshot(panel, args.out, 'panel-note.png', true);
    await screenshot(chart, args.out, 'chart.png');

    // 6 ─ Copy
    step('Copy note, and reading the clipboard back');
    await panel.getByRole('button', { name: 'Copy note', exact: true }).click();
    await panel.getByText('Copied', { exact: true }).first().waitFor({ timeout: 5_000 }).catch(() => {
      throw new DemoError('The panel did not confirm the copy ("Copied" never appeared).', 'Look at the panel screenshot below, then run the demo again.');
    });
    await chart.bringToFront();
    const copied = await chart.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      if (!item) return '';
      return await (await item.getType('text/plain')).text();
    });
    if (!copied.trim()) throw new DemoError('The clipboard was empty after Copy note.', 'Look at the panel screenshot below, then run the demo again.');
    if (!args.headless) await panel.bringToFront();

    console.log('\n──────── The copied note (plain text) ────────');
    console.log(copied.trimEnd());
    console.log('──────────────────────────────────────────────');

    // The emulator opens Subjective with sentences built from the context it received.
    const subjective = /^Subjective:?[ \t]*\n+[ \t]*(?:\[Chartside API emulator\]\s*)?([^\n]*)/im.exec(copied)?.[1] ?? '';
    if (!subjective.startsWith(expectedOpening)) {
      throw new DemoError(
        `The note's Subjective does not open with "${expectedOpening}", the age and gender read from the chart (it opens: "${subjective.slice(0, 80)}").`,
        'The patient context did not reach the API: run npm run test:e2e to see which part is broken.',
      );
    }
    console.log(`\nThe chart's context reached the API: Subjective opens "${expectedOpening}" (age and gender as read from the chart).`);

    // 7 ─ Insert all
    step('Insert all into the sample chart, and reading its note fields back from the page');
    const before = await readChartFields(chart);
    checkFieldLabels(before);
    if (before.some((f) => f.value !== '')) {
      throw new DemoError(
        `The sample chart's fields were not empty before Insert all (${before.filter((f) => f.value !== '').map((f) => f.label).join(', ')}).`,
        'The sample page starts with empty fields: run the demo again.',
      );
    }
    // What the panel holds for each section: into empty fields, Insert all must put exactly that.
    const written = Object.fromEntries(
      await Promise.all(SECTIONS.map(async (name) => [name, await panel.getByRole('textbox', { name, exact: true }).inputValue()] as const)),
    ) as Record<(typeof SECTIONS)[number], string>;
    await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
    // The panel reports field by field ("Plan: inserted"); wait for the last one, or its alert.
    await waitForStatus(panel, /Plan: inserted/, 'the panel to report the insert', 15_000);
    const inserted = await waitForChartFields(chart, (fields) => fields.every((f) => f.value !== ''), 5_000);
    info(`the panel reports: ${await insertReport(panel)}`);
    info('the chart\'s note fields now hold (read from the page):');
    printChartFields(inserted);
    await chart.bringToFront();
    const insertedShot = await screenshot(chart, args.out, 'chart-inserted.png', true);
    info(`screenshot of the filled chart: ${insertedShot}`);
    const unfilled = inserted.filter((f) => f.value.trim() === '');
    if (unfilled.length > 0) {
      throw new DemoError(
        `After Insert all, the chart's ${unfilled.map((f) => f.label).join(', ')} field${unfilled.length > 1 ? 's are' : ' is'} still empty.`,
        'Look at chart-inserted.png; npx playwright test test/e2e/chromium/insert.spec.ts shows which part is broken.',
      );
    }
    const differing = inserted.filter((f) => f.value !== written[f.label as (typeof SECTIONS)[number]]);
    if (differing.length > 0) {
      throw new DemoError(
        `After Insert all, the chart's ${differing.map((f) => f.label).join(', ')} field${differing.length > 1 ? 's do' : ' does'} not hold what the panel's note says.`,
        'Look at chart-inserted.png; npx playwright test test/e2e/chromium/insert.spec.ts shows which part is broken.',
      );
    }
    info(`all ${inserted.length} fields hold exactly the panel's sections`);

    // 8 ─ Undo insert
    step('Undo insert, and reading the note fields back again');
    if (!args.headless) await panel.bringToFront();
    await panel.getByRole('button', { name: 'Undo insert', exact: true }).click({ timeout: 5_000 });
    await waitForStatus(panel, /^Undone:/, 'the panel to report the undo', 15_000);
    const undone = await waitForChartFields(chart, (fields) => fields.every((f) => f.value === ''), 5_000);
    info(`the panel reports: ${await insertReport(panel)}`);
    info('the chart\'s note fields now hold (read from the page):');
    printChartFields(undone);
    await chart.bringToFront();
    const undoneShot = await screenshot(chart, args.out, 'chart-undone.png', true);
    info(`screenshot of the emptied chart: ${undoneShot}`);
    const left = undone.filter((f) => f.value !== '');
    if (left.length > 0) {
      throw new DemoError(
        `After Undo insert, the chart's ${left.map((f) => f.label).join(', ')} field${left.length > 1 ? 's still hold' : ' still holds'} text.`,
        'Look at chart-undone.png; npx playwright test test/e2e/chromium/insert.spec.ts shows which part is broken.',
      );
    }
    info(`all ${undone.length} fields are empty again, as they were before Insert all`);
    if (!args.headless) await panel.bringToFront();

    console.log(`\nDone. Screenshots (${SCREENSHOTS.join(', ')}) are in:\n  ${args.out}`);
  } catch (error) {
    if (panelForErrors) {
      const file = path.join(args.out, 'panel-error.png');
      const saved = await panelForErrors.screenshot({ path: file }).then(() => true, () => false);
      if (saved) errorScreenshot = file;
    }
    throw error;
  }
}

/** The panel's field-by-field report of the last insert or undo, on one line. */
async function insertReport(panel: Page): Promise<string> {
  const report = panel.getByRole('status').filter({ hasText: /Plan: / }).first();
  return (await report.innerText().catch(() => '(none shown)')).replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? text).trim();
}

function explain(error: unknown): { message: string; hint: string } {
  if (error instanceof DemoError) return { message: error.message, hint: error.hint };
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(message)) {
    return { message: firstLine(message), hint: `Run npm install in ${ROOT}, then npm run demo again.` };
  }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return { message: firstLine(message).replace(/\. To specify a positional argument.*$/, '.'), hint: 'See npm run demo -- --help.' };
  }
  if (/Executable doesn't exist|ENOENT.*chrom/i.test(message)) {
    return { message: firstLine(message), hint: 'Install Chromium (sudo apt-get install chromium) or set CHROMIUM_PATH.' };
  }
  if (/Target (page, context or browser )?closed|Browser has been closed/i.test(message)) {
    return { message: 'The browser closed before the demo finished.', hint: 'Leave the browser open until the demo says Done, then run it again.' };
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { message: firstLine(message), hint: 'Run the demo again; if it keeps timing out, run npm run test:e2e to see which part is broken.' };
  }
  return { message: error instanceof Error ? (error.stack ?? message) : message, hint: 'Run the demo again; if it keeps failing, run npm run test:e2e to see which part is broken.' };
}

// ── Entry ──────────────────────────────────────────────────────────────────────────────────────

async function run(): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    const { message, hint } = explain(error);
    console.error(`demo: ${message}\n${hint}\n\n${USAGE}`);
    return 1;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }

  console.log('Chartside demo — the extension end to end against the local API emulator (made-up patient, no network).');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await main(args);
  } catch (error) {
    const { message, hint } = explain(error);
    console.error(`\nThe demo failed${stepNumber ? ` at step ${stepNumber}/${TOTAL_STEPS} (${stepTitle})` : ''}:\n  ${message}\nWhat to do: ${hint}`);
    if (errorScreenshot) console.error(`The panel at that moment: ${errorScreenshot}`);
    await cleanup();
    return 1;
  }

  if (args.headless) {
    await cleanup();
    return 0;
  }

  console.log('\nThe browser stays open so you can try the panel yourself. Press Ctrl+C here to close it and stop the demo.');
  keepingOpen = true;
  const why = await new Promise<string>((resolve) => {
    stopRequested = resolve;
    // Ctrl+C in a terminal reaches Chromium too: let the signal speak first.
    resources.ext?.context.on('close', () => setTimeout(() => resolve('browser closed'), 200));
  });
  console.log(why === 'browser closed' ? '\nThe browser was closed; stopping.' : '\nStopping the demo…');
  await cleanup();
  return 0;
}

process.exitCode = await run();
// Anything still holding the event loop (a stray socket) must not keep the demo from ending.
setTimeout(() => process.exit(), 2_000).unref();

/**
 * `npm run screenshots`: the store listing's screenshots, taken from the real extension.
 *
 * Builds the test build (it may reach loopback), starts the SOAP Note API emulator and the sample EHR
 * page (a made-up patient), opens Debian's Chromium with Chartside and a fake microphone, and drives
 * the panel as a clinician would: enable the site and read the chart, generate a note (photographed
 * while it streams), Insert all into the chart's form, record. Each picture is 1280×800, the size
 * both stores take: the chart page (860 px wide) on the left and the panel page (420 px) on the
 * right, as Chrome's side panel shows them. The two are real screenshots placed side by side on one
 * canvas by the browser itself; nothing is drawn. Saved to store/screenshots/ (or --out DIR).
 *
 * Needs: chromium, espeak-ng and ffmpeg (apt), like the end-to-end suite.
 * Runs under Node 22's type stripping: erasable syntax only, `.ts` in relative imports.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Page } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

const WIDTH = 1280;
const HEIGHT = 800;
const PANEL_WIDTH = 420;
const CHART_WIDTH = WIDTH - PANEL_WIDTH;

/** A made-up visit for the sample chart's made-up patient (as in the demo). */
const TRANSCRIPT =
  'Maria Alvarez reports she has taken lisinopril and metformin every day since her last visit and walks about twenty minutes most evenings. ' +
  'She states her morning headaches are less frequent and denies chest pain, shortness of breath or blurred vision. ' +
  'She reports fasting sugars at home between 130 and 160. ' +
  'Blood pressure today 142/88, pulse 76, weight 82 kg, down 2 kg from March. ' +
  'Foot exam: intact sensation to monofilament, no ulcers. Last A1c 7.4 percent. ' +
  'Impression: hypertension not at goal; type 2 diabetes improving but still above target. ' +
  'Increase lisinopril to 20 mg daily. Continue metformin 500 mg twice daily. ' +
  'Basic metabolic panel in two weeks and recheck blood pressure in one month. Follow up in three months with a repeat A1c.';
const SPOKEN = 'She reports her morning headaches are less frequent. Blood pressure today is one forty two over eighty eight. Plan: increase lisinopril to twenty milligrams daily.';

const { values: args } = parseArgs({
  options: { 'no-build': { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (args.help) {
  console.log('Usage: npm run screenshots -- [--no-build] [--out DIR]\nSaves the store screenshots (1280×800 PNG) to store/screenshots/ or DIR.');
  process.exit(0);
}
const OUT = path.resolve(args.out ?? path.join(ROOT, 'store/screenshots'));

if (!args['no-build']) {
  console.log('Building the test build (npm run build:e2e)…');
  const npmCli = process.env.npm_execpath;
  const [command, npmArgs] = npmCli && /\.(c?js|mjs)$/.test(npmCli) ? [process.execPath, [npmCli, 'run', 'build:e2e']] : ['npm', ['run', 'build:e2e']];
  const built = spawnSync(command, npmArgs, { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:e2e failed');
}
process.chdir(ROOT);
const { startEmulator } = await import('../test/emulator/server.ts');
const { serveFixtures } = await import('../test/fixtures/serve-fixtures.ts');
const { configureThroughOptions, launchChromiumWithExtension, openPanel, tabIdOf } = await import('../test/support/chromium-extension.ts');

// What the fake microphone plays: speech made here, 48 kHz mono.
const audioDir = mkdtempSync(path.join(tmpdir(), 'chartside-screens-'));
const speech = path.join(audioDir, 'speech.wav');
const microphone = path.join(audioDir, 'microphone.wav');
await run('espeak-ng', ['-w', speech, SPOKEN]);
await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', speech, '-ar', '48000', '-ac', '1', '-c:a', 'pcm_s16le', microphone]);

const emulator = await startEmulator();
// Small, slightly slow chunks, so the note is seen streaming in.
emulator.setFaults({ chunkSize: 12, chunkDelayMs: 60 });
const ehr = await serveFixtures();
const ext = await launchChromiumWithExtension({
  extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${microphone}`, '--hide-scrollbars'],
});

try {
  mkdirSync(OUT, { recursive: true });
  await configureThroughOptions(ext, emulator.url);
  const chart = ext.context.pages().find((p) => p.url() === 'about:blank') ?? (await ext.context.newPage());
  await chart.setViewportSize({ width: CHART_WIDTH, height: HEIGHT });
  await chart.goto(`${ehr.url}/sample-chart.html`);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  await panel.setViewportSize({ width: PANEL_WIDTH, height: HEIGHT });
  const canvas = await ext.context.newPage();
  await canvas.setViewportSize({ width: WIDTH, height: HEIGHT });

  /** The chart and the panel as they are now, side by side, saved as one 1280×800 PNG. */
  async function shoot(name: string, scrollChartTo?: string): Promise<void> {
    if (scrollChartTo) await chart.locator(scrollChartTo).first().scrollIntoViewIfNeeded();
    const left = (await chart.screenshot()).toString('base64');
    const right = (await panel.screenshot()).toString('base64');
    await canvas.setContent(
      `<body style="margin:0;display:flex;background:#fff">` +
        `<img src="data:image/png;base64,${left}" width="${CHART_WIDTH}" height="${HEIGHT}">` +
        `<img src="data:image/png;base64,${right}" width="${PANEL_WIDTH}" height="${HEIGHT}" style="box-shadow:-1px 0 0 #c7c7c7">` +
        `</body>`,
    );
    await canvas.screenshot({ path: path.join(OUT, name) });
    console.log(`  ${path.relative(ROOT, path.join(OUT, name))}`);
  }

  console.log('Taking the screenshots:');
  // 1. The panel beside the chart, with the patient context it read, unfolded for review.
  const context = panel.getByRole('region', { name: 'Patient context', exact: true });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  const review = context.getByRole('button', { name: 'Review', exact: true });
  await review.click();
  await context.locator('ul.items li').first().waitFor({ timeout: 15_000 });
  await shoot('1-patient-context.png');
  await review.click();

  // 2. A note streaming in, section by section: the panel as it is, nothing scrolled.
  await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(TRANSCRIPT);
  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
  await panel.getByRole('status').filter({ hasText: /^Writing the note: (Objective|Assessment)/ }).first().waitFor({ timeout: 30_000 });
  await shoot('2-note-streaming.png');
  if (await panel.getByRole('status').filter({ hasText: /^Note ready/ }).count()) console.warn('  (the note finished before the picture: check 2-note-streaming.png)');
  await panel.getByRole('status').filter({ hasText: /^Note ready/ }).first().waitFor({ timeout: 60_000 });

  // 3. Insert all: the chart's SOAP form filled, the panel saying what happened to each field.
  const insertAll = panel.getByRole('button', { name: 'Insert all', exact: true });
  await insertAll.click();
  const report = panel.getByRole('status').filter({ hasText: 'Subjective' }).filter({ hasText: 'inserted' }).first();
  await report.waitFor({ timeout: 15_000 });
  await shoot('3-insert-results.png', 'textarea[name="subjective"]');

  // 4. The recorder: recording the visit, the level meter moving.
  await chart.evaluate(() => window.scrollTo(0, 0));
  await panel.getByRole('button', { name: 'Start recording', exact: true }).click();
  await panel.getByRole('button', { name: 'Pause recording', exact: true }).waitFor();
  const meter = panel.getByRole('meter', { name: 'Microphone level' });
  // A few seconds in, at a moment the meter shows speech.
  await panel.waitForTimeout(4_000);
  for (let i = 0; i < 50 && Number(await meter.getAttribute('aria-valuenow')) < 30; i++) await panel.waitForTimeout(100);
  await shoot('4-recorder.png');
  await panel.getByRole('button', { name: 'Stop recording', exact: true }).click();

  // The pictures are what the stores ask for.
  for (const name of ['1-patient-context.png', '2-note-streaming.png', '3-insert-results.png', '4-recorder.png']) {
    const png = readFileSync(path.join(OUT, name));
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    if (w !== WIDTH || h !== HEIGHT) throw new Error(`${name} is ${w}×${h}, not ${WIDTH}×${HEIGHT}`);
  }
  console.log(`Done: four ${WIDTH}×${HEIGHT} PNGs in ${path.relative(ROOT, OUT) || OUT}`);
} finally {
  await ext.close();
  await emulator.close();
  await ehr.close();
  rmSync(audioDir, { recursive: true, force: true });
}

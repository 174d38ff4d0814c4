/**
 * The extension under faults, end to end: every error of the contract's table as a clinician sees it,
 * streams cut at every kind of point, a slow first byte, tiny and huge chunks, Unicode all the way into
 * the EHR, unreadable answers, the server gone during an upload, and the worker stopped mid-stream.
 * errors.spec.ts has the first cases (400, 401, 403, 429, 503, one cut, the fallback); this file adds
 * the rest without repeating them. The worker stopped mid-poll is in audio-jobs.spec.ts.
 *
 * Expected notes are computed with the emulator's own note builder from the request the extension
 * sent, so a comparison is exact: a lost, doubled or mangled character fails it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_FAULTS, type ResolvedFaults } from '../../emulator/faults.ts';
import { buildNote, buildSections, validateNoteRequest, type NoteRequest, type NoteSections } from '../../emulator/notes.ts';
import { buildStream, chunkText } from '../../emulator/stream.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { makeTestRecordings, type TestRecording } from '../../emulator/test-audio.ts';
import { SPECIALTIES } from '../../emulator/specialties.ts';
import { configureThroughOptions, openPanel, stopExtensionWorker, tabIdOf } from '../../support/chromium-extension.ts';
import { recoverableRecordings, sendRecording, storeRecording } from '../../support/recording-jobs.ts';
import { expect, generate, sectionBox, test, TRANSCRIPT } from './fixtures';
import { openNoteOptions } from '../../support/panel-areas.ts';

const SECTIONS = ['Subjective', 'Objective', 'Assessment', 'Plan'] as const;
const KEYS = ['subjective', 'objective', 'assessment', 'plan'] as const;

const transcriptBox = (panel: Page) => panel.getByRole('textbox', { name: 'Transcript', exact: true });
const alertOf = (panel: Page) => panel.getByRole('alert');
const alertButton = (panel: Page, name: string) => alertOf(panel).getByRole('button', { name, exact: true });
const noteReady = (panel: Page, timeout = 20_000) =>
  expect(panel.getByRole('status')).toHaveText('Note ready. Review and edit it before you use it.', { timeout });
const requestsTo = (emulator: Emulator, path: string) => emulator.requests.filter((r) => r.path === path);

/** The note the emulator wrote for the n-th request to `path` (the last one by default). */
function expectedNote(emulator: Emulator, path = '/v1/stream/note', n = -1): NoteSections {
  const sent = requestsTo(emulator, path).at(n);
  const checked = validateNoteRequest(sent?.body);
  if (!checked.ok) throw new Error(`the request to ${path} was not a valid note request`);
  return buildSections(checked.value);
}

async function panelNote(panel: Page): Promise<NoteSections> {
  const values = await Promise.all(SECTIONS.map((s) => sectionBox(panel, s).inputValue()));
  return Object.fromEntries(KEYS.map((k, i) => [k, values[i]])) as unknown as NoteSections;
}

// ── The contract's error table ────────────────────────────────────────────────────────────────────

interface ErrorCase {
  title: string;
  /** Applied before Generate note. */
  arrange(emulator: Emulator): void;
  /** What the alert says: the problem and the next step. */
  says: RegExp[];
  /** Requests the emulator saw, by path, once the error is on screen. */
  requests: Record<string, number>;
  /** The alert offers Try again (only for errors worth trying again unchanged). */
  tryAgain: boolean;
  /** The Try again button's name, when the failure may have made (and billed) the note already. */
  button?: 'Try again (may bill again)';
  /** The connection is reset before any answer (see the check). */
  browserMayRepeat?: boolean;
}

const ERROR_CASES: ErrorCase[] = [
  {
    // The stream endpoint's 404 means "no streaming here": the client asks POST /v1/note, which 404s too.
    title: '404: the note endpoint is not found',
    arrange: (e) => e.setFaults({ status: 404 }),
    says: [/could not find/i, /Generate the note again/],
    requests: { '/v1/stream/note': 1, '/v1/note': 1 },
    tryAgain: false,
  },
  {
    title: '405: the method is refused, a bug to report',
    arrange: (e) => e.setFaults({ status: 405 }),
    says: [/bug in Chartside/, /report this problem/i],
    requests: { '/v1/stream/note': 1, '/v1/note': 1 },
    tryAgain: false,
  },
  {
    title: '409: a conflict says so in our words, the server’s only as a detail, and points to the dashboard',
    arrange: (e) => e.queueFault({ path: '/v1/stream/note', status: 409, message: 'API key limit reached.' }),
    says: [/reported a conflict: your account may have reached its limit of keys\./, /The SOAP Note API said: API key limit reached\./, /dashboard/],
    requests: { '/v1/stream/note': 1 },
    tryAgain: false,
  },
  // A 500 or a lost connection does not say whether the server is already making (and billing) the
  // note: it is not sent again behind the clinician's back (issue 19.3), and the button says the cost.
  {
    title: 'a 500: sent once, the internal error, that the API may have made the note, and Try again (may bill again)',
    arrange: (e) => e.setFaults({ status: 500 }),
    says: [/internal error/i, /may have made the note anyway, and billed for it/, /Try again in a moment/, /A second try may be billed as a second note/],
    requests: { '/v1/stream/note': 1 },
    tryAgain: true,
    button: 'Try again (may bill again)',
  },
  {
    title: 'the connection dropped before any answer: sent once, said plainly, and Try again (may bill again)',
    arrange: (e) => e.setFaults({ dropConnection: true }),
    says: [/connection to the SOAP Note API failed before its answer arrived/, /may have made the note anyway/],
    requests: { '/v1/stream/note': 1 },
    tryAgain: true,
    button: 'Try again (may bill again)',
    browserMayRepeat: true,
  },
  {
    title: 'the server made the note, then the connection dropped before its answer: sent once, said plainly, Try again (may bill again)',
    arrange: (e) => e.setFaults({ acceptThenDrop: true }),
    says: [/connection to the SOAP Note API failed before its answer arrived/, /may have made the note anyway/],
    requests: { '/v1/stream/note': 1 },
    tryAgain: true,
    button: 'Try again (may bill again)',
    browserMayRepeat: true,
  },
];

for (const c of ERROR_CASES) {
  test(`${c.title}; the transcript is kept`, async ({ panel, emulator }) => {
    c.arrange(emulator);
    await generate(panel);
    const alert = alertOf(panel);
    for (const words of c.says) await expect(alert).toContainText(words, { timeout: 20_000 });
    await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
    // Bounded: nothing more is sent while the error is on screen.
    await panel.waitForTimeout(1_000);
    for (const [path, count] of Object.entries(c.requests)) {
      const seen = requestsTo(emulator, path).length;
      // Chromium itself repeats a request once, at once, when a reused keep-alive connection is reset
      // before any answer: for a dropped connection the emulator may see one more than was sent.
      if (c.browserMayRepeat) expect([count, count + 1], path).toContain(seen);
      else expect(seen, path).toBe(count);
    }
    const button = c.button ?? 'Try again';
    await expect(alertButton(panel, button)).toHaveCount(c.tryAgain ? 1 : 0);
    if (c.button) await expect(alertButton(panel, 'Try again')).toHaveCount(0);
    await expect(panel.getByRole('status')).not.toHaveText(/Note ready/);

    if (c.tryAgain) {
      emulator.setFaults({});
      await alertButton(panel, button).click();
      await noteReady(panel);
      await expect(alertOf(panel)).toHaveCount(0);
    }
  });
}

test('503 with Retry-After: the wait is shown, honoured, and the note arrives', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', status: 503, retryAfterSeconds: 2 });
  await generate(panel);
  await expect(panel.getByRole('status')).toContainText('Trying again in 2 s (attempt 2 of 3)');
  await noteReady(panel);
  const [first, second] = requestsTo(emulator, '/v1/stream/note');
  expect(second!.time - first!.time).toBeGreaterThanOrEqual(2_000);
  expect(requestsTo(emulator, '/v1/stream/note')).toHaveLength(2);
});

test('429 with Retry-After: the wait is told, nothing is retried automatically', async ({ panel, emulator }) => {
  emulator.setFaults({ status: 429, retryAfterSeconds: 120 });
  await generate(panel);
  await expect(alertOf(panel)).toContainText('The server asks to wait about 2 minutes.');
  await expect(alertOf(panel)).toContainText(/Add funds/);
  await panel.waitForTimeout(1_500);
  expect(requestsTo(emulator, '/v1/stream/note')).toHaveLength(1);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
});

// ── Streams cut short ─────────────────────────────────────────────────────────────────────────────

/** The request the panel sends for TRANSCRIPT with its defaults (no chart context read). */
const PLAIN_REQUEST: NoteRequest = { transcript: TRANSCRIPT, specialty: 'physician', template: 'standard' };
const CUT_CHUNK = 10;

/** The sections after the first n events of a stream with `chunkSize` CUT_CHUNK. */
function afterEvents(n: number): NoteSections {
  const full = buildSections(PLAIN_REQUEST);
  let left = n;
  const out = { subjective: '', objective: '', assessment: '', plan: '' };
  for (const key of KEYS) {
    const pieces = chunkText(full[key], CUT_CHUNK);
    out[key] = pieces.slice(0, Math.max(0, left)).join('');
    left -= pieces.length;
  }
  return out;
}

/** Byte offset in the stream body of the middle of its n-th event (from 0). */
function midEventByte(n: number): number {
  const faults = { ...DEFAULT_FAULTS, chunkSize: CUT_CHUNK } as ResolvedFaults;
  const note = buildNote(PLAIN_REQUEST, { noteId: 'note_cut', expiresAt: new Date(0).toISOString() });
  const { segments } = buildStream(note, PLAIN_REQUEST, faults);
  const before = segments.slice(0, n).reduce((sum, s) => sum + s.bytes.length, 0);
  return before + Math.floor(segments[n]!.bytes.length / 2);
}

const subjectiveEvents = chunkText(buildSections(PLAIN_REQUEST).subjective, CUT_CHUNK).length;
const oddOffsets = (upTo: number) => Array.from({ length: Math.floor(upTo / 7) }, (_, i) => 7 * i + 3);

test('a stream cut at each kind of point keeps exactly what arrived, marked Incomplete; Regenerate completes it', async ({ panel, emulator }) => {
  const cuts: Array<{ at: string; fault: Parameters<Emulator['queueFault']>[0]; kept: NoteSections; heading: RegExp }> = [
    { at: 'after one event', fault: { cutAfterEvents: 1 }, kept: afterEvents(1), heading: /connection to the SOAP Note API was cut/ },
    {
      at: 'between two sections',
      fault: { cutAfterEvents: subjectiveEvents },
      kept: afterEvents(subjectiveEvents),
      heading: /connection to the SOAP Note API was cut/,
    },
    {
      at: 'in the middle of an event’s bytes, read in odd-sized pieces',
      fault: { cutAfterBytes: midEventByte(subjectiveEvents + 1), splitAt: oddOffsets(midEventByte(subjectiveEvents + 1)) },
      kept: afterEvents(subjectiveEvents + 1),
      heading: /connection to the SOAP Note API was cut/,
    },
    {
      at: 'a clean end without [DONE]',
      fault: { cutAfterEvents: subjectiveEvents + 3, cutMode: 'end' },
      kept: afterEvents(subjectiveEvents + 3),
      heading: /stopped before it was finished/,
    },
  ];
  await transcriptBox(panel).fill(TRANSCRIPT);
  for (const [i, cut] of cuts.entries()) {
    await test.step(cut.at, async () => {
      // The cut waits until the panel shows what was sent: cut at once, a busy machine can let the
      // cut overtake the bytes, and Chromium drops body bytes the worker has not read yet.
      emulator.queueFault({ path: '/v1/stream/note', chunkSize: CUT_CHUNK, cutHeld: true, ...cut.fault });
      if (i === 0) await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
      else await alertButton(panel, 'Regenerate').click();
      await expect.poll(() => panelNote(panel)).toEqual(cut.kept);
      expect(emulator.releaseCuts()).toBe(1);
      await expect(alertOf(panel)).toContainText(cut.heading);
      await expect(alertOf(panel)).toContainText('What arrived is kept below and marked incomplete.');
      await expect(panel.getByText('Incomplete', { exact: true })).toBeVisible();
      expect(await panelNote(panel)).toEqual(cut.kept);
      await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
      // A stream that had produced text is never repeated behind the clinician's back.
      expect(requestsTo(emulator, '/v1/stream/note')).toHaveLength(i + 1);
    });
  }
  await alertButton(panel, 'Regenerate').click();
  await noteReady(panel);
  expect(await panelNote(panel)).toEqual(buildSections(PLAIN_REQUEST));
  await expect(panel.getByText('Incomplete', { exact: true })).toHaveCount(0);
  await expect(alertOf(panel)).toHaveCount(0);
});

test('a stream cut after its headers, before any event, is not sent again: the server had taken it (it may bill), so the clinician decides', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', cutAfterEvents: 0 });
  await generate(panel);
  const alert = alertOf(panel);
  await expect(alert).toContainText('The API may have made the note anyway, and billed for it.', { timeout: 20_000 });
  await panel.waitForTimeout(1_000);
  expect(requestsTo(emulator, '/v1/stream/note')).toHaveLength(1);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  await alertButton(panel, 'Try again (may bill again)').click();
  await noteReady(panel);
  expect(await panelNote(panel)).toEqual(expectedNote(emulator));
  expect(requestsTo(emulator, '/v1/stream/note')).toHaveLength(2);
});

// ── The worker stopped mid-stream ─────────────────────────────────────────────────────────────────

test('the browser stops the worker mid-stream: the panel keeps at least what it showed, says so, and Regenerate completes the note', async ({ ext, panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', chunkSize: 8, chunkDelayMs: 80 });
  await generate(panel);
  const subjective = sectionBox(panel, 'Subjective');
  await expect(subjective).toHaveValue(/^\[Chartside API emulator\] Patient/);
  const shownBefore = await subjective.inputValue();

  const runningStatus = await stopExtensionWorker(ext, panel);
  const alert = alertOf(panel);
  await expect(alert).toContainText('Chartside was restarted by the browser', { timeout: 20_000 });
  await expect(alert).toContainText('What arrived is kept below and marked incomplete.');
  await expect(panel.getByText('Incomplete', { exact: true })).toBeVisible();
  const kept = await subjective.inputValue();
  // Nothing the clinician saw is taken away again.
  expect(kept.startsWith(shownBefore)).toBe(true);
  expect(buildSections(PLAIN_REQUEST).subjective.startsWith(kept)).toBe(true);
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  // A new worker answered the panel.
  expect(runningStatus.slice(runningStatus.indexOf('stopped'))).toContain('running');

  await alertButton(panel, 'Regenerate').click();
  await noteReady(panel);
  expect(await panelNote(panel)).toEqual(buildSections(PLAIN_REQUEST));
  await expect(panel.getByText('Incomplete', { exact: true })).toHaveCount(0);
});

// ── A slow first byte ─────────────────────────────────────────────────────────────────────────────

test('a stream whose first byte comes after 45 seconds still delivers the whole note, from the same worker, kept alive meanwhile', async ({ ext, panel, emulator }) => {
  test.setTimeout(120_000);
  // Chrome stops an idle worker after 30 s, but not one DevTools is attached to, and Playwright is: the
  // worker surviving here is not proof enough. So the keep-alive calls Chrome counts as activity
  // (runtime.getPlatformInfo) are counted too; without them a real browser would end the stream.
  // And a mark in the worker's memory: a worker stopped and started again would not have it.
  await ext.background.evaluate(() => {
    const runtime = chrome.runtime as typeof chrome.runtime & { faultsSuiteCalls?: number };
    const original = runtime.getPlatformInfo.bind(runtime);
    runtime.faultsSuiteCalls = 0;
    runtime.getPlatformInfo = ((...args: Parameters<typeof original>) => {
      runtime.faultsSuiteCalls! += 1;
      return original(...args);
    }) as typeof original;
    (globalThis as { faultsSuiteMark?: string }).faultsSuiteMark = 'before the slow stream';
  });
  emulator.queueFault({ path: '/v1/stream/note', firstByteDelayMs: 45_000 });
  await generate(panel);
  await expect(panel.getByRole('status')).toHaveText(/waiting for the note to start/);
  await noteReady(panel, 75_000);
  expect(await panelNote(panel)).toEqual(expectedNote(emulator));
  const worker = await ext.background.evaluate(() => ({
    mark: (globalThis as { faultsSuiteMark?: string }).faultsSuiteMark,
    keepAlives: (chrome.runtime as { faultsSuiteCalls?: number }).faultsSuiteCalls,
  }));
  expect(worker.mark).toBe('before the slow stream');
  expect(worker.keepAlives).toBeGreaterThanOrEqual(1);
  expect(requestsTo(emulator, '/v1/stream/note')).toHaveLength(1);
});

// ── Tiny chunks and a huge note ───────────────────────────────────────────────────────────────────

test('2,000 events of one character each add up to exactly the note', async ({ panel, emulator }) => {
  const transcript = Array.from({ length: 40 }, (_, i) => `Patient reports episode ${i + 1} of dull pain behind the left eye.`).join(' ');
  emulator.queueFault({ path: '/v1/stream/note', chunkSize: 1 });
  await generate(panel, transcript);
  await noteReady(panel, 45_000);
  const expected = expectedNote(emulator);
  const events = emulator.chunks.filter((c) => c.kind === 'event' && ['subjective', 'objective', 'assessment', 'plan'].includes(c.section ?? ''));
  expect(events.length).toBeGreaterThanOrEqual(2_000);
  expect(events.length).toBe(KEYS.reduce((n, k) => n + [...expected[k]].length, 0));
  expect(await panelNote(panel)).toEqual(expected);
});

test('a 100,000-character note arrives whole and the panel keeps answering while it streams', async ({ panel, emulator }) => {
  test.setTimeout(120_000);
  const sentence = (i: number) => `Patient reports episode ${i} of dull aching pain behind the left eye, lasting hours.`;
  const transcript = Array.from({ length: 1_300 }, (_, i) => sentence(i + 1)).join(' ');
  emulator.queueFault({ path: '/v1/stream/note', chunkSize: 50, chunkDelayMs: 3 });
  await generate(panel, transcript);

  // While it streams, the page still paints frames promptly.
  const frameWaits: number[] = [];
  const statusNow = async () => (await panel.getByRole('status').textContent()) ?? '';
  while (!/Note ready/.test(await statusNow()) && frameWaits.length < 30) {
    if (!/Writing the note/.test(await statusNow())) continue;
    const started = Date.now();
    await panel.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    frameWaits.push(Date.now() - started);
  }
  // The page painted again and again while it streamed (a frozen page paints nothing until the
  // note ends). How long the longest frame waited is a measurement, not a pass mark (timed
  // assertions fail on a loaded machine): on Chromium 156 here it measured 1.1 to 6.3 s, where it was
  // under 1 s on Chromium 150, on the same commit; it is in the test's annotations.
  expect(frameWaits.length).toBeGreaterThanOrEqual(5);
  test.info().annotations.push({ type: 'measured', description: `longest frame wait while streaming: ${Math.max(...frameWaits)} ms of ${frameWaits.length}` });

  await noteReady(panel, 90_000);
  const expected = expectedNote(emulator);
  expect(KEYS.reduce((n, k) => n + expected[k].length, 0)).toBeGreaterThanOrEqual(100_000);
  const shown = await panelNote(panel);
  for (const k of KEYS) expect(shown[k].length, k).toBe(expected[k].length);
  expect(shown).toEqual(expected);
  const plan = sectionBox(panel, 'Plan');
  await plan.press('End');
  await plan.pressSequentially(' Reviewed.');
  await expect(plan).toHaveValue(`${expected.plan} Reviewed.`);
});

// ── Unicode all the way into the EHR ──────────────────────────────────────────────────────────────

const UNICODE_TRANSCRIPT = [
  'Patient reports a throbbing headache since Monday 🤕 and says “it feels like a drum” — worse at night.',
  'She states her daughter 👩‍⚕️ (a nurse) and the family 👨‍👩‍👧‍👦 noticed she looked pale 👍🏽 🏳️‍🌈.',
  'المريضة تشكو من صداع منذ ثلاثة أيام.',
  'היא מדווחת על בחילה קלה בבוקר.',
  'Temperature 37.9 °C, pulse 88, BP 132/84; pupils equal 👁️ and reactive, 𝔁 and 𝟖.',
  'Likely tension-type headache 🧠 versus migraine; café-au-lait spot noted (cafe\u0301).',
  'Plan: paracetamol 1 g as needed 💊, hydration 💧, follow up in one week 📅 or sooner if worse.',
].join(' ');

test('emoji, ZWJ sequences, right-to-left text and combining marks, split at odd byte offsets, reach the EHR fields exactly', async ({ panel, chart, emulator }) => {
  const context = panel.getByRole('region', { name: 'Patient context' });
  await context.getByRole('button', { name: 'Enable on this site', exact: true }).click();
  await expect(context.getByText('Maria Alvarez', { exact: true }).first()).toBeVisible();
  // Three characters an event cuts ZWJ sequences and flags apart; reads of 7 bytes cut 4-byte emoji and
  // 2-byte letters. The subjective, which holds the emoji and the RTL text, comes first in the body.
  emulator.queueFault({ path: '/v1/stream/note', chunkSize: 3, splitAt: oddOffsets(6_000) });
  await generate(panel, UNICODE_TRANSCRIPT);
  await noteReady(panel, 45_000);
  expect(emulator.chunks.filter((c) => c.kind === 'piece').length).toBeGreaterThan(100);
  const expected = expectedNote(emulator);
  expect(expected.subjective).toContain('👨‍👩‍👧‍👦');
  expect(expected.subjective).toContain('المريضة');
  expect(expected.subjective).toContain('היא מדווחת');
  expect(await panelNote(panel)).toEqual(expected);

  await panel.getByRole('button', { name: 'Insert all', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Plan' })).toContainText('inserted');
  for (const k of KEYS) {
    const inEhr = await chart.locator(`textarea[name="${k}"]`).inputValue();
    expect(Buffer.from(inEhr, 'utf8').equals(Buffer.from(expected[k], 'utf8')), k).toBe(true);
  }
});

// ── Answers that cannot be read ───────────────────────────────────────────────────────────────────

test('malformed JSON from the plain note endpoint: a clear message, the transcript kept, and the next try works', async ({ panel, emulator }) => {
  emulator.setFaults({ streamStatus: 404 });
  emulator.queueFault({ path: '/v1/note', malformedJson: true });
  await generate(panel);
  await expect(alertOf(panel)).toContainText('The SOAP Note API sent an answer Chartside could not read (expected a note).');
  await expect(alertOf(panel)).toContainText('check the API base URL in settings');
  // It answered 200: it made the note, and billed it; the unreadable answer is not asked for again.
  await expect(alertOf(panel)).toContainText('The API may have made the note anyway, and billed for it.');
  await expect(transcriptBox(panel)).toHaveValue(TRANSCRIPT);
  expect(requestsTo(emulator, '/v1/note')).toHaveLength(1);
  await expect(panel.getByRole('status')).not.toHaveText(/Note ready/);

  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
  await noteReady(panel);
  expect(await panelNote(panel)).toEqual(expectedNote(emulator, '/v1/note'));
});

test('a stream or a note labelled with the wrong content type is still read, whole', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/stream/note', wrongContentType: true });
  await generate(panel);
  await noteReady(panel);
  expect(await panelNote(panel)).toEqual(expectedNote(emulator));

  emulator.setFaults({ streamStatus: 405 });
  emulator.queueFault({ path: '/v1/note', wrongContentType: true });
  await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
  await expect.poll(() => requestsTo(emulator, '/v1/note').length).toBe(1);
  await noteReady(panel);
  expect(await panelNote(panel)).toEqual(expectedNote(emulator, '/v1/note'));
  await expect(alertOf(panel)).toHaveCount(0);
});

test('an unreadable specialty list falls back to the contract’s list; nothing breaks', async ({ ext, chart, emulator }) => {
  emulator.setFaults({ malformedJson: true });
  await configureThroughOptions(ext, emulator.url);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  await openNoteOptions(panel);
  const specialty = panel.getByRole('combobox', { name: 'Specialty', exact: true });
  await expect.poll(() => requestsTo(emulator, '/v1/specialties').length).toBeGreaterThanOrEqual(1);
  await expect(specialty.locator('option')).toHaveText(SPECIALTIES.map((s) => s.name));
  await expect(alertOf(panel)).toHaveCount(0);

  emulator.setFaults({});
  await specialty.selectOption({ label: 'Psychiatrist' });
  await generate(panel);
  await noteReady(panel);
  expect(requestsTo(emulator, '/v1/stream/note')[0]?.body).toMatchObject({ specialty: 'psychiatrist' });
});

// ── Recordings: an unreadable status, the server gone during an upload ───────────────────────────

const RECORDING_SECONDS = 6;
let audioDir: string;
let wav: TestRecording;
test.beforeAll(async () => {
  audioDir = await mkdtemp(join(tmpdir(), 'chartside-faults-'));
  ({ wav } = await makeTestRecordings(audioDir, { seconds: RECORDING_SECONDS }));
});
test.afterAll(async () => {
  await rm(audioDir, { recursive: true, force: true });
});

test('an unreadable job status while a recording is processed is asked again: the note arrives from the one upload', async ({ panel, emulator }) => {
  emulator.setFaults({ audioMode: 'async', asyncPolls: 1 });
  emulator.queueFault({ path: '/v1/audio/status/', malformedJson: true });
  const id = await storeRecording(panel, wav, RECORDING_SECONDS * 1000);
  await sendRecording(panel, id);
  await noteReady(panel, 45_000);
  await expect(sectionBox(panel, 'Assessment')).toHaveValue(/back strain/i);
  await expect(alertOf(panel)).toHaveCount(0);
  // The garbled answer was consumed, and the recording was not sent (and paid for) a second time.
  expect(emulator.requests.filter((r) => r.queuedFault?.malformedJson)).toHaveLength(1);
  expect(emulator.uploads).toHaveLength(1);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
});

test('404 while a recording is processed (the note expired on the server): said plainly, the recording kept, Retry gets a new note', async ({ panel, emulator }) => {
  emulator.setFaults({ audioMode: 'async', asyncHold: true });
  const id = await storeRecording(panel, wav, RECORDING_SECONDS * 1000);
  await sendRecording(panel, id);
  await expect.poll(() => emulator.uploads[0]?.noteId, { timeout: 20_000 }).toBeTruthy();
  emulator.expireNote(emulator.uploads[0]!.noteId!);

  const alert = alertOf(panel);
  await expect(alert).toContainText('The note was not found: it expired and was deleted from the server, or it never existed.', { timeout: 30_000 });
  await expect(alert).toContainText('The recording is kept');
  expect(await recoverableRecordings(panel)).toEqual([{ id, status: 'failed' }]);
  // A note that is gone is not asked for again and again.
  const polls = emulator.pollsFor(emulator.uploads[0]!.noteId!).length;
  await panel.waitForTimeout(1_500);
  expect(emulator.pollsFor(emulator.uploads[0]!.noteId!)).toHaveLength(polls);

  emulator.setFaults({ audioMode: 'sync' });
  await alertButton(panel, 'Retry').click();
  await noteReady(panel, 30_000);
  expect(emulator.uploads).toHaveLength(2);
  await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
});

test('the server goes away while it holds an upload: the recording is kept, the panel says so, and Retry works once it is back', async ({ panel, emulator }) => {
  emulator.queueFault({ path: '/v1/note/audio', delayMs: 10_000 });
  const id = await storeRecording(panel, wav, RECORDING_SECONDS * 1000);
  await sendRecording(panel, id);
  await expect.poll(() => requestsTo(emulator, '/v1/note/audio').length).toBe(1);
  await expect(panel.getByRole('status')).toContainText('Uploading the recording');
  const { port } = emulator;
  await emulator.close();

  // The server had the whole recording when it went: it may have made the note, so the upload is not
  // sent again by itself, and Retry says it may bill again.
  const alert = alertOf(panel);
  await expect(alert).toContainText('The connection to the SOAP Note API failed before its answer arrived.', { timeout: 20_000 });
  await expect(alert).toContainText('The API may have made the note anyway, and billed for it.');
  await expect(alert).toContainText('The recording is kept: press Retry (may bill again) to send it again.');
  expect(await recoverableRecordings(panel)).toEqual([{ id, status: 'failed' }]);

  const back = await startEmulator({ port });
  try {
    await alertButton(panel, 'Retry (may bill again)').click();
    await noteReady(panel, 30_000);
    expect(back.uploads).toHaveLength(1);
    expect(back.uploads[0]).toMatchObject({ status: 200, decode: 'ok' });
    await expect(alertOf(panel)).toHaveCount(0);
    await expect.poll(() => recoverableRecordings(panel)).toEqual([]);
  } finally {
    await back.close();
  }
});

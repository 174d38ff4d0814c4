/**
 * Benchmark: the panel's added delay while a note streams in — from a chunk leaving the emulator to
 * its text being in the side panel's section box.
 *
 * Method
 * - The emulator streams the note in the `sections` shape as many small delta events (`chunkSize`
 *   characters each, `chunkDelayMs` apart so that events do not coalesce on the way), from a long
 *   transcript, so that one note gives a few hundred events.
 * - In the panel page, the `value` setter of `HTMLTextAreaElement.prototype` is wrapped (a value set
 *   by property fires no mutation or input event), so every time Preact writes a section box we log
 *   `performance.timeOrigin + performance.now()`, the box and its new text. This is when the text is
 *   in the DOM, not when it is painted.
 * - The emulator logs each write's send time the same way (`emulator.chunks[].t`).
 *
 * Matching rule: the emulator's chunk log names each event's section but not its text, so the text is
 * rebuilt from the emulator's own (deterministic) code: the recorded request → `buildSections` →
 * `chunkText(section, chunkSize)`; the k-th event of a section carries the k-th piece, so after it the
 * section reads the first k pieces joined. That event is matched to the first write of that section's
 * box, at or after the write matched to the section's previous event, whose text starts with that
 * prefix, exactly. (Not ignoring trailing whitespace: a word longer than `chunkSize` is cut, which can
 * leave a piece of a single space, and a trimmed comparison would match that event to the write
 * before it, giving negative delays.) delay = panel time − send time.
 * Events whose text reached the box in one write with a later event (coalesced) count with their real,
 * longer delay. A run fails loudly if any event goes unmatched or the boxes end up differing from the
 * emulator's note: then the matching, not the panel, would be what is measured.
 *
 * Clocks: both sides use `performance.timeOrigin + performance.now()`, but the Node process and the
 * panel's renderer compute `timeOrigin` separately, and the two can disagree by a millisecond or so.
 * So before each run the offset (panel clock − Node clock) is estimated from the quickest of several
 * `page.evaluate` round trips (error at most half that round trip) and taken off the panel's times.
 */
import type { Page } from '@playwright/test';
import { buildSections, validateNoteRequest } from '../emulator/notes.ts';
import { startEmulator, type ChunkInfo, type Emulator } from '../emulator/server.ts';
import { chunkText } from '../emulator/stream.ts';
import { serveFixtures, type FixtureServer } from '../fixtures/serve-fixtures.ts';
import {
  configureThroughOptions,
  launchChromiumWithExtension,
  openPanel,
  tabIdOf,
  type ExtensionBrowser,
} from '../support/chromium-extension.ts';
import { quietest, withLoad, type Loaded } from './quietest.ts';

const SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const;
type Section = (typeof SECTIONS)[number];

export interface StreamDelayOptions {
  /** Notes to stream; the quietest run (lowest p95) is the reported one (default 3). */
  runs?: number;
  /** Characters per event (default 6). */
  chunkSize?: number;
  /** Gap between events (default 20 ms). */
  chunkDelayMs?: number;
}

export interface StreamDelayRun {
  /** Events matched (every section event of the note). */
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** The smallest delay: a sanity check — clearly negative means a matching or clock problem. */
  min: number;
  /** Estimated panel clock − Node clock, already taken off; ± `clockUncertaintyMs`. */
  clockOffsetMs: number;
  clockUncertaintyMs: number;
}

export interface StreamDelayResult {
  /** The quietest run (lowest p95: other work on the machine only adds delay), with the load during it. */
  quietest: Loaded<StreamDelayRun> & { index: number };
  runs: Loaded<StreamDelayRun>[];
  chunkSize: number;
  chunkDelayMs: number;
  /** The browser's own version string (from its user agent). */
  browserVersion: string;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * A long visit, so that the note is long: each sentence lands in one SOAP section by the emulator's
 * keyword rules. About 2,000 characters: some 330 events at 6 characters each.
 */
export function longTranscript(): string {
  const visit = (day: number) =>
    [
      `Patient reports ${day} days of sore throat and mild fever with poor appetite.`,
      'She denies cough, shortness of breath or chest pain.',
      `Temperature ${37 + day / 10} C, heart rate ${80 + day}, blood pressure ${118 + day}/76.`,
      'Pharynx erythematous without exudate, tender anterior cervical nodes on palpation.',
      'Likely viral pharyngitis, streptococcal infection less probable.',
      'Start ibuprofen 400 mg every eight hours as needed and encourage fluids.',
      `Return in ${day + 2} days if symptoms worsen or fever persists.`,
    ].join(' ');
  return [3, 4, 5, 6].map(visit).join(' ');
}

interface ValueWrite {
  t: number;
  section: Section;
  value: string;
}

/** Wraps the textarea `value` setter in the panel page; the log lives on `window.__benchWrites`. */
async function recordSectionWrites(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    const proto = HTMLTextAreaElement.prototype;
    const native = Object.getOwnPropertyDescriptor(proto, 'value');
    if (!native?.get || !native.set) throw new Error('no native textarea value accessor');
    const { get, set } = native;
    const writes: Array<{ t: number; section: string; value: string }> = [];
    Object.defineProperty(proto, 'value', {
      configurable: true,
      enumerable: native.enumerable,
      get() {
        return get.call(this);
      },
      set(value: string) {
        set.call(this, value);
        const id = (this as HTMLTextAreaElement).id;
        if (id.startsWith('section-')) {
          writes.push({ t: performance.timeOrigin + performance.now(), section: id.slice('section-'.length), value: String(value) });
        }
      },
    });
    (window as unknown as { __benchWrites: typeof writes }).__benchWrites = writes;
  });
}

/** Panel clock − Node clock, from the quickest of several round trips. */
async function clockOffset(panel: Page): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Infinity };
  for (let i = 0; i < 25; i++) {
    const before = performance.timeOrigin + performance.now();
    const pageTime = await panel.evaluate(() => performance.timeOrigin + performance.now());
    const after = performance.timeOrigin + performance.now();
    const half = (after - before) / 2;
    if (half < best.uncertainty) best = { offset: pageTime - (before + half), uncertainty: half };
  }
  return best;
}

/** Each section event of one stream, with the section's full text after it (see the matching rule). */
function expectedEvents(emulator: Emulator, stream: number, chunkSize: number): Array<{ chunk: ChunkInfo; section: Section; text: string }> {
  const request = emulator.requests.filter((r) => r.path === '/v1/stream/note').at(-1);
  const checked = validateNoteRequest(request?.body);
  if (!checked.ok) throw new Error(`stream request not found or invalid: ${JSON.stringify(checked.error)}`);
  const note = buildSections(checked.value);
  const prefixes = Object.fromEntries(
    SECTIONS.map((s) => {
      let soFar = '';
      return [s, chunkText(note[s], chunkSize).map((piece) => (soFar += piece))];
    }),
  ) as Record<Section, string[]>;
  const seen: Record<Section, number> = { subjective: 0, objective: 0, assessment: 0, plan: 0 };
  const events = emulator.chunks.filter(
    (c) => c.stream === stream && c.kind === 'event' && (SECTIONS as readonly string[]).includes(c.section ?? ''),
  );
  const out = events.map((chunk) => {
    const section = chunk.section as Section;
    const text = prefixes[section][seen[section]++];
    if (text === undefined) throw new Error(`more ${section} events than the note has pieces`);
    return { chunk, section, text };
  });
  for (const s of SECTIONS) {
    if (seen[s] !== prefixes[s].length) throw new Error(`${s}: ${seen[s]} events for ${prefixes[s].length} pieces`);
  }
  return out;
}

/** delay per event, by the matching rule; throws when an event has no matching write. */
export function matchDelays(
  events: Array<{ chunk: ChunkInfo; section: Section; text: string }>,
  writes: ValueWrite[],
  offset: number,
): number[] {
  const bySection = Object.fromEntries(SECTIONS.map((s) => [s, writes.filter((w) => w.section === s)])) as Record<Section, ValueWrite[]>;
  const cursor: Record<Section, number> = { subjective: 0, objective: 0, assessment: 0, plan: 0 };
  return events.map(({ chunk, section, text }) => {
    const list = bySection[section];
    let i = cursor[section];
    while (i < list.length && !list[i]!.value.startsWith(text)) i++;
    const write = list[i];
    if (!write) throw new Error(`no panel write of ${section} shows ${JSON.stringify(text.slice(-40))} (event ${chunk.index})`);
    cursor[section] = i;
    return write.t - offset - chunk.t;
  });
}

async function oneRun(
  ext: ExtensionBrowser,
  emulator: Emulator,
  ehr: FixtureServer,
  run: number,
  chunkSize: number,
  chunkDelayMs: number,
): Promise<StreamDelayRun> {
  // A fresh chart tab per run: its own tab id, so the panel starts with no note from an earlier run.
  const chart = await ext.context.newPage();
  await chart.goto(`${ehr.url}/sample-chart.html?bench=${run}`);
  const panel = await openPanel(ext, await tabIdOf(ext, chart.url()));
  try {
    emulator.reset();
    emulator.setFaults({ streamShape: 'sections', chunkMode: 'delta', chunkSize, chunkDelayMs, extras: false });
    await recordSectionWrites(panel);
    await panel.getByRole('textbox', { name: 'Transcript', exact: true }).fill(longTranscript());
    const clock = await clockOffset(panel);
    await panel.evaluate(() => void ((window as unknown as { __benchWrites: unknown[] }).__benchWrites.length = 0));
    await panel.getByRole('button', { name: 'Generate note', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'Note ready' }).waitFor({ timeout: 120_000 });

    const writes = await panel.evaluate(() => (window as unknown as { __benchWrites: ValueWrite[] }).__benchWrites);
    const stream = Math.max(...emulator.chunks.map((c) => c.stream));
    const events = expectedEvents(emulator, stream, chunkSize);
    // The boxes must end up holding exactly the emulator's note, or the matching is suspect.
    for (const s of SECTIONS) {
      const last = events.filter((e) => e.section === s).at(-1)?.text ?? '';
      const shown = await panel.getByRole('textbox', { name: s[0]!.toUpperCase() + s.slice(1), exact: true }).inputValue();
      if (shown !== last) throw new Error(`${s} box differs from the emulator's note`);
    }
    const delays = matchDelays(events, writes, clock.offset).sort((a, b) => a - b);
    // Text cannot show before it is sent: a clearly negative delay means the matching is wrong.
    if (delays[0]! < -(clock.uncertainty + 1)) throw new Error(`negative delay ${delays[0]!.toFixed(1)} ms: matching bug?`);
    return {
      count: delays.length,
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      max: delays.at(-1) ?? NaN,
      min: delays[0] ?? NaN,
      clockOffsetMs: clock.offset,
      clockUncertaintyMs: clock.uncertainty,
    };
  } finally {
    await panel.close();
    await chart.close();
  }
}

export async function measureStreamDelay(options: StreamDelayOptions = {}): Promise<StreamDelayResult> {
  const runs = options.runs ?? 3;
  const chunkSize = options.chunkSize ?? 6;
  const chunkDelayMs = options.chunkDelayMs ?? 20;
  const emulator = await startEmulator();
  const ehr = await serveFixtures();
  const ext = await launchChromiumWithExtension();
  try {
    await configureThroughOptions(ext, emulator.url);
    const results: Loaded<StreamDelayRun>[] = [];
    for (let run = 1; run <= runs; run++) results.push(await withLoad(() => oneRun(ext, emulator, ehr, run, chunkSize, chunkDelayMs)));
    // The user agent carries only the major version; the DevTools protocol has the whole one.
    const probe = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(probe);
    const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
    await cdp.detach();
    await probe.close();
    return {
      quietest: quietest(results, (r) => r.p95),
      runs: results,
      chunkSize,
      chunkDelayMs,
      browserVersion: /\/([\d.]+)/.exec(product)?.[1] ?? product,
    };
  } finally {
    await ext.close();
    await ehr.close();
    await emulator.close();
  }
}

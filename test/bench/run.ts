/**
 * `npm run bench`: runs every benchmark and prints one table (benchmark | figure | aim | within aim?)
 * with the date and the machine. Figures are reported, never asserted: a figure outside its aim does
 * not fail the run; a benchmark that cannot measure does (exit code 1).
 *
 * The results also go to `.tmp/bench-results.json` (git-ignored), for updating the README by hand.
 * Runs under Node's type stripping: erasable syntax only, `.ts` in relative imports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureBundles, type BundleEntry } from './bundle-size.ts';
import { measureStreamDelay, type StreamDelayResult } from './stream-delay.ts';

const PRODUCTION_BUILD = path.resolve('.output/chrome-mv3');
const RESULTS_FILE = path.resolve('.tmp/bench-results.json');
const KB = 1024;
const FRAME_MS = 16;
const AIMS_KB: Record<string, number> = { sidepanel: 60, background: 30 };

interface Row {
  benchmark: string;
  figure: string;
  aim: string;
  within: string;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
const yesNo = (ok: boolean) => (ok ? 'yes' : 'NO');

/** Newest modification time under the given paths (files or directories). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** Builds the production Chrome extension when it is missing or older than its sources. */
function ensureProductionBuild(): void {
  const manifest = path.join(PRODUCTION_BUILD, 'manifest.json');
  const sources = ['entrypoints', 'components', 'lib', 'public', 'assets', 'wxt.config.ts', 'manifest.config.ts', 'package.json'];
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newestMtime(sources)) return;
  console.error('Building the production Chrome extension (npx wxt build)…');
  const env = { ...process.env };
  delete env.CHARTSIDE_E2E;
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (built.status !== 0) throw new Error(`npx wxt build failed (exit ${built.status})`);
}

function chromiumVersionFromCli(): string {
  const out = spawnSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
  return /([\d]+\.[\d.]+)/.exec(out.stdout ?? '')?.[1] ?? 'unknown';
}

function table(rows: Row[]): string {
  const head: Row = { benchmark: 'Benchmark', figure: 'Figure', aim: 'Aim', within: 'Within aim?' };
  const cols = ['benchmark', 'figure', 'aim', 'within'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(...[head, ...rows].map((r) => r[c].length))])) as Record<(typeof cols)[number], number>;
  const line = (r: Row) => `| ${cols.map((c) => r[c].padEnd(width[c])).join(' | ')} |`;
  return [line(head), `|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const started = new Date();
  const rows: Row[] = [];
  const notes: string[] = [];
  let failed = false;

  // ── Stream delay ───────────────────────────────────────────────────────────────────────────────
  let stream: StreamDelayResult | undefined;
  try {
    stream = await measureStreamDelay({ runs: 3 });
    const m = stream.median;
    const label = `Stream delay (${m.count} chunks)`;
    rows.push({ benchmark: `${label}, p50`, figure: ms(m.p50), aim: '–', within: '–' });
    rows.push({ benchmark: `${label}, p95`, figure: ms(m.p95), aim: `< ${FRAME_MS} ms (one frame)`, within: yesNo(m.p95 < FRAME_MS) });
    rows.push({ benchmark: `${label}, max`, figure: ms(m.max), aim: '–', within: '–' });
    notes.push(
      `Stream delay: emulator write → text in the panel's section box; ${stream.runs.length} notes of ${m.count} events ` +
        `(${stream.chunkSize} chars, ${stream.chunkDelayMs} ms apart); the run with the median p95 is shown. ` +
        `p95 per run: ${stream.runs.map((r) => ms(r.p95)).join(', ')}. ` +
        `Clock offset panel − Node ${m.clockOffsetMs.toFixed(2)} ± ${m.clockUncertaintyMs.toFixed(2)} ms (corrected); min delay ${ms(m.min)}.`,
    );
  } catch (err) {
    failed = true;
    rows.push({ benchmark: 'Stream delay', figure: 'FAILED', aim: `p95 < ${FRAME_MS} ms`, within: '–' });
    notes.push(`Stream delay failed: ${(err as Error).stack ?? String(err)}`);
  }

  // ── Bundle size ────────────────────────────────────────────────────────────────────────────────
  let bundles: BundleEntry[] | undefined;
  try {
    ensureProductionBuild();
    bundles = measureBundles(PRODUCTION_BUILD);
    for (const b of bundles) {
      const name = b.kind === 'page' ? `${b.name}.html` : `${b.name}.js`;
      const aim = AIMS_KB[b.name];
      rows.push({
        benchmark: `Bundle, ${name} (gzip -9${b.files.length > 1 ? `, ${b.files.length} files` : ''})`,
        figure: `${kb(b.gzipBytes)} (raw ${kb(b.rawBytes)})`,
        aim: aim === undefined ? '–' : `< ${aim} KB`,
        within: aim === undefined ? '–' : yesNo(b.gzipBytes < aim * KB),
      });
    }
    notes.push(
      `Bundles: production build ${path.relative(process.cwd(), PRODUCTION_BUILD)}; a page counts every JS file it loads at start-up ` +
        `(script, modulepreload, static imports): ${bundles
          .filter((b) => b.kind === 'page')
          .map((b) => `${b.name} = ${b.files.join(' + ')}`)
          .join('; ')}. 1 KB = 1,024 bytes.`,
    );
  } catch (err) {
    failed = true;
    rows.push({ benchmark: 'Bundle size', figure: 'FAILED', aim: '–', within: '–' });
    notes.push(`Bundle size failed: ${(err as Error).stack ?? String(err)}`);
  }

  // ── Report ─────────────────────────────────────────────────────────────────────────────────────
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / KB ** 3) * 10) / 10,
    chromium: stream?.browserVersion ?? chromiumVersionFromCli(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  console.log('');
  console.log(`Chartside benchmarks — ${started.toISOString().slice(0, 10)}`);
  console.log(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; Chromium ${machine.chromium}; Node ${machine.node}; ${machine.os}`,
  );
  console.log('');
  console.log(table(rows));
  console.log('');
  for (const n of notes) console.log(`- ${n}`);

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ date: started.toISOString(), machine, rows, streamDelay: stream, bundles }, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULTS_FILE)}.`);
  return failed ? 1 : 0;
}

process.exitCode = await main();

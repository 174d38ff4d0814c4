/**
 * A busy computer for the busy.spec.ts suites: both cores kept at work while the panel reads the
 * chart, enables a site, generates and inserts. The product's bounds (a chart read ends by 11 s,
 * context shown within 15 s) must hold on such a machine, not only on an idle one.
 *
 * The load is bounded twice, so it can never outlive the test that asked for it: each process ends
 * itself after `seconds` (stress-ng's --timeout, or the fallback's own deadline) even if this
 * process is killed outright, and it is stopped at once by `stop()` (the fixture's teardown), at
 * this process's exit, and on SIGINT/SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** Longest load window a test may ask for: other helpers share these two cores. */
export const MAX_LOAD_SECONDS = 60;

export type LoadKind = 'stress-ng' | 'node';

export interface CpuLoad {
  /** What makes the load: stress-ng when installed, else busy-looping Node processes. */
  readonly kind: LoadKind;
  /** The load processes' ids (each leads its own process group). */
  readonly pids: readonly number[];
  /** Whether any load process is still at work: a test checks it, so a load that never ran cannot pass for one. */
  isRunning(): boolean;
  /** Ends the load now and waits until every load process has exited. Safe to call again. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function hasStressNg(): boolean {
  const probe = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Each load process leads its own process group (`detached`), so stress-ng's workers are ended with
 * it: the group is signalled, never anything by name.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

function stopAllNow(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
  running.clear();
}

let handlersInstalled = false;

/** The load ends with this process however it ends (normally, process.exit, Ctrl-C, a runner's SIGTERM). */
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', stopAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      stopAllNow();
      // Nobody else handles it: end as the signal would have without us.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts load on `cpus` cores for at most `seconds` (capped at MAX_LOAD_SECONDS). `using` picks the
 * kind (its own test runs the fallback too); by default stress-ng when installed.
 */
export function startCpuLoad({ seconds = 45, cpus = 2, using }: { seconds?: number; cpus?: number; using?: LoadKind } = {}): CpuLoad {
  const bounded = Math.max(1, Math.min(Math.round(seconds), MAX_LOAD_SECONDS));
  installExitHandlers();
  const kind: LoadKind = using ?? (hasStressNg() ? 'stress-ng' : 'node');
  const children: ChildProcess[] =
    kind === 'stress-ng'
      ? [spawn('stress-ng', ['--cpu', String(cpus), '--timeout', `${bounded}s`, '--quiet'], { detached: true, stdio: 'ignore' })]
      : Array.from({ length: cpus }, () =>
          spawn(process.execPath, ['-e', `const end = Date.now() + ${bounded * 1000}; while (Date.now() < end) {}`], { detached: true, stdio: 'ignore' }),
        );
  for (const child of children) {
    running.add(child);
    child.once('exit', () => running.delete(child));
    // A failed spawn is reported by the test's own bounds, not as an unhandled error.
    child.once('error', () => running.delete(child));
  }

  let stopping: Promise<void> | undefined;
  const alive = (child: ChildProcess) => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    kind,
    pids: children.flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    isRunning: () => children.some(alive),
    stop() {
      stopping ??= (async () => {
        for (const child of children) signalGroup(child, 'SIGTERM');
        const gone = Promise.all(children.map(exited));
        const late = await Promise.race([gone.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 3_000))]);
        if (late) for (const child of children) signalGroup(child, 'SIGKILL');
        await gone;
      })();
      return stopping;
    },
  };
}

/**
 * The Playwright fixture both browsers' busy suites use: `load.start(seconds)` begins a load window
 * where the test wants it (after the browser is up, so the product, not the launch, is measured),
 * and every window started is stopped at teardown, whether the test passed, failed or timed out.
 */
export interface LoadStarter {
  start(seconds?: number): CpuLoad;
}

export async function cpuLoadFixture({}: object, use: (starter: LoadStarter) => Promise<void>): Promise<void> {
  const started: CpuLoad[] = [];
  try {
    await use({ start: (seconds) => started[started.push(startCpuLoad({ seconds })) - 1]! });
  } finally {
    await Promise.all(started.map((load) => load.stop()));
  }
}

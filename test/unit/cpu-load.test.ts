import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCpuLoad, type LoadKind } from '../e2e/cpu-load';

// The busy suites' load must never outlive them: other helpers share these two cores. Each check
// uses one core for at most a few seconds.

/** Whether any process is left in the group `pid` leads (signal 0 only asks). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(probe: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return probe();
}

const CPU_LOAD = path.resolve('test/e2e/cpu-load.ts');

/** A Node process that starts a 30 s load, prints its pids, then does `then` ('exit' or wait for a signal). */
function loaderProcess(then: 'exit' | 'wait', using: LoadKind) {
  const script = `
    import { startCpuLoad } from ${JSON.stringify(CPU_LOAD)};
    const load = startCpuLoad({ seconds: 30, cpus: 1, using: ${JSON.stringify(using)} });
    console.log(JSON.stringify(load.pids));
    ${then === 'exit' ? 'setTimeout(() => process.exit(0), 300);' : 'setInterval(() => undefined, 1000);'}
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pids = new Promise<number[]>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as number[])));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, pids, exited };
}

describe.each(['stress-ng', 'node'] as const)('CPU load with %s', (using) => {
  it('runs until stop(), and then no process of it is left', async () => {
    const load = startCpuLoad({ seconds: 30, cpus: 1, using });
    expect(load.kind).toBe(using);
    expect(load.pids.length).toBeGreaterThan(0);
    expect(load.isRunning()).toBe(true);
    expect(load.pids.every(groupAlive)).toBe(true);
    await load.stop();
    expect(load.isRunning()).toBe(false);
    expect(load.pids.some(groupAlive)).toBe(false);
    await load.stop();
  });

  it('ends on its own when its time is up, with nobody to stop it', async () => {
    const load = startCpuLoad({ seconds: 1, cpus: 1, using });
    expect(load.isRunning()).toBe(true);
    expect(await until(() => !load.isRunning() && !load.pids.some(groupAlive), 6_000)).toBe(true);
  });

  it('ends when the process that started it exits, or is sent SIGTERM', async () => {
    const exiting = loaderProcess('exit', using);
    const exitingPids = await exiting.pids;
    await exiting.exited;
    expect(await until(() => !exitingPids.some(groupAlive), 3_000)).toBe(true);

    const signalled = loaderProcess('wait', using);
    const signalledPids = await signalled.pids;
    expect(signalledPids.every(groupAlive)).toBe(true);
    signalled.child.kill('SIGTERM');
    await signalled.exited;
    expect(await until(() => !signalledPids.some(groupAlive), 3_000)).toBe(true);
  });
});

/**
 * Reads a Chromium trace (the DevTools timeline categories) for the main-thread time of one script
 * — the chart reader — and the long tasks it is part of. Pure: the events in, figures out.
 *
 * - The script's work is every complete event (`ph: 'X'`) of its own: `EvaluateScript`, `v8.compile`
 *   and `v8.run` whose script URL (`args.data.url`, `args.fileName`) is one of the script's files
 *   (running the file when it is injected), and then every `v8.callFunction` / `v8.run` /
 *   `FunctionCall` in the isolated world those ran in (`args.worldId`, on the same thread): a content
 *   script's message listener is called as `v8.callFunction` in its world, with no URL of its own.
 *   Only the outermost of nested events is counted: a call includes the garbage collection, style
 *   and layout work it causes.
 * - Tasks are the main thread's `RunTask` events on the same thread; a task ≥ 50 ms (the long task
 *   threshold of the Long Tasks API) with any of the script's work inside counts as one the script
 *   took part in, with how much of it was the script's.
 * Runs under Node's type stripping: erasable syntax only.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time: how long the thread actually ran within `dur` (the rest it was descheduled). */
  tdur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { data?: { url?: string }; name?: string; fileName?: string; worldId?: number; worldName?: string };
}

export interface ScriptTask {
  /** Task length, ms. */
  ms: number;
  /** The script's share of it, ms. */
  scriptMs: number;
  /**
   * The task's thread time (`tdur`), ms, where the trace has it: a long task whose thread time is
   * short spent its length waiting for a core (a loaded machine), not working.
   */
  threadMs?: number;
  /** The outermost of the script's events in the task, by name (e.g. FunctionCall). */
  kinds: string[];
}

export interface ScriptMainThread {
  /** The script's main-thread time, ms, all of its events together. */
  totalMs: number;
  /**
   * The same events' thread time (`tdur`), ms: the CPU the script used, without the time the
   * thread waited for a core. On a loaded machine `totalMs` grows with the load; this much less.
   */
  cpuMs: number;
  /** Time per event name (EvaluateScript, FunctionCall, …), ms. */
  byKind: Record<string, number>;
  /** Tasks with some of the script's work, longest first. */
  tasks: ScriptTask[];
  /** Those ≥ `longTaskMs`. */
  longTasks: ScriptTask[];
  /** The longest task on that thread, whoever ran it (the page's own parse, for scale), ms. */
  longestTaskOnThreadMs: number;
}

export const LONG_TASK_MS = 50;
const BY_URL = new Set(['EvaluateScript', 'v8.compile', 'v8.run', 'FunctionCall']);
const BY_WORLD = new Set(['v8.callFunction', 'v8.run', 'FunctionCall', 'v8.compile']);

const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);

export function attributeScript(events: TraceEvent[], isScript: (url: string) => boolean, longTaskMs = LONG_TASK_MS): ScriptMainThread {
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName;
  const byUrl = events.filter((e) => e.ph === 'X' && BY_URL.has(e.name) && typeof urlOf(e) === 'string' && isScript(urlOf(e)!));
  // The worlds (per thread) the script's files ran in.
  const worlds = new Set(byUrl.filter((e) => typeof e.args?.worldId === 'number').map((e) => `${thread(e)}:${e.args!.worldId}`));
  const mine = events.filter(
    (e) => byUrl.includes(e) || (e.ph === 'X' && BY_WORLD.has(e.name) && typeof e.args?.worldId === 'number' && worlds.has(`${thread(e)}:${e.args.worldId}`)),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of mine) {
    const key = thread(e);
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  const byKind: Record<string, number> = {};
  const tasks: ScriptTask[] = [];
  let totalMs = 0;
  let cpuMs = 0;
  let longestTaskOnThreadMs = 0;
  for (const [key, list] of byThread) {
    // Outermost only: sorted by start (longer first on ties), skip whatever lies inside the last kept one.
    const sorted = [...list].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const outer: TraceEvent[] = [];
    for (const e of sorted) {
      const last = outer.at(-1);
      if (last && e.ts >= last.ts && end(e) <= end(last)) continue;
      outer.push(e);
    }
    const runTasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && thread(e) === key);
    for (const t of runTasks) longestTaskOnThreadMs = Math.max(longestTaskOnThreadMs, (t.dur ?? 0) / 1000);
    const perTask = new Map<TraceEvent | undefined, TraceEvent[]>();
    for (const e of outer) {
      const ms = (e.dur ?? 0) / 1000;
      totalMs += ms;
      cpuMs += (e.tdur ?? e.dur ?? 0) / 1000;
      byKind[e.name] = (byKind[e.name] ?? 0) + ms;
      const task = runTasks.find((t) => e.ts >= t.ts && end(e) <= end(t));
      perTask.set(task, [...(perTask.get(task) ?? []), e]);
    }
    for (const [task, inside] of perTask) {
      const scriptMs = inside.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
      // An event outside every RunTask (a trace cut at its edge) stands as its own task.
      const entry: ScriptTask = { ms: task ? (task.dur ?? 0) / 1000 : scriptMs, scriptMs, kinds: [...new Set(inside.map((e) => e.name))] };
      if (task?.tdur !== undefined) entry.threadMs = task.tdur / 1000;
      tasks.push(entry);
    }
  }
  tasks.sort((a, b) => b.ms - a.ms);
  return { totalMs, cpuMs, byKind, tasks, longTasks: tasks.filter((t) => t.ms >= longTaskMs), longestTaskOnThreadMs };
}

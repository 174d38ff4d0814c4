import { describe, expect, it } from 'vitest';
import { attributeScript, type TraceEvent } from './trace-attribution';

const READER = 'chrome-extension://abc/content-scripts/content.js';
const isReader = (u: string) => u.startsWith('chrome-extension://abc/content-scripts/');
const ms = 1000;
const x = (name: string, ts: number, dur: number, args?: TraceEvent['args'], tid = 1): TraceEvent => ({ name, ph: 'X', ts: ts * ms, dur: dur * ms, pid: 7, tid, args });

describe('attributeScript', () => {
  const events: TraceEvent[] = [
    // The page parsing and laying out: long, but not the reader's.
    x('RunTask', 0, 120),
    x('ParseHTML', 0, 110, { data: { url: 'http://127.0.0.1/large-chart.html' } }),
    // The reader injected at document_idle, in isolated world 5.
    x('RunTask', 200, 2),
    x('EvaluateScript', 200, 1.5, { data: { url: READER } }),
    x('v8.run', 200.1, 1.3, { fileName: READER, worldId: 5 }),
    // Its listener answering chart:read: a 60 ms task, 58 of them the reader's (GC inside counted once).
    x('RunTask', 300, 60),
    x('v8.callFunction', 301, 58, { worldId: 5 }),
    x('MinorGC', 310, 4),
    // A call in another isolated world (another extension's) is not the reader's.
    x('RunTask', 400, 70),
    x('v8.callFunction', 401, 68, { worldId: 9 }),
    // Nor is the same world number on another thread.
    x('RunTask', 500, 80, undefined, 2),
    x('v8.callFunction', 501, 78, { worldId: 5 }, 2),
  ];

  it("counts the reader's injection and its listener, nested events once", () => {
    const r = attributeScript(events, isReader);
    expect(r.totalMs).toBeCloseTo(1.5 + 58, 5);
    expect(r.byKind).toEqual({ EvaluateScript: 1.5, 'v8.callFunction': 58 });
  });

  it('names the long tasks the reader is in, and only those', () => {
    const r = attributeScript(events, isReader);
    expect(r.longTasks).toEqual([{ ms: 60, scriptMs: 58, kinds: ['v8.callFunction'] }]);
    expect(r.tasks.map((t) => t.ms)).toEqual([60, 2]);
    expect(r.longestTaskOnThreadMs).toBe(120);
  });

  it("counts the thread time of the reader's events apart: a call that waited for a core used less CPU than it lasted", () => {
    const waited = events.map((e) => (e.name === 'v8.callFunction' && e.args?.worldId === 5 && e.tid === 1 ? { ...e, tdur: 20 * ms } : e));
    const r = attributeScript(waited, isReader);
    expect(r.totalMs).toBeCloseTo(1.5 + 58, 5);
    // Events without thread time count their whole length.
    expect(r.cpuMs).toBeCloseTo(1.5 + 20, 5);
  });

  it("gives a long task's thread time where the trace has it", () => {
    const waited = events.map((e) => (e.name === 'RunTask' && e.ts === 300 * ms ? { ...e, tdur: 21 * ms } : e));
    expect(attributeScript(waited, isReader).longTasks).toEqual([{ ms: 60, scriptMs: 58, threadMs: 21, kinds: ['v8.callFunction'] }]);
  });

  it('sees no long task when the reader is quick', () => {
    const quick = events.map((e) => (e.name === 'v8.callFunction' && e.args?.worldId === 5 && e.tid === 1 ? { ...e, dur: 20 * ms } : e));
    const r = attributeScript(quick.map((e) => (e.name === 'RunTask' && e.ts === 300 * ms ? { ...e, dur: 22 * ms } : e)), isReader);
    expect(r.longTasks).toEqual([]);
    expect(r.totalMs).toBeCloseTo(21.5, 5);
  });
});

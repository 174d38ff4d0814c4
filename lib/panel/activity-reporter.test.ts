import { describe, expect, it, vi } from 'vitest';
import { reportActivity } from './activity-reporter';

function setup() {
  let now = 1_000_000;
  const target = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
  const report = vi.fn();
  const check = vi.fn();
  const reporter = reportActivity({ target, document: doc as unknown as Document, report, check, now: () => now, intervalMs: 15_000 });
  return { target, doc, report, check, reporter, advance: (ms: number) => (now += ms) };
}

describe('reportActivity', () => {
  it('reports the first input at once, then at most once per interval', () => {
    const { target, report, advance } = setup();
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('input'));
    target.dispatchEvent(new Event('pointerdown'));
    expect(report).toHaveBeenCalledTimes(1);
    advance(14_999);
    target.dispatchEvent(new Event('keydown'));
    expect(report).toHaveBeenCalledTimes(1);
    advance(1);
    target.dispatchEvent(new Event('keydown'));
    expect(report).toHaveBeenCalledTimes(2);
  });

  it('asks for a check, not a report, when the panel is shown or focused: looking is not using', () => {
    const { target, doc, report, check } = setup();
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(check).not.toHaveBeenCalled();
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    target.dispatchEvent(new Event('focus'));
    expect(check).toHaveBeenCalledTimes(2);
    expect(report).not.toHaveBeenCalled();
  });

  it('reports activity that is not a DOM event (a keyboard shortcut), and stops listening when stopped', () => {
    const { target, report, reporter, advance } = setup();
    reporter.activity();
    expect(report).toHaveBeenCalledTimes(1);
    reporter.stop();
    advance(60_000);
    target.dispatchEvent(new Event('keydown'));
    expect(report).toHaveBeenCalledTimes(1);
  });
});

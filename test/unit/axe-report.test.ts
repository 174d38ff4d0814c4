import type { NodeResult, Result } from 'axe-core';
import { describe, expect, it } from 'vitest';
import { assertAxeRan, describeViolations, isDarkBackground, seriousViolations } from '../support/axe-report';

// The audit's verdict comes from these: a serious finding must fail, a moderate one must not, and
// the failure must say where and why without a rerun.

const node = (impact: NodeResult['impact'], target: string, failureSummary = 'Fix any of the following: too faint'): NodeResult =>
  ({ impact, target: [target], html: `<span class="${target}">x</span>`, failureSummary, any: [], all: [], none: [] }) as NodeResult;
const violation = (id: string, impact: Result['impact'], nodes: NodeResult[]): Result =>
  ({ id, impact, nodes, help: `${id} help`, helpUrl: `https://example.test/${id}`, description: '', tags: [] }) as Result;

describe('seriousViolations', () => {
  it('keeps serious and critical elements only, and drops a rule left with none', () => {
    const kept = seriousViolations({
      violations: [
        violation('color-contrast', 'serious', [node('serious', '.badge'), node('moderate', '.hint')]),
        violation('region', 'moderate', [node('moderate', 'main')]),
        violation('button-name', 'critical', [node('critical', '#play')]),
      ],
    });
    expect(kept.map((v) => [v.id, v.nodes.map((n) => n.target[0])])).toEqual([
      ['color-contrast', ['.badge']],
      ['button-name', ['#play']],
    ]);
  });
});

describe('describeViolations', () => {
  it('names the rule, impact, element and what to fix, on one line per element', () => {
    const lines = describeViolations([violation('color-contrast', 'serious', [node('serious', '.badge', 'Fix any of the following:\n  contrast of 3.62')])]);
    expect(lines).toEqual([
      'color-contrast (serious) at .badge <span class=".badge">x</span>: Fix any of the following: contrast of 3.62 [https://example.test/color-contrast]',
    ]);
  });
});

describe('assertAxeRan', () => {
  it('refuses a run in which no rule passed: nothing was checked', () => {
    expect(() => assertAxeRan({ url: 'about:blank', passes: [] })).toThrow(/checked nothing/);
    expect(() => assertAxeRan({ url: 'x', passes: [violation('document-title', undefined, [])] })).not.toThrow();
  });
});

describe('isDarkBackground', () => {
  it('tells the dark theme from the light one by the body colour', () => {
    expect(isDarkBackground('rgb(22, 25, 29)')).toBe(true);
    expect(isDarkBackground('rgb(255, 255, 255)')).toBe(false);
    expect(() => isDarkBackground('transparent')).toThrow();
    expect(() => isDarkBackground('rgba(0, 0, 0, 0)')).toThrow();
  });
});

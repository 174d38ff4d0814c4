/**
 * What both browsers' accessibility audits share (issue 20): the rules axe-core runs, which of its
 * findings fail a test, and how a finding is written so that whoever reads the failure can fix it
 * without running the test again. Chromium drives axe through @axe-core/playwright
 * (test/support/axe-audit.ts), Firefox by injecting axe-core itself (test/support/firefox-axe.ts).
 */
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

/** WCAG 2.0 and 2.1, levels A and AA: the level the issue holds the panel and the options page to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** axe.run's options for those tags (what AxeBuilder.withTags builds, for the Firefox injection). */
export const AXE_RUN_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: [...AXE_TAGS] } };

/** The impacts that fail the audit; minor and moderate findings are left to review, as the issue asks. */
const FAILING_IMPACTS: ReadonlySet<ImpactValue> = new Set<ImpactValue>(['serious', 'critical']);

/** The violations that fail the audit, each node kept only if its own impact is serious or critical. */
export function seriousViolations(results: Pick<AxeResults, 'violations'>): Result[] {
  return results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => FAILING_IMPACTS.has(n.impact ?? v.impact ?? 'minor')) }))
    .filter((v) => v.nodes.length > 0);
}

/**
 * One line per failing element: rule, impact, the element's selector and its HTML (cut short), and
 * axe's summary of what is wrong (for colour contrast: both colours, the ratio and the ratio required).
 */
export function describeViolations(violations: readonly Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => {
      const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' , ');
      const summary = (n.failureSummary ?? v.help).replace(/\s+/g, ' ').trim();
      const html = n.html.length > 160 ? `${n.html.slice(0, 160)}…` : n.html;
      return `${v.id} (${n.impact ?? v.impact}) at ${target} ${html}: ${summary} [${v.helpUrl}]`;
    }),
  );
}

/**
 * Throws unless axe really checked the page: a run that passed nothing (an empty page, a page not
 * yet rendered, a wrong frame) would otherwise look like a clean audit.
 */
export function assertAxeRan(results: Pick<AxeResults, 'passes' | 'url'>): void {
  if (results.passes.length === 0) throw new Error(`axe checked nothing on ${results.url}: no rule passed`);
}

/** The page's colour scheme as its theme shows it: dark when the body's background is dark. */
export function isDarkBackground(cssColor: string): boolean {
  const [r, g, b, alpha = 1] = cssColor.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
  // A transparent body (no theme applied) would read as black: dark by accident.
  if (b === undefined || alpha === 0) throw new Error(`not an opaque rgb() colour: ${cssColor}`);
  return 0.299 * r! + 0.587 * g! + 0.114 * b < 128;
}

export type ColorScheme = 'light' | 'dark';
export const COLOR_SCHEMES: readonly ColorScheme[] = ['light', 'dark'];

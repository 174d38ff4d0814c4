import type { Ref } from 'preact';
import { useMemo } from 'preact/hooks';
import type { SafetyCheckInput, SafetyFinding } from '@/lib/note/safety';
import { SECTION_LABELS } from '@/lib/note/sections';
import { lazyModule, useLazyModule } from './lazy-module';

export const SEVERITY_WORDS: Record<SafetyFinding['severity'], string> = { warning: 'Check', caution: 'Verify', info: 'Note' };

/** The checks and their drug tables are a third of the panel's code: loaded when a note first needs them, not at start-up. */
const safetyChecks = lazyModule(() => import('@/lib/note/safety'));

/**
 * The findings for the note as it stands (undefined while the checks load). Run once per render of
 * the panel and shared by the summary in the action bar and the full list below the note.
 */
export function useSafetyFindings(input: SafetyCheckInput | undefined): SafetyFinding[] | undefined {
  const checks = useLazyModule(safetyChecks);
  return useMemo(() => (input && checks ? checks.runSafetyChecks(input) : undefined), [input, checks]);
}

/**
 * A second pair of eyes on the note before it goes into the chart: allergy conflicts, statements
 * nobody made, medications not on the chart. Never blocking; each finding says why it is there.
 */
export function SafetyChecks({ findings, headingRef }: { findings: SafetyFinding[] | undefined; headingRef?: Ref<HTMLHeadingElement> }) {
  if (!findings) {
    return (
      <section class="stack" aria-label="Safety checks" aria-busy="true">
        <h2 ref={headingRef} tabIndex={-1}>
          Safety checks
        </h2>
        <p class="hint">Checking…</p>
      </section>
    );
  }
  return (
    <section class="stack" aria-label="Safety checks">
      <h2 ref={headingRef} tabIndex={-1}>
        Safety checks
      </h2>
      {findings.length === 0 ? (
        <p class="hint">Nothing to flag. These checks are a screening aid: read the note before you insert it.</p>
      ) : (
        <ul class="items">
          {findings.map((f) => (
            <li key={f.id} class={`finding ${f.severity}`}>
              <span class={`badge ${f.severity}`}>{SEVERITY_WORDS[f.severity]}</span> <strong>{SECTION_LABELS[f.section]}</strong>: “{f.text}” — {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

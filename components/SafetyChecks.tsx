import type { Ref } from 'preact';
import type { SafetyFinding } from '@/lib/note/safety';
import { SECTION_LABELS } from '@/lib/note/sections';

export const SEVERITY_WORDS: Record<SafetyFinding['severity'], string> = { warning: 'Check', caution: 'Verify', info: 'Note' };

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

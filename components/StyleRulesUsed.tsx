/**
 * Which style rules the note on show was written with, as the lines sent ("Plan: …"), folded
 * behind a native summary so it is one Tab stop and opens with Enter or Space.
 */
export function StyleRulesUsed({ rules }: { rules: readonly string[] }) {
  if (rules.length === 0) return null;
  return (
    <section aria-label="Style rules used" class="style-rules-used">
      <details>
        <summary class="hint">
          Written with {rules.length} style rule{rules.length === 1 ? '' : 's'}
        </summary>
        <ul class="items hint">
          {rules.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}

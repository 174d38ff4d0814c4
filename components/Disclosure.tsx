import type { ComponentChildren } from 'preact';

export interface DisclosureProps {
  /** The toggle's accessible name and visible words. */
  label: string;
  /** Shown beside the toggle: what the folded part holds, at a glance. */
  summary?: ComponentChildren;
  /** The summary before the toggle ("12 items will be sent · Review") rather than after it. */
  summaryFirst?: boolean;
  open: boolean;
  onToggle(open: boolean): void;
  /** id of the folded part (the toggle's aria-controls). */
  id: string;
  children: ComponentChildren;
}

/**
 * A part of the panel folded behind one press. The folded part stays in the page (hidden), so
 * what is typed into it, and the text of what it holds, survive folding.
 */
export function Disclosure({ label, summary, summaryFirst = false, open, onToggle, id, children }: DisclosureProps) {
  const said = summary !== undefined && <span class="hint disclosure-summary">{summary}</span>;
  return (
    <div class="disclosure">
      <div class="row disclosure-line">
        {summaryFirst && said}
        <button type="button" class="link disclosure-toggle" aria-expanded={open} aria-controls={id} onClick={() => onToggle(!open)}>
          <span class="chevron" aria-hidden="true" />
          {label}
        </button>
        {!summaryFirst && said}
      </div>
      <div id={id} class="stack" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

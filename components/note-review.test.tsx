// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SafetyCheckInput } from '@/lib/note/safety';
import { useNoteReview, type NoteReview } from './note-review';

const TRANSCRIPT = 'Patient: I have had a cough for three days. Doctor: Start amoxicillin 500 mg three times a day.';
const base = { transcript: TRANSCRIPT, allergies: [] } satisfies Omit<SafetyCheckInput, 'sections'>;
const sectionsOf = (plan: string) => ({ subjective: 'Cough for three days.', objective: '', assessment: '', plan });

/** Statements marked with no evidence or only partly supported. */
const unsupported = (review: NoteReview | undefined) => (review ? review.evidence.summary.withoutEvidence + review.evidence.summary.partlySupported : NaN);

let shown: NoteReview | undefined;
function Probe({ input, writing }: { input: SafetyCheckInput; writing: boolean }) {
  shown = useNoteReview(input, writing);
  return null;
}

const root = document.createElement('div');
const draw = (input: SafetyCheckInput, writing: boolean) => act(async () => render(<Probe input={input} writing={writing} />, root));
/** Lets the checks' module load (a dynamic import) and any timer due by then run. */
const settle = (ms = 20) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

// The checks' module is loaded once per page; after that a review is made in the same render.
beforeAll(async () => {
  await draw({ ...base, sections: sectionsOf('Start amoxicillin.') }, false);
  await vi.waitFor(() => expect(shown).toBeDefined(), { timeout: 10_000 });
  render(null, root);
  shown = undefined;
});
afterEach(() => render(null, root));

describe('useNoteReview while the note is being written', () => {
  it('reviews nothing while the API writes, and the written note at once (not after the edit debounce) when it ends', async () => {
    await draw({ ...base, sections: sectionsOf('Start') }, true);
    await settle(400); // longer than the edit debounce: still nothing, the note is half written
    expect(shown).toBeUndefined();
    for (const plan of ['Start amoxicillin', 'Start amoxicillin 500 mg', 'Start amoxicillin 800 mg three times a day.']) {
      await draw({ ...base, sections: sectionsOf(plan) }, true);
      await settle(5);
    }
    expect(shown).toBeUndefined();

    await draw({ ...base, sections: sectionsOf('Start amoxicillin 800 mg three times a day.') }, false);
    await settle(5);
    expect(shown?.stale).toBe(false);
    // The 800 mg the visit never said is found: it is the finished note that was reviewed.
    expect(unsupported(shown)).toBeGreaterThan(0);
  });

  it('keeps the last review, marked stale, while a section is written again, then reviews the new text at once', async () => {
    await draw({ ...base, sections: sectionsOf('Start amoxicillin 500 mg three times a day.') }, false);
    await settle();
    const first = shown;
    expect(first?.stale).toBe(false);
    expect(unsupported(first)).toBe(0);

    await draw({ ...base, sections: sectionsOf('Start amox') }, true);
    await settle(400);
    expect(shown?.stale).toBe(true);
    expect(shown?.evidence).toBe(first?.evidence);

    await draw({ ...base, sections: sectionsOf('Start amoxicillin 800 mg three times a day.') }, false);
    await settle(5);
    expect(shown?.stale).toBe(false);
    expect(unsupported(shown)).toBeGreaterThan(0);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { ApiErrorInfo } from '../api/errors';
import type { ReopenedNote, Result } from '../messaging/request-background';
import { consentLine } from '../note/consent';
import { emptySections, type NoteSections } from '../note/sections';
import type { NoteHistoryEntry } from '../storage/note-history';
import { clockTime } from './expiry-text';
import { createNoteHistoryStore, type NoteBoxes } from './note-history-store';

const COMPLETED = new Date(2026, 2, 2, 10, 42).getTime();
const when = clockTime(COMPLETED);

const entry: NoteHistoryEntry = {
  jobId: 'job-1',
  noteId: 'note_1',
  completedAt: COMPLETED,
  patient: { name: 'Maria Alvarez' },
  specialty: 'physician',
  sections: { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' },
};

const NOT_FOUND: ApiErrorInfo = { kind: 'not_found', message: 'The note was not found.', nextStep: 'x', retryable: false };

function setup(answer: Result<ReopenedNote>, boxes: Partial<{ sections: NoteSections; locked: boolean; entry: NoteHistoryEntry }> = {}) {
  const shown: Array<{ sections: NoteSections; patient: unknown; transcript?: string }> = [];
  let current = boxes.sections ?? emptySections();
  const box: NoteBoxes = {
    sections: () => current,
    locked: () => boxes.locked ?? false,
    show: (note, patient) => {
      shown.push({ sections: note.sections, patient, ...(note.transcript !== undefined && { transcript: note.transcript }) });
      current = note.sections;
      return true;
    },
  };
  const getNote = vi.fn(async () => answer);
  const store = createNoteHistoryStore({ list: async () => [boxes.entry ?? entry], getNote, boxes: () => box, now: () => COMPLETED });
  return { store, shown, getNote };
}

const note = (sections: Partial<NoteSections>, extra: Partial<ReopenedNote> = {}): Result<ReopenedNote> => ({
  ok: true,
  data: { noteId: 'note_1', status: 'completed', ...sections, expires_at: '2026-03-03T10:42:00Z', ...extra } as ReopenedNote,
});

describe('createNoteHistoryStore', () => {
  it('loads the list', async () => {
    const { store } = setup(note({}));
    await store.refresh();
    expect(store.entries.value).toEqual([entry]);
  });

  it('reopens into empty boxes at once, for the patient it was written for', async () => {
    const { store, shown, getNote } = setup(note({ subjective: 'S2', plan: 'P2' }));
    await store.reopen(entry);
    expect(getNote).toHaveBeenCalledWith('note_1', 'job-1');
    expect(shown).toEqual([{ sections: { subjective: 'S2', objective: '', assessment: '', plan: 'P2' }, patient: { name: 'Maria Alvarez' } }]);
    expect(store.notice.value).toContain(when);
  });

  it("reopens a recorded visit with the transcript kept in its entry, also after confirming the replace", async () => {
    const words = 'Patient reports lower back pain for three weeks after lifting boxes at work.';
    const recorded = { ...entry, transcript: words };
    const { store, shown } = setup(note({ subjective: 'S2' }), { entry: recorded });
    await store.reopen(recorded);
    expect(shown).toEqual([expect.objectContaining({ transcript: words })]);

    const busy = setup(note({ subjective: 'S2' }), { entry: recorded, sections: { ...emptySections(), plan: 'Another note.' } });
    await busy.store.reopen(recorded);
    expect(busy.shown).toEqual([]);
    busy.store.confirmReplace();
    expect(busy.shown).toEqual([expect.objectContaining({ transcript: words })]);
  });

  it('puts the consent line of a recorded visit back in its place (the API does not hold it), so the same note is not "another"', async () => {
    const consent = { confirmedAt: COMPLETED - 600_000, by: 'Dr Lee', placement: 'subjective-end' as const };
    const line = consentLine(consent);
    const recorded = { ...entry, consent };
    const { store, shown } = setup(note({ subjective: 'S2', plan: 'P2' }), { entry: recorded });
    await store.reopen(recorded);
    expect(shown[0]?.sections).toEqual({ subjective: `S2\n\n${line}`, objective: '', assessment: '', plan: 'P2' });

    const same = { subjective: `S\n\n${line}`, objective: 'O', assessment: 'A', plan: 'P' };
    const again = setup(note({ subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' }), { entry: recorded, sections: same });
    await again.store.reopen(recorded);
    expect(again.store.pending.value).toBeUndefined();
    expect(again.shown[0]?.sections).toEqual(same);
  });

  it('does not ask when the boxes hold the same note', async () => {
    const same = { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' };
    const { store, shown } = setup(note(same), { sections: same });
    await store.reopen(entry);
    expect(store.pending.value).toBeUndefined();
    expect(shown).toHaveLength(1);
  });

  it('asks before replacing an edited note, and keeps it when told to', async () => {
    const edited = { subjective: 'my edit', objective: 'O', assessment: 'A', plan: 'P' };
    const { store, shown } = setup(note({ subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' }), { sections: edited });
    await store.reopen(entry);
    expect(store.pending.value?.entry).toBe(entry);
    expect(shown).toHaveLength(0);
    store.cancelReplace();
    expect(store.pending.value).toBeUndefined();
    expect(shown).toHaveLength(0);

    await store.reopen(entry);
    store.confirmReplace();
    expect(shown.map((s) => s.sections.subjective)).toEqual(['S']);
  });

  it('says plainly that an expired (404) note was deleted by the API and marks it expired', async () => {
    const { store, shown } = setup({ ok: false, error: NOT_FOUND });
    await store.refresh();
    await store.reopen(entry);
    expect(store.error.value?.message).toBe(`The note from ${when} has expired: the SOAP Note API has deleted it, so it cannot be reopened.`);
    expect(store.error.value?.nextStep).toMatch(/take a copy from the EHR/);
    expect(store.entries.value[0]?.gone).toBe(true);
    expect(shown).toHaveLength(0);
  });

  it('passes other errors on unchanged', async () => {
    const auth: ApiErrorInfo = { kind: 'auth', message: 'Bad key.', nextStep: 'Open settings.', retryable: false };
    const { store } = setup({ ok: false, error: auth });
    await store.reopen(entry);
    expect(store.error.value).toEqual(auth);
  });

  it('cannot reopen a note the API gave no id for, and says why without asking the API', async () => {
    const { store, getNote } = setup(note({}));
    await store.reopen({ ...entry, noteId: undefined });
    expect(getNote).not.toHaveBeenCalled();
    expect(store.error.value?.message).toMatch(/no note ID/);
  });

  it('does not touch the boxes while a note is being written', async () => {
    const { store, shown } = setup(note({ subjective: 'S' }), { locked: true });
    await store.reopen(entry);
    expect(shown).toHaveLength(0);
    expect(store.error.value?.message).toMatch(/being written/);
  });

  it('reports a note the API has not finished', async () => {
    const { store, shown } = setup(note({}, { status: 'processing' }));
    await store.reopen(entry);
    expect(shown).toHaveLength(0);
    expect(store.error.value?.message).toMatch(/still working/);
  });
});

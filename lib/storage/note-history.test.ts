import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JobSnapshot, JobStatus } from '../messaging/background-to-ui';
import { listNoteHistory, MAX_HISTORY, recordJobInHistory, rememberJobMeta, updateHistoryEntry } from './note-history';

beforeEach(() => {
  fakeBrowser.reset();
});

function job(id: string, status: JobStatus, extras: Record<string, unknown> = { noteId: `note-${id}`, expires_at: '2026-03-03T10:00:00Z' }): JobSnapshot {
  return {
    id,
    bindingKey: 'tab-1',
    status,
    note: { sections: { subjective: `S ${id}`, objective: 'O', assessment: 'A', plan: 'P' }, extras },
    startedAt: 1_000,
    updatedAt: 2_000,
  };
}

const patient = { name: 'Maria Alvarez', dob: '1971-03-14', mrn: '00482913' };

describe('recordJobInHistory', () => {
  it('turns a completed job into an entry with its note id, expiry, patient and specialty, in storage.session only', async () => {
    await rememberJobMeta('a', { patient, specialty: 'physician' });
    const entry = await recordJobInHistory(job('a', 'complete'), 5_000);
    expect(entry).toEqual({
      jobId: 'a',
      noteId: 'note-a',
      expiresAt: '2026-03-03T10:00:00Z',
      completedAt: 5_000,
      patient,
      specialty: 'physician',
      sections: { subjective: 'S a', objective: 'O', assessment: 'A', plan: 'P' },
    });
    expect(await listNoteHistory()).toEqual([entry]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // The start-up facts are gone once used.
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['note-history:a']);
  });

  it("keeps a recorded visit's returned transcript with its entry", async () => {
    const words = 'Patient reports lower back pain for three weeks after lifting boxes at work.';
    const recorded: JobSnapshot = { ...job('r', 'complete'), audio: { recordingId: 'rec-1', polls: 0, transcript: words } };
    expect((await recordJobInHistory(recorded, 5_000))?.transcript).toBe(words);
    expect((await listNoteHistory())[0]?.transcript).toBe(words);
    expect(await recordJobInHistory(job('t', 'complete'), 6_000)).not.toHaveProperty('transcript');
  });

  it("keeps a recorded visit's consent to record, with its line in the sections as the job had them", async () => {
    const consent = { confirmedAt: 4_000, placement: 'plan-end' as const };
    const sections = { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P\n\nPatient consented to audio recording of this visit; confirmed by the clinician at …' };
    const recorded: JobSnapshot = { ...job('c', 'complete'), note: { sections, extras: {} }, audio: { recordingId: 'rec-1', polls: 0, consent } };
    await recordJobInHistory(recorded, 5_000);
    expect((await listNoteHistory())[0]).toMatchObject({ consent, sections });
    expect(await recordJobInHistory(job('t', 'complete'), 6_000)).not.toHaveProperty('consent');
  });

  it('keeps the consent of a note from a typed transcript of a recorded visit, so a reopened note has its line back', async () => {
    const consent = { confirmedAt: 4_000, placement: 'subjective-end' as const };
    const sections = { subjective: 'S\n\nPatient consented to audio recording of this visit; confirmed by the clinician at …', objective: 'O', assessment: 'A', plan: 'P' };
    await recordJobInHistory({ ...job('k', 'complete'), note: { sections, extras: {} }, consent }, 5_000);
    expect((await listNoteHistory())[0]).toMatchObject({ jobId: 'k', consent, sections });
  });

  it('records what exists when the API sent no note id or expiry', async () => {
    await rememberJobMeta('b', { specialty: 'psychiatrist' });
    const entry = await recordJobInHistory(job('b', 'complete', {}), 5_000);
    expect(entry?.noteId).toBeUndefined();
    expect(entry?.expiresAt).toBeUndefined();
    expect(entry?.specialty).toBe('psychiatrist');
  });

  it('ignores running jobs, and drops the facts of jobs that failed or were stopped without an entry', async () => {
    await rememberJobMeta('c', { specialty: 'physician' });
    expect(await recordJobInHistory(job('c', 'streaming'))).toBeUndefined();
    expect(await fakeBrowser.storage.session.get('note-meta:c')).not.toEqual({});
    expect(await recordJobInHistory(job('c', 'error'))).toBeUndefined();
    expect(await recordJobInHistory(job('d', 'cancelled'))).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('does not record a completed job twice (a second save keeps the first time)', async () => {
    await rememberJobMeta('e', { specialty: 'physician' });
    await recordJobInHistory(job('e', 'complete'), 5_000);
    expect(await recordJobInHistory(job('e', 'complete'), 9_000)).toBeUndefined();
    expect((await listNoteHistory())[0]?.completedAt).toBe(5_000);
  });

  it('lists newest first and keeps at most MAX_HISTORY entries', async () => {
    for (let i = 0; i < MAX_HISTORY + 2; i++) await recordJobInHistory(job(`j${i}`, 'complete'), 1_000 + i);
    const list = await listNoteHistory();
    expect(list).toHaveLength(MAX_HISTORY);
    expect(list[0]?.jobId).toBe(`j${MAX_HISTORY + 1}`);
    expect(list.some((e) => e.jobId === 'j0' || e.jobId === 'j1')).toBe(false);
  });
});

describe('updateHistoryEntry', () => {
  it('marks an entry gone or renews its expiry; an unknown job is left alone', async () => {
    await recordJobInHistory(job('a', 'complete'), 5_000);
    await updateHistoryEntry('a', { gone: true });
    expect((await listNoteHistory())[0]?.gone).toBe(true);
    await updateHistoryEntry('zzz', { gone: true });
    expect(await listNoteHistory()).toHaveLength(1);
  });
});

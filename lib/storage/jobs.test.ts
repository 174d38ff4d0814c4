import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JobSnapshot, JobStatus } from '../messaging/background-to-ui';
import { loadJob, markOrphanedJobsInterrupted, removeJob, saveJob } from './jobs';

beforeEach(() => {
  fakeBrowser.reset();
});

function job(id: string, status: JobStatus, extra: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    id,
    bindingKey: `tab-${id}`,
    status,
    note: {
      sections: { subjective: `S of ${id}`, objective: 'O so far', assessment: '', plan: '' },
      extras: { noteId: `note-${id}` },
    },
    startedAt: 1_000,
    updatedAt: 2_000,
    ...extra,
  };
}

describe('saveJob / loadJob / removeJob', () => {
  it('round-trips a job through storage.session, not storage.local', async () => {
    const j = job('a', 'streaming');
    await saveJob(j);
    expect(await loadJob('a')).toEqual(j);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await removeJob('a');
    expect(await loadJob('a')).toBeUndefined();
  });

  it('treats a corrupt stored job as missing', async () => {
    await fakeBrowser.storage.session.set({ 'job:bad': { id: 'bad', status: 'nonsense' } });
    expect(await loadJob('bad')).toBeUndefined();
  });
});

describe('markOrphanedJobsInterrupted', () => {
  it('marks starting and streaming jobs incomplete (worker-restarted), keeping the partial note', async () => {
    const starting = job('s', 'starting');
    const streaming = job('t', 'streaming');
    await saveJob(starting);
    await saveJob(streaming);

    expect(await markOrphanedJobsInterrupted(9_999)).toBe(2);

    for (const original of [starting, streaming]) {
      const after = await loadJob(original.id);
      expect(after).toEqual({ ...original, status: 'incomplete', interruption: 'worker-restarted', updatedAt: 9_999 });
      expect(after?.note).toEqual(original.note);
    }
  });

  it('leaves ended jobs alone', async () => {
    const error = { kind: 'server' as const, message: 'Boom.', nextStep: 'Try again.', retryable: true };
    const ended = [
      job('c', 'complete'),
      job('e', 'error', { error }),
      job('x', 'cancelled'),
      job('i', 'incomplete', { interruption: 'stream-cut' }),
    ];
    for (const j of ended) await saveJob(j);
    await saveJob(job('live', 'streaming'));

    expect(await markOrphanedJobsInterrupted(9_999)).toBe(1);
    for (const j of ended) expect(await loadJob(j.id)).toEqual(j);
    expect((await loadJob('live'))?.status).toBe('incomplete');
  });

  it('ignores keys that are not jobs and corrupt job entries', async () => {
    await fakeBrowser.storage.session.set({
      'draft:tab-1': { transcript: 'x', status: 'streaming' },
      'job:corrupt': { status: 'streaming' },
    });
    expect(await markOrphanedJobsInterrupted(5)).toBe(0);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({
      'draft:tab-1': { transcript: 'x', status: 'streaming' },
      'job:corrupt': { status: 'streaming' },
    });
  });

  it('returns 0 and changes nothing when there are no jobs', async () => {
    expect(await markOrphanedJobsInterrupted()).toBe(0);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

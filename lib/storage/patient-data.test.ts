import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JobSnapshot, JobStatus } from '../messaging/background-to-ui';
import { forgetSessionPatientData } from './patient-data';

beforeEach(() => {
  fakeBrowser.reset();
});

function job(id: string, status: JobStatus): JobSnapshot {
  return {
    id,
    bindingKey: 'tab-1',
    status,
    note: { sections: { subjective: 'Maria Alvarez reports sore throat', objective: '', assessment: '', plan: '' }, extras: {} },
    startedAt: 1,
    updatedAt: 2,
  };
}

describe('forgetSessionPatientData', () => {
  it('removes every trace of the visit from storage.session and touches nothing else', async () => {
    await fakeBrowser.storage.session.set({
      'draft:tab-1': { transcript: 'sore throat for three days' },
      'chart:tab-1': { chart: { identity: { name: 'Maria Alvarez' } } },
      'capture:tab-1': [{ target: 'transcript', text: 'denies cough' }],
      'print:0f8b1c2e-0000-4000-8000-000000000000': { title: 'Summary', text: 'rest and fluids' },
      'job:done': job('done', 'complete'),
      'job:failed': job('failed', 'error'),
      'note-history:done': { jobId: 'done' },
      'note-meta:failed': { patient: { name: 'Maria Alvarez' } },
      'idle:last-activity-at': 5,
      'idle:cleared-notice': { minutes: 30, clearedAt: 5 },
    });
    await fakeBrowser.storage.local.set({ settings: { apiBaseUrl: 'https://api.soapnoteapi.com' }, fieldMaps: {}, enabledSites: ['https://ehr.example.org'] });

    await forgetSessionPatientData();

    expect(await fakeBrowser.storage.session.get(null)).toEqual({ 'idle:last-activity-at': 5, 'idle:cleared-notice': { minutes: 30, clearedAt: 5 } });
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['enabledSites', 'fieldMaps', 'settings']);
  });

  it('keeps a job still running, and what its history entry needs, so a 202 recording is not lost', async () => {
    await fakeBrowser.storage.session.set({
      'job:processing': { ...job('processing', 'processing'), audio: { recordingId: 'rec-1', noteId: 'n-1', polls: 3 } },
      'note-meta:processing': { patient: { name: 'Maria Alvarez' } },
      'job:streaming': job('streaming', 'streaming'),
      'job:done': job('done', 'complete'),
      'job:garbled': { id: 'garbled', status: 'processing' },
    });

    const forgotten = await forgetSessionPatientData();

    expect(forgotten.sort()).toEqual(['job:done', 'job:garbled']);
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).sort()).toEqual(['job:processing', 'job:streaming', 'note-meta:processing']);
  });
});

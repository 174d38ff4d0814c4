import { describe, expect, it } from 'vitest';
import type { ApiErrorInfo } from '../api/errors';
import type { Retrying } from './panel-store';
import { statusText } from './status-text';

const base = { writingSection: undefined, retrying: undefined, hasNote: false } as const;
const error: ApiErrorInfo = { kind: 'unavailable', message: 'The SOAP Note API is temporarily unavailable.', nextStep: 'Wait.', retryable: true, status: 503 };
const retry = (attempt: number, delayMs: number, maxAttempts = 3): Retrying => ({ attempt, maxAttempts, delayMs, error });

describe('statusText', () => {
  it('is empty when idle', () => {
    expect(statusText({ ...base, status: 'idle' })).toBe('');
  });

  it('says the transcript is being sent while starting', () => {
    expect(statusText({ ...base, status: 'starting' })).toBe('Sending the transcript to the SOAP Note API and waiting for the note to start…');
  });

  it('while retrying, gives the reason, the wait in seconds and the next attempt number', () => {
    const text = statusText({ ...base, status: 'starting', retrying: retry(1, 1500) });
    expect(text).toContain('The SOAP Note API is temporarily unavailable.');
    expect(text).toContain('Trying again in 2 s');
    expect(text).toContain('attempt 2 of 3');
    expect(statusText({ ...base, status: 'starting', retrying: retry(2, 4000, 5) })).toContain('Trying again in 4 s (attempt 3 of 5)…');
  });

  it('never says “0 s”, however short the wait', () => {
    expect(statusText({ ...base, status: 'starting', retrying: retry(1, 0) })).toContain('Trying again in 1 s');
    expect(statusText({ ...base, status: 'starting', retrying: retry(1, 400) })).toContain('Trying again in 1 s');
    expect(statusText({ ...base, status: 'starting', retrying: retry(1, 2600) })).toContain('Trying again in 3 s');
  });

  it('names the section being written while streaming', () => {
    expect(statusText({ ...base, status: 'streaming' })).toBe('Writing the note…');
    expect(statusText({ ...base, status: 'streaming', writingSection: 'subjective' })).toBe('Writing the note: Subjective…');
    expect(statusText({ ...base, status: 'streaming', writingSection: 'assessment' })).toBe('Writing the note: Assessment…');
  });

  it('asks for review when complete', () => {
    expect(statusText({ ...base, status: 'complete', hasNote: true })).toBe('Note ready. Review and edit it before you use it.');
  });

  it('says whether anything was kept when cancelled', () => {
    expect(statusText({ ...base, status: 'cancelled', hasNote: true })).toBe('Stopped. What was written so far is kept below.');
    expect(statusText({ ...base, status: 'cancelled', hasNote: false })).toBe('Stopped before any of the note arrived.');
  });

  it('flags a partial note as incomplete after an error or a cut stream, and says nothing without a note', () => {
    for (const status of ['incomplete', 'error'] as const) {
      expect(statusText({ ...base, status, hasNote: true })).toBe('The note below is incomplete.');
      expect(statusText({ ...base, status, hasNote: false })).toBe('');
    }
  });

  it('ignores a stale retry notice once the stream is running', () => {
    expect(statusText({ ...base, status: 'streaming', retrying: retry(1, 1000), writingSection: 'plan' })).toBe('Writing the note: Plan…');
  });
});

describe('statusText for a recording', () => {
  it('says the recording is being checked, then uploaded with its size', () => {
    expect(statusText({ ...base, status: 'uploading', audio: { polls: 0 } })).toBe('Checking the recording before it is uploaded…');
    expect(statusText({ ...base, status: 'uploading', audio: { polls: 0, bytes: 3_500_000 } })).toBe('Uploading the recording (3.3 MB) to the SOAP Note API…');
    expect(statusText({ ...base, status: 'uploading', audio: { polls: 0, bytes: 200_000 } })).toBe('Uploading the recording (195 KB) to the SOAP Note API…');
    expect(statusText({ ...base, status: 'uploading', audio: { polls: 0, bytes: 40 * 1024 * 1024 } })).toContain('(40 MB)');
  });

  it('gives the retry notice while uploading', () => {
    expect(statusText({ ...base, status: 'uploading', retrying: retry(1, 2000) })).toContain('Trying again in 2 s (attempt 2 of 3)…');
  });

  it('says how many checks and how long while the API processes it, and that the panel may be closed', () => {
    expect(statusText({ ...base, status: 'processing', audio: { polls: 0 } })).toBe(
      'The SOAP Note API accepted the recording and is transcribing it. The note will appear here; you can close the panel meanwhile.',
    );
    expect(statusText({ ...base, status: 'processing', audio: { polls: 1, elapsedMs: 2_000 } })).toBe(
      'The SOAP Note API is still transcribing the recording (checked 1 time, 2 s so far). The note will appear here; you can close the panel meanwhile.',
    );
    expect(statusText({ ...base, status: 'processing', audio: { polls: 6, elapsedMs: 125_000 } })).toContain('(checked 6 times, 2 min 5 s so far)');
    expect(statusText({ ...base, status: 'processing', audio: { polls: 9, elapsedMs: 180_000 } })).toContain('3 min so far');
  });

  it('says what is happening when the key’s request limit refuses the checks: kept, waited for, checked less often', () => {
    expect(statusText({ ...base, status: 'processing', audio: { polls: 4, limited: { nextCheckInMs: 120_000 } } })).toBe(
      'The SOAP Note API refused Chartside’s check on the recording: the API key has used up its requests (a test key allows 10 a day) or its balance. ' +
        'The recording is kept and the note is still waited for; Chartside checks less often now, next in about 2 minutes. ' +
        'The note will appear here; you can close the panel meanwhile.',
    );
    expect(statusText({ ...base, status: 'processing', audio: { polls: 4, limited: { nextCheckInMs: 10_000 } } })).toContain('next in about 1 minute.');
  });
});

describe('a note asked for whole', () => {
  it('says it arrives all at once, while starting and while it lands', () => {
    for (const status of ['starting', 'streaming'] as const) {
      expect(statusText({ status, writingSection: undefined, retrying: undefined, hasNote: false, whole: true })).toMatch(/whole note, so it arrives all at once/);
    }
  });
});

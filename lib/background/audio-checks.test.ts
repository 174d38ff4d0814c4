import { describe, expect, it } from 'vitest';
import { AUDIO_LIMITS, checkRecording, uploadFilename } from './audio-checks';

const MB = 1024 * 1024;
const ok = { bytes: 2 * MB, mimeType: 'audio/webm;codecs=opus', durationMs: 60_000 };

describe('checkRecording', () => {
  it('passes a normal recording, and one whose length is not known', () => {
    expect(checkRecording(ok)).toBeUndefined();
    expect(checkRecording({ ...ok, durationMs: 0 })).toBeUndefined();
  });

  it('needs at least 5 seconds when the length is known', () => {
    expect(checkRecording({ ...ok, durationMs: 4_999 })?.message).toBe('The recording is 4 seconds long; the SOAP Note API needs at least 5 seconds.');
    expect(checkRecording({ ...ok, durationMs: 1_000 })?.message).toMatch(/^The recording is 1 second long/);
    expect(checkRecording({ ...ok, durationMs: AUDIO_LIMITS.minDurationMs })).toBeUndefined();
  });

  it('accepts at most 500 MB and 4 hours', () => {
    expect(checkRecording({ ...ok, bytes: 500 * MB })).toBeUndefined();
    expect(checkRecording({ ...ok, bytes: 612 * MB })?.message).toBe('The recording is 612 MB; the SOAP Note API accepts at most 500 MB.');
    expect(checkRecording({ ...ok, durationMs: 4 * 3_600_000 + 12 * 60_000 })?.message).toBe('The recording is 4 h 12 min long; the SOAP Note API accepts at most 4 hours.');
  });

  it('refuses an empty recording and a type the API does not take, naming the type', () => {
    expect(checkRecording({ ...ok, bytes: 0 })?.message).toBe('The recording has no audio in it.');
    const wrong = checkRecording({ ...ok, mimeType: 'audio/aac' });
    expect(wrong?.message).toBe('The SOAP Note API does not accept this type of recording (audio/aac): it takes MP3, M4A, WAV, OGG, WebM and FLAC.');
    expect(wrong).toMatchObject({ kind: 'validation', retryable: false });
    expect(wrong?.nextStep).toMatch(/Convert/);
  });
});

describe('uploadFilename', () => {
  it('names the file by its format, parameters and case ignored', () => {
    expect(uploadFilename('audio/webm;codecs=opus')).toBe('recording.webm');
    expect(uploadFilename('audio/ogg; codecs=opus')).toBe('recording.ogg');
    expect(uploadFilename('audio/mp4')).toBe('recording.m4a');
    expect(uploadFilename('audio/x-m4a')).toBe('recording.m4a');
    expect(uploadFilename('AUDIO/MPEG')).toBe('recording.mp3');
    expect(uploadFilename('audio/x-wav')).toBe('recording.wav');
    expect(uploadFilename('audio/flac')).toBe('recording.flac');
    expect(uploadFilename('audio/aac')).toBeUndefined();
    expect(uploadFilename('')).toBeUndefined();
  });
});

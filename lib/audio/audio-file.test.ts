import { describe, expect, it } from 'vitest';
import { AUDIO_FILE_ACCEPT, audioTypeOf, checkAudioDuration, checkAudioFile } from './audio-file';

const MB = 1024 * 1024;

describe('audioTypeOf', () => {
  it('accepts every type the API lists, by declared type, stored under one name each', () => {
    expect(audioTypeOf({ name: 'a', type: 'audio/mpeg' })).toBe('audio/mpeg');
    expect(audioTypeOf({ name: 'a', type: 'audio/x-m4a' })).toBe('audio/mp4');
    expect(audioTypeOf({ name: 'a', type: 'audio/x-wav' })).toBe('audio/wav');
    expect(audioTypeOf({ name: 'a', type: 'audio/ogg; codecs=opus' })).toBe('audio/ogg');
    expect(audioTypeOf({ name: 'a', type: 'video/webm' })).toBe('audio/webm');
    expect(audioTypeOf({ name: 'a', type: 'audio/x-flac' })).toBe('audio/flac');
    expect(audioTypeOf({ name: 'a', type: 'video/mp4' })).toBe('audio/mp4');
  });

  it('falls back to the extension when the system declares no type (or a generic one)', () => {
    expect(audioTypeOf({ name: 'Visit.M4A', type: '' })).toBe('audio/mp4');
    expect(audioTypeOf({ name: 'visit.flac', type: 'application/octet-stream' })).toBe('audio/flac');
    expect(audioTypeOf({ name: 'visit.opus', type: '' })).toBe('audio/ogg');
    expect(audioTypeOf({ name: 'notes.txt', type: 'text/plain' })).toBeUndefined();
    expect(audioTypeOf({ name: 'noextension', type: '' })).toBeUndefined();
    expect(audioTypeOf({ name: 'clip.mov', type: 'video/quicktime' })).toBeUndefined();
  });

  it("offers the chooser every type and extension it accepts", () => {
    for (const part of ['audio/mpeg', 'audio/wav', '.m4a', '.flac', '.webm', '.ogg', '.mp4', '.mp3', '.wav']) expect(AUDIO_FILE_ACCEPT.split(',')).toContain(part);
  });
});

describe('checkAudioFile', () => {
  it('passes an audio file up to 500 MB', () => {
    expect(checkAudioFile({ name: 'visit.wav', type: 'audio/wav', size: 500 * MB })).toEqual({ ok: true, mimeType: 'audio/wav' });
  });

  it('refuses what is not audio, empty, or over 500 MB, saying what to do and never repeating the file name', () => {
    const notAudio = checkAudioFile({ name: 'Jane Doe visit.pdf', type: 'application/pdf', size: 10 });
    const empty = checkAudioFile({ name: 'a.mp3', type: 'audio/mpeg', size: 0 });
    const big = checkAudioFile({ name: 'a.wav', type: 'audio/wav', size: 500 * MB + 1 });
    for (const check of [notAudio, empty, big]) {
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      expect(check.problem.nextStep.length).toBeGreaterThan(10);
      expect(JSON.stringify(check.problem)).not.toContain('Jane');
    }
    expect(notAudio.ok || notAudio.problem.nextStep).toContain('MP3, M4A, WAV, OGG, WebM, FLAC or MP4');
    expect(big.ok || big.problem.message).toContain('500 MB');
  });
});

describe('checkAudioDuration', () => {
  it('needs 5 seconds to 4 hours', () => {
    expect(checkAudioDuration(5_000)).toEqual({ ok: true });
    expect(checkAudioDuration(4 * 3600_000)).toEqual({ ok: true });
    const short = checkAudioDuration(2_000);
    expect(short.ok || short.problem.message).toBe('This recording is 2.0 seconds long; a note needs at least 5 seconds of audio.');
    const long = checkAudioDuration(4 * 3600_000 + 1);
    expect(long.ok || long.problem.message).toContain('longer than 4 hours');
  });

  it('lets a file whose length the browser cannot read through: the API checks it again', () => {
    expect(checkAudioDuration(undefined)).toEqual({ ok: true });
  });
});

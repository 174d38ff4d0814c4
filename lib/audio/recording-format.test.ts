import { describe, expect, it } from 'vitest';
import { chooseRecordingFormat } from './recording-format';

const supports = (...types: string[]) => (type: string) => types.includes(type);

describe('chooseRecordingFormat', () => {
  it('records WebM/Opus on Chromium, which has no Ogg muxer', () => {
    const chromium = supports('audio/webm;codecs=opus', 'audio/webm', 'audio/mp4');
    expect(chooseRecordingFormat('chrome', chromium)).toBe('audio/webm;codecs=opus');
  });

  it('records Ogg/Opus on Firefox, even though it can write WebM too', () => {
    const firefox = supports('audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/ogg', 'audio/webm');
    expect(chooseRecordingFormat('firefox', firefox)).toBe('audio/ogg;codecs=opus');
  });

  it("takes the other browser's choice, then a bare container, then MP4, when its own is missing", () => {
    expect(chooseRecordingFormat('firefox', supports('audio/webm;codecs=opus'))).toBe('audio/webm;codecs=opus');
    expect(chooseRecordingFormat('chrome', supports('audio/ogg;codecs=opus'))).toBe('audio/ogg;codecs=opus');
    expect(chooseRecordingFormat('chrome', supports('audio/webm'))).toBe('audio/webm');
    expect(chooseRecordingFormat('chrome', supports('audio/mp4'))).toBe('audio/mp4');
  });

  it("leaves the choice to the browser when it admits to none (and survives an isTypeSupported that throws)", () => {
    expect(chooseRecordingFormat('chrome', () => false)).toBeUndefined();
    expect(
      chooseRecordingFormat('chrome', () => {
        throw new Error('not implemented');
      }),
    ).toBeUndefined();
  });
});

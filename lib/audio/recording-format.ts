/**
 * Which container the recorder writes. Both browsers encode Opus; they differ in the container they
 * record best:
 * - Chromium: `audio/webm;codecs=opus` (it has no Ogg muxer). Only the first WebM chunk carries the
 *   header, which is why chunks are stored in order through one write queue.
 * - Firefox: `audio/ogg;codecs=opus`, its native recording format. Every Ogg page is self-framing,
 *   so a recording cut short decodes up to its last page.
 * Each browser's own choice is tried first, then the other's, then container-only types and MP4
 * (Safari-like engines), and finally nothing: the MediaRecorder's own default.
 */
export type RecordingBrowser = 'chrome' | 'firefox';

const PREFERRED: Record<RecordingBrowser, readonly string[]> = {
  chrome: ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'],
  firefox: ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus'],
};
const FALLBACKS = ['audio/webm', 'audio/ogg', 'audio/mp4;codecs=opus', 'audio/mp4'] as const;

/**
 * The first type this browser's MediaRecorder says it can write, or undefined to let it choose
 * (the recorder then stores whatever `MediaRecorder.mimeType` reports once started).
 */
export function chooseRecordingFormat(browser: RecordingBrowser, isTypeSupported: (type: string) => boolean): string | undefined {
  for (const type of [...PREFERRED[browser], ...FALLBACKS]) {
    try {
      if (isTypeSupported(type)) return type;
    } catch {
      // An engine that throws on an unknown type has answered "no".
    }
  }
  return undefined;
}

/** This build's browser, decided when WXT builds it. */
export const BUILD_BROWSER: RecordingBrowser = import.meta.env.FIREFOX ? 'firefox' : 'chrome';

/**
 * How long an audio file plays, read from its header by an <audio> element: the browser reads only
 * as much of the file as it needs (`preload="metadata"`); nothing is played or kept.
 *
 * WebM written by MediaRecorder has no duration in its header (the browser reports Infinity): seeking
 * far past the end makes the element find the last frame and report the real length.
 */
export function readMediaDuration(file: Blob, { timeoutMs = 15_000, doc = globalThis.document }: { timeoutMs?: number; doc?: Document } = {}): Promise<number | undefined> {
  return new Promise((resolve) => {
    const audio = doc.createElement('audio');
    const url = URL.createObjectURL(file);
    let done = false;
    const finish = (seconds: number | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      audio.removeAttribute('src');
      audio.load(); // lets the element drop the file
      URL.revokeObjectURL(url);
      resolve(seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const settle = () => {
      if (Number.isFinite(audio.duration)) finish(audio.duration);
    };
    audio.preload = 'metadata';
    audio.muted = true;
    audio.addEventListener('loadedmetadata', () => {
      if (audio.duration === Infinity) audio.currentTime = Number.MAX_SAFE_INTEGER;
      else settle();
    });
    audio.addEventListener('durationchange', settle);
    audio.addEventListener('timeupdate', settle);
    audio.addEventListener('error', () => finish(undefined));
    audio.src = url;
  });
}

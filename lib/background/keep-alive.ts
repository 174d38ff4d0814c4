import { browser } from 'wxt/browser';

/**
 * Keeps the background alive while a job needs it.
 *
 * Chrome ends an idle service worker after 30 s, and an extension API call resets that timer;
 * `runtime.getPlatformInfo` every 25 s is Chrome's documented keep-alive. Firefox's event page
 * likewise stays while extension APIs are in use. Reference-counted: the interval runs while at
 * least one job holds it.
 */
const INTERVAL_MS = 25_000;

let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function holdKeepAlive(): () => void {
  holders += 1;
  timer ??= setInterval(() => void browser.runtime.getPlatformInfo(), INTERVAL_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Code passed to `worker.evaluate` runs in the extension's background, where `chrome` is global.
declare const chrome: typeof import('@wxt-dev/browser').browser;

/**
 * How the scripts Chartside puts into pages (the chart reader, the inserter) listen: to the
 * background only, once per frame however often they are injected, and through the native extension
 * API rather than webextension-polyfill (which would be most of a small script's size).
 * `sendResponse` + `return true` is understood by Chrome and Firefox alike.
 */
interface RuntimeApi {
  readonly id?: string;
  onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => boolean | undefined): void;
  };
}

function runtime(): RuntimeApi {
  const g = globalThis as { browser?: { runtime: RuntimeApi }; chrome?: { runtime: RuntimeApi } };
  return (g.browser ?? g.chrome)!.runtime;
}

/**
 * Answers the background's requests that `accepts` recognises with what `answer` returns. A request
 * from anywhere else (another content script, a page) or of another shape gets no answer at all.
 * `key` names the script, so a second injection into the same frame adds no second listener.
 */
export function answerBackground<T>(key: string, accepts: (message: unknown) => message is T, answer: (request: T) => unknown): void {
  const installed = Symbol.for(`chartside.${key}`);
  const global = globalThis as Record<symbol, unknown>;
  if (global[installed]) return;
  global[installed] = true;
  const api = runtime();
  api.onMessage.addListener((message, sender, sendResponse) => {
    // Only our background asks: same extension, and not from a tab.
    if (sender.id !== api.id || sender.tab !== undefined || !accepts(message)) return undefined;
    // An answer that throws or rejects sends nothing; the background treats that frame as unreadable.
    void Promise.resolve()
      .then(() => answer(message))
      .then(sendResponse, () => sendResponse(undefined));
    return true;
  });
}

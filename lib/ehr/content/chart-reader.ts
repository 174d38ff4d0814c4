import { isContentRequest } from '../../messaging/background-to-content';
import type { EhrAdapter } from '../adapter';
import type { ChartContext } from '../chart-context';
import { pickAdapter } from '../registry';

const INSTALLED = Symbol.for('chartside.chart-reader');

/** The little of the extension API the reader uses, the same in Chrome (`chrome`) and Firefox (`browser`). */
interface RuntimeApi {
  readonly id?: string;
  onMessage: {
    addListener(
      listener: (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => boolean | undefined,
    ): void;
  };
}

/**
 * The native extension API, without webextension-polyfill: the reader answers with
 * `sendResponse` + `return true`, which both browsers understand, so the content script does not
 * carry the polyfill (it is most of a small script's size).
 */
function runtime(): RuntimeApi {
  const g = globalThis as { browser?: { runtime: RuntimeApi }; chrome?: { runtime: RuntimeApi } };
  return (g.browser ?? g.chrome)!.runtime;
}

/**
 * The content script's whole job for now: answer the background's "read the chart" and "who is
 * the patient" for this frame. It runs only on sites the clinician enabled, never talks to the
 * network, never sees the API key, and does nothing until asked (no work on page load).
 */
export function answerChartRequests(adapters: readonly EhrAdapter[]): void {
  const global = globalThis as Record<symbol, unknown>;
  // Enabling a site injects the reader into tabs already open; a registered copy may also be there.
  if (global[INSTALLED]) return;
  global[INSTALLED] = true;

  const api = runtime();
  api.onMessage.addListener((message, sender, sendResponse) => {
    // Only our background asks: same extension, and not from a tab (another content script or page).
    if (sender.id !== api.id || sender.tab !== undefined) return undefined;
    if (!isContentRequest(message)) return undefined;
    const url = new URL(location.href);
    const adapter = pickAdapter(adapters, document, url);
    // A reader that throws sends nothing; the background treats that frame as unreadable.
    sendResponse(message.type === 'chart:read' ? readFrame(adapter, url) : adapter.readIdentity(document, url));
    return true;
  });
}

function readFrame(adapter: EhrAdapter, url: URL): ChartContext {
  const chart = adapter.readChart(document, url);
  if (window === window.top) return chart;
  // Items from a frame say which frame, so the panel can show where they came from.
  const frameUrl = url.href.slice(0, 2_000);
  const mark = <T extends { source: object }>(x: T): T => ({ ...x, source: { ...x.source, frameUrl } });
  return { ...chart, items: chart.items.map(mark), visitNotes: chart.visitNotes.map(mark), messages: chart.messages.map(mark) };
}

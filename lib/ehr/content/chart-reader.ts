import { isContentRequest } from '../../messaging/background-to-content';
import type { EhrAdapter } from '../adapter';
import type { ChartContext } from '../chart-context';
import { pickAdapter } from '../registry';
import { answerBackground } from './answer-background';

/**
 * The content script's whole job: answer the background's "read the chart" and "who is the patient"
 * for this frame. It runs only on sites the clinician enabled, never talks to the network, never
 * sees the API key, and does nothing until asked (no work on page load).
 */
export function answerChartRequests(adapters: readonly EhrAdapter[]): void {
  answerBackground('chart-reader', isContentRequest, (request) => {
    const url = new URL(location.href);
    const adapter = pickAdapter(adapters, document, url);
    return request.type === 'chart:read' ? readFrame(adapter, url) : adapter.readIdentity(document, url);
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

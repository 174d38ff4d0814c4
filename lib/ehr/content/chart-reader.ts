import { isContentRequest, type AdapterNeeded } from '../../messaging/background-to-content';
import type { ChartReader, EhrRecogniser } from '../adapter';
import type { ChartContext } from '../chart-context';
import { pickAdapter } from '../registry';
import { answerBackground } from './answer-background';
import { loadedAdapter } from './loaded-adapters';

/**
 * The content script's whole job: answer the background's "read the chart" and "who is the patient"
 * for this frame. It runs only on sites the clinician enabled, never talks to the network, never
 * sees the API key, and does nothing until asked (no work on page load).
 *
 * `readers` are chart readers (the generic one) and recognisers of EHRs whose adapters load on
 * demand. When a recogniser wins and its adapter is not in this frame yet, the answer says so
 * (`AdapterNeeded`); the background then puts the adapter's script into this frame and asks again.
 */
export function answerChartRequests(readers: readonly (ChartReader | EhrRecogniser)[]): void {
  answerBackground('chart-reader', isContentRequest, (request) => {
    const url = new URL(location.href);
    const picked = pickAdapter(readers, document, url);
    const adapter = 'readChart' in picked ? picked : loadedAdapter(picked.id);
    if (!adapter) return { adapterNeeded: picked.id } satisfies AdapterNeeded;
    return request.type === 'chart:read' ? readFrame(adapter, url) : adapter.readIdentity(document, url);
  });
}

async function readFrame(adapter: ChartReader, url: URL): Promise<ChartContext> {
  const chart = await (adapter.readChartInSlices?.(document, url) ?? adapter.readChart(document, url));
  if (window === window.top) return chart;
  // Items from a frame say which frame, so the panel can show where they came from.
  const frameUrl = url.href.slice(0, 2_000);
  const mark = <T extends { source: object }>(x: T): T => ({ ...x, source: { ...x.source, frameUrl } });
  return { ...chart, items: chart.items.map(mark), visitNotes: chart.visitNotes.map(mark), messages: chart.messages.map(mark) };
}

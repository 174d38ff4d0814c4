// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LARGE_CHART_EXPECTED, largeChartHtml } from '../../../test/fixtures/ehr/large-chart';
import { openmrsAdapter } from '../adapters/openmrs';
import { RECOGNISERS } from '../adapters/recognisers';
import type { ChartContext } from '../chart-context';
import { genericReader, readGenericChart } from '../generic/generic-reader';
import { nextTask } from '../next-task';
import { answerChartRequests } from './chart-reader';
import { registerLoadedAdapter } from './loaded-adapters';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => boolean | undefined;
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/ehr');

/** Installs the chart reader with a stand-in runtime, on a page, and returns how the background asks it. */
function readerOn(file: string, url: string): (request: unknown) => Promise<unknown> {
  return readerOnHtml(readFileSync(path.join(FIXTURES, file), 'utf8'), url);
}

function readerOnHtml(html: string, url: string): (request: unknown) => Promise<unknown> {
  let listener: Listener | undefined;
  const runtime = { id: 'ext', onMessage: { addListener: (l: Listener) => (listener = l) } };
  vi.stubGlobal('browser', { runtime });
  vi.stubGlobal('chrome', { runtime });
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
  answerChartRequests([...RECOGNISERS, genericReader]);
  return (request) => new Promise((resolve) => listener!(request, { id: 'ext' }, resolve));
}

afterEach(() => {
  vi.unstubAllGlobals();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('chartside.chart-reader')];
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('chartside.loadedAdapters')];
});

describe('the chart reader in every frame, with EHR adapters on demand', () => {
  it("on an EHR's page without its adapter, asks for that adapter, then reads with it once it is loaded", async () => {
    const ask = readerOn('openmrs/patient-chart.html', 'http://127.0.0.1:8080/openmrs/spa/patient/abc/chart/Patient%20Summary');
    expect(await ask({ type: 'chart:read' })).toEqual({ adapterNeeded: 'openmrs' });
    expect(await ask({ type: 'chart:identity' })).toEqual({ adapterNeeded: 'openmrs' });
    registerLoadedAdapter(openmrsAdapter);
    const chart = (await ask({ type: 'chart:read' })) as { adapter: string; items: unknown[]; identity: { name?: string } };
    expect(chart.adapter).toBe('openmrs');
    expect(chart.items.length).toBeGreaterThan(0);
    expect(((await ask({ type: 'chart:identity' })) as { name?: string }).name).toBe(chart.identity.name);
  });

  it('on any other page, reads at once with the generic reader', async () => {
    const ask = readerOn('sample-chart.html', 'http://127.0.0.1:8080/sample-chart.html');
    const chart = (await ask({ type: 'chart:read' })) as { adapter: string; identity: { name?: string } };
    expect(chart.adapter).toBe('generic');
    expect(chart.identity.name).toBe('Maria Alvarez');
  });

  it('reads a large chart in several tasks, the page running between them, and answers as a read in one go would', async () => {
    const url = 'http://127.0.0.1:8080/large-chart.html';
    const ask = readerOnHtml(largeChartHtml(), url);
    let pageTasks = 0;
    let reading = true;
    void (async () => {
      while (reading) {
        await nextTask();
        pageTasks++;
      }
    })();
    const chart = (await ask({ type: 'chart:read' })) as ChartContext;
    reading = false;
    expect(pageTasks).toBeGreaterThan(1);
    expect(chart).toEqual(readGenericChart(document, new URL(url)));
    expect(chart.identity.name).toBe(LARGE_CHART_EXPECTED.patient.name);
    expect(chart.visitNotes).toHaveLength(LARGE_CHART_EXPECTED.visitNotes);
  });

  it('answers for the page as it is once read: a banner that changes during the read is read as changed', async () => {
    const ask = readerOnHtml(largeChartHtml(), 'http://127.0.0.1:8080/large-chart.html');
    const answer = ask({ type: 'chart:read' });
    // The read is under way (its first slice, the banner, is read); the page shows another patient.
    await nextTask();
    document.querySelector('.patient-name')!.textContent = 'Theodore Kimball';
    const chart = (await answer) as ChartContext;
    expect(chart.identity.name).toBe('Theodore Kimball');
  });
});


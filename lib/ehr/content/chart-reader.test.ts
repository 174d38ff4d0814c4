// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openmrsAdapter } from '../adapters/openmrs';
import { RECOGNISERS } from '../adapters/recognisers';
import { genericReader } from '../generic/generic-reader';
import { answerChartRequests } from './chart-reader';
import { registerLoadedAdapter } from './loaded-adapters';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => boolean | undefined;
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/ehr');

/** Installs the chart reader with a stand-in runtime, on a page, and returns how the background asks it. */
function readerOn(file: string, url: string): (request: unknown) => Promise<unknown> {
  let listener: Listener | undefined;
  const runtime = { id: 'ext', onMessage: { addListener: (l: Listener) => (listener = l) } };
  vi.stubGlobal('browser', { runtime });
  vi.stubGlobal('chrome', { runtime });
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.documentElement.innerHTML = readFileSync(path.join(FIXTURES, file), 'utf8').replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
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
});

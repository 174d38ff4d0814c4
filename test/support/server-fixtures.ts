/**
 * The servers every end-to-end suite runs against, as Playwright fixtures (Chromium's and Firefox's
 * fixtures.ts both extend their test with these): the API emulator, the fixture EHR pages, and the
 * sink that every request to any other host lands in. Each is started for a test that asks for it
 * and closed after it.
 *
 * `expectNoLeaks` is what both browsers' `ext` fixtures run after every test (issue 8, "PHI never
 * leaks"): the console of every context holds no fixture patient, transcript or key, and no request
 * went anywhere but loopback (the emulator and the fixture pages).
 */
import { expect, test as base } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { serveFixtures, type FixtureServer } from '../fixtures/serve-fixtures.ts';
import { startOffsiteRequestSink, type OffsiteRequestSink } from './offsite-request-sink.ts';
import { findPhi } from './phi-canaries.ts';

interface ServerFixtures {
  emulator: Emulator;
  ehr: FixtureServer;
  offsiteSink: OffsiteRequestSink;
  /**
   * Whether the `ext` fixture fails a test whose console or network leaked (default true). Only the
   * leak guard's own test turns it off, to show that the guard sees a leak in every context.
   */
  leakGuard: boolean;
}

export const test = base.extend<ServerFixtures>({
  emulator: async ({}, use) => {
    const emulator = await startEmulator();
    await use(emulator);
    await emulator.close();
  },
  ehr: async ({}, use) => {
    const server = await serveFixtures();
    await use(server);
    await server.close();
  },
  offsiteSink: async ({}, use) => {
    const sink = await startOffsiteRequestSink();
    await use(sink);
    await sink.close();
  },
  leakGuard: [true, { option: true }],
});

/**
 * Before a test saves the emulator's address, the configured API is the default one: a fresh install
 * asks it for the public specialty list (no key, nothing of a patient; Firefox opens the sidebar on
 * install). That is the one place such a request may go; the sink refuses it like any other.
 */
// DEFAULT_API_BASE_URL in lib/storage/settings.ts (not imported: it pulls in the extension's browser API).
const FRESH_INSTALL_API = 'CONNECT api.soapnoteapi.com:443 HTTP/1.1';

/** Fails (as a soft expectation, so the test's own failure, if any, is still reported) on any leak. */
export function expectNoLeaks(consoleOutput: string, sink: OffsiteRequestSink): void {
  expect.soft(findPhi(consoleOutput), 'a patient name, transcript sentence or API key in a browser console').toEqual([]);
  const offsite = sink.requests.map((r) => r.requestLine).filter((line) => line !== FRESH_INSTALL_API);
  expect.soft(offsite, 'requests to hosts other than the configured API, the emulator and the fixture pages').toEqual([]);
}

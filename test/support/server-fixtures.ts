/**
 * The servers every end-to-end suite runs against, as Playwright fixtures (Chromium's and Firefox's
 * fixtures.ts both extend their test with these): the API emulator and the fixture EHR pages, each
 * started for a test that asks for it and closed after it.
 */
import { test as base } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { serveFixtures, type FixtureServer } from '../fixtures/serve-fixtures.ts';

export const test = base.extend<{ emulator: Emulator; ehr: FixtureServer }>({
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
});

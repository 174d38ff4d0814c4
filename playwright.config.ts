import { defineConfig } from '@playwright/test';

/**
 * End-to-end suites drive the real extension (the e2e build: `npm run build:e2e`) in Debian's
 * Chromium and Firefox ESR against the API emulator. No browser is ever downloaded.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test starts its own browser; two at a time is what a 2-core machine carries well.
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.PW_JSON_REPORT ? [['list'], ['json', { outputFile: process.env.PW_JSON_REPORT }]] : [['list']],
  use: { trace: 'off', screenshot: 'only-on-failure' },
  projects: [
    { name: 'chromium', testMatch: 'chromium/**/*.spec.ts', testIgnore: '**/busy.spec.ts' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts', testIgnore: '**/busy.spec.ts' },
    // Both browsers on a loaded CPU (test/e2e/cpu-load.ts). One test at a time, and `npm test` runs
    // this project on its own after the others (scripts/test-all.ts), so its load slows no other test.
    { name: 'busy', testMatch: '{chromium,firefox}/busy.spec.ts', workers: 1 },
  ],
});

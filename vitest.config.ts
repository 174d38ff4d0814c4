import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'test/emulator/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/evidence-set/**/*.test.ts', '*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    // Suites assert behaviour, not speed (speed is the bench's): on a machine busy with other suites
    // (CI runs them together) jsdom, ffmpeg and the emulator take seconds where they usually take ms.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** `npm run bench:evidence`: the evidence engine's figures (evidence.measure.ts), outside the unit suites. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: { include: ['test/bench/evidence.measure.ts'], environment: 'node', testTimeout: 120_000 },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'test/emulator/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/bench/**/*.test.ts', '*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});

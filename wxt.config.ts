import { defineConfig } from 'wxt';
import { buildManifest } from './manifest.config';

// Test builds (`npm run build:e2e`, mode "e2e") may reach an emulator and fixture charts on
// loopback; production builds never may. Everything else is identical.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  manifest: ({ browser, mode }) => buildManifest({ browser, e2e: mode === 'e2e' }),
  vite: () => ({
    // Preact's automatic JSX runtime, without pulling Babel in through @preact/preset-vite.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { sourcemap: false },
  }),
});

import { defineConfig } from 'wxt';
import { buildManifest } from './manifest.config';

// Test builds (`npm run build:e2e`, mode "e2e") may reach an emulator and fixture charts on
// loopback; production builds never may. Everything else is identical.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  manifest: ({ browser, mode }) => buildManifest({ browser, e2e: mode === 'e2e' }),
  // `npm run zip`: .output/chartside-VERSION-chrome.zip, -firefox.zip and, for Mozilla's reviewers,
  // -sources.zip. The sources are an allow-list, not "everything but": only what a production build
  // reads (plus the notes that say how to run it), so test fixtures, e2e suites, the emulator, build
  // outputs, dot files and anything secret can never slip in. Unit tests are left out by WXT's own
  // default exclusions (`*.test.ts`). test/packaging/archives.test.ts checks all three archives.
  zip: {
    includeSources: [
      'entrypoints/**',
      'components/**',
      'lib/**',
      'public/**',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'manifest.config.ts',
      'SOURCE-BUILD.md',
      'PRIVACY.md',
      'README.md',
    ],
  },
  vite: () => ({
    // Preact's automatic JSX runtime, without pulling Babel in through @preact/preset-vite.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { sourcemap: false },
  }),
  hooks: {
    // The chart reader (entrypoints/content.ts) is built as a plain script, not through WXT's content
    // script runtime: it needs no ContentScriptContext, which would bring webextension-polyfill into
    // every page it reads. It stays at content-scripts/content.js, where the background registers
    // and injects it from (lib/platform/content-script-registration.ts).
    'entrypoints:resolved'(_wxt, entrypoints) {
      for (const entrypoint of entrypoints) {
        if (entrypoint.type === 'content-script' && entrypoint.name === 'content') (entrypoint as { type: string }).type = 'unlisted-script';
      }
    },
  },
});

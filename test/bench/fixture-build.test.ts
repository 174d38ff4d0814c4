import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureFixturesBuilt, isStale, type FixtureApp } from './fixture-build';

describe('isStale', () => {
  it('wants a build when an output is missing, as on a fresh clone', () => {
    expect(isStale([100], [undefined])).toBe(true);
    expect(isStale([100], [200, undefined])).toBe(true);
    expect(isStale([100], [])).toBe(true);
  });

  it('wants a build when any source is newer than the oldest output', () => {
    expect(isStale([100, 300], [200, 400])).toBe(true);
  });

  it('keeps outputs newer than every source', () => {
    expect(isStale([100, 150], [200, 400])).toBe(false);
  });
});

describe('ensureFixturesBuilt', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('builds nothing when every output is newer than the app and package.json', () => {
    root = mkdtempSync(path.join(tmpdir(), 'chartside-fixture-build-'));
    mkdirSync(path.join(root, 'app/src'), { recursive: true });
    mkdirSync(path.join(root, 'out'));
    const old = new Date('2026-01-01T00:00:00Z');
    for (const f of ['app/vite.config.ts', 'app/src/page.ts', 'package.json']) {
      writeFileSync(path.join(root, f), '');
      utimesSync(path.join(root, f), old, old);
    }
    writeFileSync(path.join(root, 'out/page.html'), '');
    const app: FixtureApp = { config: 'app/vite.config.ts', outputs: ['out/page.html'] };
    // A stale app would spawn `npx vite build` in root, which fails there: so this also proves no build ran.
    expect(ensureFixturesBuilt([app], root)).toEqual([]);
  });
});

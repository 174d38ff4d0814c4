/**
 * The fixture pages built from npm packages (the editor pages, the Medplum page) are not committed:
 * `npm run build:fixtures` writes them into test/fixtures/ehr/. A fresh clone has none, and the
 * Insert all benchmark then failed on every editor page. The benchmark builds them itself, and only
 * when they are missing or older than their sources, so a second run does not pay for it again.
 * Runs under Node's type stripping: erasable syntax only, `.ts` in relative imports.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface FixtureApp {
  /** The Vite config that builds it (its folder holds the sources). */
  config: string;
  /** Files the build writes, that the benchmark pages load. */
  outputs: string[];
}

const EDITOR_PAGES = ['tiptap', 'quill', 'slate', 'tinymce', 'ckeditor5', 'draftjs', 'react-form', 'vue-form', 'replaced-field'];

/** The editor pages (test/fixtures/editors-app/vite.config.ts's PAGES and outDir): Insert all's fixtures. */
export const EDITOR_FIXTURES: FixtureApp = {
  config: 'test/fixtures/editors-app/vite.config.ts',
  outputs: EDITOR_PAGES.map((p) => `test/fixtures/ehr/editors/${p}.html`),
};
/** The Medplum page: `npm run build:fixtures` builds it too; no benchmark loads it yet. */
export const MEDPLUM_FIXTURE: FixtureApp = { config: 'test/fixtures/medplum-app/vite.config.ts', outputs: ['test/fixtures/ehr/medplum/index.html'] };

/**
 * Whether a build is needed: an output is missing (`undefined`), or the oldest output is older than
 * the newest source (an edited fixture, or a package upgraded through package.json).
 */
export function isStale(sourceMtimes: number[], outputMtimes: (number | undefined)[]): boolean {
  if (outputMtimes.length === 0 || outputMtimes.some((t) => t === undefined)) return true;
  if (sourceMtimes.length === 0) return false;
  return Math.min(...(outputMtimes as number[])) < Math.max(...sourceMtimes);
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Every file under `dir`, recursively (the fixture apps are small folders of sources). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

/** The app's folder (its pages, sources and config) and package.json (the editors' versions). */
function sourcesOf(app: FixtureApp, root: string): string[] {
  return [...filesUnder(path.resolve(root, path.dirname(app.config))), path.resolve(root, 'package.json')];
}

/** Builds each fixture app that is missing or stale; throws if a build fails. Returns the configs it built. */
export function ensureFixturesBuilt(apps: FixtureApp[], root = process.cwd()): string[] {
  const built: string[] = [];
  for (const app of apps) {
    const sources = sourcesOf(app, root).map(mtime).filter((t): t is number => t !== undefined);
    const outputs = app.outputs.map((f) => mtime(path.resolve(root, f)));
    if (!isStale(sources, outputs)) continue;
    console.error(`Building the fixture pages of ${app.config} (missing or older than their sources)…`);
    const run = spawnSync('npx', ['vite', 'build', '--config', app.config], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`vite build --config ${app.config} failed (exit ${run.status})`);
    const missing = app.outputs.filter((f) => mtime(path.resolve(root, f)) === undefined);
    if (missing.length > 0) throw new Error(`vite build --config ${app.config} did not write ${missing.join(', ')}`);
    built.push(app.config);
  }
  return built;
}

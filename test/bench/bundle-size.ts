/**
 * Benchmark: how much JavaScript each entrypoint of a built extension loads, gzipped (zlib level 9).
 *
 * - `background.js` (and any other top-level `*.js` a manifest names directly) counts on its own.
 * - An HTML entrypoint (`sidepanel.html`, `options.html`, …) counts every JavaScript file its page
 *   loads at start-up: each `<script src>` and `<link rel="modulepreload" href>` in the built HTML,
 *   plus, to be safe, whatever those files import statically (`import "./x.js"` / `from "./x.js"`),
 *   so shared chunks count for every page that loads them. Lazily imported chunks (`import("…")`) are
 *   not counted. CSS is not counted.
 * - Content scripts (`content-scripts/*.js`, and any file named in `contentScripts`, such as the chart
 *   reader the background registers at run time: see `chartReaderFile`) count one file each.
 *
 * `measureBundles(dir)` is exported for a CI budget test to reuse.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleEntry {
  /** The entrypoint: `background`, `sidepanel`, `options`, `content-scripts/<name>`. */
  name: string;
  kind: 'script' | 'page' | 'content-script';
  /** Its JavaScript files, relative to the build directory. */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

export function gzipSize(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/** The JS files an HTML page loads at start-up (script src and module preloads), relative to `dir`. */
export function htmlScripts(dir: string, htmlFile: string): string[] {
  const html = readFileSync(path.join(dir, htmlFile), 'utf8');
  const refs: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) refs.push(src);
    } else if ((attr('rel') ?? '').toLowerCase().split(/\s+/).includes('modulepreload')) {
      const href = attr('href');
      if (href) refs.push(href);
    }
  }
  return refs
    .filter((ref) => !/^[a-z][a-z0-9+.-]*:/i.test(ref)) // not remote (an extension page has none)
    .map((ref) => (ref.startsWith('/') ? ref.slice(1) : path.posix.join(path.posix.dirname(htmlFile), ref)))
    .map((ref) => path.posix.normalize(ref.split(/[?#]/)[0]!));
}

/** `files` and everything they import statically, relative to `dir`. */
export function withStaticImports(dir: string, files: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    // Minified static imports: `import"./a.js"`, `import{x}from"./a.js"`, `export*from"/chunks/a.js"`.
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["']([^"']+\.js)["']/g)) {
      const spec = m[1]!;
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
      const target = spec.startsWith('/') ? spec.slice(1) : path.posix.join(path.posix.dirname(file), spec);
      const normal = path.posix.normalize(target);
      if (existsSync(path.join(dir, normal))) queue.push(normal);
    }
  }
  return [...seen].sort();
}

/**
 * The file the background registers and injects as the chart reader: `CHART_READER_FILE` in
 * lib/platform/content-script-registration.ts (it is registered at run time, so the manifest does
 * not name it).
 */
export function chartReaderFile(source = path.resolve('lib/platform/content-script-registration.ts')): string {
  const match = /\bCHART_READER_FILE\s*=\s*['"]([^'"]+)['"]/.exec(readFileSync(source, 'utf8'));
  if (!match) throw new Error(`no CHART_READER_FILE in ${source}`);
  return path.posix.normalize(match[1]!.replace(/^\//, ''));
}

function entry(dir: string, name: string, kind: BundleEntry['kind'], files: string[]): BundleEntry {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dir, file));
    rawBytes += bytes.length;
    gzipBytes += gzipSize(bytes);
  }
  return { name, kind, files, rawBytes, gzipBytes };
}

/**
 * Every entrypoint of the build in `dir` (e.g. `.output/chrome-mv3`), in a stable order: top-level
 * scripts, then pages, then content scripts. Each file is gzipped on its own, as it is fetched.
 * `contentScripts`: files (relative to `dir`) that are content scripts wherever they sit.
 */
export function measureBundles(dir: string, contentScripts: readonly string[] = []): BundleEntry[] {
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`No extension build at ${dir}`);
  const top = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile());
  const out: BundleEntry[] = [];
  for (const f of top.filter((d) => d.name.endsWith('.js') && !contentScripts.includes(d.name)).map((d) => d.name).sort()) {
    out.push(entry(dir, f.replace(/\.js$/, ''), 'script', withStaticImports(dir, [f])));
  }
  for (const f of top.filter((d) => d.name.endsWith('.html')).map((d) => d.name).sort()) {
    out.push(entry(dir, f.replace(/\.html$/, ''), 'page', withStaticImports(dir, htmlScripts(dir, f))));
  }
  const contentDir = path.join(dir, 'content-scripts');
  const content = new Set(contentScripts.filter((f) => existsSync(path.join(dir, f))));
  if (existsSync(contentDir)) for (const f of readdirSync(contentDir).filter((n) => n.endsWith('.js'))) content.add(`content-scripts/${f}`);
  for (const f of [...content].sort()) out.push(entry(dir, f.replace(/\.js$/, ''), 'content-script', [f]));
  return out;
}

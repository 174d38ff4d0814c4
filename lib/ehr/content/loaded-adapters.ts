import type { EhrAdapter } from '../adapter';

/**
 * The EHR adapters loaded into this frame on demand. The chart reader and an adapter's script
 * (entrypoints/<ehr>-adapter.ts, put into the frame by the background) are separate scripts of
 * the extension's own content-script world in the frame, so they meet on its global object. The
 * page cannot see that world, so it cannot plant or replace an adapter here.
 */
const LOADED = Symbol.for('chartside.loadedAdapters');

function loaded(): Map<string, EhrAdapter> {
  const global = globalThis as Record<symbol, Map<string, EhrAdapter> | undefined>;
  return (global[LOADED] ??= new Map());
}

/** Called by an adapter's own script once it has loaded into the frame. */
export function registerLoadedAdapter(adapter: EhrAdapter): void {
  loaded().set(adapter.id, adapter);
}

export function loadedAdapter(id: string): EhrAdapter | undefined {
  return loaded().get(id);
}

import { openRecordingStore, type RecordingStore } from '../storage/recordings';
import type { PanelStore } from './panel-store';

/**
 * Test builds only (`npm run build:e2e`): what the end-to-end suite reaches from the panel page,
 * `window.chartsideE2E`. It puts a recording into the real recording store and hands it to the
 * panel store, as the recorder does, so the audio path can be driven before (and besides) the
 * recorder's own UI. Never called in production builds: the caller's `import.meta.env.MODE` check
 * is replaced at build time, and this module is left out with it.
 */
export interface E2eHooks {
  recordings: RecordingStore;
  panelStore(): PanelStore | undefined;
}

export function exposeE2eHooks(panelStore: () => PanelStore | undefined): void {
  (globalThis as { chartsideE2E?: E2eHooks }).chartsideE2E = { recordings: openRecordingStore(), panelStore };
}

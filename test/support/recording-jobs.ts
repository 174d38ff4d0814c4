/**
 * Notes from a prepared recording, for the Chromium suites: the file is put into the extension's real
 * recording store and handed to the real panel store through `window.chartsideE2E` (test builds only,
 * lib/panel/e2e-hooks.ts), exactly as the recorder does, so a job starts from a known recording.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { E2eHooks } from '../../lib/panel/e2e-hooks.ts';
import type { TestRecording } from '../emulator/test-audio.ts';

declare global {
  interface Window {
    chartsideE2E?: E2eHooks;
  }
}

/** Stores the file as the recorder would (one chunk, then stopped), and returns its id. */
export async function storeRecording(panel: Page, file: TestRecording, durationMs: number): Promise<string> {
  const base64 = (await readFile(file.path)).toString('base64');
  return panel.evaluate(
    async ({ base64, mimeType, durationMs }) => {
      const { recordings } = window.chartsideE2E!;
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const id = await recordings.start({ mimeType });
      await recordings.appendChunk(id, new Blob([bytes]), durationMs);
      await recordings.setStatus(id, 'stopped');
      return id;
    },
    { base64, mimeType: file.contentType, durationMs },
  );
}

export async function sendRecording(panel: Page, id: string): Promise<void> {
  await panel.evaluate((recordingId) => window.chartsideE2E!.panelStore()!.generateFromRecording(recordingId), id);
}

/** The recordings the store would offer to recover (not yet turned into a note), with their status. */
export async function recoverableRecordings(panel: Page): Promise<{ id: string; status: string }[]> {
  return panel.evaluate(async () => (await window.chartsideE2E!.recordings.listRecoverable()).map((r) => ({ id: r.id, status: r.status })));
}


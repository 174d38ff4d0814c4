import type { Page } from '@playwright/test';

/** A stored recording's totals, which the recording store keeps in the clear (the audio is sealed). */
export interface StoredRecordingTotals {
  id: string;
  status: string;
  mimeType: string;
  durationMs: number;
  byteLength: number;
  chunkCount: number;
  truncated: boolean;
}

/**
 * The recording store's totals, read around the store from an extension page's IndexedDB, without
 * creating the database when it is not there. For tests and benchmarks that check what was stored.
 */
export function storedRecordings(page: Page): Promise<StoredRecordingTotals[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRecordingTotals[]>((resolve, reject) => {
        const request = indexedDB.open('chartside-recordings');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onerror = () => resolve([]);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('recordings')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('recordings').objectStore('recordings').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as StoredRecordingTotals[]).map(({ id, status, mimeType, durationMs, byteLength, chunkCount, truncated }) => ({
                id, status, mimeType, durationMs, byteLength, chunkCount, truncated,
              })),
            );
          };
        };
      }),
  );
}

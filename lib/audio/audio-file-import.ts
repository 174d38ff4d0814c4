import type { PatientIdentity } from '../ehr/chart-context';
import type { RecordingStore } from '../storage/recordings';

/**
 * An uploaded file is stored like a recording, in slices: a 500 MB file is never one IndexedDB
 * record, and never read into memory whole (a slice of a File is a reference until it is read, and
 * the store reads one slice at a time).
 */
export const IMPORT_SLICE_BYTES = 4 * 1024 * 1024;

export interface ImportOptions {
  mimeType: string;
  /** Its length if the browser could read it (the store's duration of each slice is estimated by bytes). */
  durationMs: number | undefined;
  patient?: PatientIdentity;
  sliceBytes?: number;
  /** 0..1 after each slice. */
  onProgress?(fraction: number): void;
}

/**
 * Copies `file` into a new stored recording, marks it `stopped`, and resolves to its id. If any
 * slice cannot be stored, the partial copy is deleted (the file itself is still on the clinician's
 * disk to try again) and the store's error is rethrown.
 */
export async function importAudioFile(store: Pick<RecordingStore, 'start' | 'appendChunk' | 'setStatus' | 'discard'>, file: Blob, options: ImportOptions): Promise<string> {
  const sliceBytes = options.sliceBytes ?? IMPORT_SLICE_BYTES;
  const id = await store.start({ mimeType: options.mimeType, ...(options.patient && { patient: options.patient }) });
  try {
    for (let from = 0; from < file.size; from += sliceBytes) {
      const to = Math.min(file.size, from + sliceBytes);
      const lengthSoFar = options.durationMs === undefined ? 0 : Math.round((options.durationMs * to) / file.size);
      // Awaited one by one: only one slice is ever being read.
      await store.appendChunk(id, file.slice(from, to), lengthSoFar);
      options.onProgress?.(to / file.size);
    }
    await store.setStatus(id, 'stopped');
    return id;
  } catch (error) {
    await store.discard(id).catch(() => undefined);
    throw error;
  }
}

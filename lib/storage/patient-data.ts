import { browser } from 'wxt/browser';
import { JobSnapshotSchema } from '../messaging/background-to-ui';
import { ACTIVITY_KEYS } from './activity';
import { isRunningJob, JOB_PREFIX } from './jobs';
import { META_PREFIX } from './note-history';

/**
 * The idle timeout's forgetting: everything in `storage.session` (drafts, chart context, captures,
 * printables, note history, finished jobs and their notes), which is all about patients, except:
 * - the idle timeout's own clock and notice (no PHI);
 * - a job still running, with what its history entry will need (`note-meta:`). The idle check does
 *   not clear while a job runs, so this only matters when one starts between that check and this
 *   clear; even then, dropping it would orphan a 202 recording the API is still transcribing (its
 *   recording would be offered back, but the server's work and the note would be lost).
 * Settings, the key, sites, field maps and caches live in `storage.local` and IndexedDB, and
 * recordings not yet turned into notes stay (encrypted) until their note exists: none is touched.
 * Returns the keys removed.
 */
export async function forgetSessionPatientData(): Promise<string[]> {
  const all = await browser.storage.session.get(null);
  const kept = new Set(ACTIVITY_KEYS);
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(JOB_PREFIX)) continue;
    const job = JobSnapshotSchema.safeParse(value);
    if (job.success && isRunningJob(job.data)) {
      kept.add(key);
      kept.add(`${META_PREFIX}${job.data.id}`);
    }
  }
  const forgotten = Object.keys(all).filter((key) => !kept.has(key));
  if (forgotten.length > 0) await browser.storage.session.remove(forgotten);
  return forgotten;
}

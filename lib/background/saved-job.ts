import type { JobSnapshot } from '../messaging/background-to-ui';
import type { UpdateSink } from './generation-service';

/**
 * A panel subscribing to a job no longer running here (finished, or from before a worker restart):
 * it gets the saved snapshot, or word that there is no such job.
 */
export async function postSavedJob(load: (jobId: string) => Promise<JobSnapshot | undefined>, jobId: string, sink: UpdateSink): Promise<void> {
  const saved = await load(jobId);
  try {
    sink.post(saved ? { type: 'snapshot', job: saved } : { type: 'unknown-job', jobId });
  } catch {
    // The panel closed while we looked the job up; it asks again when it reopens.
  }
}

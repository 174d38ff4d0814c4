import { isRunningStatus, JobSnapshotSchema, type JobSnapshot } from '../messaging/background-to-ui';
import { readSession, removeSession, sessionKeys, writeSession } from './session-area';

/** Generation jobs as the background last saw them. The background owns them. */
export const JOB_PREFIX = 'job:';
const jobKey = (id: string) => `${JOB_PREFIX}${id}`;

export const isRunningJob = (job: Pick<JobSnapshot, 'status'>) => isRunningStatus(job.status);

export async function loadJob(id: string): Promise<JobSnapshot | undefined> {
  return readSession(jobKey(id), JobSnapshotSchema);
}

export async function saveJob(job: JobSnapshot): Promise<void> {
  await writeSession(jobKey(job.id), job);
}

export async function removeJob(id: string): Promise<void> {
  await removeSession(jobKey(id));
}

/**
 * A job saved as running when the background starts cannot be running: its worker (and the
 * fetch it held) is gone. Keep what arrived, and say it was interrupted.
 */
export async function markOrphanedJobsInterrupted(now = Date.now()): Promise<number> {
  let count = 0;
  for (const key of await sessionKeys(JOB_PREFIX)) {
    const job = await readSession(key, JobSnapshotSchema);
    if (job && (job.status === 'starting' || job.status === 'streaming')) {
      await writeSession(key, { ...job, status: 'incomplete', interruption: 'worker-restarted', updatedAt: now } satisfies JobSnapshot);
      count += 1;
    }
  }
  return count;
}

/** Every job saved in `storage.session` (unreadable entries left out). */
export async function listJobs(): Promise<JobSnapshot[]> {
  const jobs: JobSnapshot[] = [];
  for (const key of await sessionKeys(JOB_PREFIX)) {
    const job = await readSession(key, JobSnapshotSchema);
    if (job) jobs.push(job);
  }
  return jobs;
}

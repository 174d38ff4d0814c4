import { browser } from 'wxt/browser';
import { liveRecordingIds } from '../audio/recording-lock';
import { loadLastActivity, removeIdleClearNotice, saveIdleClearNotice, saveLastActivity } from '../storage/activity';
import { isRunningJob, listJobs } from '../storage/jobs';
import { forgetSessionPatientData } from '../storage/patient-data';
import { loadSettings } from '../storage/settings';
import { createIdleTimeout } from './idle-timeout';
import { tellPages } from './page-broadcast';

/** The idle timeout, wired to the browser: the background's one instance. */
export const idleTimeout = createIdleTimeout({
  now: () => Date.now(),
  timeoutMinutes: async () => (await loadSettings()).idleTimeoutMinutes,
  lastActivity: loadLastActivity,
  saveLastActivity,
  removeNotice: removeIdleClearNotice,
  busy: async () => (await listJobs()).some(isRunningJob) || (await liveRecordingIds()).size > 0,
  forget: async (minutes, now) => {
    // The same dance as Clear all data: open panels stop saving before anything is removed (else a
    // draft is written back a moment later) and start afresh after, then read the notice.
    await tellPages({ type: 'data:clearing' });
    await forgetSessionPatientData();
    await saveIdleClearNotice({ minutes, clearedAt: now });
    await tellPages({ type: 'data:cleared' });
  },
});

const IDLE_ALARM = 'chartside-idle-check';

/**
 * A check every minute, even with every page closed and the worker stopped (the alarm starts it).
 * An existing alarm is kept, so a worker woken every minute does not push its own next check back.
 */
export async function scheduleIdleChecks(): Promise<void> {
  const existing = await Promise.resolve(browser.alarms.get(IDLE_ALARM)).catch(() => undefined);
  if (!existing) await Promise.resolve(browser.alarms.create(IDLE_ALARM, { periodInMinutes: 1 })).catch(() => undefined);
}

/** Register at the top level of the background, so the alarm that woke the worker is not missed. */
export function onIdleAlarm(handler: () => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === IDLE_ALARM) handler();
  });
}

import { browser } from 'wxt/browser';
import { jobIdOfPollAlarm, pollAlarmName } from './audio-polling';

/**
 * The backstop behind every status check of a long recording: an alarm at the time the check is
 * due. While the worker lives, its own timer does the check; when the browser has stopped the
 * worker (Chrome does after 30 s idle), the alarm starts it again and the job picks up from
 * `storage.session`.
 */
export interface PollAlarms {
  set(jobId: string, at: number): void;
  clear(jobId: string): void;
}

export const pollAlarms: PollAlarms = {
  set(jobId, at) {
    void Promise.resolve(browser.alarms.create(pollAlarmName(jobId), { when: at })).catch(() => undefined);
  },
  clear(jobId) {
    void Promise.resolve(browser.alarms.clear(pollAlarmName(jobId))).catch(() => undefined);
  },
};

/** Register at the top level of the background, so the event that woke the worker is not missed. */
export function onPollAlarm(handler: (jobId: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    const jobId = jobIdOfPollAlarm(alarm.name);
    if (jobId !== undefined) handler(jobId);
  });
}

import { browser } from 'wxt/browser';
import type { JobSnapshot } from '../messaging/background-to-ui';
import type { JobOutcome } from './audio-job-service';

/**
 * Tells the clinician that a note made from a recording is ready (or could not be made) when no
 * panel was watching: long recordings take minutes, and the panel may be closed by then.
 *
 * The text is fixed and says nothing about the visit: notifications show on the lock screen and in
 * the system's notification history, outside the extension. The notification's id carries the tab
 * the note belongs to, so a click can bring that tab and its panel back without looking anything up
 * (a panel can only be opened synchronously inside the click).
 */
const PREFIX = 'chartside-job:';

const TEXT: Record<JobOutcome, string> = {
  ready: 'Your note is ready.',
  failed: 'Chartside could not finish a note. Open Chartside to see why; the recording is kept.',
};

interface Notifications {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  clear(id: string): Promise<boolean>;
  onClicked: { addListener(cb: (id: string) => void): void };
}

function notifications(): Notifications | undefined {
  return (browser as unknown as { notifications?: Notifications }).notifications;
}

export function notifyJobEnded(outcome: JobOutcome, job: Pick<JobSnapshot, 'id' | 'bindingKey'>): void {
  const api = notifications();
  if (!api) return;
  void Promise.resolve(
    api.create(`${PREFIX}${job.bindingKey}|${job.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/notification-icon.png'),
      title: 'Chartside',
      message: TEXT[outcome],
    }),
  ).catch(() => undefined);
}

/** The EHR tab a notification's note belongs to, or undefined for one that is not ours. */
export function tabOfNotification(id: string): number | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const match = /^tab-(\d+)\|/.exec(id.slice(PREFIX.length));
  return match ? Number(match[1]) : undefined;
}

/** A click brings the note's tab to the front and opens the panel on it. */
export function handleNotificationClicks(openPanelForTab: (tabId: number) => void): void {
  notifications()?.onClicked.addListener((id) => {
    if (!id.startsWith(PREFIX)) return;
    const tabId = tabOfNotification(id);
    void Promise.resolve(notifications()?.clear(id)).catch(() => undefined);
    if (tabId === undefined) return;
    openPanelForTab(tabId);
    void focusTab(tabId);
  });
}

async function focusTab(tabId: number): Promise<void> {
  try {
    const tab = await browser.tabs.update(tabId, { active: true });
    if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  } catch {
    // The tab was closed since: the panel (or its pop-out) still shows the note's job.
  }
}

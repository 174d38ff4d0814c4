import { browser } from 'wxt/browser';
import type { JobSnapshot } from '@/lib/messaging/background-to-ui';
import { holdKeepAlive } from '@/lib/background/keep-alive';
import { configuredApiClient } from '@/lib/background/api-client-source';
import { AudioJobService } from '@/lib/background/audio-job-service';
import { GenerationService } from '@/lib/background/generation-service';
import { acceptGenerationPort } from '@/lib/background/generation-port';
import { idleTimeout, onIdleAlarm, scheduleIdleChecks } from '@/lib/background/idle-clear';
import { handleNotificationClicks, notifyJobEnded } from '@/lib/background/job-notifications';
import { forwardShortcutsToPanel } from '@/lib/background/panel-commands';
import { onPollAlarm, pollAlarms } from '@/lib/background/poll-alarms';
import { handleSelectionMenuClicks } from '@/lib/background/selection-capture';
import { applyEnabledSites, followPolicySites } from '@/lib/background/site-access';
import { handleUiMessage } from '@/lib/background/ui-requests';
import { keepSessionStorageFromContentScripts, openPanelForTab, openPanelInWindow, openPanelOnToolbarClick } from '@/lib/platform/side-panel';
import { listJobs, loadJob, markOrphanedJobsInterrupted, saveJob } from '@/lib/storage/jobs';
import { recordJobInHistory } from '@/lib/storage/note-history';
import { loadSettings } from '@/lib/storage/settings';
import { streamExtrasMemory } from '@/lib/background/stream-extras-memory';
import { openRecordingStore } from '@/lib/storage/recordings';

export default defineBackground(() => {
  keepSessionStorageFromContentScripts();
  openPanelOnToolbarClick();
  forwardShortcutsToPanel();

  void applyEnabledSites().catch(() => undefined);
  followPolicySites();
  handleSelectionMenuClicks(openPanelInWindow);
  handleNotificationClicks(openPanelForTab);
  // Every save of a job also feeds this session's note history (a completed job becomes an entry).
  const persistJob = async (job: JobSnapshot) => {
    await saveJob(job);
    await recordJobInHistory(job).catch(() => undefined);
  };
  const extrasByAddress = streamExtrasMemory();
  const generation = new GenerationService({
    client: configuredApiClient,
    persist: persistJob,
    load: loadJob,
    holdKeepAlive,
    // Per API address: a proxy's stream may lack what the vendor's has.
    extrasMemory: {
      lacksExtras: async () => extrasByAddress.lacksExtras((await loadSettings()).apiBaseUrl),
      remember: async () => extrasByAddress.remember((await loadSettings()).apiBaseUrl),
    },
  });
  const audio = new AudioJobService({
    client: configuredApiClient,
    recordings: openRecordingStore(),
    persist: persistJob,
    load: loadJob,
    list: listJobs,
    alarms: pollAlarms,
    notify: notifyJobEnded,
    holdKeepAlive,
  });

  // Interrupted text jobs are marked so, recordings being processed are polled again, before any
  // panel's command is handled.
  const ready = Promise.all([markOrphanedJobsInterrupted().catch(() => 0), audio.recover().catch(() => undefined)]);
  onPollAlarm((jobId) => void ready.then(() => audio.wake(jobId)));
  // Patient data goes after the idle timeout: checked now (the computer may have slept past it),
  // then every minute. After `ready`, so a job a dead worker left "running" does not count as busy.
  const checkIdle = () => void ready.then(() => idleTimeout.check()).catch(() => undefined);
  onIdleAlarm(checkIdle);
  void scheduleIdleChecks();
  checkIdle();

  browser.runtime.onConnect.addListener((port) => acceptGenerationPort(port, { text: generation, audio }, ready));
  browser.runtime.onMessage.addListener(handleUiMessage as never);
});

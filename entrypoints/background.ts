import { browser } from 'wxt/browser';
import { holdKeepAlive } from '@/lib/background/keep-alive';
import { configuredApiClient } from '@/lib/background/api-client-source';
import { GenerationService } from '@/lib/background/generation-service';
import { acceptGenerationPort } from '@/lib/background/generation-port';
import { handleSelectionMenuClicks } from '@/lib/background/selection-capture';
import { applyEnabledSites } from '@/lib/background/site-access';
import { handleUiMessage } from '@/lib/background/ui-requests';
import { keepSessionStorageFromContentScripts, openPanelInWindow, openPanelOnToolbarClick } from '@/lib/platform/side-panel';
import { loadJob, markOrphanedJobsInterrupted, saveJob } from '@/lib/storage/jobs';

export default defineBackground(() => {
  keepSessionStorageFromContentScripts();
  openPanelOnToolbarClick();

  const ready = markOrphanedJobsInterrupted().catch(() => 0);
  void applyEnabledSites().catch(() => undefined);
  handleSelectionMenuClicks(openPanelInWindow);
  const generation = new GenerationService({
    client: configuredApiClient,
    persist: saveJob,
    load: loadJob,
    holdKeepAlive,
  });

  browser.runtime.onConnect.addListener((port) => acceptGenerationPort(port, generation, ready));
  browser.runtime.onMessage.addListener(handleUiMessage as never);
});

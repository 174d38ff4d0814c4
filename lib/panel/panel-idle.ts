import { signal } from '@preact/signals';
import { IdleCheckReplySchema, requestBackground } from '../messaging/request-background';
import { loadIdleClearNotice, type IdleClearNotice } from '../storage/activity';
import { reportActivity } from './activity-reporter';

/**
 * The panel's side of the idle timeout (lib/background/idle-timeout.ts). Awaited before any draft is
 * read: a panel opened after the computer slept past the timeout must show nothing of the last visit,
 * not show it and then clear it. Using the panel restarts the timeout and puts the "was cleared"
 * notice away; showing the panel again asks whether the timeout ran out meanwhile.
 */
export async function startIdleWatch() {
  await requestBackground({ type: 'idle:check' }, IdleCheckReplySchema);
  /** "Patient data was cleared after …": shown until the clinician uses the panel again. */
  const notice = signal<IdleClearNotice | undefined>(await loadIdleClearNotice().catch(() => undefined));
  const activity = reportActivity({
    target: window,
    document,
    now: () => Date.now(),
    report: () => {
      notice.value = undefined;
      void requestBackground({ type: 'idle:activity' }, IdleCheckReplySchema);
    },
    check: () => void requestBackground({ type: 'idle:check' }, IdleCheckReplySchema),
  });
  return { notice, activity };
}

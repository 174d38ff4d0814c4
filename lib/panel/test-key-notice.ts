import { signal } from '@preact/signals';

/**
 * The vendor's test keys are for evaluation without patient data; real patients need a live key
 * under a BAA. When a test key is in use and a chart is read, the panel says so once (not at every
 * chart, not in every panel), plainly, with where to get a live key. Nothing is blocked.
 */
export interface TestKeyNoticeDeps {
  keyKind(): Promise<'test' | 'live' | undefined>;
  /** Whether the notice was shown before (kept in storage.local: not patient data). */
  seen(): Promise<boolean>;
  markSeen(): Promise<void>;
}

export function createTestKeyNotice(deps: TestKeyNoticeDeps) {
  const visible = signal(false);
  let asked = false;

  /** A chart with a patient is on show. */
  async function chartRead(): Promise<void> {
    if (asked) return;
    asked = true;
    try {
      if ((await deps.keyKind()) !== 'test' || (await deps.seen())) return;
      visible.value = true;
      await deps.markSeen();
    } catch {
      // The notice is advice: a failed lookup shows nothing rather than breaking the panel.
    }
  }

  return { visible, chartRead, dismiss: () => void (visible.value = false) };
}

export type TestKeyNotice = ReturnType<typeof createTestKeyNotice>;

import { useMemo } from 'preact/hooks';
import type { VisitHistoryDeps } from '@/lib/panel/visit-history-store';
import { lazyModule, useLazyModule } from './lazy-module';

/**
 * The visit-history summary is used once a visit, if at all: its store and view load when the panel
 * first shows this region rather than with the panel (a tenth of the panel's start-up code).
 */
const visitHistory = lazyModule(() =>
  Promise.all([import('@/lib/panel/visit-history-store'), import('./VisitHistorySummary')]).then(([store, view]) => ({
    create: store.createVisitHistoryStore,
    View: view.VisitHistorySummary,
  })),
);

/** `deps` is made once per bound tab: a new chart binding gets a new store. */
export function VisitHistoryRegion({ deps, onOpenSettings }: { deps: VisitHistoryDeps; onOpenSettings(): void }) {
  const loaded = useLazyModule(visitHistory);
  const store = useMemo(() => loaded?.create(deps), [loaded, deps]);
  if (!loaded || !store) {
    return (
      <section aria-label="Visit history" class="stack card" aria-busy="true">
        <h2 style={{ margin: 0 }}>Visit history</h2>
      </section>
    );
  }
  return <loaded.View store={store} disabled={false} onOpenSettings={onOpenSettings} />;
}

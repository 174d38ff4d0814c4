import type { ComponentProps } from 'preact';
import type { NoteHistory } from './NoteHistory';
import { lazyModule, useLazyModule } from './lazy-module';

/**
 * The list of this session's notes is for going back to one, not for writing this one: its view
 * loads just after the panel opens rather than with it (the panel's 60 KB start-up budget). Its
 * store is the panel's own, made at start-up, since the visit-history summary and the idle
 * timeout use it too.
 */
const noteHistoryView = lazyModule(() => import('./NoteHistory'));

export function NoteHistoryRegion(props: ComponentProps<typeof NoteHistory>) {
  const view = useLazyModule(noteHistoryView);
  if (!view) {
    return (
      <section aria-label="Note history" class="stack card" aria-busy="true">
        <h2 style={{ margin: 0 }}>Note history</h2>
      </section>
    );
  }
  return <view.NoteHistory {...props} />;
}

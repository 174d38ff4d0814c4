import { callTabLabel, type CallTab } from '@/lib/platform/call-audio-support';
import type { RecorderStore } from '@/lib/panel/recorder-store';

/**
 * The Call tab list, once Include call audio is ticked: this window's tabs, those playing sound
 * first, by title and site where Chrome tells them.
 */
export function CallTabPicker({ store, live, pickable }: { store: RecorderStore; live: boolean; pickable: boolean }) {
  const tabs = store.callTabs.value;
  const chosen = store.callTabId.value;
  return (
    <div>
      <label for="call-tab">Call tab</label>
      <select
        id="call-tab"
        value={chosen === undefined ? '' : String(chosen)}
        disabled={!pickable}
        onFocus={() => void store.refreshCallTabs()}
        onChange={(event) => store.chooseCallTab(Number(event.currentTarget.value))}
      >
        {tabs.length === 0 && <option value="">No tab to record</option>}
        {tabs.map((tab) => (
          <option key={tab.id} value={String(tab.id)}>
            {callTabLabel(tab)}
          </option>
        ))}
      </select>
      <p class="hint">
        {live && store.callLive.value
          ? 'Recording the call’s sound with the microphone. You still hear the call.'
          : 'The call’s sound is recorded with your microphone, and you still hear it.'}
      </p>
      <TabNames store={store} tabs={tabs} />
    </div>
  );
}

/**
 * Tabs Chartside has no site access to are listed by their place in the tab strip until the clinician lets Chrome tell
 * their titles and sites (the optional `tabs` permission). Chrome's own words for it are alarming,
 * so the hint says what they will read and what Chartside does with it before the prompt appears.
 */
function TabNames({ store, tabs }: { store: RecorderStore; tabs: readonly CallTab[] }) {
  const state = store.tabNames.value;
  if (state === true || !tabs.some((tab) => !tab.title)) return null;
  if (state === 'refused') {
    return <p class="hint">Without that permission, tabs on other sites are listed by their place in the tab strip; the one playing sound is marked “playing sound”.</p>;
  }
  return (
    <div class="stack">
      <p class="hint" id="tab-names-hint">
        Some tabs show only their place in the tab strip. Chrome can tell Chartside every tab’s title and site for this list; it asks once, in its words “Read your browsing history”. Chartside reads them only to fill this list and keeps none.
      </p>
      <button type="button" class="link" aria-describedby="tab-names-hint" onClick={() => void store.showTabNames()}>
        Show tab names
      </button>
    </div>
  );
}

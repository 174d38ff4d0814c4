import { signal } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { FALLBACK_SPECIALTIES, type Specialty } from '../api/specialties';
import { requestBackground, SpecialtyListSchema } from '../messaging/request-background';
import { loadDraft, saveDraft } from '../storage/drafts';
import { SidePanel } from '@/components/SidePanel';
import { bindingKeyOf, followActiveTab, resolveBinding, type PanelBinding } from './binding';
import { GenerationConnection } from './generation-connection';
import { createPanelStore, type PanelStore } from './panel-store';

/**
 * Wires the side panel: binds it to a tab, loads that tab's draft, connects to the background's
 * jobs, and re-wires when an unpinned panel follows the clinician to another tab.
 */
export async function mountSidePanel(root: HTMLElement, search: string): Promise<void> {
  const specialties = signal<Specialty[]>([...FALLBACK_SPECIALTIES]);
  void requestBackground({ type: 'specialties:list' }, SpecialtyListSchema).then((result) => {
    if (result.ok && result.data.length > 0) specialties.value = result.data;
  });

  let store: PanelStore | undefined;
  const connection = new GenerationConnection(
    (update) => store?.receive(update),
    () => store?.backgroundLost(),
  );

  const openSettings = () => void browser.runtime.openOptionsPage();

  async function bind(binding: PanelBinding): Promise<void> {
    store?.dispose();
    const bindingKey = bindingKeyOf(binding);
    const next = createPanelStore({
      bindingKey,
      send: (command) => connection.send(command),
      saveDraft: (draft) => saveDraft(bindingKey, draft),
    });
    store = next;
    const popOut =
      binding.tabId === undefined || binding.pinned
        ? undefined
        : () => void browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html?tabId=${binding.tabId}`), type: 'popup', width: 460, height: 820 });
    render(<SidePanel store={next} specialties={specialties} onOpenSettings={openSettings} onPopOut={popOut} />, root);
    next.hydrate(await loadDraft(bindingKey));
    document.documentElement.dataset.ready = 'true';
  }

  const binding = await resolveBinding(search);
  await bind(binding);
  await followActiveTab(binding, (nextBinding) => void bind(nextBinding));

  // Nothing typed is lost when the panel closes: save at once, not after the usual short delay.
  addEventListener('pagehide', () => store?.flush());
  addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      store?.generate();
    }
  });
}

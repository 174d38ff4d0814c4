import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPanelLayout, savePanelLayout } from './panel-layout';

describe('panel layout preference', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts with every area folded, and remembers each area on its own', async () => {
    expect(await loadPanelLayout()).toEqual({});
    await savePanelLayout({ optionsOpen: true });
    await savePanelLayout({ contextOpen: false });
    expect(await loadPanelLayout()).toEqual({ optionsOpen: true, contextOpen: false });
  });

  it('ignores a stored value of the wrong shape rather than failing the panel', async () => {
    await fakeBrowser.storage.local.set({ panelLayout: { optionsOpen: 'yes' } });
    expect(await loadPanelLayout()).toEqual({});
  });
});

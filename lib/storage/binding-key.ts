/** The key under which a tab's draft, chart context and captures are kept in storage.session. */
export function bindingKeyForTab(tabId: number | undefined): string {
  return tabId === undefined ? 'no-tab' : `tab-${tabId}`;
}

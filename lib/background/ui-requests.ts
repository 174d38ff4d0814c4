import { browser, type Browser } from 'wxt/browser';
import { ApiError, invalidRequestError, toErrorInfo } from '../api/errors';
import { updateHistoryEntry } from '../storage/note-history';
import { isExtensionPageSender } from '../messaging/sender';
import type { Reply } from '../messaging/request-background';
import { UiRequestSchema, type UiRequest } from '../messaging/ui-to-background';
import { checkApiKeyFormat, maskApiKey } from '../storage/api-key-format';
import { deleteAllRecordings } from '../storage/recordings';
import { forgetSettings } from '../storage/settings';
import { keyKindAllowed, keyKindRefused, readManagedPolicy } from '../storage/managed-policy';
import { clearApiKey, loadApiKey, saveApiKey } from '../storage/vault';
import { configuredApiClient } from './api-client-source';
import { idleTimeout } from './idle-clear';
import { tellPages } from './page-broadcast';
import { readChartInTab } from './chart-reading';
import { deleteFieldMap, listFieldMaps } from '../storage/field-maps';
import { fieldMapOfTab, openMapperForSite, pickFieldInTab, stopPick } from './field-mapping';
import { insertNote, undoInsert } from './insert-note';
import { disableSite, enableSiteOfTab, listEnabledSites, reinjectReaderIfEnabled, siteStatus } from './site-access';
import { clearSpecialtyCache, listSpecialties } from './specialty-cache';

/**
 * Answers one-shot requests from the extension's own pages. Anything from elsewhere (a content
 * script, a malformed message) gets no answer at all: `undefined` lets other listeners, if any,
 * decide, and tells a prober nothing.
 */
export function handleUiMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined {
  if (!isExtensionPageSender(sender)) return undefined;
  const parsed = UiRequestSchema.safeParse(message);
  if (!parsed.success) return undefined;
  return answer(parsed.data).then(
    (data): Reply => ({ ok: true, data }),
    (error: unknown): Reply => ({ ok: false, error: toErrorInfo(error) }),
  );
}

async function answer(request: UiRequest): Promise<unknown> {
  switch (request.type) {
    case 'vault:save-key': {
      const check = checkApiKeyFormat(request.apiKey);
      if (!check.ok) throw invalidRequestError(check.message);
      if (!keyKindAllowed((await readManagedPolicy()).policy, check.kind)) throw invalidRequestError(keyKindRefused(check.kind));
      await saveApiKey(request.apiKey.trim());
      return vaultStatus();
    }
    case 'vault:status':
      return vaultStatus();
    case 'settings:test-connection': {
      await (await configuredApiClient()).checkKey();
      return { connected: true };
    }
    case 'specialties:list':
      return listSpecialties();
    case 'data:clear-all':
      await clearAllData();
      return { cleared: true };
    case 'idle:check':
      return { outcome: await idleTimeout.check() };
    case 'idle:activity':
      return { outcome: await idleTimeout.activity() };
    case 'site:status':
      return siteStatus(request.tabId);
    case 'site:enable':
      return enableSiteOfTab(request.tabId);
    case 'sites:list':
      return (await listEnabledSites()).map((site) => site.origin);
    case 'site:disable':
      await disableSite(request.origin);
      return { disabled: true };
    case 'chart:read':
      return readChartInTab(request.tabId, { reinject: (frameIds) => reinjectReaderIfEnabled(request.tabId, frameIds) });
    case 'note:insert':
      return insertNote(request);
    case 'note:undo':
      return undoInsert(request.tabId);
    case 'fields:pick':
      return pickFieldInTab(request.tabId, request.target);
    case 'fields:pick-stop':
      await stopPick(request.tabId);
      return { stopped: true };
    case 'field-maps:list':
      return listFieldMaps();
    case 'field-maps:of-tab':
      return fieldMapOfTab(request.tabId);
    case 'field-maps:delete':
      await deleteFieldMap(request.site, request.target);
      return { deleted: true };
    case 'field-maps:reteach':
      return openMapperForSite(request.site, request.target);
    case 'visit-summary:create':
      return (await configuredApiClient()).visitSummary(request.request);
    case 'note:get':
      return reopenNote(request.noteId, request.jobId);
  }
}

/**
 * GET /v1/note/:noteId for the session's note history; what it learns (a newer expiry, or a 404:
 * the API deleted the note) is written back to the entry before the error or note goes to the panel.
 */
async function reopenNote(noteId: string, jobId: string | undefined): Promise<unknown> {
  try {
    const note = await (await configuredApiClient()).getNote(noteId);
    if (jobId && note.expires_at) await updateHistoryEntry(jobId, { expiresAt: note.expires_at }).catch(() => undefined);
    return note;
  } catch (error) {
    if (jobId && error instanceof ApiError && error.kind === 'not_found') await updateHistoryEntry(jobId, { gone: true }).catch(() => undefined);
    throw error;
  }
}

async function vaultStatus() {
  const key = await loadApiKey();
  if (!key) return { hasKey: false };
  const check = checkApiKeyFormat(key);
  return { hasKey: true, kind: check.ok ? check.kind : undefined, masked: maskApiKey(key) };
}

/** Every trace Chartside keeps: session PHI, settings, enabled sites, field maps, caches, recordings, and the key itself. */
async function clearAllData(): Promise<void> {
  // Open panels stop saving first, or a panel's draft would be written back after the clear.
  await tellPages({ type: 'data:clearing' });
  for (const site of await listEnabledSites()) await disableSite(site.origin);
  await browser.storage.session.clear();
  await clearSpecialtyCache();
  await clearApiKey();
  await deleteAllRecordings();
  await forgetSettings();
  await browser.storage.local.clear();
  await tellPages({ type: 'data:cleared' });
}

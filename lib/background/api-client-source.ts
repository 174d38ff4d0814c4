import { createApiClient } from '../api/client';
import { settingsError } from '../api/errors';
import { loadSettings } from '../storage/settings';
import { loadApiKey } from '../storage/vault';

/** The API client as configured now: the saved base URL and the key from the vault. */
export async function configuredApiClient(): Promise<ReturnType<typeof createApiClient>> {
  const [settings, apiKey] = await Promise.all([loadSettings(), loadApiKey()]);
  if (!apiKey) throw settingsError('No API key is saved in Chartside yet.');
  return createApiClient({ baseUrl: settings.apiBaseUrl, apiKey });
}

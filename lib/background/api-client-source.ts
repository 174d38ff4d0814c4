import { createApiClient } from '../api/client';
import { settingsError } from '../api/errors';
import { loadSettings } from '../storage/settings';
import { nameOfTemplate } from '../note/named-templates';
import { loadApiKey } from '../storage/vault';
import { checkApiKeyFormat } from '../storage/api-key-format';
import { keyKindAllowed, keyKindRefused, readManagedPolicy } from '../storage/managed-policy';

/** The API client as configured now: the saved base URL and the key from the vault. */
export async function configuredApiClient(): Promise<ReturnType<typeof createApiClient>> {
  const [settings, apiKey, { policy }] = await Promise.all([loadSettings(), loadApiKey(), readManagedPolicy()]);
  if (!apiKey) throw settingsError('No API key is saved in Chartside yet.');
  // A key saved before the organisation's policy allowed only other kinds is not used.
  const kind = checkApiKeyFormat(apiKey);
  if (kind.ok && !keyKindAllowed(policy, kind.kind)) throw settingsError(keyKindRefused(kind.kind));
  // Not a fallback to the vendor's address: the clinician may have chosen a proxy for a reason.
  if (settings.tampered) throw settingsError('Chartside’s settings were changed by something other than its options page. Open the options, check the API address and save it again.');
  // A refused template is named as the clinician named it: read when the client is made, as the rest of the settings are.
  const templates = settings.namedTemplates;
  return createApiClient({ baseUrl: settings.apiBaseUrl, apiKey, templateName: (id, specialty) => nameOfTemplate(templates, specialty, id) });
}

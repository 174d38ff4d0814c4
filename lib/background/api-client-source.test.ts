import { describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ key: 'snapi_sk_test_chartside01' as string | undefined, policy: {} as Record<string, unknown> }));
vi.mock('../storage/settings', () => ({ loadSettings: async () => ({ apiBaseUrl: 'https://soap-proxy.clinic.example', omitPatientName: false, idleTimeoutMinutes: 30, styleRules: [], namedTemplates: [{ id: 'missing-brief', name: 'Brief follow-up', specialty: 'physician', lastUsedAt: 1 }] }) }));
vi.mock('../storage/vault', () => ({ loadApiKey: async () => state.key }));
vi.mock('../storage/managed-policy', async (original) => ({
  ...(await original<typeof import('../storage/managed-policy')>()),
  readManagedPolicy: async () => ({ policy: state.policy, ignored: [] }),
}));

import { configuredApiClient } from './api-client-source';

describe('configuredApiClient under the organisation’s allowed key kinds', () => {
  it('uses a saved key of an allowed kind, and refuses one the policy does not allow, saying what to do', async () => {
    state.policy = {};
    await expect(configuredApiClient()).resolves.toBeDefined();
    state.policy = { allowedApiKeyKinds: ['live'] };
    await expect(configuredApiClient()).rejects.toThrow(/does not allow test keys/);
    state.key = 'snapi_sk_live_chartside01';
    await expect(configuredApiClient()).resolves.toBeDefined();
  });
});

describe('configuredApiClient and the clinician’s named templates', () => {
  it('a refused template is named by the clinician’s name for it, beside its id', async () => {
    state.policy = {};
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'TEMPLATE_NOT_FOUND', message: 'Template not found' } }), { status: 404, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    try {
      const api = await configuredApiClient();
      await expect(api.generateNote({ transcript: 'Patient reports a sore throat for three days, no fever.', specialty: 'physician', template: 'missing-brief' })).rejects.toMatchObject({
        message: expect.stringContaining('the template “Brief follow-up” (missing-brief), so no note was made'),
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

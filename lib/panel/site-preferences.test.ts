import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSitePreference, saveSitePreference } from '../storage/site-preferences';
import { openingDraft, rememberSitePreferences, siteOriginOf } from './site-preferences';

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('site preferences in storage', () => {
  it('are kept per origin in storage.local, the newest winning, the oldest dropped past 50 sites', async () => {
    await saveSitePreference('https://ehr.example', { specialty: 'psychiatrist', template: 'intake' }, 1);
    await saveSitePreference('https://other.example', { specialty: 'dentist', template: 'standard' }, 2);
    await saveSitePreference('https://ehr.example', { specialty: 'physician', template: 'follow-up' }, 3);
    expect(await loadSitePreference('https://ehr.example')).toEqual({ specialty: 'physician', template: 'follow-up' });
    expect(await loadSitePreference('https://other.example')).toEqual({ specialty: 'dentist', template: 'standard' });
    expect(await loadSitePreference('https://unknown.example')).toBeUndefined();
    for (let i = 0; i < 50; i++) await saveSitePreference(`https://s${i}.example`, { specialty: 'generic', template: 'standard' }, 10 + i);
    expect(await loadSitePreference('https://other.example')).toBeUndefined();
    expect(await loadSitePreference('https://s0.example')).toBeDefined();
  });
});

describe('siteOriginOf', () => {
  it('is the origin of a site page, nothing for other pages', () => {
    expect(siteOriginOf({ kind: 'enabled', origin: 'https://ehr.example', pattern: 'https://ehr.example/*' })).toBe('https://ehr.example');
    expect(siteOriginOf({ kind: 'disabled', origin: 'https://ehr.example', pattern: 'https://ehr.example/*' })).toBe('https://ehr.example');
    expect(siteOriginOf({ kind: 'unsupported', url: 'chrome://newtab/' })).toBeUndefined();
    expect(siteOriginOf(undefined)).toBeUndefined();
  });
});

describe('openingDraft', () => {
  const pref = { specialty: 'psychiatrist', template: 'intake' };
  it('keeps the tab’s own draft', async () => {
    const draft = await openingDraft({
      findDraft: async () => ({ transcript: 'x', specialty: 'dentist', template: 'standard', includeBillingCodes: false, includePatientSummary: false, customInstructions: '' }),
      siteOrigin: async () => 'https://ehr.example',
      loadPreference: async () => pref,
    });
    expect(draft.specialty).toBe('dentist');
  });
  it('starts a new tab from the site’s last specialty and template, or the defaults', async () => {
    const fromSite = await openingDraft({ findDraft: async () => undefined, siteOrigin: async () => 'https://ehr.example', loadPreference: async () => pref });
    expect(fromSite).toMatchObject({ transcript: '', specialty: 'psychiatrist', template: 'intake', includePatientSummary: false });
    const fresh = await openingDraft({ findDraft: async () => undefined, siteOrigin: async () => undefined, loadPreference: async () => pref });
    expect(fresh).toMatchObject({ specialty: 'physician', template: 'standard' });
    const failing = await openingDraft({ findDraft: async () => undefined, siteOrigin: () => Promise.reject(new Error('gone')), loadPreference: async () => pref });
    expect(failing.specialty).toBe('physician');
  });
  it('with nothing remembered for the site, starts from the organisation’s default specialty and template; a remembered choice still wins', async () => {
    const organisationDefault = async () => ({ specialty: 'dentist', template: 'soap-dental' });
    const managed = await openingDraft({ findDraft: async () => undefined, siteOrigin: async () => 'https://ehr.example', loadPreference: async () => undefined, organisationDefault });
    expect(managed).toMatchObject({ specialty: 'dentist', template: 'soap-dental' });
    const onlySpecialty = await openingDraft({ findDraft: async () => undefined, siteOrigin: async () => undefined, loadPreference: async () => pref, organisationDefault: async () => ({ specialty: 'dentist' }) });
    expect(onlySpecialty).toMatchObject({ specialty: 'dentist', template: 'standard' });
    const remembered = await openingDraft({ findDraft: async () => undefined, siteOrigin: async () => 'https://ehr.example', loadPreference: async () => pref, organisationDefault });
    expect(remembered).toMatchObject({ specialty: 'psychiatrist', template: 'intake' });
  });
});

describe('rememberSitePreferences', () => {
  it('saves changes (not the loaded values) for the site, once typing pauses, and at once when stopped', async () => {
    const specialty = signal('physician');
    const template = signal('standard');
    const save = vi.fn(async () => undefined);
    let origin: string | undefined = 'https://ehr.example';
    const stop = rememberSitePreferences({ specialty, template, origin: () => origin, save, delayMs: 300 });
    vi.advanceTimersByTime(1000);
    expect(save).not.toHaveBeenCalled();

    specialty.value = 'psychiatrist';
    template.value = 'in';
    template.value = 'intake';
    vi.advanceTimersByTime(300);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('https://ehr.example', { specialty: 'psychiatrist', template: 'intake' });

    template.value = '  ';
    stop();
    expect(save).toHaveBeenLastCalledWith('https://ehr.example', { specialty: 'psychiatrist', template: 'standard' });

    origin = undefined;
    const stop2 = rememberSitePreferences({ specialty, template, origin: () => origin, save });
    specialty.value = 'dentist';
    stop2();
    expect(save).toHaveBeenCalledTimes(2);
  });
});

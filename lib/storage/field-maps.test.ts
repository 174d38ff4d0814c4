import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TaughtField } from '../ehr/taught-fields/taught-field';
import { deleteFieldMap, listFieldMaps, loadTaughtFields, saveTaughtField } from './field-maps';

const SITE = 'https://ehr.example.org';
const field = (id: string): TaughtField => ({ frame: { origin: SITE, top: true }, locators: [{ by: 'id', id }], fragile: false });

beforeEach(() => fakeBrowser.reset());

describe('field maps', () => {
  it('keeps each site’s taught fields across restarts (storage.local), one field at a time', async () => {
    await saveTaughtField(SITE, 'subjective', field('s'));
    await saveTaughtField(SITE, 'plan', field('p'));
    await saveTaughtField('https://other.example.org', 'plan', field('x'));
    expect(await loadTaughtFields(SITE)).toEqual({ subjective: field('s'), plan: field('p') });
    expect((await listFieldMaps()).map((m) => m.site)).toEqual(['https://ehr.example.org', 'https://other.example.org']);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['fieldMaps']);
  });

  it('teaching the whole note replaces the section fields, and a section replaces the whole note', async () => {
    await saveTaughtField(SITE, 'subjective', field('s'));
    await saveTaughtField(SITE, 'note', field('n'));
    expect(await loadTaughtFields(SITE)).toEqual({ note: field('n') });
    await saveTaughtField(SITE, 'plan', field('p'));
    expect(await loadTaughtFields(SITE)).toEqual({ plan: field('p') });
  });

  it('forgets one field or a whole site', async () => {
    await saveTaughtField(SITE, 'subjective', field('s'));
    await saveTaughtField(SITE, 'plan', field('p'));
    await deleteFieldMap(SITE, 'plan');
    expect(await loadTaughtFields(SITE)).toEqual({ subjective: field('s') });
    await deleteFieldMap(SITE, 'subjective');
    expect(await loadTaughtFields(SITE)).toBeUndefined();
    await saveTaughtField(SITE, 'plan', field('p'));
    await deleteFieldMap(SITE);
    expect(await listFieldMaps()).toEqual([]);
  });

  it('ignores a damaged entry without losing the others, and refuses to store a malformed field', async () => {
    await saveTaughtField(SITE, 'plan', field('p'));
    const stored = (await fakeBrowser.storage.local.get('fieldMaps')).fieldMaps as Record<string, unknown>;
    await fakeBrowser.storage.local.set({ fieldMaps: { ...stored, 'https://bad.example.org': { site: 'https://bad.example.org', fields: { plan: { locators: 'x' } } } } });
    expect((await listFieldMaps()).map((m) => m.site)).toEqual([SITE]);
    await expect(saveTaughtField(SITE, 'plan', { ...field('p'), locators: [] })).rejects.toThrow();
  });
});

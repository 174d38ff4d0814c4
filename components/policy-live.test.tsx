// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FieldMap } from '@/lib/storage/field-maps';

const MAP: FieldMap = {
  site: 'https://ehr.example.org',
  fields: { note: { frame: { origin: 'https://ehr.example.org', top: true }, locators: [{ by: 'id', id: 'note-text' }], fragile: false } },
  taughtAt: 1_700_000_000_000,
};

// The background's answers: the clinician's one mapped site, the fallback specialties.
vi.mock('@/lib/messaging/request-background', async (actual) => ({
  ...(await actual<typeof import('@/lib/messaging/request-background')>()),
  requestBackground: async (request: { type: string }) => (request.type === 'field-maps:list' ? { ok: true, data: [MAP] } : { ok: false, error: { message: 'none', nextStep: '' } }),
}));

import { ConsentSettings } from './ConsentSettings';
import { FieldMapList } from './FieldMapList';
import { StyleRulesSettings } from './StyleRulesSettings';

const root = document.createElement('div');
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => render(null, root));

const onOutcome = () => undefined;
/** The browser reloading policy: the fake's managed area fires storage.onChanged for `managed`. */
const policyBecomes = async (policy: Record<string, unknown>) => {
  await fakeBrowser.storage.managed.clear();
  if (Object.keys(policy).length > 0) await fakeBrowser.storage.managed.set(policy);
};
/** Preact's act() draws only when its callback ends: each try lets pending work and renders run first. */
const until = (check: () => void) => vi.waitFor(async () => {
  await act(async () => undefined);
  check();
});
const byId = <T extends Element>(id: string) => root.querySelector<T>(`#${id}`)!;

describe('the options page’s sections follow a change of policy with no reload', () => {
  it('ConsentSettings: the consent checkbox is locked to the policy’s value, and freed when the policy drops it', async () => {
    await act(async () => render(<ConsentSettings onOutcome={onOutcome} />, root));
    const box = () => root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    await until(() => expect(box().disabled).toBe(false));
    expect(box().checked).toBe(true); // the default: asked for

    await policyBecomes({ requireRecordingConsent: false });
    await until(() => expect(box().disabled).toBe(true));
    expect(box().checked).toBe(false);
    expect(root.textContent).toContain('Set by your organisation');

    await policyBecomes({});
    await until(() => expect(box().disabled).toBe(false));
    expect(box().checked).toBe(true);
    expect(root.textContent).not.toContain('Set by your organisation');
  });

  it('StyleRulesSettings: the organisation’s rules replace the boxes and lock them, and the clinician’s come back after', async () => {
    await act(async () => render(<StyleRulesSettings onOutcome={onOutcome} />, root));
    const all = () => byId<HTMLTextAreaElement>('style-rules-all');
    await until(() => expect(all().disabled).toBe(false));
    expect(all().value).toBe('');

    await policyBecomes({ styleRules: [{ text: 'Short sentences.' }] });
    await until(() => expect(all().disabled).toBe(true));
    expect(all().value).toContain('Short sentences.');
    expect(root.textContent).toContain('Set by your organisation');

    await policyBecomes({});
    await until(() => expect(all().disabled).toBe(false));
    expect(all().value).toBe('');
  });

  it('FieldMapList: a site whose map the policy starts setting is locked (Re-teach, Delete), and freed when it stops', async () => {
    await act(async () => render(<FieldMapList onOutcome={onOutcome} />, root));
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    await until(() => expect(button(`Delete mapped fields on ${MAP.site}`)).toBeDefined());
    expect(button(`Delete mapped fields on ${MAP.site}`).disabled).toBe(false);

    await policyBecomes({ fieldMaps: { [MAP.site]: MAP } });
    await until(() => expect(button(`Delete mapped fields on ${MAP.site}`).disabled).toBe(true));
    expect(button(`Re-teach all on ${MAP.site}`).disabled).toBe(true);
    expect(root.textContent).toContain('Set by your organisation');

    await policyBecomes({});
    await until(() => expect(button(`Delete mapped fields on ${MAP.site}`).disabled).toBe(false));
    expect(root.textContent).not.toContain('Set by your organisation');
  });
});

describe('FieldMapList’s Copy for policy', () => {
  it('copies the value of the policy’s fieldMaps setting for that site, which the policy takes whole', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
    const outcomes: string[] = [];
    await act(async () => render(<FieldMapList onOutcome={(_tone, text) => outcomes.push(text)} />, root));
    const copy = () => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === `Copy for policy: ${MAP.site}`);
    await until(() => expect(copy()).toBeDefined());
    await act(async () => copy()!.click());
    await until(() => expect(copied).toHaveLength(1));
    const { parseManagedPolicy } = await import('@/lib/storage/managed-policy');
    expect(JSON.parse(copied[0]!)).toEqual({ [MAP.site]: MAP });
    expect(parseManagedPolicy({ fieldMaps: JSON.parse(copied[0]!) })).toEqual({ policy: { fieldMaps: { [MAP.site]: MAP } }, ignored: [] });
    expect(outcomes).toEqual([`Copied the mapped fields of ${MAP.site}, as a policy's fieldMaps value.`]);
  });
});

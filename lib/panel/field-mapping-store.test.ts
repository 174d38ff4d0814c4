import { describe, expect, it, vi } from 'vitest';
import type { FieldTarget } from '../messaging/insert';
import type { PickOutcomeInfo, Result } from '../messaging/request-background';
import type { FieldMap } from '../storage/field-maps';
import { createFieldMappingStore } from './field-mapping-store';

const mapOf = (...targets: FieldTarget[]): FieldMap => ({
  site: 'https://ehr.example.org',
  taughtAt: 1,
  fields: Object.fromEntries(targets.map((t) => [t, { frame: { origin: 'https://ehr.example.org', top: true }, locators: [{ by: 'id', id: t }], fragile: false }])),
});

/** A fake background: each pick waits until the test clicks (`click`) or the store stops it. */
function harness() {
  const taught: FieldTarget[] = [];
  let pending: { target: FieldTarget; resolve(r: Result<PickOutcomeInfo>): void } | undefined;
  const asked: FieldTarget[] = [];
  const store = createFieldMappingStore({
    tabId: 7,
    pick: (_tab, target) =>
      new Promise((resolve) => {
        asked.push(target);
        pending = { target, resolve };
      }),
    stop: async () => pending?.resolve({ ok: true, data: { kind: 'stopped' } }),
    mapOfTab: async () => ({ ok: true, data: {} }),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    store,
    asked,
    async click() {
      taught.push(pending!.target);
      pending!.resolve({ ok: true, data: { kind: 'picked', target: pending!.target, fragile: false, map: mapOf(...taught) } });
      await settle();
    },
    settle,
  };
}

describe('the Map fields steps', () => {
  it('asks for each section in turn, skips on request, and ends with what was taught', async () => {
    const h = harness();
    const done = h.store.start();
    await h.settle();
    expect(h.store.state.value).toEqual({ kind: 'picking', steps: ['subjective', 'objective', 'assessment', 'plan'], index: 0 });
    await h.click();
    await h.store.skip();
    await h.settle();
    await h.click();
    await h.click();
    await done;
    expect(h.asked).toEqual(['subjective', 'objective', 'assessment', 'plan']);
    expect(h.store.state.value).toEqual({ kind: 'finished', taught: ['subjective', 'assessment', 'plan'] });
    expect(Object.keys(h.store.map.value!.fields)).toEqual(['subjective', 'assessment', 'plan']);
  });

  it('Cancel ends it keeping what was taught; Escape in the page (a stop nobody asked for) does the same', async () => {
    const h = harness();
    const done = h.store.start();
    await h.settle();
    await h.store.cancel();
    await done;
    expect(h.store.state.value).toEqual({ kind: 'cancelled' });

    const again = h.store.start();
    await h.settle();
    await h.click();
    await h.store.cancel();
    await again;
    expect(h.store.state.value).toEqual({ kind: 'finished', taught: ['subjective'] });
  });

  it('switches to one field for the whole note', async () => {
    const h = harness();
    const done = h.store.start();
    await h.settle();
    await h.store.wholeNote();
    await h.settle();
    expect(h.store.state.value).toEqual({ kind: 'picking', steps: ['note'], index: 0 });
    await h.click();
    await done;
    expect(h.store.state.value).toEqual({ kind: 'finished', taught: ['note'] });
  });

  it('says so when the site is not enabled, and shows a background error', async () => {
    const noAccess = createFieldMappingStore({ tabId: 1, pick: async () => ({ ok: true, data: { kind: 'no-access' } }), stop: vi.fn(), mapOfTab: vi.fn() });
    await noAccess.start();
    expect(noAccess.state.value).toEqual({ kind: 'no-access' });
    const error = { kind: 'unknown' as const, message: 'Chartside’s background did not answer.', nextStep: 'Reopen.', retryable: true };
    const failing = createFieldMappingStore({ tabId: 1, pick: async () => ({ ok: false, error }), stop: vi.fn(), mapOfTab: vi.fn() });
    await failing.start();
    expect(failing.error.value).toEqual(error);
    expect(failing.state.value).toEqual({ kind: 'idle' });
  });
});

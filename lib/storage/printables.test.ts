import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storePrintable, takePrintable } from './printables';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('printables', () => {
  it('hand a summary to the print page through session storage, once, by a random id', async () => {
    const id = await storePrintable({ title: 'Your visit summary', text: 'Rest and fluids.' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await takePrintable(id)).toEqual({ title: 'Your visit summary', text: 'Rest and fluids.' });
    expect(await takePrintable(id)).toBeUndefined();
  });
  it('ignore ids that are not theirs', async () => {
    await fakeBrowser.storage.session.set({ 'draft:tab-1': { transcript: 'x' } });
    expect(await takePrintable(null)).toBeUndefined();
    expect(await takePrintable('../draft:tab-1')).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ 'draft:tab-1': { transcript: 'x' } });
  });
});

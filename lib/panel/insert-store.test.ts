import { describe, expect, it, vi } from 'vitest';
import { emptySections } from '../note/sections';
import { createInsertStore, type InsertStoreDeps } from './insert-store';

function setup() {
  const insert = vi.fn<InsertStoreDeps['insert']>(async () => ({ ok: true as const, data: { kind: 'done' as const, reports: [] } }));
  const store = createInsertStore({
    tabId: 3,
    insert,
    undo: async () => ({ ok: true as const, data: [] }),
    note: () => ({ sections: { ...emptySections(), plan: 'Rest.' }, patient: { name: 'Maria Alvarez' } as never }),
  });
  return { store, insert };
}

describe('inserting extras', () => {
  it('puts the text into the chosen section’s field, always after what is there, for the note’s patient', async () => {
    const { store, insert } = setup();
    store.replace.value = true;
    await store.insertText('assessment', 'Billing codes\nICD-10:\nJ02.9');
    expect(insert).toHaveBeenCalledWith({ tabId: 3, sections: { assessment: 'Billing codes\nICD-10:\nJ02.9' }, mode: 'append', patient: { name: 'Maria Alvarez' } });
  });
  it('sends nothing for blank text; sections still follow the Replace choice', async () => {
    const { store, insert } = setup();
    await store.insertText('plan', '  ');
    expect(insert).not.toHaveBeenCalled();
    store.replace.value = true;
    await store.insertSection('plan');
    expect(insert).toHaveBeenCalledWith(expect.objectContaining({ sections: { plan: 'Rest.' }, mode: 'replace' }));
  });
});

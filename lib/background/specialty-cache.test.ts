import { describe, expect, it } from 'vitest';
import { FALLBACK_SPECIALTIES, type Specialty } from '../api/specialties';
import { listSpecialties, type SpecialtySource } from './specialty-cache';

const DAY = 24 * 60 * 60 * 1000;
const LIVE: Specialty[] = [{ id: 'physician', label: 'Physician', templates: [{ id: 'standard', label: 'Standard' }, { id: 'brief', label: 'Brief' }] }];

function source(options: { baseUrl?: string | undefined; answer?: () => Promise<Specialty[]> } = {}) {
  const data: Record<string, unknown> = {};
  const asked: string[] = [];
  const s: SpecialtySource & { asked: string[]; data: Record<string, unknown>; url: string | undefined } = {
    asked,
    data,
    url: 'baseUrl' in options ? options.baseUrl : 'https://api.soapnoteapi.com',
    async baseUrl() {
      return s.url;
    },
    async fetchList(baseUrl) {
      asked.push(baseUrl);
      return (options.answer ?? (async () => LIVE))();
    },
    area: {
      get: (async (key: string) => (key in data ? { [key]: data[key] } : {})) as never,
      set: (async (items: Record<string, unknown>) => void Object.assign(data, items)) as never,
      remove: (async (key: string) => void delete data[key]) as never,
    },
  };
  return s;
}

describe('listSpecialties (background cache)', () => {
  it('asks the API once a day per address and keeps the template variants', async () => {
    const s = source();
    expect(await listSpecialties(0, s)).toEqual(LIVE);
    expect(await listSpecialties(DAY - 1, s)).toEqual(LIVE);
    expect(s.asked).toHaveLength(1);
    await listSpecialties(DAY, s);
    expect(s.asked).toHaveLength(2);
  });

  it('a new API address in settings is a new list, asked for at once', async () => {
    const s = source();
    await listSpecialties(0, s);
    s.url = 'https://proxy.example.org/soap';
    await listSpecialties(1, s);
    expect(s.asked).toEqual(['https://api.soapnoteapi.com', 'https://proxy.example.org/soap']);
  });

  it('offline: the older copy from the same API, else the contract’s list', async () => {
    const s = source();
    await listSpecialties(0, s);
    const offline = source({ answer: () => Promise.reject(new Error('offline')) });
    Object.assign(offline.data, s.data);
    expect(await listSpecialties(2 * DAY, offline)).toEqual(LIVE);
    expect(await listSpecialties(0, source({ answer: () => Promise.reject(new Error('offline')) }))).toEqual([...FALLBACK_SPECIALTIES]);
  });

  it('asks nothing of an address that is not the configured one (tampered settings)', async () => {
    const s = source({ baseUrl: undefined });
    expect(await listSpecialties(0, s)).toEqual([...FALLBACK_SPECIALTIES]);
    expect(s.asked).toEqual([]);
  });
});

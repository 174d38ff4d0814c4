import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import type { TaughtField, TaughtFields } from '../ehr/taught-fields/taught-field';
import { STABLE_ATTRIBUTES } from '../ehr/taught-fields/taught-field';
import type { FieldTarget } from '../messaging/insert';
import { mergeFieldMaps, readManagedPolicy } from './managed-policy';

/**
 * Field maps the clinician taught with Map fields, per site. They describe the page's markup (ids,
 * names, label text, positions), never what is in the fields, so `storage.local` is the right
 * place: they must survive the browser closing, and hold nothing about patients.
 */
const Text = z.string().check(z.minLength(1), z.maxLength(500));

export const FieldLocatorSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('id'), id: Text }),
  z.object({ by: z.literal('name'), tag: Text, name: Text }),
  z.object({ by: z.literal('attribute'), tag: Text, attribute: z.enum(STABLE_ATTRIBUTES), value: Text }),
  z.object({ by: z.literal('label'), text: Text }),
  z.object({ by: z.literal('position'), css: Text }),
]);

export const TaughtFieldSchema = z.object({
  frame: z.object({ origin: Text, top: z.boolean() }),
  locators: z.array(FieldLocatorSchema).check(z.minLength(1), z.maxLength(8)),
  fragile: z.boolean(),
});

export const FIELD_TARGETS = ['subjective', 'objective', 'assessment', 'plan', 'note'] as const satisfies readonly FieldTarget[];

export const FieldMapSchema = z.object({
  site: Text,
  fields: z.partialRecord(z.enum(FIELD_TARGETS), TaughtFieldSchema),
  /** When it was last taught (ms since the epoch). */
  taughtAt: z.number(),
});
export type FieldMap = z.infer<typeof FieldMapSchema>;

const KEY = 'fieldMaps';
const StoredSchema = z.record(z.string(), z.unknown());

/** Every stored map that still parses; one damaged entry does not cost the others. */
async function readAll(): Promise<Record<string, FieldMap>> {
  const stored = StoredSchema.safeParse((await browser.storage.local.get(KEY))[KEY]);
  if (!stored.success) return {};
  const maps: Record<string, FieldMap> = {};
  for (const [site, value] of Object.entries(stored.data)) {
    const map = FieldMapSchema.safeParse(value);
    if (map.success && map.data.site === site) maps[site] = map.data;
  }
  return maps;
}

/** The maps in use: the organisation's (policy) for its sites, the clinician's for the others. */
async function readInUse(): Promise<Record<string, FieldMap>> {
  const [local, { policy }] = await Promise.all([readAll(), readManagedPolicy()]);
  return mergeFieldMaps(local, policy);
}

export async function listFieldMaps(): Promise<FieldMap[]> {
  return Object.values(await readInUse()).sort((a, b) => a.site.localeCompare(b.site));
}

/** The fields taught on `site` (`https://ehr.example.org`), or undefined when none are. */
export async function loadTaughtFields(site: string): Promise<TaughtFields | undefined> {
  const map = (await readInUse())[site];
  return map && Object.keys(map.fields).length > 0 ? map.fields : undefined;
}

/**
 * Stores one taught field. Mapping the whole note replaces the section fields and the other way
 * round: a site has either one note field or section fields, never a mix the insert could misuse.
 */
export async function saveTaughtField(site: string, target: FieldTarget, field: TaughtField): Promise<FieldMap> {
  const maps = await readAll();
  const previous = maps[site]?.fields ?? {};
  const kept = Object.fromEntries(Object.entries(previous).filter(([t]) => (target === 'note') === (t === 'note') && t !== target));
  const map = FieldMapSchema.parse({ site, fields: { ...kept, [target]: field }, taughtAt: Date.now() });
  await browser.storage.local.set({ [KEY]: { ...maps, [site]: map } });
  return map;
}

/** Forgets one field of a site's map, or the whole map when `target` is not given. */
export async function deleteFieldMap(site: string, target?: FieldTarget): Promise<void> {
  const maps = await readAll();
  const map = maps[site];
  if (!map) return;
  if (target) {
    const { [target]: _gone, ...fields } = map.fields;
    if (Object.keys(fields).length > 0) maps[site] = { ...map, fields };
    else delete maps[site];
  } else delete maps[site];
  await browser.storage.local.set({ [KEY]: maps });
}

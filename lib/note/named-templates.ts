import { z } from 'zod/mini';

/**
 * The clinician's named templates (issue 16): a template id the API takes (`standard`, a variant
 * the API lists, or a custom one made in the vendor's dashboard), under a name the clinician chose,
 * for one specialty. The picker shows a specialty's templates last used first. Kept in the sealed
 * settings (lib/storage/settings.ts): nothing about patients, but a content script must not be able
 * to swap which template a note is written with.
 */

export const TEMPLATE_ID_MAX = 100;
export const TEMPLATE_NAME_MAX = 80;
/** Per specialty: a clinic's worth of templates, with room to spare. */
export const MAX_TEMPLATES_PER_SPECIALTY = 30;

export const NamedTemplateSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(TEMPLATE_ID_MAX)),
  name: z.string().check(z.minLength(1), z.maxLength(TEMPLATE_NAME_MAX)),
  /** The specialty id it belongs to. */
  specialty: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Epoch ms of the last note asked for with it (or when it was added). */
  lastUsedAt: z.number(),
});
export type NamedTemplate = z.infer<typeof NamedTemplateSchema>;

export const NamedTemplatesSchema = z.array(NamedTemplateSchema);

export type TemplateCheck = { ok: true; template: Omit<NamedTemplate, 'lastUsedAt'> } | { ok: false; message: string };

/** One line each, spaces collapsed; the id as the API will receive it. */
export function checkNamedTemplate(input: { id: string; name: string; specialty: string }): TemplateCheck {
  const id = input.id.trim();
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (id === '') return { ok: false, message: 'Enter the template’s ID, as the SOAP Note API dashboard shows it.' };
  if (/\s/.test(id) || id.length > TEMPLATE_ID_MAX) return { ok: false, message: `A template ID has no spaces and at most ${TEMPLATE_ID_MAX} characters.` };
  if (name === '') return { ok: false, message: 'Give the template a name, to find it by in the list.' };
  if (name.length > TEMPLATE_NAME_MAX) return { ok: false, message: `A template’s name has at most ${TEMPLATE_NAME_MAX} characters.` };
  return { ok: true, template: { id, name, specialty: input.specialty } };
}

/** The clinician's name for a template id in a specialty, if they have named it. */
export function nameOfTemplate(templates: readonly NamedTemplate[], specialty: string, id: string): string | undefined {
  return templates.find((t) => t.specialty === specialty && t.id === id)?.name;
}

/** A specialty's templates, last used first. */
export function templatesFor(templates: readonly NamedTemplate[], specialty: string): NamedTemplate[] {
  return templates.filter((t) => t.specialty === specialty).sort((a, b) => b.lastUsedAt - a.lastUsedAt);
}

/**
 * Adds a template, or renames the one with that id in that specialty; it becomes the last used. The
 * oldest of a specialty beyond the limit is dropped.
 */
export function withTemplate(templates: readonly NamedTemplate[], template: Omit<NamedTemplate, 'lastUsedAt'>, now: number): NamedTemplate[] {
  const others = templates.filter((t) => !(t.specialty === template.specialty && t.id === template.id));
  const mine = templatesFor(others, template.specialty).slice(0, MAX_TEMPLATES_PER_SPECIALTY - 1);
  return [...others.filter((t) => t.specialty !== template.specialty), ...mine, { ...template, lastUsedAt: now }];
}

/** A note was asked for with this id: it moves to the top of its specialty's list (unknown ids are left alone). */
export function usedTemplate(templates: readonly NamedTemplate[], specialty: string, id: string, now: number): NamedTemplate[] {
  return templates.map((t) => (t.specialty === specialty && t.id === id ? { ...t, lastUsedAt: now } : t));
}

export function withoutTemplate(templates: readonly NamedTemplate[], specialty: string, id: string): NamedTemplate[] {
  return templates.filter((t) => !(t.specialty === specialty && t.id === id));
}

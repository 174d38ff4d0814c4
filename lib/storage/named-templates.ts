import { checkNamedTemplate, usedTemplate, withoutTemplate, withTemplate, type NamedTemplate } from '../note/named-templates';
import { loadSettings, saveSettings } from './settings';

export type TemplatesSaved = { ok: true; templates: NamedTemplate[] } | { ok: false; message: string };

/**
 * The named templates, kept in the sealed settings. Every change is refused while the stored settings
 * are ones Chartside did not seal, as style rules are (lib/storage/style-rules.ts): saving then would
 * write the defaults over them and lift the block on API calls.
 */
async function change(apply: (templates: readonly NamedTemplate[]) => NamedTemplate[]): Promise<TemplatesSaved> {
  const settings = await loadSettings();
  if (settings.tampered) return TAMPERED;
  return { ok: true, templates: (await saveSettings({ namedTemplates: apply(settings.namedTemplates) })).namedTemplates };
}

/** Adds (or renames) a template for a specialty; it becomes the first of that specialty's list. */
export async function addNamedTemplate(input: { id: string; name: string; specialty: string }, now = Date.now()): Promise<TemplatesSaved> {
  const checked = checkNamedTemplate(input);
  if (!checked.ok) return checked;
  return change((templates) => withTemplate(templates, checked.template, now));
}

/** A note was asked for with this template: it moves to the top of its specialty's list. */
export function markTemplateUsed(specialty: string, id: string, now = Date.now()): Promise<TemplatesSaved> {
  return change((templates) => usedTemplate(templates, specialty, id, now));
}

export function removeNamedTemplate(specialty: string, id: string): Promise<TemplatesSaved> {
  return change((templates) => withoutTemplate(templates, specialty, id));
}

const TAMPERED: TemplatesSaved = {
  ok: false,
  message: 'Chartside’s settings were changed outside Chartside, so the template was not saved. Open Chartside settings and press Save, then try again.',
};

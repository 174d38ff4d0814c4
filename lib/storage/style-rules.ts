import { checkRules } from '../note/style-rules-editing';
import type { StyleRule } from '../note/style-rules';
import { loadSettings, saveSettings } from './settings';

export type RulesSaved = { ok: true; rules: StyleRule[] } | { ok: false; message: string };

/**
 * Replaces the saved style rules. Refused while the stored settings are ones Chartside did not seal:
 * saving then would write the defaults over them and quietly lift the block on API calls, which only
 * saving the API settings on purpose should do (lib/storage/settings.ts).
 */
export async function saveStyleRules(rules: readonly StyleRule[]): Promise<RulesSaved> {
  const checked = checkRules(rules);
  if (!checked.ok) return checked;
  const settings = await loadSettings();
  if (settings.tampered) return TAMPERED;
  if (settings.managed?.includes('styleRules')) return MANAGED;
  return { ok: true, rules: (await saveSettings({ styleRules: checked.rules })).styleRules };
}

/** Adds one rule after the saved ones (the panel's Add rule). */
export async function addStyleRule(rule: StyleRule): Promise<RulesSaved> {
  const settings = await loadSettings();
  if (settings.tampered) return TAMPERED;
  if (settings.managed?.includes('styleRules')) return MANAGED;
  return saveStyleRules([...settings.styleRules, rule]);
}

const MANAGED: RulesSaved = { ok: false, message: 'Your organisation sets the style rules, so they cannot be changed here.' };

const TAMPERED: RulesSaved = {
  ok: false,
  message: 'Chartside’s settings were changed outside Chartside, so the rules were not saved. Open Chartside settings and press Save, then try again.',
};

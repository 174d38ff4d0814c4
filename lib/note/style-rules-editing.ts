import { z } from 'zod/mini';
import { SECTION_LABELS, SOAP_SECTIONS } from './sections';
import { instructionField, MAX_INSTRUCTIONS_LENGTH, MAX_RULE_LENGTH, MAX_RULES, StyleRuleSchema, StyleRulesSchema, type StyleRule } from './style-rules';

/**
 * Editing the style rules: as lines of text (the options page), checked before they are saved, and
 * as the JSON file of Export rules and Import rules. Apart from style-rules.ts, which the side panel
 * loads at start-up, so that this stays out of its budget (test/packaging/bundle-budgets.ts).
 */

const SECTION_PREFIX = new RegExp(`^(${SOAP_SECTIONS.map((s) => SECTION_LABELS[s]).join('|')})\\s*:\\s*`, 'i');

/**
 * The options page edits rules as text, one a line; a line that starts with a section's name and a
 * colon ("Plan: as a numbered list.") applies to that section, any other line to the whole note.
 */
export function parseRuleLines(text: string, specialty?: string): StyleRule[] {
  const rules: StyleRule[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const prefix = SECTION_PREFIX.exec(line);
    const section = prefix ? SOAP_SECTIONS.find((s) => SECTION_LABELS[s].toLowerCase() === prefix[1]!.toLowerCase()) : undefined;
    const body = prefix ? line.slice(prefix[0].length).trim() : line;
    if (body === '') continue;
    rules.push({ text: body, ...(specialty !== undefined && { specialty }), ...(section && { section }) });
  }
  return rules;
}

/** The text `parseRuleLines` reads back as the same rules (whole-note lines carry no prefix). */
export function ruleLinesText(rules: readonly StyleRule[]): string {
  return rules.map((r) => (r.section ? `${SECTION_LABELS[r.section]}: ${r.text}` : r.text)).join('\n');
}

export type RulesCheck = { ok: true; rules: StyleRule[] } | { ok: false; message: string };

/** Rules as they may be saved: each within its length, not too many, and every specialty's instruction text within the limit. */
export function checkRules(given: readonly StyleRule[]): RulesCheck {
  // A file's rules are trimmed as typed ones are, so what is sent is what the clinician reads.
  const rules = given.map((r) => ({ ...r, text: r.text.trim() }));
  const tooLong = rules.find((r) => r.text.length > MAX_RULE_LENGTH);
  if (tooLong) return { ok: false, message: `A style rule is ${tooLong.text.length} characters long; each may have at most ${MAX_RULE_LENGTH}: “${tooLong.text.slice(0, 40)}…”.` };
  if (rules.length > MAX_RULES) return { ok: false, message: `There are ${rules.length} style rules; Chartside keeps at most ${MAX_RULES}.` };
  const scopes = [undefined, ...new Set(rules.flatMap((r) => (r.specialty === undefined ? [] : [r.specialty])))];
  for (const specialty of scopes) {
    const { length } = instructionField(rules, specialty ?? '', '').text;
    if (length > MAX_INSTRUCTIONS_LENGTH) {
      return {
        ok: false,
        message: `The style rules${specialty ? ` for ${specialty}` : ''} come to ${length.toLocaleString('en')} characters; Chartside sends at most ${MAX_INSTRUCTIONS_LENGTH.toLocaleString('en')} with a note. Shorten or remove some.`,
      };
    }
  }
  const parsed = StyleRulesSchema.safeParse(rules);
  return parsed.success ? { ok: true, rules: parsed.data } : { ok: false, message: 'A style rule is empty or not readable.' };
}

const EXPORT_FORMAT = 'chartside-style-rules';

const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  rules: z.array(StyleRuleSchema),
});

/** The JSON file Export rules saves. */
export function exportRules(rules: readonly StyleRule[]): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, rules }, null, 2)}\n`;
}

export type ImportResult = { ok: true; rules: StyleRule[] } | { ok: false; message: string };

/** A file for Import rules, read whole before anything changes: one bad rule refuses the file. */
export function importRules(fileText: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    return { ok: false, message: 'That file is not a style rules file: it is not JSON. Nothing was changed.' };
  }
  const file = ExportFileSchema.safeParse(json);
  if (!file.success) {
    const issue = file.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    return {
      ok: false,
      message: `That file is not a style rules file Chartside can read${where}: use a file made with Export rules, where each rule has a text and, optionally, a specialty and a section (subjective, objective, assessment or plan). Nothing was changed.`,
    };
  }
  const checked = checkRules(file.data.rules);
  return checked.ok ? checked : { ok: false, message: `${checked.message} Nothing was changed.` };
}

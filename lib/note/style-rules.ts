import { z } from 'zod/mini';
import { SECTION_LABELS, SOAP_SECTIONS } from './sections';

/**
 * The clinician's standing style rules ("Plan: as a numbered list."), written once and sent with
 * every note in `context.custom_instructions`. Settings, not PHI: they are stored sealed with the
 * other settings (lib/storage/settings.ts).
 */

/** One rule's text may be a sentence or two, not a document. */
export const MAX_RULE_LENGTH = 500;
export const MAX_RULES = 100;
/**
 * Our own bound on the whole instruction field. The contract (api/CONTRACT.md) and the vendor's text
 * give no limit for `context.custom_instructions`, so a generous one is set here, in one place, to
 * refuse with clear words rather than send a wall of text a server may cut or refuse.
 */
export const MAX_INSTRUCTIONS_LENGTH = 4000;

export const StyleRuleSchema = z.object({
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_RULE_LENGTH)),
  /** A specialty id: only notes of that specialty. Absent: every note. */
  specialty: z.optional(z.string().check(z.minLength(1))),
  /** One section of the note. Absent: the whole note. */
  section: z.optional(z.enum(SOAP_SECTIONS)),
});
export type StyleRule = z.infer<typeof StyleRuleSchema>;

export const StyleRulesSchema = z.array(StyleRuleSchema).check(z.maxLength(MAX_RULES));

/** The rules that apply to a note of this specialty: every-note rules first, then the specialty's own. */
export function rulesFor(rules: readonly StyleRule[], specialty: string): StyleRule[] {
  return [...rules.filter((r) => r.specialty === undefined), ...rules.filter((r) => r.specialty === specialty)];
}

/** A rule as the API (and the clinician, in the panel) reads it: its scope made explicit. */
export function ruleLine(rule: StyleRule): string {
  return `${rule.section ? SECTION_LABELS[rule.section] : 'Whole note'}: ${rule.text}`;
}

export type InstructionText = { ok: true; text: string | undefined; rulesUsed: string[] } | { ok: false; length: number; message: string; nextStep: string };

/**
 * The instruction field for one note: the rules that apply, one scoped line each, then the note's own
 * custom instructions. Too long is refused whole, never cut.
 */
export function instructionText(rules: readonly StyleRule[], specialty: string, custom: string): InstructionText {
  const rulesUsed = rulesFor(rules, specialty).map(ruleLine);
  const parts = [rulesUsed.length > 0 ? `Style rules:\n${rulesUsed.join('\n')}` : '', custom.trim()].filter((p) => p !== '');
  const text = parts.join('\n\n');
  if (text.length > MAX_INSTRUCTIONS_LENGTH) {
    return {
      ok: false,
      length: text.length,
      message: `The style rules and custom instructions for this note come to ${text.length.toLocaleString('en')} characters; Chartside sends at most ${MAX_INSTRUCTIONS_LENGTH.toLocaleString('en')}. Nothing was sent.`,
      nextStep: 'Shorten the custom instructions, or remove some style rules in Chartside settings, then try again.',
    };
  }
  return { ok: true, text: text === '' ? undefined : text, rulesUsed };
}

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
export function checkRules(rules: readonly StyleRule[]): RulesCheck {
  const tooLong = rules.find((r) => r.text.length > MAX_RULE_LENGTH);
  if (tooLong) return { ok: false, message: `A style rule is ${tooLong.text.length} characters long; each may have at most ${MAX_RULE_LENGTH}: “${tooLong.text.slice(0, 40)}…”.` };
  if (rules.length > MAX_RULES) return { ok: false, message: `There are ${rules.length} style rules; Chartside keeps at most ${MAX_RULES}.` };
  const scopes = [undefined, ...new Set(rules.flatMap((r) => (r.specialty === undefined ? [] : [r.specialty])))];
  for (const specialty of scopes) {
    const built = instructionText(rules, specialty ?? '', '');
    if (!built.ok) {
      return {
        ok: false,
        message: `The style rules${specialty ? ` for ${specialty}` : ''} come to ${built.length.toLocaleString('en')} characters; Chartside sends at most ${MAX_INSTRUCTIONS_LENGTH.toLocaleString('en')} with a note. Shorten or remove some.`,
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

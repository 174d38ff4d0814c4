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
  /** Something to read: not blank. */
  text: z.string().check(z.regex(/\S/), z.maxLength(MAX_RULE_LENGTH)),
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

/** The instruction field's text for one note: the rules that apply, one scoped line each, then the note's own custom instructions. */
export function instructionField(rules: readonly StyleRule[], specialty: string, custom: string): { text: string; rulesUsed: string[] } {
  const rulesUsed = rulesFor(rules, specialty).map(ruleLine);
  const parts = [rulesUsed.length > 0 ? `Style rules:\n${rulesUsed.join('\n')}` : '', custom.trim()].filter((p) => p !== '');
  return { text: parts.join('\n\n'), rulesUsed };
}

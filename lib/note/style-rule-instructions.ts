import { instructionField, MAX_INSTRUCTIONS_LENGTH, type StyleRule } from './style-rules';

/**
 * The instruction field for one note, checked against the limit, with the words the panel shows
 * when it is too long. The side panel's alone: style-rules.ts is shared by every page.
 */

export type InstructionText = { ok: true; text: string | undefined; rulesUsed: string[] } | { ok: false; length: number; message: string; nextStep: string };

/**
 * The instruction field for one note: the rules that apply, one scoped line each, then the note's own
 * custom instructions. Too long is refused whole, never cut.
 */
export function instructionText(rules: readonly StyleRule[], specialty: string, custom: string): InstructionText {
  const { text, rulesUsed } = instructionField(rules, specialty, custom);
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

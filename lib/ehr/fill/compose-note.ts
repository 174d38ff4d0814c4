/**
 * The whole note as one text, for EHRs with a single free-text note field (OpenMRS, Medplum):
 * "Subjective:\n…\n\nObjective:\n…", empty sections left out. The clipboard's plain-text format,
 * so a pasted note and an inserted one read the same.
 */
import { formatNotePlainText } from '../../note/clipboard';
import { emptySections, type NoteSections } from '../../note/sections';

export function composeWholeNote(sections: Partial<NoteSections>): string {
  return formatNotePlainText({ ...emptySections(), ...sections });
}

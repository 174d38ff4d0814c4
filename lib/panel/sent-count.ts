import { apiAge, apiChatRole } from '../api/request-values';
import { AGE_ID, GENDER_ID, NAME_ID, NKDA_ID, type ContextSelection } from './request-context';

/**
 * How many of Patient context's lines go with the note: its checked boxes, less those the API
 * would refuse whatever the box says (an age in months, a message of unknown author), plus each
 * typed field. The folded region says this number, so it must agree with buildRequestContext.
 */
export function countSentLines(selection: ContextSelection): number {
  const { chart, excluded, manual, omitName } = selection;
  const on = (id: string) => !excluded.has(id);
  let count = 0;
  if (chart) {
    const { identity, demographics } = chart;
    if (identity.name && !omitName && on(NAME_ID)) count += 1;
    if (demographics.age !== undefined && apiAge(demographics.age) !== undefined && on(AGE_ID)) count += 1;
    if (demographics.gender && on(GENDER_ID)) count += 1;
    const items = chart.items.filter((i) => on(i.id));
    count += items.length;
    // "No known allergies" goes only where no allergy is sent (request-context.ts).
    if (chart.noKnownAllergies && on(NKDA_ID) && !items.some((i) => i.kind === 'allergy') && manual.allergies.trim() === '') count += 1;
    count += chart.visitNotes.filter((n) => on(n.id)).length;
    count += chart.messages.filter((m) => apiChatRole(m.role) !== undefined && on(m.id)).length;
  }
  count += Object.values(manual).filter((text) => text.trim() !== '').length;
  return count;
}

/** "12 items will be sent", in the clinician's words. */
export function sentLinesText(count: number): string {
  if (count === 0) return 'Nothing from the chart will be sent';
  return `${count} item${count === 1 ? '' : 's'} will be sent`;
}

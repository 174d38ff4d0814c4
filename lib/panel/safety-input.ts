import type { ChartContext } from '../ehr/chart-context';
import type { NoteSections } from '../note/sections';
import type { SafetyCheckInput } from '../note/safety';
import { buildRequestContext, type ManualContext } from './request-context';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).map((text) => ({ text }));

/**
 * What the safety checks look at, from the panel's state: the note as edited, the transcript, the
 * context as it would be sent (support for a statement), and every allergy and medication the chart
 * shows or the clinician typed (safety does not follow the send checkboxes).
 */
export function safetyInputOf(state: {
  sections: NoteSections;
  transcript: string;
  chart: ChartContext | undefined;
  excluded: ReadonlySet<string>;
  manual: ManualContext;
  omitName: boolean;
}): SafetyCheckInput {
  const items = state.chart?.items ?? [];
  const medications = [...items.filter((i) => i.kind === 'medication'), ...lines(state.manual.medications)];
  return {
    sections: state.sections,
    transcript: state.transcript,
    context: buildRequestContext(state),
    allergies: [...items.filter((i) => i.kind === 'allergy'), ...lines(state.manual.allergies)],
    // No list at all (nothing read, nothing typed) means "unknown", not "takes nothing".
    ...(medications.length > 0 ? { medications } : {}),
  };
}

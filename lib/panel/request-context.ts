import type { NoteRequestInput } from '../api/note-request';
import { typedAge } from '../api/request-values';
import type { ChartContext, ChartItem, PatientIdentity, PortalMessage, VisitNote } from '../ehr/chart-context';

/** What the clinician typed where the chart had nothing (or no chart was found). */
export interface ManualContext {
  age: string;
  gender: string;
  medications: string;
  allergies: string;
  /** History the chart does not show; always sent when filled. */
  history: string;
}

export const EMPTY_MANUAL: ManualContext = { age: '', gender: '', medications: '', allergies: '', history: '' };

/** Ids of the items that are not chart items but can be left out all the same. */
export const NAME_ID = 'identity:name';
export const AGE_ID = 'demographics:age';
export const GENDER_ID = 'demographics:gender';
export const NKDA_ID = 'allergy:none-known';
export const NKDA_TEXT = 'No known allergies';

export interface ContextSelection {
  chart: ChartContext | undefined;
  /** Ids the clinician unchecked. Everything else shown is sent. */
  excluded: ReadonlySet<string>;
  manual: ManualContext;
  /** The setting "leave the patient's name out of what is sent". */
  omitName: boolean;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function describeVisit(note: VisitNote): string {
  const head = [note.date, note.provider, note.title].filter(Boolean).join(' — ');
  return head ? `${head}: ${note.text}` : note.text;
}

/**
 * The request's `context`: exactly what is checked, plus what was typed. Nothing unchecked leaves
 * the browser; the name stays out when the setting says so, whatever its checkbox.
 */
export function buildRequestContext(selection: ContextSelection): NoteRequestInput['context'] {
  const { chart, excluded, manual, omitName } = selection;
  const sent = <T extends { id: string }>(items: readonly T[]) => items.filter((item) => !excluded.has(item.id));
  const items: readonly ChartItem[] = chart ? sent(chart.items) : [];
  const ofKind = (kind: ChartItem['kind']) => items.filter((i) => i.kind === kind).map((i) => i.text);

  const allergies = [...ofKind('allergy'), ...lines(manual.allergies)];
  if (chart?.noKnownAllergies && !excluded.has(NKDA_ID) && allergies.length === 0) allergies.push(NKDA_TEXT);

  // A typed age is sent only as whole years ("45"); "45.5" or "45y" are not guessed at (the API refuses them).
  const age = chart?.demographics.age !== undefined && !excluded.has(AGE_ID) ? chart.demographics.age : typedAge(manual.age);
  const gender = chart?.demographics.gender && !excluded.has(GENDER_ID) ? chart.demographics.gender : manual.gender.trim() || undefined;
  const name = !omitName && chart?.identity.name && !excluded.has(NAME_ID) ? chart.identity.name : undefined;

  const problems = [...ofKind('problem'), ...ofKind('history')];
  const visits: readonly VisitNote[] = chart ? sent(chart.visitNotes) : [];
  const messages: readonly PortalMessage[] = chart ? sent(chart.messages) : [];
  const history = [...visits.map(describeVisit), manual.history.trim()].filter(Boolean).join('\n\n');

  return {
    patient_info: {
      name,
      age,
      gender,
      medications: [...ofKind('medication'), ...lines(manual.medications)],
      allergies,
      medical_history: problems.join('; ') || undefined,
    },
    patient_history: history || undefined,
    chat_messages: messages.map((m) => ({ role: m.role, content: m.content, timestamp: m.timestamp })),
  };
}

/** Who the note is for, as read when it was generated (the wrong-patient guard compares against it). */
export function identityForNote(chart: ChartContext | undefined): PatientIdentity | undefined {
  if (!chart) return undefined;
  const { name, dob, mrn } = chart.identity;
  return name || dob || mrn ? chart.identity : undefined;
}

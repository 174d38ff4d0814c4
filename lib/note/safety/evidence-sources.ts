import type { NoteOptionsInput } from '../../api/note-request';
import type { EvidenceSources } from '../evidence';

type SentContext = NoteOptionsInput['context'];

/**
 * What a note can rest on, as the evidence engine takes it: the transcript, and the context as it
 * was sent (only what the clinician left checked), each text under the label the panel shows it by
 * so an excerpt can say where it came from ("Medications: lisinopril 10 mg daily").
 */
export function evidenceSourcesOf(input: { transcript: string; context?: SentContext; otherSources?: readonly string[] }): EvidenceSources {
  const info = input.context?.patient_info;
  const chart: { label: string; text: string }[] = [];
  const add = (label: string, text: string | null | undefined) => {
    if (typeof text === 'string' && text.trim() !== '') chart.push({ label, text });
  };
  add('Patient', [info?.name, info?.age !== undefined && info.age !== null ? `${info.age} years old` : undefined, info?.gender].filter(Boolean).join(', '));
  for (const m of info?.medications ?? []) add('Medications', m);
  // Said as what it is, so a drug on the list reads as one not to give, as the note's "Allergies: penicillin" does.
  for (const a of info?.allergies ?? []) add('Allergies', `Allergy: ${a}`);
  add('Medical history', info?.medical_history);
  add('Instructions', input.context?.custom_instructions);
  for (const other of input.otherSources ?? []) add('Template', other);
  const history = input.context?.patient_history ?? undefined;
  const messages = (input.context?.chat_messages ?? []).flatMap((m) =>
    m.content ? [{ role: m.role ?? 'unknown', text: m.timestamp ? `${m.content} (${m.timestamp})` : m.content }] : [],
  );
  return {
    ...(input.transcript ? { transcript: input.transcript } : {}),
    ...(chart.length > 0 ? { chart } : {}),
    ...(history ? { history } : {}),
    ...(messages.length > 0 ? { messages } : {}),
  };
}

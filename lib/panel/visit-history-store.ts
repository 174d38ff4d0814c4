import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ApiErrorInfo } from '../api/errors';
import { apiAge, apiVisitDate } from '../api/request-values';
import type { Visit, VisitSummary, VisitSummaryRequest } from '../api/schemas';
import type { ChartContext, PatientIdentity } from '../ehr/chart-context';
import { checkSamePatient } from '../ehr/same-patient';
import type { InsertOutcomeInfo, Result } from '../messaging/request-background';
import { SOAP_SECTIONS, type NoteSections } from '../note/sections';
import type { NoteHistoryEntry } from '../storage/note-history';
import { clockTime } from './expiry-text';
import { identityForNote } from './request-context';
import { AGE_ID, NAME_ID } from './request-context';

/** One visit the clinician can pick for the summary. */
export interface PickableVisit {
  /** `chart:<note id>` or `session:<job id>`. */
  id: string;
  /** The checkbox's name. */
  label: string;
  /** Where it came from, for the list's grouping. */
  origin: 'chart' | 'session';
  /** What is sent; absent when the visit cannot be sent (the chart showed no date for it). */
  visit?: Visit;
  /** Why it cannot be sent. */
  reason?: string;
}

export interface VisitHistoryDeps {
  chart: ReadonlySignal<ChartContext | undefined>;
  /** This browser session's notes (all patients; only this chart's patient's are offered). */
  history: ReadonlySignal<NoteHistoryEntry[]>;
  /** The clinician chose to leave the patient's name out of what is sent. */
  omitName: () => boolean;
  /** The Patient context lines left unchecked: what the clinician chose not to send stays unsent here too. */
  excludedContext?: () => ReadonlySet<string>;
  summarize(request: VisitSummaryRequest): Promise<Result<VisitSummary>>;
  /** Absent where the panel is bound to no tab. */
  insert?: (request: { sections: Partial<NoteSections>; patient?: PatientIdentity }) => Promise<Result<InsertOutcomeInfo>>;
  specialtyLabel?: (id: string) => string;
}

export interface LocalMessage {
  message: string;
  nextStep: string;
}

/** The EHR field the summary goes into: interval history is what the patient's past visits tell, i.e. Subjective. */
export const SUMMARY_TARGET = 'subjective' as const;

/**
 * The visit-history summary (POST /v1/visit-summary) for the chart shown in the panel: the prior
 * visits the chart lists and the notes made this browser session for the same patient, a focus, and
 * the answer, to copy or insert. Needs no transcript: it is for before the visit starts.
 */
export function createVisitHistoryStore(deps: VisitHistoryDeps) {
  const excluded = signal<ReadonlySet<string>>(new Set());
  const focus = signal('');
  const busy = signal(false);
  const result = signal<VisitSummary | undefined>(undefined);
  /** Who the summary is about (the chart's patient when it was asked for): inserts are checked against it. */
  const resultPatient = signal<PatientIdentity | undefined>(undefined);
  const error = signal<ApiErrorInfo | LocalMessage | undefined>(undefined);
  const notice = signal<string | undefined>(undefined);

  const visits = computed<PickableVisit[]>(() => [
    ...chartVisits(deps.chart.value),
    ...sessionVisits(deps.history.value, identityForNote(deps.chart.value), deps.specialtyLabel),
  ]);
  const selected = computed(() => visits.value.filter((v) => v.visit && !excluded.value.has(v.id)));
  const resultText = computed(() => (result.value ? summaryText(result.value) : ''));

  function setIncluded(id: string, included: boolean): void {
    const next = new Set(excluded.value);
    if (included) next.delete(id);
    else next.add(id);
    excluded.value = next;
  }

  async function summarize(): Promise<void> {
    if (busy.value) return;
    const picked = selected.value.flatMap((v) => (v.visit ? [v.visit] : []));
    if (picked.length === 0) {
      error.value = {
        message: visits.value.length === 0 ? 'There are no prior visits to summarize for this patient.' : 'No visit is picked.',
        nextStep:
          visits.value.length === 0
            ? 'Read a chart that lists prior visit notes, or generate a note for this patient first.'
            : 'Tick at least one visit, then press Summarize visit history again.',
      };
      return;
    }
    const request: VisitSummaryRequest = {
      visits: [...picked].sort((a, b) => a.visit_date.localeCompare(b.visit_date)),
    };
    const patientInfo = patientInfoOf(deps.chart.peek(), deps.omitName(), deps.excludedContext?.() ?? new Set());
    if (patientInfo) request.patient_info = patientInfo;
    if (focus.value.trim() !== '') request.focus = focus.value.trim();
    batch(() => {
      busy.value = true;
      error.value = undefined;
      notice.value = undefined;
    });
    const who = identityForNote(deps.chart.peek());
    try {
      const answer = await deps.summarize(request);
      batch(() => {
        if (answer.ok) {
          result.value = answer.data;
          resultPatient.value = who;
        } else error.value = answer.error;
      });
    } finally {
      busy.value = false;
    }
  }

  /** The summary for the clipboard: plain text and HTML with the same headings. */
  function clipboard(): { text: string; html: string } {
    return result.value ? { text: resultText.value, html: summaryHtml(result.value) } : { text: '', html: '' };
  }

  async function insert(): Promise<void> {
    if (!result.value || !deps.insert || busy.value) return;
    busy.value = true;
    error.value = undefined;
    notice.value = undefined;
    try {
      const who = resultPatient.value;
      const answer = await deps.insert({ sections: { [SUMMARY_TARGET]: resultText.value }, ...(who && { patient: who }) });
      if (!answer.ok) {
        error.value = answer.error;
        return;
      }
      const outcome = insertMessage(answer.data);
      if (outcome.ok) notice.value = outcome.message;
      else error.value = outcome;
    } finally {
      busy.value = false;
    }
  }

  return { visits, excluded, selected, focus, busy, result, resultText, error, notice, setIncluded, summarize, clipboard, insert };
}

export type VisitHistoryStore = ReturnType<typeof createVisitHistoryStore>;

// ---------------------------------------------------------------------------------------------

function chartVisits(chart: ChartContext | undefined): PickableVisit[] {
  if (!chart) return [];
  return chart.visitNotes.map((note) => {
    const label = [note.date ?? 'Undated', note.title, note.provider].filter(Boolean).join(' — ');
    const id = `chart:${note.id}`;
    if (!note.date) return { id, label, origin: 'chart' as const, reason: 'The chart shows no date for this visit, and the API needs one.' };
    // The API takes a visit's date as YYYY-MM-DD; a date Chartside cannot put in that form is said, not sent.
    const date = apiVisitDate(note.date);
    if (!date) return { id, label, origin: 'chart' as const, reason: 'The chart’s date for this visit could not be read as a calendar date, and the API needs one.' };
    const visit: Visit = { visit_date: date, summary: note.title ? `${note.title}. ${note.text}` : note.text };
    if (note.provider) visit.provider = note.provider;
    return { id, label, origin: 'chart' as const, visit };
  });
}

/**
 * Notes made this session are offered only when they are known to be about the chart's patient:
 * both sides name someone, and every fact both show agrees (the wrong-patient guard's rule).
 */
function sessionVisits(history: NoteHistoryEntry[], chartPatient: PatientIdentity | undefined, specialtyLabel?: (id: string) => string): PickableVisit[] {
  if (!chartPatient) return [];
  return history
    .filter((entry) => entry.patient && checkSamePatient(entry.patient, chartPatient).ok)
    .map((entry) => {
      const soap: NonNullable<Visit['soap_note']> = {};
      for (const section of SOAP_SECTIONS) if (entry.sections[section].trim() !== '') soap[section] = entry.sections[section];
      const specialty = entry.specialty ? ` — ${specialtyLabel?.(entry.specialty) ?? entry.specialty}` : '';
      return {
        id: `session:${entry.jobId}`,
        label: `Note from this session, ${clockTime(entry.completedAt)}${specialty}`,
        origin: 'session' as const,
        visit: { visit_date: localIsoDate(entry.completedAt), soap_note: soap },
      };
    });
}

function localIsoDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function patientInfoOf(chart: ChartContext | undefined, omitName: boolean, excluded: ReadonlySet<string>): VisitSummaryRequest['patient_info'] {
  if (!chart) return undefined;
  const info: NonNullable<VisitSummaryRequest['patient_info']> = {};
  if (chart.identity.name && !omitName && !excluded.has(NAME_ID)) info.name = chart.identity.name;
  // Whole years over zero only, as the API takes it (an infant's 0 or a fractional age is left out).
  const age = apiAge(chart.demographics.age);
  if (age !== undefined && !excluded.has(AGE_ID)) info.age = age;
  return Object.keys(info).length > 0 ? info : undefined;
}

/** The summary as plain text, for the clipboard and for the EHR's field. */
export function summaryText(summary: VisitSummary): string {
  const parts = [`Visit history summary\n${summary.summary}`];
  if (summary.key_findings.length > 0) parts.push(`Key findings\n${summary.key_findings.map((f) => `- ${f}`).join('\n')}`);
  if (summary.active_diagnoses.length > 0) {
    parts.push(`Active diagnoses\n${summary.active_diagnoses.map((d) => `- ${diagnosisText(d)}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

export function diagnosisText(d: { code: string; description: string }): string {
  return d.description ? `${d.code} — ${d.description}` : d.code;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function summaryHtml(summary: VisitSummary): string {
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  let html = `<h3>Visit history summary</h3><p>${escapeHtml(summary.summary)}</p>`;
  if (summary.key_findings.length > 0) html += `<h4>Key findings</h4>${list(summary.key_findings)}`;
  if (summary.active_diagnoses.length > 0) html += `<h4>Active diagnoses</h4>${list(summary.active_diagnoses.map(diagnosisText))}`;
  return html;
}

/** What an insert of the summary did, in words. */
export function insertMessage(outcome: InsertOutcomeInfo): ({ ok: true; message: string } | ({ ok: false } & LocalMessage)) {
  switch (outcome.kind) {
    case 'done': {
      const report = outcome.reports[0];
      if (report && (report.status === 'inserted' || report.status === 'appended' || report.status === 'replaced')) {
        return { ok: true, message: report.target === 'note' ? 'The summary was added to the EHR’s note field.' : 'The summary was added to the EHR’s Subjective field.' };
      }
      return { ok: false, message: 'The summary could not be put into the EHR: no Subjective or note field was found on the page.', nextStep: 'Press Copy summary and paste it where it belongs, or use Map fields to teach Chartside the field.' };
    }
    case 'wrong-patient':
      return { ok: false, message: 'The EHR now shows a different patient from the one this summary is about, so nothing was inserted.', nextStep: 'Open that patient’s chart, or summarize again for the patient shown now.' };
    case 'no-access':
      return { ok: false, message: 'Chartside cannot reach this EHR page.', nextStep: 'Press Enable on this site, then Insert summary again, or copy the summary instead.' };
    case 'no-fields':
      return { ok: false, message: 'No note field was found on the EHR page.', nextStep: 'Open the note form in the EHR, or press Copy summary and paste it.' };
  }
}
